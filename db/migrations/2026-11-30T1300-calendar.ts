import { sql, type Kysely } from 'kysely'

// The calendar: sessions a fellow plans (experiential, sitter, practicum) and supervision
// meetings a fellow or supervisor plans with the people attending. A session whose time has
// passed becomes a draft record once: `record_id` is unique and set in the same transaction as
// the record, by an update that only matches a row not yet converted. Each person's iCalendar
// feed is a secret URL; only the SHA-256 of its token is kept.
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('planned_items')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('owner_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('experiential', 'sitter', 'practicum', 'meeting')`))
    // The instant it starts (ISO-8601, UTC), and the zone its date and time were typed in.
    .addColumn('starts_at', 'text', (c) => c.notNull())
    .addColumn('time_zone', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull().check(sql`minutes between 15 and 600`))
    // starts_at + minutes, so "upcoming" and "passed" are one comparison in either engine.
    .addColumn('ends_at', 'text', (c) => c.notNull())
    .addColumn('setting', 'text', (c) => c.notNull().check(sql`setting in ('in_person', 'virtual')`))
    // Sessions: the pseudonymous participant (sitter) or client (practicum) code; a sitter session's co-sitter.
    .addColumn('participant_code', 'text')
    .addColumn('co_sitter_id', 'integer', (c) => c.references('users.id'))
    // Meetings: the topic, seen by those attending, never in a feed.
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('cancelled_at', 'text')
    .addColumn('record_id', 'integer', (c) => c.unique().references('records.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('planned_items_owner').on('planned_items').columns(['owner_id', 'ends_at']).execute()
  // The conversion job's look-up: sessions not yet converted, by when they end.
  await db.schema.createIndex('planned_items_pending').on('planned_items').columns(['record_id', 'ends_at']).execute()
  await db.schema.createIndex('planned_items_co_sitter').on('planned_items').columns(['co_sitter_id', 'ends_at']).execute()

  await db.schema
    .createTable('planned_item_attendees')
    .addColumn('item_id', 'integer', (c) => c.notNull().references('planned_items.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('planned_item_attendees_pk', ['item_id', 'user_id'])
    .execute()
  await db.schema.createIndex('planned_item_attendees_user').on('planned_item_attendees').columns(['user_id', 'item_id']).execute()

  await db.schema
    .createTable('calendar_feeds')
    // Unique rather than the primary key: an INTEGER PRIMARY KEY in SQLite is the rowid, which an insert may leave to SQLite.
    .addColumn('user_id', 'integer', (c) => c.notNull().unique().references('users.id'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('calendar_feeds').execute()
  await db.schema.dropTable('planned_item_attendees').execute()
  await db.schema.dropTable('planned_items').execute()
}
