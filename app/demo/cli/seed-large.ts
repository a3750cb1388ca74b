// npm run db:seed:large [-- --records=250000] — a database at scale, for benchmarks and query-plan checks.
import path from 'node:path'
import { LARGE_PASSWORD, seedLarge } from '../large.server.ts'

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const file = path.resolve(arg('file') ?? process.env.DATABASE_PATH ?? 'data/large.db')
const records = Number(arg('records') ?? 250_000)
const started = Date.now()
const result = await seedLarge(file, { records })
console.log(
  `Seeded ${file} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.fellows.length} fellows, ${result.supervisors.length} supervisors, ` +
    `${result.records} records, ${result.events} events, ${result.certificates.length} certificates.`,
)
console.log(`Sign in as fellow1@large.test, supervisor1@large.test or staff1@large.test with the password ${LARGE_PASSWORD}.`)
console.log(`Serve it: DATABASE_PATH=${file} npm run serve`)
