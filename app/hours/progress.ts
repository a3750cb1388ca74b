import type { RecordKind, RecordStatus } from '#db/schema.ts'

/** With `count`, one row stands for that many records alike (grouped by the database), and `minutes` is their total. */
export type CountableRecord = { kind: RecordKind; status: RecordStatus; minutes: number; count?: number }

export type KindTally = { approved: number; pending: number; approvedMinutes: number; pendingMinutes: number }

/** Counts per kind: only approved records count toward requirements; submitted ones are "pending". */
export function tallyRecords(records: CountableRecord[]): Record<RecordKind, KindTally> {
  const empty = (): KindTally => ({ approved: 0, pending: 0, approvedMinutes: 0, pendingMinutes: 0 })
  const tally: Record<RecordKind, KindTally> = { experiential: empty(), sitter: empty(), practicum: empty(), supervision: empty() }
  for (const r of records) {
    const t = tally[r.kind]
    if (r.status === 'approved') {
      t.approved += r.count ?? 1
      t.approvedMinutes += r.minutes
    } else if (r.status === 'submitted') {
      t.pending += r.count ?? 1
      t.pendingMinutes += r.minutes
    }
  }
  return tally
}

/** The same counts for records already known to be approved (eligibility's facts): pending stays at zero. */
export function tallyApproved(records: { kind: RecordKind; minutes: number; count?: number }[]) {
  return tallyRecords(records.map((r) => ({ kind: r.kind, minutes: r.minutes, count: r.count, status: 'approved' as const })))
}
