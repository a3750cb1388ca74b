import { sql } from 'kysely'
import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import { db, nowIso, writeTransaction } from '#app/db.server.ts'
import { scheduleLeasedJob } from '#app/jobs/lease.server.ts'
import { utcToZoned } from './zones.ts'

// A planned session whose time has passed becomes a draft record of the fellow's, ready to
// complete: its kind, date, minutes, setting, code and co-sitter. Exactly once: the claim is an
// update that matches only a session not yet converted (two workers racing: one matches, the
// other waits for its commit and then matches nothing), and record_id is unique besides.
// Meetings stay on the calendar; a supervision record is the supervisor's or the fellow's to write.

const SYSTEM: AuditContext = { ip: null, userAgent: 'calendar' }

/** Sessions that have ended and are not yet records; `ownerId` narrows to one fellow's (when they open a page). */
export async function convertPassedSessions({ now = new Date(), ownerId }: { now?: Date; ownerId?: number } = {}) {
  let query = db
    .selectFrom('planned_items')
    .select('id')
    .where('record_id', 'is', null)
    .where('cancelled_at', 'is', null)
    .where('kind', '!=', 'meeting')
    .where('ends_at', '<=', now.toISOString())
    .orderBy('ends_at')
    .limit(500)
  if (ownerId !== undefined) query = query.where('owner_id', '=', ownerId)
  let converted = 0
  for (const { id } of await query.execute()) {
    if (await convertOne(id, now)) converted += 1
  }
  return converted
}

/** Converts one ended session; false when another run already did (or it was cancelled meanwhile). */
export async function convertOne(id: number, now = new Date()) {
  return writeTransaction(async (trx) => {
    const at = nowIso()
    // The claim: of two runs, only the first matches the row.
    const claimed = await trx
      .updateTable('planned_items')
      .set({ updated_at: at, version: sql`version + 1` })
      .where('id', '=', id)
      .where('record_id', 'is', null)
      .where('cancelled_at', 'is', null)
      .where('kind', '!=', 'meeting')
      .where('ends_at', '<=', now.toISOString())
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) return false
    const item = await trx.selectFrom('planned_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    if (item.kind === 'meeting') return false
    const start = utcToZoned(item.starts_at, item.time_zone)
    const end = utcToZoned(item.ends_at, item.time_zone)
    const { id: recordId } = await trx
      .insertInto('records')
      .values({
        fellow_id: item.owner_id,
        kind: item.kind,
        status: 'draft',
        occurred_on: start.date,
        minutes: item.minutes,
        setting: item.setting,
        participant_code: item.kind === 'sitter' ? item.participant_code : null,
        client_code: item.kind === 'practicum' ? item.participant_code : null,
        co_sitter_id: item.kind === 'sitter' ? item.co_sitter_id : null,
        started_at: item.kind === 'sitter' ? start.time : null,
        ended_at: item.kind === 'sitter' ? end.time : null,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx.updateTable('planned_items').set({ record_id: recordId }).where('id', '=', id).execute()
    await trx
      .insertInto('record_events')
      .values({
        record_id: recordId,
        actor_id: item.owner_id,
        action: 'create',
        from_status: null,
        to_status: 'draft',
        comment: null,
        detail: JSON.stringify({ fromPlannedSession: id }),
        at,
      })
      .execute()
    await audit(
      SYSTEM,
      { actorId: item.owner_id, action: 'record.create', subject: `record:${recordId}`, detail: { from: null, to: 'draft', fromPlannedSession: id } },
      trx,
    )
    return true
  })
}

/**
 * Every ten minutes, once across workers (the job's lease). Off with DIGEST_SCHEDULER=off, as the
 * other scheduled work.
 */
export function startCalendarScheduler() {
  if (process.env.DIGEST_SCHEDULER === 'off') return
  scheduleLeasedJob('calendar-conversion', 10 * 60_000, () => convertPassedSessions())
}
