import { describe, expect, test } from 'vitest'
import { daysAgo, insertClearance, insertRecord } from '#app/demo/program.server.ts'
import type { RecordKind } from '#db/schema.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import { evaluatePrograms } from '#app/programs/eligibility.ts'
import { eligibilityFor, learnerFactsOfMany } from '#app/programs/eligibility.server.ts'
import * as dashboard from '#app/routes/_index.tsx'
import * as evaluationPage from '#app/routes/evaluations.$id.tsx'
import * as newEvaluation from '#app/routes/evaluations.new.tsx'
import * as programPage from '#app/routes/programs.$slug.tsx'
import * as reviewFellow from '#app/routes/review.fellows.$fellowId.tsx'
import * as personPage from '#app/routes/staff.people.$id.tsx'
import { getRubric } from '#app/supervision/evaluations-content.server.ts'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { VERIFIED } from '#tests/support/licenses.ts'
import { evaluation, ratingsAt } from '#tests/support/supervision.ts'

// Competency evaluations: a supervisor rates each competency of content/rubrics/kap-competencies.md,
// signs, and the fellow acknowledges. The fellowship requires a passing final evaluation: signed by a
// supervisor, every competency at the passing rating (3) or above. A midpoint, an unsigned or a
// failing final evaluation does not count.

const FELLOWSHIP = 'practitioner-fellowship'
const MISSING = 'a final competency evaluation signed by a supervisor, every competency at the passing rating or above'
let n = 0

/** A fellow who meets every requirement of the fellowship but the evaluation, with an assigned supervisor. */
async function almostFellow() {
  const staff = await createUser(['staff'])
  const fellow = await createUser(['trainee', 'fellow'], { name: `Fellow Evaluated ${++n}` })
  const supervisor = await createUser(['supervisor'], { name: `Dr. Evaluator ${n}` })
  const license = { license_type: 'LMFT', license_number: `EV-${n}`, license_state: 'CA', ...VERIFIED }
  await db.updateTable('users').set(license).where('id', '=', supervisor.id).execute()
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: staff.id })
    .execute()
  const rows = getCatalog().courses.flatMap((course) =>
    course.lessons.map((lesson) => ({
      user_id: fellow.id,
      course_slug: course.slug,
      lesson_slug: lesson.slug,
      best_score: 1,
      attempts: 1,
      completed_at: daysAgo(200),
      last_attempt_at: daysAgo(200),
    })),
  )
  await db.insertInto('lesson_progress').values(rows).execute()
  await insertClearance(db, { fellowId: fellow.id, recordedBy: staff.id })
  const approver = { id: supervisor.id, name: supervisor.name, ...license }
  const add = (kind: RecordKind, minutes: number, day: number, fields: Record<string, string | number | null> = {}) =>
    insertRecord(db, { fellowId: fellow.id, kind, status: 'approved', occurredOn: daysAgo(day), minutes, supervisor: approver, fields }, ++n)
  for (let i = 0; i < 12; i++) await add('experiential', 150, 300 - i)
  for (let i = 0; i < 12; i++) await add('sitter', 180, 280 - i)
  for (let i = 0; i < 20; i++) await add('practicum', 120, 100 - i, { practicum_contact: 'direct' })
  for (let i = 0; i < 12; i++) await add('supervision', 60, 60 - i, { supervision_type: 'supervision', supervision_format: 'individual', group_size: null })
  return { staff, fellow, supervisor }
}

const fellowship = async (fellowId: number) => (await eligibilityFor(fellowId)).find((p) => p.slug === FELLOWSHIP)!
const requirement = async (fellowId: number) => (await fellowship(fellowId)).requirements.find((r) => r.key === 'evaluation:final')

/** The ratings form as the page posts it: each competency's rating and comment. */
function ratingsForm(ratings: number | number[], version = '0') {
  const rubric = getRubric()
  const form: Record<string, string> = { intent: 'save', version }
  rubric.competencies.forEach((c, i) => {
    form[`${c.key}Rating`] = String(Array.isArray(ratings) ? ratings[i] : ratings)
    form[`${c.key}Comment`] = `Observed ${c.title.toLowerCase()} in three sessions.`
  })
  return form
}

