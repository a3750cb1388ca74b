import { sql } from 'kysely'
import type { PlannedKind, Role } from '#db/schema.ts'
import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { db, nowIso, writeTransaction, type Database } from '#app/db.server.ts'
import { coSitterChoices } from '#app/hours/workflow.server.ts'
import { supervisorsOfFellow } from '#app/supervision/assignments.server.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
import { fail, refusalOf, refuseWith, type Failure } from '#app/utils/result.ts'
import { PLANNED_LABELS, SETTING_LABELS } from './labels.ts'
import { changeBlocker } from './rules.ts'
import type { PlanInput } from './schema.ts'
import { addMinutes, dayHeading, utcToZoned, zoneAbbreviation } from './zones.ts'

// The calendar's reads and writes. Who sees an item: its owner; the people a meeting invites;
// the co-sitter a sitter session names; and the supervisors of the fellow who planned a session.
// Only the owner sees a session's participant code; the feed (feed.server.ts) never carries one.

export const STALE_PLAN = 'This changed since you opened it. Its current state is shown below; review it and try again.'

const isFellow = (roles: readonly Role[]) => roles.includes('fellow')
const isSupervisor = (roles: readonly Role[]) => roles.includes('supervisor')

/** Items `user` may see (not cancelled), as a query to narrow further. */
export function visibleItems(user: { id: number; roles: readonly Role[] }, executor: Database = db) {
  return executor
    .selectFrom('planned_items as p')
    .innerJoin('users as owner', 'owner.id', 'p.owner_id')
    .where('p.cancelled_at', 'is', null)
    .where((eb) =>
      eb.or([
        eb('p.owner_id', '=', user.id),
        eb.exists(
          eb
            .selectFrom('planned_item_attendees as a')
            .select(sql`1`.as('one'))
            .whereRef('a.item_id', '=', 'p.id')
            .where('a.user_id', '=', user.id),
        ),
        eb.and([eb('p.kind', '=', 'sitter'), eb('p.co_sitter_id', '=', user.id)]),
        ...(isSupervisor(user.roles)
          ? [
              eb.and([
                eb('p.kind', '!=', 'meeting'),
                eb.exists(
                  eb
                    .selectFrom('supervisor_assignments as sa')
                    .select(sql`1`.as('one'))
                    .whereRef('sa.fellow_id', '=', 'p.owner_id')
                    .where('sa.supervisor_id', '=', user.id),
                ),
              ]),
            ]
          : []),
      ]),
    )
}

export type CalendarRow = {
  id: number
  kind: PlannedKind
  label: string
  day: string
  dayHeading: string
  time: string
  minutes: number
  setting: string
  ownerName: string
  mine: boolean
  code: string | null
  coSitterName: string | null
  topic: string | null
  attendees: string[]
}

/** Upcoming items (not yet ended), soonest first, one page; grouped by day in the page's order. */
export async function upcomingFor(user: SessionUser, page: number, now = new Date()) {
  const rows = await visibleItems(user)
    .leftJoin('users as co', 'co.id', 'p.co_sitter_id')
    .select([
      'p.id',
      'p.kind',
      'p.owner_id',
      'p.starts_at',
      'p.ends_at',
      'p.time_zone',
      'p.minutes',
      'p.setting',
      'p.participant_code',
      'p.note',
      'owner.name as owner_name',
      'co.name as co_sitter_name',
    ])
    .where('p.record_id', 'is', null)
    .where('p.ends_at', '>', now.toISOString())
    .orderBy('p.starts_at')
    .orderBy('p.id')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .execute()
  const meetingIds = rows.filter((r) => r.kind === 'meeting').map((r) => r.id)
  const attendees = meetingIds.length
    ? await db
        .selectFrom('planned_item_attendees as a')
        .innerJoin('users', 'users.id', 'a.user_id')
        .select(['a.item_id', 'users.name'])
        .where('a.item_id', 'in', meetingIds)
        .orderBy('users.name')
        .execute()
    : []
  return rows.map((r): CalendarRow => {
    const start = utcToZoned(r.starts_at, r.time_zone)
    const end = utcToZoned(r.ends_at, r.time_zone)
    const mine = r.owner_id === user.id
    return {
      id: r.id,
      kind: r.kind,
      label: PLANNED_LABELS[r.kind],
      day: start.date,
      dayHeading: dayHeading(start.date),
      time: `${start.time}–${end.time}${end.date !== start.date ? ' (next day)' : ''} ${zoneAbbreviation(r.starts_at, r.time_zone)}`,
      minutes: r.minutes,
      setting: SETTING_LABELS[r.setting],
      ownerName: r.owner_name,
      mine,
      code: mine ? r.participant_code : null,
      coSitterName: r.co_sitter_name,
      topic: r.note,
      attendees: attendees.filter((a) => a.item_id === r.id).map((a) => a.name),
    }
  })
}

