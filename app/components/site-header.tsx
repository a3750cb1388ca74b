import { PrefetchPageLinks, useLocation } from '@remix-run/react'
import { useEffect, useRef, useState, type ReactNode } from 'react'
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
 * One line on a phone and on a wide screen. On a wide one the navigation and the account sit in
 * it (between the two, the notifications and the account take a second line, on the right); on a
 * phone they fold into a "Menu" (a <details>, so it opens without JavaScript and by keyboard),
 * and only the brand, what must stay in view (.header-tools) and the menu button remain.
 */
export function SiteHeader({ user, unread = 0 }: { user: HeaderUser | null; unread?: number }) {
  const { pathname } = useLocation()
  const items = user ? NAV.filter((item) => !item.roles || item.roles.some((role) => hasRole(user, role))) : []
  const links = user ? (
    items.map((item) => (
      <li key={item.to}>
        <HeaderLink to={item.to} current={isCurrent(pathname, item.to, item.end)} prefetch>
          {item.label}
        </HeaderLink>
      </li>
    ))
  ) : (
    <>
      <li>
        <HeaderLink to="/verify" current={isCurrent(pathname, '/verify')}>
          Verify a certificate
        </HeaderLink>
      </li>
      <li>
        <HeaderLink to="/login" current={isCurrent(pathname, '/login')}>
          Sign in
        </HeaderLink>
      </li>
    </>
  )
  const account = user ? (
    <div className="account">
      <span className="identity">
        {/* A long name is cut short in the line (the whole of it in the title); the menu on a phone shows all of it. */}
        <span className="who" title={user.name}>
          {user.name}
        </span>{' '}
        <span className="roles">({user.roles.join(', ')})</span>
      </span>
      {/* A plain form: signing out reloads the page, which leaves nothing of the session in the browser's memory. */}
      <form method="post" action="/logout">
        <button type="submit" className="link-button">
          Sign out
        </button>
      </form>
    </div>
  ) : null
  return (
    <header className="site-header">
      <div className="header-inner">
        {/* Home without a reload, as the header's other links (useListLinkNavigation). */}
        <a className="brand" href="/" data-list-link="">
          KAP Fellowship
        </a>
        {/* Wide screens: the navigation and the account in the line itself. */}
        <nav className="main-nav header-wide" aria-label="Main">
          <ul>{links}</ul>
        </nav>
        {user ? (
          // One group at the line's end, so that where the line is too short for it, it moves to a
          // second line whole and stays on the right.
          <div className="header-end">
            {/* What stays in view on a phone too, beside the menu button, goes here (in a .header-tools). */}
            <div className="header-tools">
              <NotificationsLink unread={unread} current={isCurrent(pathname, '/notifications')} />
            </div>
            <div className="header-wide">{account}</div>
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

/**
 * The way to "what happened to me", with how much of it is unread: a bell and the count, on every
 * screen (its name, read aloud, says "Notifications, N unread"), which leaves the header's line room for the account.
 */
function NotificationsLink({ unread, current }: { unread: number; current: boolean }) {
  return (
    <HeaderLink to="/notifications" current={current} className="notifications-link" aria-label={unread ? `Notifications, ${unread} unread` : 'Notifications'}>
      <svg className="bell" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">
        <path
          fill="currentColor"
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6v-5a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
        />
      </svg>
      {unread ? (
        <span className="unread-count" aria-hidden="true">
          {unread > 99 ? '99+' : unread}
        </span>
      ) : null}
    </HeaderLink>
  )
}

/** Whether a header link leads to the page shown, or (unless `end`) to a section that holds it. */
function isCurrent(pathname: string, to: string, end = false) {
  const path = pathname.toLowerCase()
  return path === to || (!end && path.startsWith(`${to}/`))
}

/**
 * A link of the header, which every page renders some fifteen times: a plain anchor that the
 * root's click listener (useListLinkNavigation) turns into a client-side navigation, marked when
 * it leads to the page shown. Remix's <NavLink> resolves and matches its path on each render;
 * with the two <Form>s of Sign out, the header cost a short page a sixth of its server time.
 * With `prefetch`, a pause on the link fetches the next page's data and code, as
 * `prefetch="intent"` does.
 */
function HeaderLink({
  to,
  current,
  prefetch = false,
  className,
  children,
  'aria-label': label,
}: {
  to: string
  current: boolean
  prefetch?: boolean
  className?: string
  children: ReactNode
  'aria-label'?: string
}) {
  const [pointedAt, setPointedAt] = useState(false)
  const [intent, setIntent] = useState(false)
  // As Remix's intent prefetching: a tenth of a second's pause on the link, so that a pointer
  // crossing the header on its way elsewhere fetches nothing.
  useEffect(() => {
    if (!pointedAt) return
    const timer = setTimeout(() => setIntent(true), 100)
    return () => clearTimeout(timer)
  }, [pointedAt])
  const toward = prefetch ? () => setPointedAt(true) : undefined
  const away = prefetch ? () => setPointedAt(false) : undefined
  return (
    <>
      <a
        href={to}
        className={className}
        aria-label={label}
        aria-current={current ? 'page' : undefined}
        data-list-link=""
        onMouseEnter={toward}
        onMouseLeave={away}
        onFocus={toward}
        onBlur={away}
        onTouchStart={toward}
      >
        {children}
      </a>
      {intent ? <PrefetchPageLinks page={to} /> : null}
    </>
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
