// npm run db:copy -- --from data/kap.db --to postgres://user:password@host/database
// Moves an SQLite institute into a new, empty PostgreSQL database; the SQLite file is only read.
import path from 'node:path'
import { parseArgs } from 'node:util'
import { copyDatabase, CopyRefused } from '../copy.ts'
import { isPostgresUrl, redactedUrl } from '../engines/postgres.ts'

const { values } = parseArgs({ options: { from: { type: 'string' }, to: { type: 'string' } } })
if (!values.from || !values.to || !isPostgresUrl(values.to)) {
  console.error('Usage: npm run db:copy -- --from <sqlite file> --to postgres://user:password@host:5432/database')
  process.exit(2)
}
const from = path.resolve(values.from)
try {
  const report = await copyDatabase({ from, to: values.to, log: (line) => console.log(`  ${line}`) })
  const rows = report.reduce((sum, t) => sum + t.rows, 0)
  console.log(`Copied ${rows} rows in ${report.length} tables from ${from} to ${redactedUrl(values.to)}.`)
  console.log(`Serve it: DATABASE_URL='${redactedUrl(values.to)}' npm run serve (with the real password).`)
} catch (error) {
  if (error instanceof CopyRefused) {
    console.error(`Refused: ${error.message}`)
    process.exit(1)
  }
  throw error
}
