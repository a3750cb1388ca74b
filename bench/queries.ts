// What a page asks the database, and what a request costs without the network: serves signed-in
// GETs of each page through the production build in this process, on the profile database, and
// prints every statement with its rows and time (once the page has been asked QUERIES_ROUNDS times
// to warm up), then the CPU time per request, beside the 2-route floor's served the same way.
//
//   BUILD_DIR=build-bench npx tsx bench/queries.ts cohort review
//
// Pages: dashboard, hours, review, review100 (the queue's 100-row page), cohort, lesson, verify (all when none are named).
// PROFILE_DIR (build-profile/) and PROFILE_RECORDS (25000) as for bench/profile.ts (the database is
// seeded when missing); QUERIES_ROUNDS and QUERIES_BATCHES size the timing; QUERIES_LIST=0 times
// without the per-statement wrapper; QUERIES_SAVE=<dir> keeps each page's HTML there. The floor's
// build (bench/floor/build-2) is the one `npm run bench` makes.
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { openSqliteEngine } from '#db/engines/sqlite.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { seedLarge } from '#app/demo/large.server.ts'
import { cookieHeaderFor } from '../scripts/session-cookie.ts'

const RECORDS = Number(process.env.PROFILE_RECORDS ?? 25_000)
const DIR = path.resolve(process.env.PROFILE_DIR ?? 'build-profile')
const BUILD_DIR = path.resolve(process.env.BUILD_DIR ?? 'build')
const file = path.join(DIR, `profile-${RECORDS}.db`)
const ROUNDS = Number(process.env.QUERIES_ROUNDS ?? 300)
const BATCHES = Number(process.env.QUERIES_BATCHES ?? 30)

type Logged = { sql: string; rows: number; ms: number }
let log: Logged[] | null = null

if (!fs.existsSync(file)) {
  const fellows = Math.round(RECORDS / 50)
  console.log(`Seeding ${RECORDS} records into ${file}`)
  await seedLarge(file, { records: RECORDS, fellows, supervisors: Math.max(1, Math.round(fellows / 50)) })
}
const engine = openSqliteEngine(file)
// A database seeded by an older checkout gets this one's migrations, as the server's start would give it.
await migrateToLatest(engine.db)
// Every statement the app prepares is timed where it runs (QUERIES_LIST=0: not, for a clean time per request).
const prepare = engine.sqlite.prepare.bind(engine.sqlite)
if (process.env.QUERIES_LIST !== '0')
  engine.sqlite.prepare = ((source: string) => {
    const stmt = prepare(source)
    const timed =
      <A extends unknown[], R>(run: (...args: A) => R, count: (r: R) => number) =>
      (...args: A) => {
        const started = performance.now()
        const result = run(...args)
        log?.push({ sql: source, rows: count(result), ms: performance.now() - started })
        return result
      }
    return new Proxy(stmt, {
      get(target, key) {
        if (key === 'all') return timed(target.all.bind(target), (r: unknown[]) => r.length)
        if (key === 'get') return timed(target.get.bind(target), (r: unknown) => (r ? 1 : 0))
        if (key === 'run') return timed(target.run.bind(target), (r: { changes: number }) => r.changes)
        const value = Reflect.get(target, key) as unknown
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value
      },
    })
  }) as typeof engine.sqlite.prepare
;(globalThis as unknown as { __kapDatabase: unknown }).__kapDatabase = engine

process.env.APP_URL ??= 'http://localhost:3000'
// As the server runs: React and Remix pick their production code when first loaded, by the build below.
process.env.NODE_ENV = 'production'
const build = (await import(path.join(BUILD_DIR, 'server/index.js'))) as ServerBuild
const handle = createRequestHandler(build, 'production')

