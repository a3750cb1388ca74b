import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import { beforeAll, describe, expect, test } from 'vitest'
import { daysAgo } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { STALE_MESSAGE } from '#app/hours/workflow.server.ts'
import * as recordRoute from '#app/routes/hours.$id._index.tsx'
import * as editRoute from '#app/routes/hours.$id.edit.tsx'
import * as hoursRoute from '#app/routes/hours._index.tsx'
import * as newRoute from '#app/routes/hours.new.tsx'
import * as reviewRecordRoute from '#app/routes/review.$id.tsx'
import * as reviewRoute from '#app/routes/review._index.tsx'
import * as fellowProgressRoute from '#app/routes/review.fellows.$fellowId.tsx'
import * as personRoute from '#app/routes/staff.people.$id.tsx'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { signed, VERIFIED } from '#tests/support/licenses.ts'
import { signedAgreement } from '#tests/support/supervision.ts'

type Form = Record<string, string | string[]>

// The first staff member of this database: the clearance message tells fellows to ask them.
let firstStaff: TestUser
beforeAll(async () => {
  firstStaff = await createUser(['staff'], { name: 'Sam Staffwright' })
})

const LICENSE = { license_type: 'LMFT', license_number: '98765', license_state: 'CA', ...VERIFIED }

async function supervisorWithLicense(name?: string, license: Partial<typeof LICENSE> = LICENSE) {
  const supervisor = await createUser(['supervisor'], name ? { name } : {})
  // These tests read the per-event mails, so their supervisors chose to be mailed immediately
  // (supervisors start on hourly summaries: tests/integration/notifications.test.ts).
  await db
    .updateTable('users')
    .set({ ...license, notify_mail: 'immediate' })
    .where('id', '=', supervisor.id)
    .execute()
  return supervisor
}

async function assign(supervisor: TestUser, fellow: TestUser) {
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: firstStaff.id })
    .execute()
  // Past the learning agreement gate (tests/integration/agreements.test.ts holds the gate itself).
  await signedAgreement(fellow, supervisor)
}

/** A fresh fellow with a fresh assigned, licensed supervisor. */
async function fellowAndSupervisor() {
  const fellow = await createUser(['trainee', 'fellow'])
  const supervisor = await supervisorWithLicense()
  await assign(supervisor, fellow)
  return { fellow, supervisor }
}

const sitterForm = (over: Form = {}): Form => ({
  kind: 'sitter',
  occurredOn: daysAgo(5),
  // 120 minutes, by the clock.
  startTime: '09:00',
  endTime: '11:00',
  setting: 'in_person',
  participantCode: 'P-0014',
  sitterRole: 'co-sitter',
  coSitterId: '',
  notes: 'Held silence.',
  intent: 'save',
  ...over,
})
const experientialForm = (over: Form = {}): Form => ({
  kind: 'experiential',
  occurredOn: daysAgo(7),
  minutes: '150',
  setting: 'in_person',
  route: 'intramuscular',
  medicalTeam: 'Dr. Priya Natarajan, MD',
  preparationNotes: 'Intentions.',
  integrationNotes: '',
  intent: 'save',
  ...over,
})
const practicumForm = (over: Form = {}): Form => ({
  kind: 'practicum',
  occurredOn: daysAgo(4),
  minutes: '90',
  setting: 'virtual',
  phase: 'integration',
  contact: 'direct',
  clientCode: 'C-0203',
  notes: '',
  intent: 'save',
  ...over,
})

const supervisionForm = (over: Form = {}): Form => ({
  kind: 'supervision',
  occurredOn: daysAgo(4),
  minutes: '60',
  setting: 'virtual',
  supervisionType: 'supervision',
  supervisionFormat: 'group',
  groupSize: '6',
  supervisorName: 'Dr. Maya Reyes',
  notes: '',
  intent: 'save',
  ...over,
})

async function logRecord(fellow: TestUser, form: Form) {
  return run(newRoute.action, await request(`/hours/new?kind=${form.kind}`, { user: fellow, form }))
}
/** Logs a record that must be accepted; returns its id. */
async function logged(fellow: TestUser, form: Form) {
  const outcome = await logRecord(fellow, form)
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
  const id = Number(/^\/hours\/(\d+)$/.exec(outcome.location ?? '')?.[1])
  expect(id).toBeGreaterThan(0)
  return id
}
async function editRecord(fellow: TestUser, id: number, form: Form) {
  return run(editRoute.action, await request(`/hours/${id}/edit`, { user: fellow, form }), { id: String(id) })
}
async function decide(supervisor: TestUser, id: number, form: Form) {
  const signature = form.decision === 'approve' ? signed(supervisor) : {}
  return run(reviewRecordRoute.action, await request(`/review/${id}`, { user: supervisor, form: { ...signature, ...form } }), { id: String(id) })
}
async function openReview(user: TestUser, id: number) {
  return run(reviewRecordRoute.loader, await request(`/review/${id}`, { user }), { id: String(id) })
}
async function openRecord(user: TestUser, id: number) {
  return run(recordRoute.loader, await request(`/hours/${id}`, { user }), { id: String(id) })
}
async function postRecord(user: TestUser, id: number, form: Form) {
  return run(recordRoute.action, await request(`/hours/${id}`, { user, form }), { id: String(id) })
}

async function recordOf(id: number) {
  return db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}
async function eventsOf(id: number) {
  return db.selectFrom('record_events').selectAll().where('record_id', '=', id).orderBy('id').execute()
}
async function rows(table: 'records' | 'record_events' | 'outbox' | 'audit_log') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
async function counts() {
  return { records: await rows('records'), events: await rows('record_events'), outbox: await rows('outbox') }
}
async function mailsTo(email: string) {
  return db.selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('id').execute()
}
const summary = (events: { action: string; from_status: string | null; to_status: string; actor_id: number }[]) =>
  events.map((e) => [e.action, e.from_status, e.to_status, e.actor_id])

/** Submitted by the fellow; returns the id and the version to decide on. */
async function submitted(fellow: TestUser, form: Form = sitterForm()) {
  const id = await logged(fellow, { ...form, intent: 'submit' })
  const record = await recordOf(id)
  expect(record.status).toBe('submitted')
  return { id, version: record.version }
}

