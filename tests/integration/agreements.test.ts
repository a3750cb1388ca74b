import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { ContentError, getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import { formatDate } from '#app/utils/format.ts'
import * as dashboard from '#app/routes/_index.tsx'
import * as agreementRoute from '#app/routes/agreements.$fellowId.$supervisorId.tsx'
import * as newRecord from '#app/routes/hours.new.tsx'
import * as recordPage from '#app/routes/hours.$id._index.tsx'
import * as personPage from '#app/routes/staff.people.$id.tsx'
import { agreementFormSchema } from '#app/supervision/agreements.ts'
import { loadAgreementTemplate } from '#app/supervision/agreements-content.server.ts'
import { loadRubric } from '#app/supervision/evaluations-content.server.ts'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { VERIFIED } from '#tests/support/licenses.ts'

// The learning agreement: its fields come from content/agreements/learning-agreement.md, both
// parties sign it by typed name, an edit after a signature clears the signatures, and until it is
// signed by both the fellow's practicum records do not go to that supervisor.

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)
let n = 0

async function pair() {
  const staff = await createUser(['staff'])
  const fellow = await createUser(['trainee', 'fellow'], { name: `Fellow Agreeing ${++n}` })
  const supervisor = await createUser(['supervisor'], { name: `Dr. Supervisor Agreeing ${n}` })
  await db
    .updateTable('users')
    .set({ license_type: 'LMFT', license_number: `A-${n}`, license_state: 'CA', ...VERIFIED })
    .where('id', '=', supervisor.id)
    .execute()
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: staff.id })
    .execute()
  return { staff, fellow, supervisor }
}

const ANSWERS = {
  goals: 'Lead preparation sessions on my own.',
  meetingRhythm: 'Weekly, one hour, by video.',
  emergencyProcedure: 'Prescriber first, then the supervisor; 911 if anyone is in danger.',
  feedback: 'Written, within a week of each record.',
  otherCommitments: '',
}

const url = (p: { fellow: TestUser; supervisor: TestUser }) => `/agreements/${p.fellow.id}/${p.supervisor.id}`
const params = (p: { fellow: TestUser; supervisor: TestUser }) => ({ fellowId: String(p.fellow.id), supervisorId: String(p.supervisor.id) })

async function open(p: { fellow: TestUser; supervisor: TestUser }, user: TestUser) {
  return run(agreementRoute.loader, await request(url(p), { user }), params(p))
}
async function post(p: { fellow: TestUser; supervisor: TestUser }, user: TestUser, form: Record<string, string>) {
  return run(agreementRoute.action, await request(url(p), { user, form }), params(p))
}
async function versionOf(p: { fellow: TestUser; supervisor: TestUser }) {
  const row = await db
    .selectFrom('learning_agreements')
    .select('version')
    .where('fellow_id', '=', p.fellow.id)
    .where('supervisor_id', '=', p.supervisor.id)
    .executeTakeFirst()
  return String(row?.version ?? 0)
}
async function save(p: { fellow: TestUser; supervisor: TestUser }, user: TestUser, answers: Record<string, string> = ANSWERS) {
  return post(p, user, { intent: 'save', version: await versionOf(p), ...answers })
}
async function sign(p: { fellow: TestUser; supervisor: TestUser }, user: TestUser, signature = user.name) {
  return post(p, user, { intent: 'sign', version: await versionOf(p), signature })
}
async function row(p: { fellow: TestUser; supervisor: TestUser }) {
  return db
    .selectFrom('learning_agreements')
    .selectAll()
    .where('fellow_id', '=', p.fellow.id)
    .where('supervisor_id', '=', p.supervisor.id)
    .executeTakeFirstOrThrow()
}

const practicum = (over: Record<string, string> = {}) => ({
  kind: 'practicum',
  occurredOn: daysAgo(4),
  minutes: '90',
  setting: 'virtual',
  phase: 'integration',
  contact: 'direct',
  clientCode: `C-${String(1000 + ++n).slice(-4)}`,
  notes: '',
  intent: 'submit',
  ...over,
})

async function logPracticum(fellow: TestUser, over: Record<string, string> = {}) {
  return run(newRecord.action, await request('/hours/new?kind=practicum', { user: fellow, form: practicum(over) }))
}

const recordCount = async (fellowId: number) =>
  Number(
    (
      await db
        .selectFrom('records')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('fellow_id', '=', fellowId)
        .executeTakeFirstOrThrow()
    ).n,
  )

