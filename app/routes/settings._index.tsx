import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { changePassword } from '#app/auth/accounts.server.ts'
import { requireUser } from '#app/auth/guard.server.ts'
import { changePasswordSchema } from '#app/auth/schemas.ts'
import { sessionCookieHeader } from '#app/auth/session.server.ts'
import { FormError, NewPasswordFields, TextField } from '#app/components/forms.tsx'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Settings · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { user }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await parseForm(request, changePasswordSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await changePassword(user.id, form.data, auditContext(request))
  if (!result.ok) return invalid({ currentPassword: 'That is not your current password.' }, form.values)
  return redirectWithFlash('/settings', 'Password changed. Your other devices were signed out.', {
    headers: { 'Set-Cookie': await sessionCookieHeader(result.token, result.expiresAt) },
  })
}

export default function SettingsPage() {
  const { user } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(changePasswordSchema, { serverResult: actionData })
  return (
    <>
      <h1>Settings</h1>
      <div className="columns">
        <section className="card" aria-labelledby="account-heading">
          <h2 id="account-heading">Your account</h2>
          <dl className="facts">
            <dt>Name</dt>
            <dd>{user.name}</dd>
            <dt>Email</dt>
            <dd>{user.email}</dd>
            <dt>Roles</dt>
            <dd>{user.roles.join(', ')}</dd>
          </dl>
          <p className="small muted">To change your name, email or roles, ask institute staff.</p>
          <ul>
            <li>
              <Link to="/settings/sessions">Signed-in devices</Link>
            </li>
            <li>
              <Link to="/settings/time-zone">Time zone</Link>
            </li>
            <li>
              <Link to="/settings/notifications">Notification and reminder mails</Link>
            </li>
            {user.roles.includes('supervisor') ? (
              <li>
                <Link to="/settings/license">Professional license</Link>
              </li>
            ) : null}
          </ul>
        </section>
        <section className="card" aria-labelledby="password-heading">
          <h2 id="password-heading">Change password</h2>
          <FormError error={formError} />
          <Form method="post" noValidate onSubmit={onSubmit}>
            <TextField
              label="Current password"
              type="password"
              autoComplete="current-password"
              registration={register('currentPassword')}
              error={errorFor('currentPassword')}
            />
            <NewPasswordFields name="newPassword" register={register} errorFor={errorFor} />
            <button type="submit" className="button">
              Change password
            </button>
          </Form>
        </section>
      </div>
    </>
  )
}
