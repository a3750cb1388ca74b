import { Link } from '@remix-run/react'
import type { ReactNode } from 'react'

export type Crumb = { to: string; label: string }

/**
 * The trail of pages above this one. The current page closes the list so assistive
 * technology announces where the reader is; on screen it is the heading right below,
 * so it is hidden there rather than printed twice.
 */
export function Breadcrumbs({ trail, current }: { trail: Crumb[]; current: ReactNode }) {
  return (
    <nav className="breadcrumbs" aria-label="Breadcrumb">
      <ol>
        {trail.map((crumb) => (
          <li key={crumb.to}>
            <Link to={crumb.to}>{crumb.label}</Link>
          </li>
        ))}
        <li className="visually-hidden" aria-current="page">
          {current}
        </li>
      </ol>
    </nav>
  )
}

type PageHeaderProps = { title: ReactNode; breadcrumbs?: Crumb[]; description?: ReactNode; actions?: ReactNode }

/** The page's h1 with its breadcrumbs, a line of context under it and the page's main actions beside it. */
export function PageHeader({ title, breadcrumbs, description, actions }: PageHeaderProps) {
  return (
    <div className="page-header">
      {/* The columns align at the bottom: a trail above the whole header would drift away from the heading beside tall actions. */}
      <div>
        {breadcrumbs ? <Breadcrumbs trail={breadcrumbs} current={title} /> : null}
        <h1>{title}</h1>
        {description ? <p className="muted">{description}</p> : null}
      </div>
      {actions}
    </div>
  )
}
