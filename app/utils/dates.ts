import { z } from 'zod'
import { utcToZoned } from './zoned-time.ts'

// Calendar dates travel as YYYY-MM-DD text (what <input type="date"> sends and SQLite sorts).

const DATE_SHAPE = /^\d{4}-\d{2}-\d{2}$/

/** A date that exists: `2026-02-30` has the right shape and still is no day. */
export function isRealDate(value: string) {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

/** One rule for every date field: the shape, a real day, and within the years the institute works in. */
export function calendarDateField(missing = 'Enter the date.') {
  return z
    .string({ error: missing })
    .min(1, missing)
    .regex(DATE_SHAPE, 'Enter a date as YYYY-MM-DD.')
    .refine(isRealDate, 'That date does not exist.')
    .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'Enter a date between 2000 and 2100.')
}

/** Today's date (YYYY-MM-DD) where the person is: at 23:30 UTC it is already tomorrow in Auckland and still today in Los Angeles. */
export function todayIn(timeZone: string, now = new Date()) {
  return utcToZoned(now.toISOString(), timeZone).date
}

/** The calendar day after `date`, to bound instants by `< next day`. */
export function dayAfter(date: string, days = 1) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}
