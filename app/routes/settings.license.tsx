import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { audit, auditContext } from '#app/audit/audit.server.ts'
import { requireRole } from '#app/auth/guard.server.ts'
import { TextField } from '#app/components/forms.tsx'
import { Breadcrumbs } from '#app/components/page-header.tsx'
import { db, writeTransaction } from '#app/db.server.ts'
import { licenseSchema } from '#app/hours/schema.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Professional license · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'supervisor')
  const license = await db
    .selectFrom('users')
    .select(['license_type as licenseType', 'license_number as licenseNumber', 'license_state as licenseState'])
    .where('id', '=', user.id)
    .executeTakeFirstOrThrow()
  return { license }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'supervisor')
  const form = await parseForm(request, licenseSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  await writeTransaction(async (trx) => {
    await trx
      .updateTable('users')
      .set({ license_type: form.data.licenseType, license_number: form.data.licenseNumber, license_state: form.data.licenseState })
      .where('id', '=', user.id)
      .execute()
    await audit(auditContext(request), { actorId: user.id, action: 'license.update', subject: `user:${user.id}`, detail: form.data }, trx)
  })
  return redirectWithFlash('/settings/license', 'License saved. Your next approvals will carry it.')
}

export default function LicensePage() {
  const { license } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const defaults = { licenseType: license.licenseType ?? '', licenseNumber: license.licenseNumber ?? '', licenseState: license.licenseState ?? '' }
  const { register, onSubmit, errorFor } = useValidatedForm(licenseSchema, { defaultValues: defaults, serverResult: actionData })
  const values = { ...defaults, ...actionData?.values } as Record<string, string>
  return (
    <>
      <Breadcrumbs trail={[{ to: '/settings', label: 'Settings' }]} current="Professional license" />
      <div className="narrow-page card">
        <h1>Professional license</h1>
        <p className="muted">Each record you approve keeps a copy of these details as they are on the day you approve it.</p>
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
          <button type="submit" className="button">
            Save license
          </button>
        </Form>
      </div>
    </>
  )
}
