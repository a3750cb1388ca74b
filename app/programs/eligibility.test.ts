import { describe, expect, test } from 'vitest'
import type { RecordKind } from '#db/schema.ts'
import { loadCatalog } from '#app/curriculum/content.server.ts'
import type { CategoryFields } from './categories.ts'
import { evaluateFacts, evaluatePrograms, type ApprovedRecord, type LearnerFacts, type ProgramEligibility, type ProgramRequirements } from './eligibility.ts'

// The real programs, as content/programs/*.md states them.
const catalog = loadCatalog()
const programs: ProgramRequirements[] = catalog.programs
const INTRO = 'introductory-kap'
const ADVANCED = 'advanced-kap'
const EXPERIENTIAL = 'kap-experiential'
const FELLOWSHIP = 'practitioner-fellowship'
const introCourse = catalog.course('intro-kap')!
const advancedCourse = catalog.course('advanced-kap')!

const CLEARANCE = { grantedOn: '2025-01-01', expiresOn: '2025-12-31', endedOn: null }

/** Both courses, complete unless told otherwise (lessons done per course). */
function courses(done: { intro?: number; advanced?: number } = {}): LearnerFacts['courses'] {
  return {
    'intro-kap': { title: introCourse.title, completed: done.intro ?? introCourse.lessons.length, total: introCourse.lessons.length },
    'advanced-kap': { title: advancedCourse.title, completed: done.advanced ?? advancedCourse.lessons.length, total: advancedCourse.lessons.length },
  }
}

/** What a record says of its category unless told otherwise: practicum in direct contact, individual supervision. */
const DEFAULT_CATEGORY: Partial<Record<RecordKind, CategoryFields>> = {
  practicum: { practicumContact: 'direct' },
  supervision: { supervisionType: 'supervision', supervisionFormat: 'individual' },
}
/** A record logged before categories existed: every category column null. */
const NOT_RECORDED: CategoryFields = { supervisionType: null, supervisionFormat: null, practicumContact: null }

/** `n` approved records of a kind, one a week from `start`, `minutes` each. */
function approved(
  kind: RecordKind,
  n: number,
  minutes = 60,
  { start = '2025-02-03', approverName = 'Dr. Maya Reyes', ...category }: { start?: string; approverName?: string | null } & CategoryFields = {},
): ApprovedRecord[] {
  return Array.from({ length: n }, (_, i) => ({
    kind,
    occurredOn: new Date(Date.parse(`${start}T00:00:00Z`) + i * 7 * 86_400_000).toISOString().slice(0, 10),
    minutes,
    approverName,
    ...DEFAULT_CATEGORY[kind],
    ...category,
  }))
}

/** Everything the fellowship asks for: 12 + 12 sessions under clearance, 40 h practicum, 12 h supervision. */
function fullFacts(): LearnerFacts {
  return {
    courses: courses(),
    approved: [...approved('experiential', 12, 150), ...approved('sitter', 12, 180), ...approved('practicum', 20, 120), ...approved('supervision', 12, 60)],
    clearances: [CLEARANCE],
    finalEvaluations: [{ passed: true }],
  }
}

function evaluate(facts: LearnerFacts) {
  const results = evaluatePrograms(programs, facts)
  const of = (slug: string) => {
    const result = results.find((r) => r.slug === slug)
    if (!result) throw new Error(`no result for ${slug}`)
    return result
  }
  return { results, of }
}

function requirement(result: ProgramEligibility, key: string) {
  const r = result.requirements.find((x) => x.key === key)
  if (!r) throw new Error(`${result.slug} has no requirement ${key}: ${result.requirements.map((x) => x.key).join(', ')}`)
  return r
}

const unmet = (result: ProgramEligibility) => result.requirements.filter((r) => !r.met).map((r) => r.missing)

test('the catalog holds the four programs these tests rely on', () => {
  expect(programs.map((p) => p.slug)).toEqual([INTRO, ADVANCED, EXPERIENTIAL, FELLOWSHIP])
  expect(introCourse.lessons.length).toBeGreaterThan(2)
  expect(advancedCourse.lessons.length).toBeGreaterThan(2)
})

