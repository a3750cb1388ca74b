import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { ROLES, type Role } from '#db/schema.ts'
import { requirePermission } from '#app/auth/guard.server.ts'
import { FilterSelect } from '#app/components/filter-select.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Pager } from '#app/components/pager.tsx'
import { searchPeople } from '#app/staff/people.server.ts'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'
import { ListLink } from '#app/components/list-link.tsx'

export const meta: MetaFunction = () => [{ title: 'People · Staff · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'people:manage:any')
  const url = new URL(request.url)
  const page = pageFrom(url)
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, 100)
  const roleParam = url.searchParams.get('role') ?? ''
  const role = (ROLES as readonly string[]).includes(roleParam) ? (roleParam as Role) : null
  const { rows, prev, next } = pageLinks(await searchPeople({ q, role, page }), url, page)
  return { people: rows, prev, next, q, role }
}

export default function PeoplePage() {
  const { people, prev, next, q, role } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="People"
        breadcrumbs={[{ to: '/staff', label: 'Staff' }]}
        actions={
          <Link className="button" to="/staff/invitations">
            Invite someone
          </Link>
        }
      />
      <Form method="get" className="filters" role="search" aria-label="Search people">
        <div className="field">
          <label htmlFor="people-q">Name or email</label>
          <input id="people-q" type="search" name="q" defaultValue={q} />
        </div>
        <FilterSelect name="role" label="Role" allLabel="Any role" options={ROLES.map((r) => ({ value: r, label: r }))} defaultValue={role} />
        <button type="submit" className="button secondary">
          Search
        </button>
      </Form>
      {people.length === 0 ? (
        <p className="card">No one matches {q ? `“${q}”` : 'these filters'}.</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">People</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Roles</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <td>
                    <ListLink to={`/staff/people/${p.id}`}>{p.name}</ListLink>
                  </td>
                  <td>{p.email}</td>
                  <td>{p.roles}</td>
                  <td>{p.active ? <span className="badge approved">active</span> : <span className="badge inactive">deactivated</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pager prev={prev} next={next} />
    </>
  )
}
