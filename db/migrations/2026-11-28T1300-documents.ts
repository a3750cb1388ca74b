import { sql, type Kysely } from 'kysely'

// Documents live in the database beside the clearances, records and licenses they support,
// so one backup (or one db:copy) carries everything. The bytes are a BLOB (bytea on
// PostgreSQL); the columns beside them say what the file is without reading it.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('documents')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // Whose document it is: the fellow a clearance or record belongs to, the supervisor a license proves.
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('clearance_letter', 'license_proof', 'record_attachment')`))
    .addColumn('clearance_id', 'integer', (c) => c.references('medical_clearances.id'))
    .addColumn('record_id', 'integer', (c) => c.references('records.id'))
    // Decided from the bytes when the file arrived, never from its name.
    .addColumn('content_type', 'text', (c) => c.notNull().check(sql`content_type in ('application/pdf', 'image/png', 'image/jpeg')`))
    .addColumn('size', 'integer', (c) => c.notNull().check(sql`size between 1 and 10485760`))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('content', 'blob', (c) => c.notNull())
    .addColumn('uploaded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    // Each kind is attached to exactly what it supports (a license proof to its owner's license).
    .addCheckConstraint(
      'documents_attached_to',
      sql`(kind = 'clearance_letter' and clearance_id is not null and record_id is null)
        or (kind = 'record_attachment' and record_id is not null and clearance_id is null)
        or (kind = 'license_proof' and clearance_id is null and record_id is null)`,
    )
    .execute()
  await db.schema.createIndex('documents_owner_kind').on('documents').columns(['owner_id', 'kind', 'uploaded_at']).execute()
  await db.schema.createIndex('documents_clearance').on('documents').column('clearance_id').execute()
  await db.schema.createIndex('documents_record').on('documents').column('record_id').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('documents').execute()
}