describe('the content file', () => {
  test('the agreement and the rubric in content/ are valid, and the fellowship asks for a final evaluation', () => {
    const template = loadAgreementTemplate()
    expect(template.fields.map((f) => f.key)).toEqual(['goals', 'meetingRhythm', 'emergencyProcedure', 'feedback', 'otherCommitments'])
    expect(template.sha256).toMatch(/^[0-9a-f]{64}$/)
    const rubric = loadRubric()
    expect(rubric.competencies.map((c) => c.key)).toEqual(['preparation', 'setAndSetting', 'sessionSupport', 'integration', 'safetyMedical', 'ethicsConsent'])
    expect(rubric.scale.map((l) => [l.rating, l.label])).toEqual([
      [1, 'Not yet demonstrated'],
      [2, 'Emerging'],
      [3, 'Competent'],
      [4, 'Independent'],
    ])
    expect(rubric.passingRating).toBe(3)
    expect(getCatalog().program('practitioner-fellowship')!.requiresFinalEvaluation).toBe(true)
    expect(getCatalog().program('kap-experiential')!.requiresFinalEvaluation).toBe(false)
    // The first test of the file loads the curriculum: generous on a loaded machine.
  }, 120_000)

  test('a bad agreement or rubric file is refused with the file, the field and what is wrong', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-test-agreement-'))
    try {
      fs.mkdirSync(path.join(root, 'agreements'))
      fs.mkdirSync(path.join(root, 'rubrics'))
      fs.writeFileSync(
        path.join(root, 'agreements', 'learning-agreement.md'),
        '---\ntitle: A\nversion: 2026-11\nfields:\n  - key: goals\n    label: Goals\n    required: true\n    maxLength: 100\n  - key: goals\n    label: Again\n    required: maybe\n    maxLength: 5\n---\nBody\n',
      )
      fs.writeFileSync(
        path.join(root, 'rubrics', 'kap-competencies.md'),
        '---\ntitle: R\nversion: 2026-11\npassingRating: 5\nscale:\n  - { rating: 1, label: One, description: d }\n  - { rating: 2, label: Two, description: d }\ncompetencies:\n  - { key: prep, title: Prep, description: d }\n---\n',
      )
      let agreementError: unknown
      try {
        loadAgreementTemplate(root)
      } catch (error) {
        agreementError = error
      }
      expect(agreementError).toBeInstanceOf(ContentError)
      const fields = (agreementError as ContentError).problems.map((p) => p.field)
      expect(fields).toEqual(expect.arrayContaining(['fields.1.required', 'fields.1.maxLength']))
      expect((agreementError as ContentError).problems[0]!.file).toContain(path.join('agreements', 'learning-agreement.md'))
      let rubricError: unknown
      try {
        loadRubric(root)
      } catch (error) {
        rubricError = error
      }
      expect((rubricError as ContentError).problems).toEqual([
        expect.objectContaining({ field: 'passingRating', message: "must be one of the scale's ratings (1 to 2)" }),
      ])
      // A missing file is said too.
      fs.rmSync(path.join(root, 'agreements', 'learning-agreement.md'))
      expect(() => loadAgreementTemplate(root)).toThrow(/the learning agreement needs this file/)
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  })

  test('the form schema comes from the fields: required ones must be filled, each within its length', () => {
    const schema = agreementFormSchema(loadAgreementTemplate().fields)
    expect(schema.safeParse({ intent: 'save', version: '0', ...ANSWERS }).success).toBe(true)
    const missing = schema.safeParse({ intent: 'save', version: '0', ...ANSWERS, goals: '  ' })
    expect(missing.success).toBe(false)
    expect(missing.error!.issues[0]!.message).toBe('Fill in “Learning goals for the fellowship”.')
    expect(schema.safeParse({ intent: 'save', version: '0', ...ANSWERS, meetingRhythm: 'x'.repeat(501) }).success).toBe(false)
    expect(schema.safeParse({ intent: 'save', version: '0', ...ANSWERS, meetingRhythm: 'x'.repeat(500) }).success).toBe(true)
    // Strict: a forged field is refused.
    expect(schema.safeParse({ intent: 'save', version: '0', ...ANSWERS, fellowSignedAt: 'now' }).success).toBe(false)
  })
})

