import { afterEach, beforeAll, describe, expect, test } from 'vitest'
import { daysAgo } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import { ConfigurationError } from '#app/env.server.ts'
import { codeFormats } from '#app/hours/code-formats.server.ts'
import * as editRoute from '#app/routes/hours.$id.edit.tsx'
import * as recordRoute from '#app/routes/hours.$id._index.tsx'
import * as newRoute from '#app/routes/hours.new.tsx'
import * as reviewRecordRoute from '#app/routes/review.$id.tsx'
import * as reviewRoute from '#app/routes/review._index.tsx'
import * as personRoute from '#app/routes/staff.people.$id.tsx'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { licensedSupervisorOf } from '#tests/support/licenses.ts'
import { signedAgreement } from '#tests/support/supervision.ts'

// The clean-data rules end to end through the routes: codes in the institute's format, no
// contact details or birth dates in free text, possible duplicates confirmed by the fellow and
// flagged to the supervisor, no second identical clearance, and a resubmission's changes.

type Form = Record<string, string | string[]>

let staff: TestUser
beforeAll(async () => {
  staff = await createUser(['staff'])
})

afterEach(() => {
  delete process.env.PARTICIPANT_CODE_FORMAT
  delete process.env.CLIENT_CODE_FORMAT
})

async function fellowAndSupervisor() {
  const fellow = await createUser(['trainee', 'fellow'])
  return { fellow, supervisor: await licensedSupervisorOf(fellow, staff) }
}

const sitter = (over: Form = {}): Form => ({
  kind: 'sitter',
  occurredOn: daysAgo(5),
  // 120 minutes, by the clock.
  startTime: '09:00',
  endTime: '11:00',
  setting: 'in_person',
  participantCode: 'P-0042',
  sitterRole: 'co-sitter',
  coSitterId: '',
  notes: 'Held silence.',
  intent: 'save',
  ...over,
})
const practicum = (over: Form = {}): Form => ({
  kind: 'practicum',
  occurredOn: daysAgo(4),
  minutes: '90',
  setting: 'virtual',
  phase: 'integration',
  contact: 'direct',
  clientCode: 'C-0042',
  notes: '',
  intent: 'save',
  ...over,
})

const logRecord = async (fellow: TestUser, form: Form) => run(newRoute.action, await request(`/hours/new?kind=${form.kind}`, { user: fellow, form }))
const editRecord = async (fellow: TestUser, id: number, form: Form) =>
  run(editRoute.action, await request(`/hours/${id}/edit`, { user: fellow, form }), { id: String(id) })
