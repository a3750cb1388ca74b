import type { z } from 'zod'
import { RECORD_KINDS, type RecordKind } from '#db/schema.ts'
import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { certificateStatus } from '#app/certificates/codes.ts'
import { dayAfter } from '#app/utils/dates.ts'
import { db } from '#app/db.server.ts'
import { categoryOf, KIND_LABELS, SETTING_LABELS } from '#app/hours/labels.ts'
import { cohortProgress, getCohort } from '#app/staff/cohorts.server.ts'
import { parseFormData } from '#app/utils/forms.server.ts'
import type { CsvCell } from './csv.ts'

// The queries behind the staff CSV reports, and the tables (header + rows) the
// CSV routes write. Dates are YYYY-MM-DD; ranges are inclusive at both ends.

export type ReportTable = { header: string[]; rows: CsvCell[][] }

export const REPORTS = {
  cohort: 'cohort-progress',
  hours: 'approved-hours',
  certificates: 'certificates-issued',
} as const
export type ReportName = (typeof REPORTS)[keyof typeof REPORTS]

/** Minutes as decimal hours, to the hundredth (15 min = 0.25). */
function decimalHours(minutes: number) {
  return Math.round((minutes / 60) * 100) / 100
}

// ---------------------------------------------------------------------------
// (a) Cohort progress — one row per member, as the cohort page computes it.

export async function cohortProgressReport(cohortId: number) {
  const cohort = await getCohort(cohortId)
  if (!cohort) return null
  const members = await cohortProgress(cohortId)
  const table: ReportTable = {
    header: [
      'Name',
      'Email',
      'Active',
      'Courses completed',
      'Courses total',
      'Experiential sessions approved',
      'Sitter sessions approved',
      'Practicum hours approved',
      'Supervision hours approved',
      'Eligible for',
    ],
    rows: members.map((m) => [
      m.name,
      m.email,
      m.active ? 'yes' : 'no',
      m.coursesDone,
      m.coursesTotal,
      m.experiential,
      m.sitter,
      Number(m.practicumHours),
      Number(m.supervisionHours),
      m.eligibleFor.join('; '),
    ]),
  }
  return { cohort, table }
}

// ---------------------------------------------------------------------------
// (b) Approved hours in a period — only records a supervisor approved count.

export type HoursRange = { from: string; to: string }

export type ApprovedHoursSummaryRow = {
  fellowId: number
  name: string
  email: string
  kind: RecordKind
  records: number
  minutes: number
}