describe('the agreement gate on practicum records', () => {
  test('submitting is refused until both have signed, and allowed after; a draft can be saved meanwhile', async () => {
    const p = await pair()
    const before = await recordCount(p.fellow.id)
    const refused = await logPracticum(p.fellow)
    expect(refused.status).toBe(409)
    expect(refused.data.errors.form).toBe(
      `Record of ${formatDate(daysAgo(4))}: practicum records go to your supervisors only once your learning agreement with each of them is signed by both of you, ` +
        `and the agreement with ${p.supervisor.name} is not signed yet. Open it from your dashboard (Learning agreements). You can save the record as a draft meanwhile.`,
    )
    // Nothing partial: no draft left behind by the refused submit.
    expect(await recordCount(p.fellow.id)).toBe(before)
    const draft = await logPracticum(p.fellow, { intent: 'save' })
    expect(draft.status).toBe(302)
    const draftId = Number(draft.location!.split('/').pop())

    // The dashboard says why, with the link.
    const home = await run(dashboard.loader, await request('/', { user: p.fellow }))
    expect(home.data.fellow.agreements).toEqual([
      { supervisorId: p.supervisor.id, supervisorName: p.supervisor.name, status: 'not-started', signed: false, href: url(p) },
    ])

    expect((await save(p, p.fellow)).status).toBe(302)
    expect((await sign(p, p.fellow)).status).toBe(302)
    expect((await logPracticum(p.fellow)).status).toBe(409)
    const draftRecord = await db.selectFrom('records').select(['version']).where('id', '=', draftId).executeTakeFirstOrThrow()
    const stillRefused = await run(
      recordPage.action,
      await request(`/hours/${draftId}`, { user: p.fellow, form: { intent: 'submit', version: String(draftRecord.version) } }),
      { id: String(draftId) },
    )
    expect(stillRefused.status).toBe(409)
    expect(stillRefused.data.errors.form).toContain('the agreement with')

    expect((await sign(p, p.supervisor)).status).toBe(302)
    const home2 = await run(dashboard.loader, await request('/', { user: p.fellow }))
    expect(home2.data.fellow.agreements[0]).toMatchObject({ status: 'signed', signed: true })
    const allowed = await logPracticum(p.fellow)
    expect(allowed.status).toBe(302)
    const submitted = await run(
      recordPage.action,
      await request(`/hours/${draftId}`, { user: p.fellow, form: { intent: 'submit', version: String(draftRecord.version) } }),
      { id: String(draftId) },
    )
    expect(submitted.status).toBe(302)
    expect((await db.selectFrom('records').select('status').where('id', '=', draftId).executeTakeFirstOrThrow()).status).toBe('submitted')
  })

  test('with two supervisors, the agreement with each must be signed; a fellow with no supervisor is not held', async () => {
    const p = await pair()
    const second = await createUser(['supervisor'], { name: `Dr. Second ${++n}` })
    await db
      .insertInto('supervisor_assignments')
      .values({ fellow_id: p.fellow.id, supervisor_id: second.id, assigned_at: new Date().toISOString(), assigned_by: p.staff.id })
      .execute()
    await save(p, p.fellow)
    await sign(p, p.fellow)
    await sign(p, p.supervisor)
    const refused = await logPracticum(p.fellow)
    expect(refused.status).toBe(409)
    expect(refused.data.errors.form).toContain(`the agreement with ${second.name} is not signed yet`)
    const q = { fellow: p.fellow, supervisor: second }
    await save(q, p.fellow)
    await sign(q, p.fellow)
    await sign(q, second)
    expect((await logPracticum(p.fellow)).status).toBe(302)

    const alone = await createUser(['trainee', 'fellow'])
    expect((await logPracticum(alone)).status).toBe(302)
  })
})

