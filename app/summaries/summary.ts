import { RECORD_KINDS, type HoursRecord, type RecordKind } from '#db/schema.ts'
import { practicumCategory, supervisionCategory } from '#app/programs/categories.ts'
import { formatDate } from '#app/utils/format.ts'

// The practicum summary a fellow hands to a licensing board: approved records
// only, by kind and month and in the categories boards count, with each approving
// supervisor's license (and its expiry) as it was on the day of approval and the
// statement each approval was signed under. Its input carries no participant or
// client codes, notes, reflections or free-text names, so none can leak into it.

export type SummaryRecord = {
  kind: RecordKind
  occurredOn: string
  minutes: number
  approverName: string | null
  approverLicenseType: string | null
  approverLicenseNumber: string | null
  approverLicenseState: string | null
  approverLicenseExpiresOn: string | null
  /** the statement the approval was signed under; null for approvals from before signed statements */
  attestationVersion: string | null
  attestationSha256: string | null
  /** the categories boards count (null: not recorded, as on records logged before categories existed) */
  supervisionType: 'supervision' | 'consultation' | null
  supervisionFormat: string | null
  practicumContact: 'direct' | 'indirect' | null
  /** sitter records: whether clock times were recorded, and whether a named co-sitter confirmed the session (never who) */
  sitterTimesRecorded: boolean
  coSitterConfirmed: boolean
}

/** The only columns of `records` a summary reads: no codes, notes, reflections or free-text names among them. */
export const SUMMARY_COLUMNS = [
  'kind',
  'occurred_on',
  'minutes',
  'approver_name',
  'approver_license_type',
  'approver_license_number',
  'approver_license_state',
  'approver_license_expires_on',
  'attestation_version',
  'attestation_sha256',
  'supervision_type',
  'supervision_format',
  'practicum_contact',
  'started_at',
  'co_sitter_id',
  'co_sitter_confirmed_at',
] as const

type SummaryRow = { [K in (typeof SUMMARY_COLUMNS)[number]]: HoursRecord[K] }

/** A summary record from an approved row: each field picked by name, so whatever else a row carries stays behind. */
export function summaryRecordOf(row: SummaryRow): SummaryRecord {
  return {
    kind: row.kind,
    occurredOn: row.occurred_on,
    minutes: row.minutes,
    approverName: row.approver_name,
    approverLicenseType: row.approver_license_type,
    approverLicenseNumber: row.approver_license_number,
    approverLicenseState: row.approver_license_state,
    approverLicenseExpiresOn: row.approver_license_expires_on,
    attestationVersion: row.attestation_version,
    attestationSha256: row.attestation_sha256,
    supervisionType: row.supervision_type,
    supervisionFormat: row.supervision_format,
    practicumContact: row.practicum_contact,
    sitterTimesRecorded: row.started_at !== null,
    coSitterConfirmed: row.co_sitter_id !== null && row.co_sitter_confirmed_at !== null,
  }
}

/** A statement as the content catalog holds it: what buildSummary needs to print what was signed. */
export type AttestationText = { version: string; title: string; effective: string; text: string; sha256: string }

export type Tally = { count: number; minutes: number }
export type KindTallies = Record<RecordKind, Tally>

export type CategoryTallies = {
  supervision: { individual: Tally; group: Tally; consultation: Tally; notRecorded: Tally }
  practicum: { direct: Tally; indirect: Tally; notRecorded: Tally }
  /** sitter sessions with a confirmed co-sitter, with clock times but no confirmed co-sitter, and with neither recorded */
  sitter: { coSitterConfirmed: Tally; withoutCoSitter: Tally; notRecorded: Tally }
}

export type SummarySupervisor = {
  name: string
  license: string
  /** the license's expiry as snapshotted at approval: null when not recorded; absent in summaries generated before it was kept */
  licenseExpiresOn?: string | null
  count: number
  minutes: number
}

export type SummaryAttestation = {
  version: string
  /** from the content catalog; null when no statement of that version (with the signed hash) is on file any more */
  title: string | null
  effective: string | null
  text: string | null
  /** the hash the approvals recorded for the statement they signed */
  sha256: string | null
  count: number
  minutes: number
}

/**
 * Stored as JSON when generated and never rebuilt: `categories`, `attestations`, `unsigned` and
 * a supervisor's `licenseExpiresOn` are absent from summaries generated before they existed,
 * and every reader treats them as absent.
 */
export type PracticumSummary = {
  holderName: string
  generatedAt: string
  period: { from: string; to: string } | null
  totals: KindTallies
  categories?: CategoryTallies
  months: { month: string; kinds: KindTallies }[]
  supervisors: SummarySupervisor[]
  /** each statement version approvals were signed under, once, with its text */
  attestations?: SummaryAttestation[]
  /** approvals recorded before approvals were signed under a statement */
  unsigned?: Tally
  programs: { title: string; met: boolean; requirements: { label: string; met: boolean; detail: string }[] }[]
}

const emptyTallies = (): KindTallies => Object.fromEntries(RECORD_KINDS.map((k) => [k, { count: 0, minutes: 0 }])) as KindTallies

export function licenseLabel(r: Pick<SummaryRecord, 'approverLicenseType' | 'approverLicenseNumber' | 'approverLicenseState'>) {
  const parts = [r.approverLicenseType, r.approverLicenseNumber].filter(Boolean).join(' ')
  if (!parts) return r.approverLicenseState ? `license in ${r.approverLicenseState}, type and number not recorded` : 'license not recorded'
  return r.approverLicenseState ? `${parts} (${r.approverLicenseState})` : parts
}

