import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { notFound, requireRole } from '#app/auth/guard.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { FormError } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { attendeeChoices, cancelItem, ownItem, planFormValues, updateItem } from '#app/calendar/calendar.server.ts'
import { PLANNED_LABELS } from '#app/calendar/labels.ts'
import { PlanForm } from '#app/calendar/plan-form.tsx'
import { changeBlocker } from '#app/calendar/rules.ts'
import { cancelSchema, planSchemaFor } from '#app/calendar/schema.ts'
import { dayHeading, utcToZoned, zoneAbbreviation } from '#app/calendar/zones.ts'
import { codeFormats } from '#app/hours/code-formats.server.ts'
import { coSitterChoices } from '#app/hours/workflow.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseFormData, readFormData } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Planned session · KAP Fellowship' }]

/** The owner's item, or a 404 for anyone else (and for ids that are not ids). */
async function requireOwnItem(user: SessionUser, id: string | undefined) {
  const item = id && /^\d{1,9}$/.test(id) ? await ownItem(user, Number(id)) : null
  if (!item) throw notFound('There is no such planned session or meeting.')
  return item
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['fellow', 'supervisor'])
  const item = await requireOwnItem(user, params.id)
  const blocker = changeBlocker({ ownerId: item.owner_id, startsAt: item.starts_at, cancelledAt: item.cancelled_at, recordId: item.record_id }, user.id)
  const start = utcToZoned(item.starts_at, item.time_zone)
  return {
    item: {
      id: item.id,
      kind: item.kind,
      version: item.version,
      recordId: item.record_id,
      when: `${dayHeading(start.date)}, ${start.time} ${zoneAbbreviation(item.starts_at, item.time_zone)}`,
    },
    blocker,
    values: planFormValues(item),
    codes: codeFormats(),
    coSitters: item.kind === 'sitter' ? await coSitterChoices(user.id) : [],
    attendees: item.kind === 'meeting' ? await attendeeChoices(user) : [],
    supervises: user.roles.includes('supervisor'),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireRole(request, ['fellow', 'supervisor'])
  const item = await requireOwnItem(user, params.id)
  const formData = await readFormData(request)
  if (formData.get('intent') === 'cancel') {
    const form = parseFormData(formData, cancelSchema)
    if (!form.ok) return invalid(form.errors, form.values)
    const result = await cancelItem(user, item.id, form.data.version, auditContext(request))
    if (!result.ok) return invalid({ form: result.message }, form.values, 409)
    return redirectWithFlash('/calendar', `Cancelled: ${PLANNED_LABELS[item.kind].toLowerCase()}. It is off your calendar and its feed.`)
  }
  const form = parseFormData(formData, planSchemaFor(codeFormats()))
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await updateItem(user, item.id, form.data, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
  return redirectWithFlash('/calendar', `Changes saved: ${PLANNED_LABELS[item.kind].toLowerCase()} on ${dayHeading(form.data.date)} at ${form.data.time}.`)
}

export default function PlannedItemPage() {
  const { item, blocker, values, codes, coSitters, attendees, supervises } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const cancelError = actionData && 'errors' in actionData && actionData.values?.intent === 'cancel' ? actionData.errors.form : undefined
  return (
    <>
      <PageHeader title={`${PLANNED_LABELS[item.kind]}: ${item.when}`} breadcrumbs={[{ to: '/calendar', label: 'Calendar' }]} />
      {blocker ? (
        <div className="alert alert-info" role="note">
          {blocker} {item.recordId ? <Link to={`/hours/${item.recordId}`}>Open the draft record.</Link> : <Link to="/calendar">Back to the calendar.</Link>}
        </div>
      ) : (
        <>
          <div className="card">
            <h2>Change it</h2>
            <PlanForm
              kind={item.kind}
              codes={codes}
              coSitters={coSitters}
              attendees={attendees}
              attendeesLegend={supervises ? 'Who attends' : 'With which supervisor'}
              values={values}
              submitLabel="Save changes"
              serverResult={actionData && actionData.values?.intent !== 'cancel' ? actionData : undefined}
            />
          </div>
          <div className="card">
            <h2>Cancel it</h2>
            <p className="muted">It leaves your calendar and feed (and the calendars of anyone it included). Nothing becomes a record.</p>
            <FormError error={cancelError} />
            <Form method="post">
              <input type="hidden" name="intent" value="cancel" />
              <input type="hidden" name="version" value={item.version} />
              <button type="submit" className="button danger" disabled={navigation.state === 'submitting'}>
                Cancel this {item.kind === 'meeting' ? 'meeting' : 'session'}
              </button>
            </Form>
          </div>
        </>
      )}
    </>
  )
}
