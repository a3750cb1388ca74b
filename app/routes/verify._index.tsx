import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { normalizeCode } from '#app/certificates/codes.ts'

export const meta: MetaFunction = () => [{ title: 'Verify a certificate · KAP Fellowship' }]

// A GET form: typing a code is a lookup, nothing changes.
export async function loader({ request }: LoaderFunctionArgs) {
  const typed = new URL(request.url).searchParams.get('code')
  if (typed === null) return { typed: null, error: null }
  const code = normalizeCode(typed)
  if (!code) return { typed, error: 'Enter the verification code printed on the certificate.' }
  throw redirect(`/verify/${encodeURIComponent(code)}`)
}

export default function VerifyFormPage() {
  const { typed, error } = useLoaderData<typeof loader>()
  return (
    <div className="narrow-page card">
      <h1>Verify a certificate</h1>
      <p>Every KAP Fellowship certificate carries a verification code and a link. Enter the code to see whether the certificate is genuine and still valid.</p>
      <Form method="get" noValidate>
        <div className="field">
          <label htmlFor="verify-code">Verification code</label>
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
