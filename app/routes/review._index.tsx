import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { useSyncExternalStore } from 'react'
import { auditContext } from '#app/audit/audit.server.ts'
import { forbidden, requirePermission } from '#app/auth/guard.server.ts'
import { FilterSelect } from '#app/components/filter-select.tsx'
import { FormError } from '#app/components/forms.tsx'
import { ListLink } from '#app/components/list-link.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { db } from '#app/db.server.ts'
import { requireAssignedRecords } from '#app/hours/access.server.ts'
import { KIND_LABELS, options } from '#app/hours/labels.ts'
import { isFiltered, QUEUE_DEFAULT_SIZE, QUEUE_PAGE_SIZES, queueFiltersFrom, queueSizeFrom } from '#app/hours/queue-filters.ts'
import { approveAllOfFellow, fellowBacklog } from '#app/hours/queue.server.ts'
import { reviewQueue, reviewQueueTallies } from '#app/hours/records.server.ts'
import { bulkApproveSchema } from '#app/hours/schema.ts'
import { approvalBlockerFor, approveSelected } from '#app/hours/workflow.server.ts'
import { assignedFellows, isAssigned } from '#app/supervision/assignments.server.ts'
import { checkSignOff, signOffForm } from '#app/supervision/sign-off.server.ts'
import { SignOffFields, type SignOffView } from '#app/supervision/sign-off.tsx'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatMinutes } from '#app/utils/format.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Review · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'record:decide:assigned')
  const url = new URL(request.url)
  const page = pageFrom(url)
  const filters = queueFiltersFrom(url)
  const size = queueSizeFrom(url)
  const [rows, tallies, fellows] = await Promise.all([reviewQueue(user.id, page, filters, size), reviewQueueTallies(user.id), assignedFellows(user.id)])
  const { rows: queue, prev, next } = pageLinks(rows, url, page, size)
  // "Approve all of this fellow" is offered once the queue is narrowed to one of the supervisor's fellows with something waiting.
  const fellow = filters.fellow === null ? null : (fellows.find((f) => f.id === filters.fellow) ?? null)
  const backlog = fellow && tallies.byFellow[fellow.id] ? await fellowBacklog(user.id, fellow.id) : null
  const licenseBlocker = queue.length || backlog ? await approvalBlockerFor(user) : null
  return {
    queue,
    prev,
    next,
    page,
    size,
    filters,
    counts: tallies.byKind,
    fellows: fellows.map((f) => ({ ...f, waiting: tallies.byFellow[f.id] ?? 0 })),
    backlog: backlog && fellow ? { fellowId: fellow.id, fellowName: fellow.name, count: backlog.count, token: backlog.token } : null,
    licenseBlocker,
    signOff: (queue.length || backlog) && !licenseBlocker ? await signOffForm(request) : null,
    signerName: user.name,
  }
}

const RELOAD = 'Reload the page and try again.'

/** Back to the queue as it was filtered (the first page: what was approved has left it). */
function queueUrl(request: Request) {
  const params = new URL(request.url).searchParams
  params.delete('index')
  params.delete('page')
  const search = params.toString()
  return `/review${search ? `?${search}` : ''}`
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'record:decide:assigned')
  const form = await parseForm(request, bulkApproveSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const { intent } = form.data

  if (intent === 'approve-fellow') {
    const { fellowId, fellowCount, fellowToken } = form.data
    if (fellowId === undefined || fellowCount === undefined || fellowToken === undefined) return invalid({ form: RELOAD }, form.values)
    // Assignment first: another supervisor's fellow and an id nobody has get the same logged 403.
    if (!(await isAssigned(user.id, fellowId))) throw await forbidden(request, user, 'supervisor not assigned to this fellow', `user:${fellowId}`)
    const fellow = await db.selectFrom('users').select(['id', 'name']).where('id', '=', fellowId).executeTakeFirstOrThrow()
    const signOff = await checkSignOff(request, user, form.data)
    if ('ok' in signOff) return invalid({ [signOff.field]: signOff.message }, form.values, signOff.field === 'form' ? 409 : 400)
    const result = await approveAllOfFellow(user, fellow, { count: fellowCount, token: fellowToken }, auditContext(request), signOff)
    if (!result.ok) return invalid({ form: result.message }, form.values, 409)
    return redirectWithFlash(queueUrl(request), `${result.count} record${result.count === 1 ? '' : 's'} of ${fellow.name} approved.`)
  }

  const pairs = intent === 'approve-page' ? form.data.shown : form.data.selected
  if (!pairs?.length) return invalid({ form: RELOAD }, form.values)
  await requireAssignedRecords(
    request,
    user,
    pairs.map(([id]) => id),
  )
  const signOff = await checkSignOff(request, user, form.data)
  if ('ok' in signOff) return invalid({ [signOff.field]: signOff.message }, form.values, signOff.field === 'form' ? 409 : 400)
  const result = await approveSelected(user, pairs, auditContext(request), signOff)
  if (!result.ok) return invalid({ form: result.message }, form.values, 409)
  return redirectWithFlash(queueUrl(request), `${result.count} record${result.count === 1 ? '' : 's'} approved.`)
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>

const noop = () => () => {}
/** True once React runs in the browser: controls that only work with JavaScript appear then. */
function useHydrated() {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  )
}

