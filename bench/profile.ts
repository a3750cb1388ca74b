// Where a page's time goes: serves the production build on a large database under
// `node --cpu-prof`, loads one page with autocannon, and prints the functions that held
// the CPU longest (self time) and the files they live in, beside the page's req/s.
//
//   BUILD_DIR=build-bench npx tsx bench/profile.ts cohort review
//
// Pages: dashboard, hours, review, review100 (the queue's 100-row page), cohort, lesson, verify (all when none are named).
// PROFILE_RECORDS (25000) sizes the database, which is kept in PROFILE_DIR (build-profile/)
// between runs; PROFILE_SECONDS (10) is the measured load. The .cpuprofile files stay in
// PROFILE_DIR for Chrome's DevTools or speedscope.
import fs from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import { openEngine } from '#db/connection.ts'
import { seedLarge } from '#app/demo/large.server.ts'
import { cookieHeaderFor } from '../scripts/session-cookie.ts'
import { startServer } from '../scripts/server-process.ts'

const RECORDS = Number(process.env.PROFILE_RECORDS ?? 25_000)
const SECONDS = Number(process.env.PROFILE_SECONDS ?? 10)
const DIR = path.resolve(process.env.PROFILE_DIR ?? 'build-profile')
const TOP = Number(process.env.PROFILE_TOP ?? 25)

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number }

async function database() {
  const file = path.join(DIR, `profile-${RECORDS}.db`)
  fs.mkdirSync(DIR, { recursive: true })
  let certificate: string
  if (!fs.existsSync(file)) {
    const fellows = Math.round(RECORDS / 50)
    console.log(`Seeding ${RECORDS} records into ${file}`)
    const seeded = await seedLarge(file, { records: RECORDS, fellows, supervisors: Math.max(1, Math.round(fellows / 50)) })
    certificate = seeded.certificates[0]!
  }
  const { db } = openEngine(file)
  certificate ??= (await db.selectFrom('certificates').select('code').orderBy('id').executeTakeFirstOrThrow()).code
  const cookieFor = (email: string) => cookieHeaderFor(db, email, 'profile')
  const fellow = await cookieFor('fellow1@large.test')
  const supervisor = await cookieFor('supervisor1@large.test')
  const staff = await cookieFor('staff1@large.test')
  const cohort = await db.selectFrom('cohorts').select('id').orderBy('id').executeTakeFirstOrThrow()
  await db.destroy()
  const pages: Record<string, { url: string; cookie?: string }> = {
    dashboard: { url: '/', cookie: fellow },
    hours: { url: '/hours', cookie: fellow },
    review: { url: '/review', cookie: supervisor },
    review100: { url: '/review?size=100', cookie: supervisor },
    cohort: { url: `/staff/cohorts/${cohort.id}`, cookie: staff },
    lesson: { url: '/learn/intro-kap/history', cookie: fellow },
    verify: { url: `/verify/${certificate}` },
  }
  return { file, pages }
}

/**
 * Self time per function and per file, in percent of the samples taken between `from` and `to`
 * (milliseconds after the profile started): the measured load, not the start-up or the warm-up.
 */
function summarize(profile: Profile, from: number, to: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<number, number>()
  let at = 0
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0
    at += delta / 1000
    if (at >= from && at <= to) self.set(id, (self.get(id) ?? 0) + delta)
  })
  const total = [...self.values()].reduce((a, b) => a + b, 0)
  const functions = new Map<string, number>()
  const files = new Map<string, number>()
  for (const [id, t] of self) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame
    const file = url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '') || '(native)'
    const key = `${functionName || '(anonymous)'}  ${file}${url ? `:${lineNumber + 1}` : ''}`
    functions.set(key, (functions.get(key) ?? 0) + t)
    const group = file.includes('node_modules/') ? file.replace(/.*node_modules\/((@[^/]+\/)?[^/]+).*/, '$1') : file
    files.set(group, (files.get(group) ?? 0) + t)
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, t]) => `${((t / total) * 100).toFixed(1).padStart(5)} %  ${k}`)
  return { functions: top(functions, TOP), files: top(files, 15) }
}

const wanted = process.argv.slice(2)
const { file, pages } = await database()
for (const name of wanted.length ? wanted : Object.keys(pages)) {
  const page = pages[name]
  if (!page) throw new Error(`no page called ${name}: one of ${Object.keys(pages).join(', ')}`)
  const profileDir = path.join(DIR, `${name}-${Date.now()}`)
  const spawned = performance.now()
  const server = await startServer({ database: file, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] })
  const headers: Record<string, string> = page.cookie ? { cookie: page.cookie } : {}
  const url = `${server.url}${page.url}`
  const probe = await fetch(url, { headers, redirect: 'manual' })
  await probe.arrayBuffer()
  if (probe.status !== 200) throw new Error(`${name} answered ${probe.status}`)
  await autocannon({ url, connections: 20, duration: 2, headers })
  const from = performance.now() - spawned
  const result = await autocannon({ url, connections: 20, duration: SECONDS, headers })
  const to = performance.now() - spawned
  server.child.kill('SIGTERM')
  await server.exited
  const [profileFile] = fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))
  const { functions, files } = summarize(JSON.parse(fs.readFileSync(path.join(profileDir, profileFile!), 'utf8')) as Profile, from, to)
  console.log(`\n## ${name} ${page.url}: ${result.requests.average.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`)
  console.log(`profile: ${path.relative(process.cwd(), path.join(profileDir, profileFile!))}\n\nself time by function:`)
  console.log(functions.join('\n'))
  console.log('\nself time by file or package:')
  console.log(files.join('\n'))
}
