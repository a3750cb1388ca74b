import type { RecordKind } from '#db/schema.ts'
import { todayIn } from '#app/utils/dates.ts'

export const MIN_MINUTES = 15
export const MAX_MINUTES = 600
/** Experiential and sitter sessions are whole medicine sessions: at least an hour. */
export const MIN_SESSION_MINUTES: Record<RecordKind, number> = {
  experiential: 60,
  sitter: 60,
  practicum: MIN_MINUTES,
  supervision: MIN_MINUTES,
}
export const DAILY_CAP_MINUTES = 16 * 60
export const NOTES_MAX = 5000

/** The latest calendar date anywhere on Earth (UTC+14): nobody can log a day that has not begun. */
export function latestToday(now = new Date()) {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10)
}

/** After today in `timeZone` (the fellow's); with no zone, after the latest today anywhere on Earth. */
export function isFutureDate(date: string, now = new Date(), timeZone?: string) {
  return date > (timeZone ? todayIn(timeZone, now) : latestToday(now))
}

/** Minutes over the 16-hour cap for one day, or 0 when the new record fits. */
export function minutesOverDailyCap(otherMinutesThatDay: number, minutes: number) {
  return Math.max(0, otherMinutesThatDay + minutes - DAILY_CAP_MINUTES)
}

export type ClearanceWindow = { grantedOn: string; expiresOn: string; endedOn: string | null }

/** A clearance covers a date from its grant to its expiry, unless staff ended it before. */
export function clearanceCovers(clearance: ClearanceWindow, date: string) {
  if (date < clearance.grantedOn || date > clearance.expiresOn) return false
  return clearance.endedOn === null || date < clearance.endedOn
}

export function hasClearanceOn(clearances: ClearanceWindow[], date: string) {
  return clearances.some((c) => clearanceCovers(c, date))
}

/** Pseudonymous codes only: anything that looks like an email or a phone number is refused. */
export function looksIdentifying(code: string) {
  if (/@/.test(code)) return 'This looks like an email address. Use a pseudonymous code, never contact details.'
  if ((code.match(/\d/g) ?? []).length >= 7) return 'This looks like a phone number. Use a pseudonymous code, never contact details.'
  return null
}

/** The clearance covering today, if any, for the "at a glance" line. */
export function currentClearance<T extends { granted_on: string; expires_on: string; ended_on: string | null }>(clearances: T[], today: string) {
  return clearances.find((c) => clearanceCovers({ grantedOn: c.granted_on, expiresOn: c.expires_on, endedOn: c.ended_on }, today)) ?? null
}

/** A clinician's name as compared: case, spacing and a trailing full stop ignored. */
const sameClinician = (a: string, b: string) =>
  a.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase() === b.trim().replace(/\s+/g, ' ').replace(/\.$/, '').toLowerCase()

/**
 * A clearance staff are about to record that is already on file: same grant, same expiry,
 * same clinician, and not ended. (One that was ended may be recorded again.)
 */
export function isSameClearance(existing: ClearanceWindow & { clinician: string }, recording: { grantedOn: string; expiresOn: string; clinician: string }) {
  return (
    existing.endedOn === null &&
    existing.grantedOn === recording.grantedOn &&
    existing.expiresOn === recording.expiresOn &&
    sameClinician(existing.clinician, recording.clinician)
  )
}
