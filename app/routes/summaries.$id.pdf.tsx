import type { LoaderFunctionArgs } from '@remix-run/node'
import { getOptionalUser } from '#app/auth/guard.server.ts'
import { appOrigin } from '#app/env.server.ts'
import { requireOwnSummary } from '#app/summaries/access.server.ts'
import { summaryPdf } from '#app/summaries/pdf.server.ts'
import { parseSummary, summaryVerifyUrl } from '#app/summaries/summaries.server.ts'
import { timeZoneOf } from '#app/utils/time-zone.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const summary = await requireOwnSummary(request, params.id)
  // Dates in the reader's zone (the same request's session: no second lookup).
  const reader = await getOptionalUser(request)
  const pdf = await summaryPdf(parseSummary(summary.content), summaryVerifyUrl(appOrigin(), summary.code), summary.code, timeZoneOf(reader))
  const day = summary.generated_at.slice(0, 10)
  return new Response(Buffer.from(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="practicum-summary-${day}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
