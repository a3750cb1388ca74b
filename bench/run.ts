// npm run bench — throughput and latency of the main pages against the production build on a
// large database, beside the framework's own floor measured in the same run: a minimal Remix
// app (bench/floor: a 50-row table from a loader, no database, Express + compression) built
// with the same Remix, Vite and React, once with 2 routes and once with 50. A bare node:http
// server is the ceiling. Then the same pages with WORKERS=N (node:cluster) against one worker,
// and on PostgreSQL against SQLite (same data, copied by db:copy) when BENCH_POSTGRES_URL or
// TEST_POSTGRES_URL names a server where the role may create a database.
//
// Quicker runs while developing: BENCH_SIZES=25000 BENCH_SECONDS=3 BENCH_WARMUP_SECONDS=1;
// BENCH_WORKERS=1 skips the worker comparison, BENCH_GZIP=0 the compressed run; BENCH_SIZES=0 measures the floors alone.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import autocannon from 'autocannon'
import { openEngine } from '#db/connection.ts'
import { seedLarge } from '#app/demo/large.server.ts'
import { freePort } from '../scripts/free-port.ts'
import { cookieHeaderFor } from '../scripts/session-cookie.ts'
import { startServer } from '../scripts/server-process.ts'
import pg from 'pg'
import { copyDatabase } from '#db/copy.ts'

const CONNECTIONS = 20
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3)
const SIZES = (process.env.BENCH_SIZES ?? '25000,250000')
  .split(',')
  .map(Number)
  .filter((n) => n > 0)
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2)
// The pages again as a browser asks for them, compressed (BENCH_GZIP=0 skips it), for the first size only.
const GZIP = process.env.BENCH_GZIP !== '0'
// The engine comparison: the same data copied into a throwaway PostgreSQL database on this server
// (a role that may create databases), for the first size only. Unset: SQLite alone.
const POSTGRES = process.env.BENCH_POSTGRES_URL ?? process.env.TEST_POSTGRES_URL
const BUILD_DIR = path.resolve(process.env.BUILD_DIR ?? 'build')
const FLOOR_DIR = path.resolve('bench/floor')
const FLOOR_SIZES = [2, 50] as const
// The floors every page is compared with, and the 50-route floor with the router as published:
// what the route-matching memo in patches/ is worth to the framework alone.
const FLOORS = [
  { routes: 2, router: 'patched' },
  { routes: 50, router: 'patched' },
  { routes: 50, router: 'original' },
] as const
// The targets against the 2-route floor: at least half its throughput, at most twice its p99.
const MIN_THROUGHPUT_SHARE = 0.5
const MAX_P99_FACTOR = 2
// The review queue's 100-row page, one request at a time (#15).
const REVIEW_100_TARGET_MS = 100
const ALONE_REQUESTS = Number(process.env.BENCH_ALONE_REQUESTS ?? 200)

type Row = { name: string; rps: number; p50: number; p99: number; errors: number }
/** One request at a time: how long a page takes to answer when nobody else is asking. */
type Alone = { name: string; p50: number; p99: number; max: number }
type Page = { name: string; url: string; cookie?: string }

/** What a browser sends that changes the answer: it accepts compressed pages, which autocannon does not ask for unless told (the compression middleware then picks Brotli). */
const BROWSER_ENCODING = { 'accept-encoding': 'gzip, deflate, br' }

async function measure(name: string, url: string, cookie?: string, { gzip = false } = {}): Promise<Row> {
  const headers = { ...(cookie ? { cookie } : {}), ...(gzip ? BROWSER_ENCODING : {}) }
  // A short unmeasured run first, so the JIT and caches are warm for every route alike.
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, headers })
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers })
  const errors = result.errors + result.timeouts + (result.non2xx ?? 0)
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors }
}

