import { RECORD_KINDS, RECORD_STATUSES, type RecordKind, type RecordStatus } from '#db/schema.ts'
import { clearanceCovers } from './rules.ts'

/** Filters from the query string; anything unknown means "all". */
export function recordFiltersFrom(url: URL): { kind: RecordKind | null; status: RecordStatus | null } {
  const kind = url.searchParams.get('kind')
  const status = url.searchParams.get('status')
  return {
    kind: (RECORD_KINDS as readonly string[]).includes(kind ?? '') ? (kind as RecordKind) : null,
    status: (RECORD_STATUSES as readonly string[]).includes(status ?? '') ? (status as RecordStatus) : null,
  }
}

/** The clearance covering today, if any, for the "at a glance" line. */
export function currentClearance<T extends { granted_on: string; expires_on: string; ended_on: string | null }>(clearances: T[], today: string) {
  return clearances.find((c) => clearanceCovers({ grantedOn: c.granted_on, expiresOn: c.expires_on, endedOn: c.ended_on }, today)) ?? null
}
