import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireOwnCertificate } from '#app/certificates/access.server.ts'
import { verifyUrl } from '#app/certificates/certificates.server.ts'
import { certificateStatus } from '#app/certificates/codes.ts'
import { CertificateStatusBadge, RequirementsSnapshot } from '#app/certificates/components.tsx'
import { linkedInAddToProfileUrl } from '#app/certificates/linkedin.ts'
import { appOrigin } from '#app/env.server.ts'
import { formatDate } from '#app/utils/format.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cert.program_title ?? 'Certificate'} · KAP Fellowship` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cert } = await requireOwnCertificate(request, params.id)
  const url = verifyUrl(appOrigin(), cert.code)
  const status = certificateStatus(cert)
  return {
    cert,
    status,
    verifyUrl: url,
    linkedIn: status === 'valid' ? linkedInAddToProfileUrl({ name: cert.program_title, issuedAt: cert.issued_at, expiresAt: cert.expires_at, certId: cert.serial, certUrl: url }) : null,
  }
}

export default function CertificatePage() {
  const { cert, status, verifyUrl, linkedIn } = useLoaderData<typeof loader>()
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/certificates">Certificates</Link> /
      </p>
      <div className="page-header">
        <div>
          <h1>{cert.program_title}</h1>
          <p className="muted">
            {cert.serial} · issued {formatDate(cert.issued_at)} · <CertificateStatusBadge status={status} />
          </p>
        </div>
        <div className="row">
          <a className="button" href={`/certificates/${cert.id}/pdf`} download>
            Download PDF
          </a>
          {linkedIn ? (
            <a className="button secondary" href={linkedIn} rel="noopener noreferrer" target="_blank">
              Add to LinkedIn profile
            </a>
          ) : null}
        </div>
      </div>
      <section className="card">
        <p>
          Anyone can check this certificate at <a href={verifyUrl}>{verifyUrl}</a>.
        </p>
        <RequirementsSnapshot json={cert.requirements} issuedAt={cert.issued_at} />
      </section>
    </>
  )
}