async function logged(fellow: TestUser, form: Form) {
  const outcome = await logRecord(fellow, form)
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
  return Number(/^\/hours\/(\d+)$/.exec(outcome.location ?? '')![1])
}
const recordOf = (id: number) => db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const eventsOf = (id: number) => db.selectFrom('record_events').selectAll().where('record_id', '=', id).orderBy('id').execute()
async function tableCounts() {
  const n = async (table: 'records' | 'record_events' | 'audit_log' | 'medical_clearances') =>
    Number(
      (
        await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    )
  return { records: await n('records'), events: await n('record_events'), audit: await n('audit_log'), clearances: await n('medical_clearances') }
}

describe('participant and client codes follow the institute’s format', () => {
  const PARTICIPANT = 'Use the institute’s participant code format, P-#### (# is a digit), for example P-0042. Never a name or initials.'
  const CLIENT = 'Use the institute’s client code format, C-#### (# is a digit), for example C-0042. Never a name or initials.'

  test.each([
    ['Jane Doe', 'participantCode', sitter, PARTICIPANT],
    ['JD', 'participantCode', sitter, PARTICIPANT],
    ['P-014', 'participantCode', sitter, PARTICIPANT],
    ['Jane Doe', 'clientCode', practicum, CLIENT],
    ['J.D.', 'clientCode', practicum, CLIENT],
  ] as const)('%j is refused beside the %s field; what was typed comes back; nothing is written', async (code, field, form, message) => {
    const fellow = await createUser(['fellow'])
    const before = await tableCounts()
    const outcome = await logRecord(fellow, form({ [field]: code }))
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors).toEqual({ [field]: message })
    expect(outcome.data.values[field]).toBe(code)
    expect(await tableCounts()).toEqual(before)
  })

  test('a code in the format is stored in capitals', async () => {
    const fellow = await createUser(['fellow'])
    const id = await logged(fellow, sitter({ participantCode: ' p-0042 ' }))
    expect((await recordOf(id)).participant_code).toBe('P-0042')
  })

  test('the formats are configured: the form is told them, and the server holds to them', async () => {
    process.env.PARTICIPANT_CODE_FORMAT = 'kap-###'
    process.env.CLIENT_CODE_FORMAT = 'CL-##'
    const fellow = await createUser(['fellow'])
    const page = await run(newRoute.loader, await request('/hours/new?kind=sitter', { user: fellow }))
    expect(page.data.codes).toEqual({ participant: 'KAP-###', client: 'CL-##' })
    expect((await logRecord(fellow, sitter({ participantCode: 'P-0042' }))).data.errors).toEqual({
      participantCode: 'Use the institute’s participant code format, KAP-### (# is a digit), for example KAP-042. Never a name or initials.',
    })
    const id = await logged(fellow, sitter({ participantCode: 'KAP-042' }))
    expect((await recordOf(id)).participant_code).toBe('KAP-042')
    await logged(fellow, practicum({ clientCode: 'cl-07' }))
  })

  test('a format that could let a name through stops the start, naming the variable', () => {
    process.env.PARTICIPANT_CODE_FORMAT = 'PARTICIPANT'
    expect(() => codeFormats()).toThrow(ConfigurationError)
    expect(() => codeFormats()).toThrow(/PARTICIPANT_CODE_FORMAT "PARTICIPANT" cannot be used: it needs at least one #/)
  })
})

describe('free text holds no contact details or birth dates', () => {
  const EMAIL = 'This contains an email address. Remove it: records never hold contact details.'
  const PHONE = 'This contains a phone number. Remove it: records never hold contact details.'
  const BIRTH = 'This contains a date of birth. Remove it: records never hold details that identify a person.'
  const experiential = (over: Form): Form => ({
    kind: 'experiential',
    occurredOn: daysAgo(7),
    minutes: '150',
    setting: 'in_person',
    route: 'intramuscular',
    medicalTeam: 'Dr. Priya Natarajan, MD',
    preparationNotes: '',
    integrationNotes: '',
    intent: 'save',
    ...over,
  })

  test.each([
    ['sitter notes', sitter({ notes: 'She asked me to write to jane.doe@example.com.' }), 'notes', EMAIL],
    ['practicum notes', practicum({ notes: 'Reach the client on (555) 123-4567.' }), 'notes', PHONE],
    ['practicum notes', practicum({ notes: 'DOB 03/04/1985, first session.' }), 'notes', BIRTH],
    ['preparation notes', experiential({ preparationNotes: 'Born on 4 March 1985.' }), 'preparationNotes', BIRTH],
    ['integration notes', experiential({ integrationNotes: 'Text me: +44 20 7946 0958' }), 'integrationNotes', PHONE],
    ['the medical team', experiential({ medicalTeam: 'Dr. N (natarajan@clinic.example)' }), 'medicalTeam', EMAIL],
  ])('%s: refused with the reason beside the field, the text kept, nothing written', async (_, form, field, message) => {
    const fellow = await createUser(['fellow'])
    const before = await tableCounts()
    const outcome = await logRecord(fellow, form)
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors).toEqual({ [field]: message })
    expect(outcome.data.values[field]).toBe(form[field])
    expect(await tableCounts()).toEqual(before)
  })

  test('an edit is held to the same rule; the stored notes stay as they were', async () => {
    const fellow = await createUser(['fellow'])
    const id = await logged(fellow, sitter())
    const outcome = await editRecord(fellow, id, sitter({ version: '1', notes: 'call 555-123-4567' }))
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors).toEqual({ notes: PHONE })
    expect(await recordOf(id)).toMatchObject({ notes: 'Held silence.', version: 1 })
  })
})