/** Who `user` may invite to a meeting: a fellow their supervisors, a supervisor their assigned, active fellows. */
export async function attendeeChoices(user: { id: number; roles: readonly Role[] }, executor: Database = db) {
  const choices: { id: number; name: string }[] = []
  if (isFellow(user.roles)) {
    for (const s of await supervisorsOfFellow(user.id, { activeOnly: true }, executor)) choices.push({ id: s.id, name: s.name })
  }
  if (isSupervisor(user.roles)) {
    const fellows = await executor
      .selectFrom('supervisor_assignments as a')
      .innerJoin('users', 'users.id', 'a.fellow_id')
      .select(['users.id', 'users.name'])
      .where('a.supervisor_id', '=', user.id)
      .where('users.active', '=', 1)
      .orderBy('users.name')
      .execute()
    for (const f of fellows) if (!choices.some((c) => c.id === f.id)) choices.push(f)
  }
  return choices
}

/** The kinds `user` may plan: sessions are a fellow's, meetings a fellow's or a supervisor's. */
export function plannableKinds(roles: readonly Role[]): PlannedKind[] {
  return [
    ...(isFellow(roles) ? (['experiential', 'sitter', 'practicum'] as const) : []),
    ...(isFellow(roles) || isSupervisor(roles) ? (['meeting'] as const) : []),
  ]
}

async function checkPlan(trx: Database, user: SessionUser, input: PlanInput): Promise<Failure | null> {
  if (!plannableKinds(user.roles).includes(input.kind)) return fail('kind', 'You cannot plan this kind of session.')
  if (input.kind === 'sitter' && input.coSitterId !== null) {
    if (input.coSitterId === user.id) return fail('coSitterId', 'Name the other sitter, not yourself.')
    if (!(await coSitterChoices(user.id, trx)).some((c) => c.id === input.coSitterId))
      return fail('coSitterId', 'Choose the co-sitter from the list of fellows.')
  }
  if (input.kind === 'meeting') {
    const allowed = new Set((await attendeeChoices(user, trx)).map((c) => c.id))
    if (input.attendeeIds.some((id) => !allowed.has(id))) {
      return fail('attendeeIds', isSupervisor(user.roles) ? 'Choose from the fellows assigned to you.' : 'Choose from your supervisors.')
    }
  }
  return null
}

function columnsOf(input: PlanInput) {
  return {
    kind: input.kind,
    starts_at: input.startsAt,
    ends_at: addMinutes(input.startsAt, input.minutes),
    time_zone: input.timeZone,
    minutes: input.minutes,
    setting: input.setting,
    participant_code: input.kind === 'sitter' || input.kind === 'practicum' ? input.participantCode : null,
    co_sitter_id: input.kind === 'sitter' ? input.coSitterId : null,
    note: input.kind === 'meeting' ? input.topic : null,
  }
}

async function setAttendees(trx: Database, itemId: number, input: PlanInput) {
  await trx.deleteFrom('planned_item_attendees').where('item_id', '=', itemId).execute()
  if (input.kind !== 'meeting') return
  const ids = [...new Set(input.attendeeIds)]
  await trx
    .insertInto('planned_item_attendees')
    .values(ids.map((user_id) => ({ item_id: itemId, user_id })))
    .execute()
}

