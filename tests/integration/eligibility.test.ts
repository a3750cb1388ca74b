import { describe, expect, test } from 'vitest'
import { daysAgo, insertClearance, insertRecord } from '#app/demo/program.server.ts'
import type { RecordKind, RecordStatus } from '#db/schema.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import { evaluateFacts, evaluatePrograms, type ApprovedRecord } from '#app/programs/eligibility.ts'
import { clearancesQuery, eligibilityFor, ELIGIBILITY_RECORD_COLUMNS, learnerFactsFromRows, learnerFactsOfMany } from '#app/programs/eligibility.server.ts'
import * as personPage from '#app/routes/staff.people.$id.tsx'
import { cohortProgress } from '#app/staff/cohorts.server.ts'
import * as reviewRecord from '#app/routes/review.$id.tsx'
import { createCohort, createUser, request, run } from '#tests/helpers.ts'
import { signed, VERIFIED } from '#tests/support/licenses.ts'
import { passingFinalEvaluation } from '#tests/support/supervision.ts'

// Eligibility counts approved records only. A record on its way there (submitted), sent back
// (returned) or not yet sent (draft) must not tip a fellow over a threshold: these tests stand
// at 11 approved experiential sessions of the 12 the experiential training needs, with the 12th
// in each of those states, and read the verdict through the server module the pages use.

const PROGRAM = 'kap-experiential'
let n = 0
/** How many approved records the facts stand for (the cohort table's read groups alike ones into a row). */
const recordsIn = (rows: ApprovedRecord[]) => rows.reduce((sum, r) => sum + (r.count ?? 1), 0)

async function arrange(twelfth: RecordStatus) {
  const staff = await createUser(['staff'])
  const fellow = await createUser(['fellow'])
  const supervisorUser = await createUser(['supervisor'])
  const license = { license_type: 'LMFT', license_number: `E-${++n}`, license_state: 'CA', ...VERIFIED }
  await db.updateTable('users').set(license).where('id', '=', supervisorUser.id).execute()
  const supervisor = { id: supervisorUser.id, name: supervisorUser.name, ...license }
  const now = new Date().toISOString()
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: now, assigned_by: staff.id })
    .execute()
  // A clearance covering every date below, so each experiential session would count if approved.
  await insertClearance(db, { fellowId: fellow.id, recordedBy: staff.id })
  const add = (kind: 'experiential' | 'sitter', status: RecordStatus, day: number) =>
    insertRecord(db, { fellowId: fellow.id, kind, status, occurredOn: daysAgo(day), minutes: 150, supervisor }, ++n)
  for (let i = 0; i < 12; i++) await add('sitter', 'approved', 300 - i * 7)
  for (let i = 0; i < 11; i++) await add('experiential', 'approved', 299 - i * 7)
  const twelfthId = await add('experiential', twelfth, 5)
  return { staff, fellow, supervisor: supervisorUser, twelfthId }
}

async function experientialTraining(fellowId: number) {
  return (await eligibilityFor(fellowId)).find((p) => p.slug === PROGRAM)!
}

describe.each(['submitted', 'returned', 'draft'] as const)('11 approved experiential sessions and a 12th that is %s', (status) => {
  test('is not eligible for the experiential training, on the person page, the cohort table or at issue', async () => {
    const { staff, fellow } = await arrange(status)

    const program = await experientialTraining(fellow.id)
    expect(program.eligible).toBe(false)
    expect(program.requirements.find((r) => r.key === 'experiential')).toMatchObject({
      met: false,
      have: 11,
      need: 12,
      missing: '1 more experiential session approved',
    })
    expect(program.requirements.find((r) => r.key === 'sitter')).toMatchObject({ met: true, have: 12 })
    expect(program.snapshot.experientialSessions).toBe(11)

    // The cohort table's path: the facts of several people at once.
    const { facts } = (await learnerFactsOfMany([fellow.id])).get(fellow.id)!
    expect(recordsIn(facts.approved.filter((r) => r.kind === 'experiential'))).toBe(11)

    // The server re-checks at issue time, whatever the page showed.
    const refused = await run(personPage.action, await request(`/staff/people/${fellow.id}`, { user: staff, form: { intent: 'issue', program: PROGRAM } }), {
      id: String(fellow.id),
    })
    expect(refused.status).toBe(409)
    expect(refused.data.errors.program).toBe('Not eligible for KAP experiential training yet: 1 more experiential session approved.')
    expect(await db.selectFrom('certificates').select('id').where('user_id', '=', fellow.id).execute()).toEqual([])
  })
})

describe('the 12th experiential session approved', () => {
  test('a supervisor approving the submitted 12th makes the fellow eligible', async () => {
    const { fellow, supervisor, twelfthId } = await arrange('submitted')
    expect((await experientialTraining(fellow.id)).eligible).toBe(false)

    const approved = await run(
      reviewRecord.action,
      await request(`/review/${twelfthId}`, { user: supervisor, form: { decision: 'approve', version: '2', comment: '', ...signed(supervisor) } }),
      { id: String(twelfthId) },
    )
    expect(approved).toMatchObject({ status: 302, location: '/review' })

    const program = await experientialTraining(fellow.id)
    expect(program.eligible).toBe(true)
    expect(program.requirements.find((r) => r.key === 'experiential')).toMatchObject({ met: true, have: 12, need: 12, missing: null })
    const { facts } = (await learnerFactsOfMany([fellow.id])).get(fellow.id)!
    expect(recordsIn(facts.approved.filter((r) => r.kind === 'experiential'))).toBe(12)
  })
})

