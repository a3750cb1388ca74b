import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { Kysely, SqliteDialect } from 'kysely'
import type { DB } from './schema.ts'

export type Database = Kysely<DB>

export function defaultDatabasePath() {
  return process.env.DATABASE_PATH || path.join(process.cwd(), 'data', 'kap.db')
}

/**
 * Opens the SQLite file with the pragmas every connection needs. NORMAL
 * synchronous is safe in WAL mode (a power loss can lose the last commits, never
 * corrupt); approvals and certificates raise it to FULL for their own transaction.
 */
export function openSqlite(file = defaultDatabasePath()) {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  const sqlite = new Database(file)
  sqlite.pragma('journal_mode = WAL')
  sqlite.pragma('foreign_keys = ON')
  sqlite.pragma('busy_timeout = 5000')
  sqlite.pragma('synchronous = NORMAL')
  return sqlite
}

export function openDatabase(file = defaultDatabasePath()) {
  const sqlite = openSqlite(file)
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) })
  return { db, sqlite }
}