test('one result per program, in catalog order, with the program titles', () => {
  const { results } = evaluate({ courses: {}, approved: [], clearances: [] })
  expect(results.map((r) => [r.slug, r.title])).toEqual(programs.map((p) => [p.slug, p.title]))
  expect(results.every((r) => !r.eligible)).toBe(true)
})

describe('Introductory KAP', () => {
  test('eligible once every lesson of the course is complete', () => {
    const intro = evaluate({ courses: courses({ advanced: 0 }), approved: [], clearances: [] }).of(INTRO)
    expect(intro.eligible).toBe(true)
    expect(intro.requirements).toEqual([
      {
        key: 'course:intro-kap',
        label: 'Introductory KAP course',
        met: true,
        have: introCourse.lessons.length,
        need: introCourse.lessons.length,
        missing: null,
      },
    ])
  })

  test('two lessons left: not eligible, and says so', () => {
    const total = introCourse.lessons.length
    const intro = evaluate({ courses: courses({ intro: total - 2, advanced: 0 }), approved: [], clearances: [] }).of(INTRO)
    expect(intro.eligible).toBe(false)
    const course = requirement(intro, 'course:intro-kap')
    expect(course).toMatchObject({ met: false, have: total - 2, need: total })
    expect(course.missing).toBe('Introductory KAP: 2 lessons left')
  })

  test('one lesson left reads in the singular', () => {
    const intro = evaluate({ courses: courses({ intro: introCourse.lessons.length - 1 }), approved: [], clearances: [] }).of(INTRO)
    expect(intro.eligible).toBe(false)
    expect(unmet(intro)).toEqual(['Introductory KAP: 1 lesson left'])
  })

  test('a course the learner has no progress for is not met', () => {
    const intro = evaluate({ courses: {}, approved: [], clearances: [] }).of(INTRO)
    expect(intro.eligible).toBe(false)
    expect(requirement(intro, 'course:intro-kap').met).toBe(false)
  })

  test('approved hours alone do not make anyone eligible for a course-based program', () => {
    const facts = fullFacts()
    facts.courses = courses({ intro: 0, advanced: 0 })
    const { of } = evaluate(facts)
    expect(of(INTRO).eligible).toBe(false)
    expect(of(ADVANCED).eligible).toBe(false)
  })
})

describe('Advanced KAP', () => {
  test('requires Introductory KAP: its own course complete is not enough', () => {
    const advanced = evaluate({ courses: courses({ intro: introCourse.lessons.length - 2 }), approved: [], clearances: [] }).of(ADVANCED)
    expect(advanced.eligible).toBe(false)
    expect(requirement(advanced, 'course:advanced-kap').met).toBe(true)
    expect(requirement(advanced, 'program:introductory-kap')).toMatchObject({ met: false, label: 'Introductory KAP', missing: 'Introductory KAP first' })
    expect(unmet(advanced)).toEqual(['Introductory KAP first'])
  })

  test('Introductory complete but the advanced course not: not eligible, lessons left named', () => {
    const total = advancedCourse.lessons.length
    const advanced = evaluate({ courses: courses({ advanced: total - 3 }), approved: [], clearances: [] }).of(ADVANCED)
    expect(advanced.eligible).toBe(false)
    expect(requirement(advanced, 'program:introductory-kap').met).toBe(true)
    expect(unmet(advanced)).toEqual(['Advanced KAP: 3 lessons left'])
  })

  test('both courses complete: eligible', () => {
    const advanced = evaluate({ courses: courses(), approved: [], clearances: [] }).of(ADVANCED)
    expect(advanced.eligible).toBe(true)
    expect(advanced.requirements.map((r) => r.key)).toEqual(['program:introductory-kap', 'course:advanced-kap'])
  })
})

