import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { login, throttledMessage } from '#app/auth/accounts.server.ts'
import { requireAnonymous } from '#app/auth/guard.server.ts'
import { loginSchema } from '#app/auth/schemas.ts'
import { sessionCookieHeader } from '#app/auth/session.server.ts'
import { FormError, TextField } from '#app/components/forms.tsx'
import { appOrigin } from '#app/env.server.ts'
import { safeRedirect } from '#app/security/redirect.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Sign in · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAnonymous(request)
  return null
}

export async function action({ request }: ActionFunctionArgs) {
  const form = await parseForm(request, loginSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await login(form.data, auditContext(request))
  if (!result.ok) {
    return result.reason === 'throttled'
      ? invalid({ form: throttledMessage(result.retryAfterMs) }, form.values, 429)
      : invalid({ password: 'The email or password is incorrect.' }, form.values)
  }
  return redirect(safeRedirect(form.data.redirectTo, appOrigin()), {
    headers: { 'Set-Cookie': await sessionCookieHeader(result.token, result.expiresAt) },
  })
}

export default function LoginPage() {
  const actionData = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(loginSchema, { serverResult: actionData })
  const values = actionData?.values ?? {}
  return (
    <div className="narrow-page">
      <div className="card">
        <h1>Sign in</h1>
        <p className="muted">Accounts are by invitation from the institute.</p>
        <FormError error={formError} />
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" name="redirectTo" value={searchParams.get('redirectTo') ?? '/'} />
          <TextField
            label="Email"
            type="email"
            autoComplete="email"
            defaultValue={values.email as string | undefined}
            registration={register('email')}
            error={errorFor('email')}
          />
          <TextField label="Password" type="password" autoComplete="current-password" registration={register('password')} error={errorFor('password')} />
          <div className="form-actions">
            <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
              Sign in
            </button>
            <Link to="/forgot-password">Forgot your password?</Link>
          </div>
        </Form>
      </div>
    </div>
  )
}