/** ALONE_REQUESTS sequential requests (one connection), after a few unmeasured ones. */
async function measureAlone(name: string, url: string, cookie?: string): Promise<Alone> {
  const headers = cookie ? { cookie } : {}
  await autocannon({ url, connections: 1, amount: 20, headers })
  const result = await autocannon({ url, connections: 1, amount: ALONE_REQUESTS, headers })
  return { name, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max }
}

/** Starts `args` with node and waits until `url` answers 200; the caller kills it. */
async function startChild(args: string[], env: Record<string, string>, url: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, args, { env: { ...process.env, NODE_ENV: 'production', ...env }, stdio: ['ignore', 'ignore', 'pipe'] })
  let log = ''
  child.stderr!.on('data', (d) => (log += d))
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited early:\n${log}`)
    try {
      const res = await fetch(url)
      await res.arrayBuffer()
      if (res.ok) return child
    } catch {
      // Not listening yet: try again.
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  child.kill('SIGKILL')
  throw new Error(`${args.join(' ')} did not answer in time:\n${log}`)
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

/** The ceiling: a bare node:http server, in its own process, returning a fixed page. */
async function measureBaseline(): Promise<Row> {
  const port = await freePort()
  const page = `<!doctype html><html><body>${'<p>KAP Fellowship baseline page.</p>'.repeat(200)}</body></html>`
  const source = `require('node:http').createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html'});s.end(${JSON.stringify(page)})}).listen(${port})`
  const child = await startChild(['-e', source], {}, `http://localhost:${port}/`)
  try {
    return await measure('bare node:http (ceiling)', `http://localhost:${port}/`)
  } finally {
    await stopChild(child)
  }
}

const floorBuildDir = (routes: number) => path.join(FLOOR_DIR, `build-${routes}`)

/** Builds the floor app with `routes` routes, with the same Remix and Vite as the app. */
function buildFloor(routes: number) {
  const remix = path.resolve('node_modules/.bin/remix')
  const run = spawnSync(remix, ['vite:build', '--config', path.join(FLOOR_DIR, 'vite.config.ts'), '--logLevel', 'warn'], {
    env: { ...process.env, NODE_ENV: 'production', FLOOR_ROUTES: String(routes), FLOOR_BUILD_DIR: floorBuildDir(routes) },
    encoding: 'utf8',
  })
  if (run.status !== 0) throw new Error(`building the ${routes}-route floor failed:\n${run.stdout}${run.stderr}`)
}

/** A floor, with the router as patched in patches/ (as the app runs it) or as published. */
async function measureFloor(routes: number, router: 'patched' | 'original' = 'patched', { gzip = false } = {}): Promise<Row> {
  const port = await freePort()
  const url = `http://localhost:${port}/`
  const preload = router === 'original' ? ['--import', path.join(FLOOR_DIR, 'original-router.ts')] : []
  const child = await startChild(
    ['--import', 'tsx', ...preload, path.join(FLOOR_DIR, 'server.ts')],
    { PORT: String(port), FLOOR_BUILD_DIR: floorBuildDir(routes) },
    url,
  )
  try {
    const build = (await import(path.join(floorBuildDir(routes), 'server/index.js'))) as { routes: object }
    if (Object.keys(build.routes).length !== routes) throw new Error(`the ${routes}-route floor has ${Object.keys(build.routes).length} routes`)
    const body = await (await fetch(url)).text()
    if ((body.match(/<tr>/g) ?? []).length !== 51) throw new Error(`the ${routes}-route floor did not render its 50-row table`)
    return await measure(`minimal Remix page, ${routes} routes${router === 'original' ? ', router unpatched' : ''} (floor)`, url, undefined, { gzip })
  } finally {
    await stopChild(child)
  }
}

/**
 * Gzipped JavaScript the lesson page loads: the route manifest, entry, root, the route and every
 * chunk they import; and, apart, what it fetches later (the chunks behind its dynamic imports,
 * such as the knowledge check's schema when the check is first used).
 */
