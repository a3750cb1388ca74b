import { beforeAll, describe, expect, test } from 'vitest'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import { learnerFacts } from '#app/programs/eligibility.server.ts'
import * as recordRoute from '#app/routes/hours.$id._index.tsx'
import * as hoursRoute from '#app/routes/hours._index.tsx'
import * as reviewRecordRoute from '#app/routes/review.$id.tsx'
import * as meetingRoute from '#app/routes/review.group-supervision.$id.tsx'
import * as meetingsRoute from '#app/routes/review.group-supervision._index.tsx'
import * as newMeetingRoute from '#app/routes/review.group-supervision.new.tsx'
import { signatureOf } from '#app/supervision/sign-off.server.ts'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { licensedSupervisorOf, signed } from '#tests/support/licenses.ts'

// A supervisor records a group supervision meeting once; each fellow present gets a signed group
// record, as any approval signs it. A fellow marked by mistake disputes it; the supervisor
// withdraws that record and the others' group size is amended.

type Form = Record<string, string | string[]>

let staff: TestUser
beforeAll(async () => {
  staff = await createUser(['staff'])
})

async function assign(supervisor: TestUser, fellow: TestUser) {
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: staff.id })
    .execute()
}

/** A licensed supervisor with `n` assigned fellows. */
async function group(n: number) {
  const fellows: TestUser[] = []
  for (let i = 0; i < n; i++) fellows.push(await createUser(['trainee', 'fellow'], { name: `Group Fellow ${i + 1}` }))
  const supervisor = await licensedSupervisorOf(fellows[0]!, staff)
  for (const fellow of fellows.slice(1)) await assign(supervisor, fellow)
  return { supervisor, fellows }
}

const meetingForm = (supervisor: TestUser, fellows: TestUser[], over: Form = {}): Form => ({
  occurredOn: daysAgo(2),
  minutes: '90',
  setting: 'virtual',
  topic: 'Integration after a difficult session',
  fellowIds: fellows.map((f) => String(f.id)),
  ...signed(supervisor),
  ...over,
})

const post = async (supervisor: TestUser, form: Form) => run(newMeetingRoute.action, await request('/review/group-supervision/new', { user: supervisor, form }))

async function record(supervisor: TestUser, fellows: TestUser[], over: Form = {}) {
  const outcome = await post(supervisor, meetingForm(supervisor, fellows, over))
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
  const meetingId = Number(/^\/review\/group-supervision\/(\d+)$/.exec(outcome.location ?? '')?.[1])
  expect(meetingId).toBeGreaterThan(0)
  return meetingId
}

const recordsOfMeeting = (meetingId: number) =>
  db
    .selectFrom('group_meeting_records as m')
    .innerJoin('records', 'records.id', 'm.record_id')
    .selectAll('records')
    .where('m.meeting_id', '=', meetingId)
    .orderBy('records.id')
    .execute()
const eventsOf = (recordId: number) =>
  db
    .selectFrom('record_events')
    .select(['action', 'actor_id', 'from_status', 'to_status', 'comment', 'detail'])
    .where('record_id', '=', recordId)
    .orderBy('id')
    .execute()
