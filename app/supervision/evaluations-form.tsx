import { Form, useNavigation } from '@remix-run/react'
import { Fragment, useMemo } from 'react'
import { ChoiceGroup, FormError, TextAreaField } from '#app/components/forms.tsx'
import { useIntentForm, useIntentResult } from '#app/staff/intent-form.ts'
import { valueOf } from '#app/utils/forms.ts'
import { COMMENT_MAX, evaluationFormSchema, fieldNames, type RubricShape } from './evaluations.ts'

/** The rubric's scale, described once above the ratings. */
export function RubricScale({ rubric }: { rubric: RubricShape }) {
  return (
    <section aria-labelledby="scale-heading">
      <h2 id="scale-heading">The scale</h2>
      <dl className="answers">
        {rubric.scale.map((level) => (
          <Fragment key={level.rating}>
            <dt>
              {level.rating} — {level.label}
              {level.rating === rubric.passingRating ? ' (passing)' : ''}
            </dt>
            <dd>{level.description}</dd>
          </Fragment>
        ))}
      </dl>
      <p className="muted small">An evaluation passes when every competency is rated {rubric.passingRating} or above.</p>
    </section>
  )
}

/** Each competency's rating and comment: the form to write an evaluation, and to change it until it is signed. */
export function RatingsForm({
  rubric,
  values,
  version,
  submitLabel,
}: {
  rubric: RubricShape
  values: Record<string, string>
  version: number
  submitLabel: string
}) {
  const navigation = useNavigation()
  const schema = useMemo(() => evaluationFormSchema(rubric), [rubric])
  // Every field has a starting value, so a refused form without JavaScript shows what was typed.
  const blank = Object.fromEntries(rubric.competencies.flatMap((c) => [[fieldNames.comment(c.key), '']]))
  const { register, onSubmit, errorFor, formError } = useIntentForm(schema, 'save', { version: String(version), ...blank, ...values })
  const echoed = useIntentResult('save')?.values
  const chosen = (name: string) => valueOf(echoed, name) ?? values[name]
  const options = rubric.scale.map((l) => ({ value: String(l.rating), label: `${l.rating} — ${l.label}` }))
  return (
    <Form method="post" noValidate onSubmit={onSubmit} aria-labelledby="ratings-heading">
      <h2 id="ratings-heading">Ratings</h2>
      <FormError error={formError ?? errorFor('version')} />
      <input type="hidden" {...register('intent')} />
      <input type="hidden" {...register('version')} />
      {rubric.competencies.map((c) => (
        <section key={c.key} className="competency" aria-labelledby={`competency-${c.key}`}>
          <h3 id={`competency-${c.key}`}>{c.title}</h3>
          <p className="muted small">{c.description}</p>
          <ChoiceGroup
            legend={`Rating for ${c.title}`}
            options={options}
            defaultValue={chosen(fieldNames.rating(c.key))}
            registration={register(fieldNames.rating(c.key))}
            error={errorFor(fieldNames.rating(c.key))}
          />
          <TextAreaField
            label={`Comment on ${c.title}`}
            hint="What you saw, and what would take it further."
            rows={3}
            maxLength={COMMENT_MAX}
            registration={register(fieldNames.comment(c.key))}
            error={errorFor(fieldNames.comment(c.key))}
          />
        </section>
      ))}
      <div className="form-actions">
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {submitLabel}
        </button>
      </div>
    </Form>
  )
}
