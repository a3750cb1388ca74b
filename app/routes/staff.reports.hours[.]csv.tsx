import type { LoaderFunctionArgs } from '@remix-run/node'
import { auditContext } from '#app/audit/audit.server.ts'
import { requirePermission } from '#app/auth/guard.server.ts'
import { csvResponse, toCsv } from '#app/reports/csv.ts'
import { approvedHoursReport, parseReportQuery, recordExport, REPORTS, reportProblem } from '#app/reports/reports.server.ts'
import { hoursReportSchema } from '#app/reports/schemas.ts'

// GET /staff/reports/hours.csv?from=YYYY-MM-DD&to=YYYY-MM-DD[&includeNotes=yes]
// Approved records only; a summary per fellow and kind, or with includeNotes one
// row per record including the fellow's private notes.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requirePermission(request, 'report:export:any')
  const query = parseReportQuery(new URL(request.url), hoursReportSchema)
  if (!query.ok) return reportProblem(400, query.message)
  const { from, to, includeNotes } = query.data
  const table = await approvedHoursReport({ from, to, includeNotes })
  await recordExport(staff, REPORTS.hours, { from, to, includeNotes }, table.rows.length, auditContext(request))
  const name = includeNotes ? `approved-hours-with-notes-${from}-to-${to}.csv` : `approved-hours-${from}-to-${to}.csv`
  return csvResponse(name, toCsv(table.header, table.rows))
}
