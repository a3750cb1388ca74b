import { Form, Link, useNavigation } from '@remix-run/react'
import { useMemo } from 'react'
import { ChoiceGroup, FormError } from '#app/components/forms.tsx'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { answerField, knowledgeCheckSchema, type Grade, type QuestionShape } from './grading.ts'

type Props = {
  questions: { prompt: string; choices: string[] }[]
  shapes: QuestionShape[]
  result?: { graded: Grade; values: Record<string, string | string[]> }
  serverResult?: { errors?: Record<string, string>; values?: Record<string, string | string[]> }
  retryHref: string
}

/** The check as a plain form: the server grades it; with JavaScript, the same schema checks it first. */
export function KnowledgeCheck({ questions, shapes, result, serverResult, retryHref }: Props) {
  const schema = useMemo(() => knowledgeCheckSchema(shapes), [shapes])
  const navigation = useNavigation()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(schema, { serverResult })

  if (result) {
    const { graded } = result
    return (
      <div>
        <div className={`alert ${graded.passed ? 'alert-success' : 'alert-warning'}`} role="status">
          <strong>
            {graded.passed ? 'Passed' : 'Not passed yet'}: {graded.correct} of {graded.total} correct ({Math.round(graded.score * 100)}%).
          </strong>{' '}
          {graded.passed ? 'This lesson is complete.' : 'Read the explanations below, then try again.'}
        </div>
        <ol className="plain-list">
          {questions.map((q, i) => {
            const r = graded.results[i]!
            return (
              <li key={i} className={`question ${r.correct ? 'correct' : 'incorrect'}`}>
                <p>
                  <strong>{q.prompt}</strong>
                </p>
                <p>
                  <span className={`badge ${r.correct ? 'approved' : 'returned'}`}>{r.correct ? 'Correct' : 'Incorrect'}</span>{' '}
                  <span className="muted small">Your answer: {r.chosen.map((c) => q.choices[c]).join('; ') || '—'}</span>
                </p>
                <p className="small">{r.explanation}</p>
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
            options={q.choices.map((label, value) => ({ value: String(value), label }))}
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