describe('submit → approve → locked', () => {
  test('the approval snapshots the license, the history is create/submit/approve, and the record is locked', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const id = await logged(fellow, sitterForm({ intent: 'submit', startTime: '09:00', endTime: '11:15' }))
    const afterSubmit = await recordOf(id)
    expect(afterSubmit).toMatchObject({
      fellow_id: fellow.id,
      kind: 'sitter',
      status: 'submitted',
      version: 2,
      minutes: 135,
      started_at: '09:00',
      ended_at: '11:15',
      participant_code: 'P-0014',
      sitter_role: 'co-sitter',
      co_sitter_id: null,
    })
    expect(afterSubmit.submitted_at).toBeTruthy()

    const review = await openReview(supervisor, id)
    expect(review.status).toBe(200)
    expect(review.data.canDecide).toBe(true)
    expect(review.data.fellow).toEqual({ id: fellow.id, name: fellow.name })

    const approved = await decide(supervisor, id, { decision: 'approve', version: '2', comment: '' })
    expect(approved.status).toBe(302)
    expect(approved.location).toBe('/review')

    const record = await recordOf(id)
    expect(record).toMatchObject({
      status: 'approved',
      version: 3,
      decided_by: supervisor.id,
      approver_name: supervisor.name,
      approver_license_type: 'LMFT',
      approver_license_number: '98765',
      approver_license_state: 'CA',
      return_comment: null,
    })
    expect(record.decided_at).toBeTruthy()
    expect(summary(await eventsOf(id))).toEqual([
      ['create', null, 'draft', fellow.id],
      ['submit', 'draft', 'submitted', fellow.id],
      ['approve', 'submitted', 'approved', supervisor.id],
    ])

    // The snapshot is a copy: a later license change does not rewrite the approval.
    await db
      .updateTable('users')
      .set({ license_type: 'LPCC', license_number: '1', license_state: 'NY', ...VERIFIED })
      .where('id', '=', supervisor.id)
      .execute()
    expect(await recordOf(id)).toMatchObject({ approver_license_type: 'LMFT', approver_license_number: '98765', approver_license_state: 'CA' })

    // Locked: the owner's edit page says so, and edits, resubmits and new decisions are refused.
    const editPage = await run(editRoute.loader, await request(`/hours/${id}/edit`, { user: fellow }), { id: String(id) })
    expect(editPage.status).toBe(200)
    expect(editPage.data.editable).toBe(false)
    const page = await openRecord(fellow, id)
    expect(page.data).toMatchObject({ canEdit: false, canAmend: false, canDecide: false, isOwner: true })

    const before = await counts()
    const edit = await editRecord(fellow, id, sitterForm({ version: '3', startTime: '08:00', endTime: '18:00' }))
    expect(edit.status).toBe(409)
    expect(edit.data.errors.form).toBe('This record is approved and locked.')
    const resubmit = await postRecord(fellow, id, { intent: 'submit', version: '3' })
    expect(resubmit.status).toBe(409)
    expect(resubmit.data.errors.form).toMatch(/approved and locked/)
    const reReturn = await decide(supervisor, id, { decision: 'return', version: '3', comment: 'Second thoughts.' })
    expect(reReturn.status).toBe(409)
    expect(reReturn.data.errors.form).toBe('This record is approved and locked.')
    expect(await counts()).toEqual(before)
    expect(await recordOf(id)).toMatchObject({ status: 'approved', version: 3, minutes: 135, started_at: '09:00', ended_at: '11:15' })
  })

  test('a supervisor without a license on file cannot approve, and nothing changes', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const supervisor = await supervisorWithLicense(undefined, { license_type: 'LMFT', license_number: '', license_state: 'CA' })
    await assign(supervisor, fellow)
    const { id, version } = await submitted(fellow)
    const outcome = await decide(supervisor, id, { decision: 'approve', version: String(version) })
    expect(outcome.status).toBe(409)
    expect(outcome.data.errors.form).toMatch(/Add your license/)
    expect(await recordOf(id)).toMatchObject({ status: 'submitted', version })
    expect(await eventsOf(id)).toHaveLength(2)
  })
})

describe('returning a record', () => {
  test('a return without a comment is refused beside the comment; nothing changes and no mail goes out', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const { id, version } = await submitted(fellow)
    const before = await counts()
    for (const comment of ['', '   ']) {
      const outcome = await decide(supervisor, id, { decision: 'return', version: String(version), comment })
      expect(outcome.status).toBe(400)
      expect(outcome.data.errors).toEqual({ comment: 'Say what needs fixing: returning a record requires a comment.' })
    }
    expect(await counts()).toEqual(before)
    expect(await recordOf(id)).toMatchObject({ status: 'submitted', version, return_comment: null })
    expect(await mailsTo(fellow.email)).toEqual([])
  })

  test('return → the fellow sees the comment on the edit page → edits → resubmits → approved', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const { id, version } = await submitted(fellow)
    const comment = 'Please confirm whether you were lead or co-sitter.'
    const returned = await decide(supervisor, id, { decision: 'return', version: String(version), comment })
    expect(returned.status).toBe(302)
    expect(await recordOf(id)).toMatchObject({
      status: 'returned',
      version: version + 1,
      return_comment: comment,
      decided_by: supervisor.id,
      approver_name: null,
    })

    const mails = await mailsTo(fellow.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toBe(`Your sitter record of ${formatDate(daysAgo(5))} was returned`)
    expect(mails[0]!.body).toContain(comment)
    expect(mails[0]!.body).toContain(`/hours/${id}`)

    const list = await run(hoursRoute.loader, await request('/hours', { user: fellow }))
    expect(list.data.records.find((r: { id: number }) => r.id === id)).toMatchObject({ status: 'returned', return_comment: comment })
    const page = await openRecord(fellow, id)
    expect(page.data.canEdit).toBe(true)
    expect(page.data.record.return_comment).toBe(comment)
    const editPage = await run(editRoute.loader, await request(`/hours/${id}/edit`, { user: fellow }), { id: String(id) })
    expect(editPage.status).toBe(200)
    expect(editPage.data.editable).toBe(true)
    expect(editPage.data.record).toMatchObject({ status: 'returned', return_comment: comment, version: version + 1 })
    expect(editPage.data.values).toMatchObject({
      kind: 'sitter',
      startTime: '09:00',
      endTime: '11:00',
      participantCode: 'P-0014',
      sitterRole: 'co-sitter',
    })
    // The duration follows the times: the form has no such field, so the values offer none (the browser's check would refuse it).
    expect(editPage.data.values).not.toHaveProperty('minutes')
    expect(editPage.data.values).not.toHaveProperty('coSitterId')

    const resubmitted = await editRecord(
      fellow,
      id,
      sitterForm({ sitterRole: 'lead', startTime: '08:30', endTime: '11:00', version: String(version + 1), intent: 'submit' }),
    )
    expect(resubmitted.status).toBe(302)
    expect(resubmitted.location).toBe(`/hours/${id}`)
    const record = await recordOf(id)
    expect(record).toMatchObject({ status: 'submitted', sitter_role: 'lead', minutes: 150, started_at: '08:30', ended_at: '11:00', version: version + 3 })
    expect(summary(await eventsOf(id))).toEqual([
      ['create', null, 'draft', fellow.id],
      ['submit', 'draft', 'submitted', fellow.id],
      ['return', 'submitted', 'returned', supervisor.id],
      ['edit', 'returned', 'returned', fellow.id],
      ['submit', 'returned', 'submitted', fellow.id],
    ])
    expect((await eventsOf(id))[2]!.comment).toBe(comment)
    // One mail to the supervisor per submit action: the first submission and the resubmission.
    expect((await mailsTo(supervisor.email)).map((m) => m.subject)).toEqual([
      `${fellow.name} submitted 1 record for review`,
      `${fellow.name} submitted 1 record for review`,
    ])

    const approved = await decide(supervisor, id, { decision: 'approve', version: String(record.version) })
    expect(approved.status).toBe(302)
    expect(await recordOf(id)).toMatchObject({ status: 'approved', return_comment: null, approver_name: supervisor.name })
  })
})

