import { createHash } from 'node:crypto'
import { sqlite } from '#app/db.server.ts'
import { signInCookie, type TestUser } from '#tests/helpers.ts'

/**
 * sha256 of a consistent image of the whole database, read through the app's own
 * connection: better-sqlite3's serialize() copies every page as SQLite sees it,
 * main file and WAL frames together, so uncheckpointed commits count too.
 */
export function databaseChecksum() {
  return createHash('sha256').update(sqlite.serialize()).digest('hex')
}

/**
 * Every row of every table, the schema included, except the rows of `excluded`
 * (and its AUTOINCREMENT counter in sqlite_sequence): to check that a refusal
 * which legitimately appends to audit_log changed nothing else.
 */
export function contentsExcept(excluded: string) {
  const tables = sqlite.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all() as string[]
  const dump = (query: string) =>
    (sqlite.prepare(query).all() as Record<string, unknown>[])
      .map((row) => JSON.stringify(row, (_key, value) => (Buffer.isBuffer(value) ? value.toString('hex') : value)))
      .sort()
  const contents: Record<string, string[]> = { sqlite_master: dump('select * from sqlite_master') }
  for (const table of tables) {
    if (table === excluded) continue
    contents[table] = table === 'sqlite_sequence' ? dump(`select * from sqlite_sequence where name != '${excluded}'`) : dump(`select * from "${table}"`)
  }
  return contents
}

export function auditRowsAfter(id: number) {
  return sqlite.prepare('select * from audit_log where id > ? order by id').all(id) as {
    id: number
    actor_id: number | null
    action: string
    subject: string | null
    detail: string | null
  }[]
}

export function lastAuditId() {
  return (sqlite.prepare('select coalesce(max(id), 0) from audit_log').pluck().get() as number) ?? 0
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
