import type { SessionUser } from '#app/auth/session.server.ts'
import { expiringCertificates } from '#app/certificates/certificates.server.ts'
import { learnerCourses } from '#app/curriculum/progress.server.ts'
import { db } from '#app/db.server.ts'
import { fellowTally, reviewQueueCounts } from '#app/hours/records.server.ts'
import { WORKFLOW } from '#app/hours/workflow.ts'
import { eligibilityFor } from '#app/programs/eligibility.server.ts'
import { hoursTargets } from '#app/programs/targets.server.ts'
import { countAssignedFellows, countUnassignedFellows, recordsOfAssignedFellows } from '#app/supervision/assignments.server.ts'

async function learnerPart(user: SessionUser) {
  const courses = await learnerCourses(user.id)
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

async function fellowPart(user: SessionUser) {
  const [tally, eligibility, statusCounts] = await Promise.all([
    fellowTally(user.id),
    eligibilityFor(user.id),
    db
      .selectFrom('records')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('fellow_id', '=', user.id)
      .where('status', 'in', ['draft', 'returned'])
      .groupBy('status')
      .execute(),
  ])
  const count = (status: string) => Number(statusCounts.find((r) => r.status === status)?.n ?? 0)
  return { tally, targets: hoursTargets(), eligibility, drafts: count('draft'), returned: count('returned') }
}

async function supervisorPart(user: SessionUser) {
  const counts = await reviewQueueCounts(user.id)
  const oldest = await recordsOfAssignedFellows(user.id)
    .select('records.submitted_at')
    .where('records.status', 'in', WORKFLOW.approve.from)
    .orderBy('records.submitted_at')
    .limit(1)
    .executeTakeFirst()
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

/** What each of the person's roles should do next. */
export async function dashboardFor(user: SessionUser) {
  const is = (role: string) => user.roles.includes(role as never)
  const [learning, fellow, supervisor, staff] = await Promise.all([
    is('trainee') || is('fellow') ? learnerPart(user) : null,
    is('fellow') ? fellowPart(user) : null,
    is('supervisor') ? supervisorPart(user) : null,
    is('staff') ? staffPart() : null,
  ])
  return { learning, fellow, supervisor, staff }
}