async function lessonPageJsGzip() {
  type Assets = { url: string; entry: { module: string; imports: string[] }; routes: Record<string, { module: string; imports?: string[] }> }
  const { assets } = (await import(path.join(BUILD_DIR, 'server/index.js'))) as { assets: Assets }
  const files = new Set<string>([assets.url, assets.entry.module, ...assets.entry.imports])
  for (const id of ['root', 'routes/learn.$course.$lesson']) {
    const route = assets.routes[id]!
    for (const file of [route.module, ...(route.imports ?? [])]) files.add(file)
  }
  const read = (file: string) => fs.readFileSync(path.join(BUILD_DIR, 'client', file))
  const size = (set: Set<string>) => {
    let raw = 0
    let gzip = 0
    for (const file of set) {
      const bytes = read(file)
      raw += bytes.length
      gzip += zlib.gzipSync(bytes, { level: 9 }).length
    }
    return { files: set.size, raw, gzip }
  }
  // Vite lists each dynamic import's chunks in the importing file (`m.f=["assets/…js", …]`).
  const later = new Set<string>()
  for (const file of files) {
    const code = read(file).toString()
    for (const [, list] of code.matchAll(/m\.f=\[([^\]]*)\]/g)) {
      for (const [, dep] of list!.matchAll(/"([^"]+\.js)"/g)) if (!files.has(`/${dep}`)) later.add(`/${dep}`)
    }
  }
  return { ...size(files), later: size(later) }
}

async function measurePages(pages: Page[], file: string, workers: number, { alone = false, gzip = false } = {}) {
  const server = await startServer({ database: file, env: { WORKERS: String(workers) } })
  const rows: Row[] = []
  const alones: Alone[] = []
  try {
    for (const page of pages) {
      const url = `${server.url}${page.url}`
      const probe = await fetch(url, { headers: page.cookie ? { cookie: page.cookie } : {}, redirect: 'manual' })
      await probe.arrayBuffer()
      if (probe.status !== 200) throw new Error(`${page.name} answered ${probe.status} before the run`)
      rows.push(await measure(page.name, url, page.cookie, { gzip }))
      const row = rows.at(-1)!
      console.log(`  ${page.name} (WORKERS=${workers}${gzip ? ', gzip' : ''}): ${row.rps.toFixed(0)} req/s, p99 ${row.p99} ms`)
      if (alone) {
        alones.push(await measureAlone(page.name, url, page.cookie))
        console.log(`  ${page.name}, one request at a time: p50 ${alones.at(-1)!.p50} ms, p99 ${alones.at(-1)!.p99} ms`)
      }
    }
  } finally {
    server.child.kill('SIGTERM')
    await server.exited
  }
  return Object.assign(rows, { alones })
}

/** The same pages on PostgreSQL: the SQLite file (sessions included) copied by db:copy into a new database, one worker. */
async function measureOnPostgres(pages: Page[], file: string) {
  const admin = new URL(POSTGRES!)
  const name = `kap_bench_${process.pid}`
  const client = new pg.Client({ connectionString: admin.toString() })
  await client.connect()
  try {
    await client.query(`create database "${name}"`)
    const target = new URL(admin)
    target.pathname = `/${name}`
    const started = Date.now()
    await copyDatabase({ from: file, to: target.toString() })
    console.log(`Copied into PostgreSQL in ${((Date.now() - started) / 1000).toFixed(0)} s`)
    return await measurePages(pages, target.toString(), 1)
  } finally {
    await client.query(`drop database if exists "${name}" with (force)`)
    await client.end()
  }
}

