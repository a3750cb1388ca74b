import { Form } from '@remix-run/react'
import { TextField } from '#app/components/forms.tsx'
import { useIntentForm, useIntentResult } from '#app/staff/intent-form.ts'
import { formatDate } from '#app/utils/format.ts'
import { LicenseStatusNote } from './license-status.tsx'
import type { License } from './license.ts'
import { lapseLicenseFormSchema, verifyLicenseFormSchema } from './schema.ts'

/** A supervisor's license on their staff page: the details, where it stands, and staff's two findings. */
export function LicenseCard({ license }: { license: License & { checkedByName: string | null } }) {
  const complete = Boolean(license.type && license.number && license.jurisdiction && license.expiresOn)
  return (
    <section className="card" aria-labelledby="license-heading">
      <h2 id="license-heading">Professional license</h2>
      <LicenseStatusNote license={license} audience="staff" />
      {complete ? (
        <>
          <dl className="facts">
            <dt>Type</dt>
            <dd>{license.type}</dd>
            <dt>Number</dt>
            <dd>{license.number}</dd>
            <dt>Jurisdiction</dt>
            <dd>{license.jurisdiction}</dd>
            <dt>Expires</dt>
            <dd>{formatDate(license.expiresOn)}</dd>
          </dl>
          <div className="columns">
            <FindingForm intent="verify-license" label="How you verified it" hint='For example "state board lookup, 2026-11-28".' button="Verify license" />
            <FindingForm
              intent="lapse-license"
              label="Why it lapsed"
              hint="What the board shows, or what the supervisor told you."
              button="Mark lapsed"
              danger
            />
          </div>
        </>
      ) : (
        <p className="muted">The supervisor enters type, number, jurisdiction and expiry under Settings → Professional license; you can verify it then.</p>
      )}
    </section>
  )
}

function FindingForm({
  intent,
  label,
  hint,
  button,
  danger = false,
}: {
  intent: 'verify-license' | 'lapse-license'
  label: string
  hint: string
  button: string
  danger?: boolean
}) {
  const schema = intent === 'verify-license' ? verifyLicenseFormSchema : lapseLicenseFormSchema
  const { register, onSubmit, errorFor } = useIntentForm(schema, intent)
  const values = useIntentResult(intent)?.values ?? {}
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <input type="hidden" {...register('intent')} />
      <TextField label={label} hint={hint} defaultValue={values.note as string} registration={register('note')} error={errorFor('note')} />
      <button type="submit" className={danger ? 'button danger' : 'button secondary'}>
        {button}
      </button>
    </Form>
  )
}
