import { RECORD_KINDS } from '#db/schema.ts'
import { KIND_LABELS } from '#app/hours/labels.ts'
import type { CsvCell } from '#app/reports/csv.ts'
import { categoryLines, type PracticumSummary } from './summary.ts'

// The practicum summary as rows a spreadsheet opens: what the PDF says, section by section,
// one line per figure. Written out by the reports' CSV writer (formula-injection safe).

export const SUMMARY_CSV_HEADER = ['Section', 'Label', 'Records', 'Hours', 'License', 'License expires', 'Detail']

/** Minutes as hours, a number to two decimals (12.5, 0.75). */
const hoursOf = (minutes: number) => Math.round((minutes / 60) * 100) / 100

export function summaryCsvRows(summary: PracticumSummary, code: string, verifyUrl: string): CsvCell[][] {
  const rows: CsvCell[][] = []
  const line = (section: string, label: string, detail: CsvCell = null) => rows.push([section, label, null, null, null, null, detail])
  const figure = (section: string, label: string, count: number, minutes: number) => rows.push([section, label, count, hoursOf(minutes), null, null, null])

  line('Summary', 'Fellow', summary.holderName)
  line('Summary', 'Generated at', summary.generatedAt)
  line('Summary', 'Approved records', summary.period ? `${summary.period.from} to ${summary.period.to}` : 'none yet')
  line('Summary', 'Verification code', code)
  line('Summary', 'Verify at', verifyUrl)
  line('Summary', 'Included', 'Only records approved by a supervisor. Participant and client codes and private reflections are never included.')

  for (const k of RECORD_KINDS) figure('Totals by kind', KIND_LABELS[k], summary.totals[k].count, summary.totals[k].minutes)

  // Summaries generated before categories were counted have none: the section is left out.
  if (summary.categories) {
    for (const l of categoryLines(summary.categories)) figure(`By category: ${l.section}`, l.label, l.tally.count, l.tally.minutes)
  }

  for (const m of summary.months) {
    for (const k of RECORD_KINDS) if (m.kinds[k].count) figure('By month', `${m.month} · ${KIND_LABELS[k]}`, m.kinds[k].count, m.kinds[k].minutes)
  }

  for (const s of summary.supervisors) {
    // The expiry: a date; "not recorded" when the approval kept none; empty in summaries generated before it was kept.
    const expires = s.licenseExpiresOn === undefined ? null : (s.licenseExpiresOn ?? 'not recorded')
    rows.push(['Approving supervisor', s.name, s.count, hoursOf(s.minutes), s.license, expires, null])
  }

  for (const a of summary.attestations ?? []) {
    const title = `${a.title ?? 'Supervisor’s attestation'} — version ${a.version}${a.effective ? `, in force from ${a.effective}` : ''}`
    const text = a.text ?? 'The text of this version, as signed, is no longer on file.'
    rows.push(['Statement signed', title, a.count, hoursOf(a.minutes), null, null, `${text}\n\nSHA-256: ${a.sha256 ?? 'not recorded'}`])
  }
  if (summary.unsigned?.count)
    figure('Statement signed', 'Approved before approvals were signed under a statement', summary.unsigned.count, summary.unsigned.minutes)

  for (const p of summary.programs) {
    line('Program', p.title, p.met ? 'all requirements met' : 'not yet met')
    for (const r of p.requirements)
      line(`Program: ${p.title}`, r.label, `${r.met ? 'met' : 'not met'}${r.detail && r.detail !== 'met' ? ` · ${r.detail}` : ''}`)
  }
  return rows
}
