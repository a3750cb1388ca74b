import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { findOpenReset, resetPassword } from '#app/auth/accounts.server.ts'
import { resetPasswordSchema } from '#app/auth/schemas.ts'
import { sessionCookieHeader } from '#app/auth/session.server.ts'
import { FormError, NewPasswordFields } from '#app/components/forms.tsx'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Choose a new password · KAP Fellowship' }]

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await findOpenReset(params.token ?? '')
  return { email: reset?.email ?? null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await parseForm(request, resetPasswordSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const session = await resetPassword(params.token ?? '', form.data.password, auditContext(request))
  if (!session) {
    return invalid({ form: 'This reset link has expired or was already used. Ask for a new one.' }, {}, 410)
  }
  return redirectWithFlash('/', 'Your password was changed. Other devices were signed out.', {
    headers: { 'Set-Cookie': await sessionCookieHeader(session.token, session.expiresAt) },
  })
}

export default function ResetPasswordPage() {
  const { email } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(resetPasswordSchema, { serverResult: actionData })
  if (!email) {
    return (
      <div className="narrow-page card">
        <h1>This reset link no longer works</h1>
        <p>Reset links work once, for one hour.</p>
        <p>
          <Link to="/forgot-password">Ask for a new link</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="narrow-page card">
      <h1>Choose a new password</h1>
      <p>
        For <strong>{email}</strong>.
      </p>
      <FormError error={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <NewPasswordFields name="password" register={register} errorFor={errorFor} />
        <button type="submit" className="button">
          Save the new password
        </button>
      </Form>
    </div>
  )
}
