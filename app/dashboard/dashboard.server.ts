import type { SessionUser } from '#app/auth/session.server.ts'
import { expiringCertificates } from '#app/certificates/certificates.server.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { learnerCourses, type CourseStanding } from '#app/curriculum/progress.server.ts'
import { db } from '#app/db.server.ts'
import { tallyRecords } from '#app/hours/progress.ts'
import { awaitingDecisionBy, countAwaitingConfirmationBy, reviewQueueCounts } from '#app/hours/records.server.ts'
import { evaluatePrograms } from '#app/programs/eligibility.ts'
import { clearancesQuery, ELIGIBILITY_RECORD_COLUMNS, finalEvaluationsQuery, learnerFactsFromRows } from '#app/programs/eligibility.server.ts'
import { hoursTargets } from '#app/programs/targets.server.ts'
import { agreementsOfFellow } from '#app/supervision/agreements.server.ts'
import { countAssignedFellows, countUnassignedFellows } from '#app/supervision/assignments.server.ts'
import { evaluationsOfFellow } from '#app/supervision/evaluations.server.ts'

function learnerPart(courses: CourseStanding[]) {
  return courses.map(({ course, progress, locked }) => {
    const next = course.lessons.find((l) => l.slug === progress.continueWith)
    return {
      slug: course.slug,
      title: course.title,
      completed: progress.completed,
      total: progress.total,
      complete: progress.complete,
      locked,
      next: next ? { slug: next.slug, title: next.title } : null,
    }
  })
}

/** A fellow's records (every status) and clearances: the tally, eligibility and the draft and returned counts all come from these. */
async function fellowRows(fellowId: number) {
  return Promise.all([
    db
      .selectFrom('records')
      .select(['status', ...ELIGIBILITY_RECORD_COLUMNS])
      .where('fellow_id', '=', fellowId)
      .execute(),
    clearancesQuery([fellowId]).execute(),
    countAwaitingConfirmationBy(fellowId),
    finalEvaluationsQuery([fellowId]).execute(),
    agreementsOfFellow(fellowId),
    evaluationsOfFellow(fellowId, { signedOnly: true }),
  ])
}

function fellowPart(courses: CourseStanding[], [records, clearances, toConfirm, finals, agreements, evaluations]: Awaited<ReturnType<typeof fellowRows>>) {
  const count = (status: string) => records.filter((r) => r.status === status).length
  return {
    tally: tallyRecords(records),
    targets: hoursTargets(),
    // The same rule as everywhere else (eligibility.ts), fed from the rows above.
    eligibility: evaluatePrograms(getCatalog().programs, learnerFactsFromRows(courses, records, clearances, finals)),
    drafts: count('draft'),
    returned: count('returned'),
    /** sitter sessions other fellows logged that wait for this fellow's confirmation as the other sitter */
    toConfirm,
    /** the learning agreement with each supervisor; an unsigned one holds back practicum records */
    agreements,
    /** competency evaluations a supervisor has signed */
    evaluations,
  }
}

async function supervisorPart(user: SessionUser) {
  const counts = await reviewQueueCounts(user.id)
  const oldest = await awaitingDecisionBy(user.id).select('records.submitted_at').orderBy('records.submitted_at').limit(1).executeTakeFirst()
  const fellows = await countAssignedFellows(user.id)
  return { waiting: Object.values(counts).reduce((a, b) => a + b, 0), oldestSubmittedAt: oldest?.submitted_at ?? null, fellows }
}

async function staffPart() {
  const [people, pendingInvitations, unassignedFellows, expiring] = await Promise.all([
    db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('active', '=', 1)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirstOrThrow(),
    countUnassignedFellows(),
    expiringCertificates(90),
  ])
  return { people: Number(people.n), pendingInvitations: Number(pendingInvitations.n), unassignedFellows, expiring: expiring.length }
}

/** What each of the person's roles should do next. A learner's courses are read once, for their progress and their eligibility. */
export async function dashboardFor(user: SessionUser) {
  const is = (role: string) => user.roles.includes(role as never)
  const [courses, fellow, supervisor, staff] = await Promise.all([
    is('trainee') || is('fellow') ? learnerCourses(user.id) : null,
    is('fellow') ? fellowRows(user.id) : null,
    is('supervisor') ? supervisorPart(user) : null,
    is('staff') ? staffPart() : null,
  ])
  return { learning: courses && learnerPart(courses), fellow: courses && fellow && fellowPart(courses, fellow), supervisor, staff }
}
