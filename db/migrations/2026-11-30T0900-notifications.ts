import { sql, type Kysely } from 'kysely'

// What happened to each person (a record returned or approved, a certificate issued, a license
// about to expire, new submissions, a co-sitter request), written in the same transaction as the
// event. `mailed_at` is when it went out by mail (per event, or in an hourly or daily summary);
// `dedupe_key` keeps a daily job from writing the same reminder twice. Each person chooses how
// often they are mailed (`users.notify_mail`; null: the default for their roles), and
// `users.notify_summary_at` is when their last summary went.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('notifications')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('params', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('link', 'text', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .addColumn('mailed_at', 'text')
    .execute()
  // The header's unread count: one index lookup per page.
  await db.schema.createIndex('notifications_unread').on('notifications').columns(['user_id', 'read_at']).execute()
  // The list, newest first.
  await db.schema.createIndex('notifications_list').on('notifications').columns(['user_id', 'id']).execute()
  // The summary job: who has something not yet mailed.
  await db.schema.createIndex('notifications_unmailed').on('notifications').columns(['mailed_at', 'user_id']).execute()
  await db.schema.createIndex('notifications_dedupe').on('notifications').columns(['user_id', 'dedupe_key']).unique().execute()
  await db.schema
    .alterTable('users')
    .addColumn('notify_mail', 'text', (c) => c.check(sql`notify_mail in ('immediate', 'hourly', 'daily')`))
    .execute()
  await db.schema.alterTable('users').addColumn('notify_summary_at', 'text').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('users').dropColumn('notify_summary_at').execute()
  await db.schema.alterTable('users').dropColumn('notify_mail').execute()
  await db.schema.dropTable('notifications').execute()
}
