import { useLoaderData, type MetaFunction } from '@remix-run/react'

export const meta: MetaFunction = () => [{ title: 'Floor: a 50-row table' }]

const STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const

/** Fifty rows made on the spot: the loader does no I/O, so the page costs only the framework. */
export function loader() {
  const rows = Array.from({ length: 50 }, (_, i) => ({
    id: i + 1,
    name: `Fellow ${String(i + 1).padStart(2, '0')}`,
    email: `fellow${i + 1}@floor.test`,
    date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10),
    minutes: 60 + ((i * 37) % 240),
    status: STATUSES[i % STATUSES.length]!,
  }))
  return { rows }
}

export default function Table() {
  const { rows } = useLoaderData<typeof loader>()
  return (
    <main>
      <h1>Records</h1>
      <table>
        <thead>
          <tr>
            <th>#</th>
            <th>Name</th>
            <th>Email</th>
            <th>Date</th>
            <th>Minutes</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td>{row.id}</td>
              <td>
                <a href={`/people/${row.id}`}>{row.name}</a>
              </td>
              <td>{row.email}</td>
              <td>{row.date}</td>
              <td>{row.minutes}</td>
              <td>{row.status}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </main>
  )
}
