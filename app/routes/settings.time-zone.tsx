import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { audit, auditContext } from '#app/audit/audit.server.ts'
import { requireUser } from '#app/auth/guard.server.ts'
import { FormError, SelectField } from '#app/components/forms.tsx'
import { Breadcrumbs } from '#app/components/page-header.tsx'
import { writeTransaction } from '#app/db.server.ts'
import { appOrigin } from '#app/env.server.ts'
import { safeRedirect } from '#app/security/redirect.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatterFor } from '#app/utils/format.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { instituteTimeZone } from '#app/utils/time-zone.server.ts'
import { timeZoneNames, timeZoneSchema } from '#app/utils/time-zone.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Time zone · Settings · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const institute = instituteTimeZone()
  const zone = user.timeZone ?? institute
  return { chosen: user.timeZone ?? null, institute, zones: timeZoneNames(), now: formatterFor(zone).formatDateTime(new Date().toISOString()) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await parseForm(request, timeZoneSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const { timeZone, redirectTo } = form.data
  await writeTransaction(async (trx) => {
    await trx.updateTable('users').set({ time_zone: timeZone }).where('id', '=', user.id).execute()
    await audit(auditContext(request), { actorId: user.id, action: 'time_zone.set', subject: `user:${user.id}`, detail: { timeZone } }, trx)
  })
  return redirectWithFlash(safeRedirect(redirectTo, appOrigin(), '/settings/time-zone'), `Time zone saved: ${timeZone}. Dates and times are shown in it.`)
}

export default function TimeZonePage() {
  const { chosen, institute, zones, now } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(timeZoneSchema, {
    defaultValues: { timeZone: chosen ?? institute },
    serverResult: actionData,
  })
  return (
    <>
      <Breadcrumbs trail={[{ to: '/settings', label: 'Settings' }]} current="Time zone" />
      <div className="narrow-page card">
        <h1>Time zone</h1>
        <p>
          Dates and times on every page, in your mails and in your PDFs are shown in your time zone, and a record’s date may be today there but not later.{' '}
          {chosen ? (
            <>
              Yours is <strong>{chosen}</strong>: it is now {now}.
            </>
          ) : (
            <>
              You have not chosen one: you see the institute’s, <strong>{institute}</strong> (it is now {now}).
            </>
          )}
        </p>
        <FormError error={formError} />
        <Form method="post" noValidate onSubmit={onSubmit}>
          <SelectField
            label="Time zone"
            hint="Places are named by a big city in the same zone, e.g. America/Los_Angeles or Europe/Berlin."
            registration={register('timeZone')}
            error={errorFor('timeZone')}
            options={zones.map((zone) => ({ value: zone, label: zone.replaceAll('_', ' ') }))}
          />
          <button type="submit" className="button">
            Save time zone
          </button>
        </Form>
      </div>
    </>
  )
}
