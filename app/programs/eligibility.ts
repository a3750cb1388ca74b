import type { RecordKind } from '#db/schema.ts'
import { hasClearanceOn, type ClearanceWindow } from '#app/hours/rules.ts'
import { practicumCategory, supervisionCategory, type CategoryFields, type CategoryMinimums } from './categories.ts'

// Eligibility from approved records and passed courses only. Plain data in,
// decision out: the dashboard, the cohort table and the issue button all call it.

export type ProgramRequirements = {
  slug: string
  title: string
  requires: string[]
  courses: string[]
  experientialSessions: number
  sitterSessions: number
  /** all practicum, whatever its category */
  practicumHours: number
  /** supervision and consultation received, together */
  supervisionHours: number
  /** a passing final competency evaluation, signed by a supervisor, is a requirement */
  requiresFinalEvaluation?: boolean
} & CategoryMinimums

/**
 * An approved record as eligibility reads it; the category fields are null on records logged before categories existed.
 * With `count`, one row stands for that many approved records alike in everything eligibility reads (grouped by the
 * database), and `minutes` is their total.
 */
export type ApprovedRecord = { kind: RecordKind; occurredOn: string; minutes: number; approverName?: string | null; count?: number } & CategoryFields

export type LearnerFacts = {
  /** per course: lessons complete / total */
  courses: Record<string, { title: string; completed: number; total: number }>
  /** approved records only; anything else passed here is the caller's mistake */
  approved: ApprovedRecord[]
  clearances: ClearanceWindow[]
  /** final competency evaluations signed by a supervisor (unsigned and midpoint ones are never passed here) */
  finalEvaluations?: { passed: boolean }[]
}

export type RequirementResult = {
  key: string
  label: string
  met: boolean
  have: number
  need: number
  /** what is missing, in words; null when met */
  missing: string | null
}

export type ProgramEligibility = {
  slug: string
  title: string
  eligible: boolean
  requirements: RequirementResult[]
  /** the figures a certificate keeps: counts, hours and approving supervisors */
  snapshot: EligibilitySnapshot
}

export type EligibilitySnapshot = {
  experientialSessions: number
  sitterSessions: number
  practicumHours: number
  supervisionHours: number
  coursesCompleted: string[]
  supervisors: string[]
}

const round1 = (n: number) => Math.round(n * 10) / 10
const plural = (n: number, one: string, many = `${one}s`) => `${n} more ${n === 1 ? one : many}`

export function evaluateFacts(facts: LearnerFacts) {
  const countable = facts.approved.filter((r) => r.kind !== 'experiential' || hasClearanceOn(facts.clearances, r.occurredOn))
  const records = (rows: ApprovedRecord[]) => rows.reduce((n, r) => n + (r.count ?? 1), 0)
  const uncleared = records(facts.approved) - records(countable)
  const count = (kind: RecordKind) => records(countable.filter((r) => r.kind === kind))
  const minutesOf = (kind: RecordKind) => countable.filter((r) => r.kind === kind).reduce((m, r) => m + r.minutes, 0)
  const sum = (records: ApprovedRecord[]) => records.reduce((m, r) => m + r.minutes, 0)
  const practicum = countable.filter((r) => r.kind === 'practicum')
  const supervision = countable.filter((r) => r.kind === 'supervision')
  return {
    experiential: count('experiential'),
    sitter: count('sitter'),
    practicumHours: round1(minutesOf('practicum') / 60),
    supervisionHours: round1(minutesOf('supervision') / 60),
    /** exact, unrounded: thresholds are compared on these (39 h 59 min is not 40 h) */
    practicumMinutes: minutesOf('practicum'),
    supervisionMinutes: minutesOf('supervision'),
    /** exact minutes per category; records whose category was not recorded count in none of them */
    directPracticumMinutes: sum(practicum.filter((r) => practicumCategory(r) === 'direct')),
    uncategorizedPracticumMinutes: sum(practicum.filter((r) => practicumCategory(r) === null)),
    individualSupervisionMinutes: sum(supervision.filter((r) => supervisionCategory(r) === 'individual')),
    groupSupervisionMinutes: sum(supervision.filter((r) => supervisionCategory(r) === 'group')),
    consultationMinutes: sum(supervision.filter((r) => supervisionCategory(r) === 'consultation')),
    uncategorizedSupervisionMinutes: sum(supervision.filter((r) => supervisionCategory(r) === null)),
    unclearedExperiential: uncleared,
    supervisors: [...new Set(countable.map((r) => r.approverName).filter((n): n is string => !!n))].sort(),
  }
}

