import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guard.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { ProgressMeter } from '#app/components/progress-meter.tsx'
import { requireCourse } from '#app/curriculum/access.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.course.title ?? 'Course'} · KAP Fellowship` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { course, progress, standings, locked } = await requireCourse(request, user, params.course)
  const bestBySlug = new Map(standings.map((s) => [s.lessonSlug, s]))
  return {
    course: { slug: course.slug, title: course.title, level: course.level, overviewHtml: course.overviewHtml, passMark: course.passMark },
    lessons: course.lessons.map((l) => ({
      slug: l.slug,
      title: l.title,
      order: l.order,
      minutes: l.minutes,
      complete: progress.completedLessons.has(l.slug),
      bestScore: bestBySlug.get(l.slug)?.bestScore ?? null,
    })),
    progress: { completed: progress.completed, total: progress.total, complete: progress.complete, continueWith: progress.continueWith },
    previewOnly: locked,
  }
}

export default function CoursePage() {
  const { course, lessons, progress, previewOnly } = useLoaderData<typeof loader>()
  const next = lessons.find((l) => l.slug === progress.continueWith)
  return (
    <>
      <PageHeader
        title={course.title}
        breadcrumbs={[{ to: '/learn', label: 'Curriculum' }]}
        description={`${lessons.length} lessons · pass mark ${Math.round(course.passMark * 100)}% on each knowledge check`}
        actions={
          next ? (
            <Link className="button" to={`/learn/${course.slug}/${next.slug}`}>
              {progress.completed === 0 && !lessons.some((l) => l.bestScore !== null) ? 'Start' : 'Continue'}: {next.title}
            </Link>
          ) : null
        }
      />
      {previewOnly ? <p className="alert alert-info">Staff preview: learners see this course as locked. {previewOnly}</p> : null}
      <div className="lesson-layout">
        <div>
          <section className="card" aria-labelledby="lessons-heading">
            <h2 id="lessons-heading">Lessons</h2>
            <ProgressMeter label="Lessons complete" value={progress.completed} max={progress.total} />
            {progress.complete ? <p className="alert alert-success">You have completed this course.</p> : null}
            <ol className="plain-list">
              {lessons.map((lesson) => (
                <li key={lesson.slug} className="row spread">
                  <span>
                    {lesson.order}. <Link to={`/learn/${course.slug}/${lesson.slug}`}>{lesson.title}</Link>{' '}
                    <span className="muted small">· {lesson.minutes} min</span>
                  </span>
                  {lesson.complete ? (
                    <span className="badge approved">✓ Complete</span>
                  ) : lesson.bestScore !== null ? (
                    <span className="badge returned">Best {Math.round(lesson.bestScore * 100)}% — not yet passed</span>
                  ) : (
                    <span className="badge">Not started</span>
                  )}
                </li>
              ))}
            </ol>
          </section>
          <section className="card prose" aria-label="Course overview" dangerouslySetInnerHTML={{ __html: course.overviewHtml }} />
        </div>
      </div>
    </>
  )
}
