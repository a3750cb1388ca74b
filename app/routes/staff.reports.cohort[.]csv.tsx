import type { LoaderFunctionArgs } from '@remix-run/node'
import { auditContext } from '#app/audit/audit.server.ts'
import { requirePermission } from '#app/auth/guard.server.ts'
import { csvResponse, toCsv } from '#app/reports/csv.ts'
import { cohortProgressReport, parseReportQuery, recordExport, REPORTS, reportProblem } from '#app/reports/reports.server.ts'
import { cohortReportSchema } from '#app/reports/schemas.ts'
import { todayOf } from '#app/utils/time-zone.server.ts'

// GET /staff/reports/cohort.csv?cohort=<id> — one row per member of the cohort.
export async function loader({ request }: LoaderFunctionArgs) {
  const staff = await requirePermission(request, 'report:export:any')
  const query = parseReportQuery(new URL(request.url), cohortReportSchema)
  if (!query.ok) return reportProblem(400, query.message)
  const report = await cohortProgressReport(query.data.cohort)
  if (!report) return reportProblem(404, 'There is no such cohort.')
  const { cohort, table } = report
  await recordExport(staff, REPORTS.cohort, { cohortId: cohort.id, cohort: cohort.name }, table.rows.length, auditContext(request))
  const today = todayOf(staff)
  return csvResponse(`cohort-progress-${cohort.name}-${today}.csv`, toCsv(table.header, table.rows))
}
