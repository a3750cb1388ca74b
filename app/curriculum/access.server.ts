import { forbidden, notFound } from '#app/auth/guard.server.ts'
import { hasRole } from '#app/auth/permissions.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { getCatalog } from './content.server.ts'
import { courseStanding } from './progress.server.ts'

/**
 * The course (and lesson) named in the URL, if the person may open it: unknown
 * slugs are a 404; a course whose prerequisites are not met is a 403 (logged),
 * except for staff, who may preview everything.
 */
export async function requireCourse(request: Request, user: SessionUser, courseSlug: string | undefined) {
  const course = courseSlug ? getCatalog().course(courseSlug) : undefined
  if (!course) throw notFound('There is no such course.')
  const standing = (await courseStanding(user.id, course.slug))!
  if (standing.locked && !hasRole(user, 'staff')) {
    throw await forbidden(request, user, `course locked: ${standing.locked}`, `course:${course.slug}`)
  }
  return standing
}

export async function requireLesson(request: Request, user: SessionUser, courseSlug?: string, lessonSlug?: string) {
  const standing = await requireCourse(request, user, courseSlug)
  const index = standing.course.lessons.findIndex((l) => l.slug === lessonSlug)
  if (index < 0) throw notFound('There is no such lesson in this course.')
  return { ...standing, lesson: standing.course.lessons[index]!, index }
}
