import { Form, NavLink, useLocation } from '@remix-run/react'
import { useEffect, useRef, type ReactNode } from 'react'
import type { Role } from '#db/schema.ts'
import { hasRole } from '#app/auth/permissions.ts'

type HeaderUser = { name: string; roles: Role[] }

const NAV: { to: string; label: string; end?: boolean; roles?: Role[] }[] = [
  { to: '/', label: 'Dashboard', end: true },
  { to: '/learn', label: 'Learn' },
  { to: '/hours', label: 'Hours', roles: ['fellow'] },
  { to: '/review', label: 'Review', roles: ['supervisor'] },
  { to: '/calendar', label: 'Calendar', roles: ['fellow', 'supervisor'] },
  { to: '/certificates', label: 'Certificates', roles: ['trainee', 'fellow'] },
  { to: '/staff', label: 'Staff', roles: ['staff'] },
  { to: '/settings', label: 'Settings' },
]

/**
 * One line on every screen. On a wide one the navigation and the account sit in it; on a
 * phone they fold into a "Menu" (a <details>, so it opens without JavaScript and by keyboard),
 * and only the brand, what must stay in view (.header-tools) and the menu button remain.
 */
export function SiteHeader({ user, unread = 0 }: { user: HeaderUser | null; unread?: number }) {
  const items = user ? NAV.filter((item) => !item.roles || item.roles.some((role) => hasRole(user, role))) : []
  const links = user ? (
    items.map((item) => (
      <li key={item.to}>
        <NavLink to={item.to} end={item.end} prefetch="intent">
          {item.label}
        </NavLink>
      </li>
    ))
  ) : (
    <>
      <li>
        <NavLink to="/verify">Verify a certificate</NavLink>
      </li>
      <li>
        <NavLink to="/login">Sign in</NavLink>
      </li>
    </>
  )
  const account = user ? (
    <div className="account">
      <span className="who">{user.name}</span>
      <span className="roles">({user.roles.join(', ')})</span>
      <Form method="post" action="/logout">
        <button type="submit" className="link-button">
          Sign out
        </button>
      </Form>
    </div>
  ) : null
  return (
    <header className="site-header">
      <div className="header-inner">
        <a className="brand" href="/">
          KAP Fellowship
        </a>
        {/* Wide screens: the navigation and the account in the line itself. */}
        <nav className="main-nav header-wide" aria-label="Main">
          <ul>{links}</ul>
        </nav>
        {/* What stays in view on a phone too, beside the menu button, goes here (in a .header-tools). */}
        {user ? (
          <div className="header-tools">
            <NotificationsLink unread={unread} />
          </div>
        ) : null}
        {account ? <div className="header-wide">{account}</div> : null}
        <PhoneMenu>
          <nav className="main-nav" aria-label="Main">
            <ul>{links}</ul>
          </nav>
          {account}
        </PhoneMenu>
      </div>
    </header>
  )
}

/** The way to "what happened to me", with how much of it is unread. */
function NotificationsLink({ unread }: { unread: number }) {
  return (
    <NavLink to="/notifications" className="notifications-link" aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}>
      <svg className="bell" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6v-5a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      <span className="notifications-label">Notifications</span>
      {unread ? (
        <span className="unread-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </NavLink>
  )
}

/** The phone's menu: it closes again once a link in it has taken the reader to another page. */
function PhoneMenu({ children }: { children: ReactNode }) {
  const menu = useRef<HTMLDetailsElement>(null)
  const { pathname, search } = useLocation()
  useEffect(() => {
    if (menu.current) menu.current.open = false
  }, [pathname, search])
  return (
    <details className="header-menu" ref={menu}>
      <summary>Menu</summary>
      <div className="header-menu-panel">{children}</div>
    </details>
  )
}
