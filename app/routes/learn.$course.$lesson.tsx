import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guard.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { requireLesson } from '#app/curriculum/access.server.ts'
import { attemptSummary, feedbackOf, revealsAnswers } from '#app/curriculum/feedback.ts'
import { grade, questionShapes, type Answers } from '#app/curriculum/grading.ts'
import { knowledgeCheckSchema } from '#app/curriculum/knowledge-check-schema.ts'
import { attemptsFor, recordAttempt } from '#app/curriculum/progress.server.ts'
import { KnowledgeCheck } from '#app/curriculum/knowledge-check.tsx'
import { choiceOrders } from '#app/curriculum/shuffle.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { timeZoneOf } from '#app/utils/time-zone.server.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.lesson.title} · ${data.course.title} · KAP Fellowship` : 'Lesson · KAP Fellowship' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { course, lesson, index, progress, standings } = await requireLesson(request, user, params.course, params.lesson)
  const prev = course.lessons[index - 1]
  const next = course.lessons[index + 1]
  const attempts = await attemptsFor(user.id, course.slug, lesson.slug, 5)
  // The attempt this page is for is the one after those stored: until it is graded, every load (and a
  // refusal for a missing answer) shows its choices in the same order; the next attempt gets a new one.
  const attempt = (standings.find((s) => s.lessonSlug === lesson.slug)?.attempts ?? 0) + 1
  const orders = choiceOrders(
    `${user.id}/${course.slug}/${lesson.slug}`,
    attempt,
    lesson.questions.map((q) => q.choices.length),
  )
  return {
    course: {
      slug: course.slug,
      title: course.title,
      passMark: course.passMark,
      revealAfterFailures: course.revealAfterFailures,
      lessons: course.lessons.length,
    },
    lesson: {
      slug: lesson.slug,
      title: lesson.title,
      order: lesson.order,
      minutes: lesson.minutes,
      objectives: lesson.objectives,
      html: lesson.html,
      headings: lesson.headings,
      // Prompts and choices only, each choice by its id, in this attempt's order: the answers stay on the server until grading.
      questions: lesson.questions.map((q, i) => ({ prompt: q.prompt, choices: orders[i]!.map((id) => ({ id, label: q.choices[id]! })) })),
      shapes: questionShapes(lesson.questions),
    },
    complete: progress.completedLessons.has(lesson.slug),
    // Formatted here: the lesson page's own JavaScript stays as small as it can.
    attempts: attempts.map((a) => ({
      id: a.id,
      correct: a.correct,
      total: a.total,
      passed: a.passed === 1,
      at: formatDateTime(a.created_at, timeZoneOf(user)),
    })),
    prev: prev ? { slug: prev.slug, title: prev.title } : null,
    next: next ? { slug: next.slug, title: next.title } : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { course, lesson } = await requireLesson(request, user, params.course, params.lesson)
  const form = await parseForm(request, knowledgeCheckSchema(questionShapes(lesson.questions)))
  if (!form.ok) return invalid(form.errors, form.values)
  const answers = form.data as Answers
  const graded = grade(lesson.questions, answers, course.passMark)
  const standing = await recordAttempt(user.id, lesson, graded, answers)
  const reveal = revealsAnswers(graded.passed, standing, course.revealAfterFailures)
  return { ok: true as const, graded: feedbackOf(graded, reveal), reveal, summary: attemptSummary(graded, standing), values: form.values }
}

export default function LessonPage() {
  const { course, lesson, complete, attempts, prev, next } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const best = attempts.reduce((max, a) => Math.max(max, a.correct / a.total), 0)
  return (
    <>
      <PageHeader
        title={lesson.title}
        breadcrumbs={[
          { to: '/learn', label: 'Curriculum' },
          { to: `/learn/${course.slug}`, label: course.title },
        ]}
        description={
          <>
            Lesson {lesson.order} of {course.lessons} · about {lesson.minutes} minutes {complete ? <span className="badge approved">✓ Complete</span> : null}
          </>
        }
      />
      <div className="lesson-layout">
        <aside>
          {/* One list, two wrappers: a sticky card beside the text on wide screens, a closed disclosure on phones. */}
          <nav className="card toc toc-wide" aria-labelledby="toc-heading">
            <h2 id="toc-heading" className="small">
              On this page
            </h2>
            <LessonContents headings={lesson.headings} />
          </nav>
          <details className="card toc-narrow">
            <summary>On this page ({lesson.headings.filter((h) => h.depth === 2).length + 2} sections)</summary>
            <nav aria-label="On this page">
              <LessonContents headings={lesson.headings} />
            </nav>
          </details>
        </aside>
        <div>
          <section className="card" id="objectives" aria-labelledby="objectives-heading">
            <h2 id="objectives-heading">Learning objectives</h2>
            <ul>
              {lesson.objectives.map((o) => (
                <li key={o}>{o}</li>
              ))}
            </ul>
          </section>
          <article className="card prose" aria-label={lesson.title} dangerouslySetInnerHTML={{ __html: lesson.html }} />
          <section className="card" id="check" aria-labelledby="check-heading">
            <h2 id="check-heading">Knowledge check</h2>
            <p className="muted">
              Answer {lesson.questions.length} questions; {Math.round(course.passMark * 100)}% passes. You may try again as often as you like — your best score
              counts.
              {attempts.length ? ` Best so far: ${Math.round(best * 100)}%.` : ''} The choices come in a new order each attempt; the correct answers are shown
              once you pass, or after {course.revealAfterFailures === 1 ? 'an attempt that does' : `${course.revealAfterFailures} attempts that do`} not.
            </p>
            <KnowledgeCheck
              key={actionData && 'graded' in actionData ? `graded-${attempts[0]?.id}` : 'form'}
              questions={lesson.questions}
              shapes={lesson.shapes}
              revealAfterFailures={course.revealAfterFailures}
              result={actionData && 'graded' in actionData ? actionData : undefined}
              serverResult={actionData && !('graded' in actionData) ? actionData : undefined}
              retryHref={`/learn/${course.slug}/${lesson.slug}?retry#check`}
            />
            {attempts.length ? (
              <details className="small">
                <summary>Your recent attempts</summary>
                <ul>
                  {attempts.map((a) => (
                    <li key={a.id}>
                      {a.at}: {a.correct} / {a.total} {a.passed ? '— passed' : ''}
                    </li>
                  ))}
                </ul>
              </details>
            ) : null}
          </section>
          <nav className="pagination" aria-label="Lessons">
            {prev ? (
              <Link className="button secondary" to={`/learn/${course.slug}/${prev.slug}`} rel="prev">
                ← {prev.title}
              </Link>
            ) : (
              <span />
            )}
            {next ? (
              <Link className="button secondary" to={`/learn/${course.slug}/${next.slug}`} rel="next">
                {next.title} →
              </Link>
            ) : (
              <Link className="button secondary" to={`/learn/${course.slug}`}>
                Back to the course
              </Link>
            )}
          </nav>
        </div>
      </div>
    </>
  )
}

function LessonContents({ headings }: { headings: { id: string; text: string; depth: number }[] }) {
  return (
    <ol>
      <li>
        <a href="#objectives">Learning objectives</a>
      </li>
      {headings
        .filter((h) => h.depth === 2)
        .map((h) => (
          <li key={h.id}>
            <a href={`#${h.id}`}>{h.text}</a>
          </li>
        ))}
      <li>
        <a href="#check">Knowledge check</a>
      </li>
    </ol>
  )
}
