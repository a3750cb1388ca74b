import { getCatalog } from '#app/curriculum/content.server.ts'
import { learnerCourses } from '#app/curriculum/progress.server.ts'
import { db } from '#app/db.server.ts'
import { evaluatePrograms, type LearnerFacts, type ProgramEligibility } from './eligibility.ts'

/** Everything eligibility needs about one person, from approved records and passed lessons only. */
export async function learnerFacts(userId: number): Promise<LearnerFacts> {
  const [courses, approved, clearances] = await Promise.all([
    learnerCourses(userId),
    db
      .selectFrom('records')
      .select(['kind', 'occurred_on', 'minutes', 'approver_name'])
      .where('fellow_id', '=', userId)
      .where('status', '=', 'approved')
      .execute(),
    db.selectFrom('medical_clearances').select(['granted_on', 'expires_on', 'ended_on']).where('fellow_id', '=', userId).execute(),
  ])
  return {
    courses: Object.fromEntries(courses.map((c) => [c.course.slug, { title: c.course.title, completed: c.progress.completed, total: c.progress.total }])),
    approved: approved.map((r) => ({ kind: r.kind, occurredOn: r.occurred_on, minutes: r.minutes, approverName: r.approver_name })),
    clearances: clearances.map((c) => ({ grantedOn: c.granted_on, expiresOn: c.expires_on, endedOn: c.ended_on })),
  }
}

export async function eligibilityFor(userId: number): Promise<ProgramEligibility[]> {
  return evaluatePrograms(getCatalog().programs, await learnerFacts(userId))
}
