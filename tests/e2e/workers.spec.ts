import fs from 'node:fs'
import http from 'node:http'
import { expect, test } from '@playwright/test'
import { sql } from 'kysely'
import { openEngine, type Engine } from '#db/connection.ts'
import { throwawayDatabase } from '#tests/support/throwaway-database.ts'
import { startServer, type ServerProcess } from '../../scripts/server-process.ts'

// WORKERS=2: two processes behind one port, sharing one database (the SQLite file, or PostgreSQL). What one process kept in
// memory would be per worker; the throttle and the scheduler must hold across both.
test.describe.configure({ mode: 'serial' })

let database: Awaited<ReturnType<typeof throwawayDatabase>>
let server: ServerProcess
let reader: Engine

test.beforeAll(async () => {
  database = await throwawayDatabase('workers')
  server = await startServer({
    database: database.target,
    env: { WORKERS: '2', SEED_DEMO: '1', LOGIN_MAX_FAILURES: '3', DIGEST_SCHEDULER: 'on', DIGEST_FIRST_RUN_MS: '300' },
  })
  reader = openEngine(database.target)
})

test.afterAll(async () => {
  await reader?.close()
  if (server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL')
    await server.exited
  }
  await database.remove()
})

/** A sign-in on a connection of its own, so the cluster hands successive attempts to the workers in turn. */
function signIn(password: string) {
  const body = new URLSearchParams({ email: 'staff@kap.test', password }).toString()
  return new Promise<number>((resolve, reject) => {
    const req = http.request(
      `${server.url}/login`,
      {
        method: 'POST',
        agent: false,
        headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body) },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve(res.statusCode ?? 0))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

async function query<T>(statement: string) {
  return (await sql.raw<T>(statement).execute(reader.db)).rows
}

test('the sign-in throttle counts across workers: three failures, then even the right password waits', async () => {
  const statuses = []
  for (let i = 0; i < 3; i++) statuses.push(await signIn('not the password'))
  statuses.push(await signIn('kap-demo-password'))
  // Kept per process, each worker would have allowed its own three: the fourth would sign in (302).
  expect(statuses).toEqual([400, 400, 400, 429])
})

test('the digest runs in one worker only: one lease holder, one reminder per person', async () => {
  await expect.poll(async () => (await query<{ name: string }>("select name from job_leases where name = 'digest'")).length, { timeout: 15_000 }).toBe(1)
  // Both workers have ticked by now; the second found the lease taken.
  await expect.poll(async () => (await query<{ n: number }>('select count(*) as n from digest_log'))[0]!.n, { timeout: 15_000 }).toBeGreaterThan(0)
  const leases = await query<{ holder: string }>("select holder from job_leases where name = 'digest'")
  expect(leases).toHaveLength(1)
  const perPerson = await query<{ to_address: string; n: number }>(
    "select to_address, count(*) as n from outbox where subject = 'Your KAP Fellowship reminders' group by to_address",
  )
  expect(perPerson.length).toBeGreaterThan(0)
  expect(perPerson.filter((row) => row.n !== 1)).toEqual([])
})

test('SIGTERM stops every worker cleanly and removes the pid file', async () => {
  server.child.kill('SIGTERM')
  expect(await server.exited).toBe(0)
  if (database.file) expect(fs.existsSync(`${database.file}.pid`)).toBe(false)
  expect(server.output()).toContain('the workers finish their in-flight requests')
})
