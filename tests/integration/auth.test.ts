import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { openEngine } from '#db/connection.ts'
import { createDatabase, dropDatabase, testingPostgres, uniqueDatabaseName } from '#tests/support/postgres.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { createInvitation } from '#app/auth/accounts.server.ts'
import { hashToken } from '#app/auth/tokens.ts'
import { db } from '#app/db.server.ts'
import * as forgotRoute from '#app/routes/forgot-password.tsx'
import * as inviteRoute from '#app/routes/invite.$token.tsx'
import * as loginRoute from '#app/routes/login.tsx'
import * as resetRoute from '#app/routes/reset-password.$token.tsx'
import * as invitationsRoute from '#app/routes/staff.invitations.tsx'
import * as staffHome from '#app/routes/staff._index.tsx'
import { cookieFrom, count, createUser, NO_CLIENT, request, run, TEST_PASSWORD, uniqueEmail } from '#tests/helpers.ts'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const GOOD_PASSWORD = 'a very good password'

async function latestMailTo(email: string) {
  return db.selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('id', 'desc').executeTakeFirstOrThrow()
}

function tokenFromMail(body: string, prefix: string) {
  const match = new RegExp(`${prefix}/([a-z2-7]+)`).exec(body)
  if (!match) throw new Error(`no ${prefix} link in mail`)
  return match[1]!
}

describe('migrations', () => {
  test('run up from an empty file and create every table, with the roles in place', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-migrate-'))
    const emptyDatabase = testingPostgres() ? uniqueDatabaseName('kap_empty') : null
    const freshEngine = openEngine(emptyDatabase ? await createDatabase(emptyDatabase) : path.join(dir, 'empty.db'))
    const fresh = freshEngine.db
    const results = await migrateToLatest(fresh)
    expect(results.length).toBeGreaterThan(0)
    expect(results.every((r) => r.status === 'Success')).toBe(true)
    const names = (await fresh.introspection.getTables()).map((t) => t.name)
    for (const table of ['users', 'user_roles', 'sessions', 'invitations', 'password_resets', 'outbox', 'audit_log']) {
      expect(names).toContain(table)
    }
    const roles = await fresh.selectFrom('roles').select('name').orderBy('position').execute()
    expect(roles.map((r) => r.name)).toEqual(['trainee', 'fellow', 'supervisor', 'staff'])
    expect(await migrateToLatest(fresh)).toEqual([]) // idempotent
    if (freshEngine.name === 'sqlite') {
      const journal = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(fresh)
      expect(journal.rows[0]?.journal_mode).toBe('wal')
    }
    await fresh.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
    if (emptyDatabase) await dropDatabase(emptyDatabase)
  })
})

