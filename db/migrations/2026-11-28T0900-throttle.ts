import type { Kysely } from 'kysely'

// Sign-in and reset attempts are counted in the database, not in one process's
// memory: with several workers, each would otherwise grant its own allowance.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('throttle_counters')
    .addColumn('key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('throttle_counters_last_at').on('throttle_counters').column('last_at').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('throttle_counters').execute()
}
