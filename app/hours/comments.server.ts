import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import { forbidden } from '#app/auth/guard.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { db, nowIso, writeTransaction } from '#app/db.server.ts'
import { notify } from '#app/notifications/notify.server.ts'
import { isAssigned, supervisorsOfFellow } from '#app/supervision/assignments.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseFormData } from '#app/utils/forms.server.ts'
import { fail, refusalOf, refuseWith, type Failure } from '#app/utils/result.ts'
import type { HoursRecord } from '#db/schema.ts'
import { commentSchema, commentStanding } from './comments.ts'

// The thread on a record: read with the record (same privacy: the fellow, their supervisors,
// staff), written by the fellow and their assigned supervisors. Never read by summaries,
// reports or exports.

/** A record's comments, oldest first, with who wrote each. */
export async function commentsOf(recordId: number) {
  return db
    .selectFrom('record_comments as c')
    .innerJoin('users', 'users.id', 'c.author_id')
    .select(['c.id', 'c.body', 'c.created_at', 'c.author_id', 'users.name as author_name'])
    .where('c.record_id', '=', recordId)
    .orderBy('c.id')
    .execute()
}

export type CommentView = Awaited<ReturnType<typeof commentsOf>>[number]

/** Whether `user` may write in the record's thread (and, when not, why). */
export async function commentStandingOf(user: SessionUser, record: Pick<HoursRecord, 'fellow_id' | 'status'>) {
  const isSupervisor = user.roles.includes('supervisor')
  const assigned = isSupervisor && record.fellow_id !== user.id ? await isAssigned(user.id, record.fellow_id) : false
  return commentStanding({ id: user.id, isSupervisor }, { fellowId: record.fellow_id, status: record.status }, assigned)
}

/**
 * Adds a comment and tells the other side in the same transaction: the fellow when a supervisor
 * writes, each of the fellow's active supervisors when the fellow does.
 */
export async function addComment(user: SessionUser, recordId: number, body: string, context: AuditContext): Promise<{ ok: true } | Failure> {
  return writeTransaction(async (trx) => {
    const record = await trx.selectFrom('records').select(['id', 'fellow_id', 'status', 'kind', 'occurred_on']).where('id', '=', recordId).executeTakeFirst()
    if (!record) refuseWith(fail('form', 'There is no such record.'))
    const isSupervisor = user.roles.includes('supervisor')
    const assigned = isSupervisor && record.fellow_id !== user.id ? await isAssigned(user.id, record.fellow_id, trx) : false
    const standing = commentStanding({ id: user.id, isSupervisor }, { fellowId: record.fellow_id, status: record.status }, assigned)
    if (!standing.may) refuseWith(fail('body', standing.reason ?? 'Only the fellow and their supervisors comment on a record.'))
    const { id } = await trx
      .insertInto('record_comments')
      .values({ record_id: record.id, author_id: user.id, body, created_at: nowIso() })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(context, { actorId: user.id, action: 'record.comment', subject: `record:${record.id}`, detail: { commentId: id } }, trx)
    const ref = { id: record.id, kind: record.kind, occurredOn: record.occurred_on }
    if (standing.role === 'supervisor') {
      await notify(trx, record.fellow_id, { kind: 'record_comment', record: ref, authorName: user.name, link: `/hours/${record.id}` }, { mail: null })
    } else {
      for (const supervisor of await supervisorsOfFellow(record.fellow_id, { activeOnly: true }, trx)) {
        await notify(trx, supervisor.id, { kind: 'record_comment', record: ref, authorName: user.name, link: `/review/${record.id}` }, { mail: null })
      }
    }
    return { ok: true as const }
  }).catch(refusalOf)
}

/**
 * The "comment" form of a record page (the fellow's and the supervisor's): 403 (logged) for
 * anyone who may read but not write in the thread, 400 beside the field, else back to `page`.
 */
export async function commentAction(request: Request, user: SessionUser, record: HoursRecord, formData: FormData, page: string, context: AuditContext) {
  const standing = await commentStandingOf(user, record)
  if (!standing.role) throw await forbidden(request, user, 'only the fellow and their assigned supervisors comment', `record:${record.id}`)
  const form = parseFormData(formData, commentSchema)
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await addComment(user, record.id, form.data.body, context)
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, result.field === 'form' ? 409 : 400)
  return redirectWithFlash(page, standing.role === 'fellow' ? 'Reply added; your supervisor has been told.' : 'Comment added; the fellow has been told.')
}
