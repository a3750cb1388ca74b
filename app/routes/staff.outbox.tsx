import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, useLoaderData } from '@remix-run/react'
import { requirePermission } from '#app/auth/guard.server.ts'
import { LinkifiedText } from '#app/components/linkified-text.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Pager } from '#app/components/pager.tsx'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'
import { outboxPage } from '#app/staff/outbox.server.ts'

export const meta: MetaFunction = () => [{ title: 'Outbox · Staff · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, 'outbox:read:any')
  const url = new URL(request.url)
  const page = pageFrom(url)
  const to = (url.searchParams.get('to') ?? '').trim().slice(0, 254)
  const { rows, prev, next } = pageLinks(await outboxPage(page, to), url, page)
  return { mails: rows, prev, next, to, smtp: Boolean(process.env.SMTP_URL) }
}

export default function OutboxPage() {
  const { formatDateTime } = useFormat()
  const { mails, prev, next, to, smtp } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title="Outbox"
        breadcrumbs={[{ to: '/staff', label: 'Staff' }]}
        description={`Every mail the platform sends, newest first. ${smtp ? 'Mails are also delivered through SMTP.' : 'No SMTP server is configured: mails are kept here only.'}`}
        actions={
          <Form method="get" className="row" role="search">
            <label htmlFor="outbox-to" className="visually-hidden">
              Recipient email
            </label>
            <input id="outbox-to" type="search" name="to" defaultValue={to} placeholder="Recipient email" />
            <button className="button secondary" type="submit">
              Filter
            </button>
          </Form>
        }
      />
      {mails.length === 0 ? (
        <div className="card">
          <p>{to ? `No mail to ${to}.` : 'No mail has been sent yet.'}</p>
        </div>
      ) : (
        <ol className="plain-list card" aria-label="Mails">
          {mails.map((mail) => (
            <li key={mail.id}>
              <article aria-label={mail.subject}>
                <div className="row spread">
                  <strong>{mail.subject}</strong>
                  <span className="muted small">{formatDateTime(mail.created_at)}</span>
                </div>
                <p className="muted small">
                  To {mail.to_address}
                  {mail.sent_at ? ' · delivered' : mail.error ? ` · delivery failed: ${mail.error}` : ''}
                </p>
                <pre className="mail-body">
                  <LinkifiedText text={mail.body} />
                </pre>
              </article>
            </li>
          ))}
        </ol>
      )}
      <Pager prev={prev} next={next} />
    </>
  )
}
