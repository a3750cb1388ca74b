import { Link } from '@remix-run/react'

/** Previous / next links for a paginated list; hidden when there is only one page. */
export function Pager({ prev, next, summary }: { prev?: string | null; next?: string | null; summary?: string }) {
  if (!prev && !next) return summary ? <p className="muted small">{summary}</p> : null
  return (
    <nav className="pagination" aria-label="Pagination">
      {prev ? (
        <Link className="button secondary small" to={prev} rel="prev">
          ← Newer
        </Link>
      ) : (
        <span />
      )}
      {summary ? <span className="muted small">{summary}</span> : null}
      {next ? (
        <Link className="button secondary small" to={next} rel="next">
          Older →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  )
}
