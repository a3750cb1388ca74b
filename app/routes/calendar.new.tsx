import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { PLANNED_KINDS, type PlannedKind } from '#db/schema.ts'
import { auditContext } from '#app/audit/audit.server.ts'
import { requireRole } from '#app/auth/guard.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { attendeeChoices, plannableKinds, planItem } from '#app/calendar/calendar.server.ts'
import { PLANNED_DESCRIPTIONS, PLANNED_LABELS } from '#app/calendar/labels.ts'
import { PlanForm } from '#app/calendar/plan-form.tsx'
import { planSchemaFor } from '#app/calendar/schema.ts'
import { dayHeading, zoneAbbreviation } from '#app/calendar/zones.ts'
import { codeFormats } from '#app/hours/code-formats.server.ts'
import { coSitterChoices } from '#app/hours/workflow.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'

export const meta: MetaFunction = () => [{ title: 'Plan a session or meeting · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['fellow', 'supervisor'])
  const kinds = plannableKinds(user.roles)
  const asked = new URL(request.url).searchParams.get('kind')
  const kind: PlannedKind | null =
    kinds.length === 1
      ? kinds[0]!
      : (PLANNED_KINDS as readonly string[]).includes(asked ?? '') && kinds.includes(asked as PlannedKind)
        ? (asked as PlannedKind)
        : null
  return {
    kind,
    kinds,
    codes: codeFormats(),
    coSitters: kind === 'sitter' ? await coSitterChoices(user.id) : [],
    attendees: kind === 'meeting' ? await attendeeChoices(user) : [],
    supervises: user.roles.includes('supervisor'),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['fellow', 'supervisor'])
  const form = await parseForm(request, planSchemaFor(codeFormats()))
  if (!form.ok) return invalid(form.errors, form.values)
  if (form.data.version !== undefined) return invalid({ form: 'This form does not have the field version. Reload the page and try again.' }, form.values)
  const result = await planItem(user, form.data, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
  const { date, time, timeZone, kind } = form.data
  return redirectWithFlash(
    '/calendar',
    `Planned: ${PLANNED_LABELS[kind].toLowerCase()} on ${dayHeading(date)} at ${time} ${zoneAbbreviation(form.data.startsAt, timeZone)}.`,
  )
}

export default function PlanPage() {
  const { kind, kinds, codes, coSitters, attendees, supervises } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  return (
    <>
      <PageHeader
        title={kind ? `Plan: ${PLANNED_LABELS[kind].toLowerCase()}` : 'Plan a session or meeting'}
        breadcrumbs={[{ to: '/calendar', label: 'Calendar' }]}
      />
      {kind ? (
        <div className="card">
          <p className="muted">{PLANNED_DESCRIPTIONS[kind]}</p>
          <PlanForm
            kind={kind}
            codes={codes}
            coSitters={coSitters}
            attendees={attendees}
            attendeesLegend={supervises ? 'Who attends' : 'With which supervisor'}
            submitLabel="Plan it"
            serverResult={actionData}
          />
          {kinds.length > 1 ? (
            <p className="small">
              <Link to="/calendar/new">Choose something else to plan</Link>
            </p>
          ) : null}
        </div>
      ) : (
        <nav aria-label="What to plan" className="columns">
          {kinds.map((k) => (
            <Link key={k} to={`/calendar/new?kind=${k}`} className="card card-link">
              <h2>{PLANNED_LABELS[k]}</h2>
              <p className="muted">{PLANNED_DESCRIPTIONS[k]}</p>
            </Link>
          ))}
        </nav>
      )}
    </>
  )
}