describe('possible duplicates', () => {
  const DUPLICATE =
    /^This may be a duplicate: you already have a sitter session record on .+ with the same participant \(draft\)\. If this is another session, tick “Yes, this is a different session” and save again\.$/

  test('the same kind, day and participant asks for confirmation; nothing is written until the box is ticked', async () => {
    const fellow = await createUser(['fellow'])
    const first = await logged(fellow, sitter())
    const before = await tableCounts()
    // 10:00 to 11:30 overlaps 09:00 to 11:00.
    const asked = await logRecord(fellow, sitter({ startTime: '10:00', endTime: '11:30', intent: 'submit' }))
    expect(asked.status).toBe(400)
    expect(asked.data.errors).toEqual({ differentSession: expect.stringMatching(DUPLICATE) })
    expect(asked.data.values).toMatchObject({ startTime: '10:00', endTime: '11:30', participantCode: 'P-0042', intent: 'submit' })
    expect(await tableCounts()).toEqual(before)

    const confirmed = await logged(fellow, sitter({ startTime: '10:00', endTime: '11:30', differentSession: 'yes' }))
    const [created] = await eventsOf(confirmed)
    expect(created).toMatchObject({ action: 'create' })
    expect(JSON.parse(created!.detail!)).toEqual({ confirmedDifferentFrom: [first] })
  })

  test('another participant, another day or another kind is not asked about; another fellow’s records never count', async () => {
    const fellow = await createUser(['fellow'])
    await logged(fellow, sitter())
    await logged(fellow, sitter({ participantCode: 'P-0043' }))
    await logged(fellow, sitter({ occurredOn: daysAgo(6) }))
    await logged(fellow, practicum({ occurredOn: daysAgo(5), clientCode: 'C-0042' }))
    await logged(await createUser(['fellow']), sitter())
    // The same participant that day at another time: sitter sessions carry their times, and these do not overlap.
    await logged(fellow, sitter({ startTime: '11:00', endTime: '13:00' }))
    await logged(fellow, sitter({ startTime: '22:00', endTime: '01:00' }))
  })

  test('an edit that makes a record a possible duplicate asks too; the edit page says so before saving', async () => {
    const fellow = await createUser(['fellow'])
    await logged(fellow, sitter())
    const id = await logged(fellow, sitter({ participantCode: 'P-0043' }))
    const asked = await editRecord(fellow, id, sitter({ version: '1' }))
    expect(asked.status).toBe(400)
    expect(asked.data.errors.differentSession).toMatch(DUPLICATE)
    expect(await recordOf(id)).toMatchObject({ participant_code: 'P-0043', version: 1 })
    expect((await editRecord(fellow, id, sitter({ version: '1', differentSession: 'yes' }))).status).toBe(302)
    const page = await run(editRoute.loader, await request(`/hours/${id}/edit`, { user: fellow }), { id: String(id) })
    expect(page.data.duplicateWarning).toMatch(DUPLICATE)
  })

  test('the supervisor’s queue flags submitted records that may be one session; the review page lists the other', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const a = await logged(fellow, sitter({ intent: 'submit' }))
    const b = await logged(fellow, sitter({ intent: 'submit', startTime: '09:30', endTime: '11:00', differentSession: 'yes' }))
    const clean = await logged(fellow, sitter({ intent: 'submit', participantCode: 'P-0099' }))
    // A draft is the fellow's own: it flags nothing in the supervisor's queue.
    const draftTwin = await logged(fellow, sitter({ participantCode: 'P-0099', differentSession: 'yes' }))
    // Another fellow of the same supervisor, the same participant code that day: a different person's session.
    const other = await createUser(['trainee', 'fellow'])
    await db
      .insertInto('supervisor_assignments')
      .values({ fellow_id: other.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: staff.id })
      .execute()
    await signedAgreement(other, supervisor)
    const othersSession = await logged(other, sitter({ intent: 'submit', participantCode: 'P-0099' }))

    const queue = await run(reviewRoute.loader, await request('/review', { user: supervisor }))
    const flags = Object.fromEntries(queue.data.queue.map((r: { id: number; possibleDuplicate: boolean }) => [r.id, r.possibleDuplicate]))
    expect(flags).toEqual({ [a]: true, [b]: true, [clean]: false, [othersSession]: false })
    // Each row names its participant by code, so the supervisor can tell the twins apart (#15); a draft's row never appears.
    const codes = Object.fromEntries(queue.data.queue.map((r: { id: number; code: string | null }) => [r.id, r.code]))
    expect(codes).toEqual({ [a]: 'P-0042', [b]: 'P-0042', [clean]: 'P-0099', [othersSession]: 'P-0099' })

    const review = await run(reviewRecordRoute.loader, await request(`/review/${b}`, { user: supervisor }), { id: String(b) })
    expect(review.data.duplicates.map((d: { id: number }) => d.id)).toEqual([a])
    const cleanReview = await run(reviewRecordRoute.loader, await request(`/review/${clean}`, { user: supervisor }), { id: String(clean) })
    expect(cleanReview.data.duplicates).toEqual([])
    expect(draftTwin).toBeGreaterThan(clean)
  })
})

