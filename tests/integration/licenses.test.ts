import type { Updateable } from 'kysely'
import { describe, expect, test } from 'vitest'
import type { UsersTable } from '#db/schema.ts'
import { daysAgo } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import { runDigest } from '#app/digest/digest.server.ts'
import { formatDate } from '#app/utils/format.ts'
import * as reviewRecordRoute from '#app/routes/review.$id.tsx'
import * as reviewRoute from '#app/routes/review._index.tsx'
import * as licenseRoute from '#app/routes/settings.license.tsx'
import * as personRoute from '#app/routes/staff.people.$id.tsx'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { submittedToSupervisor } from '#tests/support/review-fixture.ts'
import { signed } from '#tests/support/licenses.ts'

const DETAILS = { license_type: 'LMFT', license_number: '24680', license_state: 'CA' }

/** A fellow with one submitted sitter record, and an assigned supervisor whose license is as given. */
function setup(license: Updateable<UsersTable>) {
  return submittedToSupervisor({ ...DETAILS, ...license })
}

function approve(supervisor: TestUser, id: number) {
  return request(`/review/${id}`, { user: supervisor, form: { decision: 'approve', version: '2', comment: '', ...signed(supervisor) } }).then((req) =>
    run(reviewRecordRoute.action, req, { id: String(id) }),
  )
}

async function statusOf(id: number) {
  return (await db.selectFrom('records').select(['status', 'version']).where('id', '=', id).executeTakeFirstOrThrow()).status
}

const verifiedUntil = (expiresOn: string) => ({
  license_expires_on: expiresOn,
  license_status: 'verified' as const,
  license_checked_at: '2026-01-05T09:00:00.000Z',
  license_check_note: 'state board lookup',
})

describe('only a verified, unexpired license signs an approval', () => {
  test('verified and expiring today: the approval goes through and keeps the license with its expiry and verification', async () => {
    const today = daysAgo(0)
    const { supervisor, id } = await setup(verifiedUntil(today))
    const outcome = await approve(supervisor, id)
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    expect(await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow()).toMatchObject({
      status: 'approved',
      approver_license_type: 'LMFT',
      approver_license_number: '24680',
      approver_license_state: 'CA',
      approver_license_expires_on: today,
      approver_license_verified_at: '2026-01-05T09:00:00.000Z',
    })
  })

  test('expired yesterday: refused with the date and whom to ask; nothing changes', async () => {
    const { supervisor, id } = await setup(verifiedUntil(daysAgo(1)))
    const outcome = await approve(supervisor, id)
    expect(outcome.status).toBe(409)
    expect(outcome.data.errors.form).toMatch(
      new RegExp(`^Your license expired on ${formatDate(daysAgo(1))}, so you cannot approve records\\. .*ask .+ to verify it\\.$`),
    )
    expect(await statusOf(id)).toBe('submitted')
  })

  test('entered but not yet verified: refused', async () => {
    const { supervisor, id } = await setup({ license_expires_on: '2099-01-01' })
    const outcome = await approve(supervisor, id)
    expect(outcome.status).toBe(409)
    expect(outcome.data.errors.form).toMatch(/^Institute staff have not verified your license yet, so you cannot approve records\./)
    expect(await statusOf(id)).toBe('submitted')
  })

  test('marked lapsed: refused, quoting the finding', async () => {
    const { supervisor, id } = await setup({ ...verifiedUntil('2099-01-01'), license_status: 'lapsed', license_check_note: 'board lists it inactive' })
    const outcome = await approve(supervisor, id)
    expect(outcome.status).toBe(409)
    expect(outcome.data.errors.form).toMatch(/^Institute staff marked your license lapsed \(board lists it inactive\)/)
    expect(await statusOf(id)).toBe('submitted')
  })

  test('"Approve selected" is refused the same way, approving nothing', async () => {
    const { supervisor, id } = await setup({ license_expires_on: '2099-01-01' })
    const outcome = await run(
      reviewRoute.action,
      await request('/review', { user: supervisor, form: { intent: 'approve-selected', selected: `${id}:2`, ...signed(supervisor) } }),
    )
    expect(outcome.status).toBe(409)
    expect(JSON.stringify(outcome.data)).toMatch(/have not verified your license/)
    expect(await statusOf(id)).toBe('submitted')
  })

  test('returning a record needs no license: a return is not a signature', async () => {
    const { supervisor, id } = await setup({ license_expires_on: '2099-01-01' })
    const outcome = await run(
      reviewRecordRoute.action,
      await request(`/review/${id}`, { user: supervisor, form: { decision: 'return', version: '2', comment: 'Add the co-sitter.' } }),
      { id: String(id) },
    )
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    expect(await statusOf(id)).toBe('returned')
  })
})

