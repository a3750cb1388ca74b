import { db, nowIso, type Database } from '#app/db.server.ts'
import { queueMail, type Mail } from '#app/mail/mail.server.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
import { cadenceOf } from './preferences.ts'
import { describe, type NoteParams, type RecordRef } from './texts.ts'
import { holdsRole } from '#app/auth/roles.server.ts'

// Writing notifications (always inside the transaction of the event that causes them) and
// reading them. A notification goes out by mail at once when its reader chose "immediate";
// otherwise it waits, unmailed, for their hourly or daily summary (summaries.server.ts).

/** Whether `userId` is mailed per event: their choice, or the default for their roles. */
async function mailsImmediately(executor: Database, userId: number) {
  const row = await executor
    .selectFrom('users')
    .select(['notify_mail', (eb) => holdsRole(eb, 'supervisor').as('is_supervisor')])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow()
  return cadenceOf(row.notify_mail, row.is_supervisor ? ['supervisor'] : []) === 'immediate'
}

type NotifyOptions = {
  /** The per-event mail, sent now when the reader is mailed immediately (else their summary carries it). */
  mail: Mail | null
  /** Another mail already carries it (the daily reminder digest): in the list only. */
  mailedElsewhere?: boolean
  /** A job that may run twice writes each notification once. */
  dedupeKey?: string
}

/** Adds a notification for `userId` inside `trx`, and mails it now if they want it now. */
export async function notify(trx: Database, userId: number, params: NoteParams, { mail, mailedElsewhere = false, dedupeKey }: NotifyOptions) {
  const now = nowIso()
  const immediate = !mailedElsewhere && mail !== null && (await mailsImmediately(trx, userId))
  const { text, link } = describe(params)
  let insert = trx.insertInto('notifications').values({
    user_id: userId,
    kind: params.kind,
    params: JSON.stringify(params),
    text,
    link,
    dedupe_key: dedupeKey ?? null,
    created_at: now,
    mailed_at: immediate || mailedElsewhere ? now : null,
  })
  if (dedupeKey) insert = insert.onConflict((oc) => oc.columns(['user_id', 'dedupe_key']).doNothing())
  const inserted = await insert.returning('id').executeTakeFirst()
  if (!inserted) return null
  const outboxIds = immediate && mail ? await queueMail(trx, mail) : []
  return { id: inserted.id, outboxId: outboxIds[0] ?? null }
}

/**
 * The approvals one transaction makes (one approval, "approve selected", or every record of a
 * fellow at once) are one decision batch: each fellow gets one notification and at most one mail,
 * which grow with each record approved, however the approving loop is written.
 */
type Batch = Map<number, { notificationId: number; outboxId: number | null; params: Extract<NoteParams, { kind: 'approved' }> }>
const approvalBatches = new WeakMap<Database, Batch>()

export async function notifyApproved(trx: Database, fellowId: number, supervisorName: string, record: RecordRef, mailFor: (records: RecordRef[]) => Mail) {
  const batch = approvalBatches.get(trx) ?? new Map()
  approvalBatches.set(trx, batch)
  const open = batch.get(fellowId)
  if (!open) {
    const params = { kind: 'approved' as const, supervisorName, records: [record] }
    const written = await notify(trx, fellowId, params, { mail: mailFor(params.records) })
    if (written) batch.set(fellowId, { notificationId: written.id, outboxId: written.outboxId, params })
    return
  }
  open.params = { ...open.params, records: [...open.params.records, record] }
  const { text, link } = describe(open.params)
  await trx
    .updateTable('notifications')
    .set({ params: JSON.stringify(open.params), text, link })
    .where('id', '=', open.notificationId)
    .execute()
  if (open.outboxId !== null) {
    const mail = mailFor(open.params.records)
    await trx.updateTable('outbox').set({ subject: mail.subject, body: mail.body }).where('id', '=', open.outboxId).execute()
  }
}

/** The header's number: one COUNT over the (user_id, read_at) index. */
export async function unreadCount(userId: number, executor: Database = db) {
  const row = await executor
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** One page of a person's notifications, newest first (one row more than a page, for pageLinks). */
export async function notificationsPage(userId: number, page: number, size = PAGE_SIZE) {
  return db
    .selectFrom('notifications')
    .select(['id', 'kind', 'text', 'link', 'created_at', 'read_at'])
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(size + 1)
    .offset((page - 1) * size)
    .execute()
}

/** Marks one of the person's own notifications read; false when they have none with that id. */
export async function markRead(trx: Database, userId: number, id: number) {
  const own = await trx.selectFrom('notifications').select(['id', 'read_at']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst()
  if (!own) return false
  if (!own.read_at) await trx.updateTable('notifications').set({ read_at: nowIso() }).where('id', '=', id).where('read_at', 'is', null).execute()
  return true
}

/** Marks every unread notification of the person read; how many that was. */
export async function markAllRead(trx: Database, userId: number) {
  const result = await trx.updateTable('notifications').set({ read_at: nowIso() }).where('user_id', '=', userId).where('read_at', 'is', null).executeTakeFirst()
  return Number(result.numUpdatedRows)
}