async function start(supervisor: TestUser, fellow: TestUser, stage: string, form: Record<string, string>) {
  return run(newEvaluation.action, await request(`/evaluations/new?fellow=${fellow.id}&stage=${stage}`, { user: supervisor, form }))
}
async function openPage(id: number, user: TestUser) {
  return run(evaluationPage.loader, await request(`/evaluations/${id}`, { user }), { id: String(id) })
}
async function postTo(id: number, user: TestUser, form: Record<string, string>) {
  return run(evaluationPage.action, await request(`/evaluations/${id}`, { user, form }), { id: String(id) })
}
const rowOf = (id: number) => db.selectFrom('competency_evaluations').selectAll().where('id', '=', id).executeTakeFirstOrThrow()

describe('the final evaluation in eligibility', () => {
  test('none, a midpoint, an unsigned final and a final below the threshold do not count; a signed passing final does, wherever eligibility is read', async () => {
    const { staff, fellow, supervisor } = await almostFellow()
    expect(await requirement(fellow.id)).toEqual({
      key: 'evaluation:final',
      label: 'Passing final competency evaluation',
      met: false,
      have: 0,
      need: 1,
      missing: MISSING,
    })
    expect((await fellowship(fellow.id)).eligible).toBe(false)
    // Only the evaluation is missing: everything else is met.
    expect((await fellowship(fellow.id)).requirements.filter((r) => !r.met).map((r) => r.key)).toEqual(['evaluation:final'])

    await evaluation(fellow, supervisor, { stage: 'midpoint', ratings: ratingsAt(4) })
    expect(await requirement(fellow.id)).toMatchObject({ met: false, missing: MISSING })
    await evaluation(fellow, supervisor, { stage: 'final', ratings: ratingsAt(4), signed: false })
    expect(await requirement(fellow.id)).toMatchObject({ met: false, missing: MISSING })
    // One competency at 2, the rest at 4: below the threshold.
    await evaluation(fellow, supervisor, { stage: 'final', ratings: ratingsAt([4, 4, 4, 2, 4, 4]) })
    expect(await requirement(fellow.id)).toMatchObject({ met: false, missing: `${MISSING} (1 signed final evaluation did not pass)` })
    const refused = await run(personPage.action, await request(`/staff/people/${fellow.id}`, { user: staff, form: { intent: 'issue', program: FELLOWSHIP } }), {
      id: String(fellow.id),
    })
    expect(refused.status).toBe(409)
    expect(refused.data.errors.program).toBe(`Not eligible for Psychedelic Practitioner Fellowship yet: ${MISSING} (1 signed final evaluation did not pass).`)

    // Every competency exactly at the passing rating: passes.
    await evaluation(fellow, supervisor, { stage: 'final', ratings: ratingsAt(3) })
    expect(await requirement(fellow.id)).toMatchObject({ met: true, have: 1, missing: null })
    expect((await fellowship(fellow.id)).eligible).toBe(true)
    // The cohort table's path, the dashboard's and the issue button agree.
    const { facts } = (await learnerFactsOfMany([fellow.id])).get(fellow.id)!
    expect(facts.finalEvaluations).toEqual([{ passed: false }, { passed: true }])
    expect(evaluatePrograms(getCatalog().programs, facts).find((p) => p.slug === FELLOWSHIP)!.eligible).toBe(true)
    const home = await run(dashboard.loader, await request('/', { user: fellow }))
    expect(home.data.fellow.eligibility.find((p: { slug: string }) => p.slug === FELLOWSHIP)).toMatchObject({ eligible: true })
    const issued = await run(personPage.action, await request(`/staff/people/${fellow.id}`, { user: staff, form: { intent: 'issue', program: FELLOWSHIP } }), {
      id: String(fellow.id),
    })
    expect(issued.status).toBe(302)
    // Many records are arranged and eligibility read on several paths: generous on a busy machine.
  }, 120_000)

  test('programs that do not ask for it are unaffected, and the program page names the requirement', async () => {
    const { fellow } = await almostFellow()
    const all = await eligibilityFor(fellow.id)
    for (const p of all.filter((p) => p.slug !== FELLOWSHIP)) {
      expect(p.requirements.map((r) => r.key)).not.toContain('evaluation:final')
      expect(p.eligible).toBe(true)
    }
    const page = await run(programPage.loader, await request(`/programs/${FELLOWSHIP}`), { slug: FELLOWSHIP })
    expect(page.data.criteria).toContain('A passing final competency evaluation, signed by a supervisor (every competency at the passing rating or above)')
    const other = await run(programPage.loader, await request('/programs/kap-experiential'), { slug: 'kap-experiential' })
    expect(other.data.criteria.join(' ')).not.toContain('competency')
  })
})