describe('invitations', () => {
  test('staff invite; the link sets name and password once and signs the person in', async () => {
    const staff = await createUser(['staff'])
    const email = uniqueEmail('invitee')
    const sent = await run(invitationsRoute.action, await request('/staff/invitations', { user: staff, form: { email, roles: ['fellow', 'trainee'] } }))
    expect(sent.status).toBe(302)
    const token = tokenFromMail((await latestMailTo(email)).body, '/invite')

    const page = await run(inviteRoute.loader, await request(`/invite/${token}`), { token })
    expect(page.data.invitation).toEqual({ email, roles: ['fellow', 'trainee'] })

    const accepted = await run(
      inviteRoute.action,
      await request(`/invite/${token}`, { form: { name: 'New Fellow', password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD } }),
      { token },
    )
    expect(accepted.status).toBe(302)
    expect(cookieFrom(accepted)).toBeTruthy()
    const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirstOrThrow()
    expect(user.name).toBe('New Fellow')
    const roles = await db.selectFrom('user_roles').select('role').where('user_id', '=', user.id).execute()
    expect(roles.map((r) => r.role).sort()).toEqual(['fellow', 'trainee'])

    // Used twice: refused, nothing written.
    const usersBefore = await count('users')
    const again = await run(
      inviteRoute.action,
      await request(`/invite/${token}`, { form: { name: 'Someone Else', password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD } }),
      { token },
    )
    expect(again.status).toBe(410)
    expect(again.data.errors.form).toMatch(/expired or was already used/)
    expect(await count('users')).toBe(usersBefore)
    expect((await run(inviteRoute.loader, await request(`/invite/${token}`), { token })).data.invitation).toBeNull()
  })

  test('an expired invitation is refused', async () => {
    const staff = await createUser(['staff'])
    const email = uniqueEmail('late')
    await createInvitation({ email, roles: ['trainee'] }, staff.id, NO_CLIENT)
    const token = tokenFromMail((await latestMailTo(email)).body, '/invite')
    await db
      .updateTable('invitations')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('token_hash', '=', hashToken(token))
      .execute()
    const usersBefore = await count('users')
    const result = await run(
      inviteRoute.action,
      await request(`/invite/${token}`, { form: { name: 'Late Person', password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD } }),
      { token },
    )
    expect(result.status).toBe(410)
    expect(await count('users')).toBe(usersBefore)
  })

  test('bad input: weak password, mismatch, empty name — errors beside fields, name kept, nothing written', async () => {
    const staff = await createUser(['staff'])
    const email = uniqueEmail('weak')
    await createInvitation({ email, roles: ['trainee'] }, staff.id, NO_CLIENT)
    const token = tokenFromMail((await latestMailTo(email)).body, '/invite')
    const usersBefore = await count('users')
    const weak = await run(inviteRoute.action, await request(`/invite/${token}`, { form: { name: 'Kim', password: 'short', confirmPassword: 'short' } }), {
      token,
    })
    expect(weak.status).toBe(400)
    expect(weak.data.errors.password).toBe('Use at least 12 characters.')
    expect(weak.data.values).toEqual({ name: 'Kim' }) // passwords never echoed
    const mismatch = await run(
      inviteRoute.action,
      await request(`/invite/${token}`, { form: { name: '', password: GOOD_PASSWORD, confirmPassword: `${GOOD_PASSWORD}!` } }),
      { token },
    )
    expect(mismatch.data.errors.name).toBe('Enter your name.')
    expect(await count('users')).toBe(usersBefore)
    expect((await run(inviteRoute.loader, await request(`/invite/${token}`), { token })).data.invitation).not.toBeNull()
  })

  test('staff cannot invite a malformed email or an existing account; non-staff are refused and logged', async () => {
    const staff = await createUser(['staff'])
    const bad = await run(invitationsRoute.action, await request('/staff/invitations', { user: staff, form: { email: 'not-an-email', roles: 'fellow' } }))
    expect(bad.status).toBe(400)
    expect(bad.data.errors.email).toMatch(/valid email/)
    expect(bad.data.values.email).toBe('not-an-email')
    const noRole = await run(invitationsRoute.action, await request('/staff/invitations', { user: staff, form: { email: uniqueEmail() } }))
    expect(noRole.data.errors.roles).toBe('Choose at least one role.')
    const existing = await run(invitationsRoute.action, await request('/staff/invitations', { user: staff, form: { email: staff.email, roles: 'fellow' } }))
    expect(existing.data.errors.email).toMatch(/already has an account/)

    const fellow = await createUser(['fellow'])
    const before = await count('invitations')
    const refused = await run(invitationsRoute.action, await request('/staff/invitations', { user: fellow, form: { email: uniqueEmail(), roles: 'staff' } }))
    expect(refused.status).toBe(403)
    expect(await count('invitations')).toBe(before)
    const logged = await db.selectFrom('audit_log').selectAll().where('actor_id', '=', fellow.id).executeTakeFirstOrThrow()
    expect(logged.action).toBe('access.denied')
    expect(logged.subject).toBe('route:/staff/invitations')
    expect((await run(staffHome.loader, await request('/staff', { user: fellow }))).status).toBe(403)
  })
})

