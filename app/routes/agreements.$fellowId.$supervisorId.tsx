import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData, useNavigation } from '@remix-run/react'
import { Fragment, useMemo } from 'react'
import { auditContext } from '#app/audit/audit.server.ts'
import { forbidden, notFound, requireUser } from '#app/auth/guard.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { FormError, TextAreaField, TextField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { useIntentForm } from '#app/staff/intent-form.ts'
import { TypedSignatureForm, typedSignatureSchema } from '#app/supervision/typed-signature.tsx'
import { AGREEMENT_STATUS_LABELS, agreementFormSchema, agreementStatus, isFullySigned, missingAnswers } from '#app/supervision/agreements.ts'
import { agreementPair, getAgreementTemplate, parseAnswers, roleInPair, saveAgreement, signAgreement } from '#app/supervision/agreements.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { invalid, parseFormData, readFormData } from '#app/utils/forms.server.ts'
import { positiveId } from '#app/utils/ids.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Learning agreement${data ? `: ${data.fellow.name} and ${data.supervisor.name}` : ''} · KAP Fellowship` },
]

/** The pair from the URL, and who the asking person is in it: unknown pair 404, anyone but the pair and staff 403 (logged). */
async function pairFor(request: Request, user: SessionUser, params: LoaderFunctionArgs['params']) {
  const fellowId = positiveId(params.fellowId)
  const supervisorId = positiveId(params.supervisorId)
  const pair = fellowId && supervisorId ? await agreementPair(fellowId, supervisorId) : null
  if (!pair) throw notFound('There is no learning agreement between these two people.')
  const role = roleInPair(user, pair)
  if (!role) throw await forbidden(request, user, 'not a party to this learning agreement', `user:${pair.fellow.id}`)
  return { pair, role }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { pair, role } = await pairFor(request, user, params)
  const template = getAgreementTemplate()
  const a = pair.agreement
  const state = a ? { fellowSignedAt: a.fellow_signed_at, supervisorSignedAt: a.supervisor_signed_at } : null
  const answers = a ? parseAnswers(a) : null
  return {
    role,
    fellow: pair.fellow,
    supervisor: pair.supervisor,
    assigned: pair.assigned,
    userName: user.name,
    template: { title: template.title, introHtml: template.introHtml, fields: template.fields },
    agreement: a
      ? {
          version: a.version,
          answers: answers!,
          updatedAt: a.updated_at,
          fellowSignedName: a.fellow_signed_name,
          fellowSignedAt: a.fellow_signed_at,
          supervisorSignedName: a.supervisor_signed_name,
          supervisorSignedAt: a.supervisor_signed_at,
          signedContentSha256: a.signed_content_sha256,
          templateVersion: a.template_version,
        }
      : null,
    status: agreementStatus(state),
    signed: isFullySigned(state),
    missing: missingAnswers(template.fields, answers),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { pair, role } = await pairFor(request, user, params)
  if (role === 'staff') throw await forbidden(request, user, 'staff read learning agreements, they do not change them', `user:${pair.fellow.id}`)
  const formData = await readFormData(request)
  const here = `/agreements/${pair.fellow.id}/${pair.supervisor.id}`
  const template = getAgreementTemplate()
  if (formData.get('intent') === 'sign') {
    const form = parseFormData(formData, typedSignatureSchema)
    if (!form.ok) return invalid(form.errors, form.values)
    const result = await signAgreement(user, role, pair, form.data.signature, form.data.version, auditContext(request))
    if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
    return redirectWithFlash(
      here,
      result.complete
        ? 'Signed. The agreement is now signed by both of you, and practicum records can be submitted.'
        : `Signed. The agreement now waits for ${role === 'fellow' ? pair.supervisor.name : pair.fellow.name} to sign.`,
    )
  }
  const form = parseFormData(formData, agreementFormSchema(template.fields))
  if (!form.ok) return invalid(form.errors, form.values)
  const answers = Object.fromEntries(template.fields.map((f) => [f.key, String(form.data[f.key] ?? '')]))
  const result = await saveAgreement(user, pair, answers, form.data.version as number, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
  return redirectWithFlash(
    here,
    result.clearedSignatures
      ? 'Saved. The agreement changed after it was signed, so the signatures were cleared: both of you sign it again.'
      : 'Saved. Both of you sign it when it is complete.',
  )
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>

function AgreementForm({ data }: { data: Data }) {
  const navigation = useNavigation()
  const schema = useMemo(() => agreementFormSchema(data.template.fields), [data.template.fields])
  const { register, onSubmit, errorFor, formError } = useIntentForm(schema, 'save', {
    version: String(data.agreement?.version ?? 0),
    ...Object.fromEntries(data.template.fields.map((f) => [f.key, data.agreement?.answers[f.key] ?? ''])),
  })
  const signedOnce = !!(data.agreement?.fellowSignedAt || data.agreement?.supervisorSignedAt)
  return (
    <Form method="post" noValidate onSubmit={onSubmit} aria-labelledby="edit-heading">
      <h2 id="edit-heading">{data.agreement ? 'Edit the agreement' : 'Fill in the agreement'}</h2>
      {signedOnce ? (
        <p className="alert alert-warning" role="note">
          It has been signed once. Saving a change clears the signature, and both of you sign again.
        </p>
      ) : null}
      <FormError error={formError ?? errorFor('version')} />
      <input type="hidden" {...register('intent')} />
      <input type="hidden" {...register('version')} />
      {data.template.fields.map((f) =>
        f.multiline ? (
          <TextAreaField
            key={f.key}
            label={f.label}
            hint={f.help}
            rows={4}
            maxLength={f.maxLength}
            required={f.required}
            registration={register(f.key)}
            error={errorFor(f.key)}
          />
        ) : (
          <TextField
            key={f.key}
            label={f.label}
            hint={f.help}
            maxLength={f.maxLength}
            required={f.required}
            registration={register(f.key)}
            error={errorFor(f.key)}
          />
        ),
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          Save the agreement
        </button>
      </div>
    </Form>
  )
}

function Signature({ who, name, at }: { who: string; name: string | null; at: string | null }) {
  return (
    <>
      <dt>{who}</dt>
      <dd>{at ? `Signed “${name}” on ${formatDateTime(at)}` : 'Not signed yet'}</dd>
    </>
  )
}

export default function AgreementPage() {
  const data = useLoaderData<typeof loader>()
  const { role, fellow, supervisor, template, agreement, status, signed, missing, assigned } = data
  const party = role === 'fellow' || role === 'supervisor' ? role : null
  const mySignature = party === 'fellow' ? agreement?.fellowSignedAt : party === 'supervisor' ? agreement?.supervisorSignedAt : null
  const back =
    role === 'staff'
      ? { to: `/staff/people/${fellow.id}`, label: fellow.name }
      : role === 'supervisor'
        ? { to: `/review/fellows/${fellow.id}`, label: fellow.name }
        : { to: '/', label: 'Dashboard' }
  return (
    <>
      <PageHeader
        title={template.title}
        breadcrumbs={[back]}
        description={
          <>
            Between {fellow.name} (fellow) and {supervisor.name} (supervisor) · <strong>{AGREEMENT_STATUS_LABELS[status]}</strong>
          </>
        }
      />
      <div className="prose muted" dangerouslySetInnerHTML={{ __html: template.introHtml }} />
      {!signed && role === 'fellow' ? (
        <p className="alert alert-info" role="note">
          Until this agreement is signed by both of you, your practicum records cannot be submitted.
        </p>
      ) : null}
      <section className="card" aria-labelledby="text-heading">
        <h2 id="text-heading">The agreement</h2>
        {agreement ? (
          <dl className="answers">
            {template.fields.map((f) => (
              <Fragment key={f.key}>
                <dt>{f.label}</dt>
                <dd className="pre-line">{agreement.answers[f.key]?.trim() || <span className="muted">Not filled in</span>}</dd>
              </Fragment>
            ))}
          </dl>
        ) : (
          <p className="muted">{party ? 'Nothing has been filled in yet.' : 'The fellow and supervisor have not started this agreement yet.'}</p>
        )}
        {agreement ? (
          <dl className="answers">
            <Signature who={`${fellow.name} (fellow)`} name={agreement.fellowSignedName} at={agreement.fellowSignedAt} />
            <Signature who={`${supervisor.name} (supervisor)`} name={agreement.supervisorSignedName} at={agreement.supervisorSignedAt} />
            {agreement.signedContentSha256 ? (
              <>
                <dt>Text as signed (SHA-256)</dt>
                <dd className="small hash">
                  <code>{agreement.signedContentSha256}</code>
                </dd>
              </>
            ) : null}
          </dl>
        ) : null}
      </section>
      {party && assigned && !signed ? (
        <>
          {agreement && !mySignature && missing.length === 0 ? (
            <TypedSignatureForm heading="Sign the agreement" button="Sign" version={agreement.version} userName={data.userName}>
              By typing your name you agree to the text above as it is now. If either of you changes it afterwards, the signatures are cleared and both of you
              sign again.
            </TypedSignatureForm>
          ) : null}
          {agreement && missing.length > 0 ? <p className="muted">Still to fill in before it can be signed: {missing.join(', ')}.</p> : null}
          <section className="card">
            <AgreementForm data={data} />
          </section>
        </>
      ) : null}
      {party && !assigned ? <p className="muted">{supervisor.name} is no longer assigned to this fellow; the agreement is kept as it is.</p> : null}
      {role === 'staff' ? <p className="muted">Staff see the agreement read-only.</p> : null}
      <p>
        <Link to={back.to}>Back to {back.label === 'Dashboard' ? 'your dashboard' : back.label}</Link>
      </p>
    </>
  )
}
