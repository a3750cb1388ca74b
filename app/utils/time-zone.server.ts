import { ConfigurationError } from '#app/env.server.ts'
import { todayIn } from './dates.ts'
import { formatterFor, isKnownTimeZone } from './format.ts'

/**
 * The institute's time zone (INSTITUTE_TIME_ZONE, an IANA name such as America/Los_Angeles;
 * UTC when unset): what anonymous pages and people who have not chosen a zone see.
 * A name Intl does not know stops the start, saying why.
 */
export function instituteTimeZone(): string {
  const configured = process.env.INSTITUTE_TIME_ZONE?.trim()
  if (!configured) return 'UTC'
  if (!isKnownTimeZone(configured)) {
    throw new ConfigurationError(`INSTITUTE_TIME_ZONE "${configured}" is not a time zone; use an IANA name such as America/Los_Angeles, or UTC`)
  }
  return configured
}

/** A person's zone: their own choice, else the institute's. */
export function timeZoneOf(person: { timeZone?: string | null } | null | undefined): string {
  return person?.timeZone || instituteTimeZone()
}

/** The formatter for a person (a mail's or PDF's recipient, or whoever asked for the page). */
export function formatterOf(person: { timeZone?: string | null } | null | undefined) {
  return formatterFor(timeZoneOf(person))
}

/** Today's date (YYYY-MM-DD) where the person is (their zone, else the institute's). */
export function todayOf(person: { timeZone?: string | null } | null | undefined, now = new Date()) {
  return todayIn(timeZoneOf(person), now)
}
