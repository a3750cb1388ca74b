import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { requestPasswordReset } from '#app/auth/accounts.server.ts'
import { requireAnonymous } from '#app/auth/guard.server.ts'
import { forgotPasswordSchema } from '#app/auth/schemas.ts'
import { FormError, TextField } from '#app/components/forms.tsx'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Forgot your password · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, forgotPasswordSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await requestPasswordReset(form.data.email, auditContext(request))
  if (!result.ok) return invalid({ form: result.message }, form.values, 429)
  // The same answer whether or not the account exists.
  return { ok: true as const, email: form.data.email }
}

export default function ForgotPasswordPage() {
  const actionData = useActionData<typeof action>()
  const serverResult = actionData && !actionData.ok ? actionData : undefined
  const { register, onSubmit, errorFor, formError } = useValidatedForm(forgotPasswordSchema, { serverResult })
  if (actionData?.ok) {
    return (
      <div className="narrow-page card" role="status">
        <h1>Check your email</h1>
        <p>
          If an account exists for <strong>{actionData.email}</strong>, we have sent it a link to choose a new password. The link works once, for one hour.
        </p>
        <p>
          <Link to="/login">Back to sign in</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="narrow-page card">
      <h1>Forgot your password?</h1>
      <p>Enter the email you sign in with, and we will send you a link to choose a new password.</p>
      <FormError error={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <TextField
          label="Email"
          type="email"
          autoComplete="email"
          defaultValue={serverResult?.values?.email as string | undefined}
          registration={register('email')}
          error={errorFor('email')}
        />
        <div className="form-actions">
          <button type="submit" className="button">
            Send the link
          </button>
          <Link to="/login">Back to sign in</Link>
        </div>
      </Form>
    </div>
  )
}
