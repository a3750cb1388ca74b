import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { notFound } from '#app/auth/guard.server.ts'
import { criteriaOf } from '#app/certificates/open-badges.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.title ?? 'Program'} · KAP Fellowship` }]

// Public: what a certificate for this program attests (Open Badges achievements link here).
export async function loader({ params }: LoaderFunctionArgs) {
  const catalog = getCatalog()
  const program = catalog.program(params.slug ?? '')
  if (!program) throw notFound('There is no such program.')
  const titleOf = (slug: string) => catalog.program(slug)?.title ?? catalog.course(slug)?.title ?? slug
  return {
    title: program.title,
    summary: program.summary,
    descriptionHtml: program.descriptionHtml,
    // The category minimums boards count follow the totals they are part of.
    criteria: criteriaOf(program, titleOf),
    validityMonths: program.validityMonths ?? null,
  }
}

export default function ProgramPage() {
  const program = useLoaderData<typeof loader>()
  return (
    <div className="card">
      <p className="muted small">KAP Fellowship program</p>
      <h1>{program.title}</h1>
      <p>{program.summary}</p>
      <div className="prose" dangerouslySetInnerHTML={{ __html: program.descriptionHtml }} />
      <h2>Requirements for the certificate</h2>
      <ul>
        {program.criteria.map((c) => (
          <li key={c}>{c}</li>
        ))}
      </ul>
      {program.validityMonths ? <p className="muted">Certificates are valid for {program.validityMonths} months from issue.</p> : null}
    </div>
  )
}
