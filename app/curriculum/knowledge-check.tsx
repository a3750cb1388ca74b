import { Form, Link, useNavigation } from '@remix-run/react'
import { useEffect, useMemo, useRef } from 'react'
import { ChoiceGroup, FormError } from '#app/components/forms.tsx'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import type { AttemptSummary, Feedback } from './feedback.ts'
import { answerField, type QuestionShape } from './grading.ts'

/** A choice by its id (its place in the content file); the page lists them in this attempt's order. */
type Choice = { id: number; label: string }
type Question = { prompt: string; choices: Choice[] }

type Result = { graded: Feedback; reveal: boolean; summary: AttemptSummary; values: Record<string, string | string[]> }

type Props = {
  questions: Question[]
  shapes: QuestionShape[]
  revealAfterFailures: number
  result?: Result
  serverResult?: { errors?: Record<string, string>; values?: Record<string, string | string[]> }
  retryHref: string
}

/**
 * The check as a plain form: the server grades it; with JavaScript, the same schema checks it first.
 * The schema (and zod with it) is fetched when the check is first validated: a reader who only
 * reads the lesson never loads it.
 */
export function KnowledgeCheck({ questions, shapes, revealAfterFailures, result, serverResult, retryHref }: Props) {
  const schema = useMemo(() => () => import('./knowledge-check-schema.ts').then((m) => m.knowledgeCheckSchema(shapes)), [shapes])
  const navigation = useNavigation()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(schema, { serverResult })

  if (result) return <CheckResult questions={questions} shapes={shapes} revealAfterFailures={revealAfterFailures} result={result} retryHref={retryHref} />

  return (
    // Always posts to the lesson's own URL (no query), so the results page never shares a URL with the
    // "Try again" link (which adds one): without JavaScript, a link differing only by #fragment would just scroll.
    <Form method="post" action="." noValidate onSubmit={onSubmit} preventScrollReset>
      <FormError error={formError} />
      {questions.map((q, i) => {
        const multiple = shapes[i]!.multiple
        const name = answerField(i)
        return (
          <ChoiceGroup
            key={name}
            legend={`${i + 1}. ${q.prompt}`}
            hint={multiple && !/select all/i.test(q.prompt) ? 'Select all that apply.' : undefined}
            multiple={multiple}
            // Each box posts its choice's id, whatever place this attempt shows it in.
            options={q.choices.map((c) => ({ value: String(c.id), label: c.label }))}
            defaultValue={serverResult?.values?.[name]}
            registration={register(name)}
            error={errorFor(name)}
          />
        )
      })}
      <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
        Check my answers
      </button>
    </Form>
  )
}

const TONE: Record<AttemptSummary['outcome'], string> = { passed: 'alert-success', 'pass-stands': 'alert-info', 'not-passed': 'alert-warning' }

function CheckResult({ questions, shapes, revealAfterFailures, result, retryHref }: Omit<Props, 'serverResult' | 'result'> & { result: Result }) {
  const { graded, summary, reveal } = result
  const outcome = useRef<HTMLDivElement>(null)
  // The score is where the eyes are. Without JavaScript the server's page carries `autofocus`, and the
  // browser focuses the score and scrolls to it; with it, the result replaces the form below the fold
  // (the button was at its end), so it is brought to the top of the screen and focused here.
  useEffect(() => {
    const element = outcome.current
    if (!element) return
    element.scrollIntoView({ block: 'start' })
    element.focus({ preventScroll: true })
  }, [])
  return (
    <div>
      <div
        ref={outcome}
        id="check-result"
        tabIndex={-1}
        // eslint-disable-next-line jsx-a11y/no-autofocus -- the result of the learner's own submit, which they are waiting for; without JavaScript only this attribute moves focus to it
        autoFocus
        className={`alert check-result ${TONE[summary.outcome]}`}
        role="status"
      >
        <p>
          <strong>{summary.headline}.</strong> <span className="check-scores">{summary.scores}</span>
        </p>
        <p>
          {summary.next}{' '}
          {reveal
            ? 'The correct answers are shown below.'
            : `The correct answers are shown once you pass, or after ${revealAfterFailures === 1 ? 'an attempt that does' : `${revealAfterFailures} attempts that do`} not.`}
        </p>
      </div>
      <ol className="plain-list">
        {questions.map((q, i) => {
          const r = graded.results[i]!
          const multiple = shapes[i]!.multiple
          return (
            <li key={i} className={`question ${r.correct ? 'correct' : 'incorrect'}`}>
              <p>
                <strong>{q.prompt}</strong>
              </p>
              <p>
                <span className={`badge ${r.correct ? 'approved' : 'returned'}`}>{r.correct ? 'Correct' : 'Incorrect'}</span>
              </p>
              <ChoiceList id={`result-q${i}-chosen`} label={multiple ? 'Your answers' : 'Your answer'} ids={r.chosen} choices={q.choices} multiple={multiple} />
              {r.expected && !r.correct ? (
                <ChoiceList
                  id={`result-q${i}-expected`}
                  label={multiple ? 'Correct answers' : 'Correct answer'}
                  ids={r.expected}
                  choices={q.choices}
                  multiple={multiple}
                />
              ) : null}
              {r.explanation ? <p className="small">{r.explanation}</p> : null}
            </li>
          )
        })}
      </ol>
      <Link className="button secondary" to={retryHref} reloadDocument={false}>
        {graded.passed ? 'Take the check again' : 'Try again'}
      </Link>
    </div>
  )
}

/** The choices a reply names: one answer as a sentence, several as a list (never a string of commas). */
function ChoiceList({ id, label, ids, choices, multiple }: { id: string; label: string; ids: number[]; choices: Choice[]; multiple: boolean }) {
  const labelOf = (choice: number) => choices.find((c) => c.id === choice)?.label ?? '—'
  if (!multiple) {
    return (
      <p className="small">
        <span className="muted">{label}:</span> {ids.length ? labelOf(ids[0]!) : '—'}
      </p>
    )
  }
  return (
    <div className="small">
      <p id={id} className="muted">
        {label}:
      </p>
      {ids.length ? (
        <ul aria-labelledby={id}>
          {ids.map((choice) => (
            <li key={choice}>{labelOf(choice)}</li>
          ))}
        </ul>
      ) : (
        <p>—</p>
      )}
    </div>
  )
}
