import { Form, useNavigation } from '@remix-run/react'
import type { ReactNode } from 'react'
import { z } from 'zod'
import { FormError, TextField } from '#app/components/forms.tsx'
import { useIntentForm } from '#app/staff/intent-form.ts'
import { intentField, versionField } from '#app/utils/hidden-fields.ts'

// Signing by typed name (a learning agreement, a competency evaluation): the person types their
// full name against the version they read; a change since makes the signature stale (409).

export const typedSignatureSchema = z.strictObject({
  intent: intentField('sign'),
  version: versionField,
  signature: z.string({ error: 'Type your full name to sign.' }).trim().min(1, 'Type your full name to sign.').max(200, 'Use at most 200 characters.'),
})

/** The "sign" form: what signing means (`children`), the name field and the button. */
export function TypedSignatureForm({
  heading,
  button,
  version,
  userName,
  children,
}: {
  heading: string
  button: string
  version: number
  userName: string
  children: ReactNode
}) {
  const navigation = useNavigation()
  const { register, onSubmit, errorFor, formError } = useIntentForm(typedSignatureSchema, 'sign', { version: String(version) })
  return (
    <Form method="post" noValidate onSubmit={onSubmit} aria-labelledby="sign-heading" className="card">
      <h2 id="sign-heading">{heading}</h2>
      <p>{children}</p>
      <FormError error={formError ?? errorFor('version')} />
      <input type="hidden" {...register('intent')} />
      <input type="hidden" {...register('version')} />
      <TextField
        label="Your full name, as your signature"
        hint={`As on your account: ${userName}`}
        autoComplete="name"
        maxLength={200}
        registration={register('signature')}
        error={errorFor('signature')}
      />
      <div className="form-actions">
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {button}
        </button>
      </div>
    </Form>
  )
}
