import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useId, type FormEvent } from 'react'
import { requirePermission } from '#app/auth/guard.server.ts'
import { SelectField, TextField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { reportsOverview } from '#app/reports/reports.server.ts'
import { certificatesReportSchema, cohortReportSchema, hoursReportSchema } from '#app/reports/schemas.ts'
import { listCohorts } from '#app/staff/cohorts.server.ts'
import { formatDate, plural } from '#app/utils/format.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { todayOf } from '#app/utils/time-zone.server.ts'

export const meta: MetaFunction = () => [{ title: 'Reports · Staff · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requirePermission(request, 'report:export:any')
  const [cohorts, overview] = await Promise.all([listCohorts(), reportsOverview()])
  const today = todayOf(staff)
  return {
    cohorts: cohorts.map((c) => ({ id: c.id, name: c.name, startsOn: c.starts_on, members: Number(c.members) })),
    certificates: overview.certificates,
    today,
    startOfYear: `${today.slice(0, 4)}-01-01`,
  }
}

/**
 * Checks the form with its schema in the browser, then lets the browser submit
 * it natively: the CSV route answers with a file download, which a client-side
 * navigation could not receive.
 */
function downloadOnValid(form: { handleSubmit: ReturnType<typeof useValidatedForm>['handleSubmit'] }) {
  return (event: FormEvent<HTMLFormElement>) => {
    const element = event.currentTarget
    void form.handleSubmit(() => element.submit())(event)
  }
}

export default function ReportsPage() {
  const { cohorts, certificates, today, startOfYear } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="Reports"
        breadcrumbs={[{ to: '/staff', label: 'Staff' }]}
        description={
          <>
            CSV files for spreadsheets (UTF-8). Every download is recorded in the <Link to="/staff/audit">audit log</Link> with its parameters.
          </>
        }
      />
      <div className="columns">
        <CohortReport cohorts={cohorts} />
        <HoursReport defaultFrom={startOfYear} defaultTo={today} />
        <CertificatesReport issued={certificates} />
      </div>
    </>
  )
}

type CohortOption = { id: number; name: string; startsOn: string; members: number }

function CohortReport({ cohorts }: { cohorts: CohortOption[] }) {
  const form = useValidatedForm(cohortReportSchema, { defaultValues: { cohort: '' } })
  return (
    <section className="card" aria-labelledby="cohort-report-heading">
      <h2 id="cohort-report-heading">Cohort progress</h2>
      <p className="muted small">
        One row per member: courses completed, approved experiential and sitter sessions, approved practicum and supervision hours, and the programs they are
        eligible for.
      </p>
      {cohorts.length === 0 ? (
        <p className="muted">There are no cohorts yet. Once a cohort has been created, its progress report can be downloaded here.</p>
      ) : (
        <Form method="get" action="/staff/reports/cohort.csv" reloadDocument noValidate onSubmit={downloadOnValid(form)}>
          <SelectField
            label="Cohort"
            placeholder="Choose a cohort"
            options={cohorts.map((c) => ({
              value: String(c.id),
              label: `${c.name} · ${plural(c.members, 'member')} · starts ${formatDate(c.startsOn)}`,
            }))}
            registration={form.register('cohort')}
            error={form.errorFor('cohort')}
          />
          <button type="submit" className="button">
            Download cohort CSV
          </button>
        </Form>
      )}
    </section>
  )
}

function HoursReport({ defaultFrom, defaultTo }: { defaultFrom: string; defaultTo: string }) {
  const form = useValidatedForm(hoursReportSchema, { defaultValues: { from: defaultFrom, to: defaultTo, includeNotes: false } })
  const notesId = useId()
  const includeNotes = form.watch('includeNotes') === 'yes'
  return (
    <section className="card" aria-labelledby="hours-report-heading">
      <h2 id="hours-report-heading">Approved hours</h2>
      <p className="muted small">
        Records approved by a supervisor whose session date falls in the period, both days included. One row per fellow and kind of record, with the number of
        records and the total time.
      </p>
      <Form method="get" action="/staff/reports/hours.csv" reloadDocument noValidate onSubmit={downloadOnValid(form)}>
        <div className="inline-fields">
          <TextField label="From" type="date" registration={form.register('from')} error={form.errorFor('from')} />
          <TextField label="To" type="date" registration={form.register('to')} error={form.errorFor('to')} />
        </div>
        <div className="field">
          <label className="choice" htmlFor={`${notesId}-input`}>
            <input id={`${notesId}-input`} type="checkbox" value="yes" aria-describedby={`${notesId}-warning`} {...form.register('includeNotes')} />
            <span>Include notes and reflections</span>
          </label>
          <div className={`alert ${includeNotes ? 'alert-warning' : 'alert-info'} small`} id={`${notesId}-warning`} role="note">
            Notes are fellows’ private reflections on their own sessions. With this box ticked the file has one row per record, with the notes and the
            pseudonymous participant and client codes. Download it only when you need it, and keep the file somewhere private.
          </div>
        </div>
        <button type="submit" className="button">
          {includeNotes ? 'Download detailed hours CSV' : 'Download hours CSV'}
        </button>
      </Form>
    </section>
  )
}

function CertificatesReport({ issued }: { issued: number }) {
  const form = useValidatedForm(certificatesReportSchema, { defaultValues: { from: '', to: '' } })
  return (
    <section className="card" aria-labelledby="certificates-report-heading">
      <h2 id="certificates-report-heading">Certificates issued</h2>
      <p className="muted small">
        Serial, holder, program, issue date and issuer, with the status today (valid, expired or revoked), the expiry, and when and why a certificate was
        revoked.
      </p>
      {issued === 0 ? <p className="muted">No certificates have been issued yet: the file would only have its header line.</p> : null}
      <Form method="get" action="/staff/reports/certificates.csv" reloadDocument noValidate onSubmit={downloadOnValid(form)}>
        <div className="inline-fields">
          <TextField label="Issued from" type="date" hint="Optional." registration={form.register('from')} error={form.errorFor('from')} />
          <TextField label="Issued to" type="date" hint="Optional." registration={form.register('to')} error={form.errorFor('to')} />
        </div>
        <button type="submit" className="button">
          Download certificates CSV
        </button>
      </Form>
    </section>
  )
}