describe('stale versions', () => {
  test('a second edit from an old page is refused with the message, and the first edit stays', async () => {
    const { fellow } = await fellowAndSupervisor()
    const id = await logged(fellow, sitterForm())
    const first = await editRecord(fellow, id, sitterForm({ version: '1', endTime: '11:30' }))
    expect(first.status).toBe(302)
    const before = await counts()
    const stale = await editRecord(fellow, id, sitterForm({ version: '1', startTime: '08:00', endTime: '11:20', participantCode: 'P-0999' }))
    expect(stale.status).toBe(409)
    expect(stale.data.errors.form).toBe(STALE_MESSAGE)
    expect(stale.data.errors.form).toMatch(/^This record changed since you opened it/)
    expect(stale.data.values).toMatchObject({ startTime: '08:00', endTime: '11:20', participantCode: 'P-0999' })
    expect(await counts()).toEqual(before)
    expect(await recordOf(id)).toMatchObject({ version: 2, minutes: 150, started_at: '09:00', ended_at: '11:30', participant_code: 'P-0014', status: 'draft' })
  })

  test('a decision on an old version is refused and nothing changes', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const { id, version } = await submitted(fellow)
    const before = await counts()
    const outcome = await decide(supervisor, id, { decision: 'approve', version: String(version - 1) })
    expect(outcome.status).toBe(409)
    expect(outcome.data.errors.form).toBe(STALE_MESSAGE)
    expect(await counts()).toEqual(before)
    expect(await recordOf(id)).toMatchObject({ status: 'submitted', version, decided_by: null, approver_name: null })
  })

  test('submitting from an old page is refused', async () => {
    const { fellow } = await fellowAndSupervisor()
    const id = await logged(fellow, sitterForm())
    expect((await editRecord(fellow, id, sitterForm({ version: '1', endTime: '10:30' }))).status).toBe(302)
    const before = await counts()
    const outcome = await postRecord(fellow, id, { intent: 'submit', version: '1' })
    expect(outcome.status).toBe(409)
    expect(outcome.data.errors.form).toBe(STALE_MESSAGE)
    expect(await counts()).toEqual(before)
    expect(await recordOf(id)).toMatchObject({ status: 'draft', version: 2 })
  })
})

describe('who may open and decide a record', () => {
  test('an unassigned supervisor gets 403 on /review/:id and its action; each refusal is logged', async () => {
    const { fellow } = await fellowAndSupervisor()
    const outsider = await supervisorWithLicense()
    const { id, version } = await submitted(fellow)

    const page = await openReview(outsider, id)
    expect(page.status).toBe(403)
    expect(JSON.stringify(page.data)).not.toContain('P-0014')
    const denied = await db.selectFrom('audit_log').selectAll().where('actor_id', '=', outsider.id).where('action', '=', 'access.denied').execute()
    expect(denied).toHaveLength(1)
    expect(denied[0]!.subject).toBe(`record:${id}`)
    expect(JSON.parse(denied[0]!.detail!)).toMatchObject({ method: 'GET', path: `/review/${id}`, reason: 'supervisor not assigned to this fellow' })

    const before = await counts()
    const posted = await decide(outsider, id, { decision: 'approve', version: String(version) })
    expect(posted.status).toBe(403)
    expect(await counts()).toEqual(before)
    expect(await recordOf(id)).toMatchObject({ status: 'submitted', version })
    const deniedAgain = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('actor_id', '=', outsider.id)
      .where('action', '=', 'access.denied')
      .orderBy('id')
      .execute()
    expect(deniedAgain).toHaveLength(2)
    expect(JSON.parse(deniedAgain[1]!.detail!)).toMatchObject({ method: 'POST', path: `/review/${id}` })

    expect((await openRecord(outsider, id)).status).toBe(403)
    const progress = await run(fellowProgressRoute.loader, await request(`/review/fellows/${fellow.id}`, { user: outsider }), { fellowId: String(fellow.id) })
    expect(progress.status).toBe(403)
    // The outsider's queue does not show the record either.
    const queue = await run(reviewRoute.loader, await request('/review', { user: outsider }))
    expect(queue.data.queue.map((r: { id: number }) => r.id)).not.toContain(id)
  })

  test('a supervisor unassigned after deciding can still read the record but no longer decide', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const { id, version } = await submitted(fellow)
    expect((await decide(supervisor, id, { decision: 'return', version: String(version), comment: 'Add the duration.' })).status).toBe(302)
    await db.deleteFrom('supervisor_assignments').where('supervisor_id', '=', supervisor.id).execute()
    const page = await openReview(supervisor, id)
    expect(page.status).toBe(200)
    expect(page.data.canDecide).toBe(false)
    // Even when the fellow resubmits, the former supervisor cannot decide it.
    expect((await editRecord(fellow, id, sitterForm({ version: String(version + 1), intent: 'submit' }))).status).toBe(302)
    const current = await recordOf(id)
    // The record page does not offer them a review they can no longer make.
    const recordPage = await openRecord(supervisor, id)
    expect(recordPage.status).toBe(200)
    expect(recordPage.data.canDecide).toBe(false)
    expect((await openReview(supervisor, id)).data.canDecide).toBe(false)
    const posted = await decide(supervisor, id, { decision: 'approve', version: String(current.version) })
    expect(posted.status).toBe(403)
    expect((await recordOf(id)).status).toBe('submitted')
  })

  test("a fellow opening another fellow's record gets 404, on every route, and changes nothing", async () => {
    const { fellow } = await fellowAndSupervisor()
    const other = await createUser(['trainee', 'fellow'])
    const id = await logged(fellow, sitterForm())
    const submittedOne = await submitted(fellow, practicumForm())

    expect((await openRecord(other, id)).status).toBe(404)
    expect((await openRecord(other, submittedOne.id)).status).toBe(404)
    expect((await run(editRoute.loader, await request(`/hours/${id}/edit`, { user: other }), { id: String(id) })).status).toBe(404)
    const before = await counts()
    expect((await editRecord(other, id, sitterForm({ version: '1', startTime: '08:00', endTime: '18:00' }))).status).toBe(404)
    expect((await postRecord(other, id, { intent: 'submit', version: '1' })).status).toBe(404)
    // Bulk submit with someone else's record: refused, nothing submitted.
    const ownDraft = await logged(other, sitterForm())
    const bulk = await run(
      hoursRoute.action,
      await request('/hours', { user: other, form: { intent: 'submit-selected', selected: [`${ownDraft}:1`, `${id}:1`] } }),
    )
    expect(bulk.status).toBe(409)
    expect(bulk.data.errors.form).toBe('One of the selected records is not yours.')
    expect(await recordOf(id)).toMatchObject({ status: 'draft', version: 1 })
    expect(await recordOf(ownDraft)).toMatchObject({ status: 'draft', version: 1 })
    expect((await counts()).events).toBe(before.events + 1) // only the other fellow's own "create"
    // A fellow cannot use the review routes at all.
    expect((await openReview(other, submittedOne.id)).status).toBe(403)
    // Ids that are not ids are 404 too.
    expect((await run(recordRoute.loader, await request('/hours/abc', { user: fellow }), { id: 'abc' })).status).toBe(404)
    expect((await run(recordRoute.loader, await request('/hours/99999999', { user: fellow }), { id: '99999999' })).status).toBe(404)
  })

  test('an assigned supervisor does not see drafts; a supervisor who is also the fellow cannot approve their own record', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const draft = await logged(fellow, sitterForm())
    expect((await openReview(supervisor, draft)).status).toBe(404)
    expect((await openRecord(supervisor, draft)).status).toBe(404)

    const both = await createUser(['trainee', 'fellow', 'supervisor'])
    await db.updateTable('users').set(LICENSE).where('id', '=', both.id).execute()
    await assign(both, both)
    const { id, version } = await submitted(both)
    const page = await openReview(both, id)
    expect(page.data.canDecide).toBe(false)
    const own = await decide(both, id, { decision: 'approve', version: String(version) })
    expect(own.status).toBe(409)
    expect(own.data.errors.form).toBe('Only an assigned supervisor can do that.')
    expect(await recordOf(id)).toMatchObject({ status: 'submitted', approver_name: null })
  })
})

