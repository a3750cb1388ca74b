import { useMemo } from 'react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { requireRole } from '#app/auth/guard.server.ts'
import { TextField } from '#app/components/forms.tsx'
import { Breadcrumbs } from '#app/components/page-header.tsx'
import { DocumentList } from '#app/documents/components.tsx'
import { documentSummaries } from '#app/documents/documents.server.ts'
import { LicenseStatusNote } from '#app/supervision/license-status.tsx'
import { licenseOf, saveOwnLicense } from '#app/supervision/license.server.ts'
import { licenseSchemaIn } from '#app/supervision/schema.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { timeZoneOf } from '#app/utils/time-zone.server.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'

export const meta: MetaFunction = () => [{ title: 'Professional license · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'supervisor')
  return { license: (await licenseOf(user.id))!, proofs: await documentSummaries({ ownerId: user.id, kind: 'license_proof' }) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'supervisor')
  const form = await parseForm(request, licenseSchemaIn(timeZoneOf(user)))
  if (!form.ok) return invalid(form.errors, form.values)
  const saved = await saveOwnLicense(user.id, form.data, auditContext(request))
  return redirectWithFlash(
    '/settings/license',
    saved.changed
      ? 'License saved. Institute staff will verify it; until then you cannot approve records.'
      : `Nothing changed: the license on file is the same${saved.status === 'verified' ? ' and stays verified' : ''}.`,
  )
}

export default function LicensePage() {
  const { license, proofs } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { timeZone } = useFormat()
  const schema = useMemo(() => licenseSchemaIn(timeZone), [timeZone])
  const defaults = {
    licenseType: license.type ?? '',
    licenseNumber: license.number ?? '',
    licenseState: license.jurisdiction ?? '',
    licenseExpiresOn: license.expiresOn ?? '',
  }
  const { register, onSubmit, errorFor } = useValidatedForm(schema, { defaultValues: defaults, serverResult: actionData })
  const values = { ...defaults, ...actionData?.values } as Record<string, string>
  return (
    <>
      <Breadcrumbs trail={[{ to: '/settings', label: 'Settings' }]} current="Professional license" />
      <div className="narrow-page card">
        <h1>Professional license</h1>
        <LicenseStatusNote license={license} audience="self" />
        <p className="muted">
          Each record you approve keeps a copy of this license as it is on the day you approve it. Changing it sends it back to institute staff to verify.
        </p>
        <Form method="post" noValidate onSubmit={onSubmit}>
          <TextField
            label="License type"
            hint="For example LMFT, LPCC, LCSW, PsyD, MD."
            defaultValue={values.licenseType}
            registration={register('licenseType')}
            error={errorFor('licenseType')}
          />
          <TextField label="License number" defaultValue={values.licenseNumber} registration={register('licenseNumber')} error={errorFor('licenseNumber')} />
          <TextField
            label="State or jurisdiction"
            hint="For example CA."
            defaultValue={values.licenseState}
            registration={register('licenseState')}
            error={errorFor('licenseState')}
          />
          <TextField
            label="Expiry date"
            type="date"
            hint="As printed on the license."
            defaultValue={values.licenseExpiresOn}
            registration={register('licenseExpiresOn')}
            error={errorFor('licenseExpiresOn')}
          />
          <button type="submit" className="button">
            Save license
          </button>
        </Form>
        <h2>Proof</h2>
        <p className="muted">A copy of the license, or the board’s lookup page saved as a PDF: what staff open to verify it.</p>
        <DocumentList documents={proofs} empty="No proof uploaded yet." />
        <p>
          <Link className="button secondary" to="/settings/license-proof">
            Upload proof
          </Link>
        </p>
      </div>
    </>
  )
}
