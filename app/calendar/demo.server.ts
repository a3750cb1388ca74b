import type { Database } from '#db/connection.ts'
import type { PlannedKind } from '#db/schema.ts'
import { addMinutes, zonedToUtc } from './zones.ts'

/** A calendar date `days` from today (UTC). */
const daysAhead = (days: number, from = new Date()) => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10)

/**
 * The demo's calendar: Bianca's sitter session (Avery co-sitting) and practicum session, Avery's
 * experiential session, Dr. Reyes's group meeting with both, and a sitter session of Bianca's that
 * ended yesterday: it becomes a draft record when she opens her calendar (or at the job's next run).
 */
export async function seedDemoCalendar(db: Database, ids: Record<string, number>) {
  const now = new Date().toISOString()
  const id = (email: string) => ids[email]!
  const plan = async (
    owner: string,
    kind: PlannedKind,
    days: number,
    time: string,
    minutes: number,
    fields: { setting?: 'in_person' | 'virtual'; participant_code?: string; co_sitter_id?: number; note?: string } = {},
  ) => {
    const startsAt = zonedToUtc(daysAhead(days), time, 'America/Los_Angeles')
    const { id: itemId } = await db
      .insertInto('planned_items')
      .values({
        owner_id: id(owner),
        kind,
        starts_at: startsAt,
        ends_at: addMinutes(startsAt, minutes),
        time_zone: 'America/Los_Angeles',
        minutes,
        setting: 'in_person',
        created_at: now,
        updated_at: now,
        ...fields,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return itemId
  }
  await plan('fellow2@kap.test', 'sitter', 3, '10:00', 210, { participant_code: 'P-0412', co_sitter_id: id('fellow1@kap.test') })
  await plan('fellow2@kap.test', 'practicum', 5, '14:00', 50, { setting: 'virtual', participant_code: 'C-0207' })
  await plan('fellow1@kap.test', 'experiential', 9, '09:00', 240)
  const meeting = await plan('supervisor1@kap.test', 'meeting', 2, '17:00', 90, { setting: 'virtual', note: 'Group supervision: integration themes' })
  await db
    .insertInto('planned_item_attendees')
    .values([meeting].flatMap((item) => [id('fellow1@kap.test'), id('fellow2@kap.test')].map((user_id) => ({ item_id: item, user_id }))))
    .execute()
  await plan('fellow2@kap.test', 'sitter', -1, '09:30', 180, { participant_code: 'P-0413' })
}
