import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { getSession, requireUser } from '#app/auth/guard.server.ts'
import { invalidateUserSessions, listSessions } from '#app/auth/session.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { db } from '#app/db.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { describeDevice } from '#app/utils/user-agent.ts'
import { intentField } from '#app/utils/hidden-fields.ts'

export const meta: MetaFunction = () => [{ title: 'Signed-in devices · KAP Fellowship' }]

const endSessionSchema = z.discriminatedUnion('intent', [
  z.strictObject({ intent: intentField('end-one'), sessionId: z.string().regex(/^[0-9a-f]{64}$/, 'Unknown session.') }),
  z.strictObject({ intent: intentField('end-others') }),
])

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const current = await getSession(request)
  const sessions = await listSessions(user.id)
  return {
    sessions: sessions.map((s) => ({
      id: s.id,
      device: describeDevice(s.user_agent),
      lastSeen: s.last_seen_at,
      created: s.created_at,
      current: s.id === current?.sessionId,
    })),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const current = await getSession(request)
  const form = await parseForm(request, endSessionSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  if (form.data.intent === 'end-others') {
    await invalidateUserSessions(user.id, { keepSessionId: current?.sessionId })
    return redirectWithFlash('/settings/sessions', 'All your other devices were signed out.')
  }
  if (form.data.sessionId === current?.sessionId) {
    return invalid({ form: 'To end this session, sign out.' })
  }
  // Scoped to the user: another person's session id ends nothing, and says so.
  const ended = await db.deleteFrom('sessions').where('id', '=', form.data.sessionId).where('user_id', '=', user.id).executeTakeFirst()
  if (Number(ended.numDeletedRows) !== 1) return invalid({ form: 'That session does not exist or has already ended.' }, form.values, 409)
  return redirectWithFlash('/settings/sessions', 'That device was signed out.')
}

export default function SessionsPage() {
  const { formatDateTime } = useFormat()
  const { sessions } = useLoaderData<typeof loader>()
  const others = sessions.filter((s) => !s.current)
  return (
    <>
      <PageHeader
        title="Signed-in devices"
        breadcrumbs={[{ to: '/settings', label: 'Settings' }]}
        description="Where your account is signed in. End any session you do not recognise, then change your password."
      />
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Active sessions</caption>
          <thead>
            <tr>
              <th scope="col">Device</th>
              <th scope="col">Last seen</th>
              <th scope="col">Signed in</th>
              <th scope="col">
                <span className="visually-hidden">Action</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id}>
                <td>
                  {s.device} {s.current ? <span className="badge current">this device</span> : null}
                </td>
                <td>{formatDateTime(s.lastSeen)}</td>
                <td>{formatDateTime(s.created)}</td>
                <td>
                  {s.current ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="end-one" />
                      <input type="hidden" name="sessionId" value={s.id} />
                      <button type="submit" className="button secondary small">
                        End session
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {others.length > 0 ? (
        <Form method="post">
          <input type="hidden" name="intent" value="end-others" />
          <button type="submit" className="button danger">
            Sign out all other devices ({others.length})
          </button>
        </Form>
      ) : (
        <p className="muted">No other devices are signed in.</p>
      )}
    </>
  )
}
