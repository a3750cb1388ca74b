import { useMemo, type ComponentProps } from 'react'
import { Form, Link } from '@remix-run/react'
import { ROLES } from '#db/schema.ts'
import { ChoiceGroup, SelectField, TextField } from '#app/components/forms.tsx'
import { ProgressMeter } from '#app/components/progress-meter.tsx'
import { DocumentAnchor, DocumentMeta, FILE_HINT, FileField, type DocumentLink } from '#app/documents/components.tsx'
import { HoursSummary } from '#app/hours/components.tsx'
import { assignFormSchema, cohortMembershipFormSchema, endClearanceFormSchema, recordClearanceFormSchemaIn, rolesFormSchema } from '#app/staff/schemas.ts'
import { useIntentForm, useIntentResult } from '#app/staff/intent-form.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'

// The cards of a person's staff page. Every form posts to the page's one action
// with its own `intent`, and shows only the errors that came back for it.

export function RolesCard({ roles }: { roles: string[] }) {
  const { register, onSubmit, errorFor } = useIntentForm(rolesFormSchema, 'roles', { roles })
  return (
    <section className="card" aria-labelledby="roles-heading">
      <h2 id="roles-heading">Roles</h2>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...register('intent')} />
        <ChoiceGroup
          legend="Roles held"
          multiple
          options={ROLES.map((r) => ({ value: r, label: r }))}
          defaultValue={roles}
          registration={register('roles')}
          error={errorFor('roles')}
        />
        <button type="submit" className="button secondary">
          Save roles
        </button>
      </Form>
    </section>
  )
}

export function AccountCard({ active }: { active: boolean }) {
  return (
    <section className="card" aria-labelledby="account-heading">
      <h2 id="account-heading">Account</h2>
      {active ? (
        <>
          <p>Deactivating ends every session of this account at once and stops sign-in. All records, decisions and certificates are kept.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="deactivate" />
            <button type="submit" className="button danger">
              Deactivate account
            </button>
          </Form>
        </>
      ) : (
        <>
          <p>This account is deactivated: the person cannot sign in.</p>
          <Form method="post">
            <input type="hidden" name="intent" value="reactivate" />
            <button type="submit" className="button secondary">
              Reactivate account
            </button>
          </Form>
        </>
      )}
    </section>
  )
}

