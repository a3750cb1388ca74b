import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { acceptInvitation, findOpenInvitation } from '#app/auth/accounts.server.ts'
import { acceptInvitationSchema } from '#app/auth/schemas.ts'
import { createSession, sessionCookieHeader } from '#app/auth/session.server.ts'
import { FormError, NewPasswordFields, TextField } from '#app/components/forms.tsx'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Accept your invitation · KAP Fellowship' }]

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await findOpenInvitation(params.token ?? '')
  return { invitation: invitation ? { email: invitation.email, roles: invitation.roles } : null }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const form = await parseForm(request, acceptInvitationSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const context = auditContext(request)
  const result = await acceptInvitation(params.token ?? '', form.data, context)
  if (!result.ok) {
    return invalid(
      {
        form:
          result.reason === 'email-taken'
            ? 'An account with this email already exists. Sign in, or use “Forgot your password?”.'
            : 'This invitation has expired or was already used. Ask institute staff for a new one.',
      },
      form.values,
      410,
    )
  }
  const session = await createSession(result.userId, context.userAgent)
  return redirectWithFlash('/', `Welcome, ${form.data.name}. Your account is ready.`, {
    headers: { 'Set-Cookie': await sessionCookieHeader(session.token, session.expiresAt) },
  })
}

export default function AcceptInvitationPage() {
  const { invitation } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(acceptInvitationSchema, { serverResult: actionData })
  if (!invitation) {
    return (
      <div className="narrow-page card">
        <h1>This invitation link no longer works</h1>
        <p>It has expired (links last 7 days), was already used, or was mistyped. Ask institute staff to send a new invitation.</p>
        <p>
          Already set up your account? <Link to="/login">Sign in</Link>.
        </p>
      </div>
    )
  }
  return (
    <div className="narrow-page card">
      <h1>Set up your account</h1>
      <p>
        You were invited as <strong>{invitation.roles.join(', ')}</strong> with the email <strong>{invitation.email}</strong>.
      </p>
      <FormError error={formError} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <TextField
          label="Your full name"
          hint="As it should appear on certificates."
          autoComplete="name"
          defaultValue={actionData?.values?.name as string | undefined}
          registration={register('name')}
          error={errorFor('name')}
        />
        <NewPasswordFields
          name="password"
          label="Password"
          hint="At least 12 characters. A few unrelated words make a strong one."
          register={register}
          errorFor={errorFor}
        />
        <button type="submit" className="button">
          Create my account
        </button>
      </Form>
    </div>
  )
}
