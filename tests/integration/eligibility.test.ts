import { describe, expect, test } from 'vitest'
import { daysAgo, insertClearance, insertRecord } from '#app/demo/program.server.ts'
import type { RecordStatus } from '#db/schema.ts'
import { db } from '#app/db.server.ts'
import { eligibilityFor, learnerFactsOfMany } from '#app/programs/eligibility.server.ts'
import * as personPage from '#app/routes/staff.people.$id.tsx'
import * as reviewRecord from '#app/routes/review.$id.tsx'
import { createUser, request, run } from '#tests/helpers.ts'
import { signed, VERIFIED } from '#tests/support/licenses.ts'

// Eligibility counts approved records only. A record on its way there (submitted), sent back
// (returned) or not yet sent (draft) must not tip a fellow over a threshold: these tests stand
// at 11 approved experiential sessions of the 12 the experiential training needs, with the 12th
// in each of those states, and read the verdict through the server module the pages use.

const PROGRAM = 'kap-experiential'
let n = 0

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
    expect(facts.approved.filter((r) => r.kind === 'experiential')).toHaveLength(11)

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
    expect(facts.approved.filter((r) => r.kind === 'experiential')).toHaveLength(12)
  })
})