/** One row per fellow × kind: how many approved records and how many minutes, in [from, to]. */
export async function approvedHoursSummary({ from, to }: HoursRange): Promise<ApprovedHoursSummaryRow[]> {
  const rows = await db
    .selectFrom('records')
    .innerJoin('users', 'users.id', 'records.fellow_id')
    .select((eb) => [
      'users.id as fellowId',
      'users.name',
      'users.email',
      'records.kind',
      eb.fn.count<number>('records.id').as('records'),
      eb.fn.sum<number>('records.minutes').as('minutes'),
    ])
    .where('records.status', '=', 'approved')
    .where('records.occurred_on', '>=', from)
    .where('records.occurred_on', '<=', to)
    .groupBy(['users.id', 'users.name', 'users.email', 'records.kind'])
    .execute()
  const kindOrder = (kind: RecordKind) => RECORD_KINDS.indexOf(kind)
  return rows
    .map((r) => ({ ...r, records: Number(r.records), minutes: Number(r.minutes) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en') || a.fellowId - b.fellowId || kindOrder(a.kind) - kindOrder(b.kind))
}

/**
 * One row per approved record in [from, to], with the fellow's notes and the
 * pseudonymous participant/client codes. Private reflections: only for the
 * detailed export a staff member explicitly asks for.
 */
export async function approvedHoursDetail({ from, to }: HoursRange) {
  return db
    .selectFrom('records')
    .innerJoin('users', 'users.id', 'records.fellow_id')
    .select([
      'records.id',
      'records.occurred_on',
      'records.kind',
      'records.minutes',
      'records.setting',
      'records.supervision_type',
      'records.supervision_format',
      'records.group_size',
      'records.practicum_contact',
      'records.started_at',
      'records.ended_at',
      'records.co_sitter_id',
      'records.co_sitter_confirmed_at',
      'records.participant_code',
      'records.client_code',
      'records.approver_name',
      'records.decided_at',
      'records.notes',
      'records.preparation_notes',
      'records.integration_notes',
      'users.id as fellow_id',
      'users.name',
      'users.email',
    ])
    .where('records.status', '=', 'approved')
    .where('records.occurred_on', '>=', from)
    .where('records.occurred_on', '<=', to)
    .orderBy('records.occurred_on')
    .orderBy('records.id')
    .execute()
}

export async function approvedHoursReport(range: HoursRange & { includeNotes: boolean }): Promise<ReportTable> {
  if (!range.includeNotes) {
    const rows = await approvedHoursSummary(range)
    return {
      header: ['Fellow', 'Email', 'Kind', 'Approved records', 'Total minutes', 'Total hours'],
      rows: rows.map((r) => [r.name, r.email, KIND_LABELS[r.kind], r.records, r.minutes, decimalHours(r.minutes)]),
    }
  }
  const rows = await approvedHoursDetail(range)
  return {
    header: [
      'Record',
      'Date',
      'Fellow',
      'Email',
      'Kind',
      'Category',
      'Minutes',
      'Hours',
      'Setting',
      'Participant code',
      'Client code',
      'Approved by',
      'Approved at',
      'Notes',
      'Preparation notes',
      'Integration notes',
    ],
    rows: rows.map((r) => [
      r.id,
      r.occurred_on,
      r.name,
      r.email,
      KIND_LABELS[r.kind],
      categoryOf(r),
      r.minutes,
      decimalHours(r.minutes),
      SETTING_LABELS[r.setting] ?? r.setting,
      r.participant_code,
      r.client_code,
      r.approver_name,
      r.decided_at,
      r.notes,
      r.preparation_notes,
      r.integration_notes,
    ]),
  }
}

// ---------------------------------------------------------------------------
// (c) Certificates issued, valid or not (status as the verification page shows it).

/** Certificates issued in [from, to] (either end optional), oldest first. */
export async function certificatesIssued({ from, to }: { from?: string; to?: string } = {}) {
  let query = db
    .selectFrom('certificates')
    .select(['id', 'serial', 'holder_name', 'program_title', 'issued_at', 'issuer_name', 'expires_at', 'revoked_at', 'revocation_reason'])
    .orderBy('issued_at')
    .orderBy('id')
  if (from) query = query.where('issued_at', '>=', from)
  if (to) query = query.where('issued_at', '<', dayAfter(to))
  return query.execute()
}

export async function certificatesReport(range: { from?: string; to?: string }): Promise<ReportTable> {
  const now = new Date()
  const rows = await certificatesIssued(range)
  return {
    header: ['Serial', 'Holder', 'Program', 'Issued at', 'Issued by', 'Status', 'Expires at', 'Revoked at', 'Revocation reason'],
    rows: rows.map((c) => [
      c.serial,
      c.holder_name,
      c.program_title,
      c.issued_at,
      c.issuer_name,
      certificateStatus(c, now),
      c.expires_at,
      c.revoked_at,
      c.revocation_reason,
    ]),
  }
}

// ---------------------------------------------------------------------------
// Shared by the CSV routes.

/** The query string checked with the form's own schema. */
export function parseReportQuery<S extends z.ZodType>(url: URL, schema: S) {
  const formData = new FormData()
  for (const [key, value] of url.searchParams) formData.append(key, value)
  const result = parseFormData(formData, schema)
  if (result.ok) return result
  const message = Object.entries(result.errors)
    .map(([field, error]) => (field === 'form' ? error : `${field}: ${error}`))
    .join('\n')
  return { ...result, message }
}

/** A plain-text refusal for a download link with bad parameters. */
export function reportProblem(status: 400 | 404, message: string) {
  return new Response(`${message}\n`, {
    status,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  })
}

/** Every download leaves a trace: who exported which report, with which parameters. */
export async function recordExport(user: SessionUser, report: ReportName, parameters: Record<string, unknown>, rows: number, context: AuditContext) {
  await audit(context, { actorId: user.id, action: 'report.export', subject: `report:${report}`, detail: { report, ...parameters, rows } })
}

/** What the reports page needs to offer its forms. */
export async function reportsOverview() {
  const certificates = await db
    .selectFrom('certificates')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return { certificates: Number(certificates.n) }
}