export default function ReviewPage() {
  const data = useLoaderData<typeof loader>()
  const { queue, prev, next, page, size, filters, counts, fellows, backlog } = data
  const total = Object.values(counts).reduce((a, b) => a + b, 0)
  const filtered = isFiltered(filters)
  const first = (page - 1) * size + 1
  return (
    <>
      <PageHeader
        title="Review queue"
        description="Records your fellows submitted, oldest first. Open one to approve it or return it with a comment; approve clean ones together: the ticked ones, every one on the page, or every one a fellow submitted. A record marked “possible duplicate” has another of the same kind, day and participant, client or supervisor."
        actions={
          <Link className="button secondary" to="/review/group-supervision">
            Group supervision
          </Link>
        }
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

      {/* Keyed by what it shows, so moving between filtered pages (a link, the pager) shows their choices. */}
      <Form key={JSON.stringify([filters, size])} method="get" className="filters" aria-label="Filter the queue">
        <FilterSelect
          name="fellow"
          label="Fellow"
          allLabel="All fellows"
          options={fellows.map((f) => ({ value: String(f.id), label: `${f.name} (${f.waiting})` }))}
          defaultValue={filters.fellow === null ? null : String(filters.fellow)}
        />
        <FilterSelect name="kind" label="Kind" allLabel="All kinds" options={options(KIND_LABELS)} defaultValue={filters.kind} />
        <div className="field">
          <label htmlFor="queue-from">Session from</label>
          <input id="queue-from" type="date" name="from" defaultValue={filters.from ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="queue-to">Session to</label>
          <input id="queue-to" type="date" name="to" defaultValue={filters.to ?? ''} />
        </div>
        <div className="field">
          <label htmlFor="queue-size">Per page</label>
          <select id="queue-size" name="size" defaultValue={String(QUEUE_PAGE_SIZES.includes(size as 25) ? size : QUEUE_DEFAULT_SIZE)}>
            {QUEUE_PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button secondary">
          Filter
        </button>
        {filtered ? (
          <Link to={size === QUEUE_DEFAULT_SIZE ? '/review' : `/review?size=${size}`} className="small">
            Clear filters
          </Link>
        ) : null}
      </Form>

      {queue.length ? (
        <ApproveForm
          // A new page of records is a new form: nothing ticked or typed for the old rows carries over.
          key={`${queue.map((r) => `${r.id}:${r.version}`).join(' ')}|${backlog?.token ?? ''}`}
          data={data}
        />
      ) : (
        <div className="card">
          <p>
            {filtered ? 'No waiting records match these filters.' : total === 0 ? 'When your fellows submit records, they appear here.' : 'This page is empty.'}
          </p>
          {filtered || page > 1 ? <Link to="/review">Show the whole queue</Link> : null}
        </div>
      )}

      {prev || next ? (
        <nav className="pagination" aria-label="Pagination">
          {prev ? (
            <Link className="button secondary small" to={prev} rel="prev">
              ← Previous {size}
            </Link>
          ) : (
            <span />
          )}
          <span className="muted small">
            Records {first}–{first + queue.length - 1}
          </span>
          {next ? (
            <Link className="button secondary small" to={next} rel="next">
              Next {size} →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}

      <section className="card" aria-labelledby="fellows-heading">
        <h2 id="fellows-heading">Your fellows</h2>
        {fellows.length === 0 ? (
          <p className="muted">No fellows are assigned to you yet. Institute staff make assignments.</p>
        ) : (
          <ul className="plain-list">
            {fellows.map((f) => (
              <li key={f.id}>
                <ListLink to={`/review/fellows/${f.id}`}>{f.name}</ListLink> <span className="muted small">{f.email}</span>{' '}
                {f.waiting ? (
                  <ListLink to={`/review?fellow=${f.id}`} aria-label={`Show the ${f.waiting} waiting record${f.waiting === 1 ? '' : 's'} of ${f.name}`}>
                    {f.waiting} waiting
                  </ListLink>
                ) : (
                  <span className="muted small">nothing waiting</span>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  )
}

/** The table with its checkboxes, the signature, and the three ways to approve: ticked, this page, or all of one fellow. */
function ApproveForm({ data }: { data: LoaderData }) {
  const { formatDate, formatDateTime } = useFormat()
  const { queue, backlog, licenseBlocker, signOff, signerName } = data
  const actionData = useActionData<typeof action>()
  const { register, onSubmit, errorFor, formError, setValue, watch } = useValidatedForm(bulkApproveSchema, {
    serverResult: actionData,
    defaultValues: { selected: [] },
  })
  const hydrated = useHydrated()
  const pairs = queue.map((r) => `${r.id}:${r.version}`)
  const ticked = watch('selected') as string[] | false | undefined
  const tickedCount = Array.isArray(ticked) ? ticked.filter((v) => pairs.includes(v)).length : 0
  const allTicked = tickedCount === pairs.length
  // One registration serves every row's checkbox: they are one field, a list of the ticked records.
  const selectBox = register('selected')
  return (
    <Form method="post" noValidate onSubmit={onSubmit}>
      <FormError error={formError ?? errorFor('selected')} />
      {backlog ? (
        <p className="alert alert-info" role="note">
          {backlog.fellowName} has {backlog.count} submitted record{backlog.count === 1 ? '' : 's'} waiting for you
          {backlog.count > queue.length ? ` (${queue.length} on this page)` : ''}. Sign below to approve {backlog.count === 1 ? 'it' : 'them all'} at once.
        </p>
      ) : null}
      <input type="hidden" name="shown" value={pairs.join(' ')} />
      {backlog ? (
        <>
          <input type="hidden" name="fellowId" value={backlog.fellowId} />
          <input type="hidden" name="fellowCount" value={backlog.count} />
          <input type="hidden" name="fellowToken" value={backlog.token} />
        </>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">Submitted records, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">
                {hydrated ? (
                  <input
                    type="checkbox"
                    aria-label="Select all on this page"
                    checked={allTicked}
                    onChange={(e) => setValue('selected', e.currentTarget.checked ? pairs : [], { shouldValidate: false })}
                  />
                ) : (
                  <span className="visually-hidden">Select</span>
                )}
              </th>
              <th scope="col">Fellow</th>
              <th scope="col">Record</th>
              <th scope="col">Date</th>
              <th scope="col" className="num">
                Duration
              </th>
              <th scope="col">Code</th>
              <th scope="col">Notes</th>
              <th scope="col">Submitted</th>
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {queue.map((r) => {
              const date = formatDate(r.occurred_on)
              const what = `${r.fellow_name}’s ${KIND_LABELS[r.kind].toLowerCase()} of ${date}`
              return (
                <tr key={r.id}>
                  <td>
                    <input type="checkbox" value={`${r.id}:${r.version}`} aria-label={`Select ${what}`} {...selectBox} />
                  </td>
                  <td>
                    <ListLink to={`/review/fellows/${r.fellow_id}`}>{r.fellow_name}</ListLink>
                  </td>
                  <td>
                    {KIND_LABELS[r.kind]}
                    {r.category ? <div className="muted small">{r.category}</div> : null}
                    {r.possibleDuplicate ? (
                      <div>
                        <span className="badge duplicate">possible duplicate</span>
                      </div>
                    ) : null}
                  </td>
                  <td>{date}</td>
                  <td className="num">{formatMinutes(r.minutes)}</td>
                  <td>{r.code ?? <span className="muted">—</span>}</td>
                  <td className="small">{r.notes ?? <span className="muted">—</span>}</td>
                  <td>{formatDateTime(r.submitted_at)}</td>
                  <td>
                    <ListLink to={`/review/${r.id}`} aria-label={`Review ${what}`}>
                      Review
                    </ListLink>
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      {licenseBlocker ? (
        <p className="alert alert-warning" role="note">
          {licenseBlocker}
        </p>
      ) : signOff ? (
        <>
          <SignOffFields signOff={signOff as SignOffView} name={signerName} register={register} errorFor={errorFor} />
          <div className="row">
            <button type="submit" name="intent" value="approve-selected" className="button">
              Sign and approve selected{hydrated && tickedCount ? ` (${tickedCount})` : ''}
            </button>
            <button type="submit" name="intent" value="approve-page" className="button">
              Sign and approve all {queue.length} on this page
            </button>
            {backlog ? (
              <button type="submit" name="intent" value="approve-fellow" className="button">
                Sign and approve all {backlog.count} submitted record{backlog.count === 1 ? '' : 's'} of {backlog.fellowName}
              </button>
            ) : null}
          </div>
        </>
      ) : null}
    </Form>
  )
}