export async function planItem(user: SessionUser, input: PlanInput, context: AuditContext): Promise<{ ok: true; id: number } | Failure> {
  return writeTransaction(async (trx) => {
    const problem = await checkPlan(trx, user, input)
    if (problem) refuseWith(problem)
    const now = nowIso()
    const { id } = await trx
      .insertInto('planned_items')
      .values({ ...columnsOf(input), owner_id: user.id, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    await setAttendees(trx, id, input)
    await audit(context, { actorId: user.id, action: 'calendar.plan', subject: `planned:${id}`, detail: { kind: input.kind, startsAt: input.startsAt } }, trx)
    return { ok: true as const, id }
  }).catch(refusalOf)
}

/** The item as its owner edits it, or null when it is not theirs (a 404: nobody learns it exists). */
export async function ownItem(user: SessionUser, id: number) {
  const item = await db.selectFrom('planned_items').selectAll().where('id', '=', id).executeTakeFirst()
  if (!item || item.owner_id !== user.id) return null
  const attendees = await db.selectFrom('planned_item_attendees').select('user_id').where('item_id', '=', id).execute()
  return { ...item, attendeeIds: attendees.map((a) => a.user_id) }
}

/** The edit form's starting values for a stored item. */
export function planFormValues(item: NonNullable<Awaited<ReturnType<typeof ownItem>>>): Record<string, string | string[]> {
  const { date, time } = utcToZoned(item.starts_at, item.time_zone)
  const values: Record<string, string | string[]> = {
    kind: item.kind,
    date,
    time,
    timeZone: item.time_zone,
    minutes: String(item.minutes),
    setting: item.setting,
    version: String(item.version),
  }
  if (item.kind === 'sitter' || item.kind === 'practicum') values.participantCode = item.participant_code ?? ''
  if (item.kind === 'sitter') values.coSitterId = item.co_sitter_id === null ? '' : String(item.co_sitter_id)
  if (item.kind === 'meeting') {
    values.topic = item.note ?? ''
    values.attendeeIds = item.attendeeIds.map(String)
  }
  return values
}

function blockerOf(item: { owner_id: number; starts_at: string; cancelled_at: string | null; record_id: number | null }, userId: number) {
  return changeBlocker({ ownerId: item.owner_id, startsAt: item.starts_at, cancelledAt: item.cancelled_at, recordId: item.record_id }, userId)
}

export async function updateItem(user: SessionUser, id: number, input: PlanInput, context: AuditContext): Promise<{ ok: true } | Failure> {
  return writeTransaction(async (trx) => {
    const item = await trx.selectFrom('planned_items').selectAll().where('id', '=', id).executeTakeFirst()
    if (!item) refuseWith(fail('form', 'There is no such item.'))
    const blocker = blockerOf(item, user.id)
    if (blocker) refuseWith(fail('form', blocker === 'not-found' ? 'There is no such item.' : blocker))
    if (input.kind !== item.kind) refuseWith(fail('kind', 'What is planned cannot change kind. Cancel it and plan the other instead.'))
    const problem = await checkPlan(trx, user, input)
    if (problem) refuseWith(problem)
    const updated = await trx
      .updateTable('planned_items')
      .set({ ...columnsOf(input), updated_at: nowIso(), version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', input.version ?? -1)
      .where('cancelled_at', 'is', null)
      .where('record_id', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_PLAN))
    await setAttendees(trx, id, input)
    await audit(context, { actorId: user.id, action: 'calendar.edit', subject: `planned:${id}`, detail: { kind: input.kind, startsAt: input.startsAt } }, trx)
    return { ok: true as const }
  }).catch(refusalOf)
}

export async function cancelItem(user: SessionUser, id: number, version: number, context: AuditContext): Promise<{ ok: true } | Failure> {
  return writeTransaction(async (trx) => {
    const item = await trx.selectFrom('planned_items').selectAll().where('id', '=', id).executeTakeFirst()
    if (!item) refuseWith(fail('form', 'There is no such item.'))
    const blocker = blockerOf(item, user.id)
    if (blocker) refuseWith(fail('form', blocker === 'not-found' ? 'There is no such item.' : blocker))
    const now = nowIso()
    const updated = await trx
      .updateTable('planned_items')
      .set({ cancelled_at: now, updated_at: now, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('cancelled_at', 'is', null)
      .where('record_id', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_PLAN))
    await audit(context, { actorId: user.id, action: 'calendar.cancel', subject: `planned:${id}` }, trx)
    return { ok: true as const }
  }).catch(refusalOf)
}
