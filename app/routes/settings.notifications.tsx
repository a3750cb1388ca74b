import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { audit, auditContext } from '#app/audit/audit.server.ts'
import { requireUser } from '#app/auth/guard.server.ts'
import { Breadcrumbs } from '#app/components/page-header.tsx'
import { db, writeTransaction } from '#app/db.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Reminders · Settings · KAP Fellowship' }]

const digestSchema = z.strictObject({ digest: z.enum(['on', 'off'], { error: 'Choose on or off.' }) })

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const row = await db.selectFrom('users').select('digest_opt_out').where('id', '=', user.id).executeTakeFirstOrThrow()
  return { digestOn: row.digest_opt_out === 0 }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await parseForm(request, digestSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const optOut = form.data.digest === 'off' ? 1 : 0
  await writeTransaction(async (trx) => {
    await trx.updateTable('users').set({ digest_opt_out: optOut }).where('id', '=', user.id).execute()
    await audit(auditContext(request), { actorId: user.id, action: optOut ? 'digest.off' : 'digest.on', subject: `user:${user.id}` }, trx)
  })
  return redirectWithFlash('/settings/notifications', optOut ? 'Daily reminders are off.' : 'Daily reminders are on.')
}

export default function NotificationsPage() {
  const { digestOn } = useLoaderData<typeof loader>()
  return (
    <>
      <Breadcrumbs trail={[{ to: '/settings', label: 'Settings' }]} current="Reminders" />
      <div className="narrow-page card">
        <h1>Reminders</h1>
        <p>
          At most once a day, a short mail when something needs you: records waiting over 7 days for your review; your records returned over 7 days ago and not
          resubmitted; or nothing logged for 30 days.
        </p>
        <Form method="post">
          <fieldset className="field">
            <legend>Daily reminder mail</legend>
            <label className="choice">
              <input type="radio" name="digest" value="on" defaultChecked={digestOn} />
              <span>On — send me reminders</span>
            </label>
            <label className="choice">
              <input type="radio" name="digest" value="off" defaultChecked={!digestOn} />
              <span>Off — no reminder mails</span>
            </label>
          </fieldset>
          <button type="submit" className="button">
            Save
          </button>
        </Form>
      </div>
    </>
  )
}
