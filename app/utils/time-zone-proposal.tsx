import { Form, Link, useLocation } from '@remix-run/react'
import { useEffect, useState } from 'react'

/**
 * For someone who has not chosen a time zone: says which zone times are shown in (the
 * institute's) and where to change it. With JavaScript it also offers the browser's zone in
 * one click; the button appears after the page is live, so the server's HTML and the first
 * render in the browser stay the same.
 */
export function TimeZoneProposal({ instituteZone }: { instituteZone: string }) {
  const location = useLocation()
  const [browserZone, setBrowserZone] = useState<string | null>(null)
  useEffect(() => {
    // Only the browser knows its zone; read once, after hydration.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setBrowserZone(Intl.DateTimeFormat().resolvedOptions().timeZone || null)
  }, [])
  if (location.pathname === '/settings/time-zone') return null
  return (
    <div className="alert alert-info time-zone-proposal">
      <p>
        Times are shown in {instituteZone}, the institute’s time zone. <Link to="/settings/time-zone">Choose your time zone</Link>
      </p>
      {browserZone ? (
        <Form method="post" action="/settings/time-zone" className="inline-form">
          <input type="hidden" name="timeZone" value={browserZone} />
          <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
          <button type="submit" className="button">
            Use {browserZone}
          </button>
        </Form>
      ) : null}
    </div>
  )
}
