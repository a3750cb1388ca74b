import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { requireOwnCertificate } from '#app/certificates/access.server.ts'
import { verifyUrl } from '#app/certificates/certificates.server.ts'
import { certificateStatus } from '#app/certificates/codes.ts'
import { CertificateStatusBadge, RequirementsSnapshot } from '#app/certificates/components.tsx'
import { linkedInAddToProfileUrl } from '#app/certificates/linkedin.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { appOrigin } from '#app/env.server.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cert.program_title ?? 'Certificate'} · KAP Fellowship` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cert } = await requireOwnCertificate(request, params.id)
  const url = verifyUrl(appOrigin(), cert.code)
  const status = certificateStatus(cert)
  return {
    cert,
    status,
    verifyUrl: url,
    linkedIn:
      status === 'valid'
        ? linkedInAddToProfileUrl({ name: cert.program_title, issuedAt: cert.issued_at, expiresAt: cert.expires_at, certId: cert.serial, certUrl: url })
        : null,
  }
}

export default function CertificatePage() {
  const { formatDate } = useFormat()
  const { cert, status, verifyUrl, linkedIn } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title={cert.program_title}
        breadcrumbs={[{ to: '/certificates', label: 'Certificates' }]}
        description={
          <>
            {cert.serial} · issued {formatDate(cert.issued_at)} · <CertificateStatusBadge status={status} />
          </>
        }
        actions={
          <div className="row">
            <a className="button" href={`/certificates/${cert.id}/pdf`} download>
              Download PDF
            </a>
            <a className="button secondary" href={`/verify/${cert.code}/credential.json`} download>
              Download credential (Open Badges 3.0)
            </a>
            {linkedIn ? (
              <a className="button secondary" href={linkedIn} rel="noopener noreferrer" target="_blank">
                Add to LinkedIn profile
              </a>
            ) : null}
          </div>
        }
      />
      <section className="card">
        <p>
          Anyone can check this certificate at <a href={verifyUrl}>{verifyUrl}</a>.
        </p>
        {/* Under the page's h1: its heading is an h2. */}
        <RequirementsSnapshot json={cert.requirements} issuedAt={cert.issued_at} headingLevel={2} />
      </section>
    </>
  )
}
