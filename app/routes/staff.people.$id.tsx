import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { ROLES } from '#db/schema.ts'
import { notFound, requirePermission } from '#app/auth/guard.server.ts'
import { certificatesOf, issueCertificate } from '#app/certificates/certificates.server.ts'
import { certificateStatus } from '#app/certificates/codes.ts'
import { ChoiceGroup, FormError, SelectField, TextField } from '#app/components/forms.tsx'
import { ProgressMeter } from '#app/components/progress-meter.tsx'
import { learnerCourses } from '#app/curriculum/progress.server.ts'
import { HoursSummary } from '#app/hours/components.tsx'
import { clearancesFor, fellowTally } from '#app/hours/records.server.ts'
import { assignedFellows, assignSupervisor, supervisorsOfFellow, unassignSupervisor } from '#app/supervision/assignments.server.ts'
import { clearanceCovers } from '#app/hours/rules.ts'
import { eligibilityFor } from '#app/programs/eligibility.server.ts'
import { hoursTargets } from '#app/programs/targets.server.ts'
import { addCohortMember, listCohorts, removeCohortMember } from '#app/staff/cohorts.server.ts'
import { allSupervisors, cohortsOf, endClearance, getPerson, recordClearance, setActive, setRoles } from '#app/staff/people.server.ts'
import {
  activeFormSchema,
  assignFormSchema,
  cohortMembershipFormSchema,
  endClearanceFormSchema,
  issueCertificateSchema,
  leaveCohortFormSchema,
  recordClearanceFormSchema,
  rolesFormSchema,
  unassignFormSchema,
} from '#app/staff/schemas.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { invalid, parseFormData, readFormData } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { positiveId } from '#app/utils/ids.ts'
import { todayIso } from '#app/utils/dates.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? 'Person'} · People · KAP Fellowship` }]

async function requirePerson(idParam: string | undefined) {
  const id = positiveId(idParam)
  const person = id ? await getPerson(id) : null
  if (!person) throw notFound('There is no such person.')
  return person
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'people:manage:any')
  const person = await requirePerson(params.id)
  const isFellow = person.roles.includes('fellow')
  const today = todayIso()
  const [courses, tally, clearances, supervisors, supervisorOptions, fellows, cohorts, allCohorts, eligibility, certificates] = await Promise.all([
    learnerCourses(person.id),
    fellowTally(person.id),
    clearancesFor(person.id),
    supervisorsOfFellow(person.id),
    allSupervisors(),
    person.roles.includes('supervisor') ? assignedFellows(person.id) : Promise.resolve([]),
    cohortsOf(person.id),
    listCohorts(),
    eligibilityFor(person.id),
    certificatesOf(person.id),
  ])
  const validCertificates = new Set(certificates.filter((c) => certificateStatus(c) === 'valid').map((c) => c.program_slug))
  return {
    person,
    isFellow,
    courses: courses.map((c) => ({ slug: c.course.slug, title: c.course.title, completed: c.progress.completed, total: c.progress.total })),
    tally,
    targets: hoursTargets(),
    clearances: clearances.map((c) => ({
      ...c,
      current: clearanceCovers({ grantedOn: c.granted_on, expiresOn: c.expires_on, endedOn: c.ended_on }, today),
    })),
    supervisors,
    supervisorOptions: supervisorOptions.filter((s) => s.id !== person.id && !supervisors.some((a) => a.id === s.id)),
    fellows,
    cohorts,
    cohortOptions: allCohorts.filter((c) => !cohorts.some((m) => m.id === c.id)),
    programs: eligibility.map((e) => ({ ...e, holdsValid: validCertificates.has(e.slug) })),
    certificates: certificates.map((c) => ({ id: c.id, serial: c.serial, program_title: c.program_title, issued_at: c.issued_at, status: certificateStatus(c) })),
  }
}

