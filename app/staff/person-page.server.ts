import { certificatesOf } from '#app/certificates/certificates.server.ts'
import { certificateStatus } from '#app/certificates/codes.ts'
import { learnerCourses } from '#app/curriculum/progress.server.ts'
import { clearancesFor, fellowTally } from '#app/hours/records.server.ts'
import { clearanceCovers } from '#app/hours/rules.ts'
import { eligibilityFor } from '#app/programs/eligibility.server.ts'
import { hoursTargets } from '#app/programs/targets.server.ts'
import { listCohorts } from '#app/staff/cohorts.server.ts'
import { activePeopleWithRole, cohortsOf, getPerson } from '#app/staff/people.server.ts'
import { assignedFellows, supervisorsOfFellow } from '#app/supervision/assignments.server.ts'
import { licenseOf } from '#app/supervision/license.server.ts'
import { todayOf } from '#app/utils/time-zone.server.ts'

/**
 * Everything a person's staff page shows, or null when there is no such person.
 * The lookups run side by side; the choices offered (supervisors, cohorts) leave
 * out what the person already has, so no form offers a change that would be refused.
 */
export async function personPage(id: number) {
  const person = await getPerson(id)
  if (!person) return null
  const isFellow = person.roles.includes('fellow')
  const isLearner = isFellow || person.roles.includes('trainee')
  const today = todayOf({ timeZone: person.time_zone })
  const isSupervisor = person.roles.includes('supervisor')
  const [courses, tally, clearances, supervisors, supervisorOptions, fellows, cohorts, allCohorts, eligibility, certificates, license] = await Promise.all([
    learnerCourses(person.id),
    fellowTally(person.id),
    clearancesFor(person.id),
    supervisorsOfFellow(person.id),
    activePeopleWithRole('supervisor'),
    isSupervisor ? assignedFellows(person.id) : Promise.resolve([]),
    cohortsOf(person.id),
    listCohorts(),
    eligibilityFor(person.id),
    certificatesOf(person.id),
    isSupervisor ? licenseOf(person.id) : Promise.resolve(null),
  ])
  const validCertificates = new Set(certificates.filter((c) => certificateStatus(c) === 'valid').map((c) => c.program_slug))
  return {
    person,
    isFellow,
    isLearner,
    courses: courses.map((c) => ({ slug: c.course.slug, title: c.course.title, completed: c.progress.completed, total: c.progress.total })),
    tally,
    targets: hoursTargets(),
    clearances: clearances.map((c) => ({
      ...c,
      current: clearanceCovers({ grantedOn: c.granted_on, expiresOn: c.expires_on, endedOn: c.ended_on }, today),
    })),
    supervisors,
    license,
    supervisorOptions: supervisorOptions.filter((s) => s.id !== person.id && !supervisors.some((a) => a.id === s.id)),
    fellows,
    cohorts,
    // Only trainees and fellows join cohorts; anyone else still sees (and can leave) the ones they are in.
    cohortOptions: isLearner ? allCohorts.filter((c) => !cohorts.some((m) => m.id === c.id)) : [],
    programs: eligibility.map((e) => ({ ...e, holdsValid: validCertificates.has(e.slug) })),
    certificates: certificates.map((c) => ({
      id: c.id,
      serial: c.serial,
      program_title: c.program_title,
      issued_at: c.issued_at,
      status: certificateStatus(c),
    })),
  }
}
