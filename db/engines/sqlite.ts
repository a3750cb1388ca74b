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

/**
 * How many requests a serving process works on at once (server/concurrency.ts). Statements run
 * synchronously in the process, so a request never waits for the database while another runs:
 * more in flight only interleave, and each then waits for all the others' work between its own
 * steps. Two lets one be written out while the next is worked on.
 */
export const REQUEST_CONCURRENCY = 2

export type SqliteEngine = Engine & { name: 'sqlite'; sqlite: BetterSqlite3.Database; file: string }

/** How many distinct statements stay prepared: every query the app writes, with room for the lengths of its `in (…)` lists. */
const STATEMENT_CACHE_SIZE = 500

/**
 * The handle as Kysely's SQLite driver sees it, with each statement prepared once: the driver
 * prepares the SQL of every query it runs, and compiling the same text again on every request
 * cost about 5 % of a page's CPU. Least recently used statements leave first, so a query whose
 * text varies (an `in` list of any length) cannot grow the cache without bound. A statement
 * still iterating (a streamed query) is never handed out twice: a fresh one is prepared instead.
 */
export function cachingStatements(sqlite: BetterSqlite3.Database, size = STATEMENT_CACHE_SIZE) {
  const statements = new Map<string, BetterSqlite3.Statement>()
  return {
    prepare(source: string) {
      const cached = statements.get(source)
      if (cached && !cached.busy) {
        // Most recently used last: Map keeps insertion order.
        statements.delete(source)
        statements.set(source, cached)
        return cached
      }
      const statement = sqlite.prepare(source)
      if (!cached) {
        statements.set(source, statement)
        if (statements.size > size) statements.delete(statements.keys().next().value!)
      }
      return statement
    },
    close() {
      statements.clear()
      sqlite.close()
    },
  }
}

/** One connection per process: better-sqlite3 is synchronous and SQLite allows one writer, so a single handle is the fastest setup. */
export function openSqliteEngine(file: string): SqliteEngine {
  const sqlite = openSqlite(file)
  const db: Database = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) })
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
