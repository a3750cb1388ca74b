// npm run bench — throughput and latency of the main pages against the production
// build on a large database, beside a bare node:http server measured in the same run.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'
import autocannon from 'autocannon'
import { openDatabase } from '#db/connection.ts'
import { seedLarge } from '#app/demo/large.server.ts'
import { createSessionCookie } from '../scripts/session-cookie.ts'
import { startServer } from '../scripts/server-process.ts'

const CONNECTIONS = 20
const DURATION = Number(process.env.BENCH_SECONDS ?? 10)
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 3)
const SIZES = (process.env.BENCH_SIZES ?? '25000,250000').split(',').map(Number)
const BUILD_DIR = path.resolve(process.env.BUILD_DIR ?? 'build')

type Row = { name: string; rps: number; p50: number; p99: number; errors: number }

async function measure(name: string, url: string, cookie?: string): Promise<Row> {
  const headers = cookie ? { cookie } : {}
  // A short unmeasured run first, so the JIT and caches are warm for every route alike.
  await autocannon({ url, connections: CONNECTIONS, duration: WARMUP, headers })
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers })
  const errors = result.errors + result.timeouts + (result.non2xx ?? 0)
  return { name, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors }
}

/** The ceiling: a bare node:http server, in its own process, returning a fixed page. */
async function measureBaseline(port: number): Promise<Row> {
  const page = `<!doctype html><html><body>${'<p>KAP Fellowship baseline page.</p>'.repeat(200)}</body></html>`
  const child = spawn(
    process.execPath,
    ['-e', `require('node:http').createServer((q,s)=>{s.writeHead(200,{'content-type':'text/html'});s.end(${JSON.stringify(page)})}).listen(${port})`],
    { stdio: 'ignore' },
  )
  await new Promise((r) => setTimeout(r, 500))
  try {
    return await measure('bare node:http (ceiling)', `http://localhost:${port}/`)
  } finally {
    child.kill()
  }
}

/** Gzipped JavaScript the lesson page loads: the route manifest, entry, root, the route and every chunk they import. */
async function lessonPageJsGzip() {
  type Assets = { url: string; entry: { module: string; imports: string[] }; routes: Record<string, { module: string; imports?: string[] }> }
  const { assets } = (await import(path.join(BUILD_DIR, 'server/index.js'))) as { assets: Assets }
  const files = new Set<string>([assets.url, assets.entry.module, ...assets.entry.imports])
  for (const id of ['root', 'routes/learn.$course.$lesson']) {
    const route = assets.routes[id]!
    for (const file of [route.module, ...(route.imports ?? [])]) files.add(file)
  }
  let raw = 0
  let gzip = 0
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(BUILD_DIR, 'client', file))
    raw += bytes.length
    gzip += zlib.gzipSync(bytes, { level: 9 }).length
  }
  return { files: files.size, raw, gzip }
}

async function runSize(records: number, port: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-bench-'))
  const file = path.join(dir, 'bench.db')
  const started = Date.now()
  // The institute grows by fellows, not by records per fellow: 50 records each, 50 fellows a supervisor.
  // So 10× the records is 10× the people, and each page still shows one person's (or one supervisor's) share.
  const fellows = Math.round(records / 50)
  const seeded = await seedLarge(file, { records, fellows, supervisors: Math.max(1, Math.round(fellows / 50)) })
  console.log(
    `\nSeeded ${records.toLocaleString('en-US')} records for ${fellows.toLocaleString('en-US')} fellows (${seeded.events.toLocaleString('en-US')} events) in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  )

  const { db } = openDatabase(file)
  const cookieFor = async (email: string) => {
    const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
    const c = await createSessionCookie(db, user.id, 'bench')
    return `${c.name}=${c.value}`
  }
  const fellow = await cookieFor('fellow1@large.test')
  const supervisor = await cookieFor('supervisor1@large.test')
  const staff = await cookieFor('staff1@large.test')
  const cohort = await db.selectFrom('cohorts').select('id').orderBy('id').executeTakeFirstOrThrow()
  await db.destroy()

  const server = await startServer({ port, databasePath: file })
  const base = server.url
  const rows: Row[] = []
  try {
    const routes: [string, string, string?][] = [
      ['fellow dashboard /', `${base}/`, fellow],
      ['/hours', `${base}/hours`, fellow],
      ['supervisor queue /review', `${base}/review`, supervisor],
      [`cohort page (${50} members)`, `${base}/staff/cohorts/${cohort.id}`, staff],
      ['lesson page', `${base}/learn/intro-kap/history`, fellow],
      ['/verify/<code>', `${base}/verify/${seeded.certificates[0]}`],
    ]
    for (const [name, url, cookie] of routes) {
      const probe = await fetch(url, { headers: cookie ? { cookie } : {}, redirect: 'manual' })
      if (probe.status !== 200) throw new Error(`${name} answered ${probe.status} before the run`)
      rows.push(await measure(name, url, cookie))
      console.log(`  ${name}: ${rows.at(-1)!.rps.toFixed(0)} req/s`)
    }
  } finally {
    server.child.kill('SIGTERM')
    await server.exited
    fs.rmSync(dir, { recursive: true, force: true })
  }
  return rows
}

function table(records: number, rows: Row[], baseline: Row) {
  const lines = [
    `#### ${records.toLocaleString('en-US')} records (${(records / 50).toLocaleString('en-US')} fellows, 50 records each)`,
    '',
    '| route | req/s | p50 ms | p99 ms | vs bare | p99 < 50 ms | errors |',
    '| --- | ---: | ---: | ---: | ---: | :---: | ---: |',
    ...[...rows, baseline].map(
      (r) =>
        `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${((r.rps / baseline.rps) * 100).toFixed(1)} % | ${r.p99 < 50 ? 'yes' : 'no'} | ${r.errors} |`,
    ),
  ]
  return lines.join('\n')
}

const port = 3400 + (process.pid % 300)
const baseline = await measureBaseline(port + 1)
console.log(`Baseline: ${baseline.rps.toFixed(0)} req/s`)
const results: { records: number; rows: Row[] }[] = []
for (const records of SIZES) results.push({ records, rows: await runSize(records, port) })
const js = await lessonPageJsGzip()

const flat =
  results.length === 2
    ? results[0]!.rows.map((r, i) => {
        const big = results[1]!.rows[i]!
        return `| ${r.name} | ${r.rps.toFixed(0)} | ${big.rps.toFixed(0)} | ${((big.rps / r.rps) * 100).toFixed(0)} % |`
      })
    : []

const report = [
  `### Benchmark (${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} cores, Node ${process.version})`,
  '',
  `autocannon, ${CONNECTIONS} connections, ${DURATION} s per route after ${WARMUP} s of warm-up, signed-in GETs against the production build; the bare node:http server runs in its own process on the same machine.`,
  '',
  ...results.flatMap(({ records, rows }) => [table(records, rows, baseline), '']),
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
  `Lesson page JavaScript: ${js.files} files, ${(js.raw / 1024).toFixed(1)} KB raw, **${(js.gzip / 1024).toFixed(1)} KB gzipped** (target < 120 KB).`,
  '',
].join('\n')
fs.mkdirSync('bench', { recursive: true })
fs.writeFileSync('bench/results.md', report)
console.log(`\n${report}`)
console.log('Written to bench/results.md')
