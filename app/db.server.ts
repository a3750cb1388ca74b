import { data } from '@remix-run/node'
import { sql } from 'kysely'
import { openDatabase, type Database } from '#db/connection.ts'

// One connection per process: better-sqlite3 is synchronous and SQLite allows
// one writer, so a single handle (kept across dev reloads) is the fastest setup.
const globalStore = globalThis as unknown as { __kapDatabase?: ReturnType<typeof openDatabase> }
const opened = (globalStore.__kapDatabase ??= openDatabase())

export const db = opened.db
export const sqlite = opened.sqlite
export type { Database }

/**
 * Runs `work` in an IMMEDIATE transaction (takes the write lock up front, so two
 * writers never deadlock on an upgrade). `durable` raises synchronous to FULL for
 * this transaction: the commit is on disk before the caller hears "done".
 */
export async function writeTransaction<T>(work: (trx: Database) => Promise<T>, { durable = false }: { durable?: boolean } = {}): Promise<T> {
  return db.connection().execute(async (conn) => {
    if (durable) await sql`pragma synchronous = FULL`.execute(conn)
    await sql`begin immediate`.execute(conn)
    try {
      const result = await work(conn)
      await sql`commit`.execute(conn)
      return result
    } catch (error) {
      // On a full disk or an I/O error SQLite has already rolled back: a second rollback
      // would fail and hide the error that matters.
      await sql`rollback`.execute(conn).catch(() => {})
      throw storageFailure(error) ?? error
    } finally {
      if (durable) await sql`pragma synchronous = NORMAL`.execute(conn)
    }
  })
}

const STORAGE_ERRORS = /^(SQLITE_FULL|SQLITE_IOERR|SQLITE_READONLY|SQLITE_CANTOPEN)/

/**
 * A write the storage refused (disk full, I/O error) becomes a 503 that says nothing was
 * saved; the real error goes to the log for whoever runs the server.
 */
function storageFailure(error: unknown) {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !STORAGE_ERRORS.test(code)) return null
  console.error(`Storage failure, the write was rolled back (${code}):`, error)
  const message =
    code === 'SQLITE_FULL'
      ? "Nothing was saved: the server's storage is full. Please tell institute staff, and try again later."
      : 'Nothing was saved: the server could not write to its storage. Please tell institute staff, and try again later.'
  return data({ message }, { status: 503 })
}

export function nowIso() {
  return new Date().toISOString()
}
