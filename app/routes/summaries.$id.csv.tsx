import type { LoaderFunctionArgs } from '@remix-run/node'
import { appOrigin } from '#app/env.server.ts'
import { csvResponse, toCsv } from '#app/reports/csv.ts'
import { requireOwnSummary } from '#app/summaries/access.server.ts'
import { SUMMARY_CSV_HEADER, summaryCsvRows } from '#app/summaries/csv.ts'
import { parseSummary, summaryVerifyUrl } from '#app/summaries/summaries.server.ts'

// The summary's figures for a spreadsheet, beside its PDF (/summaries/:id/pdf) and with the same
// access: the fellow and staff; for anyone else it does not exist.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const summary = await requireOwnSummary(request, params.id)
  const rows = summaryCsvRows(parseSummary(summary.content), summary.code, summaryVerifyUrl(appOrigin(), summary.code))
  return csvResponse(`practicum-summary-${summary.generated_at.slice(0, 10)}.csv`, toCsv(SUMMARY_CSV_HEADER, rows))
}
