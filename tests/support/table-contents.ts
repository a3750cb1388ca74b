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
  // The tables' names, then every row and the schema in one statement: a consistent snapshot in two round
  // trips rather than one per table (the bad-input table takes two snapshots for each of its 1,400 cases).
  // The schema comes from pg_catalog: information_schema's views took most of a snapshot's time.
  const inSchema = `c.relnamespace = current_schema()::regnamespace`
  const tables = (await rowsOf(`select relname from pg_class c where ${inSchema} and c.relkind in ('r', 'p') order by relname`)).map((r) => String(r.relname))
  const included = tables.filter((table) => table !== excluded)
  const schema = {
    columns: `select c.relname, a.attname, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull, pg_get_expr(d.adbin, d.adrelid) as "default"
      from pg_attribute a join pg_class c on c.oid = a.attrelid left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where ${inSchema} and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped`,
    indexes: `select pg_get_indexdef(i.indexrelid) as def from pg_index i join pg_class c on c.oid = i.indrelid where ${inSchema}`,
    triggers: `select pg_get_triggerdef(t.oid) as def from pg_trigger t join pg_class c on c.oid = t.tgrelid where ${inSchema} and not t.tgisinternal`,
  }
  const parts = [
    ...Object.entries(schema).map(([name, query]) => `select '${name}' as name, coalesce(json_agg(s), '[]') as rows from (${query}) s`),
    ...included.map((table) => `select '${table}', coalesce(json_agg(t), '[]') from "${table}" t`),
  ]
  const rowsByName = new Map((await rowsOf(parts.join(' union all '))).map((r) => [String(r.name), r.rows as Row[]]))
  // Keys in a fixed order, whatever order the branches come back in: the checksum hashes this object's JSON.
  for (const name of [...Object.keys(schema), ...included]) contents[name] = lines(rowsByName.get(name)!)
  return contents
}