describe('staff check the license; the supervisor keeps it current', () => {
  test('staff verify from the person page; the supervisor can then approve; the check is audited with how it was done', async () => {
    const staff = await createUser(['staff'])
    const { supervisor, id } = await setup({ license_expires_on: '2099-01-01' })
    const page = await run(personRoute.loader, await request(`/staff/people/${supervisor.id}`, { user: staff }), { id: String(supervisor.id) })
    expect(page.data.license).toMatchObject({ status: 'unverified', number: '24680', expiresOn: '2099-01-01' })

    const verified = await run(
      personRoute.action,
      await request(`/staff/people/${supervisor.id}`, { user: staff, form: { intent: 'verify-license', note: 'CA BBS lookup' } }),
      { id: String(supervisor.id) },
    )
    expect(verified.status, JSON.stringify(verified.data)).toBe(302)
    expect(
      await db.selectFrom('users').select(['license_status', 'license_checked_by', 'license_check_note']).where('id', '=', supervisor.id).executeTakeFirst(),
    ).toEqual({
      license_status: 'verified',
      license_checked_by: staff.id,
      license_check_note: 'CA BBS lookup',
    })
    const logged = await db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('actor_id', '=', staff.id)
      .where('subject', '=', `user:${supervisor.id}`)
      .execute()
    expect(logged.map((r) => r.action)).toEqual(['license.verify'])
    expect(JSON.parse(logged[0]!.detail!)).toMatchObject({ note: 'CA BBS lookup', number: '24680', expiresOn: '2099-01-01' })
    expect((await approve(supervisor, id)).status).toBe(302)
  })

  test('staff mark it lapsed; approvals stop', async () => {
    const staff = await createUser(['staff'])
    const { supervisor, id } = await setup(verifiedUntil('2099-01-01'))
    const lapsed = await run(
      personRoute.action,
      await request(`/staff/people/${supervisor.id}`, { user: staff, form: { intent: 'lapse-license', note: 'Board shows inactive' } }),
      { id: String(supervisor.id) },
    )
    expect(lapsed.status).toBe(302)
    expect((await approve(supervisor, id)).status).toBe(409)
    expect(await statusOf(id)).toBe('submitted')
  })

  test('staff cannot verify a license that is not on file', async () => {
    const staff = await createUser(['staff'])
    const supervisor = await createUser(['supervisor'])
    const outcome = await run(
      personRoute.action,
      await request(`/staff/people/${supervisor.id}`, { user: staff, form: { intent: 'verify-license', note: 'lookup' } }),
      { id: String(supervisor.id) },
    )
    expect(outcome.status).toBe(409)
    expect(outcome.data.errors.form).toMatch(/^There is no complete license on file to check/)
    expect((await db.selectFrom('users').select('license_status').where('id', '=', supervisor.id).executeTakeFirstOrThrow()).license_status).toBe('unverified')
  })

  test('a supervisor who changes any detail sends the license back to unverified; saving it unchanged keeps the verification', async () => {
    const { supervisor } = await setup(verifiedUntil('2099-01-01'))
    const form = { licenseType: 'LMFT', licenseNumber: '24680', licenseState: 'CA', licenseExpiresOn: '2099-01-01' }
    const same = await run(licenseRoute.action, await request('/settings/license', { user: supervisor, form }))
    expect(same.status).toBe(302)
    expect((await db.selectFrom('users').select('license_status').where('id', '=', supervisor.id).executeTakeFirstOrThrow()).license_status).toBe('verified')

    const renewed = await run(licenseRoute.action, await request('/settings/license', { user: supervisor, form: { ...form, licenseExpiresOn: '2101-01-01' } }))
    expect(renewed.status).toBe(400)
    const moved = await run(licenseRoute.action, await request('/settings/license', { user: supervisor, form: { ...form, licenseExpiresOn: '2100-06-30' } }))
    expect(moved.status).toBe(302)
    expect(
      await db.selectFrom('users').select(['license_status', 'license_expires_on', 'license_checked_at']).where('id', '=', supervisor.id).executeTakeFirst(),
    ).toEqual({
      license_status: 'unverified',
      license_expires_on: '2100-06-30',
      license_checked_at: null,
    })
  })
})

describe('the digest reminds of expiring licenses', () => {
  test('30 days before: the supervisor and staff are told; at 29 days nobody is (the next reminder is at 14)', async () => {
    const now = new Date()
    const staff = await createUser(['staff'])
    const due = await createUser(['supervisor'], { name: `Due Supervisor ${Date.now()}` })
    const notYet = await createUser(['supervisor'], { name: `Later Supervisor ${Date.now()}` })
    await db
      .updateTable('users')
      .set({ ...DETAILS, ...verifiedUntil(daysAgo(-30, now)) })
      .where('id', '=', due.id)
      .execute()
    await db
      .updateTable('users')
      .set({ ...DETAILS, ...verifiedUntil(daysAgo(-29, now)) })
      .where('id', '=', notYet.id)
      .execute()
    await runDigest({ now, origin: 'http://localhost:3000' })
    const mails = await db.selectFrom('outbox').select(['to_address', 'body']).where('to_address', 'in', [staff.email, due.email, notYet.email]).execute()
    const to = (user: TestUser) => mails.find((m) => m.to_address === user.email)?.body ?? ''
    expect(to(due)).toContain(`Your license (LMFT 24680) expires on ${formatDate(daysAgo(-30, now))}, in 30 days.`)
    expect(to(notYet)).toBe('')
    expect(to(staff)).toContain(`  - ${due.name} (LMFT 24680): ${formatDate(daysAgo(-30, now))}, in 30 days: http://localhost:3000/staff/people/${due.id}`)
    expect(to(staff)).not.toContain(notYet.name)
  })
})
