import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { forbidden, requirePermission } from '#app/auth/guard.server.ts'
import { FormError, TextAreaField } from '#app/components/forms.tsx'
import { PageHeader } from '#app/components/page-header.tsx'
import { AttachmentsCard } from '#app/documents/components.tsx'
import { documentSummaries } from '#app/documents/documents.server.ts'
import { db } from '#app/db.server.ts'
import { RecordDetails, RecordHistory } from '#app/hours/components.tsx'
import { KIND_LABELS, STATUS_LABELS } from '#app/hours/labels.ts'
import { coSitterNameOf, possibleDuplicates, recordHistory } from '#app/hours/records.server.ts'
import { sessionFactsOf, WITH_WHOM } from '#app/hours/duplicates.ts'
import { approvalBlockerFor, decideRecord } from '#app/hours/workflow.server.ts'
import { requireVisibleRecord } from '#app/hours/access.server.ts'
import { decisionSchema } from '#app/hours/schema.ts'
import { awaitsCoSitter } from '#app/hours/workflow.ts'
import { checkSignOff, signatureOf, signOffForm } from '#app/supervision/sign-off.server.ts'
import { SignOffFields } from '#app/supervision/sign-off.tsx'
import { SignatureNote } from '#app/supervision/signature-note.tsx'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { invalid, parseFormData, readFormData } from '#app/utils/forms.server.ts'
import { commentAction, commentsOf, commentStandingOf } from '#app/hours/comments.server.ts'
import { CommentThread } from '#app/hours/comments.tsx'
import { meetingOfRecord } from '#app/supervision/group.server.ts'
import { DisputeCard } from '#app/supervision/group-dispute.tsx'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

