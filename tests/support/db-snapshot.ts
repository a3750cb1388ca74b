import { createHash } from 'node:crypto'
import { db, engine } from '#app/db.server.ts'
import { signInCookie, type TestUser } from '#tests/helpers.ts'
import { tableContents } from '#tests/support/table-contents.ts'

/**
 * A fingerprint of the whole database, read through the app's own connection. On SQLite,
 * better-sqlite3's serialize() copies every page as SQLite sees it (main file and WAL
 * frames together, so uncheckpointed commits count too); on PostgreSQL, every row of
 * every table with the schema.
 */
export async function databaseChecksum() {
  const image = engine.name === 'sqlite' ? engine.sqlite.serialize() : JSON.stringify(await tableContents(engine))
  return createHash('sha256').update(image).digest('hex')
}

/** Everything but `excluded`: to check that a refusal which legitimately appends to audit_log changed nothing else. */
export function contentsExcept(excluded: string) {
  return tableContents(engine, excluded)
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
    // A File keeps the name it was given; a bare Blob is named as a browser would name a file.
    else if (value instanceof File) body.append(name, value)
    else body.append(name, value, 'upload.txt')
  }
  return new Request(`${origin}${path}`, { method: 'POST', headers, body })
}