const tally = (): Tally => ({ count: 0, minutes: 0 })
const add = (t: Tally, minutes: number) => {
  t.count += 1
  t.minutes += minutes
}

export function emptyCategories(): CategoryTallies {
  return {
    supervision: { individual: tally(), group: tally(), consultation: tally(), notRecorded: tally() },
    practicum: { direct: tally(), indirect: tally(), notRecorded: tally() },
    sitter: { coSitterConfirmed: tally(), withoutCoSitter: tally(), notRecorded: tally() },
  }
}

/** The category a record's minutes count in (one per record), by the same rules eligibility uses. */
function categoryTally(categories: CategoryTallies, r: SummaryRecord): Tally | null {
  switch (r.kind) {
    case 'supervision':
      return categories.supervision[supervisionCategory(r) ?? 'notRecorded']
    case 'practicum':
      return categories.practicum[practicumCategory(r) ?? 'notRecorded']
    case 'sitter':
      return categories.sitter[r.coSitterConfirmed ? 'coSitterConfirmed' : r.sitterTimesRecorded ? 'withoutCoSitter' : 'notRecorded']
    default:
      return null
  }
}

export function buildSummary(
  records: SummaryRecord[],
  programs: PracticumSummary['programs'],
  holderName: string,
  generatedAt: string,
  statements: AttestationText[] = [],
): PracticumSummary {
  const totals = emptyTallies()
  const categories = emptyCategories()
  const months = new Map<string, KindTallies>()
  const supervisors = new Map<string, SummarySupervisor>()
  const signedUnder = new Map<string, SummaryAttestation>()
  const unsigned = tally()
  for (const r of records) {
    add(totals[r.kind], r.minutes)
    const category = categoryTally(categories, r)
    if (category) add(category, r.minutes)
    const month = r.occurredOn.slice(0, 7)
    const tallies = months.get(month) ?? emptyTallies()
    add(tallies[r.kind], r.minutes)
    months.set(month, tallies)
    const name = r.approverName ?? 'Unknown supervisor'
    const license = licenseLabel(r)
    const licenseExpiresOn = r.approverLicenseExpiresOn ?? null
    const key = `${name}\u0000${license}\u0000${licenseExpiresOn}`
    const s = supervisors.get(key) ?? { name, license, licenseExpiresOn, count: 0, minutes: 0 }
    add(s, r.minutes)
    supervisors.set(key, s)
    if (!r.attestationVersion) {
      add(unsigned, r.minutes)
      continue
    }
    // One entry per statement signed: its version and the hash the approvals recorded. The text is
    // printed only when the catalog's statement of that version still hashes to what was signed.
    const signedKey = `${r.attestationVersion}\u0000${r.attestationSha256}`
    let a = signedUnder.get(signedKey)
    if (!a) {
      const statement = statements.find((x) => x.version === r.attestationVersion && (r.attestationSha256 === null || x.sha256 === r.attestationSha256))
      a = {
        version: r.attestationVersion,
        title: statement?.title ?? null,
        effective: statement?.effective ?? null,
        text: statement?.text ?? null,
        sha256: r.attestationSha256,
        count: 0,
        minutes: 0,
      }
      signedUnder.set(signedKey, a)
    }
    add(a, r.minutes)
  }
  const dates = records.map((r) => r.occurredOn).sort()
  return {
    holderName,
    generatedAt,
    period: dates.length ? { from: dates[0]!, to: dates[dates.length - 1]! } : null,
    totals,
    categories,
    months: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, kinds]) => ({ month, kinds })),
    supervisors: [...supervisors.values()].sort(
      (a, b) => a.name.localeCompare(b.name) || a.license.localeCompare(b.license) || (a.licenseExpiresOn ?? '').localeCompare(b.licenseExpiresOn ?? ''),
    ),
    attestations: [...signedUnder.values()].sort((a, b) => a.version.localeCompare(b.version) || (a.sha256 ?? '').localeCompare(b.sha256 ?? '')),
    unsigned,
    programs,
  }
}

/** A signer's license as a summary prints it: "LMFT 98765 (CA), expires Mar 31, 2028" (no expiry part in summaries generated before it was kept). */
export function licenseWithExpiry(s: Pick<SummarySupervisor, 'license' | 'licenseExpiresOn'>) {
  if (s.licenseExpiresOn === undefined) return s.license
  return `${s.license}, ${s.licenseExpiresOn ? `expires ${formatDate(s.licenseExpiresOn)}` : 'expiry not recorded'}`
}

/** The category lines every view of a summary shows (PDF, CSV, verify page), in one order with one wording. */
export function categoryLines(categories: CategoryTallies) {
  return [
    { section: 'Supervision and consultation', label: 'Individual supervision', tally: categories.supervision.individual },
    { section: 'Supervision and consultation', label: 'Group supervision', tally: categories.supervision.group },
    { section: 'Supervision and consultation', label: 'Consultation', tally: categories.supervision.consultation },
    { section: 'Supervision and consultation', label: 'Not recorded', tally: categories.supervision.notRecorded },
    { section: 'Practicum', label: 'Direct client contact', tally: categories.practicum.direct },
    { section: 'Practicum', label: 'Indirect', tally: categories.practicum.indirect },
    { section: 'Practicum', label: 'Not recorded', tally: categories.practicum.notRecorded },
    { section: 'Sitter sessions', label: 'With a confirmed co-sitter', tally: categories.sitter.coSitterConfirmed },
    { section: 'Sitter sessions', label: 'Without a confirmed co-sitter', tally: categories.sitter.withoutCoSitter },
    { section: 'Sitter sessions', label: 'Not recorded', tally: categories.sitter.notRecorded },
  ]
}