describe('medical clearances', () => {
  const recordClearance = async (fellow: TestUser, form: Form) =>
    run(personRoute.action, await request(`/staff/people/${fellow.id}`, { user: staff, form: { intent: 'clearance', ...form } }), { id: String(fellow.id) })
  const clearance = { grantedOn: daysAgo(10), expiresOn: daysAgo(-180), clinician: 'Dr. Priya Natarajan, MD' }

  test('a second identical clearance is refused beside the grant date and nothing is written; a different one is recorded', async () => {
    const fellow = await createUser(['fellow'])
    expect((await recordClearance(fellow, clearance)).status).toBe(302)
    const before = await tableCounts()
    const again = await recordClearance(fellow, { ...clearance, clinician: ' dr. priya natarajan, md ' })
    expect(again.status).toBe(409)
    expect(again.data.errors).toEqual({
      grantedOn: expect.stringMatching(/^This clearance is already on file \(.+ – .+, dr\. priya natarajan, md\)\. Nothing was added\.$/),
    })
    expect(again.data.values).toMatchObject({ intent: 'clearance', clinician: ' dr. priya natarajan, md ' })
    expect(await tableCounts()).toEqual(before)

    expect((await recordClearance(fellow, { ...clearance, expiresOn: daysAgo(-200) })).status).toBe(302)
    // Another fellow may of course have the same one.
    expect((await recordClearance(await createUser(['fellow']), clearance)).status).toBe(302)
  })

  test('once the clearance on file has ended, the same one may be recorded again', async () => {
    const fellow = await createUser(['fellow'])
    expect((await recordClearance(fellow, clearance)).status).toBe(302)
    await db
      .updateTable('medical_clearances')
      .set({ ended_on: daysAgo(1), ended_by: staff.id, end_reason: 'Recorded in error.' })
      .where('fellow_id', '=', fellow.id)
      .execute()
    expect((await recordClearance(fellow, clearance)).status).toBe(302)
  })
})

describe('a resubmitted record shows what changed since it was returned', () => {
  test('field by field on the resubmission, each edit on its own, private notes named but not copied', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const id = await logged(fellow, sitter({ intent: 'submit' }))
    const returned = await run(
      reviewRecordRoute.action,
      await request(`/review/${id}`, { user: supervisor, form: { decision: 'return', version: '2', comment: 'Check the duration and the code.' } }),
      { id: String(id) },
    )
    expect(returned.status).toBe(302)
    // 100 minutes, then 150: the end time goes back to 11:00, so only the start time and the minutes changed since the return.
    expect((await editRecord(fellow, id, sitter({ version: '3', endTime: '10:40', notes: 'Held silence; grounding once.' }))).status).toBe(302)
    expect(
      (
        await editRecord(
          fellow,
          id,
          sitter({ version: '4', startTime: '08:30', endTime: '11:00', participantCode: 'P-0043', notes: 'Held silence; grounding once.' }),
        )
      ).status,
    ).toBe(302)
    const resubmitted = await run(recordRoute.action, await request(`/hours/${id}`, { user: fellow, form: { intent: 'submit', version: '5' } }), {
      id: String(id),
    })
    expect(resubmitted.status).toBe(302)

    const events = await eventsOf(id)
    expect(events.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'edit', 'edit', 'submit'])
    expect(JSON.parse(events[3]!.detail!)).toEqual({
      changes: [{ field: 'minutes', from: '120', to: '100' }, { field: 'endTime', from: '11:00', to: '10:40' }, { field: 'notes' }],
    })
    expect(JSON.parse(events[4]!.detail!)).toEqual({
      changes: [
        { field: 'minutes', from: '100', to: '150' },
        { field: 'startTime', from: '09:00', to: '08:30' },
        { field: 'endTime', from: '10:40', to: '11:00' },
        { field: 'participantCode', from: 'P-0042', to: 'P-0043' },
      ],
    })
    expect(JSON.parse(events[5]!.detail!)).toEqual({
      changesSinceReturn: [
        { field: 'minutes', from: '120', to: '150' },
        { field: 'startTime', from: '09:00', to: '08:30' },
        { field: 'participantCode', from: 'P-0042', to: 'P-0043' },
        { field: 'notes' },
      ],
    })
    expect(events[5]!.detail).not.toContain('grounding')
    // The first submission came from a draft: it has nothing to compare.
    expect(events[1]!.detail).toBeNull()

    const review = await run(reviewRecordRoute.loader, await request(`/review/${id}`, { user: supervisor }), { id: String(id) })
    expect(review.data.history.at(-1)).toMatchObject({ action: 'submit', detail: events[5]!.detail })
  })

  test('resubmitted without changes: an empty list, said as such', async () => {
    const { fellow, supervisor } = await fellowAndSupervisor()
    const id = await logged(fellow, practicum({ intent: 'submit' }))
    await run(
      reviewRecordRoute.action,
      await request(`/review/${id}`, { user: supervisor, form: { decision: 'return', version: '2', comment: 'Which phase?' } }),
      { id: String(id) },
    )
    expect(
      (await run(recordRoute.action, await request(`/hours/${id}`, { user: fellow, form: { intent: 'submit', version: '3' } }), { id: String(id) })).status,
    ).toBe(302)
    expect(JSON.parse((await eventsOf(id)).at(-1)!.detail!)).toEqual({ changesSinceReturn: [] })
  })
})
