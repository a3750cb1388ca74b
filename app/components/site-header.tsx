import { Form, NavLink } from '@remix-run/react'
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

export function SiteHeader({ user, unread = 0 }: { user: HeaderUser | null; unread?: number }) {
  return (
    <header className="site-header">
      <div className="header-inner">
        <a className="brand" href="/">
          KAP Fellowship
        </a>
        {user ? (
          <>
            <nav className="main-nav" aria-label="Main">
              <ul>
                {NAV.filter((item) => !item.roles || item.roles.some((role) => hasRole(user, role))).map((item) => (
                  <li key={item.to}>
                    <NavLink to={item.to} end={item.end} prefetch="intent">
                      {item.label}
                    </NavLink>
                  </li>
                ))}
              </ul>
            </nav>
            <div className="header-tools">
              <NotificationsLink unread={unread} />
            </div>
            <div className="account">
              <span className="who">{user.name}</span>
              <span className="roles">({user.roles.join(', ')})</span>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  Sign out
                </button>
              </Form>
            </div>
          </>
        ) : (
          <nav className="main-nav" aria-label="Main">
            <ul>
              <li>
                <NavLink to="/verify">Verify a certificate</NavLink>
              </li>
              <li>
                <NavLink to="/login">Sign in</NavLink>
              </li>
            </ul>
          </nav>
        )}
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
