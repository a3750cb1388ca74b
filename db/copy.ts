import fs from 'node:fs'
import BetterSqlite3 from 'better-sqlite3'
import { sql } from 'kysely'
import { openPostgresEngine, redactedUrl } from './engines/postgres.ts'
import { migrateToLatest } from './migrate.ts'
import { migrations } from './migrations/index.ts'

export class CopyRefused extends Error {}

/** Tables the migrations fill themselves (the role names): copied rows must agree, not duplicate them. */
const SEEDED_BY_MIGRATIONS = new Set(['roles'])
const BOOKKEEPING = /^(sqlite_|kysely_)/

/** Tables in an order where every table comes after the tables its foreign keys point to. */
function dependencyOrder(source: BetterSqlite3.Database) {
  const tables = (source.prepare(`select name from sqlite_master where type = 'table' order by name`).pluck().all() as string[]).filter(
    (name) => !BOOKKEEPING.test(name),
  )
  const parents = new Map(
    tables.map((table) => [
      table,
      (source.prepare('select "table" from pragma_foreign_key_list(?)').pluck().all(table) as string[]).filter((parent) => parent !== table),
    ]),
  )
  const ordered: string[] = []
  const visit = (table: string, path: string[]) => {
    if (ordered.includes(table)) return
    if (path.includes(table)) throw new Error(`Foreign keys form a cycle: ${[...path, table].join(' → ')}`)
    for (const parent of parents.get(table) ?? []) visit(parent, [...path, table])
    ordered.push(table)
  }
  for (const table of tables) visit(table, [])
  return ordered
}

/** Postgres takes at most 65,535 parameters per statement. */
const MAX_PARAMETERS = 60_000
/** Documents are up to 10 MB each: a statement carries at most this many bytes of them, not thousands of rows' worth. */
const MAX_BATCH_BYTES = 16 * 1024 * 1024

const bytesOf = (row: Record<string, unknown>) => Object.values(row).reduce<number>((sum, value) => sum + (Buffer.isBuffer(value) ? value.length : 0), 0)

export type CopyReport = { table: string; rows: number }[]

/**
 * Copies an SQLite institute into an empty PostgreSQL database, every table (records and
 * their events, audit, documents, keys) in one transaction: either all of it lands or none.
 * The target is migrated first; the source must be at the same migration, so both have one schema.
 */
export async function copyDatabase({ from, to, log = () => {} }: { from: string; to: string; log?: (line: string) => void }): Promise<CopyReport> {
  if (!fs.existsSync(from)) throw new CopyRefused(`There is no SQLite database at ${from}.`)
  const source = new BetterSqlite3(from, { readonly: true, fileMustExist: true })
  const target = openPostgresEngine(to, { poolSize: 1 })
  try {
    const applied = source.prepare('select name from kysely_migration order by name').pluck().all() as string[]
    const expected = Object.keys(migrations).sort()
    if (applied.join() !== expected.join()) {
      throw new CopyRefused(`${from} is not at the latest migration: run \`DATABASE_PATH=${from} npm run db:migrate\` first, then copy.`)
    }
    await migrateToLatest(target.db)
    const tables = dependencyOrder(source)
    for (const table of tables) {
      if (SEEDED_BY_MIGRATIONS.has(table)) continue
      const { rows } = await sql<{ present: number }>`select 1 as present from ${sql.table(table)} limit 1`.execute(target.db)
      if (rows.length) throw new CopyRefused(`${redactedUrl(to)} is not empty (${table} has rows): copy only into a new, empty database.`)
    }

    const report: CopyReport = []
    await target.db.transaction().execute(async (trx) => {
      for (const table of tables) {
        // Row by row from SQLite, so a table of documents is never all in memory at once; BLOBs
        // arrive as Buffers, which pg sends as bytea.
        let batch: Record<string, unknown>[] = []
        let batchBytes = 0
        let copied = 0
        const flush = async () => {
          if (!batch.length) return
          const insert = trx.insertInto(table as never).values(batch as never)
          await (SEEDED_BY_MIGRATIONS.has(table) ? insert.onConflict((oc) => oc.doNothing()) : insert).execute()
          copied += batch.length
          batch = []
          batchBytes = 0
        }
        for (const row of source.prepare(`select * from "${table}" order by rowid`).iterate() as IterableIterator<Record<string, unknown>>) {
          batch.push(row)
          batchBytes += bytesOf(row)
          if (batch.length >= Math.max(1, Math.floor(MAX_PARAMETERS / Object.keys(row).length)) || batchBytes >= MAX_BATCH_BYTES) await flush()
        }
        await flush()
        report.push({ table, rows: copied })
        log(`${table}: ${copied} rows`)
      }
      // Rows came with their ids: move each identity past the largest, so the next insert gets a fresh one.
      const identities = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and is_identity = 'YES'`.execute(trx)
      for (const { table_name, column_name } of identities.rows) {
        await sql`select setval(pg_get_serial_sequence(${table_name}, ${column_name}), coalesce(max(${sql.ref(column_name)}), 0) + 1, false) from ${sql.table(table_name)}`.execute(
          trx,
        )
      }
    })
    // Fresh statistics, so the planner picks the indexes from the first request rather than after autovacuum's first pass.
    await sql`analyze`.execute(target.db)
    return report
  } finally {
    source.close()
    await target.close()
  }
}
