import type { NotifyMail, Role } from '#db/schema.ts'

// How often a person is mailed about what happened to them. Plain rules: data in, decision out.

export const CADENCE_LABELS: Record<NotifyMail, string> = {
  immediate: 'Immediately — one mail per event (a bulk approval is one event)',
  hourly: 'Hourly — at most one mail an hour, summarising everything new',
  daily: 'Daily — one summary mail a day, in the morning (07:00 UTC)',
}

/** Hourly: the first new notification starts the hour; one mail at its end carries everything since. */
export const HOUR_MS = 60 * 60_000
/** Daily summaries go out on the first run at or after this hour (UTC). */
export const DAILY_HOUR_UTC = 7

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

/** The start of the daily summary's slot on the day of `now` (07:00 UTC). */
function dailySlot(now: Date) {
  const slot = new Date(now)
  slot.setUTCHours(DAILY_HOUR_UTC, 0, 0, 0)
  return slot
}

/**
 * Whether a person's summary is due now. `oldestUnmailedAt`: their oldest notification not yet
 * mailed; `lastSummaryAt`: when their last summary went.
 */
export function summaryDue(cadence: NotifyMail, oldestUnmailedAt: string, lastSummaryAt: string | null, now: Date) {
  if (cadence === 'immediate') return true
  if (cadence === 'hourly') return now.getTime() - new Date(oldestUnmailedAt).getTime() >= HOUR_MS
  const slot = dailySlot(now)
  if (now < slot) return false
  return lastSummaryAt === null || new Date(lastSummaryAt) < slot
}
