import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { RECORD_KINDS } from '#db/schema.ts'
import { isWellFormedCode } from '#app/certificates/codes.ts'
import { KIND_LABELS } from '#app/hours/labels.ts'
import { newerSummary, parseSummary, summaryByCode } from '#app/summaries/summaries.server.ts'
import { categoryLines } from '#app/summaries/summary.ts'
import { hours } from '#app/utils/format.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'

export const meta: MetaFunction = () => [{ title: 'Practicum summary verification · KAP Fellowship' }, { name: 'robots', content: 'noindex' }]

// Public: confirms a summary is genuine and whether a newer one replaced it.
export async function loader({ params }: LoaderFunctionArgs) {
  const code = params.code ?? ''
  const summary = isWellFormedCode(code) ? await summaryByCode(code) : undefined
  if (!summary) return data({ found: false as const, code: code.slice(0, 60) }, { status: 404 })
  const newer = await newerSummary(summary)
  const content = parseSummary(summary.content)
  return {
    found: true as const,
    code,
    holder: summary.holder_name,
    generatedAt: summary.generated_at,
    supersededAt: newer?.generated_at ?? null,
    totals: content.totals,
    // Absent from summaries generated before categories were counted.
    categories: content.categories ? categoryLines(content.categories) : null,
    programs: content.programs.filter((p) => p.met).map((p) => p.title),
  }
}

export default function VerifySummaryPage() {
  const { formatDate, formatDateTime } = useFormat()
  const result = useLoaderData<typeof loader>()
  if (!result.found) {
    return (
      <div className="narrow-page card" role="status">
        <h1>No practicum summary has this code</h1>
        <p>
          We could not find a summary with the code <code>{result.code}</code>. Check that it was typed exactly as printed.
        </p>
        <p>
          <Link to="/verify">Verify a certificate instead</Link>
        </p>
      </div>
    )
  }
  return (
    <div className="narrow-page card" role="status">
      <p className="muted small">KAP Fellowship practicum summary verification</p>
      <h1>Genuine summary {result.supersededAt ? <span className="badge superseded">superseded</span> : <span className="badge current">current</span>}</h1>
      {result.supersededAt ? (
        <p className="alert alert-warning">A newer summary for this fellow was generated on {formatDateTime(result.supersededAt)}. Ask them for it.</p>
      ) : (
        <p>This is the most recent summary generated for this fellow.</p>
      )}
      <dl className="facts">
        <dt>Fellow</dt>
        <dd>{result.holder}</dd>
        <dt>Generated</dt>
        <dd>{formatDate(result.generatedAt)}</dd>
        {RECORD_KINDS.map((k) => (
          <div key={k} className="contents">
            <dt>{KIND_LABELS[k]}</dt>
            <dd>
              {result.totals[k].count} approved · {hours(result.totals[k].minutes)} h
            </dd>
          </div>
        ))}
        {result.categories ? (
          <>
            <dt>By category</dt>
            <dd>
              <ul className="plain-list">
                {result.categories.map((l) => (
                  <li key={`${l.section}-${l.label}`}>
                    {l.section}, {l.label.toLowerCase()}: {l.tally.count} · {hours(l.tally.minutes)} h
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>Programs met</dt>
        <dd>{result.programs.length ? result.programs.join(', ') : 'none yet'}</dd>
      </dl>
      {result.categories ? (
        <p>
          <a className="button secondary" href={`/verify/summary/${result.code}/credential.json`} download>
            Download credential (Open Badges 3.0)
          </a>
        </p>
      ) : null}
    </div>
  )
}