async function runSize(records: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-bench-'))
  const file = path.join(dir, 'bench.db')
  try {
    const started = Date.now()
    // The institute grows by fellows, not by records per fellow: 50 records each, 50 fellows a supervisor.
    // So 10× the records is 10× the people, and each page still shows one person's (or one supervisor's) share.
    const fellows = Math.round(records / 50)
    const seeded = await seedLarge(file, { records, fellows, supervisors: Math.max(1, Math.round(fellows / 50)) })
    console.log(
      `\nSeeded ${records.toLocaleString('en-US')} records for ${fellows.toLocaleString('en-US')} fellows (${seeded.events.toLocaleString('en-US')} events) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
    )

    const { db } = openEngine(file)
    const cookieFor = (email: string) => cookieHeaderFor(db, email, 'bench')
    const fellow = await cookieFor('fellow1@large.test')
    const supervisor = await cookieFor('supervisor1@large.test')
    const staff = await cookieFor('staff1@large.test')
    const cohort = await db.selectFrom('cohorts').select('id').orderBy('id').executeTakeFirstOrThrow()
    await db.destroy()

    const pages: Page[] = [
      { name: 'fellow dashboard /', url: '/', cookie: fellow },
      { name: '/hours', url: '/hours', cookie: fellow },
      { name: 'supervisor queue /review', url: '/review', cookie: supervisor },
      { name: 'supervisor queue, 100 rows /review?size=100', url: '/review?size=100', cookie: supervisor },
      { name: 'cohort page (50 members)', url: `/staff/cohorts/${cohort.id}`, cookie: staff },
      { name: 'lesson page', url: '/learn/intro-kap/history', cookie: fellow },
      { name: '/verify/<code>', url: `/verify/${seeded.certificates[0]}` },
    ]
    const one = await measurePages(pages, file, 1, { alone: true })
    const several = WORKERS > 1 ? await measurePages(pages, file, WORKERS) : []
    const postgres = POSTGRES && records === SIZES[0] ? await measureOnPostgres(pages, file) : []
    const compressed = GZIP && records === SIZES[0] ? await measurePages(pages, file, 1, { gzip: true }) : []
    return { records, one, several, postgres, compressed }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

const pct = (share: number) => `${(share * 100).toFixed(0)} %`
const times = (factor: number) => `${factor.toFixed(2)}×`

function pagesTable(records: number, rows: Row[], floor2: Row, floor50: Row) {
  return [
    `#### ${records.toLocaleString('en-US')} records (${(records / 50).toLocaleString('en-US')} fellows, 50 records each)`,
    '',
    '| route | req/s | p50 ms | p99 ms | errors | req/s ÷ 2-route floor | p99 ÷ 2-route floor | target (≥ 50 %, ≤ 2×) | req/s ÷ 50-route floor | p99 ÷ 50-route floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: | ---: |',
    ...rows.map((r) => {
      const share = r.rps / floor2.rps
      const factor = r.p99 / floor2.p99
      const met = share >= MIN_THROUGHPUT_SHARE && factor <= MAX_P99_FACTOR
      const missed = [share < MIN_THROUGHPUT_SHARE && 'req/s', factor > MAX_P99_FACTOR && 'p99'].filter(Boolean).join(', ')
      return `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${pct(share)} | ${times(factor)} | ${met ? 'met' : `missed (${missed})`} | ${pct(r.rps / floor50.rps)} | ${times(r.p99 / floor50.p99)} |`
    }),
  ].join('\n')
}

function aloneTable(records: number, alones: Alone[]) {
  return [
    `#### One request at a time, ${records.toLocaleString('en-US')} records`,
    '',
    `${ALONE_REQUESTS} requests in a row on one connection (nobody else asking): how long a person waits for the page. The review queue's 100-row page should answer in under ${REVIEW_100_TARGET_MS} ms.`,
    '',
    '| route | p50 ms | p99 ms | slowest ms | target |',
    '| --- | ---: | ---: | ---: | :---: |',
    ...alones.map((a) => {
      const target = a.name.includes('100 rows')
        ? a.p99 < REVIEW_100_TARGET_MS
          ? `met (< ${REVIEW_100_TARGET_MS} ms)`
          : `missed (< ${REVIEW_100_TARGET_MS} ms)`
        : ''
      return `| ${a.name} | ${a.p50} | ${a.p99} | ${a.max} | ${target} |`
    }),
  ].join('\n')
}

function enginesTable(records: number, sqlite: Row[], postgres: Row[]) {
  return [
    `#### PostgreSQL against SQLite, ${records.toLocaleString('en-US')} records, one worker`,
    '',
    '| route | req/s, SQLite | req/s, PostgreSQL | PostgreSQL ÷ SQLite | p99 ms, SQLite | p99 ms, PostgreSQL |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...sqlite.map((r, i) => {
      const p = postgres[i]!
      return `| ${r.name} | ${r.rps.toFixed(0)} | ${p.rps.toFixed(0)} | ${pct(p.rps / r.rps)} | ${r.p99} | ${p.p99} |`
    }),
  ].join('\n')
}

