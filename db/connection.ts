import path from 'node:path'
import { PostgresAdapter, sql, type Kysely } from 'kysely'
import {
  appendOnlyStatements as postgresAppendOnly,
  isPostgresUrl,
  openPostgresEngine,
  requestConcurrency as postgresRequestConcurrency,
  type PostgresEngine,
} from './engines/postgres.ts'
import {
  appendOnlyStatements as sqliteAppendOnly,
  openSqliteEngine,
  REQUEST_CONCURRENCY as SQLITE_REQUEST_CONCURRENCY,
  type SqliteEngine,
} from './engines/sqlite.ts'

export type { Database, Engine, EngineName } from './engines/types.ts'
export type { PostgresEngine, SqliteEngine }
export { isPostgresUrl }

/**
 * Where the institute's data lives: `DATABASE_URL` (postgres://…) when set, else the
 * SQLite file at `DATABASE_PATH` (default data/kap.db).
 */
export function defaultDatabaseTarget() {
  return process.env.DATABASE_URL || defaultDatabasePath()
}

export function defaultDatabasePath() {
  return path.resolve(process.env.DATABASE_PATH || path.join('data', 'kap.db'))
}

/** Opens the engine a target names: a postgres:// URL or an SQLite file path. */
export function openEngine(target = defaultDatabaseTarget()): SqliteEngine | PostgresEngine {
  return isPostgresUrl(target) ? openPostgresEngine(target) : openSqliteEngine(target)
}

/** How many requests a serving process should work on at once with the engine a target names. */
export function requestConcurrencyFor(target = defaultDatabaseTarget()) {
  return isPostgresUrl(target) ? postgresRequestConcurrency() : SQLITE_REQUEST_CONCURRENCY
}

/** Makes `table` append-only in whichever engine `db` is (migrations call this). */
export async function makeAppendOnly(db: Kysely<unknown>, table: string) {
  const statements = db.getExecutor().adapter instanceof PostgresAdapter ? postgresAppendOnly(table) : sqliteAppendOnly(table)
  for (const statement of statements) await sql.raw(statement).execute(db)
}

export { openSqlite } from './engines/sqlite.ts'
