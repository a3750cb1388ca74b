import { sql, type Kysely } from 'kysely'

// The categories licensing boards count: supervision apart from consultation (and a group's
// size), practicum as direct or indirect client contact, and a sitter session's clock times
// with the co-sitter who confirms it. Records logged before this keep null: "not recorded".
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('records')
    .addColumn('supervision_type', 'text', (c) => c.check(sql`supervision_type in ('supervision', 'consultation')`))
    .execute()
  await db.schema
    .alterTable('records')
    .addColumn('group_size', 'integer', (c) => c.check(sql`group_size between 2 and 50`))
    .execute()
  await db.schema
    .alterTable('records')
    .addColumn('practicum_contact', 'text', (c) => c.check(sql`practicum_contact in ('direct', 'indirect')`))
    .execute()
  await db.schema.alterTable('records').addColumn('started_at', 'text').execute()
  await db.schema.alterTable('records').addColumn('ended_at', 'text').execute()
  await db.schema
    .alterTable('records')
    .addColumn('co_sitter_id', 'integer', (c) => c.references('users.id'))
    .execute()
  await db.schema.alterTable('records').addColumn('co_sitter_confirmed_at', 'text').execute()
  // A co-sitter's list of sessions to confirm.
  await db.schema.createIndex('records_co_sitter').on('records').columns(['co_sitter_id', 'status']).execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('records_co_sitter').execute()
  for (const column of ['co_sitter_confirmed_at', 'co_sitter_id', 'ended_at', 'started_at', 'practicum_contact', 'group_size', 'supervision_type']) {
    await db.schema.alterTable('records').dropColumn(column).execute()
  }
}
