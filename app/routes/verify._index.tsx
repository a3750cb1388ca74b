import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { normalizeCode, parseSerial } from '#app/certificates/codes.ts'
import { verifyCredentialDocument, type Verdict } from '#app/certificates/credentials.server.ts'
import { allowCredentialCheck, codeForSerial } from '#app/certificates/verify.server.ts'
import { credentialCheckSchema, parseCredentialText } from '#app/certificates/verify-schema.ts'
import { FormError, TextAreaField } from '#app/components/forms.tsx'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { invalid, parseFormData, readFormData } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Verify a certificate · KAP Fellowship' }]

// A GET form: typing a code (or the printed serial) is a lookup; only the count of serial lookups changes.
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get('code')
  if (typed === null) return { typed: null, error: null }
  const serial = parseSerial(typed)
  if (serial) {
    const found = await codeForSerial(serial, auditContext(request))
    if (!found.ok) return data({ typed, error: found.message }, { status: found.status })
    throw redirect(`/verify/${found.code}`)
  }
  const code = normalizeCode(typed)
  if (!code) return { typed, error: 'Enter the verification code or the serial printed on the certificate.' }
  throw redirect(`/verify/${encodeURIComponent(code)}`)
}

// A POST form: a credential pasted or its file uploaded (multipart, within the site's 64 KB form
// limit — a credential is a few KB), checked offline. Nothing is written.
export async function action({ request }: ActionFunctionArgs) {
  const form = parseFormData(await readFormData(request), credentialCheckSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  let text = form.data.credential
  if (form.data.file) {
    text = await form.data.file.text()
    const parsed = parseCredentialText(text)
    if (!parsed.ok) return invalid({ file: parsed.message }, form.values)
  }
  const parsed = parseCredentialText(text)
  if (!parsed.ok) return invalid({ credential: parsed.message }, form.values)
  const allowed = await allowCredentialCheck(auditContext(request))
  if (!allowed.ok) return invalid({ form: allowed.message }, form.values, 429)
  const verdict = await verifyCredentialDocument(parsed.document)
  return { ok: true as const, verdict, values: form.values }
}

const HEADINGS: Record<Verdict['status'], string> = {
  valid: 'Valid credential',
  revoked: 'Revoked credential',
  expired: 'Expired credential',
  tampered: 'Tampered credential',
  'not-ours': 'Not one of our credentials',
}
const BADGES: Record<Verdict['status'], { className: string; label: string }> = {
  valid: { className: 'valid', label: 'valid' },
  revoked: { className: 'revoked', label: 'revoked' },
  expired: { className: 'expired', label: 'expired' },
  tampered: { className: 'revoked', label: 'tampered' },
  'not-ours': { className: 'expired', label: 'not ours' },
}

function VerdictCard({ verdict }: { verdict: Verdict }) {
  const { formatDate } = useFormat()
  const badge = BADGES[verdict.status]
  return (
    <section className="card" role="status" aria-labelledby="verdict-heading">
      <h2 id="verdict-heading">
        {HEADINGS[verdict.status]} <span className={`badge ${badge.className}`}>{badge.label}</span>
      </h2>
      <p>{verdict.reason}</p>
      {verdict.credential ? (
        <dl className="facts">
          <dt>Achievement</dt>
          <dd>{verdict.credential.name}</dd>
          {verdict.credential.serial ? (
            <>
              <dt>Serial</dt>
              <dd>{verdict.credential.serial}</dd>
            </>
          ) : null}
          <dt>Valid from</dt>
          <dd>{formatDate(verdict.credential.validFrom)}</dd>
          {verdict.credential.validUntil ? (
            <>
              <dt>{verdict.status === 'expired' ? 'Expired' : 'Valid until'}</dt>
              <dd>{formatDate(verdict.credential.validUntil)}</dd>
            </>
          ) : null}
        </dl>
      ) : null}
      {verdict.credential?.code ? (
        <p>
          <Link to={`/verify/${verdict.credential.code}`}>The certificate’s verify page</Link>
        </p>
      ) : null}
    </section>
  )
}

export default function VerifyFormPage() {
  const { typed, error } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const serverResult = actionData && 'errors' in actionData ? actionData : undefined
  const verdict = actionData && 'verdict' in actionData ? actionData.verdict : null
  const { register, onSubmit, errorFor } = useValidatedForm(credentialCheckSchema, { serverResult })
  const { defaultValue: _noDefault, ...fileInput } = register('file')
  const fileError = errorFor('file')
  return (
    <div className="narrow-page">
      <div className="card">
        <h1>Verify a certificate</h1>
        <p>
          Every KAP Fellowship certificate carries a verification code, a link and a serial (such as KAP-2026-000001). Enter the code or the serial to see
          whether the certificate is genuine and still valid.
        </p>
        <Form method="get" noValidate>
          <div className="field">
            <label htmlFor="verify-code">Verification code or serial</label>
            <input
              id="verify-code"
              name="code"
              type="text"
              autoComplete="off"
              spellCheck={false}
              defaultValue={typed ?? ''}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? 'verify-code-error' : undefined}
            />
            {error ? (
              <p className="field-error" id="verify-code-error">
                {error}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            Verify
          </button>
        </Form>
      </div>
      <div className="card">
        <h2>Verify a credential (Open Badges 3.0)</h2>
        <p>
          A certificate’s credential is a signed file (JSON) its holder downloads and shares. Paste it or choose the file: we check the institute’s signature,
          whether anything in it changed, and whether it was revoked or has expired.
        </p>
        <FormError error={serverResult?.errors.form} />
        <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit}>
          <TextAreaField
            label="Credential (paste the JSON)"
            rows={8}
            spellCheck={false}
            defaultValue={typeof actionData?.values?.credential === 'string' ? actionData.values.credential : undefined}
            registration={register('credential')}
            error={errorFor('credential')}
          />
          <div className="field">
            <label htmlFor="verify-credential-file">Or choose the credential file</label>
            <input
              id="verify-credential-file"
              type="file"
              accept=".json,application/json,application/ld+json"
              aria-invalid={fileError ? true : undefined}
              aria-describedby={fileError ? 'verify-credential-file-error' : undefined}
              {...fileInput}
            />
            {fileError ? (
              <p className="field-error" id="verify-credential-file-error">
                {fileError}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button">
            Check credential
          </button>
        </Form>
      </div>
      {verdict ? <VerdictCard verdict={verdict} /> : null}
    </div>
  )
}
