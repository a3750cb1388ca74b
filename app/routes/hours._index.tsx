import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { requirePermission } from '#app/auth/guard.server.ts'
import { FilterSelect } from '#app/components/filter-select.tsx'
import { FormError } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Pager } from '#app/components/pager.tsx'
import { ClearanceStatus, HoursSummary, RecordsTable } from '#app/hours/components.tsx'
import { KIND_LABELS, options, STATUS_LABELS } from '#app/hours/labels.ts'
import { recordFiltersFrom } from '#app/hours/filters.ts'
import { convertPassedSessions } from '#app/calendar/convert.server.ts'
import { clearanceToday, countAwaitingConfirmationBy, fellowRecordsPage, fellowTally } from '#app/hours/records.server.ts'
import { submitRecords } from '#app/hours/workflow.server.ts'
import { bulkSubmitSchema } from '#app/hours/schema.ts'
import { isEditable } from '#app/hours/workflow.ts'
import { hoursTargets } from '#app/programs/targets.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Hours · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'record:log:own')
  const url = new URL(request.url)
  const page = pageFrom(url)
  const filters = recordFiltersFrom(url)
  // A planned session that has ended is a draft to complete: made before the list is read, so it is on it.
  if (user.roles.includes('fellow')) await convertPassedSessions({ ownerId: user.id })
  const [rows, tally, { clearance, letters }, toConfirm] = await Promise.all([
    fellowRecordsPage(user.id, filters, page),
    fellowTally(user.id),
    clearanceToday(user),
    countAwaitingConfirmationBy(user.id),
  ])
  const { rows: records, prev, next } = pageLinks(rows, url, page)
  return {
    records,
    prev,
    next,
    filters,
    tally,
    targets: hoursTargets(),
    clearance,
    letters,
    toConfirm,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'record:log:own')
  const form = await parseForm(request, bulkSubmitSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await submitRecords(user, form.data.selected, auditContext(request))
  if (!result.ok) return invalid({ form: result.message }, form.values, 409)
  const waiting = result.waitingForCoSitter
    ? ` ${result.waitingForCoSitter} of them ${result.waitingForCoSitter === 1 ? 'goes' : 'go'} once the other sitter confirms.`
    : ''
  return redirectWithFlash('/hours', `${result.count} record${result.count === 1 ? '' : 's'} submitted to your supervisor.${waiting}`)
}

export default function HoursPage() {
  const { records, prev, next, filters, tally, targets, clearance, letters, toConfirm } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(bulkSubmitSchema, {
    serverResult: actionData,
    defaultValues: { intent: 'submit-selected', selected: [] },
  })
  const submittable = records.filter((r) => isEditable(r.status))
  return (
    <>
      <PageHeader
        title="Your hours"
        description="Only records approved by your supervisor count toward your programs."
        actions={
          <div className="row">
            <Link className="button secondary" to="/summaries">
              Practicum summary (PDF)
            </Link>
            <Link className="button secondary" to="/hours/co-sitting">
              Co-sitting
            </Link>
            <Link className="button" to="/hours/new">
              Log a record
            </Link>
          </div>
        }
      />
      {toConfirm ? (
        <p className="alert alert-info" role="note">
          {toConfirm === 1 ? 'A fellow named you as co-sitter of a session' : `Fellows named you as co-sitter of ${toConfirm} sessions`} that wait for your
          confirmation. <Link to="/hours/co-sitting">Confirm or decline</Link>
        </p>
      ) : null}
      <section className="card" aria-labelledby="glance-heading">
        <h2 id="glance-heading">At a glance</h2>
        <HoursSummary tally={tally} targets={targets} />
        <ClearanceStatus clearance={clearance} letters={letters} />
      </section>

      <section aria-labelledby="records-heading">
        <h2 id="records-heading">Records</h2>
        <Form method="get" className="filters" aria-label="Filter records">
          <FilterSelect name="kind" label="Kind" allLabel="All kinds" options={options(KIND_LABELS)} defaultValue={filters.kind} />
          <FilterSelect name="status" label="Status" allLabel="All statuses" options={options(STATUS_LABELS)} defaultValue={filters.status} />
          <button type="submit" className="button secondary">
            Filter
          </button>
        </Form>

        {records.length === 0 ? (
          <div className="card">
            <p>{filters.kind || filters.status ? 'No records match these filters.' : 'You have not logged any records yet.'}</p>
            <Link to="/hours/new">Log your first record</Link>
          </div>
        ) : (
          <Form method="post" noValidate onSubmit={onSubmit}>
            <FormError error={formError ?? errorFor('selected')} />
            <RecordsTable
              records={records}
              caption="Your records"
              linkTo={(r) => `/hours/${r.id}`}
              selection={{ registration: register('selected'), selectable: (r) => isEditable(r.status) }}
              showReturnComments
            />
            <input type="hidden" {...register('intent')} />
            {submittable.length ? (
              <button type="submit" className="button">
                Submit selected for review
              </button>
            ) : null}
          </Form>
        )}
        <Pager prev={prev} next={next} />
      </section>
    </>
  )
}
