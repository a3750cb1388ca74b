import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useMemo } from 'react'
import { z } from 'zod'
import { auditActions, auditActors, auditLogPage, summarizeDetail } from '#app/audit/log.server.ts'
import { requirePermission } from '#app/auth/guard.server.ts'
import { SelectField, TextField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { calendarDateField } from '#app/utils/dates.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { echoValues, fieldErrorsOf } from '#app/utils/forms.ts'
import { withParam } from '#app/utils/pagination.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { positiveId } from '#app/utils/ids.ts'

export const meta: MetaFunction = () => [{ title: 'Audit log · Staff · KAP Fellowship' }]

// The filter form's schema: the browser checks it before navigating, the loader
// checks the query string with it. Empty fields mean "any".
const empty = (v: unknown) => (v === '' ? undefined : v)
const filterDate = calendarDateField('Enter a date as YYYY-MM-DD.')

const auditFilterSchema = z
  .object({
    actor: z.preprocess(
      empty,
      z
        .union(
          [
            z.literal('none'),
            z
              .string()
              .regex(/^\d{1,9}$/)
              .transform(Number),
          ],
          { error: 'Choose a person from the list.' },
        )
        .optional(),
    ),
    q: z.preprocess(empty, z.string().trim().max(100, 'Use at most 100 characters.').optional()),
    action: z.preprocess(empty, z.string().max(100, 'Choose an action from the list.').optional()),
    from: z.preprocess(empty, filterDate.optional()),
    to: z.preprocess(empty, filterDate.optional()),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ['to'], message: 'The last day must be on or after the first day.' })

const FILTER_KEYS = ['actor', 'q', 'action', 'from', 'to'] as const

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'audit:read:any')
  const url = new URL(request.url)
  const raw = Object.fromEntries(FILTER_KEYS.map((key) => [key, (url.searchParams.get(key) ?? '').slice(0, 200)]))
  const before = positiveId(url.searchParams.get('before'))
  const [actors, actions] = await Promise.all([auditActors(), auditActions()])
  const parsed = auditFilterSchema.safeParse(raw)
  const filtered = FILTER_KEYS.some((key) => raw[key])
  const base = { actors, actions, values: echoValues(raw), filtered }
  if (!parsed.success) {
    return { ...base, errors: fieldErrorsOf(parsed.error), entries: [], older: null, newest: null }
  }
  const { entries, olderBefore } = await auditLogPage(parsed.data, before)
  return {
    ...base,
    errors: undefined,
    entries: entries.map((e) => ({ ...e, detail: summarizeDetail(e.detail) })),
    older: olderBefore ? withParam(url, 'before', olderBefore) : null,
    newest: before ? withParam(url, 'before', null) : null,
  }
}

export default function AuditLogPage() {
  const { formatDateTime } = useFormat()
  const { actors, actions, values, errors, filtered, entries, older, newest } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="Audit log"
        breadcrumbs={[{ to: '/staff', label: 'Staff' }]}
        description="Sign-ins, refusals, decisions, changes and report downloads, newest first. The log is append-only: entries cannot be edited or deleted."
      />

      {/* Remounted when the filters change so the fields always show what the list shows. */}
      <AuditFilters key={JSON.stringify(values)} actors={actors} actions={actions} values={values} errors={errors} filtered={filtered} />

      {errors ? (
        <div className="card">
          <p>Correct the filters above to see entries.</p>
        </div>
      ) : entries.length === 0 ? (
        <div className="card">
          <p>{filtered ? 'No entries match these filters.' : 'The audit log is empty.'}</p>
          {filtered ? <Link to="/staff/audit">Show all entries</Link> : null}
        </div>
      ) : (
        // The table scrolls sideways on a phone and holds no links: the box itself takes the keyboard focus, so it can be scrolled without a mouse.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="table-wrap" role="region" aria-label="Audit log entries" tabIndex={0}>
          <table>
            <caption className="visually-hidden">Audit log entries, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">Action</th>
                <th scope="col">Subject</th>
                <th scope="col">Detail</th>
                <th scope="col">IP</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>
                    <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                  </td>
                  <td>
                    {e.actor_id === null ? (
                      <span className="muted">Not signed in</span>
                    ) : (
                      <>
                        {e.actor_name ?? `Person #${e.actor_id}`}
                        {e.actor_email ? <div className="muted small">{e.actor_email}</div> : null}
                      </>
                    )}
                  </td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>{e.subject ? <code>{e.subject}</code> : <span className="muted">—</span>}</td>
                  <td className="small">
                    {e.detail === null ? (
                      <span className="muted">—</span>
                    ) : e.detail.full ? (
                      <details>
                        <summary>{e.detail.text}</summary>
                        <pre className="mail-body">{e.detail.full}</pre>
                      </details>
                    ) : (
                      e.detail.text
                    )}
                  </td>
                  <td className="small">{e.ip ?? <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      {older || newest ? (
        <nav className="pagination" aria-label="Pagination">
          {newest ? (
            <Link className="button secondary small" to={newest}>
              ← Newest
            </Link>
          ) : (
            <span />
          )}
          {older ? (
            <Link className="button secondary small" to={older} rel="next">
              Older →
            </Link>
          ) : (
            <span />
          )}
        </nav>
      ) : null}
    </>
  )
}

function AuditFilters({
  actors,
  actions,
  values,
  errors,
  filtered,
}: {
  actors: { id: number; name: string; email: string }[]
  actions: string[]
  values: Record<string, string | string[]>
  errors?: Record<string, string>
  filtered: boolean
}) {
  // Stable across renders: the hook hands server errors to react-hook-form once per result.
  const serverResult = useMemo(() => (errors ? { errors, values } : { values }), [errors, values])
  const { register, onSubmit, errorFor } = useValidatedForm(auditFilterSchema, {
    defaultValues: { actor: '', q: '', action: '', from: '', to: '' },
    serverResult,
  })
  return (
    <Form method="get" className="filters" aria-label="Filter the audit log" noValidate onSubmit={onSubmit}>
      <SelectField
        label="Person"
        placeholder="Everyone"
        options={[{ value: 'none', label: 'Not signed in' }, ...actors.map((a) => ({ value: String(a.id), label: `${a.name} (${a.email})` }))]}
        registration={register('actor')}
        error={errorFor('actor')}
      />
      <TextField label="Name or email contains" type="search" registration={register('q')} error={errorFor('q')} />
      <SelectField
        label="Action"
        placeholder="All actions"
        options={actions.map((a) => ({ value: a, label: a }))}
        registration={register('action')}
        error={errorFor('action')}
      />
      <TextField label="From" type="date" registration={register('from')} error={errorFor('from')} />
      <TextField label="To" type="date" registration={register('to')} error={errorFor('to')} />
      <div className="form-actions">
        <button type="submit" className="button secondary">
          Filter
        </button>
        {filtered ? <Link to="/staff/audit">Clear</Link> : null}
      </div>
    </Form>
  )
}
