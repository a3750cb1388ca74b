import type { Kysely } from 'kysely'

// A job several workers could start (the hourly digest) runs in the one that holds its
// lease: agreed in the database, the only thing every worker and every machine shares.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('job_leases')
    .addColumn('name', 'text', (c) => c.primaryKey().notNull())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('job_leases').execute()
}
