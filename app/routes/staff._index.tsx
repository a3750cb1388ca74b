import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link } from '@remix-run/react'
import { requirePermission } from '#app/auth/guard.server.ts'

export const meta: MetaFunction = () => [{ title: 'Staff · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'people:manage:any')
  return null
}

const SECTIONS = [
  { to: '/staff/people', title: 'People', text: 'Find anyone; set roles, supervisors, clearances; deactivate accounts.' },
  { to: '/staff/cohorts', title: 'Cohorts', text: 'Group people and follow each member’s progress and eligibility.' },
  { to: '/staff/certificates', title: 'Certificates', text: 'Certificates issued, their status, and revocation.' },
  { to: '/staff/invitations', title: 'Invitations', text: 'Invite people by email and choose their roles.' },
  { to: '/staff/outbox', title: 'Outbox', text: 'Every mail the platform has sent, with its links.' },
  { to: '/staff/reports', title: 'Reports', text: 'Download cohort progress, approved hours and certificates as CSV.' },
  { to: '/staff/audit', title: 'Audit log', text: 'Who did what and when: sign-ins, decisions, changes and exports.' },
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