describe('medical clearance gate', () => {
  test('an experiential session cannot be submitted without a clearance covering its date; it can once staff record one', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    // Staff who joined later are not named, even one first in the alphabet.
    await createUser(['staff'], { name: 'Aaron Abbott' })
    const date = daysAgo(7)
    const before = await counts()
    const refused = await logRecord(fellow, experientialForm({ occurredOn: date, intent: 'submit' }))
    expect(refused.status).toBe(409)
    const message: string = refused.data.errors.form
    expect(message).toContain('medical clearance recorded by institute staff')
    expect(message).toContain(`(${date})`)
    expect(message).toContain(`ask ${firstStaff.name} (${firstStaff.email}) to record it`)
    expect(message).toContain('save the record as a draft')
    expect(refused.data.values).toMatchObject({ kind: 'experiential', medicalTeam: 'Dr. Priya Natarajan, MD', occurredOn: date })
    // Nothing partial: no draft left behind, no events, no mail.
    expect(await counts()).toEqual(before)

    const id = await logged(fellow, experientialForm({ occurredOn: date }))
    const stillRefused = await postRecord(fellow, id, { intent: 'submit', version: '1' })
    expect(stillRefused.status).toBe(409)
    expect(stillRefused.data.errors.form).toContain(`ask ${firstStaff.name}`)
    expect(await recordOf(id)).toMatchObject({ status: 'draft', version: 1 })

    // A clearance that does not cover the date does not help.
    await db
      .insertInto('medical_clearances')
      .values({
        fellow_id: fellow.id,
        granted_on: daysAgo(400),
        expires_on: daysAgo(30),
        clinician: 'Old clinic',
        recorded_by: firstStaff.id,
        recorded_at: new Date().toISOString(),
      })
      .execute()
    expect((await postRecord(fellow, id, { intent: 'submit', version: '1' })).status).toBe(409)

    // Staff record a clearance on the fellow's page.
    const recorded = await run(
      personRoute.action,
      await request(`/staff/people/${fellow.id}`, {
        user: firstStaff,
        form: { intent: 'clearance', grantedOn: daysAgo(10), expiresOn: daysAgo(-180), clinician: 'Dr. Priya Natarajan, MD' },
      }),
      { id: String(fellow.id) },
    )
    expect(recorded.status).toBe(302)
    const accepted = await postRecord(fellow, id, { intent: 'submit', version: '1' })
    expect(accepted.status).toBe(302)
    expect(await recordOf(id)).toMatchObject({ status: 'submitted', version: 2 })
    expect(await mailsTo(supervisor.email)).toHaveLength(1)

    // And logging-and-submitting in one go now works too.
    const direct = await logged(fellow, experientialForm({ occurredOn: daysAgo(8), intent: 'submit' }))
    expect((await recordOf(direct)).status).toBe('submitted')
  })

  test('other kinds need no clearance', async () => {
    const { fellow } = await fellowAndSupervisor()
    const id = await logged(fellow, sitterForm({ intent: 'submit' }))
    expect((await recordOf(id)).status).toBe('submitted')
  })
})

