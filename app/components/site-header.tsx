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
        {account ? <div className="header-wide">{account}</div> : null}
        {/* What stays in view on a phone too, beside the menu button, goes here (in a .header-tools). */}
        {user ? (
          <div className="header-tools">
            <NotificationsLink unread={unread} />
          </div>
        ) : null}
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
      Notifications
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
