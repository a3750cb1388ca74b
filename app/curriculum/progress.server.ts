import { sql } from 'kysely'
import { db, nowIso, writeTransaction } from '#app/db.server.ts'
import { getCatalog, type Catalog, type Course, type Lesson } from './content.server.ts'
import type { AttemptStanding } from './feedback.ts'
import type { Answers, Grade } from './grading.ts'
import { courseProgress, lockReason, type CourseProgress, type LessonStanding } from './progress.ts'

type StandingsByCourse = Map<string, LessonStanding[]>

export function standingsQuery(userIds: number[], courseSlug?: string) {
  let query = db
    .selectFrom('lesson_progress')
    .select(['user_id', 'course_slug', 'lesson_slug', 'best_score', 'attempts', 'completed_at', 'last_attempt_at'])
    .where('user_id', 'in', userIds)
  if (courseSlug) query = query.where('course_slug', '=', courseSlug)
  return query
}

/** Lesson standings of several people at once, by person then course (one query). */
export async function standingsOfMany(userIds: number[], courseSlug?: string): Promise<Map<number, StandingsByCourse>> {
  const result = new Map<number, StandingsByCourse>(userIds.map((id) => [id, new Map()]))
  if (userIds.length === 0) return result
  for (const row of await standingsQuery(userIds, courseSlug).execute()) {
    const byCourse = result.get(row.user_id)!
    const list = byCourse.get(row.course_slug) ?? []
    list.push({
      lessonSlug: row.lesson_slug,
      bestScore: row.best_score,
      attempts: row.attempts,
      completedAt: row.completed_at,
      lastAttemptAt: row.last_attempt_at,
    })
    byCourse.set(row.course_slug, list)
  }
  return result
}

export async function standingsFor(userId: number, courseSlug?: string): Promise<StandingsByCourse> {
  return (await standingsOfMany([userId], courseSlug)).get(userId)!
}

export type CourseStanding = { course: Course; progress: CourseProgress; locked: string | null; standings: LessonStanding[] }

/** Every course with the learner's progress and, when locked, why — from standings already loaded. */
export function coursesFromStandings(standings: StandingsByCourse, catalog: Catalog = getCatalog()): CourseStanding[] {
  const progress = new Map(
    catalog.courses.map((course) => [
      course.slug,
      courseProgress(
        course.lessons.map((l) => l.slug),
        standings.get(course.slug) ?? [],
      ),
    ]),
  )
  const completed = new Set([...progress].filter(([, p]) => p.complete).map(([slug]) => slug))
  const titleOf = (slug: string) => catalog.course(slug)?.title ?? slug
  return catalog.courses.map((course) => ({
    course,
    progress: progress.get(course.slug)!,
    locked: lockReason(course.prerequisites, completed, titleOf),
    standings: standings.get(course.slug) ?? [],
  }))
}

/** Every course with the learner's progress and, when locked, why. */
export async function learnerCourses(userId: number, catalog: Catalog = getCatalog()): Promise<CourseStanding[]> {
  return coursesFromStandings(await standingsFor(userId), catalog)
}

export async function courseStanding(userId: number, courseSlug: string) {
  return (await learnerCourses(userId)).find((c) => c.course.slug === courseSlug)
}

/**
 * Stores the attempt and keeps the best score; the first pass completes the lesson. Answers the
 * standing as it is after this attempt, read in the same transaction (what the feedback may show follows from it).
 */
export async function recordAttempt(userId: number, lesson: Lesson, graded: Grade, answers: Answers): Promise<AttemptStanding> {
  const now = nowIso()
  return writeTransaction(async (trx) => {
    await trx
      .insertInto('quiz_attempts')
      .values({
        user_id: userId,
        course_slug: lesson.courseSlug,
        lesson_slug: lesson.slug,
        correct: graded.correct,
        total: graded.total,
        score: graded.score,
        passed: graded.passed ? 1 : 0,
        answers: JSON.stringify(answers),
        created_at: now,
      })
      .execute()
    await trx
      .insertInto('lesson_progress')
      .values({
        user_id: userId,
        course_slug: lesson.courseSlug,
        lesson_slug: lesson.slug,
        best_score: graded.score,
        attempts: 1,
        completed_at: graded.passed ? now : null,
        last_attempt_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['user_id', 'course_slug', 'lesson_slug']).doUpdateSet({
          best_score: sql`case when excluded.best_score > lesson_progress.best_score then excluded.best_score else lesson_progress.best_score end`,
          attempts: sql`lesson_progress.attempts + 1`,
          completed_at: sql`coalesce(lesson_progress.completed_at, excluded.completed_at)`,
          last_attempt_at: now,
        }),
      )
      .execute()
    const progress = await trx
      .selectFrom('lesson_progress')
      .select(['attempts', 'best_score', 'completed_at'])
      .where('user_id', '=', userId)
      .where('course_slug', '=', lesson.courseSlug)
      .where('lesson_slug', '=', lesson.slug)
      .executeTakeFirstOrThrow()
    const failed = await trx
      .selectFrom('quiz_attempts')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('user_id', '=', userId)
      .where('course_slug', '=', lesson.courseSlug)
      .where('lesson_slug', '=', lesson.slug)
      .where('passed', '=', 0)
      .executeTakeFirstOrThrow()
    return { attempts: progress.attempts, failures: Number(failed.n), bestScore: progress.best_score, completed: progress.completed_at !== null }
  })
}

export async function attemptsFor(userId: number, courseSlug: string, lessonSlug: string, limit = 10) {
  return db
    .selectFrom('quiz_attempts')
    .select(['id', 'correct', 'total', 'score', 'passed', 'created_at'])
    .where('user_id', '=', userId)
    .where('course_slug', '=', courseSlug)
    .where('lesson_slug', '=', lessonSlug)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute()
}
