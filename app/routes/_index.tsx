import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guard.server.ts'
import { hasRole } from '#app/auth/permissions.ts'

export const meta: MetaFunction = () => [{ title: 'Dashboard · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { user }
}

export default function Dashboard() {
  const { user } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Welcome, {user.name}</h1>
      <div className="grid">
        {hasRole(user, 'staff') ? (
          <section className="card">
            <h2>Run the program</h2>
            <p>
              <Link to="/staff/invitations">Invite someone</Link> · <Link to="/staff/outbox">Outbox</Link>
            </p>
          </section>
        ) : null}
      </div>
    </>
  )
}
