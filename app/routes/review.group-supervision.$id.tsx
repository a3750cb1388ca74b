import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { forbidden, notFound, requirePermission } from '#app/auth/guard.server.ts'
import { FormError, TextAreaField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { StatusBadge } from '#app/hours/components.tsx'
import { SETTING_LABELS } from '#app/hours/labels.ts'
import { REASON_MAX, withdrawSchema } from '#app/supervision/group.ts'
import { groupMeeting, withdrawFromMeeting } from '#app/supervision/group.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate, formatDateTime, formatMinutes } from '#app/utils/format.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { positiveId } from '#app/utils/ids.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Group supervision meeting · KAP Fellowship' }]

/** The meeting in the URL, for the supervisor who recorded it; another supervisor gets a logged 403. */
async function requireOwnMeeting(request: Request, params: { id?: string }) {
  const user = await requirePermission(request, 'record:decide:assigned')
  const id = positiveId(params.id)
  const found = id ? await groupMeeting(id) : null
  if (!found) throw notFound('There is no such meeting.')
  if (found.meeting.supervisor_id !== user.id)
    throw await forbidden(request, user, 'meeting recorded by another supervisor', `group-meeting:${found.meeting.id}`)
  return { user, ...found }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { meeting, attendees } = await requireOwnMeeting(request, params)
  return { meeting, attendees }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, meeting } = await requireOwnMeeting(request, params)
  const form = await parseForm(request, withdrawSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await withdrawFromMeeting(user, meeting.id, form.data, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
  return redirectWithFlash(
    `/review/group-supervision/${meeting.id}`,
    `Record withdrawn; the other records now say ${result.remaining} ${result.remaining === 1 ? 'fellow (individual supervision)' : 'fellows attended'}.`,
  )
}

export default function GroupMeetingPage() {
  const { meeting, attendees } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const present = attendees.filter((a) => a.status === 'approved')
  const disputed = present.filter((a) => a.dispute)
  const failedFor = typeof actionData?.values?.recordId === 'string' ? Number(actionData.values.recordId) : null
  return (
    <>
      <PageHeader
        title={`Group supervision · ${formatDate(meeting.occurred_on)}`}
        breadcrumbs={[
          { to: '/review', label: 'Review' },
          { to: '/review/group-supervision', label: 'Group supervision' },
        ]}
      />
      {disputed.length ? (
        <div className="alert alert-warning" role="note">
          {disputed.length === 1 ? `${disputed[0]!.name} says` : `${disputed.length} fellows say`} they were not at this meeting. If so, remove them below:
          their record is withdrawn and the others’ group size is corrected.
        </div>
      ) : null}
      {actionData?.errors?.form && failedFor === null ? <FormError error={actionData.errors.form} /> : null}
      <section className="card" aria-labelledby="meeting-heading">
        <h2 id="meeting-heading">The meeting</h2>
        <dl className="facts">
          <dt>Date</dt>
          <dd>{formatDate(meeting.occurred_on)}</dd>
          <dt>Duration</dt>
          <dd>{formatMinutes(meeting.minutes)}</dd>
          <dt>Setting</dt>
          <dd>{SETTING_LABELS[meeting.setting] ?? meeting.setting}</dd>
          <dt>Supervisor</dt>
          <dd>{meeting.supervisor_name}</dd>
          <dt>Recorded</dt>
          <dd>{formatDateTime(meeting.created_at)}</dd>
          <dt>Attended</dt>
          <dd>
            {present.length} {present.length === 1 ? 'fellow' : 'fellows'}
          </dd>
        </dl>
        <h3>Topic</h3>
        <p className="prewrap">{meeting.topic}</p>
      </section>
      <section className="card" aria-labelledby="attendees-heading">
        <h2 id="attendees-heading">Attendees</h2>
        <ul className="plain stack">
          {attendees.map((a) => (
            <li key={a.record_id} className="attendee">
              <p>
                <strong>{a.name}</strong> <StatusBadge status={a.status} /> <Link to={`/review/${a.record_id}`}>their record</Link>
                {a.status === 'approved' && a.supervision_format === 'group' ? <span className="muted small"> · group of {a.group_size}</span> : null}
                {a.status === 'approved' && a.supervision_format === 'individual' ? <span className="muted small"> · now individual supervision</span> : null}
              </p>
              {a.dispute ? (
                <p className="small">
                  <strong>Disputed</strong> on {formatDateTime(a.dispute.at)}: “{a.dispute.comment}”
                </p>
              ) : null}
              {a.withdrawal ? (
                <p className="small muted">
                  Withdrawn on {formatDateTime(a.withdrawal.at)}: “{a.withdrawal.comment}”
                </p>
              ) : null}
              {a.status === 'approved' ? (
                <WithdrawForm
                  attendee={a}
                  serverResult={failedFor === a.record_id ? (actionData as { errors?: Record<string, string>; values?: Record<string, string> }) : undefined}
                />
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  )
}

function WithdrawForm({
  attendee,
  serverResult,
}: {
  attendee: { record_id: number; version: number; name: string }
  serverResult?: { errors?: Record<string, string>; values?: Record<string, string> }
}) {
  const navigation = useNavigation()
  const defaults = { intent: 'withdraw', recordId: String(attendee.record_id), version: String(attendee.version) }
  const { register, onSubmit, errorFor } = useValidatedForm(withdrawSchema, { defaultValues: defaults, serverResult })
  return (
    <details open={!!serverResult}>
      <summary>Remove {attendee.name}: not at this meeting</summary>
      <FormError error={serverResult?.errors?.form} />
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...register('intent')} />
        <input type="hidden" {...register('recordId')} />
        <input type="hidden" {...register('version')} />
        <TextAreaField
          label={`Why ${attendee.name} is removed`}
          hint={`Kept in ${attendee.name}’s record history (up to ${REASON_MAX.toLocaleString('en-US')} characters). The other attendees read only that the group was smaller.`}
          rows={2}
          defaultValue={serverResult?.values?.reason}
          registration={register('reason')}
          error={errorFor('reason')}
        />
        <button type="submit" className="button secondary" disabled={navigation.state === 'submitting'}>
          Withdraw {attendee.name}’s record
        </button>
      </Form>
    </details>
  )
}
