import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { notFound, requirePermission } from '#app/auth/guard.server.ts'
import { FormError, SelectField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { hoursTargets } from '#app/programs/targets.server.ts'
import { addCohortMember, cohortProgress, findCohortCandidates, getCohort, removeCohortMember } from '#app/staff/cohorts.server.ts'
import { cohortMemberFormSchema } from '#app/staff/schemas.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { positiveId } from '#app/utils/ids.ts'
import { ListLink } from '#app/components/list-link.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.cohort.name ?? 'Cohort'} · Staff · KAP Fellowship` }]

async function requireCohort(idParam: string | undefined) {
  const id = positiveId(idParam)
  const cohort = id ? await getCohort(id) : undefined
  if (!cohort) throw notFound('There is no such cohort.')
  return cohort
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, 'cohorts:manage:any')
  const cohort = await requireCohort(params.id)
  // People to add are found by a search, not listed whole: an institute has thousands of
  // trainees and fellows, and the page is opened far more often to read than to add.
  const q = (new URL(request.url).searchParams.get('q') ?? '').trim().slice(0, 100)
  const [members, candidates] = await Promise.all([cohortProgress(cohort.id), q ? findCohortCandidates(cohort.id, q) : null])
  // What the page shows and nothing more goes to the browser: the table has no email column
  // (the CSV report has), and the cohort's name and start are all the header uses.
  const rows = members.map(({ email: _email, ...row }) => row)
  return { cohort: { id: cohort.id, name: cohort.name, starts_on: cohort.starts_on }, rows, q, candidates, targets: hoursTargets() }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requirePermission(request, 'cohorts:manage:any')
  const cohort = await requireCohort(params.id)
  const form = await parseForm(request, cohortMemberFormSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const result =
    form.data.intent === 'add'
      ? await addCohortMember(staff, cohort.id, form.data.userId, auditContext(request))
      : await removeCohortMember(staff, cohort.id, form.data.userId, auditContext(request))
  if (!result.ok) return invalid({ userId: result.message }, form.values)
  return redirectWithFlash(`/staff/cohorts/${cohort.id}`, form.data.intent === 'add' ? 'Member added.' : 'Member removed.')
}

export default function CohortPage() {
  const { cohort, rows, q, candidates, targets } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor } = useValidatedForm(cohortMemberFormSchema, { serverResult: actionData, defaultValues: { intent: 'add' } })
  return (
    <>
      <PageHeader
        title={cohort.name}
        breadcrumbs={[
          { to: '/staff', label: 'Staff' },
          { to: '/staff/cohorts', label: 'Cohorts' },
        ]}
        description={`Starts ${formatDate(cohort.starts_on)} · ${rows.length} member${rows.length === 1 ? '' : 's'} · counts are of approved records only`}
        actions={
          <a className="button secondary" href={`/staff/reports/cohort.csv?cohort=${cohort.id}`} download>
            Download CSV
          </a>
        }
      />
      {rows.length === 0 ? (
        <p className="card">No members yet.</p>
      ) : (
        <div className="table-wrap">
          {/* One form for every row's Remove button: the button pressed sends its member's id
              (as userId). Fifty forms, each a router component, cost more to render than the table. */}
          <Form method="post">
            <input type="hidden" name="intent" value="remove" />
            {/* The member column stays in view while the table scrolls sideways (a phone). */}
            <table className="sticky-first">
              <caption className="visually-hidden">Progress of each member</caption>
              <thead>
                <tr>
                  <th scope="col">Member</th>
                  <th scope="col" className="num">
                    Courses
                  </th>
                  <th scope="col" className="num">
                    Experiential
                  </th>
                  <th scope="col" className="num">
                    Sitter
                  </th>
                  <th scope="col" className="num">
                    Practicum h
                  </th>
                  <th scope="col" className="num">
                    Supervision h
                  </th>
                  <th scope="col">Eligible for</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.userId}>
                    <td>
                      <ListLink to={`/staff/people/${r.userId}`}>{r.name}</ListLink>
                      {r.active ? null : <span className="badge inactive">deactivated</span>}
                    </td>
                    <td className="num">
                      {r.coursesDone} / {r.coursesTotal}
                    </td>
                    <td className="num">
                      {r.experiential} / {targets.experiential}
                    </td>
                    <td className="num">
                      {r.sitter} / {targets.sitter}
                    </td>
                    <td className="num">
                      {r.practicumHours} / {targets.practicumHours}
                    </td>
                    <td className="num">
                      {r.supervisionHours} / {targets.supervisionHours}
                    </td>
                    <td>
                      {r.eligibleFor.length ? (
                        r.eligibleFor.map((title) => (
                          // The column heading says "Eligible for": repeated in every badge, it pushed the Remove buttons off a laptop-wide page.
                          <span key={title} className="badge met">
                            {title}
                          </span>
                        ))
                      ) : (
                        <span className="muted small">—</span>
                      )}
                    </td>
                    <td>
                      <button type="submit" name="userId" value={r.userId} className="button secondary small" aria-label={`Remove ${r.name}`}>
                        Remove
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </Form>
        </div>
      )}
      <section className="card" aria-labelledby="add-heading">
        <h2 id="add-heading">Add a member</h2>
        <FormError error={errorFor('intent')} />
        <Form method="get" className="filters" role="search" aria-label="Find a trainee or fellow to add">
          <div className="field">
            <label htmlFor="candidate-q">Name or email</label>
            <input id="candidate-q" type="search" name="q" defaultValue={q} />
          </div>
          <button type="submit" className="button secondary">
            Find
          </button>
        </Form>
        {candidates === null ? (
          <p className="muted">Find an active trainee or fellow who is not in this cohort yet.</p>
        ) : candidates.people.length === 0 ? (
          <p className="muted">No active trainee or fellow outside this cohort matches “{q}”.</p>
        ) : (
          <Form method="post" noValidate onSubmit={onSubmit} className="filters">
            <input type="hidden" {...register('intent')} />
            <SelectField
              label="Person"
              hint={candidates.more ? `The first ${candidates.people.length} matches, by name: search more narrowly for others.` : undefined}
              placeholder="Choose…"
              options={candidates.people.map((c) => ({ value: String(c.id), label: `${c.name} (${c.email})` }))}
              registration={register('userId')}
              error={errorFor('userId')}
            />
            <button type="submit" className="button">
              Add to cohort
            </button>
          </Form>
        )}
      </section>
    </>
  )
}
