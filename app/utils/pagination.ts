export const PAGE_SIZE = 25

/** A positive page number from `?page=`, bounded so nobody asks for page 10^9. */
export function pageFrom(url: URL, max = 10_000) {
  const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10)
  return Number.isFinite(page) && page >= 1 ? Math.min(page, max) : 1
}

/** The same URL with `page` (or any other parameter) replaced. */
export function withParam(url: URL, key: string, value: string | number | null) {
  const next = new URL(url)
  if (value === null || value === '') next.searchParams.delete(key)
  else next.searchParams.set(key, String(value))
  if (key !== 'page') next.searchParams.delete('page')
  return next.pathname + next.search
}

/** Fetch one row more than a page to know whether a next page exists. */
export function pageLinks<T>(rows: T[], url: URL, page: number, size = PAGE_SIZE) {
  const hasNext = rows.length > size
  return {
    rows: rows.slice(0, size),
    prev: page > 1 ? withParam(url, 'page', page - 1 === 1 ? null : page - 1) : null,
    next: hasNext ? withParam(url, 'page', page + 1) : null,
  }
}
