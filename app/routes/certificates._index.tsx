import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guard.server.ts'
import { certificatesOf } from '#app/certificates/certificates.server.ts'
import { certificateStatus } from '#app/certificates/codes.ts'
import { CertificateStatusBadge } from '#app/certificates/components.tsx'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'

export const meta: MetaFunction = () => [{ title: 'Your certificates · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const certificates = await certificatesOf(user.id)
  return {
    certificates: certificates.map((c) => ({ id: c.id, serial: c.serial, program: c.program_title, issuedAt: c.issued_at, status: certificateStatus(c) })),
  }
}

export default function MyCertificatesPage() {
  const { formatDate } = useFormat()
  const { certificates } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Your certificates</h1>
      {certificates.length === 0 ? (
        <p className="card">
          You have no certificates yet. Staff issue one when you meet every requirement of a program — your <Link to="/">dashboard</Link> shows what is missing.
        </p>
      ) : (
        <ul className="plain-list card">
          {certificates.map((c) => (
            <li key={c.id} className="row spread">
              <span>
                <Link to={`/certificates/${c.id}`}>{c.program}</Link>{' '}
                <span className="muted small">
                  · {c.serial} · issued {formatDate(c.issuedAt)}
                </span>
              </span>
              <CertificateStatusBadge status={c.status} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