describe('signing and editing', () => {
  test('an edit after one signature clears it; once both signed, nothing changes; the signature is the account name', async () => {
    const p = await pair()
    expect((await save(p, p.fellow)).status).toBe(302)
    // Incomplete: a required field left empty is refused beside it, and nothing is written.
    const incomplete = await save(p, p.supervisor, { ...ANSWERS, emergencyProcedure: '' })
    expect(incomplete.status).toBe(400)
    expect(incomplete.data.errors.emergencyProcedure).toBe('Fill in “Emergency contact procedure during sessions”.')
    expect(incomplete.data.values.goals).toBe(ANSWERS.goals)

    const wrongName = await sign(p, p.fellow, 'Someone Else')
    expect(wrongName.status).toBe(400)
    expect(wrongName.data.errors.signature).toBe(`Type your name as on your account (${p.fellow.name}) to sign.`)
    expect((await row(p)).fellow_signed_at).toBeNull()

    const signed = await sign(p, p.fellow, `  ${p.fellow.name.toUpperCase()} `)
    expect(signed.status).toBe(302)
    const once = await row(p)
    expect(once.fellow_signed_name).toBe(p.fellow.name.toUpperCase())
    expect(once.fellow_signed_at).not.toBeNull()
    expect(once.signed_content_sha256).toMatch(/^[0-9a-f]{64}$/)
    expect((await sign(p, p.fellow)).data.errors.form).toBe('You have already signed this agreement.')

    // The supervisor changes the text: the fellow's signature is cleared.
    const edited = await save(p, p.supervisor, { ...ANSWERS, meetingRhythm: 'Every two weeks, in person.' })
    expect(edited.status).toBe(302)
    const cleared = await row(p)
    expect(cleared).toMatchObject({
      fellow_signed_at: null,
      fellow_signed_name: null,
      supervisor_signed_at: null,
      signed_content_sha256: null,
      updated_by: p.supervisor.id,
    })
    expect(JSON.parse(cleared.answers).meetingRhythm).toBe('Every two weeks, in person.')
    const audit = await db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('subject', '=', `user:${p.fellow.id}`)
      .where('action', 'like', 'agreement.%')
      .orderBy('id')
      .execute()
    expect(audit.map((a) => a.action)).toEqual(['agreement.save', 'agreement.sign', 'agreement.save'])
    expect(JSON.parse(audit[2]!.detail!)).toEqual({ supervisorId: p.supervisor.id, clearedSignatures: true })

    // Both sign the same text: one hash.
    await sign(p, p.supervisor)
    const half = (await row(p)).signed_content_sha256
    await sign(p, p.fellow)
    const both = await row(p)
    expect(both.signed_content_sha256).toBe(half)
    expect(both.supervisor_signed_at).not.toBeNull()

    // Frozen.
    const late = await save(p, p.fellow, { ...ANSWERS, goals: 'Changed after signing.' })
    expect(late.status).toBe(409)
    expect(late.data.errors.form).toBe('This agreement is signed by both of you, so it can no longer be changed.')
    expect(JSON.parse((await row(p)).answers).goals).toBe(ANSWERS.goals)
  })

  test('a stale version is refused: two people editing at once cannot overwrite each other', async () => {
    const p = await pair()
    await save(p, p.fellow)
    const stale = await post(p, p.supervisor, { intent: 'save', version: '0', ...ANSWERS, goals: 'Overwrite' })
    expect(stale.status).toBe(409)
    expect(stale.data.errors.form).toMatch(/^This agreement changed since you opened it/)
    const staleSign = await post(p, p.supervisor, { intent: 'sign', version: '7', signature: p.supervisor.name })
    expect(staleSign.status).toBe(409)
    expect(JSON.parse((await row(p)).answers).goals).toBe(ANSWERS.goals)
  })
})

describe('who may see and change an agreement', () => {
  test('the pair: read and write; staff: read only (from the person page too); others 403, logged; unknown pairs 404', async () => {
    const p = await pair()
    await save(p, p.fellow)
    expect((await open(p, p.fellow)).data).toMatchObject({ role: 'fellow', status: 'draft' })
    expect((await open(p, p.supervisor)).data).toMatchObject({ role: 'supervisor', status: 'draft' })
    const asStaff = await open(p, p.staff)
    expect(asStaff.status).toBe(200)
    expect(asStaff.data.agreement.answers.goals).toBe(ANSWERS.goals)
    const staffPost = await save(p, p.staff)
    expect(staffPost.status).toBe(403)

    const person = await run(personPage.loader, await request(`/staff/people/${p.fellow.id}`, { user: p.staff }), { id: String(p.fellow.id) })
    expect(person.data.supervision.agreements).toEqual([expect.objectContaining({ supervisorId: p.supervisor.id, status: 'draft', href: url(p) })])

    const otherFellow = await createUser(['trainee', 'fellow'])
    const otherSupervisor = await createUser(['supervisor'])
    const trainee = await createUser(['trainee'])
    for (const outsider of [otherFellow, otherSupervisor, trainee]) {
      expect((await open(p, outsider)).status).toBe(403)
      expect((await save(p, outsider, { ...ANSWERS, goals: 'Forged' })).status).toBe(403)
      expect((await sign(p, outsider)).status).toBe(403)
    }
    const denied = await db
      .selectFrom('audit_log')
      .select('actor_id')
      .where('action', '=', 'access.denied')
      .where('subject', '=', `user:${p.fellow.id}`)
      .execute()
    expect(denied.map((d) => d.actor_id)).toEqual(expect.arrayContaining([otherFellow.id, otherSupervisor.id, trainee.id, p.staff.id]))
    expect(JSON.parse((await row(p)).answers).goals).toBe(ANSWERS.goals)

    // No such pair: a supervisor not assigned (and no agreement), an unknown id, a malformed one.
    expect((await open({ fellow: p.fellow, supervisor: otherSupervisor }, p.fellow)).status).toBe(404)
    expect((await run(agreementRoute.loader, await request('/agreements/999999/1', { user: p.staff }), { fellowId: '999999', supervisorId: '1' })).status).toBe(
      404,
    )
    expect((await run(agreementRoute.loader, await request('/agreements/x/1', { user: p.staff }), { fellowId: 'x', supervisorId: '1' })).status).toBe(404)
    // Signed out: to the sign-in page.
    const anonymous = await run(agreementRoute.loader, await request(url(p)), params(p))
    expect(anonymous.status).toBe(302)
    expect(anonymous.location).toMatch(/^\/login\?redirectTo=/)
  })
})
