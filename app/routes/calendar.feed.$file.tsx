import type { LoaderFunctionArgs } from '@remix-run/node'
import { feedText } from '#app/calendar/feed.server.ts'

// A person's calendar as iCalendar text, at /calendar/feed/<secret>.ics: no sign-in (calendar
// apps cannot sign in), the secret is the key. A reset or unknown secret is a plain 404.

const notFound = () => new Response('No calendar at this address.\n', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

export async function loader({ params }: LoaderFunctionArgs) {
  const match = /^([a-z2-7]{16,64})\.ics$/.exec(params.file ?? '')
  if (!match) return notFound()
  const text = await feedText(match[1]!)
  if (text === null) return notFound()
  return new Response(text, {
    headers: {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="kap-calendar.ics"',
      // Personal: never kept by a shared cache; the app asks again each time it refreshes.
      'Cache-Control': 'private, no-cache',
      'X-Robots-Tag': 'noindex',
    },
  })
}