const recordCount = async () =>
  Number(
    (
      await db
        .selectFrom('records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  )
const groupMinutesOf = async (fellow: TestUser) =>
  (await learnerFacts(fellow.id)).approved.filter((r) => r.kind === 'supervision' && r.supervisionFormat === 'group').reduce((sum, r) => sum + r.minutes, 0)

describe('recording a group meeting', () => {
  test('one meeting → a signed group record of size N in each fellow’s history, with the same events as an approval', { timeout: 120_000 }, async () => {
    const { supervisor, fellows } = await group(3)
    const meetingId = await record(supervisor, fellows)
    const records = await recordsOfMeeting(meetingId)
    expect(records).toHaveLength(3)
    expect(records.map((r) => r.fellow_id).sort()).toEqual(fellows.map((f) => f.id).sort())
    for (const r of records) {
      expect(r).toMatchObject({
        kind: 'supervision',
        status: 'approved',
        supervision_type: 'supervision',
        supervision_format: 'group',
        group_size: 3,
        minutes: 90,
        setting: 'virtual',
        notes: 'Integration after a difficult session',
        supervisor_name: supervisor.name,
        decided_by: supervisor.id,
        approver_name: supervisor.name,
        approver_license_number: '98765',
        approver_license_expires_on: '2099-12-31',
        attestation_version: '2026-11',
        signed_name: supervisor.name,
      })
      expect(r.attestation_sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(signatureOf(r)?.coversCurrentContent).toBe(true)
      const events = await eventsOf(r.id)
      expect(events.map((e) => [e.action, e.actor_id, e.from_status, e.to_status])).toEqual([
        ['group-record', supervisor.id, null, 'submitted'],
        ['approve', supervisor.id, 'submitted', 'approved'],
      ])
      // The institute's audit log carries the same approval.
      const audited = await db.selectFrom('audit_log').select('action').where('subject', '=', `record:${r.id}`).orderBy('id').execute()
      expect(audited.map((a) => a.action)).toEqual(['record.group-record', 'record.approve'])
    }
    // Each fellow sees it in their hours, counted as approved group supervision.
    for (const fellow of fellows) {
      const hours = await run(hoursRoute.loader, await request('/hours', { user: fellow }))
      const mine = records.find((r) => r.fellow_id === fellow.id)!
      expect((hours.data.records as { id: number; status: string }[]).find((r) => r.id === mine.id)).toMatchObject({ status: 'approved' })
      expect(await groupMinutesOf(fellow)).toBe(90)
      const page = await run(recordRoute.loader, await request(`/hours/${mine.id}`, { user: fellow }), { id: String(mine.id) })
      expect(page.data).toMatchObject({ group: { meetingId, canDispute: true, dispute: null } })
    }
    // The meeting page lists them; the supervisor's list shows the meeting.
    const page = await run(meetingRoute.loader, await request(`/review/group-supervision/${meetingId}`, { user: supervisor }), { id: String(meetingId) })
    expect(page.status).toBe(200)
    expect((page.data.attendees as { fellow_id: number }[]).map((a) => a.fellow_id).sort()).toEqual(fellows.map((f) => f.id).sort())
    const list = await run(meetingsRoute.loader, await request('/review/group-supervision', { user: supervisor }))
    expect(list.data.meetings).toEqual([expect.objectContaining({ id: meetingId, present: 3, disputed: 0 })])
  })

  test('a fellow not assigned to the supervisor is refused with a logged 403, and nothing is written', async () => {
    const { supervisor, fellows } = await group(2)
    const stranger = await createUser(['trainee', 'fellow'])
    const before = await recordCount()
    const outcome = await post(supervisor, meetingForm(supervisor, [...fellows, stranger]))
    expect(outcome.status).toBe(403)
    expect(await recordCount()).toBe(before)
    const denied = await db.selectFrom('audit_log').select('subject').where('actor_id', '=', supervisor.id).where('action', '=', 'access.denied').execute()
    expect(denied.map((d) => d.subject)).toEqual([`user:${stranger.id}`])
  })

  test('a supervisor whose license is not verified (or has expired) cannot sign: refused, nothing written', async () => {
    const { supervisor, fellows } = await group(2)
    const before = await recordCount()
    await db.updateTable('users').set({ license_status: 'unverified' }).where('id', '=', supervisor.id).execute()
    const page = await run(newMeetingRoute.loader, await request('/review/group-supervision/new', { user: supervisor }))
    expect(page.data.licenseBlocker).toMatch(/not yet verified|verified/i)
    expect(page.data.signOff).toBeNull()
    const unverified = await post(supervisor, meetingForm(supervisor, fellows))
    expect(unverified.status).toBe(409)
    expect(unverified.data.errors.form).toMatch(/verif/i)
    await db
      .updateTable('users')
      .set({ license_status: 'verified', license_expires_on: daysAgo(1) })
      .where('id', '=', supervisor.id)
      .execute()
    const expired = await post(supervisor, meetingForm(supervisor, fellows))
    expect(expired.status).toBe(409)
    expect(expired.data.errors.form).toMatch(/expired/i)
    expect(await recordCount()).toBe(before)
    expect(await db.selectFrom('group_meetings').select('id').where('supervisor_id', '=', supervisor.id).execute()).toEqual([])
  })

  test('bad input comes back beside its field with status 400: too few fellows, no topic, no signature, a future date', async () => {
    const { supervisor, fellows } = await group(2)
    const cases: [Form, string][] = [
      [{ fellowIds: [String(fellows[0]!.id)] }, 'fellowIds'],
      [{ topic: '  ' }, 'topic'],
      [{ signature: '' }, 'signature'],
      [{ signature: 'Someone Else' }, 'signature'],
      [{ occurredOn: '2999-01-01' }, 'occurredOn'],
      [{ minutes: '10' }, 'minutes'],
      [{ topic: 'Call me on 415-555-0134' }, 'topic'],
    ]
    for (const [over, field] of cases) {
      const outcome = await post(supervisor, meetingForm(supervisor, fellows, over))
      expect(outcome.status, JSON.stringify(over)).toBe(400)
      expect(Object.keys(outcome.data.errors), JSON.stringify(over)).toContain(field)
    }
  })

  test('the day’s 16 hours hold for each fellow: a meeting that would pass them is refused for everyone', async () => {
    const { supervisor, fellows } = await group(2)
    const date = daysAgo(4)
    await record(supervisor, fellows, { occurredOn: date, minutes: '600' })
    const again = await post(supervisor, meetingForm(supervisor, fellows, { occurredOn: date, minutes: '400' }))
    expect(again.status).toBe(400)
    expect(again.data.errors.minutes).toContain('16 hours')
  })
})

describe('a meeting a fellow may already have logged', () => {
  test('a fellow’s own supervision record with this supervisor that day asks first; ticked, the meeting is recorded', async () => {
    const { supervisor, fellows } = await group(3)
    const date = daysAgo(6)
    const own = await insertRecord(
      db,
      { fellowId: fellows[1]!.id, kind: 'supervision', status: 'submitted', occurredOn: date, minutes: 60, fields: { supervisor_name: supervisor.name } },
      1,
    )
    // With another supervisor the same day, or a draft of their own: not this meeting.
    await insertRecord(
      db,
      { fellowId: fellows[2]!.id, kind: 'supervision', status: 'submitted', occurredOn: date, minutes: 60, fields: { supervisor_name: 'Dr. Someone Else' } },
      2,
    )
    await insertRecord(
      db,
      { fellowId: fellows[0]!.id, kind: 'supervision', status: 'draft', occurredOn: date, minutes: 60, fields: { supervisor_name: supervisor.name } },
      3,
    )
    const before = await recordCount()
    const asked = await post(supervisor, meetingForm(supervisor, fellows, { occurredOn: date }))
    expect(asked.status).toBe(400)
    expect(asked.data.errors.differentSession).toMatch(
      new RegExp(`^This may be a duplicate: ${fellows[1]!.name} already has a supervision record with you on `),
    )
    expect(asked.data.errors.differentSession).not.toContain(fellows[0]!.name)
    expect(asked.data.errors.differentSession).not.toContain(fellows[2]!.name)
    expect(asked.data.values.topic).toBe('Integration after a difficult session')
    expect(await recordCount()).toBe(before)
    expect((await db.selectFrom('records').select('status').where('id', '=', own).executeTakeFirstOrThrow()).status).toBe('submitted')

    const meetingId = await record(supervisor, fellows, { occurredOn: date, differentSession: 'yes' })
    expect(await recordsOfMeeting(meetingId)).toHaveLength(3)
  })
})

describe('a fellow marked by mistake', () => {
  test('disputes it with a reason; the supervisor sees it and withdraws the record; the others’ group size is amended', async () => {
    const { supervisor, fellows } = await group(3)
    const [present1, present2, mistaken] = fellows as [TestUser, TestUser, TestUser]
    const meetingId = await record(supervisor, fellows)
    const records = await recordsOfMeeting(meetingId)
    const mine = records.find((r) => r.fellow_id === mistaken.id)!
    expect(await groupMinutesOf(mistaken)).toBe(90)

    // A reason is required; another fellow cannot reach the record (404).
    const blank = await run(
      recordRoute.action,
      await request(`/hours/${mine.id}`, { user: mistaken, form: { intent: 'dispute', version: String(mine.version), reason: ' ' } }),
      { id: String(mine.id) },
    )
    expect(blank.status).toBe(400)
    expect(blank.data.errors.reason).toBeTruthy()
    const other = await run(
      recordRoute.action,
      await request(`/hours/${mine.id}`, { user: present1, form: { intent: 'dispute', version: String(mine.version), reason: 'Not me' } }),
      { id: String(mine.id) },
    )
    expect(other.status).toBe(404)

    const disputed = await run(
      recordRoute.action,
      await request(`/hours/${mine.id}`, { user: mistaken, form: { intent: 'dispute', version: String(mine.version), reason: 'I was on leave that week.' } }),
      { id: String(mine.id) },
    )
    expect(disputed.status, JSON.stringify(disputed.data)).toBe(302)
    expect((await eventsOf(mine.id)).at(-1)).toMatchObject({
      action: 'dispute',
      actor_id: mistaken.id,
      comment: 'I was on leave that week.',
      to_status: 'approved',
    })
    const twice = await run(
      recordRoute.action,
      await request(`/hours/${mine.id}`, { user: mistaken, form: { intent: 'dispute', version: String(mine.version), reason: 'Again' } }),
      { id: String(mine.id) },
    )
    expect(twice.status).toBe(409)

    // Shown to the supervisor: on the meeting page and on the record.
    const page = await run(meetingRoute.loader, await request(`/review/group-supervision/${meetingId}`, { user: supervisor }), { id: String(meetingId) })
    expect((page.data.attendees as { record_id: number; dispute: { comment: string } | null }[]).find((a) => a.record_id === mine.id)?.dispute).toMatchObject({
      comment: 'I was on leave that week.',
    })
    const review = await run(reviewRecordRoute.loader, await request(`/review/${mine.id}`, { user: supervisor }), { id: String(mine.id) })
    expect(review.data.group).toMatchObject({ meetingId, ownMeeting: true, dispute: { comment: 'I was on leave that week.' } })
    const list = await run(meetingsRoute.loader, await request('/review/group-supervision', { user: supervisor }))
    expect(list.data.meetings[0]).toMatchObject({ id: meetingId, disputed: 1 })

    // The correction: a reason is required; another supervisor is refused (403), an unknown meeting is 404.
    const withdraw = (user: TestUser, form: Form, id = meetingId) =>
      request(`/review/group-supervision/${id}`, { user, form }).then((req) => run(meetingRoute.action, req, { id: String(id) }))
    const form = { intent: 'withdraw', recordId: String(mine.id), version: String(mine.version) }
    expect((await withdraw(supervisor, { ...form, reason: '' })).status).toBe(400)
    const stranger = await licensedSupervisorOf(await createUser(['trainee', 'fellow']), staff)
    expect((await withdraw(stranger, { ...form, reason: 'x' })).status).toBe(403)
    expect((await withdraw(supervisor, { ...form, reason: 'x' }, 99_999_999)).status).toBe(404)
    const done = await withdraw(supervisor, { ...form, reason: 'On leave: marked by mistake.' })
    expect(done.status, JSON.stringify(done.data)).toBe(302)

    const after = await recordsOfMeeting(meetingId)
    expect(after.find((r) => r.id === mine.id)).toMatchObject({ status: 'withdrawn' })
    expect((await eventsOf(mine.id)).at(-1)).toMatchObject({ action: 'withdraw', actor_id: supervisor.id, from_status: 'approved', to_status: 'withdrawn' })
    for (const r of after.filter((r) => r.id !== mine.id)) {
      expect(r).toMatchObject({ status: 'approved', supervision_format: 'group', group_size: 2 })
      const amend = (await eventsOf(r.id)).at(-1)!
      expect(amend).toMatchObject({ action: 'amend', actor_id: supervisor.id, to_status: 'approved' })
      expect(JSON.parse(amend.detail!)).toEqual({ before: { supervisionFormat: 'group', groupSize: 3 }, after: { supervisionFormat: 'group', groupSize: 2 } })
      // Nobody else reads who was removed or why.
      expect(amend.comment).not.toContain(mistaken.name)
      expect(amend.comment).not.toContain('leave')
      // The signature covered the record as signed; the page says it changed since.
      expect(signatureOf(r)?.coversCurrentContent).toBe(false)
    }

    // Eligibility counts the attendees' group hours, not the removed fellow's.
    expect(await groupMinutesOf(present1)).toBe(90)
    expect(await groupMinutesOf(present2)).toBe(90)
    expect(await groupMinutesOf(mistaken)).toBe(0)
    // A withdrawn record is final: it cannot be withdrawn again.
    const current = (await recordsOfMeeting(meetingId)).find((r) => r.id === mine.id)!
    expect((await withdraw(supervisor, { ...form, version: String(current.version), reason: 'again' })).status).toBe(409)
  })

  test('removing one of two leaves the other in individual supervision', async () => {
    const { supervisor, fellows } = await group(2)
    const meetingId = await record(supervisor, fellows)
    const [first, second] = await recordsOfMeeting(meetingId)
    const outcome = await run(
      meetingRoute.action,
      await request(`/review/group-supervision/${meetingId}`, {
        user: supervisor,
        form: { intent: 'withdraw', recordId: String(first!.id), version: String(first!.version), reason: 'Marked by mistake.' },
      }),
      { id: String(meetingId) },
    )
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    expect(await db.selectFrom('records').selectAll().where('id', '=', second!.id).executeTakeFirstOrThrow()).toMatchObject({
      status: 'approved',
      supervision_format: 'individual',
      group_size: null,
    })
    const facts = await learnerFacts(second!.fellow_id)
    expect(facts.approved.filter((r) => r.kind === 'supervision')).toEqual([expect.objectContaining({ minutes: 90, supervisionFormat: 'individual' })])
  })
})
