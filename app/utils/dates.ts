import { z } from 'zod'

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

/** Today's date in UTC. */
export function todayIso(now = new Date()) {
  return now.toISOString().slice(0, 10)
}

const dayParts = new Map<string, Intl.DateTimeFormat>()

/** Today's date (YYYY-MM-DD) where the person is: at 23:30 UTC it is already tomorrow in Auckland and still today in Los Angeles. */
export function todayIn(timeZone: string, now = new Date()) {
  let format = dayParts.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone })
    dayParts.set(timeZone, format)
  }
  const part = (type: string) => format.formatToParts(now).find((p) => p.type === type)?.value ?? ''
  return `${part('year')}-${part('month')}-${part('day')}`
}

/** The calendar day after `date`, to bound instants by `< next day`. */
export function dayAfter(date: string, days = 1) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/**
 * The instant `hour`:00 strikes on `date` in `timeZone` (07:00 in Los Angeles on Nov 3 is 15:00 UTC).
 * The zone's offset is read at a first guess and read again there, which settles DST changes.
 */
export function instantAt(date: string, hour: number, timeZone: string): Date {
  const wall = Date.parse(`${date}T${String(hour).padStart(2, '0')}:00:00Z`)
  const offsetAt = (instant: number) => {
    const parts = wallClock(timeZone).formatToParts(new Date(instant))
    const part = (type: string) => Number(parts.find((p) => p.type === type)?.value)
    return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour') % 24, part('minute'), part('second')) - instant
  }
  const first = wall - offsetAt(wall)
  return new Date(wall - offsetAt(first))
}

const wallClocks = new Map<string, Intl.DateTimeFormat>()
function wallClock(timeZone: string) {
  let format = wallClocks.get(timeZone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    wallClocks.set(timeZone, format)
  }
  return format
}
