import type { LoaderFunctionArgs } from '@remix-run/node'
import { isWellFormedCode } from '#app/certificates/codes.ts'
import { signedSummaryCredentialOf } from '#app/certificates/credentials.server.ts'
import { appOrigin } from '#app/env.server.ts'
import { parseSummary, summaryByCode } from '#app/summaries/summaries.server.ts'
import { categoryLines } from '#app/summaries/summary.ts'

const JSON_LD = { 'Content-Type': 'application/ld+json; charset=utf-8', 'Cache-Control': 'no-cache' }

// Public, like the summary's verify page: the practicum summary as a signed Open Badges 3.0
// credential, one result per category. Summaries from before categories were counted have none to state.
export async function loader({ params }: LoaderFunctionArgs) {
  const code = params.code ?? ''
  const summary = isWellFormedCode(code) ? await summaryByCode(code) : undefined
  if (!summary) return new Response(JSON.stringify({ error: 'No practicum summary has this code.' }), { status: 404, headers: JSON_LD })
  const content = parseSummary(summary.content)
  const results = content.categories
    ? categoryLines(content.categories).map(({ section, label, tally }) => ({ section, label, count: tally.count, minutes: tally.minutes }))
    : null
  const credential = await signedSummaryCredentialOf(summary, results, appOrigin())
  if (!credential) {
    return new Response(JSON.stringify({ error: 'This summary was generated before hours were counted by category; generate a new one.' }), {
      status: 404,
      headers: JSON_LD,
    })
  }
  return new Response(JSON.stringify(credential, null, 2), {
    headers: { ...JSON_LD, 'Content-Disposition': 'attachment; filename="practicum-summary-credential.json"' },
  })
}
