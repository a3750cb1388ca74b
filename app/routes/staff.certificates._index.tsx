import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { requirePermission } from '#app/auth/guard.server.ts'
import { certificatesPage, expiringCertificates, revokeCertificates } from '#app/certificates/certificates.server.ts'
import { certificateStatus } from '#app/certificates/codes.ts'
import { CertificateStatusBadge, RevocationFields } from '#app/certificates/components.tsx'
import { FormError } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Pager } from '#app/components/pager.tsx'
import { bulkRevokeSchema } from '#app/staff/schemas.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Certificates · Staff · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'certificate:issue:any')
  const url = new URL(request.url)
  const page = pageFrom(url)
  const [rows, expiring] = await Promise.all([certificatesPage(page), expiringCertificates(90)])
  const { rows: certificates, prev, next } = pageLinks(rows, url, page)
  return { certificates: certificates.map((c) => ({ ...c, status: certificateStatus(c) })), expiring, prev, next }
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requirePermission(request, 'certificate:issue:any')
  const form = await parseForm(request, bulkRevokeSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await revokeCertificates(
    staff,
    form.data.selected,
    { reason: form.data.reason, showReason: form.data.showReason ?? false },
    auditContext(request),
  )
  if (!result.ok) return invalid({ form: result.message }, form.values, 409)
  return redirectWithFlash('/staff/certificates', `${result.count} certificate${result.count === 1 ? '' : 's'} revoked; each holder was told by mail.`)
}

export default function StaffCertificatesPage() {
  const { formatDate } = useFormat()
  const { certificates, expiring, prev, next } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(bulkRevokeSchema, {
    serverResult: actionData,
    defaultValues: { intent: 'revoke-selected', selected: [] },
  })
  const revocable = certificates.filter((c) => c.status !== 'revoked')
  return (
    <>
      <PageHeader
        title="Certificates"
        breadcrumbs={[{ to: '/staff', label: 'Staff' }]}
        description="Issue a certificate from a person’s page once they are eligible. Certificates are never deleted; revoked ones stay on record."
      />

      <section className="card" aria-labelledby="expiring-heading">
        <h2 id="expiring-heading">Expiring within 90 days</h2>
        {expiring.length === 0 ? (
          <p className="muted">No valid certificate expires in the next 90 days.</p>
        ) : (
          <ul className="plain-list">
            {expiring.map((c) => (
              <li key={c.id} className="row spread">
                <span>
                  <Link to={`/staff/people/${c.user_id}`}>{c.holder_name}</Link> · {c.program_title} ·{' '}
                  <Link to={`/staff/certificates/${c.id}`}>{c.serial}</Link>
                </span>
                <span className="badge expired">expires {formatDate(c.expires_at)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      {certificates.length === 0 ? (
        <p className="card">No certificates issued yet.</p>
      ) : (
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" {...register('intent')} />
          <FormError error={formError ?? errorFor('selected')} />
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Certificates issued</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Select</span>
                  </th>
                  <th scope="col">Serial</th>
                  <th scope="col">Holder</th>
                  <th scope="col">Program</th>
                  <th scope="col">Issued</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {certificates.map((c) => (
                  <tr key={c.id}>
                    <td>
                      {c.status !== 'revoked' ? (
                        <input type="checkbox" value={String(c.id)} aria-label={`Select ${c.serial} (${c.holder_name})`} {...register('selected')} />
                      ) : null}
                    </td>
                    <td>
                      <Link to={`/staff/certificates/${c.id}`}>{c.serial}</Link>
                    </td>
                    <td>
                      <Link to={`/staff/people/${c.user_id}`}>{c.holder_name}</Link>
                    </td>
                    <td>{c.program_title}</td>
                    <td>{formatDate(c.issued_at)}</td>
                    <td>
                      <CertificateStatusBadge status={c.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {revocable.length ? (
            <details className="card" open={Boolean(actionData)}>
              <summary>Revoke the selected certificates</summary>
              <p className="muted small">
                All of them or none. Each is kept, marked revoked with this reason, written to the audit log, and its holder is told by mail.
              </p>
              <RevocationFields
                reason={register('reason')}
                showReason={register('showReason')}
                errors={{ reason: errorFor('reason'), showReason: errorFor('showReason') }}
                defaultReason={actionData?.values?.reason as string | undefined}
                several={true}
              />
              <button type="submit" className="button danger">
                Revoke selected
              </button>
            </details>
          ) : null}
        </Form>
      )}
      <Pager prev={prev} next={next} />
    </>
  )
}