describe('KAP experiential training', () => {
  test('12 approved experiential sessions under clearance and 12 approved sitter sessions: met, no course needed', () => {
    const experiential = evaluate({ courses: {}, approved: [...approved('experiential', 12), ...approved('sitter', 12)], clearances: [CLEARANCE] }).of(
      EXPERIENTIAL,
    )
    expect(experiential.eligible).toBe(true)
    expect(experiential.requirements).toEqual([
      { key: 'experiential', label: 'Experiential sessions', met: true, have: 12, need: 12, missing: null },
      { key: 'sitter', label: 'Sitter sessions', met: true, have: 12, need: 12, missing: null },
    ])
  })

  test('11 approved experiential sessions (the 12th only submitted, so never passed in) are not enough', () => {
    const experiential = evaluate({ courses: {}, approved: [...approved('experiential', 11), ...approved('sitter', 12)], clearances: [CLEARANCE] }).of(
      EXPERIENTIAL,
    )
    expect(experiential.eligible).toBe(false)
    expect(requirement(experiential, 'experiential')).toMatchObject({ met: false, have: 11, need: 12 })
    expect(requirement(experiential, 'experiential').missing).toBe('1 more experiential session approved')
    expect(requirement(experiential, 'sitter').met).toBe(true)
  })

  test('missing several sessions reads in the plural, for each kind', () => {
    const experiential = evaluate({ courses: {}, approved: [...approved('experiential', 9), ...approved('sitter', 11)], clearances: [CLEARANCE] }).of(
      EXPERIENTIAL,
    )
    expect(unmet(experiential)).toEqual(['3 more experiential sessions approved', '1 more sitter session approved'])
  })

  test('an experiential session without a clearance valid on its date does not count, and the note says why', () => {
    const outside = { kind: 'experiential' as const, occurredOn: '2026-03-01', minutes: 120, approverName: 'Dr. Maya Reyes' }
    const facts = { courses: {}, approved: [...approved('experiential', 11), outside, ...approved('sitter', 12)], clearances: [CLEARANCE] }
    const experiential = evaluate(facts).of(EXPERIENTIAL)
    expect(experiential.eligible).toBe(false)
    expect(requirement(experiential, 'experiential').have).toBe(11)
    expect(requirement(experiential, 'experiential').missing).toBe(
      '1 more experiential session approved (1 approved without a valid clearance on their date do not count)',
    )
    expect(evaluateFacts(facts)).toMatchObject({ experiential: 11, unclearedExperiential: 1 })
  })

  test('no clearance at all: no experiential session counts, sitter sessions still do', () => {
    const experiential = evaluate({ courses: {}, approved: [...approved('experiential', 12), ...approved('sitter', 12)], clearances: [] }).of(EXPERIENTIAL)
    expect(experiential.eligible).toBe(false)
    expect(requirement(experiential, 'experiential')).toMatchObject({ have: 0, met: false })
    expect(requirement(experiential, 'experiential').missing).toBe(
      '12 more experiential sessions approved (12 approved without a valid clearance on their date do not count)',
    )
    expect(requirement(experiential, 'sitter')).toMatchObject({ have: 12, met: true })
  })

  test('a clearance covers its grant and expiry dates; one ended early stops covering from its end date', () => {
    const on = (occurredOn: string): ApprovedRecord => ({ kind: 'experiential', occurredOn, minutes: 120 })
    const clearances = [{ grantedOn: '2025-03-01', expiresOn: '2025-09-30', endedOn: '2025-06-15' }]
    const totals = evaluateFacts({
      courses: {},
      approved: [on('2025-02-28'), on('2025-03-01'), on('2025-06-14'), on('2025-06-15'), on('2025-07-01')],
      clearances,
    })
    expect(totals.experiential).toBe(2) // 03-01 and 06-14
    expect(totals.unclearedExperiential).toBe(3)
    const full = evaluateFacts({
      courses: {},
      approved: [on('2025-03-01'), on('2025-09-30'), on('2025-10-01')],
      clearances: [{ ...clearances[0]!, endedOn: null }],
    })
    expect(full.experiential).toBe(2)
  })

  test('any one of several clearances can cover a session', () => {
    const clearances = [
      { grantedOn: '2024-01-01', expiresOn: '2024-12-31', endedOn: null },
      { grantedOn: '2025-01-01', expiresOn: '2025-12-31', endedOn: null },
    ]
    const records = [...approved('experiential', 6, 90, { start: '2024-10-01' }), ...approved('experiential', 6, 90, { start: '2025-03-01' })]
    const experiential = evaluate({ courses: {}, approved: [...records, ...approved('sitter', 12)], clearances }).of(EXPERIENTIAL)
    expect(experiential.eligible).toBe(true)
  })
})