describe('daily cap', () => {
  test('16 hours in a day fit; a record that goes over is refused and nothing is kept', async () => {
    const { fellow } = await fellowAndSupervisor()
    const day = daysAgo(3)
    await logged(fellow, practicumForm({ occurredOn: day, minutes: '600' }))
    await logged(fellow, sitterForm({ occurredOn: day, startTime: '13:00', endTime: '18:00' }))
    const before = await counts()
    const over = await logRecord(fellow, practicumForm({ occurredOn: day, minutes: '61', intent: 'submit', clientCode: 'C-0204' }))
    expect(over.status).toBe(400)
    expect(over.data.errors).toEqual({ minutes: `At most 16 hours can be logged for one day across all your records. 60 more minutes fit on ${day}.` })
    expect(over.data.values).toMatchObject({ minutes: '61', occurredOn: day })
    expect(await counts()).toEqual(before)

    const exact = await logged(fellow, practicumForm({ occurredOn: day, minutes: '60', clientCode: 'C-0204' }))
    expect((await recordOf(exact)).minutes).toBe(60)
    const none = await logRecord(fellow, practicumForm({ occurredOn: day, minutes: '15', clientCode: 'C-0205' }))
    expect(none.status).toBe(400)
    expect(none.data.errors.minutes).toContain(`0 more minutes fit on ${day}`)
    // Another day is unaffected; another fellow's records never count.
    await logged(fellow, practicumForm({ occurredOn: daysAgo(2), minutes: '15' }))
    const other = await createUser(['fellow'])
    await logged(other, practicumForm({ occurredOn: day, minutes: '600' }))
  })

  test('an edit that would go over the cap is refused; the record keeps its old values', async () => {
    const { fellow } = await fellowAndSupervisor()
    const day = daysAgo(6)
    await logged(fellow, practicumForm({ occurredOn: day, minutes: '600' }))
    const second = (over: Form) => practicumForm({ occurredOn: day, clientCode: 'C-0204', ...over })
    const id = await logged(fellow, second({ minutes: '300' }))
    // Its own minutes are not counted twice: 600 + 360 = 960 fits.
    expect((await editRecord(fellow, id, second({ minutes: '360', version: '1' }))).status).toBe(302)
    const before = await counts()
    const over = await editRecord(fellow, id, second({ minutes: '361', version: '2' }))
    expect(over.status).toBe(400)
    expect(over.data.errors.minutes).toMatch(/At most 16 hours/)
    expect(await counts()).toEqual(before)
    expect(await recordOf(id)).toMatchObject({ minutes: 360, version: 2 })
  })
})

describe('bad input', () => {
  const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
  const cases: { name: string; form: Form; errors: Record<string, string | RegExp> }[] = [
    {
      name: 'an empty form',
      form: { kind: 'sitter', intent: 'save' },
      errors: {
        occurredOn: 'Enter the date.',
        startTime: 'Enter the start time, such as 09:30.',
        endTime: 'Enter the end time, such as 14:00.',
        setting: 'Choose in person or virtual.',
        participantCode: 'Enter a pseudonymous code.',
        sitterRole: 'Choose lead or co-sitter.',
      },
    },
    {
      name: 'blank fields',
      form: sitterForm({ occurredOn: '', startTime: '', endTime: '', participantCode: '  ' }),
      errors: {
        occurredOn: 'Enter the date.',
        startTime: 'Enter the start time, such as 09:30.',
        endTime: 'Enter the end time, such as 14:00.',
        participantCode: 'Enter a pseudonymous code.',
      },
    },
    { name: 'overlong notes', form: sitterForm({ notes: 'n'.repeat(5001) }), errors: { notes: 'Use at most 5,000 characters.' } },
    { name: 'words for minutes', form: practicumForm({ minutes: 'two hours' }), errors: { minutes: 'Enter the duration in whole minutes.' } },
    { name: 'words for a time', form: sitterForm({ endTime: 'two hours later' }), errors: { endTime: 'Enter the end time, such as 14:00.' } },
    { name: 'a typed duration on a sitter session', form: sitterForm({ minutes: '120' }), errors: { form: /\bminutes\b/ } },
    { name: 'a fraction of a minute', form: practicumForm({ minutes: '45.5' }), errors: { minutes: 'Enter the duration in whole minutes.' } },
    { name: 'a repeated field', form: practicumForm({ minutes: ['90', '120'] }), errors: { minutes: 'Enter the duration in whole minutes.' } },
    { name: 'a repeated time', form: sitterForm({ startTime: ['09:00', '10:00'] }), errors: { startTime: 'Enter the start time, such as 09:30.' } },
    { name: 'a future date', form: sitterForm({ occurredOn: future }), errors: { occurredOn: 'The date cannot be in the future.' } },
    { name: 'a date that does not exist', form: sitterForm({ occurredOn: '2026-02-30' }), errors: { occurredOn: 'That date does not exist.' } },
    { name: 'negative minutes', form: practicumForm({ minutes: '-5' }), errors: { minutes: 'At least 15 minutes for this kind of record.' } },
    { name: 'huge minutes', form: practicumForm({ minutes: '100000' }), errors: { minutes: 'At most 600 minutes (10 hours) per record.' } },
    {
      name: 'a short sitter session',
      form: sitterForm({ startTime: '09:00', endTime: '09:59' }),
      errors: { endTime: 'A sitter session lasts 60–600 minutes; 09:00 to 09:59 is 59 minutes. (An end before the start is the next day.)' },
    },
    {
      name: 'an end time equal to the start (a whole day)',
      form: sitterForm({ startTime: '09:00', endTime: '09:00' }),
      errors: { endTime: 'A sitter session lasts 60–600 minutes; 09:00 to 09:00 is 1440 minutes. (An end before the start is the next day.)' },
    },
    {
      name: 'a sitter session over 10 hours, past midnight',
      form: sitterForm({ startTime: '22:00', endTime: '08:01' }),
      errors: { endTime: 'A sitter session lasts 60–600 minutes; 22:00 to 08:01 is 601 minutes. (An end before the start is the next day.)' },
    },
    { name: 'an hour that does not exist', form: sitterForm({ endTime: '25:00' }), errors: { endTime: 'Enter the end time, such as 14:00.' } },
    { name: 'a co-sitter that is not a person', form: sitterForm({ coSitterId: 'Jane Doe' }), errors: { coSitterId: 'Choose a fellow from the list.' } },
    {
      name: 'a co-sitter nobody has',
      form: sitterForm({ coSitterId: '99999999' }),
      errors: { coSitterId: 'Choose the co-sitter from the list of fellows.' },
    },
    { name: 'a practicum without contact', form: practicumForm({ contact: '' }), errors: { contact: 'Choose direct or indirect client contact.' } },
    {
      name: 'a group without its size',
      form: supervisionForm({ groupSize: '' }),
      errors: { groupSize: 'Enter how many people were in the group, you included.' },
    },
    { name: 'a group of one', form: supervisionForm({ groupSize: '1' }), errors: { groupSize: 'A group has at least 2 people, you included.' } },
    { name: 'a group of 51', form: supervisionForm({ groupSize: '51' }), errors: { groupSize: 'At most 50 people in a group.' } },
    {
      name: 'supervision without its type',
      form: supervisionForm({ supervisionType: '' }),
      errors: { supervisionType: 'Choose supervision or consultation.' },
    },
    {
      name: 'a forged kind',
      form: sitterForm({ kind: 'retreat' }),
      errors: { kind: 'Choose a kind of record: experiential, sitter, practicum or supervision.' },
    },
    { name: 'a forged status', form: sitterForm({ status: 'approved' }), errors: { form: /\bstatus\b/ } },
    { name: 'a forged owner', form: sitterForm({ fellowId: '1' }), errors: { form: /\bfellowId\b/ } },
    { name: 'a forged approver', form: sitterForm({ approverName: 'Me', intent: 'submit' }), errors: { form: /\bapproverName\b/ } },
    {
      name: 'an email as participant code',
      form: sitterForm({ participantCode: 'jane@example.com' }),
      errors: { participantCode: /looks like an email address/ },
    },
    { name: 'a phone number as client code', form: practicumForm({ clientCode: '+1 555-123-4567' }), errors: { clientCode: /looks like a phone number/ } },
    { name: 'a missing medical team', form: experientialForm({ medicalTeam: '' }), errors: { medicalTeam: 'Name the prescriber or medical team.' } },
  ]

  test.each(cases)('$name: 400, the error beside the field, what was typed echoed, nothing written', async ({ form, errors }) => {
    const { fellow } = await fellowAndSupervisor()
    const before = await counts()
    const outcome = await logRecord(fellow, form)
    expect(outcome.status).toBe(400)
    expect(Object.keys(outcome.data.errors).sort()).toEqual(Object.keys(errors).sort())
    for (const [field, message] of Object.entries(errors)) {
      if (typeof message === 'string') expect(outcome.data.errors[field]).toBe(message)
      else expect(outcome.data.errors[field]).toMatch(message)
    }
    expect(outcome.data.values).toEqual(form)
    expect(await counts()).toEqual(before)
    expect(await db.selectFrom('records').select('id').where('fellow_id', '=', fellow.id).execute()).toEqual([])
  })

  test('bad input on the edit form: 400, values echoed, the record unchanged', async () => {
    const { fellow } = await fellowAndSupervisor()
    const id = await logged(fellow, sitterForm())
    const before = await counts()
    const form = sitterForm({ version: '1', startTime: '00:00', endTime: '23:59', notes: 'x'.repeat(5001), status: 'approved' })
    const outcome = await editRecord(fellow, id, form)
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors.form).toMatch(/status/)
    expect(outcome.data.values).toEqual(form)
    expect(await counts()).toEqual(before)
    expect(await recordOf(id)).toMatchObject({ status: 'draft', version: 1, minutes: 120, started_at: '09:00', ended_at: '11:00' })
    // A typed duration is refused on a sitter record's edit too: its minutes come from its times.
    const typed = await editRecord(fellow, id, sitterForm({ version: '1', minutes: '600' }))
    expect(typed.status).toBe(400)
    expect(typed.data.errors.form).toMatch(/\bminutes\b/)
    expect(await recordOf(id)).toMatchObject({ version: 1, minutes: 120 })
    // Changing the kind of a record is refused.
    const kindChange = await editRecord(fellow, id, practicumForm({ version: '1' }))
    expect(kindChange.status).toBe(400)
    expect(kindChange.data.errors.kind).toMatch(/cannot be changed/)
    expect(await recordOf(id)).toMatchObject({ kind: 'sitter', version: 1 })
  })

  test('a supervisor or staff member cannot log hours', async () => {
    const supervisor = await supervisorWithLicense()
    const before = await counts()
    expect((await logRecord(supervisor, sitterForm())).status).toBe(403)
    expect((await logRecord(firstStaff, sitterForm())).status).toBe(403)
    expect(await counts()).toEqual(before)
  })
})

