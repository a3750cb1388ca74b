import type { RecordKind, RecordStatus } from '#db/schema.ts'

export type CountableRecord = { kind: RecordKind; status: RecordStatus; minutes: number }

export type KindTally = { approved: number; pending: number; approvedMinutes: number; pendingMinutes: number }

/** Counts per kind: only approved records count toward requirements; submitted ones are "pending". */
export function tallyRecords(records: CountableRecord[]): Record<RecordKind, KindTally> {
  const empty = (): KindTally => ({ approved: 0, pending: 0, approvedMinutes: 0, pendingMinutes: 0 })
  const tally: Record<RecordKind, KindTally> = { experiential: empty(), sitter: empty(), practicum: empty(), supervision: empty() }
  for (const r of records) {
    const t = tally[r.kind]
    if (r.status === 'approved') {
      t.approved += 1
      t.approvedMinutes += r.minutes
    } else if (r.status === 'submitted') {
      t.pending += 1
      t.pendingMinutes += r.minutes
    }
  }
  return tally
}

/** The same counts for records already known to be approved (eligibility's facts): pending stays at zero. */
export function tallyApproved(records: { kind: RecordKind; minutes: number }[]) {
  return tallyRecords(records.map((r) => ({ kind: r.kind, minutes: r.minutes, status: 'approved' as const })))
}