describe('Psychedelic Practitioner Fellowship', () => {
  test('eligible with both courses, the experiential training, 40 h practicum and 12 h supervision', () => {
    const fellowship = evaluate(fullFacts()).of(FELLOWSHIP)
    expect(fellowship.eligible).toBe(true)
    expect(fellowship.requirements.map((r) => r.key)).toEqual([
      'program:introductory-kap',
      'program:advanced-kap',
      'program:kap-experiential',
      'practicum',
      'practicum:direct',
      'supervision',
      'supervision:individual',
      'evaluation:final',
    ])
    expect(requirement(fellowship, 'practicum')).toMatchObject({ have: 40, need: 40, met: true })
    expect(requirement(fellowship, 'practicum:direct')).toMatchObject({ label: 'Direct client contact hours', have: 40, need: 20, met: true })
    expect(requirement(fellowship, 'supervision')).toMatchObject({ have: 12, need: 12, met: true })
    expect(requirement(fellowship, 'supervision:individual')).toMatchObject({ label: 'Individual supervision hours', have: 12, need: 6, met: true })
  })

  test.each([
    ['Introductory KAP', (f: LearnerFacts) => void (f.courses = courses({ intro: 3 }))],
    ['Advanced KAP', (f: LearnerFacts) => void (f.courses = courses({ advanced: 1 }))],
    ['KAP experiential training', (f: LearnerFacts) => void (f.approved = [...f.approved.filter((r) => r.kind !== 'sitter'), ...approved('sitter', 6, 180)])],
  ])('requires %s first', (title, spoil) => {
    const facts = fullFacts()
    spoil(facts)
    const fellowship = evaluate(facts).of(FELLOWSHIP)
    expect(fellowship.eligible).toBe(false)
    expect(unmet(fellowship)).toContain(`${title} first`)
    expect(requirement(fellowship, 'practicum').met).toBe(true)
  })

  test('requires the experiential training even with plenty of hours: uncleared sessions break it', () => {
    const facts = fullFacts()
    facts.clearances = []
    const { of } = evaluate(facts)
    expect(of(EXPERIENTIAL).eligible).toBe(false)
    expect(of(FELLOWSHIP).eligible).toBe(false)
    expect(unmet(of(FELLOWSHIP))).toEqual(['KAP experiential training first'])
  })

  test('39.5 practicum hours, summed from minutes, are not 40', () => {
    const facts = fullFacts()
    facts.approved = [...facts.approved.filter((r) => r.kind !== 'practicum'), ...approved('practicum', 19, 120), ...approved('practicum', 1, 90)]
    const fellowship = evaluate(facts).of(FELLOWSHIP)
    expect(fellowship.eligible).toBe(false)
    expect(requirement(fellowship, 'practicum')).toMatchObject({ met: false, have: 39.5, need: 40 })
    expect(requirement(fellowship, 'practicum').missing).toBe('0.5 more practicum hours approved')
  })

  test('minutes add up across records: 16 × 150 min is exactly 40 h practicum, 16 × 45 min exactly 12 h supervision', () => {
    const facts = fullFacts()
    facts.approved = [
      ...facts.approved.filter((r) => r.kind !== 'practicum' && r.kind !== 'supervision'),
      ...approved('practicum', 16, 150),
      ...approved('supervision', 16, 45),
    ]
    const fellowship = evaluate(facts).of(FELLOWSHIP)
    expect(requirement(fellowship, 'practicum')).toMatchObject({ have: 40, met: true })
    expect(requirement(fellowship, 'supervision')).toMatchObject({ have: 12, met: true })
    expect(fellowship.eligible).toBe(true)
  })

  test('one minute short of the threshold is short: 39 h 59 min practicum, 11 h 59 min supervision', () => {
    const facts = fullFacts()
    facts.approved = [
      ...facts.approved.filter((r) => r.kind !== 'practicum' && r.kind !== 'supervision'),
      ...approved('practicum', 19, 120),
      ...approved('practicum', 1, 119),
      ...approved('supervision', 11, 60),
      ...approved('supervision', 1, 59),
    ]
    const fellowship = evaluate(facts).of(FELLOWSHIP)
    expect(requirement(fellowship, 'practicum').met).toBe(false)
    expect(requirement(fellowship, 'supervision').met).toBe(false)
    expect(fellowship.eligible).toBe(false)
    // Shown rounded down, missing rounded up: never "40 / 40" or "0 more" while short.
    expect(requirement(fellowship, 'practicum')).toMatchObject({ have: 39.9, missing: '0.1 more practicum hours approved' })
    expect(requirement(fellowship, 'supervision')).toMatchObject({ have: 11.9, missing: '0.1 more supervision hours approved' })
  })

  test('missing supervision is said in hours; kinds never count towards one another', () => {
    const facts = fullFacts()
    facts.approved = [...facts.approved.filter((r) => r.kind !== 'supervision'), ...approved('supervision', 10, 60), ...approved('practicum', 30, 60)]
    const fellowship = evaluate(facts).of(FELLOWSHIP)
    expect(requirement(fellowship, 'supervision')).toMatchObject({ have: 10, met: false, missing: '2 more supervision hours approved' })
    expect(unmet(fellowship)).toEqual(['2 more supervision hours approved'])
  })
})