describe('mail', () => {
  test('submitting 3 drafts at once sends one mail to each assigned supervisor; a return sends one to the fellow', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const second = await supervisorWithLicense()
    await assign(second, fellow)
    const bystander = await supervisorWithLicense()
    const ids = [await logged(fellow, sitterForm()), await logged(fellow, practicumForm()), await logged(fellow, sitterForm({ occurredOn: daysAgo(9) }))]
    expect(await mailsTo(supervisor.email)).toEqual([])

    const outcome = await run(
      hoursRoute.action,
      await request('/hours', { user: fellow, form: { intent: 'submit-selected', selected: ids.map((id) => `${id}:1`) } }),
    )
    expect(outcome.status).toBe(302)
    for (const id of ids) expect(await recordOf(id)).toMatchObject({ status: 'submitted', version: 2 })

    for (const s of [supervisor, second]) {
      const mails = await mailsTo(s.email)
      expect(mails).toHaveLength(1)
      expect(mails[0]!.subject).toBe(`${fellow.name} submitted 3 records for review`)
      expect(mails[0]!.body).toContain('/review')
    }
    expect(await mailsTo(bystander.email)).toEqual([])
    expect(await mailsTo(fellow.email)).toEqual([])

    const { id, version } = await submitted(fellow, practicumForm({ occurredOn: daysAgo(11) }))
    expect(await mailsTo(supervisor.email)).toHaveLength(2)
    expect((await mailsTo(supervisor.email))[1]!.subject).toBe(`${fellow.name} submitted 1 record for review`)
    expect(await mailsTo(second.email)).toHaveLength(2)

    expect((await decide(second, id, { decision: 'return', version: String(version), comment: 'Which phase was this?' })).status).toBe(302)
    const toFellow = await mailsTo(fellow.email)
    expect(toFellow).toHaveLength(1)
    expect(toFellow[0]!.body).toContain('Which phase was this?')
    expect(toFellow[0]!.body).toContain(second.name)
    // An approval sends the fellow one mail (fellows are mailed per decision batch), and the supervisors nothing.
    expect((await decide(supervisor, ids[0]!, { decision: 'approve', version: '2' })).status).toBe(302)
    expect((await mailsTo(fellow.email)).map((m) => m.subject)).toEqual([
      toFellow[0]!.subject,
      `${supervisor.name} approved your sitter record of ${formatDate(daysAgo(5))}`,
    ])
    expect(await mailsTo(supervisor.email)).toHaveLength(2)
  })

  test('a refused bulk submit sends nothing and submits nothing', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const a = await logged(fellow, sitterForm())
    const b = await logged(fellow, experientialForm()) // no clearance
    const before = await counts()
    const outcome = await run(hoursRoute.action, await request('/hours', { user: fellow, form: { intent: 'submit-selected', selected: [`${a}:1`, `${b}:1`] } }))
    expect(outcome.status).toBe(409)
    expect(outcome.data.errors.form).toMatch(/medical clearance/)
    expect(await counts()).toEqual(before)
    expect(await recordOf(a)).toMatchObject({ status: 'draft', version: 1 })
    expect(await mailsTo(supervisor.email)).toEqual([])
  })
})

