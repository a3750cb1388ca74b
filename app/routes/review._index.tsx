import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { requirePermission } from '#app/auth/guard.server.ts'
import { FormError } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Pager } from '#app/components/pager.tsx'
import { KIND_LABELS } from '#app/hours/labels.ts'
import { reviewQueue, reviewQueueCounts } from '#app/hours/records.server.ts'
import { approvalBlockerFor, approveSelected } from '#app/hours/workflow.server.ts'
import { assignedFellows } from '#app/supervision/assignments.server.ts'
import { requireAssignedRecords } from '#app/hours/access.server.ts'
import { bulkApproveSchema } from '#app/hours/schema.ts'
import { checkSignOff, signOffForm } from '#app/supervision/sign-off.server.ts'
import { SignOffFields } from '#app/supervision/sign-off.tsx'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate, formatDateTime, formatMinutes } from '#app/utils/format.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Review · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'record:decide:assigned')
  const url = new URL(request.url)
  const page = pageFrom(url)
  const [rows, counts, fellows] = await Promise.all([reviewQueue(user.id, page), reviewQueueCounts(user.id), assignedFellows(user.id)])
  const { rows: queue, prev, next } = pageLinks(rows, url, page)
  const licenseBlocker = queue.length ? await approvalBlockerFor(user) : null
  return {
    queue,
    prev,
    next,
    counts,
    fellows,
    licenseBlocker,
    signOff: queue.length && !licenseBlocker ? await signOffForm(request) : null,
    signerName: user.name,
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'record:decide:assigned')
  const form = await parseForm(request, bulkApproveSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  await requireAssignedRecords(
    request,
    user,
    form.data.selected.map(([id]) => id),
  )
  const signOff = await checkSignOff(request, user, form.data)
  if ('ok' in signOff) return invalid({ [signOff.field]: signOff.message }, form.values, signOff.field === 'form' ? 409 : 400)
  const result = await approveSelected(user, form.data.selected, auditContext(request), signOff)
  if (!result.ok) return invalid({ form: result.message }, form.values, 409)
  return redirectWithFlash('/review', `${result.count} record${result.count === 1 ? '' : 's'} approved.`)
}

export default function ReviewPage() {
  const { queue, prev, next, counts, fellows, licenseBlocker, signOff, signerName } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(bulkApproveSchema, {
    serverResult: actionData,
    defaultValues: { intent: 'approve-selected', selected: [] },
  })
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  return (
    <>
      <PageHeader
        title="Review queue"
        description="Records your fellows submitted, oldest first. Open one to approve it or return it with a comment; approve several clean ones at once with the checkboxes. A record marked “possible duplicate” has another of the same kind, day and participant, client or supervisor."
      />
      <section className="card" aria-labelledby="counts-heading">
        <h2 id="counts-heading">{total === 0 ? 'Nothing is waiting for you' : `${total} waiting`}</h2>
        <ul className="row plain-inline">
          {Object.entries(counts).map(([kind, n]) => (
            <li key={kind}>
              <span className="badge submitted">{n}</span> {KIND_LABELS[kind as keyof typeof KIND_LABELS]}
            </li>
          ))}
        </ul>
      </section>
      {queue.length ? (
        <Form method="post" noValidate onSubmit={onSubmit}>
          <FormError error={formError ?? errorFor('selected')} />
          <input type="hidden" {...register('intent')} />
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">Submitted records</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <span className="visually-hidden">Select</span>
                  </th>
                  <th scope="col">Fellow</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Date</th>
                  <th scope="col" className="num">
                    Duration
                  </th>
                  <th scope="col">Submitted</th>
                  <th scope="col">
                    <span className="visually-hidden">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {queue.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <input
                        type="checkbox"
                        value={`${r.id}:${r.version}`}
                        aria-label={`Select ${r.fellow_name}’s ${KIND_LABELS[r.kind].toLowerCase()} of ${formatDate(r.occurred_on)}`}
                        {...register('selected')}
                      />
                    </td>
                    <td>
                      <Link to={`/review/fellows/${r.fellow_id}`}>{r.fellow_name}</Link>
                    </td>
                    <td>
                      {KIND_LABELS[r.kind]}
                      {r.possibleDuplicate ? (
                        <>
                          {' '}
                          <span className="badge duplicate">possible duplicate</span>
                        </>
                      ) : null}
                    </td>
                    <td>{formatDate(r.occurred_on)}</td>
                    <td className="num">{formatMinutes(r.minutes)}</td>
                    <td>{formatDateTime(r.submitted_at)}</td>
                    <td>
                      <Link
                        to={`/review/${r.id}`}
                        aria-label={`Review ${r.fellow_name}’s ${KIND_LABELS[r.kind].toLowerCase()} of ${formatDate(r.occurred_on)}`}
                      >
                        Review
                      </Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {licenseBlocker ? (
            <p className="alert alert-warning" role="note">
              {licenseBlocker}
            </p>
          ) : signOff ? (
            <>
              <SignOffFields signOff={signOff} name={signerName} register={register} errorFor={errorFor} />
              <button type="submit" className="button">
                Sign and approve selected
              </button>
            </>
          ) : null}
        </Form>
      ) : null}
      <Pager prev={prev} next={next} />
      <section className="card" aria-labelledby="fellows-heading">
        <h2 id="fellows-heading">Your fellows</h2>
        {fellows.length === 0 ? (
          <p className="muted">No fellows are assigned to you yet. Institute staff make assignments.</p>
        ) : (
          <ul className="plain-list">
            {fellows.map((f) => (
              <li key={f.id}>
                <Link to={`/review/fellows/${f.id}`}>{f.name}</Link> <span className="muted small">{f.email}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}