export const meta: MetaFunction = () => [{ title: 'Review a record · KAP Fellowship' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, 'record:decide:assigned')
  const { record, assigned } = await requireVisibleRecord(request, user, params.id)
  const fellow = await db.selectFrom('users').select(['id', 'name']).where('id', '=', record.fellow_id).executeTakeFirstOrThrow()
  // A sitter session reaches the supervisor once the co-sitter it names has confirmed it.
  const awaitingCoSitter = awaitsCoSitter(record)
  const canDecide = assigned && record.status === 'submitted' && record.fellow_id !== user.id && !awaitingCoSitter
  const history = await recordHistory(record.id)
  const meeting = await meetingOfRecord(record.id)
  const commenting = await commentStandingOf(user, record)
  return {
    record,
    fellow,
    coSitterName: await coSitterNameOf(record),
    awaitingCoSitter,
    history,
    // Records of the same session, as the fellow's own form would have asked about (drafts are the fellow's alone).
    duplicates: await possibleDuplicates(record.fellow_id, sessionFactsOf(record), { exceptId: record.id, includeDrafts: false }),
    attachments: await documentSummaries({ recordId: record.id }),
    canDecide,
    // Why this supervisor cannot sign approvals (their license), shown instead of the signature.
    licenseBlocker: canDecide ? await approvalBlockerFor(user) : null,
    signOff: canDecide ? await signOffForm(request) : null,
    signerName: user.name,
    signature: signatureOf(record),
    group: meeting
      ? {
          meetingId: meeting.id,
          ownMeeting: meeting.supervisor_id === user.id,
          dispute: history.filter((e) => e.action === 'dispute').at(-1) ?? null,
          canDispute: false,
        }
      : null,
    comments: await commentsOf(record.id),
    canComment: commenting.may,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requirePermission(request, 'record:decide:assigned')
  const { record, assigned } = await requireVisibleRecord(request, user, params.id)
  if (!assigned) throw await forbidden(request, user, 'supervisor not assigned to this fellow', `record:${record.id}`)
  const formData = await readFormData(request)
  if (formData.get('intent') === 'comment') return commentAction(request, user, record, formData, `/review/${record.id}`, auditContext(request))
  const form = parseFormData(formData, decisionSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  // An approval is a signature: checked (name, password when the sign-in is old) before anything is written.
  const signOff = form.data.decision === 'approve' ? await checkSignOff(request, user, form.data) : null
  if (signOff && 'ok' in signOff) return invalid({ [signOff.field]: signOff.message }, form.values, signOff.field === 'form' ? 409 : 400)
  const result = await decideRecord(user, record.id, form.data, auditContext(request), signOff)
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
  return redirectWithFlash('/review', form.data.decision === 'approve' ? 'Record approved.' : 'Record returned to the fellow with your comment.')
}

export default function ReviewRecordPage() {
  const {
    record,
    fellow,
    coSitterName,
    awaitingCoSitter,
    history,
    duplicates,
    attachments,
    canDecide,
    licenseBlocker,
    signOff,
    signature,
    signerName,
    group,
    comments,
    canComment,
  } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const commentResult = actionData?.values?.intent === 'comment' ? actionData : undefined
  const navigation = useNavigation()
  const { register, onSubmit, errorFor, formError } = useValidatedForm(decisionSchema, {
    serverResult: commentResult ? undefined : actionData,
    defaultValues: { version: String(record.version) },
  })
  return (
    <>
      <PageHeader
        title={`${KIND_LABELS[record.kind]} · ${formatDate(record.occurred_on)}`}
        breadcrumbs={[
          { to: '/review', label: 'Review' },
          { to: `/review/fellows/${fellow.id}`, label: fellow.name },
        ]}
      />
      <FormError error={formError} />
      <div className="columns">
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <RecordDetails record={record} fellowName={fellow.name} coSitterName={coSitterName} />
          <SignatureNote signature={signature} />
          {duplicates.length ? (
            <div className="alert alert-warning" role="note">
              <strong>Possible duplicate:</strong> {fellow.name} has {duplicates.length === 1 ? 'another record' : `${duplicates.length} other records`} of this
              kind on the same day{WITH_WHOM[record.kind]}:{' '}
              {duplicates.map((d, i) => (
                <span key={d.id}>
                  {i ? ', ' : ''}
                  <Link to={`/hours/${d.id}`}>
                    record {d.id} ({STATUS_LABELS[d.status].toLowerCase()})
                  </Link>
                </span>
              ))}
              . Check the history for whether the fellow confirmed it is a different session.
            </div>
          ) : null}
        </section>
        <div>
          {canDecide ? (
            <section className="card" aria-labelledby="decide-heading">
              <h2 id="decide-heading">Your decision</h2>
              <Form method="post" noValidate onSubmit={onSubmit}>
                <input type="hidden" name="version" value={record.version} />
                <TextAreaField
                  label="Comment"
                  hint="Required when you return the record: say what needs fixing. Optional when approving."
                  defaultValue={actionData?.values?.comment as string | undefined}
                  registration={register('comment')}
                  error={errorFor('comment')}
                />
                {licenseBlocker ? (
                  <p className="alert alert-warning" role="note">
                    {licenseBlocker} You can still return the record with a comment.
                  </p>
                ) : signOff ? (
                  <SignOffFields signOff={signOff} name={signerName} register={register} errorFor={errorFor} />
                ) : null}
                <div className="form-actions">
                  {licenseBlocker ? null : (
                    <button type="submit" name="decision" value="approve" className="button" disabled={navigation.state === 'submitting'}>
                      Sign and approve
                    </button>
                  )}
                  <button type="submit" name="decision" value="return" className="button secondary" disabled={navigation.state === 'submitting'}>
                    Return with comment
                  </button>
                </div>
              </Form>
            </section>
          ) : awaitingCoSitter ? (
            <p className="alert alert-info">
              This sitter session waits for {coSitterName ?? 'the co-sitter'}, the co-sitter it names, to confirm it. You can decide once they have.
            </p>
          ) : (
            <p className="alert alert-info">This record is {record.status}; there is nothing to decide.</p>
          )}
          <section className="card" aria-labelledby="history-heading">
            <h2 id="history-heading">History</h2>
            <RecordHistory events={history} />
          </section>
        </div>
      </div>
      {group ? <DisputeCard group={group} version={record.version} /> : null}
      <CommentThread comments={comments} fellowId={fellow.id} canComment={canComment} serverResult={commentResult} />
      <AttachmentsCard attachments={attachments} />
    </>
  )
}
