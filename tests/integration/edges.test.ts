import { sql } from 'kysely'
import { describe, expect, test, vi } from 'vitest'
import { daysAgo } from '#app/demo/program.server.ts'
import { hashToken } from '#app/auth/tokens.ts'
import { db, engine } from '#app/db.server.ts'
import * as forgotRoute from '#app/routes/forgot-password.tsx'
import * as newRecordRoute from '#app/routes/hours.new.tsx'
import * as loginRoute from '#app/routes/login.tsx'
import * as resetRoute from '#app/routes/reset-password.$token.tsx'
import { count, createUser, request, run, TEST_PASSWORD } from '#tests/helpers.ts'

async function mailsTo(email: string) {
  return db.selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('id').execute()
}
function tokenIn(body: string) {
  return /\/reset-password\/([a-z2-7]+)/.exec(body)![1]!
}
const fromIp = (ip: string) => ({ 'x-kap-client-ip': ip })

describe('links in mail come from the configured origin', () => {
  test('a forged Host never reaches a reset mail', async () => {
    const user = await createUser(['fellow'])
    const forged = new Request('http://evil.example/forgot-password', {
      method: 'POST',
      headers: { Host: 'evil.example', Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: user.email }),
    })
    expect((await run(forgotRoute.action, forged)).status).toBe(200)
    const [mail] = await mailsTo(user.email)
    expect(mail!.body).toContain('http://localhost:3000/reset-password/')
    expect(mail!.body).not.toContain('evil.example')
  })
})

describe('password reset requests are throttled and a new link ends the older ones', () => {
  test('three requests per address in an hour, then a wait; the limit reveals nothing about the account', async () => {
    const saved = process.env.RESET_MAX_REQUESTS
    delete process.env.RESET_MAX_REQUESTS // the real default
    try {
      const user = await createUser(['fellow'])
      const ask = async (email: string, ip: string) => run(forgotRoute.action, await request('/forgot-password', { form: { email }, headers: fromIp(ip) }))
      for (let i = 0; i < 3; i++) expect((await ask(user.email, `198.51.100.${i}`)).status).toBe(200)
      const fourth = await ask(user.email, '198.51.100.9')
      expect(fourth.status).toBe(429)
      expect(fourth.data.errors.form).toMatch(/^Too many password reset requests\. Please wait \d+ minutes? and try again\.$/)
      expect(await mailsTo(user.email)).toHaveLength(3)

      // Ten requests for ten addresses from one IP: three pass, the rest wait, whether or not the account exists.
      const outcomes = []
      for (let i = 0; i < 10; i++) outcomes.push((await ask(`nobody-${i}-${Date.now()}@example.test`, '203.0.113.5')).status)
      expect(outcomes).toEqual([200, 200, 200, 429, 429, 429, 429, 429, 429, 429])
    } finally {
      process.env.RESET_MAX_REQUESTS = saved
    }
  })

  test('only the newest reset link works', async () => {
    const user = await createUser(['fellow'])
    await run(forgotRoute.action, await request('/forgot-password', { form: { email: user.email } }))
    await run(forgotRoute.action, await request('/forgot-password', { form: { email: user.email } }))
    const [first, second] = (await mailsTo(user.email)).map((m) => tokenIn(m.body))
    const open = await db.selectFrom('password_resets').select('token_hash').where('user_id', '=', user.id).where('used_at', 'is', null).execute()
    expect(open.map((r) => r.token_hash)).toEqual([hashToken(second!)])
    const stale = await run(resetRoute.loader, await request(`/reset-password/${first}`), { token: first! })
    expect(stale.data.email).toBeNull()
    const fresh = await run(resetRoute.loader, await request(`/reset-password/${second}`), { token: second! })
    expect(fresh.data.email).toBe(user.email)
  })
})

/**
 * Makes the next write find the storage full. SQLite: the file may not grow past its
 * current pages. PostgreSQL: inserting a record fails with the server's own disk-full
 * error (53100), as when the volume fills.
 */
async function fillStorage() {
  if (engine.name === 'sqlite') {
    const { sqlite } = engine
    const pages = Number(sqlite.pragma('page_count', { simple: true }))
    sqlite.pragma(`max_page_count = ${pages}`)
    return { release: async () => void sqlite.pragma('max_page_count = 4294967294') }
  }
  await sql`create function simulate_disk_full() returns trigger language plpgsql as $$
    begin raise exception 'could not extend file: No space left on device' using errcode = 'disk_full'; end $$`.execute(db)
  await sql`create trigger records_disk_full before insert on records for each row execute function simulate_disk_full()`.execute(db)
  return {
    release: async () => {
      await sql`drop trigger records_disk_full on records`.execute(db)
      await sql`drop function simulate_disk_full()`.execute(db)
    },
  }
}

describe('after sign-in the redirect stays on this site', () => {
  test.each([
    ['/\t/evil.example/phish', '/'],
    ['/\n/x', '/'],
    ['//evil.example', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['/hours?kind=sitter', '/hours?kind=sitter'],
  ])('redirectTo %j lands on %j', async (redirectTo, expected) => {
    const user = await createUser(['fellow'])
    const outcome = await run(
      loginRoute.action,
      await request('/login', {
        form: { email: user.email, password: TEST_PASSWORD, redirectTo },
        headers: fromIp(`192.0.2.${Math.floor(Math.random() * 250)}`),
      }),
    )
    expect(outcome.status).toBe(302)
    expect(outcome.location).toBe(expected)
  })
})

describe('storage failures are said, not hidden', () => {
  test('a full database answers 503 "Nothing was saved", logs the real error and keeps nothing', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const form = {
      kind: 'practicum',
      occurredOn: daysAgo(3),
      minutes: '60',
      setting: 'virtual',
      phase: 'integration',
      contact: 'direct',
      clientCode: 'C-0501',
      notes: 'x'.repeat(4000),
      intent: 'save',
    }
    const logged = vi.mocked(console.error)
    const errors: string[] = []
    logged.mockImplementation((...args: unknown[]) => void errors.push(args.map(String).join(' ')))
    const records = await count('records')
    const storageFull = await fillStorage()
    try {
      const outcome = await run(newRecordRoute.action, await request('/hours/new?kind=practicum', { user: fellow, form }))
      expect(outcome.status).toBe(503)
      expect(outcome.data.message).toMatch(/^Nothing was saved: the server's storage is full\./)
    } finally {
      await storageFull.release()
    }
    expect(errors.join('\n')).toMatch(engine.name === 'sqlite' ? /SQLITE_FULL/ : /53100/)
    expect(errors.join('\n')).not.toMatch(/cannot rollback/)
    expect(await count('records')).toBe(records)
  })
})
