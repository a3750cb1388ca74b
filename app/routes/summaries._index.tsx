import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData, useNavigation } from '@remix-run/react'
import { z } from 'zod'
import { auditContext } from '#app/audit/audit.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { requireSummaryOwner } from '#app/summaries/access.server.ts'
import { generateSummary, summariesOf } from '#app/summaries/summaries.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { intentField } from '#app/utils/hidden-fields.ts'

export const meta: MetaFunction = () => [{ title: 'Practicum summaries · KAP Fellowship' }]

const generateSchema = z.strictObject({ intent: intentField('generate') })

export async function loader({ request }: LoaderFunctionArgs) {
  const { fellow, isStaff, user } = await requireSummaryOwner(request)
  const summaries = await summariesOf(fellow.id)
  return { fellow, forSomeoneElse: fellow.id !== user.id, isStaff, summaries: summaries.map((s, i) => ({ ...s, current: i === 0 })) }
}

export async function action({ request }: ActionFunctionArgs) {
  const { user, fellow } = await requireSummaryOwner(request)
  const form = await parseForm(request, generateSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  await generateSummary(user, fellow.id, auditContext(request))
  const query = fellow.id === user.id ? '' : `?fellow=${fellow.id}`
  return redirectWithFlash(`/summaries${query}`, 'A new practicum summary is ready. Earlier ones now show as superseded.')
}

export default function SummariesPage() {
  const { formatDateTime } = useFormat()
  const { fellow, forSomeoneElse, summaries } = useLoaderData<typeof loader>()
  const navigation = useNavigation()
  return (
    <>
      <PageHeader
        title={`Practicum summaries${forSomeoneElse ? `: ${fellow.name}` : ''}`}
        breadcrumbs={[forSomeoneElse ? { to: `/staff/people/${fellow.id}`, label: fellow.name } : { to: '/hours', label: 'Hours' }]}
        description="A PDF (and the same figures as CSV, for a spreadsheet) for licensing boards and employers: approved records by kind, month and the categories boards count, totals per supervisor with their license and its expiry, the statements they signed, the program requirements met, and a code anyone can verify. It never includes participant or client codes or private reflections."
        actions={
          <Form method="post">
            <input type="hidden" name="intent" value="generate" />
            <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
              Generate a new summary
            </button>
          </Form>
        }
      />
      {summaries.length === 0 ? (
        <p className="card">No summary generated yet.</p>
      ) : (
        <ul className="plain-list card">
          {summaries.map((s) => (
            <li key={s.id} className="row spread">
              <span>
                Generated {formatDateTime(s.generated_at)}{' '}
                {s.current ? <span className="badge current">current</span> : <span className="badge superseded">superseded</span>}
              </span>
              <span className="row">
                <a href={`/summaries/${s.id}/pdf`} download>
                  Download PDF
                </a>
                <a href={`/summaries/${s.id}/csv`} download>
                  Download CSV
                </a>
                <a href={`/verify/summary/${s.code}`}>Verify page</a>
              </span>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}
