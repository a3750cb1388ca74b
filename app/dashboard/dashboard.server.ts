import { sql } from 'kysely'
import type { SessionUser } from '#app/auth/session.server.ts'
import { expiringCertificates } from '#app/certificates/certificates.server.ts'
import { learnerCourses } from '#app/curriculum/progress.server.ts'
import { db } from '#app/db.server.ts'
import { fellowTally, reviewQueueCounts } from '#app/hours/records.server.ts'
import { eligibilityFor } from '#app/programs/eligibility.server.ts'
import { hoursTargets } from '#app/programs/targets.server.ts'

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
  const oldest = await db
    .selectFrom('records')
    .innerJoin('supervisor_assignments as a', 'a.fellow_id', 'records.fellow_id')
    .select('records.submitted_at')
    .where('a.supervisor_id', '=', user.id)
    .where('records.status', '=', 'submitted')
    .orderBy('records.submitted_at')
    .limit(1)
    .executeTakeFirst()
  const fellows = await db.selectFrom('supervisor_assignments').select((eb) => eb.fn.countAll<number>().as('n')).where('supervisor_id', '=', user.id).executeTakeFirstOrThrow()
  return { waiting: Object.values(counts).reduce((a, b) => a + b, 0), oldestSubmittedAt: oldest?.submitted_at ?? null, fellows: Number(fellows.n) }
}

async function staffPart() {
  const [people, pendingInvitations, unassignedFellows, expiring] = await Promise.all([
    db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).where('active', '=', 1).executeTakeFirstOrThrow(),
    db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('user_roles')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_roles.role', '=', 'fellow')
      .where((eb) => eb.not(eb.exists(eb.selectFrom('supervisor_assignments').select(sql`1`.as('one')).whereRef('supervisor_assignments.fellow_id', '=', 'user_roles.user_id'))))
      .executeTakeFirstOrThrow(),
    expiringCertificates(90),
  ])
  return { people: Number(people.n), pendingInvitations: Number(pendingInvitations.n), unassignedFellows: Number(unassignedFellows.n), expiring: expiring.length }
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
