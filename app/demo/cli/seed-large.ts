// npm run db:seed:large [-- --records=250000] — a database at scale, for benchmarks and query-plan checks.
// With DATABASE_URL set, the same data goes into that (new, empty) PostgreSQL database.
import path from 'node:path'
import { redactedUrl } from '#db/engines/postgres.ts'
import { LARGE_PASSWORD, seedLargeInto } from '../large.server.ts'

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]
const target = process.env.DATABASE_URL || path.resolve(arg('file') ?? process.env.DATABASE_PATH ?? 'data/large.db')
const shown = process.env.DATABASE_URL ? redactedUrl(target) : target
const records = Number(arg('records') ?? 250_000)
const started = Date.now()
const result = await seedLargeInto(target, { records })
console.log(
  `Seeded ${shown} in ${((Date.now() - started) / 1000).toFixed(1)} s: ${result.fellows.length} fellows, ${result.supervisors.length} supervisors, ` +
    `${result.records} records, ${result.events} events, ${result.certificates.length} certificates.`,
)
console.log(`Sign in as fellow1@large.test, supervisor1@large.test or staff1@large.test with the password ${LARGE_PASSWORD}.`)
console.log(`Serve it: ${process.env.DATABASE_URL ? `DATABASE_URL='${shown}'` : `DATABASE_PATH=${target}`} npm run serve`)
