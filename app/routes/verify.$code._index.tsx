import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { certificateByCode } from '#app/certificates/certificates.server.ts'
import { certificateStatus, isWellFormedCode } from '#app/certificates/codes.ts'
import { CertificateStatusBadge } from '#app/certificates/components.tsx'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'

export const meta: MetaFunction = () => [{ title: 'Certificate verification · KAP Fellowship' }, { name: 'robots', content: 'noindex' }]

// Public: no sign-in. Shows only what a certificate itself states.
export async function loader({ params }: LoaderFunctionArgs) {
  const code = params.code ?? ''
  const cert = isWellFormedCode(code) ? await certificateByCode(code) : undefined
  if (!cert) return data({ found: false as const, code: code.slice(0, 60) }, { status: 404 })
  const status = certificateStatus(cert)
  return {
    found: true as const,
    code,
    status,
    holder: cert.holder_name,
    program: cert.program_title,
    serial: cert.serial,
    issuedAt: cert.issued_at,
    expiresAt: cert.expires_at,
    revokedAt: cert.revoked_at,
    reason: cert.reason_public ? cert.revocation_reason : null,
  }
}

export default function VerifyPage() {
  const { formatDate } = useFormat()
  const result = useLoaderData<typeof loader>()
  if (!result.found) {
    return (
      <div className="narrow-page card" role="status">
        <h1>No certificate has this code</h1>
        <p>
          We could not find a KAP Fellowship certificate with the code <code>{result.code}</code>. Check that it was typed exactly as printed.
        </p>
        <p>
          <Link to="/verify">Try another code</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="narrow-page card" role="status">
      <p className="muted small">KAP Fellowship certificate verification</p>
      <h1>
        {result.status === 'valid' ? 'Valid certificate' : result.status === 'revoked' ? 'Revoked certificate' : 'Expired certificate'}{' '}
        <CertificateStatusBadge status={result.status} />
      </h1>
      <dl className="facts">
        <dt>Holder</dt>
        <dd>{result.holder}</dd>
        <dt>Program</dt>
        <dd>{result.program}</dd>
        <dt>Issued</dt>
        <dd>{formatDate(result.issuedAt)}</dd>
        <dt>Serial</dt>
        <dd>{result.serial}</dd>
        {result.expiresAt ? (
          <>
            <dt>{result.status === 'expired' ? 'Expired' : 'Valid until'}</dt>
            <dd>{formatDate(result.expiresAt)}</dd>
          </>
        ) : null}
        {result.revokedAt ? (
          <>
            <dt>Revoked</dt>
            <dd>{formatDate(result.revokedAt)}</dd>
          </>
        ) : null}
        {result.reason ? (
          <>
            <dt>Reason</dt>
            <dd>{result.reason}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a className="button secondary" href={`/verify/${result.code}/credential.json`} download>
          Download credential (Open Badges 3.0)
        </a>
      </p>
      <p className="small muted">
        The credential is signed by the institute: anyone can check it on <Link to="/verify">the verify page</Link> or with any Open Badges 3.0 verifier.
      </p>
    </div>
  )
}
