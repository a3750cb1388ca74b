/** A learner's standing in one lesson, as stored. */
export type LessonStanding = { lessonSlug: string; bestScore: number; attempts: number; completedAt: string | null; lastAttemptAt: string }

export type CourseProgress = {
  total: number
  completed: number
  /** lessons tried at least once but not yet passed */
  inProgress: number
  percent: number
  complete: boolean
  /** where to continue: the last lesson tried and not passed, else the first not complete */
  continueWith: string | null
  completedLessons: Set<string>
}

export function courseProgress(lessonSlugs: string[], standings: LessonStanding[]): CourseProgress {
  const bySlug = new Map(standings.map((s) => [s.lessonSlug, s]))
  const completedLessons = new Set(lessonSlugs.filter((slug) => bySlug.get(slug)?.completedAt))
  const unfinishedTried = standings
    .filter((s) => !s.completedAt && lessonSlugs.includes(s.lessonSlug))
    .sort((a, b) => b.lastAttemptAt.localeCompare(a.lastAttemptAt))
  const completed = completedLessons.size
  const total = lessonSlugs.length
  return {
    total,
    completed,
    inProgress: unfinishedTried.length,
    percent: total === 0 ? 0 : Math.round((completed / total) * 100),
    complete: total > 0 && completed === total,
    continueWith: unfinishedTried[0]?.lessonSlug ?? lessonSlugs.find((slug) => !completedLessons.has(slug)) ?? null,
    completedLessons,
  }
}

/** Why a course is locked (its unmet prerequisites, by title), or null when open. */
export function lockReason(prerequisites: string[], completedCourses: ReadonlySet<string>, titleOf: (slug: string) => string): string | null {
  const missing = prerequisites.filter((slug) => !completedCourses.has(slug))
  if (missing.length === 0) return null
  return `Complete ${missing.map(titleOf).join(' and ')} first.`
}