describe('category minimums (the categories licensing boards count)', () => {
  /** fullFacts with its practicum and supervision replaced. */
  function factsWith(practicum: ApprovedRecord[], supervision: ApprovedRecord[]): LearnerFacts {
    const facts = fullFacts()
    facts.approved = [...facts.approved.filter((r) => r.kind !== 'practicum' && r.kind !== 'supervision'), ...practicum, ...supervision]
    return facts
  }
  const enoughSupervision = () => approved('supervision', 12, 60)
  const enoughPracticum = () => approved('practicum', 20, 120)

  test('the fellowship file asks for 20 h of direct client contact and 6 h of individual supervision; no other program asks for a category', () => {
    const fellowship = catalog.program(FELLOWSHIP)!
    expect(fellowship).toMatchObject({
      practicumHours: 40,
      directPracticumHours: 20,
      supervisionHours: 12,
      individualSupervisionHours: 6,
      groupSupervisionHours: 0,
      consultationHours: 0,
    })
    for (const slug of [INTRO, ADVANCED, EXPERIENTIAL]) {
      expect(catalog.program(slug)).toMatchObject({ directPracticumHours: 0, individualSupervisionHours: 0, groupSupervisionHours: 0, consultationHours: 0 })
    }
  })

  test('19 h 59 min of direct contact is not 20 h, even with 40 h of practicum in all', () => {
    const facts = factsWith(
      [
        ...approved('practicum', 9, 120),
        ...approved('practicum', 1, 119),
        ...approved('practicum', 9, 120, { practicumContact: 'indirect' }),
        ...approved('practicum', 1, 121, { practicumContact: 'indirect' }),
      ],
      enoughSupervision(),
    )
    const fellowship = evaluate(facts).of(FELLOWSHIP)
    expect(evaluateFacts(facts)).toMatchObject({ practicumMinutes: 2400, directPracticumMinutes: 1199 })
    expect(requirement(fellowship, 'practicum')).toMatchObject({ met: true, have: 40 })
    expect(requirement(fellowship, 'practicum:direct')).toEqual({
      key: 'practicum:direct',
      label: 'Direct client contact hours',
      met: false,
      have: 19.9,
      need: 20,
      missing: '0.1 more direct client contact hours approved',
    })
    expect(fellowship.eligible).toBe(false)
    expect(unmet(fellowship)).toEqual(['0.1 more direct client contact hours approved'])
  })

  test('exactly 20 h direct with 20 h indirect: both practicum rows met, eligible', () => {
    const facts = factsWith([...approved('practicum', 10, 120), ...approved('practicum', 10, 120, { practicumContact: 'indirect' })], enoughSupervision())
    const fellowship = evaluate(facts).of(FELLOWSHIP)
    expect(requirement(fellowship, 'practicum:direct')).toMatchObject({ met: true, have: 20, need: 20, missing: null })
    expect(fellowship.eligible).toBe(true)
  })

  test('indirect hours never count as direct: 40 h indirect meets the practicum total only', () => {
    const facts = factsWith(approved('practicum', 20, 120, { practicumContact: 'indirect' }), enoughSupervision())
    const fellowship = evaluate(facts).of(FELLOWSHIP)
    expect(requirement(fellowship, 'practicum').met).toBe(true)
    expect(requirement(fellowship, 'practicum:direct')).toMatchObject({ met: false, have: 0, missing: '20 more direct client contact hours approved' })
    expect(fellowship.eligible).toBe(false)
  })

  test('records logged before categories (null) count toward the totals but toward no category, and the note says so', () => {
    const facts = factsWith(
      [...approved('practicum', 5, 180), ...approved('practicum', 10, 150, NOT_RECORDED)], // 15 h direct, 25 h not recorded
      approved('supervision', 12, 60, NOT_RECORDED),
    )
    const fellowship = evaluate(facts).of(FELLOWSHIP)
    expect(requirement(fellowship, 'practicum')).toMatchObject({ met: true, have: 40 })
    expect(requirement(fellowship, 'practicum:direct')).toMatchObject({
      met: false,
      have: 15,
      missing: '5 more direct client contact hours approved (25 h approved without direct or indirect contact recorded do not count)',
    })
    expect(requirement(fellowship, 'supervision')).toMatchObject({ met: true, have: 12 })
    expect(requirement(fellowship, 'supervision:individual')).toMatchObject({
      met: false,
      have: 0,
      missing:
        '6 more individual supervision hours approved (12 h approved without a type (supervision or consultation, individual or group) recorded do not count)',
    })
    expect(evaluateFacts(facts)).toMatchObject({ uncategorizedPracticumMinutes: 1500, uncategorizedSupervisionMinutes: 720, individualSupervisionMinutes: 0 })
  })

  test('a supervision type without its format is not recorded either', () => {
    const facts = factsWith(enoughPracticum(), approved('supervision', 12, 60, { supervisionType: 'supervision', supervisionFormat: null }))
    expect(evaluateFacts(facts)).toMatchObject({ individualSupervisionMinutes: 0, groupSupervisionMinutes: 0, uncategorizedSupervisionMinutes: 720 })
  })

  test('group supervision and consultation (individual or group) do not count as individual supervision: 5 h 59 min is short', () => {
    const facts = factsWith(enoughPracticum(), [
      ...approved('supervision', 5, 60),
      ...approved('supervision', 1, 59),
      ...approved('supervision', 3, 60, { supervisionFormat: 'group' }),
      ...approved('supervision', 2, 60, { supervisionType: 'consultation', supervisionFormat: 'individual' }),
      ...approved('supervision', 1, 61, { supervisionType: 'consultation', supervisionFormat: 'group' }),
    ])
    const totals = evaluateFacts(facts)
    expect(totals).toMatchObject({ supervisionMinutes: 720, individualSupervisionMinutes: 359, groupSupervisionMinutes: 180, consultationMinutes: 181 })
    const fellowship = evaluate(facts).of(FELLOWSHIP)
    expect(requirement(fellowship, 'supervision')).toMatchObject({ met: true, have: 12 })
    expect(requirement(fellowship, 'supervision:individual')).toMatchObject({
      met: false,
      have: 5.9,
      missing: '0.1 more individual supervision hours approved',
    })
    expect(unmet(fellowship)).toEqual(['0.1 more individual supervision hours approved'])
  })

  test('a program may ask for group supervision and consultation too: each its own row, consultation apart from supervision', () => {
    const program: ProgramRequirements = {
      slug: 'boards',
      title: 'Boards',
      requires: [],
      courses: [],
      experientialSessions: 0,
      sitterSessions: 0,
      practicumHours: 0,
      supervisionHours: 4,
      individualSupervisionHours: 1,
      groupSupervisionHours: 2,
      consultationHours: 1,
    }
    const records = [
      ...approved('supervision', 1, 60),
      ...approved('supervision', 1, 120, { supervisionFormat: 'group' }),
      ...approved('supervision', 1, 60, { supervisionType: 'consultation', supervisionFormat: 'group' }),
    ]
    const [met] = evaluatePrograms([program], { courses: {}, approved: records, clearances: [] })
    expect(met!.eligible).toBe(true)
    expect(met!.requirements.map((r) => [r.key, r.label, r.have, r.need])).toEqual([
      ['supervision', 'Supervision hours', 4, 4],
      ['supervision:individual', 'Individual supervision hours', 1, 1],
      ['supervision:group', 'Group supervision hours', 2, 2],
      ['consultation', 'Consultation hours', 1, 1],
    ])
    // The same hour as group supervision instead of consultation: consultation is short, group more than met.
    const [short] = evaluatePrograms([program], {
      courses: {},
      approved: [...records.slice(0, 2), ...approved('supervision', 1, 60, { supervisionFormat: 'group' })],
      clearances: [],
    })
    expect(short!.eligible).toBe(false)
    expect(unmet(short!)).toEqual(['1 more consultation hour approved'])
  })
})

