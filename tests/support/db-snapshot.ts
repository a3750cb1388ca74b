import { createHash } from 'node:crypto'
import { sql } from 'kysely'
import { db, engine } from '#app/db.server.ts'
import { signInCookie, type TestUser } from '#tests/helpers.ts'

type Row = Record<string, unknown>

/** Rows as sorted JSON lines: the same contents compare equal whatever order they come in. */
function lines(rows: Row[]) {
  return rows.map((row) => JSON.stringify(row, (_key, value) => (Buffer.isBuffer(value) ? value.toString('hex') : value))).sort()
}

async function rowsOf(query: string) {
  return (await sql.raw<Row>(query).execute(db)).rows
}

/**
 * A fingerprint of the whole database, read through the app's own connection. On SQLite,
 * better-sqlite3's serialize() copies every page as SQLite sees it (main file and WAL
 * frames together, so uncheckpointed commits count too); on PostgreSQL, every row of
 * every table with the schema. (Not the identity sequences: PostgreSQL advances them
 * outside transactions, so a rolled-back insert leaves a gap in ids, by design.)
 */
export async function databaseChecksum() {
  const image = engine.name === 'sqlite' ? engine.sqlite.serialize() : JSON.stringify(await contentsExcept(null))
  return createHash('sha256').update(image).digest('hex')
}

/**
 * Every row of every table, the schema included (and SQLite's id counters), except the rows of
 * `excluded` and its counter: to check that a refusal which legitimately appends to
 * audit_log changed nothing else.
 */
export async function contentsExcept(excluded: string | null) {
  const contents: Record<string, string[]> = {}
  if (engine.name === 'sqlite') {
    contents.sqlite_master = lines(await rowsOf('select * from sqlite_master'))
    const tables = (await rowsOf(`select name from sqlite_master where type = 'table' order by name`)).map((r) => String(r.name))
    for (const table of tables) {
      if (table === excluded) continue
      contents[table] = lines(
        await rowsOf(table === 'sqlite_sequence' ? `select * from sqlite_sequence where name != '${excluded}'` : `select * from "${table}"`),
      )
    }
    return contents
  }
  contents.columns = lines(
    await rowsOf(`select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema = 'public'`),
  )
  const tables = (await rowsOf(`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)).map((r) =>
    String(r.table_name),
  )
  for (const table of tables) {
    if (table !== excluded) contents[table] = lines(await rowsOf(`select * from "${table}"`))
  }
  return contents
}

export async function auditRowsAfter(id: number) {
  return db.selectFrom('audit_log').select(['id', 'actor_id', 'action', 'subject', 'detail']).where('id', '>', id).orderBy('id').execute()
}

export async function lastAuditId() {
  const { last } = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.coalesce(eb.fn.max('id'), eb.lit(0)).as('last'))
    .executeTakeFirstOrThrow()
  return Number(last)
}

export type Entry = [name: string, value: string | Blob]

/**
 * A form POST built from raw entries, for what the `request` helper cannot send:
 * a file where text is expected, or a field literally named `__proto__`.
 */
export async function rawFormRequest(path: string, { user, entries }: { user?: TestUser; entries: Entry[] }) {
  const origin = 'http://localhost:3000'
  const headers = new Headers({ Origin: origin })
  if (user) headers.set('Cookie', await signInCookie(user))
  const body = new FormData()
  for (const [name, value] of entries) {
    if (typeof value === 'string') body.append(name, value)
    else body.append(name, value, 'upload.txt')
  }
  return new Request(`${origin}${path}`, { method: 'POST', headers, body })
}
