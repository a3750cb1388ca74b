import type { Kysely } from 'kysely'

// The people list is ordered by name: without this index every page sorted the whole table.
export async function up(db: Kysely<any>) {
  await db.schema.createIndex('users_name').on('users').columns(['name', 'id']).execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('users_name').execute()
}