describe('snapshot (what a certificate keeps)', () => {
  test('counts, hours, completed courses and the approving supervisors, unique and sorted', () => {
    const facts: LearnerFacts = {
      courses: { ...courses(), 'advanced-kap': { title: 'Advanced KAP', completed: 4, total: advancedCourse.lessons.length } },
      approved: [
        ...approved('experiential', 3, 150, { approverName: 'Dr. Maya Reyes' }),
        ...approved('sitter', 2, 180, { approverName: 'Dr. Jonah Lee' }),
        ...approved('practicum', 3, 50, { approverName: 'Alex Adams' }),
        ...approved('supervision', 2, 45, { approverName: null }),
        ...approved('practicum', 1, 10, { approverName: 'Dr. Maya Reyes' }),
      ],
      clearances: [CLEARANCE],
    }
    const { results } = evaluate(facts)
    const expected = {
      experientialSessions: 3,
      sitterSessions: 2,
      practicumHours: 2.7, // 160 min
      supervisionHours: 1.5, // 90 min
      coursesCompleted: ['intro-kap'],
      supervisors: ['Alex Adams', 'Dr. Jonah Lee', 'Dr. Maya Reyes'],
    }
    for (const r of results) expect(r.snapshot).toEqual(expected)
  })

  test('sessions that do not count (no clearance) are not in the snapshot, nor is their approver', () => {
    const facts: LearnerFacts = {
      courses: {},
      approved: [
        ...approved('experiential', 2, 120, { approverName: 'Dr. Maya Reyes' }),
        { kind: 'experiential', occurredOn: '2027-01-10', minutes: 120, approverName: 'Dr. Only Uncleared' },
      ],
      clearances: [CLEARANCE],
    }
    const [first] = evaluate(facts).results
    expect(first!.snapshot.experientialSessions).toBe(2)
    expect(first!.snapshot.supervisors).toEqual(['Dr. Maya Reyes'])
    expect(first!.snapshot.coursesCompleted).toEqual([])
  })

  test('the fellowship snapshot of a complete learner', () => {
    const fellowship = evaluate(fullFacts()).of(FELLOWSHIP)
    expect(fellowship.snapshot).toEqual({
      experientialSessions: 12,
      sitterSessions: 12,
      practicumHours: 40,
      supervisionHours: 12,
      coursesCompleted: ['intro-kap', 'advanced-kap'],
      supervisors: ['Dr. Maya Reyes'],
    })
  })
})

