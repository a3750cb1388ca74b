// The request limit's effect (server/concurrency.ts): serves the profile database with each
// MAX_CONCURRENT_REQUESTS in turn and loads each page with 20 connections, printing req/s and
// latency percentiles beside one another.
//
//   npx tsx bench/limit.ts
//   LIMIT_DATABASE=postgres://… LIMITS=0,4,10 LIMIT_PAGES=review100 npx tsx bench/limit.ts
//
// LIMITS (0,1,2,3: 0 is no limit), LIMIT_PAGES (review,dashboard,review100; also hours),
// LIMIT_SECONDS (8) per page after 3 to warm up. LIMIT_DATABASE: an SQLite file or a postgres://
// URL holding the large seed (default: bench/profile.ts's database; `npm run db:copy` moves it
// to PostgreSQL). BUILD_DIR (build) is the build served.
import autocannon from 'autocannon'
import { openEngine } from '#db/connection.ts'
import { cookieHeaderFor } from '../scripts/session-cookie.ts'
import { startServer } from '../scripts/server-process.ts'

const database = process.env.LIMIT_DATABASE ?? `build-profile/profile-${process.env.PROFILE_RECORDS ?? 25_000}.db`
const { db } = openEngine(database)
const cookieFor = (email: string) => cookieHeaderFor(db, email, 'limit')
const fellow = await cookieFor('fellow1@large.test')
const supervisor = await cookieFor('supervisor1@large.test')
const pages: Record<string, { url: string; cookie: string }> = {
  dashboard: { url: '/', cookie: fellow },
  hours: { url: '/hours', cookie: fellow },
  review: { url: '/review', cookie: supervisor },
  review100: { url: '/review?size=100', cookie: supervisor },
}
await db.destroy()

for (const limit of (process.env.LIMITS ?? '0,1,2,3').split(',')) {
  const server = await startServer({ database, env: { MAX_CONCURRENT_REQUESTS: limit } })
  for (const name of (process.env.LIMIT_PAGES ?? 'review,dashboard,review100').split(',')) {
    const page = pages[name]
    if (!page) throw new Error(`no page called ${name}: one of ${Object.keys(pages).join(', ')}`)
    const options = { url: `${server.url}${page.url}`, connections: 20, headers: { cookie: page.cookie } }
    await autocannon({ ...options, duration: 3 })
    const r = await autocannon({ ...options, duration: Number(process.env.LIMIT_SECONDS ?? 8) })
    console.log(
      `limit ${limit === '0' ? 'none' : limit}, ${name}: ${r.requests.average} req/s, p50 ${r.latency.p50} ms, p90 ${r.latency.p90} ms, p99 ${r.latency.p99} ms, max ${r.latency.max} ms, errors ${r.errors + r.non2xx}`,
    )
  }
  server.child.kill()
  await server.exited
}
