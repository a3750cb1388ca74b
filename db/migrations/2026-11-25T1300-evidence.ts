import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('practicum_summaries')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('generated_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('generated_at', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text', (c) => c.notNull())
    /** JSON: the summary exactly as issued, so the PDF and its verify page never drift */
    .addColumn('content', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('practicum_summaries_user').on('practicum_summaries').columns(['user_id', 'id']).execute()

  // One digest per person per day, whatever runs the job and how often.
  await db.schema
    .createTable('digest_log')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('digest_log_pk', ['user_id', 'day'])
    .execute()

  await db.schema
    .alterTable('users')
    .addColumn('digest_opt_out', 'integer', (c) => c.notNull().defaultTo(0))
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('users').dropColumn('digest_opt_out').execute()
  await db.schema.dropTable('digest_log').execute()
  await db.schema.dropTable('practicum_summaries').execute()
}
