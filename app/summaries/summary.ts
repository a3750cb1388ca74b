import { RECORD_KINDS, type RecordKind } from '#db/schema.ts'

// The practicum summary a fellow hands to a licensing board: approved records
// only, by kind and month, with each approving supervisor's license as it was
// on the day of approval. Its input carries no participant codes or reflections,
// so none can leak into it.

export type SummaryRecord = {
  kind: RecordKind
  occurredOn: string
  minutes: number
  approverName: string | null
  approverLicenseType: string | null
  approverLicenseNumber: string | null
  approverLicenseState: string | null
}

export type Tally = { count: number; minutes: number }
export type KindTallies = Record<RecordKind, Tally>

export type PracticumSummary = {
  holderName: string
  generatedAt: string
  period: { from: string; to: string } | null
  totals: KindTallies
  months: { month: string; kinds: KindTallies }[]
  supervisors: { name: string; license: string; count: number; minutes: number }[]
  programs: { title: string; met: boolean; requirements: { label: string; met: boolean; detail: string }[] }[]
}

const emptyTallies = (): KindTallies => Object.fromEntries(RECORD_KINDS.map((k) => [k, { count: 0, minutes: 0 }])) as KindTallies

export function licenseLabel(r: Pick<SummaryRecord, 'approverLicenseType' | 'approverLicenseNumber' | 'approverLicenseState'>) {
  const parts = [r.approverLicenseType, r.approverLicenseNumber].filter(Boolean).join(' ')
  if (!parts) return r.approverLicenseState ? `license in ${r.approverLicenseState}, type and number not recorded` : 'license not recorded'
  return r.approverLicenseState ? `${parts} (${r.approverLicenseState})` : parts
}

export function buildSummary(records: SummaryRecord[], programs: PracticumSummary['programs'], holderName: string, generatedAt: string): PracticumSummary {
  const totals = emptyTallies()
  const months = new Map<string, KindTallies>()
  const supervisors = new Map<string, { name: string; license: string; count: number; minutes: number }>()
  for (const r of records) {
    totals[r.kind].count += 1
    totals[r.kind].minutes += r.minutes
    const month = r.occurredOn.slice(0, 7)
    const tallies = months.get(month) ?? emptyTallies()
    tallies[r.kind].count += 1
    tallies[r.kind].minutes += r.minutes
    months.set(month, tallies)
    const name = r.approverName ?? 'Unknown supervisor'
    const license = licenseLabel(r)
    const key = `${name}\u0000${license}`
    const s = supervisors.get(key) ?? { name, license, count: 0, minutes: 0 }
    s.count += 1
    s.minutes += r.minutes
    supervisors.set(key, s)
  }
  const dates = records.map((r) => r.occurredOn).sort()
  return {
    holderName,
    generatedAt,
    period: dates.length ? { from: dates[0]!, to: dates[dates.length - 1]! } : null,
    totals,
    months: [...months].sort(([a], [b]) => a.localeCompare(b)).map(([month, kinds]) => ({ month, kinds })),
    supervisors: [...supervisors.values()].sort((a, b) => a.name.localeCompare(b.name) || a.license.localeCompare(b.license)),
    programs,
  }
}
