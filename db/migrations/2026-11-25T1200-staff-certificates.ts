import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('cohorts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('starts_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()

  await db.schema
    .createTable('cohort_members')
    .addColumn('cohort_id', 'integer', (c) => c.notNull().references('cohorts.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('cohort_members_pk', ['cohort_id', 'user_id'])
    .execute()
  await db.schema.createIndex('cohort_members_user').on('cohort_members').columns(['user_id', 'cohort_id']).execute()

  await db.schema
    .createTable('certificates')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('program_slug', 'text', (c) => c.notNull())
    .addColumn('program_title', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('issuer_name', 'text', (c) => c.notNull())
    .addColumn('requirements', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by', 'integer', (c) => c.references('users.id'))
    .addColumn('revocation_reason', 'text')
    .addColumn('reason_public', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
  await db.schema.createIndex('certificates_user_program').on('certificates').columns(['user_id', 'program_slug']).execute()
  await db.schema.createIndex('certificates_issued').on('certificates').columns(['issued_at', 'id']).execute()
  await db.schema.createIndex('certificates_expires').on('certificates').columns(['expires_at']).execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('certificates').execute()
  await db.schema.dropTable('cohort_members').execute()
  await db.schema.dropTable('cohorts').execute()
}
