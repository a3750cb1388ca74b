import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { Fragment } from 'react'
import { auditContext } from '#app/audit/audit.server.ts'
import { forbidden, notFound, requireUser } from '#app/auth/guard.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { FormError, TextAreaField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { useIntentForm } from '#app/staff/intent-form.ts'
import { TypedSignatureForm, typedSignatureSchema } from '#app/supervision/typed-signature.tsx'
import {
  belowThreshold,
  evaluationAcknowledgeSchema,
  evaluationFormSchema,
  formValuesFromRatings,
  RESPONSE_MAX,
  ratingsFromForm,
  STAGE_LABELS,
} from '#app/supervision/evaluations.ts'
import {
  acknowledgeEvaluation,
  evaluationById,
  getRubric,
  ratingsOf,
  signEvaluation,
  updateEvaluation,
  type EvaluationRow,
} from '#app/supervision/evaluations.server.ts'
import { RatingsForm, RubricScale } from '#app/supervision/evaluations-form.tsx'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { invalid, parseFormData, readFormData } from '#app/utils/forms.server.ts'
import { positiveId } from '#app/utils/ids.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.stageLabel} of ${data.evaluation.fellowName}` : 'Evaluation'} · KAP Fellowship` },
]

/**
 * The evaluation and who is asking: its supervisor (writes and signs it), its fellow (reads it once
 * signed, acknowledges it), staff (read it). Unknown, or a draft asked for by its fellow: 404; anyone else 403 (logged).
 */
async function evaluationFor(request: Request, user: SessionUser, idParam: string | undefined) {
  const id = positiveId(idParam)
  const evaluation = id ? await evaluationById(id) : undefined
  if (!evaluation) throw notFound('There is no such evaluation.')
  if (user.id === evaluation.supervisor_id && user.roles.includes('supervisor')) return { evaluation, role: 'supervisor' as const }
  if (user.id === evaluation.fellow_id && user.roles.includes('fellow')) {
    if (!evaluation.signed_at) throw notFound('Your supervisor has not signed this evaluation yet; you will see it once they have.')
    return { evaluation, role: 'fellow' as const }
  }
  if (user.roles.includes('staff')) return { evaluation, role: 'staff' as const }
  throw await forbidden(request, user, 'not the supervisor or fellow of this evaluation', `evaluation:${evaluation.id}`)
}

