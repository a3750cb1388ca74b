import { RECORD_KINDS, RECORD_STATUSES, type RecordKind, type RecordStatus } from '#db/schema.ts'

/** Filters from the query string; anything unknown means "all". */
export function recordFiltersFrom(url: URL): { kind: RecordKind | null; status: RecordStatus | null } {
  const kind = url.searchParams.get('kind')
  const status = url.searchParams.get('status')
  return {
    kind: (RECORD_KINDS as readonly string[]).includes(kind ?? '') ? (kind as RecordKind) : null,
    status: (RECORD_STATUSES as readonly string[]).includes(status ?? '') ? (status as RecordStatus) : null,
  }
}