/** Every program's requirements, met or not, with what is missing. */
export function evaluatePrograms(programs: ProgramRequirements[], facts: LearnerFacts): ProgramEligibility[] {
  const totals = evaluateFacts(facts)
  const results = new Map<string, ProgramEligibility>()
  const bySlug = new Map(programs.map((p) => [p.slug, p]))

  const evaluate = (program: ProgramRequirements, seen: Set<string>): ProgramEligibility => {
    const cached = results.get(program.slug)
    if (cached) return cached
    const requirements: RequirementResult[] = []
    for (const slug of program.requires) {
      const required = bySlug.get(slug)
      const met = !!required && !seen.has(slug) && evaluate(required, new Set([...seen, program.slug])).eligible
      const title = required?.title ?? slug
      requirements.push({ key: `program:${slug}`, label: title, met, have: met ? 1 : 0, need: 1, missing: met ? null : `${title} first` })
    }
    for (const slug of program.courses) {
      const course = facts.courses[slug] ?? { title: slug, completed: 0, total: 1 }
      const left = course.total - course.completed
      requirements.push({
        key: `course:${slug}`,
        label: `${course.title} course`,
        met: left <= 0,
        have: course.completed,
        need: course.total,
        missing: left > 0 ? `${course.title}: ${left} lesson${left === 1 ? '' : 's'} left` : null,
      })
    }
    // `have` is exact (hours unrounded); what is shown is rounded down and what is missing rounded up,
    // to a tenth, so a shortfall never reads as met.
    const counted = (key: string, label: string, have: number, need: number, unit: string, units: string, note?: string) => {
      if (need <= 0) return
      const met = have >= need
      const left = Math.ceil((need - have) * 10 - 1e-9) / 10
      requirements.push({
        key,
        label,
        met,
        have: Math.floor(have * 10 + 1e-9) / 10,
        need,
        missing: met ? null : `${plural(left, unit, units)} approved${note ? ` (${note})` : ''}`,
      })
    }
    counted(
      'experiential',
      'Experiential sessions',
      totals.experiential,
      program.experientialSessions,
      'experiential session',
      'experiential sessions',
      totals.unclearedExperiential ? `${totals.unclearedExperiential} approved without a valid clearance on their date do not count` : undefined,
    )
    counted('sitter', 'Sitter sessions', totals.sitter, program.sitterSessions, 'sitter session', 'sitter sessions')
    counted('practicum', 'Practicum hours', totals.practicumMinutes / 60, program.practicumHours, 'practicum hour', 'practicum hours')
    // Each category minimum is its own requirement, counted from records of that category only.
    const notRecorded = (minutes: number, what: string) => (minutes ? `${round1(minutes / 60)} h approved without ${what} recorded do not count` : undefined)
    const practicumNote = notRecorded(totals.uncategorizedPracticumMinutes, 'direct or indirect contact')
    counted(
      'practicum:direct',
      'Direct client contact hours',
      totals.directPracticumMinutes / 60,
      program.directPracticumHours ?? 0,
      'direct client contact hour',
      'direct client contact hours',
      practicumNote,
    )
    counted('supervision', 'Supervision hours', totals.supervisionMinutes / 60, program.supervisionHours, 'supervision hour', 'supervision hours')
    const supervisionNote = notRecorded(totals.uncategorizedSupervisionMinutes, 'a type (supervision or consultation, individual or group)')
    counted(
      'supervision:individual',
      'Individual supervision hours',
      totals.individualSupervisionMinutes / 60,
      program.individualSupervisionHours ?? 0,
      'individual supervision hour',
      'individual supervision hours',
      supervisionNote,
    )
    counted(
      'supervision:group',
      'Group supervision hours',
      totals.groupSupervisionMinutes / 60,
      program.groupSupervisionHours ?? 0,
      'group supervision hour',
      'group supervision hours',
      supervisionNote,
    )
    counted(
      'consultation',
      'Consultation hours',
      totals.consultationMinutes / 60,
      program.consultationHours ?? 0,
      'consultation hour',
      'consultation hours',
      supervisionNote,
    )

    // A final competency evaluation counts once a supervisor signed it with every competency at or above the
    // rubric's passing rating; the fellow's acknowledgement is their receipt, not a condition.
    if (program.requiresFinalEvaluation) {
      const finals = facts.finalEvaluations ?? []
      const met = finals.some((e) => e.passed)
      const failed = finals.filter((e) => !e.passed).length
      requirements.push({
        key: 'evaluation:final',
        label: 'Passing final competency evaluation',
        met,
        have: met ? 1 : 0,
        need: 1,
        missing: met
          ? null
          : `a final competency evaluation signed by a supervisor, every competency at the passing rating or above${
              failed ? ` (${failed} signed final evaluation${failed === 1 ? '' : 's'} did not pass)` : ''
            }`,
      })
    }

    const result: ProgramEligibility = {
      slug: program.slug,
      title: program.title,
      eligible: requirements.every((r) => r.met),
      requirements,
      snapshot: {
        experientialSessions: totals.experiential,
        sitterSessions: totals.sitter,
        practicumHours: totals.practicumHours,
        supervisionHours: totals.supervisionHours,
        coursesCompleted: Object.entries(facts.courses)
          .filter(([, c]) => c.total > 0 && c.completed >= c.total)
          .map(([slug]) => slug),
        supervisors: totals.supervisors,
      },
    }
    results.set(program.slug, result)
    return result
  }

  return programs.map((p) => evaluate(p, new Set()))
}
