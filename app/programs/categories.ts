// The categories licensing boards count hours in. Plain data in, decision out: eligibility
// and the practicum summary classify a record with the same two functions.
//
// Records logged before the categories existed keep null in their columns: "not recorded".
// They still count toward their kind's overall totals, never toward a category's minimum.

export type SupervisionCategory = 'individual' | 'group' | 'consultation'
export type PracticumCategory = 'direct' | 'indirect'

export type CategoryFields = {
  supervisionType?: 'supervision' | 'consultation' | null
  supervisionFormat?: string | null
  practicumContact?: 'direct' | 'indirect' | null
}

/** Consultation is counted apart whatever its format; supervision by its format; null when not recorded. */
export function supervisionCategory(r: CategoryFields): SupervisionCategory | null {
  if (r.supervisionType === 'consultation') return 'consultation'
  if (r.supervisionType !== 'supervision') return null
  return r.supervisionFormat === 'individual' || r.supervisionFormat === 'group' ? r.supervisionFormat : null
}

export function practicumCategory(r: CategoryFields): PracticumCategory | null {
  return r.practicumContact === 'direct' || r.practicumContact === 'indirect' ? r.practicumContact : null
}

/** The optional per-category minimums a program file may set (hours; 0 or absent: no requirement). */
export type CategoryMinimums = {
  directPracticumHours?: number
  individualSupervisionHours?: number
  groupSupervisionHours?: number
  consultationHours?: number
}

/** The category minimums in words, as a program page and a credential state them. */
export function categoryCriteria(program: CategoryMinimums) {
  const lines: string[] = []
  if (program.directPracticumHours) lines.push(`At least ${program.directPracticumHours} of the approved practicum hours in direct client contact`)
  if (program.individualSupervisionHours) lines.push(`At least ${program.individualSupervisionHours} approved hours of individual supervision`)
  if (program.groupSupervisionHours) lines.push(`At least ${program.groupSupervisionHours} approved hours of group supervision`)
  if (program.consultationHours) lines.push(`At least ${program.consultationHours} approved hours of consultation`)
  return lines
}