export function SupervisorsCard({
  supervisors,
  options,
}: {
  supervisors: { id: number; name: string; assigned_at: string }[]
  options: { id: number; name: string }[]
}) {
  const { formatDate } = useFormat()
  const { register, onSubmit, errorFor } = useIntentForm(assignFormSchema, 'assign')
  return (
    <section className="card" aria-labelledby="supervisors-heading">
      <h2 id="supervisors-heading">Supervisors</h2>
      {supervisors.length === 0 ? <p className="muted">No supervisor assigned: nobody can approve this fellow’s records yet.</p> : null}
      <ul className="plain-list">
        {supervisors.map((s) => (
          <li key={s.id} className="row spread">
            <span>
              <Link to={`/staff/people/${s.id}`}>{s.name}</Link> <span className="muted small">since {formatDate(s.assigned_at)}</span>
            </span>
            <Form method="post">
              <input type="hidden" name="intent" value="unassign" />
              <input type="hidden" name="supervisorId" value={s.id} />
              <button type="submit" className="button secondary small" aria-label={`Unassign ${s.name}`}>
                Unassign
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {options.length ? (
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" {...register('intent')} />
          <SelectField
            label="Assign a supervisor"
            placeholder="Choose…"
            options={options.map((o) => ({ value: String(o.id), label: o.name }))}
            registration={register('supervisorId')}
            error={errorFor('supervisorId')}
          />
          <button type="submit" className="button secondary">
            Assign
          </button>
        </Form>
      ) : null}
    </section>
  )
}

type ClearanceView = {
  id: number
  granted_on: string
  expires_on: string
  clinician: string
  ended_on: string | null
  end_reason: string | null
  recorded_by_name: string | null
  current: boolean
}

export function ClearancesCard({ clearances, letters }: { clearances: ClearanceView[]; letters: (DocumentLink & { clearanceId: number | null })[] }) {
  const { formatDate, timeZone } = useFormat()
  const schema = useMemo(() => recordClearanceFormSchemaIn(timeZone), [timeZone])
  const { register, onSubmit, errorFor } = useIntentForm(schema, 'clearance')
  const values = useIntentResult('clearance')?.values ?? {}
  return (
    <section className="card" aria-labelledby="clearances-heading">
      <h2 id="clearances-heading">Medical clearances</h2>
      <p className="muted small">An experiential session can be submitted, and counts, only when a clearance covers its date.</p>
      {clearances.length === 0 ? <p>No clearance recorded.</p> : null}
      <ul className="plain-list">
        {clearances.map((c) => (
          <li key={c.id}>
            <div className="row spread">
              <span>
                {formatDate(c.granted_on)} – {formatDate(c.expires_on)} · {c.clinician}{' '}
                {c.current ? (
                  <span className="badge approved">current</span>
                ) : c.ended_on ? (
                  <span className="badge revoked">ended {formatDate(c.ended_on)}</span>
                ) : null}
              </span>
            </div>
            <span className="muted small">
              Recorded by {c.recorded_by_name ?? 'staff'}
              {c.end_reason ? ` · ended: ${c.end_reason}` : ''}
            </span>
            {letters
              .filter((letter) => letter.clearanceId === c.id)
              .map((letter) => (
                <div key={letter.id} className="small">
                  Letter: <DocumentAnchor document={letter} /> <DocumentMeta document={letter} />
                </div>
              ))}
            {c.current ? <EndClearanceForm clearanceId={c.id} /> : null}
          </li>
        ))}
      </ul>
      <h3>Record a clearance</h3>
      <Form method="post" encType="multipart/form-data" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...register('intent')} />
        <div className="inline-fields">
          <TextField
            label="Granted on"
            type="date"
            defaultValue={values.grantedOn as string}
            registration={register('grantedOn')}
            error={errorFor('grantedOn')}
          />
          <TextField
            label="Expires on"
            type="date"
            defaultValue={values.expiresOn as string}
            registration={register('expiresOn')}
            error={errorFor('expiresOn')}
          />
        </div>
        <TextField
          label="Clinician or medical team"
          defaultValue={values.clinician as string}
          registration={register('clinician')}
          error={errorFor('clinician')}
        />
        <FileField
          label="Clearance letter (optional)"
          hint={`The clinician’s letter, if you have it. ${FILE_HINT}`}
          registration={register('letter')}
          error={errorFor('letter')}
        />
        <button type="submit" className="button secondary">
          Record clearance
        </button>
      </Form>
    </section>
  )
}

function EndClearanceForm({ clearanceId }: { clearanceId: number }) {
  const { register, onSubmit, errorFor } = useIntentForm(endClearanceFormSchema, 'end-clearance', { clearanceId: String(clearanceId) })
  return (
    <details>
      <summary className="small">End this clearance early</summary>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...register('intent')} />
        <input type="hidden" {...register('clearanceId')} />
        <TextField label="Reason" registration={register('reason')} error={errorFor('reason')} />
        <button type="submit" className="button danger small">
          End clearance today
        </button>
      </Form>
    </details>
  )
}

export function CohortsCard({ cohorts, options }: { cohorts: { id: number; name: string }[]; options: { id: number; name: string }[] }) {
  const { register, onSubmit, errorFor } = useIntentForm(cohortMembershipFormSchema, 'join-cohort')
  return (
    <section className="card" aria-labelledby="cohorts-heading">
      <h2 id="cohorts-heading">Cohorts</h2>
      {cohorts.length === 0 ? <p className="muted">Not in a cohort.</p> : null}
      <ul className="plain-list">
        {cohorts.map((c) => (
          <li key={c.id} className="row spread">
            <Link to={`/staff/cohorts/${c.id}`}>{c.name}</Link>
            <Form method="post">
              <input type="hidden" name="intent" value="leave-cohort" />
              <input type="hidden" name="cohortId" value={c.id} />
              <button type="submit" className="button secondary small" aria-label={`Remove from ${c.name}`}>
                Remove
              </button>
            </Form>
          </li>
        ))}
      </ul>
      {options.length ? (
        <Form method="post" noValidate onSubmit={onSubmit} className="filters">
          <input type="hidden" {...register('intent')} />
          <SelectField
            label="Add to a cohort"
            placeholder="Choose…"
            options={options.map((o) => ({ value: String(o.id), label: o.name }))}
            registration={register('cohortId')}
            error={errorFor('cohortId')}
          />
          <button type="submit" className="button secondary">
            Add
          </button>
        </Form>
      ) : null}
    </section>
  )
}

export function SupervisedFellowsCard({ fellows }: { fellows: { id: number; name: string }[] }) {
  return (
    <section className="card" aria-labelledby="fellows-heading">
      <h2 id="fellows-heading">Fellows they supervise</h2>
      <ul>
        {fellows.map((f) => (
          <li key={f.id}>
            <Link to={`/staff/people/${f.id}`}>{f.name}</Link>
          </li>
        ))}
      </ul>
    </section>
  )
}

export function CourseProgressCard({ courses }: { courses: { slug: string; title: string; completed: number; total: number }[] }) {
  return (
    <section className="card" aria-labelledby="courses-heading">
      <h2 id="courses-heading">Course progress</h2>
      {courses.map((c) => (
        <ProgressMeter key={c.slug} label={c.title} value={c.completed} max={c.total} />
      ))}
    </section>
  )
}

export function HoursProgressCard(props: ComponentProps<typeof HoursSummary>) {
  return (
    <section className="card" aria-labelledby="hours-heading">
      <h2 id="hours-heading">Hours progress</h2>
      <HoursSummary {...props} />
    </section>
  )
}
