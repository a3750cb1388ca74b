import { sql } from 'kysely'
import type { Engine } from '#db/connection.ts'

type Row = Record<string, unknown>

/** Rows as sorted JSON lines: the same contents compare equal whatever order they come in. */
function lines(rows: Row[]) {
  return rows.map((row) => JSON.stringify(row, (_key, value) => (Buffer.isBuffer(value) ? value.toString('hex') : value))).sort()
}

/**
 * Every row of every table, the schema included (and SQLite's id counters), except the rows
 * of `excluded` and its counter: what "nothing changed" is checked against, on either engine.
 * PostgreSQL's identity sequences are left out: it advances them outside transactions, so a
 * rolled-back insert leaves a gap in ids, by design.
 */
export async function tableContents({ name, db }: Pick<Engine, 'name' | 'db'>, excluded: string | null = null) {
  const rowsOf = async (query: string) => (await sql.raw<Row>(query).execute(db)).rows
  const contents: Record<string, string[]> = {}
  if (name === 'sqlite') {
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
    await rowsOf(
      `select table_name, column_name, data_type, is_nullable, column_default from information_schema.columns where table_schema = current_schema()`,
    ),
  )
  const tables = (
    await rowsOf(`select table_name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`)
  ).map((r) => String(r.table_name))
  for (const table of tables) {
    if (table !== excluded) contents[table] = lines(await rowsOf(`select * from "${table}"`))
  }
  return contents
}
