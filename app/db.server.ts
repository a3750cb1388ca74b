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
export async function writeTransaction<T>(
  work: (trx: Database) => Promise<T>,
  { durable = false }: { durable?: boolean } = {},
): Promise<T> {
  return db.connection().execute(async (conn) => {
    if (durable) await sql`pragma synchronous = FULL`.execute(conn)
    await sql`begin immediate`.execute(conn)
    try {
      const result = await work(conn)
      await sql`commit`.execute(conn)
      return result
    } catch (error) {
      await sql`rollback`.execute(conn)
      throw error
    } finally {
      if (durable) await sql`pragma synchronous = NORMAL`.execute(conn)
    }
  })
}

export function nowIso() {
  return new Date().toISOString()
}
