import { useMemo } from 'react'
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { forbidden, requirePermission } from '#app/auth/guard.server.ts'
import { ChoiceGroup, FormError, TextAreaField, TextField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { options, SETTING_LABELS } from '#app/hours/labels.ts'
import { approvalBlockerFor } from '#app/hours/workflow.server.ts'
import { groupMeetingSchemaIn, MAX_ATTENDEES, MIN_ATTENDEES, TOPIC_MAX } from '#app/supervision/group.ts'
import { groupChoices, recordGroupMeeting, unassignedAmong } from '#app/supervision/group.server.ts'
import { checkSignOff, signOffForm } from '#app/supervision/sign-off.server.ts'
import { SignOffFields } from '#app/supervision/sign-off.tsx'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { DIFFERENT_SESSION_LABEL } from '#app/hours/duplicates.ts'
import { timeZoneOf, todayOf } from '#app/utils/time-zone.server.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'

export const meta: MetaFunction = () => [{ title: 'Record a group supervision meeting · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'record:decide:assigned')
  const blocker = await approvalBlockerFor(user)
  return {
    fellows: await groupChoices(user.id),
    licenseBlocker: blocker,
    signOff: blocker ? null : await signOffForm(request),
    signerName: user.name,
    today: todayOf(user),
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'record:decide:assigned')
  const form = await parseForm(request, groupMeetingSchemaIn(timeZoneOf(user)))
  if (!form.ok) return invalid(form.errors, form.values)
  // Marking someone who is not one's own fellow is not a mistake a form makes: refused and logged.
  const unassigned = await unassignedAmong(user.id, form.data.fellowIds)
  if (unassigned.length) throw await forbidden(request, user, 'fellows not assigned to this supervisor', unassigned.map((id) => `user:${id}`).join(','))
  // The same signature as any approval, checked before anything is written.
  const signOff = await checkSignOff(request, user, form.data)
  if ('ok' in signOff) return invalid({ [signOff.field]: signOff.message }, form.values, signOff.field === 'form' ? 409 : 400)
  const result = await recordGroupMeeting(user, form.data, signOff, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
  return redirectWithFlash(
    `/review/group-supervision/${result.meetingId}`,
    `Meeting recorded: ${form.data.fellowIds.length} signed group supervision records, one in each fellow’s hours.`,
  )
}

export default function NewGroupMeetingPage() {
  const { fellows, licenseBlocker, signOff, signerName, today } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const defaults = { occurredOn: today, minutes: '60', setting: 'in_person' }
  const { timeZone } = useFormat()
  const schema = useMemo(() => groupMeetingSchemaIn(timeZone), [timeZone])
  const { register, onSubmit, errorFor, formError } = useValidatedForm(schema, { defaultValues: defaults, serverResult: actionData })
  const values = { ...defaults, ...actionData?.values } as Record<string, string | string[]>
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : undefined)
  return (
    <>
      <PageHeader
        title="Record a group supervision meeting"
        breadcrumbs={[
          { to: '/review', label: 'Review' },
          { to: '/review/group-supervision', label: 'Group supervision' },
        ]}
        description="Record the meeting once: each fellow you tick gets a group supervision record in their hours, signed by you as any approval is."
      />
      <FormError error={formError} />
      {licenseBlocker ? (
        <p className="alert alert-warning" role="note">
          {licenseBlocker}
        </p>
      ) : fellows.length < MIN_ATTENDEES ? (
        <p className="alert alert-info">
          A group meeting needs at least {MIN_ATTENDEES} of your fellows, and {fellows.length === 0 ? 'none is' : 'only one is'} assigned to you.{' '}
          <Link to="/review">Back to the review queue</Link>
        </p>
      ) : signOff ? (
        <section className="card">
          <Form method="post" noValidate onSubmit={onSubmit}>
            <div className="inline-fields">
              <TextField
                label="Date"
                type="date"
                max={today}
                defaultValue={text('occurredOn')}
                registration={register('occurredOn')}
                error={errorFor('occurredOn')}
              />
              <TextField
                label="Duration (minutes)"
                type="number"
                min={15}
                max={600}
                inputMode="numeric"
                defaultValue={text('minutes')}
                registration={register('minutes')}
                error={errorFor('minutes')}
              />
            </div>
            <ChoiceGroup
              legend="Setting"
              options={options(SETTING_LABELS)}
              defaultValue={text('setting')}
              registration={register('setting')}
              error={errorFor('setting')}
            />
            <TextAreaField
              label="Topic"
              hint={`What the group worked on, in up to ${TOPIC_MAX} characters. It becomes the notes of each fellow’s record, which only they, their supervisors and staff read.`}
              rows={3}
              defaultValue={text('topic')}
              registration={register('topic')}
              error={errorFor('topic')}
            />
            <ChoiceGroup
              legend="Fellows who attended"
              hint={`Your assigned fellows. Tick ${MIN_ATTENDEES} to ${MAX_ATTENDEES}; the group size on each record is the number ticked.`}
              multiple
              options={fellows.map((f) => ({ value: String(f.id), label: f.name }))}
              defaultValue={values.fellowIds}
              registration={register('fellowIds')}
              error={errorFor('fellowIds')}
            />
            {errorFor('differentSession') || values.differentSession === 'yes' ? (
              <ChoiceGroup
                legend="Possible duplicate"
                multiple
                options={[{ value: 'yes', label: DIFFERENT_SESSION_LABEL }]}
                defaultValue={text('differentSession')}
                registration={register('differentSession')}
                error={errorFor('differentSession')}
              />
            ) : null}
            <SignOffFields signOff={signOff} name={signerName} register={register} errorFor={errorFor} />
            <div className="form-actions">
              <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
                Sign and record the meeting
              </button>
              <Link to="/review/group-supervision" className="button secondary">
                Cancel
              </Link>
            </div>
          </Form>
        </section>
      ) : null}
    </>
  )
}