function compressedTable(records: number, rows: Row[], floor: Row) {
  return [
    `#### As a browser asks (Accept-Encoding: gzip, deflate, br), ${records.toLocaleString('en-US')} records, one worker`,
    '',
    "The tables above measure what autocannon asks for by default: uncompressed pages. A browser accepts compressed ones, so here the pages and the 2-route floor are compressed by the same `compression` middleware (Brotli, quality 4). The floor hands React's 2 KB pieces to the compressor one by one, each flushed, as Remix's default entry does; the app batches them (`app/utils/batched-stream.server.ts`).",
    '',
    '| route | req/s | p50 ms | p99 ms | p99 ÷ p50 | req/s ÷ 2-route floor | p99 ÷ 2-route floor |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    `| ${floor.name} | ${floor.rps.toFixed(0)} | ${floor.p50} | ${floor.p99} | ${times(floor.p99 / floor.p50)} | | |`,
    ...rows.map(
      (r) => `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${times(r.p99 / r.p50)} | ${pct(r.rps / floor.rps)} | ${times(r.p99 / floor.p99)} |`,
    ),
  ].join('\n')
}

function workersTable(records: number, one: Row[], several: Row[]) {
  return [
    `#### WORKERS=${WORKERS} against WORKERS=1, ${records.toLocaleString('en-US')} records`,
    '',
    `| route | req/s, 1 worker | req/s, ${WORKERS} workers | scaling | p99 ms, 1 worker | p99 ms, ${WORKERS} workers |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...one.map((r, i) => {
      const s = several[i]!
      return `| ${r.name} | ${r.rps.toFixed(0)} | ${s.rps.toFixed(0)} | ${times(s.rps / r.rps)} | ${r.p99} | ${s.p99} |`
    }),
  ].join('\n')
}

console.log(`Building the floor apps (${FLOOR_SIZES.join(' and ')} routes)`)
for (const routes of FLOOR_SIZES) buildFloor(routes)
const baseline = await measureBaseline()
console.log(`Ceiling: ${baseline.rps.toFixed(0)} req/s`)
// The floors are measured before and after the app's pages, and compared with their mean, so a
// machine that got busier or quieter during the run shows as a spread rather than as a bias.
const floorsBefore: Row[] = []
for (const floor of FLOORS) floorsBefore.push(await measureFloor(floor.routes, floor.router))
for (const row of floorsBefore) console.log(`${row.name}: ${row.rps.toFixed(0)} req/s, p99 ${row.p99} ms`)

const results: Awaited<ReturnType<typeof runSize>>[] = []
for (const records of SIZES) results.push(await runSize(records))

const floorsAfter: Row[] = []
for (const floor of FLOORS) floorsAfter.push(await measureFloor(floor.routes, floor.router))
for (const row of floorsAfter) console.log(`${row.name} (again): ${row.rps.toFixed(0)} req/s, p99 ${row.p99} ms`)
const floors = floorsBefore.map((b, i) => {
  const a = floorsAfter[i]!
  return { name: b.name, rps: (b.rps + a.rps) / 2, p50: (b.p50 + a.p50) / 2, p99: (b.p99 + a.p99) / 2, errors: b.errors + a.errors }
})
const [floor2, floor50] = floors as [Row, Row, Row]
const floor2Gzip = GZIP ? await measureFloor(2, 'patched', { gzip: true }) : null
const js = await lessonPageJsGzip()

const flat =
  results.length === 2
    ? results[0]!.one.map((r, i) => {
        const big = results[1]!.one[i]!
        return `| ${r.name} | ${r.rps.toFixed(0)} | ${big.rps.toFixed(0)} | ${pct(big.rps / r.rps)} |`
      })
    : []

const report = [
  `### Benchmark (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version})`,
  '',
  `autocannon, ${CONNECTIONS} connections, ${DURATION} s per route after ${WARMUP} s of warm-up, signed-in GETs against the production build (one worker unless said); every server runs in its own process on the same machine as autocannon.`,
  '',
  '#### Floors and ceiling',
  '',
  'The floor is a minimal Remix app (`bench/floor`) with the same Remix, Vite, React, Express and compression: one page rendering a 50-row table from a loader, no database; once with 2 routes, once with 50 (about as many as ours). Each floor is measured before and after the pages below; the mean is what the pages are compared with.',
  '',
  '| server | req/s (before / after) | mean req/s | p50 ms | p99 ms (before / after) | mean p99 ms | errors |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...floors.map((f, i) => {
    const b = floorsBefore[i]!
    const a = floorsAfter[i]!
    return `| ${f.name} | ${b.rps.toFixed(0)} / ${a.rps.toFixed(0)} | ${f.rps.toFixed(0)} | ${f.p50} | ${b.p99} / ${a.p99} | ${f.p99} | ${f.errors} |`
  }),
  `| ${baseline.name} | ${baseline.rps.toFixed(0)} | ${baseline.rps.toFixed(0)} | ${baseline.p50} | ${baseline.p99} | ${baseline.p99} | ${baseline.errors} |`,
  '',
  'The unpatched floor is the 50-route floor with @remix-run/router as published: the route-matching memo in `patches/` is all that separates it from the row above it.',
  '',
  ...results.flatMap(({ records, one }) => [pagesTable(records, one, floor2, floor50), '', aloneTable(records, one.alones), '']),
  ...results.flatMap(({ records, one, several }) =>
    several.length
      ? [
          workersTable(records, one, several),
          '',
          `autocannon shares the machine's ${os.cpus().length} cores with the workers, so ${WORKERS} workers cannot reach ${WORKERS}× here.`,
          '',
        ]
      : [],
  ),
  ...results.flatMap(({ records, one, postgres }) =>
    postgres.length
      ? [
          enginesTable(records, one, postgres),
          '',
          'PostgreSQL 15 runs on the same machine with its packaged settings; the app reaches it over TCP through a pool of 10 connections.',
          '',
        ]
      : [],
  ),
  ...results.flatMap(({ records, compressed }) => (compressed.length && floor2Gzip ? [compressedTable(records, compressed, floor2Gzip), ''] : [])),
  ...(flat.length
    ? [
        '#### Cost when records grow 10×',
        '',
        `| route | req/s at ${SIZES[0]!.toLocaleString('en-US')} | req/s at ${SIZES[1]!.toLocaleString('en-US')} | kept |`,
        '| --- | ---: | ---: | ---: |',
        ...flat,
        '',
      ]
    : []),
  `Lesson page JavaScript: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, **${(js.gzip / 1024).toFixed(1)} KB gzipped** (target < 120 KB); ` +
    `fetched later, when the knowledge check is first used: ${js.later.files} files, ${(js.later.gzip / 1024).toFixed(1)} KB gzipped.`,
  '',
].join('\n')
fs.mkdirSync('bench', { recursive: true })
fs.writeFileSync(process.env.BENCH_OUT ?? 'bench/results.md', report)
console.log(`\n${report}`)
console.log(`Written to ${process.env.BENCH_OUT ?? 'bench/results.md'}`)
