import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import { rolesOf } from '#app/auth/session.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { db, nowIso, writeTransaction } from '#app/db.server.ts'
import { tallyApproved } from '#app/hours/progress.ts'
import { evaluatePrograms } from '#app/programs/eligibility.ts'
import { learnerFactsOfMany } from '#app/programs/eligibility.server.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { hours } from '#app/utils/format.ts'
import { containsPattern, likeIgnoringCase } from '#app/utils/search.server.ts'
import { holdsRole } from '#app/auth/roles.server.ts'

export async function listCohorts() {
  return db
    .selectFrom('cohorts')
    .leftJoin('cohort_members', 'cohort_members.cohort_id', 'cohorts.id')
    .select(['cohorts.id', 'cohorts.name', 'cohorts.starts_on', (eb) => eb.fn.count<number>('cohort_members.user_id').as('members')])
    .groupBy('cohorts.id')
    .orderBy('cohorts.starts_on', 'desc')
    .execute()
}

export async function getCohort(id: number) {
  return db.selectFrom('cohorts').selectAll().where('id', '=', id).executeTakeFirst()
}

export type CohortRow = {
  userId: number
  name: string
  email: string
  active: boolean
  coursesDone: number
  coursesTotal: number
  experiential: number
  sitter: number
  practicumHours: string
  supervisionHours: string
  eligibleFor: string[]
}

/** One row per member: courses done, sessions and hours approved, and which programs they are eligible for. */
export function cohortMembersQuery(cohortId: number) {
  return db
    .selectFrom('cohort_members')
    .innerJoin('users', 'users.id', 'cohort_members.user_id')
    .select(['users.id', 'users.name', 'users.email', 'users.active'])
    .where('cohort_members.cohort_id', '=', cohortId)
    .orderBy('users.name')
    .limit(500)
}

export async function cohortProgress(cohortId: number): Promise<CohortRow[]> {
  const members = await cohortMembersQuery(cohortId).execute()
  const ids = members.map((m) => m.id)
  // A handful of queries for the whole cohort, not a handful per member. The counts come from
  // the approved records eligibility reads anyway, so the records are read once.
  const facts = await learnerFactsOfMany(ids)
  const programs = getCatalog().programs
  return members.map((m) => {
    const { courses, facts: learner } = facts.get(m.id)!
    const tally = tallyApproved(learner.approved)
    return {
      userId: m.id,
      name: m.name,
      email: m.email,
      active: m.active === 1,
      coursesDone: courses.filter((c) => c.progress.complete).length,
      coursesTotal: courses.length,
      experiential: tally.experiential.approved,
      sitter: tally.sitter.approved,
      practicumHours: hours(tally.practicum.approvedMinutes),
      supervisionHours: hours(tally.supervision.approvedMinutes),
      eligibleFor: evaluatePrograms(programs, learner)
        .filter((e) => e.eligible)
        .map((e) => e.title),
    }
  })
}

const CANDIDATES_SHOWN = 20

/** Active trainees and fellows not in the cohort whose name or email contains `q`, by name. */
export function cohortCandidatesQuery(cohortId: number, q: string) {
  const pattern = containsPattern(q)
  return db
    .selectFrom('users')
    .select(['users.id', 'users.name', 'users.email'])
    .where('users.active', '=', 1)
    .where((eb) => eb.or([likeIgnoringCase('users.name', pattern), likeIgnoringCase('users.email', pattern)]))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('cohort_members')
            .select('cohort_members.user_id')
            .whereRef('cohort_members.user_id', '=', 'users.id')
            .where('cohort_members.cohort_id', '=', cohortId),
        ),
      ),
    )
    .where((eb) => holdsRole(eb, ['trainee', 'fellow']))
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(CANDIDATES_SHOWN + 1)
}

/** The first CANDIDATES_SHOWN people `q` finds for the cohort, and whether there are more. */
export async function findCohortCandidates(cohortId: number, q: string) {
  const found = await cohortCandidatesQuery(cohortId, q).execute()
  return { people: found.slice(0, CANDIDATES_SHOWN), more: found.length > CANDIDATES_SHOWN }
}

export async function createCohort(staff: SessionUser, input: { name: string; startsOn: string }, context: AuditContext) {
  return writeTransaction(async (trx) => {
    const existing = await trx.selectFrom('cohorts').select('id').where('name', '=', input.name).executeTakeFirst()
    if (existing) return { ok: false as const, field: 'name', message: 'A cohort with this name already exists.' }
    const { id } = await trx
      .insertInto('cohorts')
      .values({ name: input.name, starts_on: input.startsOn, created_by: staff.id, created_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(context, { actorId: staff.id, action: 'cohort.create', subject: `cohort:${id}`, detail: input }, trx)
    return { ok: true as const, id }
  })
}

export async function addCohortMember(staff: SessionUser, cohortId: number, userId: number, context: AuditContext) {
  return writeTransaction(async (trx) => {
    const cohort = await trx.selectFrom('cohorts').select('id').where('id', '=', cohortId).executeTakeFirst()
    if (!cohort) return { ok: false as const, field: 'cohortId', message: 'There is no such cohort.' }
    const user = await trx.selectFrom('users').select('id').where('id', '=', userId).executeTakeFirst()
    if (!user) return { ok: false as const, field: 'userId', message: 'There is no such person.' }
    const roles = await rolesOf(userId, trx)
    if (!roles.includes('trainee') && !roles.includes('fellow')) {
      return { ok: false as const, field: 'userId', message: 'Cohorts are for trainees and fellows.' }
    }
    const already = await trx.selectFrom('cohort_members').select('user_id').where('cohort_id', '=', cohortId).where('user_id', '=', userId).executeTakeFirst()
    if (already) return { ok: false as const, field: 'userId', message: 'This person is already in the cohort.' }
    await trx.insertInto('cohort_members').values({ cohort_id: cohortId, user_id: userId, added_at: nowIso() }).execute()
    await audit(context, { actorId: staff.id, action: 'cohort.add-member', subject: `cohort:${cohortId}`, detail: { userId } }, trx)
    return { ok: true as const }
  })
}

export async function removeCohortMember(staff: SessionUser, cohortId: number, userId: number, context: AuditContext) {
  return writeTransaction(async (trx) => {
    const removed = await trx.deleteFrom('cohort_members').where('cohort_id', '=', cohortId).where('user_id', '=', userId).executeTakeFirst()
    if (Number(removed.numDeletedRows) !== 1) return { ok: false as const, field: 'userId', message: 'This person is not in the cohort.' }
    await audit(context, { actorId: staff.id, action: 'cohort.remove-member', subject: `cohort:${cohortId}`, detail: { userId } }, trx)
    return { ok: true as const }
  })
}
