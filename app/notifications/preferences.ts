import type { NotifyMail, Role } from '#db/schema.ts'
import { todayIn } from '#app/utils/dates.ts'
import { zonedToUtc } from '#app/utils/zoned-time.ts'

// How often a person is mailed about what happened to them. Plain rules: data in, decision out.

export const CADENCE_LABELS: Record<NotifyMail, string> = {
  immediate: 'Immediately — one mail per event (a bulk approval is one event)',
  hourly: 'Hourly — at most one mail an hour, summarising everything new',
  daily: 'Daily — one summary mail a day, in the morning (07:00 in your time zone)',
}

/** Hourly: the first new notification starts the hour; one mail at its end carries everything since. */
export const HOUR_MS = 60 * 60_000
/** Daily summaries go out on the first run at or after this time, in the person's zone. */
const DAILY_TIME = '07:00'

/**
 * Until a person chooses: supervisors hourly (new submissions arrive in bursts, and a mail per
 * record buries them), everyone else immediately (a decision on your records is news you want).
 */
export function defaultCadence(roles: readonly Role[]): NotifyMail {
  return roles.includes('supervisor') ? 'hourly' : 'immediate'
}

export function cadenceOf(chosen: NotifyMail | null | undefined, roles: readonly Role[]): NotifyMail {
  return chosen ?? defaultCadence(roles)
}

/** The start of the daily summary's slot on the person's day of `now` (07:00 where they are). */
function dailySlot(now: Date, timeZone: string) {
  return new Date(zonedToUtc(todayIn(timeZone, now), DAILY_TIME, timeZone))
}

/**
 * Whether a person's summary is due now. `oldestUnmailedAt`: their oldest notification not yet
 * mailed; `timeZone`: theirs. A daily summary carries what waited before this morning's 07:00:
 * what comes after it waits for tomorrow's, so the mail always arrives in the morning.
 */
export function summaryDue(cadence: NotifyMail, oldestUnmailedAt: string, now: Date, timeZone: string) {
  if (cadence === 'immediate') return true
  const oldest = new Date(oldestUnmailedAt)
  if (cadence === 'hourly') return now.getTime() - oldest.getTime() >= HOUR_MS
  const slot = dailySlot(now, timeZone)
  return now >= slot && oldest < slot
}
