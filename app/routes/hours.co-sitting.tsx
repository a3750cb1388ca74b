import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { forbidden, notFound, requirePermission } from '#app/auth/guard.server.ts'
import { FormError, TextAreaField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { Pager } from '#app/components/pager.tsx'
import { db } from '#app/db.server.ts'
import { SETTING_LABELS, SITTER_ROLE_LABELS } from '#app/hours/labels.ts'
import { awaitingConfirmationBy, confirmedBy } from '#app/hours/records.server.ts'
import { coSitterAnswerSchema } from '#app/hours/schema.ts'
import { answerAsCoSitter } from '#app/hours/workflow.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatMinutes } from '#app/utils/format.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { pageFrom, pageLinks } from '#app/utils/pagination.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Sessions to confirm as co-sitter · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'record:log:own')
  const url = new URL(request.url)
  const page = pageFrom(url)
  const [rows, confirmed] = await Promise.all([awaitingConfirmationBy(user.id, page), confirmedBy(user.id)])
  const { rows: awaiting, prev, next } = pageLinks(rows, url, page)
  return { awaiting, prev, next, confirmed }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'record:log:own')
  const form = await parseForm(request, coSitterAnswerSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const record = await db.selectFrom('records').select(['id', 'kind', 'co_sitter_id']).where('id', '=', form.data.id).executeTakeFirst()
  if (!record || record.kind !== 'sitter') throw notFound('There is no such record.')
  if (record.co_sitter_id !== user.id) throw await forbidden(request, user, 'not the co-sitter this record names', `record:${record.id}`)
  const { intent, id, version } = form.data
  const reason = intent === 'decline' ? form.data.reason : null
  const result = await answerAsCoSitter(user, id, { answer: intent, version, reason }, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
  return redirectWithFlash(
    '/hours/co-sitting',
    intent === 'confirm' ? 'Confirmed. The session now goes to the fellow’s supervisor.' : 'Declined. The fellow has your reason and can correct the record.',
  )
}

type Awaiting = ReturnType<typeof useLoaderData<typeof loader>>['awaiting'][number]

const timeOf = (r: { started_at: string | null; ended_at: string | null }) => (r.started_at && r.ended_at ? `${r.started_at}–${r.ended_at}` : null)

/** One session the co-sitter is asked about: its facts, and the two answers. */
function SessionToConfirm({ session }: { session: Awaiting }) {
  const { formatDate } = useFormat()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  // The server's answer belongs to the session it was about.
  const mine = actionData?.values?.id === String(session.id) ? actionData : undefined
  const { register, onSubmit, errorFor, formError } = useValidatedForm(coSitterAnswerSchema, {
    serverResult: mine,
    defaultValues: { id: String(session.id), version: String(session.version) },
  })
  const headingId = `session-${session.id}`
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {session.fellow_name} · {formatDate(session.occurred_on)}
      </h2>
      <dl className="facts">
        <dt>Time</dt>
        <dd>{timeOf(session) ?? 'Not recorded'}</dd>
        <dt>Duration</dt>
        <dd>{formatMinutes(session.minutes)}</dd>
        <dt>Setting</dt>
        <dd>{SETTING_LABELS[session.setting] ?? session.setting}</dd>
        <dt>Participant code</dt>
        <dd>{session.participant_code}</dd>
        <dt>{session.fellow_name}’s role</dt>
        <dd>{session.sitter_role ? (SITTER_ROLE_LABELS[session.sitter_role] ?? session.sitter_role) : 'Not recorded'}</dd>
      </dl>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <FormError error={formError ?? errorFor('id') ?? errorFor('version')} />
        <input type="hidden" {...register('id')} />
        <input type="hidden" {...register('version')} />
        <TextAreaField
          label="If something is not right, say what"
          hint="Needed only to decline. The fellow reads it and can correct the record. Do not identify the participant."
          maxLength={2000}
          defaultValue={mine?.values?.reason as string | undefined}
          registration={register('reason')}
          error={errorFor('reason')}
        />
        <div className="form-actions">
          <button type="submit" name="intent" value="confirm" className="button" disabled={navigation.state === 'submitting'}>
            Confirm: I sat this session
          </button>
          <button type="submit" name="intent" value="decline" className="button secondary" disabled={navigation.state === 'submitting'}>
            Decline with reason
          </button>
        </div>
      </Form>
    </li>
  )
}

export default function CoSittingPage() {
  const { formatDate, formatDateTime } = useFormat()
  const { awaiting, prev, next, confirmed } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader title="Sessions to confirm as co-sitter" breadcrumbs={[{ to: '/hours', label: 'Hours' }]} />
      <p className="muted">
        When a fellow logs a sitter session and names you as the other sitter, it waits here for you to confirm it before it reaches their supervisor.
      </p>
      {awaiting.length ? (
        <ul className="stack card-list">
          {awaiting.map((session) => (
            <SessionToConfirm key={session.id} session={session} />
          ))}
        </ul>
      ) : (
        <p className="card">No sessions wait for your confirmation.</p>
      )}
      <Pager prev={prev} next={next} />
      <section aria-labelledby="confirmed-heading">
        <h2 id="confirmed-heading">Recently confirmed by you</h2>
        {confirmed.length ? (
          <ul>
            {confirmed.map((c) => (
              <li key={c.id}>
                {c.fellow_name}, {formatDate(c.occurred_on)}
                {timeOf(c) ? ` (${timeOf(c)})` : ''} — confirmed {c.co_sitter_confirmed_at ? formatDateTime(c.co_sitter_confirmed_at) : ''}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">None yet.</p>
        )}
        <p>
          <Link to="/hours">Back to your hours</Link>
        </p>
      </section>
    </>
  )
}
