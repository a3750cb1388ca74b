import { sql } from 'kysely'
import type { RecordKind } from '#db/schema.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { coursesFromStandings, standingsOfMany, type CourseStanding } from '#app/curriculum/progress.server.ts'
import { db } from '#app/db.server.ts'
import { evaluatePrograms, type LearnerFacts, type ProgramEligibility } from './eligibility.ts'

type ApprovedRow = {
  fellow_id: number
  kind: RecordKind
  occurred_on: string
  minutes: number
  approver_name: string | null
  /** the categories boards count (null: not recorded); required, so a caller cannot forget to read them */
  supervision_type: 'supervision' | 'consultation' | null
  supervision_format: string | null
  practicum_contact: 'direct' | 'indirect' | null
}
type ClearanceRow = { fellow_id: number; granted_on: string; expires_on: string; ended_on: string | null }
type FinalEvaluationRow = { fellow_id: number; passed: number | null }

function factsFrom(
  courses: CourseStanding[],
  approved: (Omit<ApprovedRow, 'fellow_id'> & { count?: number })[],
  clearances: Omit<ClearanceRow, 'fellow_id'>[],
  finalEvaluations: Omit<FinalEvaluationRow, 'fellow_id'>[] = [],
): LearnerFacts {
  return {
    finalEvaluations: finalEvaluations.map((e) => ({ passed: e.passed === 1 })),
    courses: Object.fromEntries(courses.map((c) => [c.course.slug, { title: c.course.title, completed: c.progress.completed, total: c.progress.total }])),
    approved: approved.map((r) => ({
      kind: r.kind,
      occurredOn: r.occurred_on,
      minutes: r.minutes,
      approverName: r.approver_name,
      supervisionType: r.supervision_type,
      supervisionFormat: r.supervision_format,
      practicumContact: r.practicum_contact,
      count: r.count,
    })),
    clearances: clearances.map((c) => ({ grantedOn: c.granted_on, expiresOn: c.expires_on, endedOn: c.ended_on })),
  }
}

const groupBy = <T extends { fellow_id: number }>(rows: T[]) => {
  const map = new Map<number, T[]>()
  for (const row of rows) {
    const list = map.get(row.fellow_id)
    if (list) list.push(row)
    else map.set(row.fellow_id, [row])
  }
  return map
}

/** The record columns eligibility reads: a page that passes its own rows to learnerFactsFromRows selects these. */
export const ELIGIBILITY_RECORD_COLUMNS = [
  'kind',
  'occurred_on',
  'minutes',
  'approver_name',
  'supervision_type',
  'supervision_format',
  'practicum_contact',
] as const satisfies readonly (keyof Omit<ApprovedRow, 'fellow_id'>)[]

/**
 * Approved records grouped by everything eligibility reads, with their number and total minutes: a
 * cohort of fifty reads a few hundred rows rather than thousands. Experiential sessions keep their
 * own dates, since each is counted only when a clearance covers its day.
 */
export function approvedRecordsQuery(userIds: number[]) {
  const experientialDay = sql<string | null>`case when ${sql.ref('kind')} = ${sql.lit('experiential')} then ${sql.ref('occurred_on')} end`
  const categories = ['approver_name', 'supervision_type', 'supervision_format', 'practicum_contact'] as const
  return db
    .selectFrom('records')
    .select((eb) => [
      'fellow_id',
      'kind',
      ...categories,
      eb.fn.min('occurred_on').as('occurred_on'),
      eb.fn.sum<number | string>('minutes').as('minutes'),
      eb.fn.countAll<number | string>().as('count'),
    ])
    .where('fellow_id', 'in', userIds)
    .where('status', '=', 'approved')
    .groupBy(['fellow_id', 'kind', experientialDay, ...categories])
}

export function clearancesQuery(userIds: number[]) {
  return db.selectFrom('medical_clearances').select(['fellow_id', 'granted_on', 'expires_on', 'ended_on']).where('fellow_id', 'in', userIds)
}

/** Final competency evaluations a supervisor has signed (drafts and midpoint evaluations never count). */
export function finalEvaluationsQuery(userIds: number[]) {
  return db
    .selectFrom('competency_evaluations')
    .select(['fellow_id', 'passed'])
    .where('fellow_id', 'in', userIds)
    .where('stage', '=', 'final')
    .where('signed_at', 'is not', null)
}

/**
 * Everything eligibility needs about several people — approved records and
 * passed lessons only — in three queries whatever the number of people.
 */
export async function learnerFactsOfMany(userIds: number[]) {
  const [standings, approved, clearances, finals] = await Promise.all([
    standingsOfMany(userIds),
    userIds.length ? approvedRecordsQuery(userIds).execute() : [],
    userIds.length ? clearancesQuery(userIds).execute() : [],
    userIds.length ? finalEvaluationsQuery(userIds).execute() : [],
  ])
  // PostgreSQL returns sums and counts as bigint strings.
  const approvedBy = groupBy(approved.map((r) => ({ ...r, minutes: Number(r.minutes), count: Number(r.count) })))
  const clearancesBy = groupBy(clearances)
  const finalsBy = groupBy(finals)
  const catalog = getCatalog()
  return new Map(
    userIds.map((id) => {
      const courses = coursesFromStandings(standings.get(id)!, catalog)
      return [id, { courses, facts: factsFrom(courses, approvedBy.get(id) ?? [], clearancesBy.get(id) ?? [], finalsBy.get(id) ?? []) }]
    }),
  )
}

/**
 * One person's facts from rows a page has read anyway — their courses, their records of any
 * status (only the approved ones count), their clearances — so nothing is read twice.
 * The rows must carry ELIGIBILITY_RECORD_COLUMNS: a row without the category columns counts
 * toward no category minimum.
 */
export function learnerFactsFromRows(
  courses: CourseStanding[],
  records: (Omit<ApprovedRow, 'fellow_id'> & { status: string })[],
  clearances: Omit<ClearanceRow, 'fellow_id'>[],
  finalEvaluations: Omit<FinalEvaluationRow, 'fellow_id'>[],
): LearnerFacts {
  return factsFrom(
    courses,
    records.filter((r) => r.status === 'approved'),
    clearances,
    finalEvaluations,
  )
}

export async function learnerFacts(userId: number): Promise<LearnerFacts> {
  return (await learnerFactsOfMany([userId])).get(userId)!.facts
}

export async function eligibilityFor(userId: number): Promise<ProgramEligibility[]> {
  return evaluatePrograms(getCatalog().programs, await learnerFacts(userId))
}