describe('writing, signing and acknowledging', () => {
  test('the supervisor writes, corrects and signs; the fellow sees it only once signed, acknowledges once, with a response', async () => {
    const { fellow, supervisor } = await almostFellow()
    // Every competency needs a rating and a comment: refused beside the field, what was typed kept.
    const incomplete = ratingsForm(3)
    delete incomplete.integrationRating
    incomplete.safetyMedicalComment = ''
    const refused = await start(supervisor, fellow, 'final', incomplete)
    expect(refused.status).toBe(400)
    expect(refused.data.errors).toMatchObject({
      integrationRating: 'Rate “Integration”.',
      safetyMedicalComment: 'Comment on “Safety and medical coordination”: what you saw, and what would take it further.',
    })
    expect(refused.data.values.preparationComment).toBe('Observed preparation in three sessions.')
    expect((await start(supervisor, fellow, 'final', { ...ratingsForm(3), preparationRating: '5' })).status).toBe(400)
    expect(await db.selectFrom('competency_evaluations').select('id').where('fellow_id', '=', fellow.id).execute()).toEqual([])

    const created = await start(supervisor, fellow, 'final', ratingsForm([2, 3, 3, 3, 3, 3]))
    expect(created.status).toBe(302)
    const id = Number(created.location!.split('/').pop())
    expect(await rowOf(id)).toMatchObject({ stage: 'final', signed_at: null, passed: null, fellow_id: fellow.id, supervisor_id: supervisor.id })
    // A second start of the same stage continues the open one.
    const again = await run(newEvaluation.loader, await request(`/evaluations/new?fellow=${fellow.id}&stage=final`, { user: supervisor }))
    expect(again.status).toBe(302)
    expect(again.location).toBe(`/evaluations/${id}`)
    // The fellow does not see a draft.
    expect((await openPage(id, fellow)).status).toBe(404)
    expect(await requirement(fellow.id)).toMatchObject({ met: false })

    // Corrected before signing.
    expect((await postTo(id, supervisor, ratingsForm(3, String((await rowOf(id)).version)))).status).toBe(302)
    const version = String((await rowOf(id)).version)
    const wrongName = await postTo(id, supervisor, { intent: 'sign', version, signature: 'Not My Name' })
    expect(wrongName.status).toBe(400)
    expect(wrongName.data.errors.signature).toBe(`Type your name as on your account (${supervisor.name}) to sign.`)
    const signed = await postTo(id, supervisor, { intent: 'sign', version, signature: supervisor.name })
    expect(signed.status).toBe(302)
    const afterSign = await rowOf(id)
    expect(afterSign).toMatchObject({ passed: 1, signed_name: supervisor.name })
    expect(afterSign.signed_content_sha256).toMatch(/^[0-9a-f]{64}$/)
    // Signed is enough for eligibility; the acknowledgement is the fellow's receipt.
    expect(await requirement(fellow.id)).toMatchObject({ met: true })
    // Frozen once signed.
    const late = await postTo(id, supervisor, ratingsForm(1, String(afterSign.version)))
    expect(late.status).toBe(409)
    expect(late.data.errors.form).toBe('This evaluation is signed, so it can no longer be changed.')

    const page = await openPage(id, fellow)
    expect(page.status).toBe(200)
    expect(page.data).toMatchObject({ role: 'fellow', evaluation: { passed: true, acknowledgedAt: null } })
    const ack = await postTo(id, fellow, {
      intent: 'acknowledge',
      version: String(afterSign.version),
      response: 'Thank you; I will keep practising the medical checklist.',
    })
    expect(ack.status).toBe(302)
    const acknowledged = await rowOf(id)
    expect(acknowledged.acknowledged_at).not.toBeNull()
    expect(acknowledged.fellow_response).toBe('Thank you; I will keep practising the medical checklist.')
    expect(acknowledged.ratings).toBe(afterSign.ratings)
    const twice = await postTo(id, fellow, { intent: 'acknowledge', version: String(acknowledged.version), response: 'Again' })
    expect(twice.status).toBe(409)
    expect((await rowOf(id)).fellow_response).toBe('Thank you; I will keep practising the medical checklist.')
    const actions = await db.selectFrom('audit_log').select('action').where('subject', '=', `evaluation:${id}`).orderBy('id').execute()
    expect(actions.map((a) => a.action)).toEqual(['evaluation.create', 'evaluation.edit', 'evaluation.sign', 'evaluation.acknowledge'])
    // The fellow's dashboard lists it; the supervisor's page of the fellow too.
    const home = await run(dashboard.loader, await request('/', { user: fellow }))
    expect(home.data.fellow.evaluations).toEqual([expect.objectContaining({ id, stage: 'final', passed: 1 })])
    const progress = await run(reviewFellow.loader, await request(`/review/fellows/${fellow.id}`, { user: supervisor }), { fellowId: String(fellow.id) })
    expect(progress.data.supervision).toMatchObject({ canEvaluate: true, evaluations: [expect.objectContaining({ id })] })
  })

  test('a signed final evaluation below the threshold is stored as not passing', async () => {
    const { fellow, supervisor } = await almostFellow()
    const created = await start(supervisor, fellow, 'final', ratingsForm([3, 3, 3, 3, 1, 3]))
    const id = Number(created.location!.split('/').pop())
    await postTo(id, supervisor, { intent: 'sign', version: String((await rowOf(id)).version), signature: supervisor.name })
    expect((await rowOf(id)).passed).toBe(0)
    expect(await requirement(fellow.id)).toMatchObject({ met: false })
  })
})

