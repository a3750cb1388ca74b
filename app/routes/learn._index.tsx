import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guard.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { ProgressMeter } from '#app/components/progress-meter.tsx'
import { learnerCourses } from '#app/curriculum/progress.server.ts'

export const meta: MetaFunction = () => [{ title: 'Learn · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const courses = await learnerCourses(user.id)
  return {
    courses: courses.map(({ course, progress, locked }) => ({
      slug: course.slug,
      title: course.title,
      summary: course.summary,
      level: course.level,
      lessons: course.lessons.length,
      minutes: course.lessons.reduce((n, l) => n + l.minutes, 0),
      completed: progress.completed,
      inProgress: progress.inProgress,
      complete: progress.complete,
      continueWith: progress.continueWith,
      locked,
    })),
  }
}

export default function LearnPage() {
  const { courses } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title="Curriculum" description="Read each lesson and pass its knowledge check. Passing every check completes the course." />
      <div className="columns">
        {courses.map((course) => (
          <section key={course.slug} className="card" aria-labelledby={`course-${course.slug}`}>
            <div className="row spread">
              <span className="badge">{course.level}</span>
              {course.complete ? <span className="badge approved">Complete</span> : course.locked ? <span className="badge locked">Locked</span> : null}
            </div>
            <h2 id={`course-${course.slug}`}>{course.title}</h2>
            <p>{course.summary}</p>
            <p className="muted small">
              {course.lessons} lessons · about {Math.round(course.minutes / 60)} hours of reading
            </p>
            <ProgressMeter
              label="Lessons complete"
              value={course.completed}
              max={course.lessons}
              detail={course.inProgress ? `(${course.inProgress} check${course.inProgress === 1 ? '' : 's'} not yet passed)` : undefined}
            />
            {course.locked ? (
              <p className="alert alert-warning">
                <strong>Locked.</strong> {course.locked}
              </p>
            ) : (
              <div className="form-actions">
                <Link className="button" to={`/learn/${course.slug}`}>
                  {course.complete ? 'Review the course' : course.completed || course.inProgress ? 'Continue' : 'Start the course'}
                </Link>
              </div>
            )}
          </section>
        ))}
      </div>
    </>
  )
}
