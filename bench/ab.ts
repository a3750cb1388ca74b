// Two builds of the app, asked for the same pages in one process, turn about: the difference in
// CPU time per request between them, with the machine's noise shared by both.
//
//   npx tsx bench/ab.ts build-before build-after dashboard review
//
// Pages as in bench/queries.ts. AB_ROUNDS (40) alternations of AB_SIZE (10) requests each.
import path from 'node:path'
import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { openSqliteEngine } from '#db/engines/sqlite.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { cookieHeaderFor } from '../scripts/session-cookie.ts'

const [before, after, ...wanted] = process.argv.slice(2)
if (!before || !after) throw new Error('usage: bench/ab.ts <build dir> <build dir> [page …]')
const ROUNDS = Number(process.env.AB_ROUNDS ?? 40)
const SIZE = Number(process.env.AB_SIZE ?? 10)
const file = path.resolve(process.env.PROFILE_DIR ?? 'build-profile', `profile-${process.env.PROFILE_RECORDS ?? 25_000}.db`)
const engine = openSqliteEngine(file)
await migrateToLatest(engine.db)
;(globalThis as unknown as { __kapDatabase: unknown }).__kapDatabase = engine
process.env.APP_URL ??= 'http://localhost:3000'
process.env.NODE_ENV = 'production'
const handlers = await Promise.all(
  [before, after].map(async (dir) => createRequestHandler((await import(path.resolve(dir, 'server/index.js'))) as ServerBuild, 'production')),
)
const { db } = engine
const cookieFor = (email: string) => cookieHeaderFor(db, email, 'ab')
const fellow = await cookieFor('fellow1@large.test')
const supervisor = await cookieFor('supervisor1@large.test')
const cohort = await db.selectFrom('cohorts').select('id').orderBy('id').executeTakeFirstOrThrow()
const certificate = (await db.selectFrom('certificates').select('code').orderBy('id').executeTakeFirstOrThrow()).code
const pages: Record<string, { url: string; cookie?: string }> = {
  dashboard: { url: '/', cookie: fellow },
  hours: { url: '/hours', cookie: fellow },
  notifications: { url: '/notifications', cookie: fellow },
  review: { url: '/review', cookie: supervisor },
  review100: { url: '/review?size=100', cookie: supervisor },
  cohort: { url: `/staff/cohorts/${cohort.id}`, cookie: await cookieFor('staff1@large.test') },
  lesson: { url: '/learn/intro-kap/history', cookie: fellow },
  verify: { url: `/verify/${certificate}` },
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
for (const name of wanted.length ? wanted : Object.keys(pages)) {
  const page = pages[name]!
  const ask = (handle: (typeof handlers)[number]) =>
    handle(new Request(`${process.env.APP_URL}${page.url}`, { headers: page.cookie ? { cookie: page.cookie } : {} }))
  const times: [number[], number[]] = [[], []]
  for (let round = -5; round < ROUNDS; round++)
    for (const side of [0, 1] as const) {
      const from = process.cpuUsage()
      for (let i = 0; i < SIZE; i++) await (await ask(handlers[side]!)).text()
      const used = process.cpuUsage(from)
      if (round >= 0) times[side].push((used.user + used.system) / 1000 / SIZE)
    }
  const [a, b] = times.map(median) as [number, number]
  console.log(`${name.padEnd(14)} ${a.toFixed(2)} ms → ${b.toFixed(2)} ms  (${(((b - a) / a) * 100).toFixed(0)} %)`)
}
await engine.close()
