import type { LoaderFunctionArgs } from '@remix-run/node'
import { auditContext } from '#app/audit/audit.server.ts'
import { requirePermission } from '#app/auth/guard.server.ts'
import { csvResponse, toCsv } from '#app/reports/csv.ts'
import { certificatesReport, parseReportQuery, recordExport, REPORTS, reportProblem } from '#app/reports/reports.server.ts'
import { certificatesReportSchema } from '#app/reports/schemas.ts'
import { todayOf } from '#app/utils/time-zone.server.ts'

// GET /staff/reports/certificates.csv[?from=YYYY-MM-DD&to=YYYY-MM-DD] — every certificate issued in the period.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requirePermission(request, 'report:export:any')
  const query = parseReportQuery(new URL(request.url), certificatesReportSchema)
  if (!query.ok) return reportProblem(400, query.message)
  const { from, to } = query.data
  const table = await certificatesReport({ from, to })
  await recordExport(staff, REPORTS.certificates, { from: from ?? null, to: to ?? null }, table.rows.length, auditContext(request))
  const today = todayOf(staff)
  const period = from || to ? `${from ?? 'start'}-to-${to ?? today}` : `all-${today}`
  return csvResponse(`certificates-issued-${period}.csv`, toCsv(table.header, table.rows))
}
