import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useLoaderData, useRouteError, useRouteLoaderData } from '@remix-run/react'
import type { ReactNode } from 'react'
import { getSession } from '#app/auth/guard.server.ts'
import { readSessionToken, sessionCookieHeader } from '#app/auth/session.server.ts'
import { ErrorPage } from '#app/components/error-page.tsx'
import { SiteHeader } from '#app/components/site-header.tsx'
import { FlashMessage } from '#app/components/flash-message.tsx'
import { useListLinkNavigation } from '#app/components/list-link.tsx'
import { readFlash } from '#app/utils/flash.server.ts'
import { unreadCount } from '#app/notifications/notify.server.ts'
import { instituteTimeZone } from '#app/utils/time-zone.server.ts'
import { TimeZoneProposal } from '#app/utils/time-zone-proposal.tsx'
import { useNonce } from '#app/utils/nonce.tsx'
import appStyles from '#app/styles/app.css?url'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: appStyles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export const meta: MetaFunction = () => [{ title: 'KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request)
  const { flash, clearHeader } = await readFlash(request)
  const headers = new Headers()
  if (clearHeader) headers.append('Set-Cookie', clearHeader)
  // Sliding expiry: when the server moved the session's end, move the cookie's too.
  if (session?.renewed) {
    const token = await readSessionToken(request)
    if (token) headers.append('Set-Cookie', await sessionCookieHeader(token, session.expiresAt))
  }
  // Every date and time on the page is shown in the reader's zone (theirs, else the institute's): see useFormat().
  const institute = instituteTimeZone()
  const timeZone = session?.user.timeZone ?? institute
  // The header's unread notifications: one indexed COUNT.
  const unread = session ? await unreadCount(session.user.id) : 0
  return data({ user: session?.user ?? null, flash, timeZone, instituteTimeZone: institute, unread }, { headers })
}

export type RootData = typeof loader

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce()
  const rootData = useRouteLoaderData<RootData>('root')
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to main content
        </a>
        <SiteHeader user={rootData?.user ?? null} unread={rootData?.unread ?? 0} />
        {children}
        <footer className="site-footer">KAP Fellowship · training in ketamine-assisted psychotherapy</footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  const { flash, user, instituteTimeZone } = useLoaderData<typeof loader>()
  useListLinkNavigation()
  return (
    <main id="main" tabIndex={-1}>
      {flash ? <FlashMessage flash={flash} /> : null}
      {user && !user.timeZone ? <TimeZoneProposal instituteZone={instituteTimeZone} /> : null}
      <Outlet />
    </main>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  if (!isRouteErrorResponse(error)) console.error(error)
  return (
    <main id="main" tabIndex={-1}>
      <ErrorPage error={error} />
    </main>
  )
}
