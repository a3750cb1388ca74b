import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { requirePermission } from '#app/auth/guard.server.ts'

export const meta: MetaFunction = () => [{ title: 'Staff · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'people:manage:any')
  return null
}

const SECTIONS = [
  { to: '/staff/invitations', title: 'Invitations', text: 'Invite people by email and choose their roles.' },
  { to: '/staff/outbox', title: 'Outbox', text: 'Every mail the platform has sent, with its links.' },
]

export default function StaffHome() {
  return (
    <>
      <h1>Staff</h1>
      <div className="grid">
        {SECTIONS.map((s) => (
          <Link key={s.to} to={s.to} className="card card-link">
            <h2>{s.title}</h2>
            <p className="muted">{s.text}</p>
          </Link>
        ))}
      </div>
    </>
  )
}