// ---------------------------------------------------------------- categories boards count

describe('category minimums, from the records table', () => {
  const FELLOWSHIP = 'practitioner-fellowship'

  /** A fellow with everything the fellowship needs but practicum and supervision, which each test adds. */
  async function almostFellow() {
    const staff = await createUser(['staff'])
    const fellow = await createUser(['fellow'])
    const supervisorUser = await createUser(['supervisor'])
    const supervisor = { id: supervisorUser.id, name: supervisorUser.name, license_type: 'LMFT', license_number: `C-${++n}`, license_state: 'CA' }
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
    // The fellowship asks for a passing final competency evaluation too: these tests are about hours.
    await passingFinalEvaluation(fellow, supervisorUser)
    const add = (kind: RecordKind, minutes: number, day: number, fields: Record<string, string | number | null> = {}, status: RecordStatus = 'approved') =>
      insertRecord(db, { fellowId: fellow.id, kind, status, occurredOn: daysAgo(day), minutes, supervisor, fields }, ++n)
    for (let i = 0; i < 12; i++) await add('experiential', 150, 300 - i)
    for (let i = 0; i < 12; i++) await add('sitter', 180, 280 - i)
    return { staff, fellow, add }
  }
  const individual = { supervision_type: 'supervision', supervision_format: 'individual', group_size: null }
  const fellowship = async (fellowId: number) => (await eligibilityFor(fellowId)).find((p) => p.slug === FELLOWSHIP)!
  const row = (p: Awaited<ReturnType<typeof fellowship>>, key: string) => p.requirements.find((r) => r.key === key)

  test('19 h 59 min of approved direct contact is not 20 h; a submitted direct record does not help; the issue button says why', async () => {
    const { staff, fellow, add } = await almostFellow()
    for (let i = 0; i < 9; i++) await add('practicum', 120, 100 - i, { practicum_contact: 'direct' })
    await add('practicum', 119, 90, { practicum_contact: 'direct' }) // 19 h 59 min direct
    for (let i = 0; i < 10; i++) await add('practicum', 121, 80 - i, { practicum_contact: 'indirect' }) // 40 h 9 min in all
    await add('practicum', 60, 5, { practicum_contact: 'direct' }, 'submitted')
    for (let i = 0; i < 12; i++) await add('supervision', 60, 60 - i, individual)

    const program = await fellowship(fellow.id)
    expect(row(program, 'practicum')).toMatchObject({ met: true, have: 40.1 })
    expect(row(program, 'practicum:direct')).toEqual({
      key: 'practicum:direct',
      label: 'Direct client contact hours',
      met: false,
      have: 19.9,
      need: 20,
      missing: '0.1 more direct client contact hours approved',
    })
    expect(program.eligible).toBe(false)
    // The cohort table's path reads the same categories.
    const { facts } = (await learnerFactsOfMany([fellow.id])).get(fellow.id)!
    expect(facts.approved.filter((r) => r.practicumContact === 'direct').reduce((m, r) => m + r.minutes, 0)).toBe(1199)

    const refused = await run(personPage.action, await request(`/staff/people/${fellow.id}`, { user: staff, form: { intent: 'issue', program: FELLOWSHIP } }), {
      id: String(fellow.id),
    })
    expect(refused.status).toBe(409)
    expect(refused.data.errors.program).toBe('Not eligible for Psychedelic Practitioner Fellowship yet: 0.1 more direct client contact hours approved.')
  })

  test('records logged before the categories (null) count toward the totals, never toward a category', async () => {
    const { fellow, add } = await almostFellow()
    for (let i = 0; i < 20; i++) await add('practicum', 120, 100 - i, { practicum_contact: null })
    for (let i = 0; i < 12; i++) await add('supervision', 60, 60 - i, { supervision_type: null, supervision_format: 'individual', group_size: null })

    const program = await fellowship(fellow.id)
    expect(row(program, 'practicum')).toMatchObject({ met: true, have: 40 })
    expect(row(program, 'supervision')).toMatchObject({ met: true, have: 12 })
    expect(row(program, 'practicum:direct')).toMatchObject({
      met: false,
      have: 0,
      missing: '20 more direct client contact hours approved (40 h approved without direct or indirect contact recorded do not count)',
    })
    expect(row(program, 'supervision:individual')).toMatchObject({ met: false, have: 0 })
    expect(program.eligible).toBe(false)
  })

  test('consultation and group supervision are not individual supervision; 6 h of it meets the minimum exactly', async () => {
    const { fellow, add } = await almostFellow()
    for (let i = 0; i < 20; i++) await add('practicum', 120, 100 - i, { practicum_contact: 'direct' })
    for (let i = 0; i < 5; i++) await add('supervision', 60, 60 - i, individual)
    for (let i = 0; i < 4; i++) await add('supervision', 60, 50 - i, { supervision_type: 'consultation', supervision_format: 'individual', group_size: null })
    for (let i = 0; i < 3; i++) await add('supervision', 60, 40 - i, { supervision_type: 'supervision', supervision_format: 'group', group_size: 6 })

    const short = await fellowship(fellow.id)
    expect(row(short, 'supervision')).toMatchObject({ met: true, have: 12 })
    expect(row(short, 'supervision:individual')).toMatchObject({ met: false, have: 5, missing: '1 more individual supervision hour approved' })

    await add('supervision', 60, 30, individual)
    const met = await fellowship(fellow.id)
    expect(row(met, 'supervision:individual')).toMatchObject({ met: true, have: 6, need: 6, missing: null })
    expect(met.eligible).toBe(true)
  })
})

