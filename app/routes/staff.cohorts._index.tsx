import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { requirePermission } from '#app/auth/guard.server.ts'
import { TextField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { createCohort, listCohorts } from '#app/staff/cohorts.server.ts'
import { createCohortSchema } from '#app/staff/schemas.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Cohorts · Staff · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'cohorts:manage:any')
  return { cohorts: await listCohorts() }
}

export async function action({ request }: ActionFunctionArgs) {
  const staff = await requirePermission(request, 'cohorts:manage:any')
  const form = await parseForm(request, createCohortSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await createCohort(staff, form.data, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values)
  return redirectWithFlash(`/staff/cohorts/${result.id}`, `Cohort “${form.data.name}” created. Add its members below.`)
}

export default function CohortsPage() {
  const { cohorts } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor } = useValidatedForm(createCohortSchema, { serverResult: actionData })
  const values = (actionData?.values ?? {}) as Record<string, string>
  return (
    <>
      <PageHeader title="Cohorts" breadcrumbs={[{ to: '/staff', label: 'Staff' }]} />
      <div className="columns">
        <section className="card" aria-labelledby="list-heading">
          <h2 id="list-heading">All cohorts</h2>
          {cohorts.length === 0 ? (
            <p className="muted">No cohorts yet. Create the first one.</p>
          ) : (
            <ul className="plain-list">
              {cohorts.map((c) => (
                <li key={c.id} className="row spread">
                  <Link to={`/staff/cohorts/${c.id}`}>{c.name}</Link>
                  <span className="muted small">
                    starts {formatDate(c.starts_on)} · {c.members} member{Number(c.members) === 1 ? '' : 's'}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="create-heading">
          <h2 id="create-heading">Create a cohort</h2>
          <Form method="post" noValidate onSubmit={onSubmit}>
            <TextField label="Name" defaultValue={values.name} registration={register('name')} error={errorFor('name')} />
            <TextField label="Start date" type="date" defaultValue={values.startsOn} registration={register('startsOn')} error={errorFor('startsOn')} />
            <button type="submit" className="button">
              Create cohort
            </button>
          </Form>
        </section>
      </div>
    </>
  )
}
