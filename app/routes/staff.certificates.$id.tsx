import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { notFound, requirePermission } from '#app/auth/guard.server.ts'
import { certificateById, revokeCertificate, verifyUrl } from '#app/certificates/certificates.server.ts'
import { certificateStatus } from '#app/certificates/codes.ts'
import { CertificateStatusBadge, RequirementsSnapshot, RevocationFields } from '#app/certificates/components.tsx'
import { FormError } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { appOrigin } from '#app/env.server.ts'
import { revokeCertificateSchema } from '#app/staff/schemas.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { positiveId } from '#app/utils/ids.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cert.serial ?? 'Certificate'} · Staff · KAP Fellowship` }]

async function requireCertificate(idParam: string | undefined) {
  const id = positiveId(idParam)
  const cert = id ? await certificateById(id) : undefined
  if (!cert) throw notFound('There is no such certificate.')
  return cert
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'certificate:issue:any')
  const cert = await requireCertificate(params.id)
  return { cert, status: certificateStatus(cert), verifyUrl: verifyUrl(appOrigin(), cert.code) }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requirePermission(request, 'certificate:issue:any')
  const cert = await requireCertificate(params.id)
  const form = await parseForm(request, revokeCertificateSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await revokeCertificate(staff, cert.id, { reason: form.data.reason, showReason: form.data.showReason ?? false }, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, 409)
  return redirectWithFlash(`/staff/certificates/${cert.id}`, 'Certificate revoked. The holder was told by mail; the verify page now says “revoked”.')
}

export default function StaffCertificatePage() {
  const { formatDate, formatDateTime } = useFormat()
  const { cert, status, verifyUrl } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(revokeCertificateSchema, { serverResult: actionData })
  return (
    <>
      <PageHeader
        title={cert.serial}
        breadcrumbs={[
          { to: '/staff', label: 'Staff' },
          { to: '/staff/certificates', label: 'Certificates' },
        ]}
        description={
          <>
            {cert.program_title} · <Link to={`/staff/people/${cert.user_id}`}>{cert.holder_name}</Link> · <CertificateStatusBadge status={status} />
          </>
        }
        actions={
          <div className="row">
            <a className="button" href={`/certificates/${cert.id}/pdf`} download>
              Download PDF
            </a>
            <a className="button secondary" href={verifyUrl}>
              Public verify page
            </a>
          </div>
        }
      />
      <div className="columns">
        <section className="card" aria-labelledby="facts-heading">
          <h2 id="facts-heading">Certificate</h2>
          <dl className="facts">
            <dt>Holder</dt>
            <dd>{cert.holder_name}</dd>
            <dt>Program</dt>
            <dd>{cert.program_title}</dd>
            <dt>Issued</dt>
            <dd>
              {formatDate(cert.issued_at)} by {cert.issuer_name}
            </dd>
            {cert.expires_at ? (
              <>
                <dt>Valid until</dt>
                <dd>{formatDate(cert.expires_at)}</dd>
              </>
            ) : null}
            <dt>Verification</dt>
            <dd className="small">{verifyUrl}</dd>
            {cert.revoked_at ? (
              <>
                <dt>Revoked</dt>
                <dd>
                  {formatDateTime(cert.revoked_at)}: {cert.revocation_reason} {cert.reason_public ? '(reason shown publicly)' : '(reason kept private)'}
                </dd>
              </>
            ) : null}
          </dl>
          <RequirementsSnapshot json={cert.requirements} issuedAt={cert.issued_at} />
        </section>
        {cert.revoked_at ? (
          <section className="card">
            <h2>Revoked</h2>
            <p>This certificate stays on record as revoked. To issue a new one, open the holder’s page.</p>
          </section>
        ) : (
          <section className="card" aria-labelledby="revoke-heading">
            <h2 id="revoke-heading">Revoke</h2>
            <p className="muted small">The certificate is kept, marked revoked with your reason. The holder is told by mail.</p>
            <FormError error={formError} />
            <Form method="post" noValidate onSubmit={onSubmit}>
              <RevocationFields
                reason={register('reason')}
                showReason={register('showReason')}
                errors={{ reason: errorFor('reason'), showReason: errorFor('showReason') }}
                defaultReason={actionData?.values?.reason as string | undefined}
                several={false}
              />
              <button type="submit" className="button danger">
                Revoke certificate
              </button>
            </Form>
          </section>
        )}
      </div>
    </>
  )
}
