import { sql } from 'kysely'
import type { AuditContext } from '#app/audit/audit.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { db, nowIso, writeTransaction, type Database } from '#app/db.server.ts'
import { minutesOverDailyCap } from '#app/hours/rules.ts'
import { addRecordEvent, approveSelected, STALE_MESSAGE } from '#app/hours/workflow.server.ts'
import { transition } from '#app/hours/workflow.ts'
import { fail, refusalOf, refuseWith, type Failure } from '#app/utils/result.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
import { isAssigned } from './assignments.server.ts'
import { correctedFormat, type GroupMeetingInput } from './group.ts'
import type { SignOff } from './sign-off.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { groupDuplicateMessage } from '#app/hours/duplicates.ts'
import { possibleDuplicates } from '#app/hours/records.server.ts'

// Group supervision recorded once. The meeting creates, for each fellow present, a supervision
// record (group, its size the number present) that the supervisor signs as they sign any
// approval: the record is created submitted and approved by the workflow's own "approve
// selected" in the same transaction, so each fellow's history and the audit log read as for
// any signed approval. A fellow marked by mistake disputes it from their record; the supervisor
// withdraws that record (a status nothing counts) and the others' group size is amended.

/** The fellows a supervisor may mark present: their assigned fellows whose accounts are active. */
export async function groupChoices(supervisorId: number, executor: Database = db) {
  return executor
    .selectFrom('supervisor_assignments as a')
    .innerJoin('users', 'users.id', 'a.fellow_id')
    .select(['users.id', 'users.name'])
    .where('a.supervisor_id', '=', supervisorId)
    .where('users.active', '=', 1)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute()
}

/** The ids among `fellowIds` this supervisor may not mark present (not assigned to them, or inactive). */
export async function unassignedAmong(supervisorId: number, fellowIds: number[]) {
  const allowed = new Set((await groupChoices(supervisorId)).map((f) => f.id))
  return fellowIds.filter((id) => !allowed.has(id))
}

/**
 * Records a group meeting and signs a group supervision record for each fellow present, all in
 * one durable transaction: a refusal for any fellow (not assigned, the day's 16 hours full) or
 * of the signature leaves nothing behind.
 */