// ---------------------------------------------------------------- the cohort table's grouped read

describe('the cohort table reads approved records grouped', () => {
  test('the grouped facts decide exactly as the records one by one, for every program', async () => {
    const staff = await createUser(['staff'])
    const supervisors = await Promise.all(
      ['Dr. A', 'Dr. B'].map(async () => {
        const user = await createUser(['supervisor'])
        return { id: user.id, name: user.name, license_type: 'LMFT', license_number: `G-${++n}`, license_state: 'CA' }
      }),
    )
    const fellows = await Promise.all([0, 1, 2].map(() => createUser(['fellow'])))
    const kinds: RecordKind[] = ['experiential', 'sitter', 'practicum', 'supervision']
    const statuses: RecordStatus[] = ['approved', 'approved', 'approved', 'submitted', 'returned', 'draft']
    const categories: Record<string, string | number | null>[] = [
      { practicum_contact: 'direct', supervision_type: 'supervision', supervision_format: 'individual', group_size: null },
      { practicum_contact: 'indirect', supervision_type: 'consultation', supervision_format: 'individual', group_size: null },
      { practicum_contact: null, supervision_type: 'supervision', supervision_format: 'group', group_size: 5 },
      { practicum_contact: 'direct', supervision_type: null, supervision_format: 'individual', group_size: null },
    ]
    for (const [f, fellow] of fellows.entries()) {
      // A clearance covering only the middle of the year: experiential sessions outside it must not count.
      await insertClearance(db, { fellowId: fellow.id, recordedBy: staff.id, grantedOn: daysAgo(250), expiresOn: daysAgo(100) })
      for (let i = 0; i < 90; i++) {
        const kind = kinds[(i + f) % kinds.length]!
        // Several records share a day, so grouping by day is tested as much as grouping by category.
        const day = 20 + ((i * 7) % 300)
        await insertRecord(
          db,
          {
            fellowId: fellow.id,
            kind,
            status: statuses[(i * 5 + f) % statuses.length]!,
            occurredOn: daysAgo(day),
            minutes: 30 + ((i * 17) % 150),
            supervisor: supervisors[i % 3 === 0 ? 1 : 0],
            fields: kind === 'practicum' || kind === 'supervision' ? categories[(i + 2 * f) % categories.length] : {},
          },
          ++n,
        )
      }
    }
    const ids = fellows.map((f) => f.id)
    const grouped = await learnerFactsOfMany(ids)
    const rows = await db
      .selectFrom('records')
      .select(['fellow_id', 'status', ...ELIGIBILITY_RECORD_COLUMNS])
      .where('fellow_id', 'in', ids)
      .execute()
    const clearances = await clearancesQuery(ids).execute()
    for (const id of ids) {
      const { courses, facts } = grouped.get(id)!
      const oneByOne = learnerFactsFromRows(
        courses,
        rows.filter((r) => r.fellow_id === id),
        clearances.filter((c) => c.fellow_id === id),
        [],
      )
      expect(recordsIn(facts.approved)).toBe(oneByOne.approved.length)
      expect(facts.approved.length).toBeLessThan(oneByOne.approved.length)
      const totals = evaluateFacts(facts)
      expect(totals).toEqual(evaluateFacts(oneByOne))
      expect(totals.unclearedExperiential).toBeGreaterThan(0)
      expect(totals.supervisors).toHaveLength(2)
      expect(evaluatePrograms(getCatalog().programs, facts)).toEqual(evaluatePrograms(getCatalog().programs, oneByOne))
    }

    // The cohort table counts records, not the grouped rows.
    const table = await cohortProgress(await createCohort(staff, ids, 'Grouped'))
    for (const id of ids) {
      const approved = rows.filter((r) => r.fellow_id === id && r.status === 'approved')
      const counted = (kind: RecordKind) => approved.filter((r) => r.kind === kind).length
      expect(counted('sitter')).toBeGreaterThan(5)
      expect(table.find((r) => r.userId === id)).toMatchObject({ experiential: counted('experiential'), sitter: counted('sitter') })
    }
  })
})