describe('approve selected', () => {
  test('approves several at once', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const records = [await submitted(fellow), await submitted(fellow, practicumForm()), await submitted(fellow, sitterForm({ occurredOn: daysAgo(12) }))]
    const queue = await run(reviewRoute.loader, await request('/review', { user: supervisor }))
    expect(queue.data.queue.map((r: { id: number }) => r.id).sort()).toEqual(records.map((r) => r.id).sort())
    expect(queue.data.counts).toMatchObject({ sitter: 2, practicum: 1, experiential: 0, supervision: 0 })

    const outcome = await run(
      reviewRoute.action,
      await request('/review', {
        user: supervisor,
        form: { intent: 'approve-selected', selected: records.map((r) => `${r.id}:${r.version}`), ...signed(supervisor) },
      }),
    )
    expect(outcome.status).toBe(302)
    for (const r of records) {
      expect(await recordOf(r.id)).toMatchObject({ status: 'approved', approver_name: supervisor.name, approver_license_number: '98765' })
      expect((await eventsOf(r.id)).at(-1)).toMatchObject({ action: 'approve', actor_id: supervisor.id })
    }
    const progress = await run(fellowProgressRoute.loader, await request(`/review/fellows/${fellow.id}`, { user: supervisor }), { fellowId: String(fellow.id) })
    expect(progress.data.tally.sitter).toMatchObject({ approved: 2, pending: 0, approvedMinutes: 240 })
    expect(progress.data.tally.practicum).toMatchObject({ approved: 1, approvedMinutes: 90 })
  })

  test('refuses all when one is stale (or not theirs to decide)', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const a = await submitted(fellow)
    const b = await submitted(fellow, practicumForm())
    const c = await submitted(fellow, sitterForm({ occurredOn: daysAgo(12) }))
    // b changes after the queue was opened: returned and resubmitted.
    expect((await decide(supervisor, b.id, { decision: 'return', version: String(b.version), comment: 'Fix the phase.' })).status).toBe(302)
    expect((await editRecord(fellow, b.id, practicumForm({ phase: 'preparation', version: String(b.version + 1), intent: 'submit' }))).status).toBe(302)

    const before = await counts()
    const stale = await run(
      reviewRoute.action,
      await request('/review', {
        user: supervisor,
        form: { intent: 'approve-selected', selected: [a, b, c].map((r) => `${r.id}:${r.version}`), ...signed(supervisor) },
      }),
    )
    expect(stale.status).toBe(409)
    expect(stale.data.errors.form).toBe(`Nothing was approved. ${STALE_MESSAGE}`)
    expect(await counts()).toEqual(before)
    for (const r of [a, b, c]) expect((await recordOf(r.id)).status).toBe('submitted')

    // Someone else's fellow slipped into the list: refused as a whole too.
    const stranger = await fellowAndSupervisor()
    const theirs = await submitted(stranger.fellow)
    const mixed = await run(
      reviewRoute.action,
      await request('/review', {
        user: supervisor,
        form: { intent: 'approve-selected', selected: [`${a.id}:${a.version}`, `${theirs.id}:${theirs.version}`], ...signed(supervisor) },
      }),
    )
    expect(mixed.status).toBe(403)
    expect((await recordOf(a.id)).status).toBe('submitted')
    expect((await recordOf(theirs.id)).status).toBe('submitted')
    expect(await lastDenial(supervisor.id)).toMatchObject({ subject: `record:${theirs.id}` })

    // A record that does not exist gets the very same answer: the id's existence stays unknown.
    const missing = await run(
      reviewRoute.action,
      await request('/review', {
        user: supervisor,
        form: { intent: 'approve-selected', selected: [`${a.id}:${a.version}`, '99999999:1'], ...signed(supervisor) },
      }),
    )
    expect(missing.status).toBe(403)
    expect(missing.data).toEqual(mixed.data)
    expect(await lastDenial(supervisor.id)).toMatchObject({ subject: 'record:99999999' })
    expect((await recordOf(a.id)).status).toBe('submitted')

    const nothing = await run(reviewRoute.action, await request('/review', { user: supervisor, form: { intent: 'approve-selected' } }))
    expect(nothing.status).toBe(400)
    expect(nothing.data.errors.selected).toBe('Select at least one record.')
  })
})

/** The newest refusal logged for `actorId`. */
async function lastDenial(actorId: number) {
  return db.selectFrom('audit_log').selectAll().where('actor_id', '=', actorId).where('action', '=', 'access.denied').orderBy('id', 'desc').executeTakeFirst()
}

describe('staff amendments', () => {
  async function approvedRecord() {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const { id, version } = await submitted(fellow)
    expect((await decide(supervisor, id, { decision: 'approve', version: String(version) })).status).toBe(302)
    return { fellow, supervisor, id, record: await recordOf(id) }
  }

  test('staff amend an approved record with a reason: an amend event with before/after, and an audit entry', async () => {
    const { id, record } = await approvedRecord()
    const staff = await createUser(['staff'])
    const page = await openRecord(staff, id)
    expect(page.data.canAmend).toBe(true)
    const newDate = daysAgo(6)
    const outcome = await postRecord(staff, id, {
      version: String(record.version),
      occurredOn: newDate,
      minutes: '100',
      setting: 'virtual',
      reason: 'The fellow reported the wrong day.',
    })
    expect(outcome.status).toBe(302)
    expect(await recordOf(id)).toMatchObject({
      status: 'approved',
      occurred_on: newDate,
      minutes: 100,
      setting: 'virtual',
      // A sitter session logged by the clock keeps its start; its end moves with the amended duration.
      started_at: '09:00',
      ended_at: '10:40',
      version: record.version + 1,
      approver_name: record.approver_name,
    })

    const events = await eventsOf(id)
    expect(events.map((e) => e.action)).toEqual(['create', 'submit', 'approve', 'amend'])
    const amend = events.at(-1)!
    expect(amend).toMatchObject({ actor_id: staff.id, from_status: 'approved', to_status: 'approved', comment: 'The fellow reported the wrong day.' })
    expect(JSON.parse(amend.detail!)).toEqual({
      before: { occurredOn: record.occurred_on, minutes: record.minutes, setting: record.setting, endTime: '11:00' },
      after: { occurredOn: newDate, minutes: 100, setting: 'virtual', endTime: '10:40' },
    })
    const logged = await db.selectFrom('audit_log').selectAll().where('actor_id', '=', staff.id).where('action', '=', 'record.amend').executeTakeFirstOrThrow()
    expect(logged.subject).toBe(`record:${id}`)
    expect(JSON.parse(logged.detail!)).toMatchObject({
      from: 'approved',
      to: 'approved',
      comment: 'The fellow reported the wrong day.',
      change: { after: { minutes: 100 } },
    })
  })

  test('without a reason, from an old version, or by anyone but staff: refused and nothing changes', async () => {
    const { fellow, supervisor, id, record } = await approvedRecord()
    const staff = await createUser(['staff'])
    const form = { version: String(record.version), occurredOn: record.occurred_on, minutes: '200', setting: 'in_person' }
    const before = await counts()

    const noReason = await postRecord(staff, id, { ...form, reason: '   ' })
    expect(noReason.status).toBe(400)
    expect(noReason.data.errors).toEqual({ reason: 'Give the reason for the amendment.' })
    expect(noReason.data.values).toMatchObject({ minutes: '200' })

    const stale = await postRecord(staff, id, { ...form, version: String(record.version - 1), reason: 'Typo.' })
    expect(stale.status).toBe(409)
    expect(stale.data.errors.form).toBe(STALE_MESSAGE)

    for (const user of [fellow, supervisor]) {
      const outcome = await postRecord(user, id, { ...form, reason: 'I want more minutes.' })
      expect(outcome.status).toBe(403)
    }

    // An amendment obeys the same rules as the record: a sitter session is at least an hour.
    const tooShort = await postRecord(staff, id, { ...form, minutes: '30', reason: 'Shorter than logged.' })
    expect(tooShort.status).toBe(400)
    expect(tooShort.data.errors).toEqual({ minutes: 'At least 60 minutes for this kind of record.' })
    expect(tooShort.data.values).toMatchObject({ minutes: '30', reason: 'Shorter than logged.' })
    const future = await postRecord(staff, id, { ...form, occurredOn: new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10), reason: 'Moved.' })
    expect(future.status).toBe(400)
    expect(future.data.errors).toEqual({ occurredOn: 'The date cannot be in the future.' })
    expect(await counts()).toEqual(before)
    expect(await recordOf(id)).toMatchObject({ minutes: record.minutes, started_at: '09:00', ended_at: '11:00', version: record.version })

    // A record that is not approved cannot be amended.
    const draft = await logged(fellow, sitterForm({ occurredOn: daysAgo(20) }))
    const notApproved = await postRecord(staff, draft, { version: '1', occurredOn: daysAgo(20), minutes: '90', setting: 'in_person', reason: 'Fix.' })
    expect(notApproved.status).toBe(409)
    expect(notApproved.data.errors.form).toBe('A draft record cannot be amended.')
  })
})