describe('crafted programs', () => {
  const base = { courses: [], experientialSessions: 0, sitterSessions: 0, practicumHours: 0, supervisionHours: 0 }

  test('a requirement on an unknown program is never met', () => {
    const [result] = evaluatePrograms([{ ...base, slug: 'a', title: 'A', requires: ['ghost'] }], { courses: {}, approved: [], clearances: [] })
    expect(result!.eligible).toBe(false)
    expect(result!.requirements).toEqual([{ key: 'program:ghost', label: 'ghost', met: false, have: 0, need: 1, missing: 'ghost first' }])
  })

  test('programs requiring each other end (never eligible) instead of looping', () => {
    const results = evaluatePrograms(
      [
        { ...base, slug: 'a', title: 'A', requires: ['b'] },
        { ...base, slug: 'b', title: 'B', requires: ['a'] },
      ],
      { courses: {}, approved: [], clearances: [] },
    )
    expect(results.map((r) => r.eligible)).toEqual([false, false])
  })

  test('a program with no requirements at all is eligible', () => {
    const [result] = evaluatePrograms([{ ...base, slug: 'open', title: 'Open', requires: [] }], { courses: {}, approved: [], clearances: [] })
    expect(result!.eligible).toBe(true)
    expect(result!.requirements).toEqual([])
  })
})
