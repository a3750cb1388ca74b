import { RECORD_KINDS, type RecordKind } from '#db/schema.ts'
import { isRealDate } from '#app/utils/dates.ts'
import { positiveId } from '#app/utils/ids.ts'

// The review queue's filters and page size, read from the query string of a GET form, so the
// queue can be narrowed without JavaScript and every pager link keeps what was chosen.

/** The page sizes offered; any other `?size=` up to the largest is honoured, anything above it is cut to it. */
export const QUEUE_PAGE_SIZES = [25, 50, 100] as const
export const QUEUE_DEFAULT_SIZE = 25
export const QUEUE_MAX_SIZE = 100

export type QueueFilters = {
  /** One assigned fellow's records (an id that is not theirs simply matches nothing). */
  fellow: number | null
  kind: RecordKind | null
  /** The session's date, from and to inclusive (YYYY-MM-DD). */
  from: string | null
  to: string | null
}

export const NO_QUEUE_FILTERS: QueueFilters = { fellow: null, kind: null, from: null, to: null }

const dateParam = (value: string | null) => (value && /^\d{4}-\d{2}-\d{2}$/.test(value) && isRealDate(value) ? value : null)

/** Filters from the query string; anything unknown or malformed means "all". */
export function queueFiltersFrom(url: URL): QueueFilters {
  const kind = url.searchParams.get('kind')
  return {
    fellow: positiveId(url.searchParams.get('fellow') || null),
    kind: (RECORD_KINDS as readonly string[]).includes(kind ?? '') ? (kind as RecordKind) : null,
    from: dateParam(url.searchParams.get('from')),
    to: dateParam(url.searchParams.get('to')),
  }
}

/** Rows per page from `?size=`: 25 unless asked, never more than 100. */
export function queueSizeFrom(url: URL) {
  const size = Number.parseInt(url.searchParams.get('size') ?? '', 10)
  if (!Number.isFinite(size) || size < 1) return QUEUE_DEFAULT_SIZE
  return Math.min(size, QUEUE_MAX_SIZE)
}

export function isFiltered(filters: QueueFilters) {
  return filters.fellow !== null || filters.kind !== null || filters.from !== null || filters.to !== null
}

/** The first line of a record's notes, cut to `max` characters with an ellipsis (null when there are none). */
export function firstLine(notes: string | null, max = 80) {
  const line = notes
    ?.split(/\r?\n/)
    .find((l) => l.trim())
    ?.trim()
  if (!line) return null
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line
}