describe('record_events is append-only', () => {
  test('the database refuses UPDATE and DELETE on record_events', async () => {
    const { fellow } = await fellowAndSupervisor()
    const id = await logged(fellow, sitterForm())
    const [event] = await eventsOf(id)
    await expect(sql`update record_events set comment = 'rewritten' where id = ${event!.id}`.execute(db)).rejects.toThrow(/append-only/)
    await expect(db.updateTable('record_events').set({ action: 'approve' }).where('id', '=', event!.id).execute()).rejects.toThrow(/append-only/)
    await expect(sql`delete from record_events where id = ${event!.id}`.execute(db)).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('record_events').execute()).rejects.toThrow(/append-only/)
    expect(await eventsOf(id)).toEqual([event])
  })

  test('no source file under app/ updates or deletes record_events', () => {
    const root = path.resolve(import.meta.dirname, '../../app')
    const files: string[] = []
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(full)
        else if (/\.(ts|tsx|js|jsx|mjs|cjs|sql)$/.test(entry.name) && !/\.test\.[tj]sx?$/.test(entry.name)) files.push(full)
      }
    }
    walk(root)
    expect(files.length).toBeGreaterThan(20)
    expect(files.some((f) => f.endsWith(path.join('hours', 'records.server.ts')))).toBe(true)

    const forbiddenPatterns = [
      /updateTable\(\s*['"`]record_events['"`]/i,
      /deleteFrom\(\s*['"`]record_events['"`]/i,
      /\bupdate\s+(or\s+\w+\s+)?["`]?record_events\b/i,
      /\bdelete\s+from\s+["`]?record_events\b/i,
      /\breplace\s+into\s+["`]?record_events\b/i,
    ]
    // The detector itself finds what it is meant to find.
    for (const sample of [
      "db.updateTable('record_events')",
      'trx.deleteFrom("record_events")',
      'UPDATE record_events SET x = 1',
      'delete from record_events',
    ]) {
      expect(
        forbiddenPatterns.some((p) => p.test(sample)),
        sample,
      ).toBe(true)
    }
    expect(forbiddenPatterns.some((p) => p.test("trx.insertInto('record_events')"))).toBe(false)

    const offenders = files.flatMap((file) => {
      const text = fs.readFileSync(file, 'utf8')
      return forbiddenPatterns.filter((p) => p.test(text)).map((p) => `${path.relative(root, file)} matches ${p}`)
    })
    expect(offenders).toEqual([])
  })
})

describe('the fellow’s hours page', () => {
  test('counts only approved records; submitted are pending; drafts and returned count nowhere', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const a = await submitted(fellow)
    const b = await submitted(fellow, sitterForm({ occurredOn: daysAgo(13), startTime: '09:00', endTime: '10:40' }))
    await submitted(fellow, sitterForm({ occurredOn: daysAgo(14) }))
    await logged(fellow, sitterForm({ occurredOn: daysAgo(15) }))
    expect((await decide(supervisor, a.id, { decision: 'approve', version: String(a.version) })).status).toBe(302)
    expect((await decide(supervisor, b.id, { decision: 'return', version: String(b.version), comment: 'Check the duration.' })).status).toBe(302)
    const page = await run(hoursRoute.loader, await request('/hours', { user: fellow }))
    expect(page.status).toBe(200)
    expect(page.data.tally.sitter).toEqual({ approved: 1, pending: 1, approvedMinutes: 120, pendingMinutes: 120 })
    expect(page.data.targets.sitter).toBe(12)
    expect(page.data.targets.experiential).toBe(12)
    expect(page.data.records).toHaveLength(4)
  })
})

describe('the audit log carries every record transition', () => {
  test('create, submit and a supervisor decision each appear with who, what and the from/to status', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const { id, version } = await submitted(fellow)
    expect((await decide(supervisor, id, { decision: 'return', version: String(version), comment: 'Add the route.' })).status).toBe(302)
    const rows = await db.selectFrom('audit_log').select(['actor_id', 'action', 'detail']).where('subject', '=', `record:${id}`).orderBy('id').execute()
    expect(rows.map((r) => [r.actor_id, r.action])).toEqual([
      [fellow.id, 'record.create'],
      [fellow.id, 'record.submit'],
      [supervisor.id, 'record.return'],
    ])
    expect(JSON.parse(rows[2]!.detail!)).toEqual({ from: 'submitted', to: 'returned', comment: 'Add the route.' })
  })
})
