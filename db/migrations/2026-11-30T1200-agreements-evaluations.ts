import { sql, type Kysely } from 'kysely'

// The supervision relationship on paper: one learning agreement per fellow and supervisor,
// signed by both (the gate before practicum records reach that supervisor), and the midpoint
// and final competency evaluations a supervisor writes of a fellow. The forms' fields and the
// rubric live in content/; what was filled in is kept as JSON text beside the hash of the
// content file it was filled against, so a later change of the file never rewrites history.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('learning_agreements')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('fellow_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('supervisor_id', 'integer', (c) => c.notNull().references('users.id'))
    // The content file's version and SHA-256 the answers were written against.
    .addColumn('template_version', 'text', (c) => c.notNull())
    .addColumn('template_sha256', 'text', (c) => c.notNull())
    // JSON: { fieldKey: answer }
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.notNull().references('users.id'))
    // Each signature: the name typed and when; both cover the same content hash.
    .addColumn('signed_content_sha256', 'text')
    .addColumn('fellow_signed_name', 'text')
    .addColumn('fellow_signed_at', 'text')
    .addColumn('supervisor_signed_name', 'text')
    .addColumn('supervisor_signed_at', 'text')
    .addUniqueConstraint('learning_agreements_pair', ['fellow_id', 'supervisor_id'])
    .addCheckConstraint('learning_agreements_fellow_signature', sql`(fellow_signed_name is null) = (fellow_signed_at is null)`)
    .addCheckConstraint('learning_agreements_supervisor_signature', sql`(supervisor_signed_name is null) = (supervisor_signed_at is null)`)
    .addCheckConstraint(
      'learning_agreements_signed_hash',
      sql`(fellow_signed_at is null and supervisor_signed_at is null) or signed_content_sha256 is not null`,
    )
    .execute()
  await db.schema.createIndex('learning_agreements_supervisor').on('learning_agreements').columns(['supervisor_id', 'fellow_id']).execute()

  await db.schema
    .createTable('competency_evaluations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('fellow_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('supervisor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('stage', 'text', (c) => c.notNull().check(sql`stage in ('midpoint', 'final')`))
    .addColumn('rubric_version', 'text', (c) => c.notNull())
    .addColumn('rubric_sha256', 'text', (c) => c.notNull())
    // JSON: { competencyKey: { rating, comment } }
    .addColumn('ratings', 'text', (c) => c.notNull())
    // Whether every competency is at or above the rubric's passing rating, decided when signed.
    .addColumn('passed', 'integer', (c) => c.check(sql`passed in (0, 1)`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('signed_name', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('signed_content_sha256', 'text')
    .addColumn('acknowledged_at', 'text')
    .addColumn('fellow_response', 'text')
    .addCheckConstraint('competency_evaluations_signature', sql`(signed_at is null) = (signed_name is null) and (signed_at is null) = (passed is null)`)
    .addCheckConstraint('competency_evaluations_acknowledged', sql`acknowledged_at is null or signed_at is not null`)
    .execute()
  await db.schema.createIndex('competency_evaluations_fellow').on('competency_evaluations').columns(['fellow_id', 'stage', 'signed_at']).execute()
  await db.schema.createIndex('competency_evaluations_supervisor').on('competency_evaluations').columns(['supervisor_id', 'fellow_id']).execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('competency_evaluations').execute()
  await db.schema.dropTable('learning_agreements').execute()
}
