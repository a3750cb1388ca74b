import { Form, useNavigation } from '@remix-run/react'
import { TextAreaField } from '#app/components/forms.tsx'
import { formatDateTime } from '#app/utils/format.ts'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'
import { commentSchema, COMMENT_MAX } from './comments.ts'

type Comment = { id: number; body: string; created_at: string; author_id: number; author_name: string }
type ServerResult = { errors?: Record<string, string>; values?: Record<string, string | string[]> }

/** The thread on a record, oldest first, and the form to add to it when the reader may. */
export function CommentThread({
  comments,
  fellowId,
  canComment,
  closedReason,
  serverResult,
}: {
  comments: Comment[]
  fellowId: number
  canComment: boolean
  /** Why the reader, who may comment in principle, cannot yet (a draft). */
  closedReason?: string
  serverResult?: ServerResult
}) {
  const navigation = useNavigation()
  const { register, onSubmit, errorFor } = useValidatedForm(commentSchema, { defaultValues: { intent: 'comment' }, serverResult })
  const typed = serverResult?.values?.body
  return (
    <section className="card" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Feedback on the reflection</h2>
      <p className="muted small">Between the fellow and their supervisors. Like the notes, it is never in summaries or exports.</p>
      {comments.length ? (
        <ol className="timeline" aria-label="Comments">
          {comments.map((c) => (
            <li key={c.id}>
              <strong>{c.author_name}</strong> <span className="muted small">{c.author_id === fellowId ? '(fellow)' : '(supervisor)'}</span>{' '}
              <span className="muted small">· {formatDateTime(c.created_at)}</span>
              <blockquote className="comment">{c.body}</blockquote>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No comments yet.</p>
      )}
      {canComment ? (
        <Form method="post" noValidate onSubmit={onSubmit}>
          <input type="hidden" {...register('intent')} />
          <TextAreaField
            label={comments.length ? 'Your reply' : 'Your comment'}
            hint={`At most ${COMMENT_MAX.toLocaleString('en-US')} characters. No contact details or dates of birth.`}
            rows={4}
            defaultValue={typeof typed === 'string' ? typed : undefined}
            registration={register('body')}
            error={errorFor('body')}
          />
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            {comments.length ? 'Post reply' : 'Post comment'}
          </button>
        </Form>
      ) : closedReason ? (
        <p className="muted small">{closedReason}</p>
      ) : null}
    </section>
  )
}