const FORMS = {
  roles: rolesFormSchema,
  deactivate: activeFormSchema,
  reactivate: activeFormSchema,
  assign: assignFormSchema,
  unassign: unassignFormSchema,
  clearance: recordClearanceFormSchema,
  'end-clearance': endClearanceFormSchema,
  'join-cohort': cohortMembershipFormSchema,
  'leave-cohort': leaveCohortFormSchema,
  issue: issueCertificateSchema,
} as const

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requirePermission(request, 'people:manage:any')
  const person = await requirePerson(params.id)
  const formData = await readFormData(request)
  const intent = String(formData.get('intent') ?? '')
  // Own keys only: `in` would also find "constructor", "toString"… on Object.prototype.
  if (!Object.hasOwn(FORMS, intent)) return invalid({ form: 'Unknown action. Reload the page and try again.' })
  const form = parseFormData(formData, FORMS[intent as keyof typeof FORMS])
  if (!form.ok) return invalidFor(intent, form.errors, form.values)
  const data = form.data as Record<string, any>
  const here = `/staff/people/${person.id}`
  const done = (message: string) => redirectWithFlash(here, message)
  let result: { ok: true } | { ok: false; field: string; message: string }
  switch (intent) {
    case 'roles':
      result = await setRoles(staff, person.id, data.roles, request)
      if (result.ok) return done('Roles saved.')
      break
    case 'deactivate':
    case 'reactivate':
      result = await setActive(staff, person.id, intent === 'reactivate', request)
      if (result.ok) return done(intent === 'reactivate' ? 'Account reactivated.' : 'Account deactivated; every session of it has ended. Records are kept.')
      break
    case 'assign':
      result = await assignSupervisor(staff, person.id, data.supervisorId, request)
      if (result.ok) return done('Supervisor assigned.')
      break
    case 'unassign':
      result = await unassignSupervisor(staff, person.id, data.supervisorId, request)
      if (result.ok) return done('Supervisor unassigned. Their past decisions stay on the records.')
      break
    case 'clearance':
      result = await recordClearance(staff, person.id, data as { grantedOn: string; expiresOn: string; clinician: string }, request)
      if (result.ok) return done('Medical clearance recorded.')
      break
    case 'end-clearance':
      result = await endClearance(staff, person.id, data.clearanceId, data.reason, request)
      if (result.ok) return done('Clearance ended as of today.')
      break
    case 'join-cohort':
      result = await addCohortMember(staff, data.cohortId, person.id, request)
      if (result.ok) return done('Added to the cohort.')
      break
    case 'leave-cohort':
      result = await removeCohortMember(staff, data.cohortId, person.id, request)
      if (result.ok) return done('Removed from the cohort.')
      break
    default: {
      const issued = await issueCertificate(staff, person.id, data.program, request)
      if (issued.ok) return redirectWithFlash(`/staff/certificates/${issued.id}`, `Certificate ${issued.serial} issued.`)
      result = issued
    }
  }
  return invalidFor(intent, { [result.field === 'userId' ? 'form' : result.field]: result.message }, form.values, 409)
}

/** Errors tagged with the form they belong to, so only that form shows them. */
function invalidFor(intent: string, errors: Record<string, string>, values: Record<string, unknown>, status = 400) {
  return invalid(errors, { ...values, intent }, status)
}

type ActionData = { errors?: Record<string, string>; values?: Record<string, string | string[]> }

function useIntentForm<S extends z.ZodType<any, any>>(schema: S, intent: string, defaults: Record<string, unknown> = {}) {
  const actionData = useActionData<ActionData>()
  const mine = actionData?.values?.intent === intent ? actionData : undefined
  return useValidatedForm(schema, { serverResult: mine, defaultValues: { intent, ...defaults } })
}

