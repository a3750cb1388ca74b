import fs from 'node:fs'
import path from 'node:path'
import BetterSqlite3 from 'better-sqlite3'
import { Kysely, SqliteDialect, sql } from 'kysely'
import type { DB } from '../schema.ts'
import type { Database, Engine } from './types.ts'

/**
 * Opens the SQLite file with the pragmas every connection needs. NORMAL
 * synchronous is safe in WAL mode (a power loss can lose the last commits, never
 * corrupt); approvals and certificates raise it to FULL for their own transaction.
 */
export function openSqlite(file: string) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new BetterSqlite3(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  return sqlite
}

const STORAGE_ERRORS = /^(SQLITE_FULL|SQLITE_IOERR|SQLITE_READONLY|SQLITE_CANTOPEN)/

export type SqliteEngine = Engine & { name: 'sqlite'; sqlite: BetterSqlite3.Database; file: string }

/** One connection per process: better-sqlite3 is synchronous and SQLite allows one writer, so a single handle is the fastest setup. */
export function openSqliteEngine(file: string): SqliteEngine {
  const sqlite = openSqlite(file)
  const db: Database = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
  return {
    name: 'sqlite',
    db,
    sqlite,
    file,
    location: file,
    // IMMEDIATE takes the write lock up front, so two writers never deadlock on an upgrade.
    writeTransaction: (work, { durable = false } = {}) =>
      db.connection().execute(async (conn) => {
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
          throw error
        } finally {
          if (durable) await sql`pragma synchronous = NORMAL`.execute(conn)
        }
      }),
    storageFailure(error) {
      const code = (error as { code?: unknown } | null)?.code
      if (typeof code !== 'string' || !STORAGE_ERRORS.test(code)) return null
      return { kind: code === 'SQLITE_FULL' ? 'full' : 'io', code }
    },
    close: () => db.destroy(),
  }
}

/** The statements that make `table` append-only: the database itself refuses UPDATE and DELETE on it. */
export function appendOnlyStatements(table: string) {
  return ['update', 'delete'].map(
    (operation) => `create trigger ${table}_no_${operation} before ${operation} on ${table}
    begin select raise(abort, '${table} is append-only'); end`,
  )
}
