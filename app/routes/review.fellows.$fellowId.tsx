import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { forbidden, notFound, requireRole } from '#app/auth/guard.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { Pager } from '#app/components/pager.tsx'
import { db } from '#app/db.server.ts'
import { ClearanceStatus, HoursSummary, RecordsTable } from '#app/hours/components.tsx'
import { recordFiltersFrom } from '#app/hours/filters.ts'
import { clearanceToday, fellowRecordsPage, fellowTally } from '#app/hours/records.server.ts'
import { isAssigned } from '#app/supervision/assignments.server.ts'
import { SupervisionCard } from '#app/supervision/agreements-card.tsx'
import { supervisionOf } from '#app/supervision/agreements.server.ts'
import { hoursTargets } from '#app/programs/targets.server.ts'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'
import { positiveId } from '#app/utils/ids.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.fellow.name ?? 'Fellow'} · Review · KAP Fellowship` }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['supervisor', 'staff'])
  const fellowId = positiveId(params.fellowId)
  if (!fellowId) throw notFound('There is no such fellow.')
  // Assignment first: a supervisor learns nothing about people who are not theirs, not even whether they exist.
  if (!user.roles.includes('staff') && !(await isAssigned(user.id, fellowId))) {
    throw await forbidden(request, user, 'supervisor not assigned to this fellow', `user:${fellowId}`)
  }
  const fellow = await db.selectFrom('users').select(['id', 'name', 'email', 'time_zone']).where('id', '=', fellowId).executeTakeFirst()
  if (!fellow) throw notFound('There is no such fellow.')
  const url = new URL(request.url)
  const page = pageFrom(url)
  const [rows, tally, { clearance, letters }, supervision] = await Promise.all([
    fellowRecordsPage(fellow.id, recordFiltersFrom(url), page, { includeDrafts: false }),
    fellowTally(fellow.id),
    clearanceToday({ id: fellow.id, timeZone: fellow.time_zone }),
    supervisionOf(fellow.id, user),
  ])
  const { rows: records, prev, next } = pageLinks(rows, url, page)
  return {
    fellow: { id: fellow.id, name: fellow.name, email: fellow.email },
    tally,
    targets: hoursTargets(),
    clearance,
    letters,
    records,
    prev,
    next,
    supervision,
  }
}

export default function FellowProgressPage() {
  const { fellow, tally, targets, clearance, letters, records, prev, next, supervision } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title={fellow.name} breadcrumbs={[{ to: '/review', label: 'Review' }]} />
      <section className="card" aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress</h2>
        <HoursSummary tally={tally} targets={targets} />
        <ClearanceStatus clearance={clearance} letters={letters} />
      </section>
      <SupervisionCard fellowId={fellow.id} {...supervision} />
      <section aria-labelledby="records-heading">
        <h2 id="records-heading">Records</h2>
        {records.length === 0 ? (
          <p className="card muted">No submitted records yet.</p>
        ) : (
          <RecordsTable records={records} linkTo={(r) => (r.status === 'submitted' ? `/review/${r.id}` : `/hours/${r.id}`)} />
        )}
        <Pager prev={prev} next={next} />
      </section>
    </>
  )
}
