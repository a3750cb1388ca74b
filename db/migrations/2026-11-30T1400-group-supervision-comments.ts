import { PostgresAdapter, sql, type Kysely } from 'kysely'
import { makeAppendOnly } from '../connection.ts'

const STATUSES_BEFORE = `'draft', 'submitted', 'approved', 'returned'`
const STATUSES_AFTER = `'draft', 'submitted', 'approved', 'returned', 'withdrawn'`

/**
 * A record's status may be `withdrawn`: a group supervision record of a fellow who was marked
 * present by mistake, taken back by the supervisor who recorded the meeting. It stays in the
 * fellow's history with its events; like a returned record, nothing counts it.
 *
 * PostgreSQL changes the check in place. SQLite cannot alter a check, so the table is rebuilt
 * from its own definition (whatever columns it has by now) as SQLite's documentation describes:
 * foreign keys off, a new table with the wider check, the rows copied, the old table dropped and
 * the new one renamed, its indexes and triggers made again, then the foreign keys checked.
 */
async function allowWithdrawn(db: Kysely<any>, statuses: string, replacing: string) {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql.raw(`alter table records drop constraint records_status_check`).execute(db)
    await sql.raw(`alter table records add constraint records_status_check check (status in (${statuses}))`).execute(db)
    return
  }
  const table = (await sql<{ sql: string }>`select sql from sqlite_master where type = 'table' and name = 'records'`.execute(db)).rows[0]
  const check = `status in (${replacing})`
  if (!table || !table.sql.includes(check)) throw new Error(`records: expected the check "${check}" in its definition`)
  const dependents = (
    await sql<{ sql: string }>`select sql from sqlite_master where tbl_name = 'records' and type in ('index', 'trigger') and sql is not null`.execute(db)
  ).rows
  const definition = table.sql.replace(check, `status in (${statuses})`).replace(/^create table\s+"?records"?/i, 'create table "records_rebuilt"')
  await sql`pragma foreign_keys = off`.execute(db)
  try {
    await sql`begin`.execute(db)
    try {
      await sql.raw(definition).execute(db)
      await sql`insert into records_rebuilt select * from records`.execute(db)
      await sql`drop table records`.execute(db)
      await sql`alter table records_rebuilt rename to records`.execute(db)
      for (const { sql: statement } of dependents) await sql.raw(statement).execute(db)
      const broken = (await sql`pragma foreign_key_check`.execute(db)).rows
      if (broken.length) throw new Error(`records: ${broken.length} foreign keys broken by the rebuild`)
      await sql`commit`.execute(db)
    } catch (error) {
      await sql`rollback`.execute(db)
      throw error
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db)
  }
}

// Group supervision recorded once by the supervisor for everyone present, and the thread of
// comments on a record between the fellow and their supervisors.
export async function up(db: Kysely<any>) {
  await allowWithdrawn(db, STATUSES_AFTER, STATUSES_BEFORE)

  await db.schema
    .createTable('group_meetings')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('supervisor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull().check(sql`minutes between 15 and 600`))
    .addColumn('setting', 'text', (c) => c.notNull().check(sql`setting in ('in_person', 'virtual')`))
    .addColumn('topic', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('group_meetings_supervisor').on('group_meetings').columns(['supervisor_id', 'occurred_on', 'id']).execute()

  // Each attendee's signed supervision record; a record belongs to at most one meeting.
  await db.schema
    .createTable('group_meeting_records')
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('group_meetings.id'))
    .addColumn('record_id', 'integer', (c) => c.notNull().unique().references('records.id'))
    .addPrimaryKeyConstraint('group_meeting_records_pk', ['meeting_id', 'record_id'])
    .execute()

  await db.schema
    .createTable('record_comments')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id'))
    .addColumn('author_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('record_comments_record').on('record_comments').columns(['record_id', 'id']).execute()
  // Part of the record's history: nobody rewrites or deletes a comment.
  await makeAppendOnly(db, 'record_comments')
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('record_comments').execute()
  await db.schema.dropTable('group_meeting_records').execute()
  await db.schema.dropTable('group_meetings').execute()
  await sql`update records set status = 'returned' where status = 'withdrawn'`.execute(db)
  await allowWithdrawn(db, STATUSES_BEFORE, STATUSES_AFTER)
}
