import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { createSession, sessionCookieHeader } from '#app/auth/session.server.ts'
import { hashToken } from '#app/auth/tokens.ts'
import { daysAgo } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import * as recordRoute from '#app/routes/hours.$id._index.tsx'
import * as reviewRecordRoute from '#app/routes/review.$id.tsx'
import { createUser, request, run, TEST_PASSWORD, type TestUser } from '#tests/helpers.ts'
import { signed, VERIFIED } from '#tests/support/licenses.ts'
import { submittedToSupervisor } from '#tests/support/review-fixture.ts'

const STATEMENT = path.resolve(import.meta.dirname, '../../content/attestations/2026-11.md')

/** A fellow's submitted sitter record, and their assigned supervisor with a verified license. */
function setup() {
  return submittedToSupervisor({ license_type: 'LMFT', license_number: '13579', license_state: 'CA', ...VERIFIED }, `Dr. Signing Supervisor ${Date.now()}`)
}

/** A session signed in `minutesAgo` minutes ago, as the Cookie header that carries it. */
async function sessionSignedIn(user: TestUser, minutesAgo: number) {
  const { token, expiresAt } = await createSession(user.id, 'vitest')
  const then = new Date(Date.now() - minutesAgo * 60_000).toISOString()
  await db.updateTable('sessions').set({ created_at: then, last_seen_at: new Date().toISOString() }).where('id', '=', hashToken(token)).execute()
  return { cookie: (await sessionCookieHeader(token, expiresAt)).split(';')[0]!, sessionId: hashToken(token) }
}

async function approveWith(cookie: string, id: number, form: Record<string, string>) {
  return run(
    reviewRecordRoute.action,
    await request(`/review/${id}`, { headers: { Cookie: cookie }, form: { decision: 'approve', version: '2', comment: '', ...form } }),
    {
      id: String(id),
    },
  )
}

describe('an approval is a signed attestation', () => {
  test('the review page shows the statement in force; the approval stores its version and hash, the typed name and the content hash', async () => {
    const { supervisor, id } = await setup()
    const page = await run(reviewRecordRoute.loader, await request(`/review/${id}`, { user: supervisor }), { id: String(id) })
    expect(page.data.signOff.attestation.version).toBe('2026-11')
    expect(page.data.signOff.attestation.text).toMatch(/^I attest that I supervised the activity described in this record/)
    expect(page.data.signOff.passwordNeeded).toBe(false)

    const typed = `  ${supervisor.name.replace('Dr. ', '').toUpperCase()} `
    const outcome = await run(
      reviewRecordRoute.action,
      await request(`/review/${id}`, {
        user: supervisor,
        form: { decision: 'approve', version: '2', comment: '', signature: typed, attestationVersion: '2026-11' },
      }),
      { id: String(id) },
    )
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    const record = await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const body = fs.readFileSync(STATEMENT, 'utf8').split(/^---$/m)[2]!.trim()
    expect(record).toMatchObject({
      status: 'approved',
      attestation_version: '2026-11',
      attestation_sha256: createHash('sha256').update(body).digest('hex'),
      signed_name: typed.trim(),
    })
    expect(record.signed_content_sha256).toMatch(/^[0-9a-f]{64}$/)

    // The fellow's page says who signed what, and that the signature covers the record as it stands.
    const shown = await run(recordRoute.loader, await request(`/hours/${id}`, { user: await fellowOf(id) }), { id: String(id) })
    expect(shown.data.signature).toMatchObject({
      signedName: typed.trim(),
      attestation: { version: '2026-11' },
      license: { type: 'LMFT', number: '13579', expiresOn: '2099-12-31' },
      coversCurrentContent: true,
    })
  })

  test('another person’s name does not sign, and nothing changes', async () => {
    const { supervisor, id } = await setup()
    const outcome = await run(
      reviewRecordRoute.action,
      await request(`/review/${id}`, {
        user: supervisor,
        form: { decision: 'approve', version: '2', comment: '', signature: 'Dr. Maya Reyes', attestationVersion: '2026-11' },
      }),
      { id: String(id) },
    )
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors.signature).toBe(`Type your full name as on your license (${supervisor.name}) to sign.`)
    expect((await db.selectFrom('records').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('submitted')
  })

  test('31 minutes after signing in, the password is asked again; a wrong one is refused; the right one signs and renews the proof', async () => {
    const { supervisor, id } = await setup()
    const { cookie, sessionId } = await sessionSignedIn(supervisor, 31)
    const page = await run(reviewRecordRoute.loader, await request(`/review/${id}`, { headers: { Cookie: cookie } }), { id: String(id) })
    expect(page.data.signOff.passwordNeeded).toBe(true)

    const without = await approveWith(cookie, id, signed(supervisor))
    expect(without.status).toBe(400)
    expect(without.data.errors.password).toBe('You signed in more than 30 minutes ago: enter your password to sign.')
    const wrong = await approveWith(cookie, id, { ...signed(supervisor), password: 'not the password' })
    expect(wrong.data.errors.password).toBe('That password is not right. Enter your password to sign.')
    expect(wrong.data.values.password).toBeUndefined() // never sent back
    expect((await db.selectFrom('records').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status).toBe('submitted')

    const right = await approveWith(cookie, id, { ...signed(supervisor), password: TEST_PASSWORD })
    expect(right.status, JSON.stringify(right.data)).toBe(302)
    const session = await db.selectFrom('sessions').select('authenticated_at').where('id', '=', sessionId).executeTakeFirstOrThrow()
    expect(Date.now() - Date.parse(session.authenticated_at!)).toBeLessThan(60_000)
  })

  test('29 minutes after signing in, no password is needed', async () => {
    const { supervisor, id } = await setup()
    const { cookie } = await sessionSignedIn(supervisor, 29)
    expect((await approveWith(cookie, id, signed(supervisor))).status).toBe(302)
  })

  test('an amendment after signing shows that the signature covered the earlier version', async () => {
    const { supervisor, id } = await setup()
    const staff = await createUser(['staff'])
    const fellow = await fellowOf(id)
    expect(
      (
        await run(
          reviewRecordRoute.action,
          await request(`/review/${id}`, { user: supervisor, form: { decision: 'approve', version: '2', comment: '', ...signed(supervisor) } }),
          { id: String(id) },
        )
      ).status,
    ).toBe(302)
    const amended = await run(
      recordRoute.action,
      await request(`/hours/${id}`, {
        user: staff,
        form: {
          version: '3',
          occurredOn: daysAgo(3),
          minutes: '150',
          setting: 'in_person',
          reason: 'The session ran longer; confirmed with the supervisor.',
        },
      }),
      { id: String(id) },
    )
    expect(amended.status, JSON.stringify(amended.data)).toBe(302)
    const shown = await run(recordRoute.loader, await request(`/hours/${id}`, { user: fellow }), { id: String(id) })
    expect(shown.data.signature.coversCurrentContent).toBe(false)
  })
})

async function fellowOf(id: number): Promise<TestUser> {
  const { fellow_id } = await db.selectFrom('records').select('fellow_id').where('id', '=', id).executeTakeFirstOrThrow()
  const user = await db.selectFrom('users').select(['id', 'email', 'name']).where('id', '=', fellow_id).executeTakeFirstOrThrow()
  return { ...user, roles: ['trainee', 'fellow'] }
}