export async function recordGroupMeeting(
  supervisor: SessionUser,
  input: GroupMeetingInput,
  signOff: SignOff,
  context: AuditContext,
): Promise<{ ok: true; meetingId: number } | Failure> {
  let meetingId = 0
  const result = await approveSelected(
    supervisor,
    async (trx) => {
      const now = nowIso()
      const fellows = await trx.selectFrom('users').select(['id', 'name', 'active']).where('id', 'in', input.fellowIds).execute()
      const alreadyRecorded: string[] = []
      for (const fellowId of input.fellowIds) {
        const fellow = fellows.find((f) => f.id === fellowId)
        if (!fellow || !fellow.active || fellowId === supervisor.id || !(await isAssigned(supervisor.id, fellowId, trx))) {
          refuseWith(fail('fellowIds', 'Mark only fellows assigned to you. Reload the page and try again.'))
        }
        const { total } = await trx
          .selectFrom('records')
          .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('minutes'), sql<number>`0`).as('total'))
          .where('fellow_id', '=', fellowId)
          .where('occurred_on', '=', input.occurredOn)
          .executeTakeFirstOrThrow()
        if (minutesOverDailyCap(Number(total), input.minutes) > 0) {
          refuseWith(
            fail('minutes', `${fellow.name} already has records on ${formatDate(input.occurredOn)}: with this meeting they would pass 16 hours that day.`),
          )
        }
        // The same rule as a fellow's own record: a supervision record with this supervisor that day may be this meeting.
        const facts = { kind: 'supervision' as const, occurredOn: input.occurredOn, subject: supervisor.name }
        const matches = await possibleDuplicates(fellowId, facts, { includeDrafts: false }, trx)
        if (matches.some((m) => m.status !== 'withdrawn')) alreadyRecorded.push(fellow.name)
      }
      if (alreadyRecorded.length && !input.differentSession) refuseWith(fail('differentSession', groupDuplicateMessage(alreadyRecorded, input.occurredOn)))
      const meeting = await trx
        .insertInto('group_meetings')
        .values({
          supervisor_id: supervisor.id,
          occurred_on: input.occurredOn,
          minutes: input.minutes,
          setting: input.setting,
          topic: input.topic,
          created_at: now,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      meetingId = meeting.id
      const pairs: [number, number][] = []
      for (const fellowId of input.fellowIds) {
        const { id } = await trx
          .insertInto('records')
          .values({
            fellow_id: fellowId,
            kind: 'supervision',
            status: 'submitted',
            occurred_on: input.occurredOn,
            minutes: input.minutes,
            setting: input.setting,
            supervision_type: 'supervision',
            supervision_format: 'group',
            group_size: input.fellowIds.length,
            supervisor_name: supervisor.name,
            notes: input.topic,
            submitted_at: now,
            created_at: now,
            updated_at: now,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        await trx.insertInto('group_meeting_records').values({ meeting_id: meeting.id, record_id: id }).execute()
        await addRecordEvent(
          trx,
          { recordId: id, actorId: supervisor.id, action: 'group-record', from: null, to: 'submitted', detail: { groupMeetingId: meeting.id } },
          context,
        )
        pairs.push([id, 1])
      }
      return pairs
    },
    context,
    signOff,
  )
  return result.ok ? { ok: true, meetingId } : result
}

/** The meeting a record was recorded at, if any. */
export async function meetingOfRecord(recordId: number, executor: Database = db) {
  return executor
    .selectFrom('group_meeting_records as m')
    .innerJoin('group_meetings as g', 'g.id', 'm.meeting_id')
    .select(['g.id', 'g.supervisor_id'])
    .where('m.record_id', '=', recordId)
    .executeTakeFirst()
}

/** A meeting with its attendees' records, their disputes and withdrawals. */
export async function groupMeeting(id: number) {
  const meeting = await db
    .selectFrom('group_meetings as g')
    .innerJoin('users', 'users.id', 'g.supervisor_id')
    .select(['g.id', 'g.supervisor_id', 'g.occurred_on', 'g.minutes', 'g.setting', 'g.topic', 'g.created_at', 'users.name as supervisor_name'])
    .where('g.id', '=', id)
    .executeTakeFirst()
  if (!meeting) return null
  const attendees = await db
    .selectFrom('group_meeting_records as m')
    .innerJoin('records', 'records.id', 'm.record_id')
    .innerJoin('users', 'users.id', 'records.fellow_id')
    .select([
      'records.id as record_id',
      'records.status',
      'records.version',
      'records.group_size',
      'records.supervision_format',
      'users.id as fellow_id',
      'users.name',
    ])
    .where('m.meeting_id', '=', id)
    .orderBy('users.name')
    .orderBy('records.id')
    .execute()
  const events = attendees.length
    ? await db
        .selectFrom('record_events')
        .select(['record_id', 'action', 'comment', 'at'])
        .where(
          'record_id',
          'in',
          attendees.map((a) => a.record_id),
        )
        .where('action', 'in', ['dispute', 'withdraw'])
        .orderBy('id')
        .execute()
    : []
  return {
    meeting,
    attendees: attendees.map((a) => ({
      ...a,
      dispute: events.filter((e) => e.record_id === a.record_id && e.action === 'dispute').at(-1) ?? null,
      withdrawal: events.filter((e) => e.record_id === a.record_id && e.action === 'withdraw').at(-1) ?? null,
    })),
  }
}

/** A page of the meetings a supervisor recorded, newest first, with how many were present and how many dispute it (one row more than a page). */
export async function meetingsOf(supervisorId: number, page: number, size = PAGE_SIZE) {
  return db
    .selectFrom('group_meetings as g')
    .select((eb) => [
      'g.id',
      'g.occurred_on',
      'g.minutes',
      'g.topic',
      eb
        .selectFrom('group_meeting_records as m')
        .innerJoin('records', 'records.id', 'm.record_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.meeting_id', '=', 'g.id')
        .where('records.status', '=', 'approved')
        .as('present'),
      eb
        .selectFrom('group_meeting_records as m')
        .innerJoin('records', 'records.id', 'm.record_id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('m.meeting_id', '=', 'g.id')
        .where('records.status', '=', 'approved')
        .where((e) =>
          e.exists(
            e
              .selectFrom('record_events')
              .select(sql`1`.as('one'))
              .whereRef('record_events.record_id', '=', 'records.id')
              .where('record_events.action', '=', 'dispute'),
          ),
        )
        .as('disputed'),
    ])
    .where('g.supervisor_id', '=', supervisorId)
    .orderBy('g.occurred_on', 'desc')
    .orderBy('g.id', 'desc')
    .limit(size + 1)
    .offset((page - 1) * size)
    .execute()
}

/** The fellow says they were not at the meeting: an event on the record, for the supervisor to act on. */
export async function disputeGroupRecord(
  fellow: SessionUser,
  recordId: number,
  { version, reason }: { version: number; reason: string },
  context: AuditContext,
): Promise<{ ok: true } | Failure> {
  return writeTransaction(async (trx) => {
    const record = await trx.selectFrom('records').selectAll().where('id', '=', recordId).executeTakeFirst()
    const meeting = await meetingOfRecord(recordId, trx)
    if (!record || !meeting || record.fellow_id !== fellow.id) refuseWith(fail('form', 'Only a group supervision record of yours can be disputed.'))
    if (record.version !== version) refuseWith(fail('form', STALE_MESSAGE))
    if (record.status !== 'approved') refuseWith(fail('form', 'This record has already been withdrawn.'))
    const earlier = await trx.selectFrom('record_events').select('id').where('record_id', '=', recordId).where('action', '=', 'dispute').executeTakeFirst()
    if (earlier) refuseWith(fail('form', 'You have already disputed this record; your supervisor has your reason.'))
    await addRecordEvent(
      trx,
      { recordId, actorId: fellow.id, action: 'dispute', from: 'approved', to: 'approved', comment: reason, detail: { groupMeetingId: meeting.id } },
      context,
    )
    return { ok: true as const }
  }).catch(refusalOf)
}

/**
 * The supervisor who recorded the meeting removes a fellow who was not there: that record is
 * withdrawn (nothing counts it) with the reason, and every other attendee's record still standing
 * is amended to the group that met (one fellow left alone with the supervisor: individual).
 */
export async function withdrawFromMeeting(
  supervisor: SessionUser,
  meetingId: number,
  { recordId, version, reason }: { recordId: number; version: number; reason: string },
  context: AuditContext,
): Promise<{ ok: true; remaining: number } | Failure> {
  return writeTransaction(
    async (trx) => {
      const meeting = await trx.selectFrom('group_meetings').select(['id', 'supervisor_id']).where('id', '=', meetingId).executeTakeFirst()
      const link = await trx
        .selectFrom('group_meeting_records')
        .select('record_id')
        .where('meeting_id', '=', meetingId)
        .where('record_id', '=', recordId)
        .executeTakeFirst()
      const record = await trx.selectFrom('records').selectAll().where('id', '=', recordId).executeTakeFirst()
      if (!meeting || !link || !record) refuseWith(fail('form', 'This fellow is not on this meeting. Reload the page and try again.'))
      const verdict = transition(
        'withdraw',
        record.status,
        { isOwner: record.fellow_id === supervisor.id, isAssignedSupervisor: meeting.supervisor_id === supervisor.id, isStaff: false },
        { comment: reason },
      )
      if (!verdict.ok) refuseWith(fail(verdict.reason.includes('Say why') ? 'reason' : 'form', verdict.reason))
      if (record.version !== version) refuseWith(fail('form', STALE_MESSAGE))
      const now = nowIso()
      const withdrawn = await trx
        .updateTable('records')
        .set({ status: verdict.to, version: sql`version + 1`, updated_at: now })
        .where('id', '=', recordId)
        .where('version', '=', version)
        .where('status', '=', 'approved')
        .executeTakeFirst()
      if (Number(withdrawn.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_MESSAGE))
      await addRecordEvent(
        trx,
        { recordId, actorId: supervisor.id, action: 'withdraw', from: 'approved', to: verdict.to, comment: reason, detail: { groupMeetingId: meetingId } },
        context,
      )

      const others = await trx
        .selectFrom('group_meeting_records as m')
        .innerJoin('records', 'records.id', 'm.record_id')
        .select(['records.id', 'records.version', 'records.supervision_format', 'records.group_size'])
        .where('m.meeting_id', '=', meetingId)
        .where('records.status', '=', 'approved')
        .orderBy('records.id')
        .execute()
      const corrected = correctedFormat(others.length)
      for (const other of others) {
        const before = { supervisionFormat: other.supervision_format, groupSize: other.group_size }
        const after = { supervisionFormat: corrected.supervisionFormat, groupSize: corrected.groupSize }
        if (before.supervisionFormat === after.supervisionFormat && before.groupSize === after.groupSize) continue
        const amended = await trx
          .updateTable('records')
          .set({ supervision_format: after.supervisionFormat, group_size: after.groupSize, version: sql`version + 1`, updated_at: now })
          .where('id', '=', other.id)
          .where('version', '=', other.version)
          .where('status', '=', 'approved')
          .executeTakeFirst()
        if (Number(amended.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_MESSAGE))
        // The others read that the group was smaller, never who was removed or why.
        await addRecordEvent(
          trx,
          {
            recordId: other.id,
            actorId: supervisor.id,
            action: 'amend',
            from: 'approved',
            to: 'approved',
            comment:
              corrected.supervisionFormat === 'group'
                ? `Group size corrected: a fellow marked present by mistake was removed from this meeting; ${others.length} fellows attended.`
                : 'A fellow marked present by mistake was removed from this meeting: you were the only fellow, so this was individual supervision.',
            detail: { before, after },
          },
          context,
        )
      }
      return { ok: true as const, remaining: others.length }
    },
    { durable: true },
  ).catch(refusalOf)
}
