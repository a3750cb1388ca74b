import { beforeAll, describe, expect, test } from 'vitest'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import type { ProgramEligibility } from '#app/programs/eligibility.ts'
import { eligibilityFor } from '#app/programs/eligibility.server.ts'
import * as dashboardRoute from '#app/routes/_index.tsx'
import * as recordRoute from '#app/routes/hours.$id._index.tsx'
import * as editRoute from '#app/routes/hours.$id.edit.tsx'
import * as newRoute from '#app/routes/hours.new.tsx'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'

// What a record keeps of the categories licensing boards count, as the fellow logs it,
// and what its page and edit form give back.

type Form = Record<string, string>

let fellow: TestUser
beforeAll(async () => {
  fellow = await createUser(['trainee', 'fellow'])
})

async function log(form: Form) {
  const outcome = await run(newRoute.action, await request(`/hours/new?kind=${form.kind}`, { user: fellow, form }))
  return { ...outcome, id: Number(/^\/hours\/(\d+)$/.exec(outcome.location ?? '')?.[1]) }
}
const recordOf = (id: number) => db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

const supervision = (over: Form = {}): Form => ({
  kind: 'supervision',
  occurredOn: daysAgo(2),
  minutes: '90',
  setting: 'virtual',
  supervisionType: 'supervision',
  supervisionFormat: 'group',
  groupSize: '6',
  supervisorName: 'Dr. Jonah Lee',
  notes: '',
  intent: 'save',
  ...over,
})
const practicum = (over: Form = {}): Form => ({
  kind: 'practicum',
  occurredOn: daysAgo(4),
  minutes: '60',
  setting: 'in_person',
  phase: 'integration',
  contact: 'indirect',
  clientCode: 'C-0203',
  notes: '',
  intent: 'save',
  ...over,
})

describe('supervision, group supervision and consultation', () => {
  test('group supervision keeps its size; consultation is kept as its own kind; an individual session keeps no size', async () => {
    const group = await log(supervision())
    expect(await recordOf(group.id)).toMatchObject({ supervision_type: 'supervision', supervision_format: 'group', group_size: 6 })
    const consultation = await log(
      supervision({ supervisionType: 'consultation', supervisionFormat: 'individual', groupSize: '4', supervisorName: 'Dr. Rosa Kim' }),
    )
    expect(await recordOf(consultation.id)).toMatchObject({ supervision_type: 'consultation', supervision_format: 'individual', group_size: null })
  })

  test('a group without its size, a size of 1 or 51, or no choice of supervision or consultation is refused beside the field; nothing is kept', async () => {
    const before = await db.selectFrom('records').select('id').where('fellow_id', '=', fellow.id).execute()
    const cases: [Form, string, string][] = [
      [supervision({ groupSize: '' }), 'groupSize', 'Enter how many people were in the group, you included.'],
      [supervision({ groupSize: '1' }), 'groupSize', 'A group has at least 2 people, you included.'],
      [supervision({ groupSize: '51' }), 'groupSize', 'At most 50 people in a group.'],
      [supervision({ supervisionType: '' }), 'supervisionType', 'Choose supervision or consultation.'],
      [practicum({ contact: '' }), 'contact', 'Choose direct or indirect client contact.'],
    ]
    for (const [form, field, message] of cases) {
      const outcome = await log(form)
      expect(outcome.status, `${field}: ${JSON.stringify(outcome.data)}`).toBe(400)
      expect(outcome.data).toMatchObject({ errors: { [field]: message } })
    }
    expect(await db.selectFrom('records').select('id').where('fellow_id', '=', fellow.id).execute()).toEqual(before)
  })
})

describe('practicum as direct or indirect contact', () => {
  test('kept, shown on the record page and given back to the edit form', async () => {
    const { id } = await log(practicum())
    expect(await recordOf(id)).toMatchObject({ practicum_contact: 'indirect' })
    const edit = await run(editRoute.loader, await request(`/hours/${id}/edit`, { user: fellow }), { id: String(id) })
    expect(edit.data).toMatchObject({ values: { contact: 'indirect', phase: 'integration' } })
    const changed = await run(
      editRoute.action,
      await request(`/hours/${id}/edit`, { user: fellow, form: practicum({ contact: 'direct', version: String((await recordOf(id)).version) }) }),
      { id: String(id) },
    )
    expect(changed.status).toBe(302)
    const event = await db.selectFrom('record_events').select('detail').where('record_id', '=', id).where('action', '=', 'edit').executeTakeFirstOrThrow()
    expect(JSON.parse(event.detail!)).toMatchObject({ changes: [{ field: 'contact', from: 'indirect', to: 'direct' }] })
    const page = await run(recordRoute.loader, await request(`/hours/${id}`, { user: fellow }), { id: String(id) })
    expect(page.data).toMatchObject({ record: { practicum_contact: 'direct' } })
  })
})