export default function PersonPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<ActionData>()
  const { person, isFellow } = data
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/staff">Staff</Link> / <Link to="/staff/people">People</Link> /
      </p>
      <div className="page-header">
        <div>
          <h1>{person.name}</h1>
          <p className="muted">
            {person.email} · {person.roles.join(', ')} ·{' '}
            {person.active ? <span className="badge approved">active</span> : <span className="badge inactive">deactivated</span>}
          </p>
        </div>
        {isFellow ? (
          <div className="row">
            <Link className="button secondary" to={`/review/fellows/${person.id}`}>
              See their records
            </Link>
            <Link className="button secondary" to={`/summaries?fellow=${person.id}`}>
              Practicum summaries
            </Link>
          </div>
        ) : null}
      </div>
      <FormError error={actionData?.errors?.form} />
      <div className="columns">
        <RolesCard roles={person.roles} />
        <AccountCard active={person.active === 1} />
      </div>
      {isFellow ? (
        <div className="columns">
          <SupervisorsCard supervisors={data.supervisors} options={data.supervisorOptions} />
          <ClearancesCard clearances={data.clearances} />
        </div>
      ) : null}
      {data.fellows.length ? (
        <section className="card" aria-labelledby="fellows-heading">
          <h2 id="fellows-heading">Fellows they supervise</h2>
          <ul>
            {data.fellows.map((f) => (
              <li key={f.id}>
                <Link to={`/staff/people/${f.id}`}>{f.name}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <div className="columns">
        <section className="card" aria-labelledby="courses-heading">
          <h2 id="courses-heading">Course progress</h2>
          {data.courses.map((c) => (
            <ProgressMeter key={c.slug} label={c.title} value={c.completed} max={c.total} />
          ))}
        </section>
        {isFellow ? (
          <section className="card" aria-labelledby="hours-heading">
            <h2 id="hours-heading">Hours progress</h2>
            <HoursSummary tally={data.tally} targets={data.targets} />
          </section>
        ) : null}
      </div>
      {person.roles.some((r) => r === 'trainee' || r === 'fellow') || data.cohorts.length ? (
        <CohortsCard cohorts={data.cohorts} options={person.roles.some((r) => r === 'trainee' || r === 'fellow') ? data.cohortOptions : []} />
      ) : null}
      <ProgramsCard programs={data.programs} certificates={data.certificates} />
    </>
  )
}

function RolesCard({ roles }: { roles: string[] }) {
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

function AccountCard({ active }: { active: boolean }) {
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

function SupervisorsCard({ supervisors, options }: { supervisors: { id: number; name: string; assigned_at: string }[]; options: { id: number; name: string }[] }) {
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

function ClearancesCard({ clearances }: { clearances: ClearanceView[] }) {
  const { register, onSubmit, errorFor } = useIntentForm(recordClearanceFormSchema, 'clearance')
  const actionData = useActionData<ActionData>()
  const values = actionData?.values?.intent === 'clearance' ? actionData.values : {}
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
                {c.current ? <span className="badge approved">current</span> : c.ended_on ? <span className="badge revoked">ended {formatDate(c.ended_on)}</span> : null}
              </span>
            </div>
            <span className="muted small">Recorded by {c.recorded_by_name ?? 'staff'}{c.end_reason ? ` · ended: ${c.end_reason}` : ''}</span>
            {c.current ? <EndClearanceForm clearanceId={c.id} /> : null}
          </li>
        ))}
      </ul>
      <h3>Record a clearance</h3>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...register('intent')} />
        <div className="inline-fields">
          <TextField label="Granted on" type="date" defaultValue={values.grantedOn as string} registration={register('grantedOn')} error={errorFor('grantedOn')} />
          <TextField label="Expires on" type="date" defaultValue={values.expiresOn as string} registration={register('expiresOn')} error={errorFor('expiresOn')} />
        </div>
        <TextField label="Clinician or medical team" defaultValue={values.clinician as string} registration={register('clinician')} error={errorFor('clinician')} />
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

function CohortsCard({ cohorts, options }: { cohorts: { id: number; name: string }[]; options: { id: number; name: string }[] }) {
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

type ProgramView = {
  slug: string
  title: string
  eligible: boolean
  holdsValid: boolean
  requirements: { key: string; label: string; met: boolean; have: number; need: number; missing: string | null }[]
}

function ProgramsCard({ programs, certificates }: { programs: ProgramView[]; certificates: { id: number; serial: string; program_title: string; issued_at: string; status: string }[] }) {
  const actionData = useActionData<ActionData>()
  const issueError = actionData?.values?.intent === 'issue' ? actionData.errors?.program : undefined
  return (
    <section className="card" aria-labelledby="programs-heading">
      <h2 id="programs-heading">Programs and certificates</h2>
      <FormError error={issueError} />
      <div className="columns">
        {programs.map((p) => {
          const reason = p.holdsValid ? 'Already holds a valid certificate for this program.' : p.eligible ? null : 'Not eligible yet: see what is missing above.'
          return (
            <article key={p.slug} className="program" aria-labelledby={`program-${p.slug}`}>
              <h3 id={`program-${p.slug}`}>
                {p.title} {p.eligible ? <span className="badge met">eligible</span> : <span className="badge">not yet eligible</span>}
              </h3>
              <ul className="requirements">
                {p.requirements.map((r) => (
                  <li key={r.key} className={r.met ? 'met' : 'unmet'}>
                    <span aria-hidden="true">{r.met ? '✓' : '○'}</span> {r.label}
                    {r.need > 1 ? ` (${r.have} / ${r.need})` : ''}
                    {r.missing ? <span className="muted small"> — {r.missing}</span> : null}
                  </li>
                ))}
              </ul>
              <Form method="post">
                <input type="hidden" name="intent" value="issue" />
                <input type="hidden" name="program" value={p.slug} />
                <button type="submit" className="button small" disabled={!!reason} aria-describedby={reason ? `reason-${p.slug}` : undefined}>
                  Issue certificate
                </button>
                {reason ? (
                  <p className="muted small" id={`reason-${p.slug}`}>
                    {reason}
                  </p>
                ) : null}
              </Form>
            </article>
          )
        })}
      </div>
      <h3>Certificates</h3>
      {certificates.length === 0 ? (
        <p className="muted">None issued.</p>
      ) : (
        <ul className="plain-list">
          {certificates.map((c) => (
            <li key={c.id}>
              <Link to={`/staff/certificates/${c.id}`}>{c.serial}</Link> · {c.program_title} · issued {formatDate(c.issued_at)}{' '}
              <span className={`badge ${c.status}`}>{c.status}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
