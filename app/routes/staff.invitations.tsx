import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { ROLES } from '#db/schema.ts'
import { auditContext } from '#app/audit/audit.server.ts'
import { createInvitation, emailTaken } from '#app/auth/accounts.server.ts'
import { requirePermission } from '#app/auth/guard.server.ts'
import { inviteSchema } from '#app/auth/schemas.ts'
import { ChoiceGroup, TextField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { recentInvitations } from '#app/staff/invitations.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Invitations · Staff · KAP Fellowship' }]

const ROLE_OPTIONS = [
  { value: 'trainee', label: 'Trainee — studies the curriculum' },
  { value: 'fellow', label: 'Fellow — also logs sessions and hours' },
  { value: 'supervisor', label: 'Supervisor — reviews fellows’ records' },
  { value: 'staff', label: 'Staff — runs the program' },
] satisfies { value: (typeof ROLES)[number]; label: string }[]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'people:manage:any')
  return { invitations: await recentInvitations() }
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requirePermission(request, 'people:manage:any')
  const form = await parseForm(request, inviteSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  if (await emailTaken(form.data.email)) {
    return invalid({ email: 'Someone with this email already has an account.' }, form.values)
  }
  await createInvitation(form.data, staff.id, auditContext(request))
  return redirectWithFlash('/staff/invitations', `Invitation sent to ${form.data.email}. The link is in the outbox.`)
}

export default function InvitationsPage() {
  const { formatDate } = useFormat()
  const { invitations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor } = useValidatedForm(inviteSchema, {
    serverResult: actionData,
    defaultValues: { roles: [] },
  })
  const values = actionData?.values ?? {}
  return (
    <>
      <PageHeader
        title="Invitations"
        breadcrumbs={[{ to: '/staff', label: 'Staff' }]}
        description="Accounts are invite-only. The person receives a link, valid once for 7 days, to set their name and password."
      />
      <div className="columns">
        <section className="card" aria-labelledby="invite-heading">
          <h2 id="invite-heading">Invite someone</h2>
          <Form method="post" noValidate onSubmit={onSubmit}>
            <TextField
              label="Email"
              type="email"
              autoComplete="off"
              defaultValue={values.email as string | undefined}
              registration={register('email')}
              error={errorFor('email')}
            />
            <ChoiceGroup
              legend="Roles"
              hint="A person may hold several roles; a fellow is usually also a trainee."
              multiple
              options={ROLE_OPTIONS}
              defaultValue={values.roles}
              registration={register('roles')}
              error={errorFor('roles')}
            />
            <button type="submit" className="button">
              Send invitation
            </button>
          </Form>
        </section>
        <section className="card" aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recent invitations</h2>
          {invitations.length === 0 ? (
            <p className="muted">No invitations yet.</p>
          ) : (
            <ul className="plain-list">
              {invitations.map((inv) => (
                <li key={inv.id}>
                  <div className="row spread">
                    <strong>{inv.email}</strong>
                    <span className={`badge ${inv.state === 'accepted' ? 'approved' : inv.state === 'expired' ? 'expired' : 'submitted'}`}>{inv.state}</span>
                  </div>
                  <span className="muted small">
                    {inv.roles.split(',').join(', ')} · sent {formatDate(inv.created_at)}
                    {inv.invited_by ? ` by ${inv.invited_by}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <p className="small">
            <a href="/staff/outbox">Open the outbox</a> to see the mails sent.
          </p>
        </section>
      </div>
    </>
  )
}