describe('login', () => {
  test('the right password signs in; wrong password and unknown email get the same answer', async () => {
    const user = await createUser(['fellow'])
    const ok = await run(
      loginRoute.action,
      await request('/login', { form: { email: user.email.toUpperCase(), password: TEST_PASSWORD, redirectTo: '/hours' } }),
    )
    expect(ok.status).toBe(302)
    expect(ok.location).toBe('/hours')
    expect(ok.headers.get('Set-Cookie')).toMatch(/kap_session=.+; .*HttpOnly/i)
    expect(ok.headers.get('Set-Cookie')).toMatch(/SameSite=Lax/i)

    const wrong = await run(loginRoute.action, await request('/login', { form: { email: user.email, password: 'wrong password here' } }))
    const unknown = await run(loginRoute.action, await request('/login', { form: { email: uniqueEmail('nobody'), password: 'wrong password here' } }))
    expect(wrong.status).toBe(400)
    expect(unknown.status).toBe(400)
    expect(wrong.data.errors).toEqual(unknown.data.errors)
    expect(wrong.data.values).toEqual({ email: user.email }) // email kept, password not
  })

  test('an open redirect is not followed', async () => {
    const user = await createUser(['trainee'])
    const result = await run(
      loginRoute.action,
      await request('/login', { form: { email: user.email, password: TEST_PASSWORD, redirectTo: '//evil.example/' } }),
    )
    expect(result.location).toBe('/')
  })

  test('after five failures the account must wait, even with the right password', async () => {
    const user = await createUser(['fellow'])
    const from = { 'x-kap-client-ip': `10.0.0.${Math.floor(Math.random() * 200)}` }
    for (let i = 0; i < 5; i++) {
      const r = await run(loginRoute.action, await request('/login', { form: { email: user.email, password: 'wrong password here' }, headers: from }))
      expect(r.status).toBe(400)
    }
    const sessionsBefore = await count('sessions')
    const blocked = await run(
      loginRoute.action,
      await request('/login', { form: { email: user.email, password: TEST_PASSWORD }, headers: { 'x-kap-client-ip': '10.9.9.9' } }),
    )
    expect(blocked.status).toBe(429)
    expect(blocked.data.errors.form).toMatch(/Too many failed sign-in attempts\. Please wait 1 minute/)
    expect(await count('sessions')).toBe(sessionsBefore)
  })

  test('the same IP is throttled across accounts', async () => {
    const from = { 'x-kap-client-ip': '192.0.2.77' }
    for (let i = 0; i < 5; i++) {
      await run(loginRoute.action, await request('/login', { form: { email: uniqueEmail('spray'), password: 'wrong password here' }, headers: from }))
    }
    const other = await createUser(['trainee'])
    const blocked = await run(loginRoute.action, await request('/login', { form: { email: other.email, password: TEST_PASSWORD }, headers: from }))
    expect(blocked.status).toBe(429)
  })

  test('a deactivated account cannot sign in', async () => {
    const user = await createUser(['fellow'], { active: false })
    const result = await run(loginRoute.action, await request('/login', { form: { email: user.email, password: TEST_PASSWORD } }))
    expect(result.status).toBe(400)
  })

  test('malformed email and empty password get clear messages', async () => {
    const result = await run(loginRoute.action, await request('/login', { form: { email: 'nope', password: '' } }))
    expect(result.data.errors).toEqual({
      email: 'Enter a valid email address, like name@example.com.',
      password: 'Enter your password.',
    })
  })
})

describe('password reset', () => {
  test('a single-use link sets a new password, ends old sessions and signs in', async () => {
    const user = await createUser(['fellow'])
    const oldCookie = await run(loginRoute.action, await request('/login', { form: { email: user.email, password: TEST_PASSWORD } }))
    expect(oldCookie.status).toBe(302)

    const asked = await run(forgotRoute.action, await request('/forgot-password', { form: { email: user.email } }))
    expect(asked.data).toEqual({ ok: true, email: user.email })
    const token = tokenFromMail((await latestMailTo(user.email)).body, '/reset-password')
    const stored = await db.selectFrom('password_resets').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirstOrThrow()
    const lifetime = new Date(stored.expires_at).getTime() - new Date(stored.created_at).getTime()
    expect(lifetime).toBe(3_600_000)

    const weak = await run(resetRoute.action, await request(`/reset-password/${token}`, { form: { password: 'short', confirmPassword: 'short' } }), { token })
    expect(weak.data.errors.password).toBe('Use at least 12 characters.')

    const done = await run(
      resetRoute.action,
      await request(`/reset-password/${token}`, { form: { password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD } }),
      { token },
    )
    expect(done.status).toBe(302)
    const sessions = await db.selectFrom('sessions').select('id').where('user_id', '=', user.id).execute()
    expect(sessions).toHaveLength(1) // only the new one

    const reused = await run(
      resetRoute.action,
      await request(`/reset-password/${token}`, { form: { password: 'another good password', confirmPassword: 'another good password' } }),
      { token },
    )
    expect(reused.status).toBe(410)
    const signIn = await run(loginRoute.action, await request('/login', { form: { email: user.email, password: GOOD_PASSWORD } }))
    expect(signIn.status).toBe(302)
  })

  test('an unknown email gets the same answer and no mail', async () => {
    const before = await count('outbox')
    const email = uniqueEmail('ghost')
    const asked = await run(forgotRoute.action, await request('/forgot-password', { form: { email } }))
    expect(asked.data).toEqual({ ok: true, email })
    expect(await count('outbox')).toBe(before)
  })

  test('an expired link is refused', async () => {
    const user = await createUser(['trainee'])
    await run(forgotRoute.action, await request('/forgot-password', { form: { email: user.email } }))
    const token = tokenFromMail((await latestMailTo(user.email)).body, '/reset-password')
    await db
      .updateTable('password_resets')
      .set({ expires_at: new Date(Date.now() - 1).toISOString() })
      .where('token_hash', '=', hashToken(token))
      .execute()
    expect((await run(resetRoute.loader, await request(`/reset-password/${token}`), { token })).data.email).toBeNull()
    const result = await run(
      resetRoute.action,
      await request(`/reset-password/${token}`, { form: { password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD } }),
      { token },
    )
    expect(result.status).toBe(410)
  })
})
