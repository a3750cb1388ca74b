import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/guard.server.ts'
import { certificatesPage } from '#app/certificates/certificates.server.ts'
import { certificateStatus } from '#app/certificates/codes.ts'
import { CertificateStatusBadge } from '#app/certificates/components.tsx'
import { Pager } from '#app/components/pager.tsx'
import { formatDate } from '#app/utils/format.ts'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'

export const meta: MetaFunction = () => [{ title: 'Certificates · Staff · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'certificate:issue:any')
  const url = new URL(request.url)
  const page = pageFrom(url)
  const { rows, prev, next } = pageLinks(await certificatesPage(page), url, page)
  return { certificates: rows.map((c) => ({ ...c, status: certificateStatus(c) })), prev, next }
}

export default function StaffCertificatesPage() {
  const { certificates, prev, next } = useLoaderData<typeof loader>()
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/staff">Staff</Link> /
      </p>
      <div className="page-header">
        <div>
          <h1>Certificates</h1>
          <p className="muted">Issue a certificate from a person’s page once they are eligible. Certificates are never deleted; revoked ones stay on record.</p>
        </div>
      </div>
      {certificates.length === 0 ? (
        <p className="card">No certificates issued yet.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">Certificates issued</caption>
            <thead>
              <tr>
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
      )}
      <Pager prev={prev} next={next} />
    </>
  )
}
