import { data, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { normalizeCode, parseSerial } from '#app/certificates/codes.ts'
import { codeForSerial } from '#app/certificates/verify.server.ts'

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

export default function VerifyFormPage() {
  const { typed, error } = useLoaderData<typeof loader>()
  return (
    <div className="narrow-page card">
      <h1>Verify a certificate</h1>
      <p>
        Every KAP Fellowship certificate carries a verification code, a link and a serial (such as KAP-2026-000001). Enter the code or the serial to see whether
        the certificate is genuine and still valid.
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
  )
}
