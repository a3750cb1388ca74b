import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/guard.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { Pager } from '#app/components/pager.tsx'
import { meetingsOf } from '#app/supervision/group.server.ts'
import { formatDate, formatMinutes } from '#app/utils/format.ts'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'

export const meta: MetaFunction = () => [{ title: 'Group supervision · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'record:decide:assigned')
  const url = new URL(request.url)
  const page = pageFrom(url)
  const { rows, prev, next } = pageLinks(await meetingsOf(user.id, page), url, page)
  return { meetings: rows.map((m) => ({ ...m, present: Number(m.present), disputed: Number(m.disputed) })), prev, next }
}

export default function GroupMeetingsPage() {
  const { meetings, prev, next } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="Group supervision"
        breadcrumbs={[{ to: '/review', label: 'Review' }]}
        description="Meetings you recorded. Each fellow present has a signed group supervision record; a fellow marked by mistake can dispute it, and you correct it on the meeting's page."
        actions={
          <Link className="button" to="/review/group-supervision/new">
            Record a meeting
          </Link>
        }
      />
      <section className="card" aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">Your meetings</h2>
        {meetings.length ? (
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Topic</th>
                  <th scope="col" className="num">
                    Duration
                  </th>
                  <th scope="col" className="num">
                    Fellows
                  </th>
                  <th scope="col">Disputes</th>
                </tr>
              </thead>
              <tbody>
                {meetings.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <Link to={`/review/group-supervision/${m.id}`}>{formatDate(m.occurred_on)}</Link>
                    </td>
                    <td>{m.topic.length > 80 ? `${m.topic.slice(0, 80)}…` : m.topic}</td>
                    <td className="num">{formatMinutes(m.minutes)}</td>
                    <td className="num">{m.present}</td>
                    <td>{m.disputed ? <span className="badge returned">{m.disputed} disputed</span> : <span className="muted">None</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="muted">
            No group meetings yet. <Link to="/review/group-supervision/new">Record one</Link> once instead of asking each fellow to log it.
          </p>
        )}
        <Pager prev={prev} next={next} />
      </section>
    </>
  )
}
