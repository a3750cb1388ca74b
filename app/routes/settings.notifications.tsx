import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { audit, auditContext } from '#app/audit/audit.server.ts'
import { requireUser } from '#app/auth/guard.server.ts'
import { ChoiceGroup, FormError } from '#app/components/forms.tsx'
import { Breadcrumbs } from '#app/components/page-header.tsx'
import { db, writeTransaction } from '#app/db.server.ts'
import { CADENCE_LABELS, cadenceOf, defaultCadence } from '#app/notifications/preferences.ts'
import { digestSchema, mailCadenceSchema } from '#app/notifications/schema.ts'
import { NOTIFY_MAIL } from '#db/schema.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { readFormData, invalid, parseFormData } from '#app/utils/forms.server.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Notifications · Settings · KAP Fellowship' }]

const CADENCE_SAVED = {
  immediate: 'Saved: you are mailed each time something happens.',
  hourly: 'Saved: you get at most one mail an hour, summarising what happened.',
  daily: 'Saved: you get one summary mail a day.',
} as const

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const row = await db.selectFrom('users').select(['digest_opt_out', 'notify_mail', 'notify_summary_at']).where('id', '=', user.id).executeTakeFirstOrThrow()
  return {
    digestOn: row.digest_opt_out === 0,
    cadence: cadenceOf(row.notify_mail, user.roles),
    chosen: row.notify_mail !== null,
    defaultCadence: defaultCadence(user.roles),
    lastSummaryAt: row.notify_summary_at,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const formData = await readFormData(request)
  // Two forms post here: how often notifications are mailed (intent=mail), and the daily reminders (as it always was).
  if (formData.get('intent') === 'mail') {
    const form = parseFormData(formData, mailCadenceSchema)
    if (!form.ok) return invalid(form.errors, form.values)
    const cadence = form.data.mail
    await writeTransaction(async (trx) => {
      await trx.updateTable('users').set({ notify_mail: cadence }).where('id', '=', user.id).execute()
      await audit(auditContext(request), { actorId: user.id, action: 'notifications.mail', subject: `user:${user.id}`, detail: { cadence } }, trx)
    })
    return redirectWithFlash('/settings/notifications', CADENCE_SAVED[cadence])
  }
  const form = parseFormData(formData, digestSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const optOut = form.data.digest === 'off' ? 1 : 0
  await writeTransaction(async (trx) => {
    await trx.updateTable('users').set({ digest_opt_out: optOut }).where('id', '=', user.id).execute()
    await audit(auditContext(request), { actorId: user.id, action: optOut ? 'digest.off' : 'digest.on', subject: `user:${user.id}` }, trx)
  })
  return redirectWithFlash('/settings/notifications', optOut ? 'Daily reminders are off.' : 'Daily reminders are on.')
}

export default function NotificationSettingsPage() {
  const { digestOn, cadence, chosen, defaultCadence, lastSummaryAt } = useLoaderData<typeof loader>()
  const { formatDateTime } = useFormat()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const mailResult = actionData?.values?.intent === 'mail' ? actionData : undefined
  const digestResult = actionData && actionData.values?.intent !== 'mail' ? actionData : undefined
  const mail = useValidatedForm(mailCadenceSchema, { defaultValues: { intent: 'mail', mail: cadence }, serverResult: mailResult })
  const digest = useValidatedForm(digestSchema, { defaultValues: { intent: 'digest', digest: digestOn ? 'on' : 'off' }, serverResult: digestResult })
  return (
    <>
      <Breadcrumbs trail={[{ to: '/settings', label: 'Settings' }]} current="Notifications" />
      <div className="narrow-page card">
        <h1>Notifications</h1>
        <p>
          What happens to you — a record returned or approved, new records for your review, a co-sitter request, a certificate issued, a license about to expire
          — is listed under <Link to="/notifications">Notifications</Link>. Choose how often it also reaches you by mail.
        </p>
        <Form method="post" noValidate onSubmit={mail.onSubmit} aria-labelledby="mail-heading">
          <h2 id="mail-heading">Notification mail</h2>
          <FormError error={mail.formError ?? mail.errorFor('intent')} />
          <input type="hidden" {...mail.register('intent')} />
          <ChoiceGroup
            legend="Mail me about what happens"
            hint={`${chosen ? 'Your choice.' : `Not chosen yet: ${defaultCadence}, the default for your roles.`} Supervisors start on hourly, everyone else on immediately.`}
            registration={mail.register('mail')}
            error={mail.errorFor('mail')}
            options={NOTIFY_MAIL.map((value) => ({ value, label: CADENCE_LABELS[value] }))}
            defaultValue={mailResult?.values?.mail ?? cadence}
          />
          <p className="muted small">
            {lastSummaryAt ? (
              <>
                Your last summary mail went out on <time dateTime={lastSummaryAt}>{formatDateTime(lastSummaryAt)}</time>.
              </>
            ) : (
              'No summary mail has gone out to you yet.'
            )}
          </p>
          <button type="submit" className="button" disabled={busy}>
            Save mail choice
          </button>
        </Form>
        <hr />
        <Form method="post" noValidate onSubmit={digest.onSubmit} aria-labelledby="digest-heading">
          <h2 id="digest-heading">Daily reminders</h2>
          <p>
            At most once a day, a short mail when something needs you: records waiting over 7 days for your review; your records returned over 7 days ago and
            not resubmitted; nothing logged for 30 days; a license about to expire.
          </p>
          <FormError error={digest.formError ?? digest.errorFor('intent')} />
          <input type="hidden" {...digest.register('intent')} />
          <ChoiceGroup
            legend="Daily reminder mail"
            registration={digest.register('digest')}
            error={digest.errorFor('digest')}
            options={[
              { value: 'on', label: 'On — send me reminders' },
              { value: 'off', label: 'Off — no reminder mails' },
            ]}
            defaultValue={digestResult?.values?.digest ?? (digestOn ? 'on' : 'off')}
          />
          <button type="submit" className="button" disabled={busy}>
            Save reminders
          </button>
        </Form>
      </div>
    </>
  )
}
