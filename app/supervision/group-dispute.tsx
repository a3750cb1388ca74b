import { Form, Link, useNavigation } from '@remix-run/react'
import { FormError, TextAreaField } from '#app/components/forms.tsx'
import { formatDateTime } from '#app/utils/format.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { disputeSchema, REASON_MAX } from './group.ts'

type GroupView = {
  meetingId: number
  /** The reader recorded the meeting: they correct it on its page. */
  ownMeeting: boolean
  dispute: { comment: string | null; at: string; actor_name: string } | null
  canDispute: boolean
}

/** On a record made at a group supervision meeting: the dispute, or the form to dispute it, and where the supervisor corrects it. */
export function DisputeCard({
  group,
  version,
  serverResult,
}: {
  group: GroupView
  version: number
  serverResult?: { errors?: Record<string, string>; values?: Record<string, string | string[]> }
}) {
  const navigation = useNavigation()
  const { register, onSubmit, errorFor } = useValidatedForm(disputeSchema, { defaultValues: { intent: 'dispute', version: String(version) }, serverResult })
  const typed = serverResult?.values?.reason
  return (
    <section className="card" aria-labelledby="group-heading">
      <h2 id="group-heading">Group supervision meeting</h2>
      <p className="small">The supervisor recorded this meeting once for everyone present and signed this record.</p>
      {group.dispute ? (
        <div className="alert alert-warning" role="note">
          <strong>Disputed</strong> by {group.dispute.actor_name} on {formatDateTime(group.dispute.at)}: “{group.dispute.comment}”
          {group.ownMeeting ? (
            <>
              {' '}
              <Link to={`/review/group-supervision/${group.meetingId}`}>Correct it on the meeting’s page</Link>.
            </>
          ) : null}
        </div>
      ) : group.ownMeeting ? (
        <p className="small">
          <Link to={`/review/group-supervision/${group.meetingId}`}>The meeting and its attendees</Link>
        </p>
      ) : null}
      {group.canDispute ? (
        <Form method="post" noValidate onSubmit={onSubmit}>
          <FormError error={serverResult?.errors?.form} />
          <input type="hidden" {...register('intent')} />
          <input type="hidden" {...register('version')} />
          <TextAreaField
            label="Not at this meeting? Say why"
            hint={`Your supervisor reads this and can withdraw the record (up to ${REASON_MAX.toLocaleString('en-US')} characters).`}
            rows={2}
            defaultValue={typeof typed === 'string' ? typed : undefined}
            registration={register('reason')}
            error={errorFor('reason')}
          />
          <button type="submit" className="button secondary" disabled={navigation.state === 'submitting'}>
            Dispute this record
          </button>
        </Form>
      ) : null}
    </section>
  )
}