function view(e: EvaluationRow) {
  return {
    id: e.id,
    stage: e.stage,
    fellowId: e.fellow_id,
    fellowName: e.fellow_name,
    supervisorName: e.supervisor_name,
    version: e.version,
    ratings: ratingsOf(e),
    rubricVersion: e.rubric_version,
    signedName: e.signed_name,
    signedAt: e.signed_at,
    signedContentSha256: e.signed_content_sha256,
    passed: e.passed === null ? null : e.passed === 1,
    acknowledgedAt: e.acknowledged_at,
    fellowResponse: e.fellow_response,
    updatedAt: e.updated_at,
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { evaluation, role } = await evaluationFor(request, user, params.id)
  const rubric = getRubric()
  const ratings = ratingsOf(evaluation)
  return {
    role,
    userName: user.name,
    stageLabel: STAGE_LABELS[evaluation.stage],
    evaluation: view(evaluation),
    below: belowThreshold(rubric, ratings),
    formValues: formValuesFromRatings(rubric, ratings),
    rubric: { title: rubric.title, passingRating: rubric.passingRating, scale: rubric.scale, competencies: rubric.competencies },
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { evaluation, role } = await evaluationFor(request, user, params.id)
  const here = `/evaluations/${evaluation.id}`
  const formData = await readFormData(request)
  const intent = formData.get('intent')
  if (role === 'staff') throw await forbidden(request, user, 'staff read evaluations, they do not change them', `evaluation:${evaluation.id}`)
  if (role === 'fellow') {
    const form = parseFormData(formData, evaluationAcknowledgeSchema)
    if (!form.ok) return invalid(form.errors, form.values)
    const result = await acknowledgeEvaluation(user, evaluation, form.data.response, form.data.version, auditContext(request))
    if (!result.ok) return invalid({ [result.field]: result.message }, form.values, 409)
    return redirectWithFlash(here, form.data.response.trim() ? 'Acknowledged, with your response.' : 'Acknowledged.')
  }
  if (intent === 'sign') {
    const form = parseFormData(formData, typedSignatureSchema)
    if (!form.ok) return invalid(form.errors, form.values)
    const result = await signEvaluation(user, evaluation, form.data.signature, form.data.version, auditContext(request))
    if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
    return redirectWithFlash(
      here,
      `Signed: ${result.passed ? 'a passing evaluation' : 'not yet passing'}. ${evaluation.fellow_name} can now read it and acknowledge it.`,
    )
  }
  const rubric = getRubric()
  const form = parseFormData(formData, evaluationFormSchema(rubric))
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await updateEvaluation(user, evaluation, ratingsFromForm(rubric, form.data), form.data.version as number, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, 409)
  return redirectWithFlash(here, 'Saved. Sign it when it is final.')
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function AcknowledgeForm({ data }: { data: Data }) {
  const navigation = useNavigation()
  const { register, onSubmit, errorFor, formError } = useIntentForm(evaluationAcknowledgeSchema, 'acknowledge', {
    version: String(data.evaluation.version),
    response: '',
  })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} className="card" aria-labelledby="ack-heading">
      <h2 id="ack-heading">Acknowledge</h2>
      <p>Acknowledging says you have read it; it does not say you agree. Add your response if you wish: it is kept with the evaluation.</p>
      <FormError error={formError ?? errorFor('version')} />
      <input type="hidden" {...register('intent')} />
      <input type="hidden" {...register('version')} />
      <TextAreaField label="Your response (optional)" rows={4} maxLength={RESPONSE_MAX} registration={register('response')} error={errorFor('response')} />
      <div className="form-actions">
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          Acknowledge
        </button>
      </div>
    </Form>
  )
}

export default function EvaluationPage() {
  const data = useLoaderData<typeof loader>()
  const { role, evaluation: e, stageLabel, rubric } = data
  const scaleLabel = (rating: number) => rubric.scale.find((l) => l.rating === rating)?.label ?? String(rating)
  const back =
    role === 'staff'
      ? { to: `/staff/people/${e.fellowId}`, label: e.fellowName }
      : role === 'supervisor'
        ? { to: `/review/fellows/${e.fellowId}`, label: e.fellowName }
        : { to: '/', label: 'Dashboard' }
  const editable = role === 'supervisor' && !e.signedAt
  return (
    <>
      <PageHeader
        title={`${stageLabel} of ${e.fellowName}`}
        breadcrumbs={[back]}
        description={
          <>
            By {e.supervisorName} · {rubric.title} ·{' '}
            <strong>
              {e.signedAt
                ? `Signed ${formatDateTime(e.signedAt)}: ${e.passed ? 'passing' : 'not yet passing'}`
                : 'Not signed yet (only the supervisor and staff see it)'}
            </strong>
          </>
        }
      />
      {editable ? (
        <>
          <TypedSignatureForm heading="Sign the evaluation" button="Sign the evaluation" version={data.evaluation.version} userName={data.userName}>
            {data.below.length
              ? `As it stands it does not pass: ${data.below.join(', ')} ${data.below.length === 1 ? 'is' : 'are'} below ${data.rubric.passingRating}.`
              : 'As it stands it passes: every competency is at the passing rating or above.'}{' '}
            Once signed it can no longer be changed, and {data.evaluation.fellowName} can read it.
          </TypedSignatureForm>
          <section className="card">
            <RubricScale rubric={rubric} />
          </section>
          <section className="card">
            <RatingsForm rubric={rubric} values={data.formValues} version={e.version} submitLabel="Save changes" />
          </section>
        </>
      ) : (
        <section className="card" aria-labelledby="ratings-heading">
          <h2 id="ratings-heading">Ratings</h2>
          <dl className="answers">
            {rubric.competencies.map((c) => {
              const r = e.ratings[c.key]
              return (
                <Fragment key={c.key}>
                  <dt>
                    {c.title}: {r ? `${r.rating} — ${scaleLabel(r.rating)}` : 'not rated'}
                    {r && r.rating < rubric.passingRating ? ' (below the passing rating)' : ''}
                  </dt>
                  <dd className="pre-line">{r?.comment}</dd>
                </Fragment>
              )
            })}
          </dl>
          <p className="muted small">
            Passing rating: {rubric.passingRating} ({scaleLabel(rubric.passingRating)}) on every competency.
          </p>
        </section>
      )}
      {e.signedAt ? (
        <section className="card" aria-labelledby="signatures-heading">
          <h2 id="signatures-heading">Signature and acknowledgement</h2>
          <dl className="answers">
            <dt>Signed by the supervisor</dt>
            <dd>
              “{e.signedName}” on {formatDateTime(e.signedAt)}
            </dd>
            <dt>Content as signed (SHA-256)</dt>
            <dd className="small hash">
              <code>{e.signedContentSha256}</code>
            </dd>
            <dt>Acknowledged by the fellow</dt>
            <dd>{e.acknowledgedAt ? formatDateTime(e.acknowledgedAt) : 'Not yet'}</dd>
            {e.fellowResponse ? (
              <>
                <dt>The fellow’s response</dt>
                <dd className="pre-line">{e.fellowResponse}</dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}
      {role === 'fellow' && !e.acknowledgedAt ? <AcknowledgeForm data={data} /> : null}
      <p>
        <Link to={back.to}>Back to {role === 'fellow' ? 'your dashboard' : back.label}</Link>
      </p>
    </>
  )
}
