import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { notFound, requireUser } from '#app/auth/guard.server.ts'
import { FormError } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Pager } from '#app/components/pager.tsx'
import { writeTransaction } from '#app/db.server.ts'
import { markAllRead, markRead, notificationsPage, unreadCount } from '#app/notifications/notify.server.ts'
import { markReadSchema } from '#app/notifications/schema.ts'
import { KIND_LABELS, type NoteKind } from '#app/notifications/texts.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Notifications · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const url = new URL(request.url)
  const page = pageFrom(url)
  const [rows, unread] = await Promise.all([notificationsPage(user.id, page), unreadCount(user.id)])
  const { rows: notifications, prev, next } = pageLinks(rows, url, page)
  return { notifications, prev, next, unread, page }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const form = await parseForm(request, markReadSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  // Back to the page the reader was on.
  const back = `/notifications${new URL(request.url).search}`
  if (form.data.intent === 'read-all') {
    const count = await writeTransaction((trx) => markAllRead(trx, user.id))
    return redirectWithFlash(back, count ? `Marked ${count} notification${count === 1 ? '' : 's'} read.` : 'Nothing was unread.')
  }
  const { id } = form.data
  // Only one's own: anyone else's id (or none) is "no such notification".
  const found = await writeTransaction((trx) => markRead(trx, user.id, id))
  if (!found) throw notFound('There is no such notification.')
  return redirectWithFlash(back, 'Marked read.')
}

export default function NotificationsPage() {
  const { notifications, prev, next, unread } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state !== 'idle'
  const one = useValidatedForm(markReadSchema, {
    defaultValues: { intent: 'read' },
    serverResult: actionData?.values?.intent === 'read' ? actionData : undefined,
  })
  const all = useValidatedForm(markReadSchema, {
    defaultValues: { intent: 'read-all' },
    serverResult: actionData?.values?.intent !== 'read' ? actionData : undefined,
  })
  return (
    <>
      <PageHeader
        title="Notifications"
        description={
          unread
            ? `${unread} unread. What happened to your records, certificates and license, newest first.`
            : 'Nothing unread. What happened to your records, certificates and license, newest first.'
        }
      />
      <FormError error={one.formError ?? all.formError ?? one.errorFor('id') ?? one.errorFor('intent') ?? all.errorFor('intent')} />
      <p className="muted small">
        How often these reach you by mail: <Link to="/settings/notifications">Settings › Notifications</Link>.
      </p>
      {notifications.length === 0 ? (
        <div className="card">
          <p>No notifications yet. When a record of yours is approved or returned, a certificate is issued, or something waits for you, it appears here.</p>
        </div>
      ) : (
        // One form for every row: the button pressed sends its notification's id, with or without JavaScript.
        <Form method="post" noValidate onSubmit={one.onSubmit} className="card">
          <input type="hidden" {...one.register('intent')} />
          <ol className="notification-list" aria-label="Notifications">
            {notifications.map((n) => (
              <li key={n.id} className={n.read_at ? 'read' : 'unread'}>
                <span className="notification-text">
                  <span className="badge">{KIND_LABELS[n.kind as NoteKind] ?? n.kind}</span>{' '}
                  {n.read_at ? null : <span className="visually-hidden">Unread: </span>}
                  <Link to={n.link}>{n.text}</Link>
                </span>
                <time dateTime={n.created_at}>{formatDateTime(n.created_at)}</time>
                {n.read_at ? (
                  <span className="muted small">Read</span>
                ) : (
                  <button type="submit" name="id" value={String(n.id)} className="button secondary small" disabled={busy} aria-label={`Mark read: ${n.text}`}>
                    Mark read
                  </button>
                )}
              </li>
            ))}
          </ol>
        </Form>
      )}
      {unread ? (
        // After the list: the row buttons come first in reading order, and this one ends the page's work.
        <Form method="post" noValidate onSubmit={all.onSubmit} className="row">
          <input type="hidden" {...all.register('intent')} />
          <button type="submit" className="button secondary" disabled={busy}>
            Mark all read
          </button>
        </Form>
      ) : null}
      <Pager prev={prev} next={next} />
    </>
  )
}
