import fs from 'node:fs'
import { expect, test } from '@playwright/test'
import { sql } from 'kysely'
import { openEngine } from '#db/connection.ts'
import { openSqliteEngine } from '#db/engines/sqlite.ts'
import { throwawayDatabase } from '#tests/support/throwaway-database.ts'
import { insertRecord } from '#app/demo/program.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { createSessionCookie } from '../../scripts/session-cookie.ts'
import { startServer, type ServerProcess } from '../../scripts/server-process.ts'
import { VERIFIED } from '#tests/support/licenses.ts'

// No browser here: the real server as a child process, killed without warning.
test.describe.configure({ mode: 'serial' })

// However the test ends, neither its server nor its folder outlives it.
let database: Awaited<ReturnType<typeof throwawayDatabase>> | undefined
let server: ServerProcess | undefined
test.afterAll(async () => {
  if (server && server.child.exitCode === null && server.child.signalCode === null) {
    server.child.kill('SIGKILL')
    await server.exited
  }
  await database?.remove()
})

test('every approval acknowledged before a SIGKILL survives the restart, and the file is intact', async () => {
  test.setTimeout(120_000)
  database = await throwawayDatabase('crash')
  server = await startServer({ database: database.target })
  const { port, url } = server

  // Arrange through the database the server just created and migrated.
  const { db } = openEngine(database.target)
  const hash = await hashPassword('crash test password')
  const now = new Date().toISOString()
  const person = async (email: string, name: string, role: 'fellow' | 'supervisor', license = false) => {
    const { id } = await db
      .insertInto('users')
      .values({
        email,
        name,
        password_hash: hash,
        created_at: now,
        ...(license ? { license_type: 'LMFT', license_number: '777', license_state: 'CA', ...VERIFIED } : {}),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await db.insertInto('user_roles').values({ user_id: id, role }).execute()
    return id
  }
  const supervisorId = await person('sup@crash.test', 'Crash Supervisor', 'supervisor', true)
  const fellowId = await person('fellow@crash.test', 'Crash Fellow', 'fellow')
  await db.insertInto('supervisor_assignments').values({ fellow_id: fellowId, supervisor_id: supervisorId, assigned_at: now, assigned_by: null }).execute()
  const ids: number[] = []
  for (let i = 0; i < 400; i++) {
    const day = new Date(Date.now() - (i + 1) * 86_400_000).toISOString().slice(0, 10)
    ids.push(await insertRecord(db, { fellowId, kind: 'practicum', status: 'submitted', occurredOn: day, minutes: 60 }, i))
  }
  const session = await createSessionCookie(db, supervisorId, 'crash test')
  await db.destroy()
  const cookie = `${session.name}=${session.value}`

  // Approve as fast as the server answers, four at a time; kill it mid-stream.
  const acknowledged: number[] = []
  let next = 0
  let killed = false
  let reachedTarget!: () => void
  const enoughAcknowledged = new Promise<void>((resolve) => (reachedTarget = resolve))
  const approve = async () => {
    while (!killed && next < ids.length) {
      const id = ids[next++]!
      try {
        const res = await fetch(`${url}/review/${id}`, {
          method: 'POST',
          redirect: 'manual',
          headers: { Cookie: cookie, Origin: url, 'Content-Type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ decision: 'approve', version: '2', comment: '', signature: 'Crash Supervisor', attestationVersion: '2026-11' }),
        })
        if (res.status === 302 && res.headers.get('location') === '/review') {
          acknowledged.push(id)
          if (acknowledged.length >= 60) reachedTarget()
        } else if (!killed) throw new Error(`approval of ${id} answered ${res.status}: ${(await res.text()).slice(0, 500)}`)
      } catch (error) {
        if (!killed) throw error
      }
    }
  }
  const workers = [approve(), approve(), approve(), approve()]
  // A worker's unexpected error fails the test at once, with that error, instead of
  // leaving the others to wait for the test's timeout.
  try {
    await Promise.race([
      enoughAcknowledged,
      Promise.all(workers).then(() => {
        throw new Error(`every record was sent before 60 approvals were acknowledged (${acknowledged.length})`)
      }),
    ])
  } finally {
    // Stops the other workers too when one has failed.
    killed = true
  }
  server.child.kill('SIGKILL')
  // A worker rejects only for an error raised before the kill (failures after it are the point),
  // so one raised between the 60th acknowledgement and the kill fails the test as well.
  const settled = await Promise.allSettled(workers)
  for (const outcome of settled) if (outcome.status === 'rejected') throw outcome.reason
  await server.exited
  expect(acknowledged.length).toBeGreaterThanOrEqual(60)
  expect(acknowledged.length).toBeLessThan(ids.length) // it really died mid-stream

  // Restart on the same database: every acknowledged approval is there.
  server = await startServer({ port, database: database.target })
  if (database.file) {
    const { sqlite } = openSqliteEngine(database.file)
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok')
    sqlite.close()
  }
  const check = openEngine(database.target)
  const approved = new Set((await check.db.selectFrom('records').select('id').where('status', '=', 'approved').execute()).map((r) => r.id))
  const missing = acknowledged.filter((id) => !approved.has(id))
  expect(missing).toEqual([])
  // Every approved record has exactly one approve event (the status and its event are one transaction).
  const orphans = await sql<{ n: number }>`select count(*) as n from records r where r.status = 'approved'
    and (select count(*) from record_events e where e.record_id = r.id and e.action = 'approve') != 1`.execute(check.db)
  expect(orphans.rows[0]!.n).toBe(0)
  await check.close()

  // Graceful shutdown: SIGTERM finishes, closes the database, removes the pid file.
  server.child.kill('SIGTERM')
  expect(await server.exited).toBe(0)
  if (database.file) expect(fs.existsSync(`${database.file}.pid`)).toBe(false)
})
