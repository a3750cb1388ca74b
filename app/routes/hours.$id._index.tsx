import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react'
import { z } from 'zod'
import { auditContext } from '#app/audit/audit.server.ts'
import { forbidden, requireUser } from '#app/auth/guard.server.ts'
import { ChoiceGroup, FormError, TextAreaField, TextField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { AttachmentsCard } from '#app/documents/components.tsx'
import { documentSummaries } from '#app/documents/documents.server.ts'
import { RecordDetails, RecordHistory } from '#app/hours/components.tsx'
import { KIND_LABELS, options, SETTING_LABELS } from '#app/hours/labels.ts'
import { coSitterNameOf, recordHistory } from '#app/hours/records.server.ts'
import { amendRecord, submitRecords } from '#app/hours/workflow.server.ts'
import { requireVisibleRecord } from '#app/hours/access.server.ts'
import { amendSchema } from '#app/hours/schema.ts'
import { isEditable } from '#app/hours/workflow.ts'
import { db } from '#app/db.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { invalid, parseFormData, readFormData } from '#app/utils/forms.server.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { intentField, versionField } from '#app/utils/hidden-fields.ts'
import { signatureOf } from '#app/supervision/sign-off.server.ts'
import { commentAction, commentsOf, commentStandingOf } from '#app/hours/comments.server.ts'
import { CommentThread } from '#app/hours/comments.tsx'
import { disputeSchema } from '#app/supervision/group.ts'
import { disputeGroupRecord, meetingOfRecord } from '#app/supervision/group.server.ts'
import { DisputeCard } from '#app/supervision/group-dispute.tsx'
import { SignatureNote } from '#app/supervision/signature-note.tsx'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${KIND_LABELS[data.record.kind]} of ${formatDate(data.record.occurred_on)} · KAP Fellowship` : 'Record · KAP Fellowship' },
]

const submitOneSchema = z.strictObject({
  intent: intentField('submit'),
  version: versionField,
})

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  const { record, visibility, assigned } = await requireVisibleRecord(request, user, params.id)
  const fellow = await db.selectFrom('users').select('name').where('id', '=', record.fellow_id).executeTakeFirstOrThrow()
  const history = await recordHistory(record.id)
  const meeting = await meetingOfRecord(record.id)
  const commenting = await commentStandingOf(user, record)
  return {
    record,
    fellowName: fellow.name,
    coSitterName: await coSitterNameOf(record),
    history,
    canEdit: visibility === 'owner' && isEditable(record.status),
    canAmend: user.roles.includes('staff') && record.status === 'approved',
    canDecide: visibility === 'supervisor' && assigned && record.status === 'submitted',
    isOwner: visibility === 'owner',
    attachments: await documentSummaries({ recordId: record.id }),
    signature: signatureOf(record),
    // Group supervision recorded by a supervisor: the fellow may dispute it once; the dispute shows to everyone who reads the record.
    group: meeting
      ? {
          meetingId: meeting.id,
          ownMeeting: meeting.supervisor_id === user.id,
          dispute: history.filter((e) => e.action === 'dispute').at(-1) ?? null,
          canDispute: visibility === 'owner' && record.status === 'approved' && !history.some((e) => e.action === 'dispute'),
        }
      : null,
    comments: await commentsOf(record.id),
    canComment: commenting.may,
    commentsClosed: commenting.role ? commenting.reason : undefined,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request)
  const { record, visibility } = await requireVisibleRecord(request, user, params.id)
  const formData = await readFormData(request)
  if (formData.get('intent') === 'comment') return commentAction(request, user, record, formData, `/hours/${record.id}`, auditContext(request))
  if (formData.get('intent') === 'dispute') {
    if (visibility !== 'owner') throw await forbidden(request, user, 'only the fellow disputes their record', `record:${record.id}`)
    const form = parseFormData(formData, disputeSchema)
    if (!form.ok) return invalid(form.errors, form.values)
    const result = await disputeGroupRecord(user, record.id, form.data, auditContext(request))
    if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
    return redirectWithFlash(`/hours/${record.id}`, 'Dispute sent: your supervisor sees your reason on the meeting and on this record.')
  }
  if (formData.get('intent') === 'submit') {
    if (visibility !== 'owner') throw await forbidden(request, user, 'only the owner submits', `record:${record.id}`)
    const form = parseFormData(formData, submitOneSchema)
    if (!form.ok) return invalid(form.errors, form.values)
    const result = await submitRecords(user, [[record.id, form.data.version]], auditContext(request))
    if (!result.ok) return invalid({ form: result.message }, form.values, 409)
    return redirectWithFlash(
      `/hours/${record.id}`,
      result.waitingForCoSitter ? 'Submitted. It goes to your supervisor once the other sitter confirms it.' : 'Submitted to your supervisor.',
    )
  }
  if (!user.roles.includes('staff')) throw await forbidden(request, user, 'only staff amend records', `record:${record.id}`)
  const form = parseFormData(formData, amendSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await amendRecord(user, record, form.data, auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
  return redirectWithFlash(`/hours/${record.id}`, 'Amendment saved; the reason is in the record’s history.')
}

export default function RecordPage() {
  const {
    record,
    fellowName,
    coSitterName,
    history,
    canEdit,
    canAmend,
    canDecide,
    isOwner,
    attachments,
    signature,
    group,
    comments,
    canComment,
    commentsClosed,
  } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const sentIntent = actionData && 'values' in actionData ? actionData.values?.intent : undefined
  return (
    <>
      <PageHeader
        title={`${KIND_LABELS[record.kind]} · ${formatDate(record.occurred_on)}`}
        breadcrumbs={[isOwner ? { to: '/hours', label: 'Hours' } : { to: '/review', label: 'Review' }]}
        actions={
          <div className="row">
            {canEdit ? (
              <Link className="button secondary" to={`/hours/${record.id}/edit`}>
                Edit
              </Link>
            ) : null}
            {canDecide ? (
              <Link className="button" to={`/review/${record.id}`}>
                Review this record
              </Link>
            ) : null}
          </div>
        }
      />
      {record.status === 'returned' && record.return_comment ? (
        <div className="alert alert-warning" role="note">
          <strong>Returned for changes:</strong> {record.return_comment}
        </div>
      ) : null}
      <FormError error={actionData && 'errors' in actionData ? actionData.errors.form : undefined} />
      <div className="columns">
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <RecordDetails record={record} fellowName={isOwner ? undefined : fellowName} coSitterName={coSitterName} />
          <SignatureNote signature={signature} />
          {canEdit ? (
            <Form method="post" className="form-actions">
              <input type="hidden" name="intent" value="submit" />
              <input type="hidden" name="version" value={record.version} />
              <button type="submit" className="button">
                Submit for review
              </button>
            </Form>
          ) : null}
        </section>
        <section className="card" aria-labelledby="history-heading">
          <h2 id="history-heading">History</h2>
          <RecordHistory events={history} />
        </section>
      </div>
      {group ? (
        <DisputeCard
          group={group}
          version={record.version}
          serverResult={sentIntent === 'dispute' && actionData && 'errors' in actionData ? actionData : undefined}
        />
      ) : null}
      <CommentThread
        comments={comments}
        fellowId={record.fellow_id}
        canComment={canComment}
        closedReason={commentsClosed}
        serverResult={sentIntent === 'comment' && actionData && 'errors' in actionData ? actionData : undefined}
      />
      <AttachmentsCard attachments={attachments} attachUrl={canEdit ? `/hours/${record.id}/attachments` : undefined} />
      {canAmend ? <AmendForm record={record} serverResult={actionData && 'errors' in actionData && !sentIntent ? actionData : undefined} /> : null}
    </>
  )
}

function AmendForm({
  record,
  serverResult,
}: {
  record: { version: number; occurred_on: string; minutes: number; setting: string }
  serverResult?: { errors?: Record<string, string>; values?: Record<string, string | string[]> }
}) {
  const defaults = { version: String(record.version), occurredOn: record.occurred_on, minutes: String(record.minutes), setting: record.setting }
  const { register, onSubmit, errorFor } = useValidatedForm(amendSchema, { defaultValues: defaults, serverResult })
  const values = { ...defaults, ...serverResult?.values } as Record<string, string>
  return (
    <section className="card" aria-labelledby="amend-heading">
      <h2 id="amend-heading">Amend this approved record</h2>
      <p className="muted small">Approved records are locked. A correction is kept as an amendment in the history, with your reason.</p>
      <Form method="post" noValidate onSubmit={onSubmit}>
        <input type="hidden" {...register('version')} />
        <div className="inline-fields">
          <TextField label="Date" type="date" defaultValue={values.occurredOn} registration={register('occurredOn')} error={errorFor('occurredOn')} />
          <TextField label="Duration (minutes)" type="number" defaultValue={values.minutes} registration={register('minutes')} error={errorFor('minutes')} />
        </div>
        <ChoiceGroup
          legend="Setting"
          options={options(SETTING_LABELS)}
          defaultValue={values.setting}
          registration={register('setting')}
          error={errorFor('setting')}
        />
        <TextAreaField label="Reason for the amendment" defaultValue={values.reason} registration={register('reason')} error={errorFor('reason')} />
        <button type="submit" className="button">
          Save amendment
        </button>
      </Form>
    </section>
  )
}
