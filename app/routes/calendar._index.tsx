import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { requireRole } from '#app/auth/guard.server.ts'
import { FormError } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Pager } from '#app/components/pager.tsx'
import { plannableKinds, upcomingFor, type CalendarRow } from '#app/calendar/calendar.server.ts'
import { convertPassedSessions } from '#app/calendar/convert.server.ts'
import { feedCreatedAt, feedUrl, resetFeed } from '#app/calendar/feed.server.ts'
import { feedSchema } from '#app/calendar/schema.ts'
import { formatDateTime, formatMinutes } from '#app/utils/format.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'

export const meta: MetaFunction = () => [{ title: 'Calendar · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, ['fellow', 'supervisor'])
  // A fellow's sessions that have ended become draft records now rather than at the job's next
  // tick. Decided by the clock alone, once per session however often it runs (see convert.server.ts).
  if (user.roles.includes('fellow')) await convertPassedSessions({ ownerId: user.id })
  const url = new URL(request.url)
  const page = pageFrom(url, 400)
  const { rows, prev, next } = pageLinks(await upcomingFor(user, page), url, page)
  return { items: rows, prev, next, canPlan: plannableKinds(user.roles).length > 0, feedSince: await feedCreatedAt(user.id) }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, ['fellow', 'supervisor'])
  const form = await parseForm(request, feedSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const token = await resetFeed(user.id, auditContext(request))
  // Shown in this answer only: the database keeps the token's hash, never the token.
  return { ok: true as const, feedUrl: feedUrl(token), replaced: form.data.intent === 'reset-feed' }
}

/** The page's items as days: each day's heading once, its items in order. */
function byDay(items: CalendarRow[]) {
  const days: { day: string; heading: string; items: CalendarRow[] }[] = []
  for (const item of items) {
    const last = days.at(-1)
    if (last?.day === item.day) last.items.push(item)
    else days.push({ day: item.day, heading: item.dayHeading, items: [item] })
  }
  return days
}

function Item({ item }: { item: CalendarRow }) {
  return (
    <li className="card">
      <p>
        <strong>{item.label}</strong> · {item.time} · {formatMinutes(item.minutes)} · {item.setting}
      </p>
      <ul className="plain-inline small">
        {!item.mine ? <li>Planned by {item.ownerName}</li> : null}
        {item.code ? <li>Code: {item.code}</li> : null}
        {item.coSitterName ? <li>Co-sitter: {item.coSitterName}</li> : null}
        {item.attendees.length ? <li>With: {item.attendees.join(', ')}</li> : null}
        {item.topic ? <li>Topic: {item.topic}</li> : null}
      </ul>
      {item.mine ? (
        <p className="small">
          <Link to={`/calendar/${item.id}`} aria-label={`Change or cancel: ${item.label}, ${item.dayHeading}, ${item.time}`}>
            Change or cancel
          </Link>
        </p>
      ) : null}
    </li>
  )
}

export default function CalendarPage() {
  const { items, prev, next, canPlan, feedSince } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const shownUrl = actionData && 'feedUrl' in actionData ? actionData.feedUrl : null
  const formError = actionData && 'errors' in actionData ? (actionData.errors.form ?? actionData.errors.intent) : undefined
  return (
    <>
      <PageHeader
        title="Calendar"
        description="Planned sessions and supervision meetings. A session you planned becomes a draft record in your hours once it has ended, ready to complete."
        actions={
          canPlan ? (
            <Link className="button" to="/calendar/new">
              Plan a session or meeting
            </Link>
          ) : null
        }
      />
      <section aria-labelledby="upcoming-heading">
        <h2 id="upcoming-heading">Coming up</h2>
        {items.length === 0 ? (
          <p className="muted">
            Nothing planned{prev ? ' on this page' : ''}. {canPlan ? <Link to="/calendar/new">Plan a session or meeting.</Link> : null}
          </p>
        ) : (
          byDay(items).map((day) => (
            <section key={day.day} aria-labelledby={`day-${day.day}`}>
              <h3 id={`day-${day.day}`}>{day.heading}</h3>
              <ul className="plain-inline stack">
                {day.items.map((item) => (
                  <Item key={item.id} item={item} />
                ))}
              </ul>
            </section>
          ))
        )}
        <Pager prev={prev} next={next} />
      </section>

      <section className="card" aria-labelledby="feed-heading">
        <h2 id="feed-heading">Subscribe in your calendar app</h2>
        <p>
          A private link to this calendar for Google Calendar, Apple Calendar or Outlook (“subscribe from URL”). It says what and when: never a participant or
          client code, a topic or a note. Anyone who has the link can read it, so keep it to yourself.
        </p>
        {shownUrl ? (
          <div className="alert alert-success" role="status">
            <label htmlFor="feed-url">
              <strong>{actionData && 'replaced' in actionData && actionData.replaced ? 'Your new feed link' : 'Your feed link'}</strong> — copy it now: it is
              shown only this once.
            </label>
            <input id="feed-url" type="text" readOnly value={shownUrl} onFocus={(e) => e.currentTarget.select()} />
            {actionData && 'replaced' in actionData && actionData.replaced ? <p className="small">The old link no longer works.</p> : null}
          </div>
        ) : feedSince ? (
          <p className="muted small">
            You made a feed link on {formatDateTime(feedSince)}. Lost it, or shared it by mistake? Reset it: the old one stops working.
          </p>
        ) : null}
        <FormError error={formError} />
        <Form method="post">
          <button
            type="submit"
            name="intent"
            value={feedSince || shownUrl ? 'reset-feed' : 'create-feed'}
            className="button secondary"
            disabled={navigation.state === 'submitting'}
          >
            {feedSince || shownUrl ? 'Reset feed link' : 'Create feed link'}
          </button>
        </Form>
      </section>
    </>
  )
}