describe('who may see and write an evaluation', () => {
  test('its supervisor and fellow; staff read only; other supervisors and fellows 403 (logged); unknown 404', async () => {
    const { staff, fellow, supervisor } = await almostFellow()
    const id = await evaluation(fellow, supervisor, { stage: 'midpoint', ratings: ratingsAt(3), signed: false })
    const otherSupervisor = await createUser(['supervisor'])
    const otherFellow = await createUser(['trainee', 'fellow'])
    const trainee = await createUser(['trainee'])

    expect((await openPage(id, supervisor)).status).toBe(200)
    expect((await openPage(id, staff)).data).toMatchObject({ role: 'staff' })
    expect((await postTo(id, staff, { intent: 'sign', version: '1', signature: staff.name })).status).toBe(403)
    for (const outsider of [otherSupervisor, otherFellow, trainee]) {
      expect((await openPage(id, outsider)).status).toBe(403)
      expect((await postTo(id, outsider, { intent: 'sign', version: '1', signature: outsider.name })).status).toBe(403)
    }
    expect((await rowOf(id)).signed_at).toBeNull()
    const denied = await db.selectFrom('audit_log').select('actor_id').where('action', '=', 'access.denied').where('subject', '=', `evaluation:${id}`).execute()
    // Each outsider's page and post, and staff's post.
    expect(denied.map((d) => d.actor_id).sort()).toEqual([staff.id, ...[otherSupervisor.id, otherFellow.id, trainee.id].flatMap((id) => [id, id])].sort())

    // Starting one: only a supervisor, only of an assigned fellow.
    const notAssigned = await run(newEvaluation.loader, await request(`/evaluations/new?fellow=${fellow.id}&stage=final`, { user: otherSupervisor }))
    expect(notAssigned.status).toBe(403)
    expect((await start(otherSupervisor, fellow, 'final', ratingsForm(4))).status).toBe(403)
    expect((await run(newEvaluation.loader, await request(`/evaluations/new?fellow=${fellow.id}&stage=final`, { user: fellow }))).status).toBe(403)
    expect((await run(newEvaluation.loader, await request('/evaluations/new?fellow=999999&stage=final', { user: supervisor }))).status).toBe(404)
    expect((await run(newEvaluation.loader, await request(`/evaluations/new?fellow=${fellow.id}&stage=annual`, { user: supervisor }))).status).toBe(404)
    expect((await openPage(999999, staff)).status).toBe(404)
    expect((await run(evaluationPage.loader, await request('/evaluations/abc', { user: staff }), { id: 'abc' })).status).toBe(404)
    expect(await db.selectFrom('competency_evaluations').select('id').where('fellow_id', '=', fellow.id).execute()).toHaveLength(1)
  })
})