describe('sitter sessions by the clock', () => {
  test('the end time must give 60 to 600 minutes: 15 minutes and 11 hours are refused beside the end time', async () => {
    const sitter = (startTime: string, endTime: string): Form => ({
      kind: 'sitter',
      occurredOn: daysAgo(6),
      startTime,
      endTime,
      setting: 'in_person',
      participantCode: 'P-0077',
      sitterRole: 'co-sitter',
      coSitterId: '',
      notes: '',
      intent: 'save',
    })
    const short = await log(sitter('10:00', '10:15'))
    expect(short.status).toBe(400)
    expect(short.data).toMatchObject({ errors: { endTime: expect.stringContaining('10:00 to 10:15 is 15 minutes') } })
    const long = await log(sitter('08:00', '19:00'))
    expect(long.status).toBe(400)
    const hour = await log(sitter('10:00', '11:00'))
    expect(await recordOf(hour.id)).toMatchObject({ minutes: 60, started_at: '10:00', ended_at: '11:00' })
    // A typed duration is not the form's: the clock decides.
    const forged = await log({ ...sitter('10:00', '12:00'), minutes: '600' })
    expect(forged.status).toBe(400)
  })
})

describe('the dashboard counts categories as every other page does', () => {
  test('a fellow’s dashboard eligibility is exactly eligibilityFor: category rows included, met or not', async () => {
    const someone = await createUser(['trainee', 'fellow'])
    // 3 h direct and 2 h indirect practicum, 2 h individual supervision and 1 h consultation, all approved.
    const approved: { kind: 'practicum' | 'supervision'; minutes: number; fields: Record<string, string | number> }[] = [
      { kind: 'practicum', minutes: 180, fields: { practicum_contact: 'direct' } },
      { kind: 'practicum', minutes: 120, fields: { practicum_contact: 'indirect' } },
      { kind: 'supervision', minutes: 120, fields: { supervision_type: 'supervision', supervision_format: 'individual' } },
      { kind: 'supervision', minutes: 60, fields: { supervision_type: 'consultation', supervision_format: 'group', group_size: 5 } },
    ]
    for (const [n, r] of approved.entries()) {
      await insertRecord(db, { fellowId: someone.id, status: 'approved', occurredOn: daysAgo(10 + n), ...r }, n)
    }
    const dashboard = await run(dashboardRoute.loader, await request('/', { user: someone }))
    const eligibility = (dashboard.data as { fellow: { eligibility: ProgramEligibility[] } }).fellow.eligibility
    expect(eligibility).toEqual(await eligibilityFor(someone.id))
    const fellowship = eligibility.find((p) => p.slug === 'practitioner-fellowship')!
    expect(
      fellowship.requirements.filter((r) => ['Direct client contact hours', 'Individual supervision hours'].includes(r.label)).map((r) => [r.label, r.have]),
    ).toEqual([
      ['Direct client contact hours', 3],
      ['Individual supervision hours', 2],
    ])
  })

  test('a fellow named as the other sitter sees the sessions waiting for them on the dashboard', async () => {
    const owner = await createUser(['trainee', 'fellow'])
    const other = await createUser(['trainee', 'fellow'])
    const id = await insertRecord(db, { fellowId: owner.id, kind: 'sitter', status: 'submitted', occurredOn: daysAgo(2), minutes: 120 }, 1)
    await db.updateTable('records').set({ co_sitter_id: other.id, co_sitter_confirmed_at: null }).where('id', '=', id).execute()
    const dashboard = await run(dashboardRoute.loader, await request('/', { user: other }))
    expect(dashboard.data).toMatchObject({ fellow: { toConfirm: 1 } })
  })
})