const { db } = engine
const cookieFor = (email: string) => cookieHeaderFor(db, email, 'queries')
const certificate = (await db.selectFrom('certificates').select('code').orderBy('id').executeTakeFirstOrThrow()).code
const cohort = await db.selectFrom('cohorts').select('id').orderBy('id').executeTakeFirstOrThrow()
const pages: Record<string, { url: string; cookie?: string }> = {
  dashboard: { url: '/', cookie: await cookieFor('fellow1@large.test') },
  hours: { url: '/hours', cookie: await cookieFor('fellow1@large.test') },
  review: { url: '/review', cookie: await cookieFor('supervisor1@large.test') },
  review100: { url: '/review?size=100', cookie: await cookieFor('supervisor1@large.test') },
  cohort: { url: `/staff/cohorts/${cohort.id}`, cookie: await cookieFor('staff1@large.test') },
  lesson: { url: '/learn/intro-kap/history', cookie: await cookieFor('fellow1@large.test') },
  verify: { url: `/verify/${certificate}` },
}

const wanted = process.argv.slice(2)
/**
 * CPU time (user and system, this process) per request: the median of `batches` runs of
 * `rounds / batches` requests one after another. On a machine shared with other work the clock
 * measures the neighbours too; the process's own CPU time much less so.
 */
async function timePerRequest(run: () => Promise<unknown>, rounds: number, batches = BATCHES) {
  const size = Math.max(1, Math.round(rounds / batches))
  const times: number[] = []
  for (let b = 0; b < batches; b++) {
    const from = process.cpuUsage()
    for (let i = 0; i < size; i++) await run()
    const used = process.cpuUsage(from)
    times.push((used.user + used.system) / 1000 / size)
  }
  times.sort((x, y) => x - y)
  return times[Math.floor(times.length / 2)]!.toFixed(2)
}
// The framework's floor, served the same way: what a request costs with no database at all.
const floorBuild = (await import(path.resolve('bench/floor/build-2/server/index.js'))) as ServerBuild
const floor = createRequestHandler(floorBuild, 'production')
for (let i = 0; i < ROUNDS; i++) await (await floor(new Request('http://localhost/'))).text()
const floorTime = await timePerRequest(async () => (await floor(new Request('http://localhost/'))).text(), ROUNDS)
console.log(`## floor (2 routes): ${floorTime} ms of CPU a request`)
for (const name of wanted.length ? wanted : Object.keys(pages)) {
  const page = pages[name]
  if (!page) throw new Error(`no page called ${name}: one of ${Object.keys(pages).join(', ')}`)
  const request = () => new Request(`${process.env.APP_URL}${page.url}`, { headers: page.cookie ? { cookie: page.cookie } : {} })
  // Warmed up first: a statement's first runs after start-up take several times what it takes later.
  for (let i = 0; i < ROUNDS; i++) await (await handle(request())).text()
  // The statements of 11 requests, each statement's time the median of its 11: one request alone is at the mercy of a pause.
  const logs: Logged[][] = []
  let response!: Response
  let body = ''
  let total = 0
  for (let i = 0; i < 11; i++) {
    log = []
    const started = performance.now()
    response = await handle(request())
    body = await response.text()
    total = performance.now() - started
    logs.push(log)
  }
  log = null
  if (process.env.QUERIES_SAVE) {
    fs.mkdirSync(process.env.QUERIES_SAVE, { recursive: true })
    fs.writeFileSync(path.join(process.env.QUERIES_SAVE, `${name}.html`), body)
  }
  const queries = logs[0]!.map((q, i) => {
    const times = logs.map((l) => l[i]?.ms ?? Number.NaN).sort((a, b) => a - b)
    return { ...q, ms: times[Math.floor(times.length / 2)]! }
  })
  // The page again, untimed by statement, for a steadier whole-request time.
  const each = await timePerRequest(async () => (await handle(request())).text(), ROUNDS)
  const inDb = queries.reduce((a, q) => a + q.ms, 0)
  console.log(
    `\n## ${name} ${page.url}: ${response.status}, ${(body.length / 1024).toFixed(1)} KB of HTML, ${each} ms of CPU a request (the median of ${BATCHES} batches of ${Math.round(ROUNDS / BATCHES)}, after ${ROUNDS} to warm up)`,
  )
  console.log(`${queries.length} statements, ${inDb.toFixed(2)} ms in the database (medians; ${total.toFixed(2)} ms for the last of these requests):`)
  for (const q of queries) console.log(`${q.ms.toFixed(2).padStart(7)} ms ${String(q.rows).padStart(5)} rows  ${q.sql.replace(/\s+/g, ' ').slice(0, 220)}`)
}
await engine.close()
