// Formatting shared by every page, mail and PDF: one locale and one format ("Nov 3, 2026",
// "14:05", "Nov 3, 2026, 14:05"), in the reader's time zone. The zone is always passed in (a
// page gets it from the root loader through `useFormat()`, a mail or PDF from its recipient),
// so the server and the browser render the same text (no hydration mismatch).
// A calendar date (YYYY-MM-DD, such as a record's date) is a day, not an instant: it never
// shifts with the zone.

/** The zone an instant is shown in when none is given. */
export const DEFAULT_TIME_ZONE = 'UTC'

/**
 * Intl formatting costs microseconds a call, and a table formats the same dates on every row
 * and every request: the last results are kept, by the text formatted (at most a few thousand).
 */
function remembered(format: (value: string) => string) {
  const known = new Map<string, string>()
  return (value: string) => {
    let text = known.get(value)
    if (text === undefined) {
      if (known.size >= 5000) known.clear()
      text = format(value)
      known.set(value, text)
    }
    return text
  }
}

const CALENDAR_DATE = /^\d{4}-\d{2}-\d{2}$/

export type Formatter = {
  timeZone: string
  /** A calendar date as is, or an instant's day in the zone: "Nov 3, 2026". */
  formatDate: (value: string | null | undefined) => string
  /** An instant in the zone: "Nov 3, 2026, 14:05" (a calendar date alone has no time: "Nov 3, 2026"). */
  formatDateTime: (value: string | null | undefined) => string
  /** An instant's clock time in the zone: "14:05". */
  formatTime: (value: string | null | undefined) => string
}

function makeFormatter(timeZone: string): Formatter {
  const day = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone })
  // h23: midnight is 00:05, never 24:05.
  const clock = new Intl.DateTimeFormat('en-US', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone })
  const instant = (value: string) => {
    const date = new Date(value)
    return Number.isNaN(date.getTime()) ? null : date
  }
  const dateText = remembered((value) => {
    if (CALENDAR_DATE.test(value)) return calendarDateText(value)
    const date = instant(value)
    return date ? day.format(date) : value
  })
  const dateTimeText = remembered((value) => {
    if (CALENDAR_DATE.test(value)) return calendarDateText(value)
    const date = instant(value)
    return date ? `${day.format(date)}, ${clock.format(date)}` : value
  })
  const timeText = remembered((value) => {
    const date = instant(value)
    return date ? clock.format(date) : value
  })
  return {
    timeZone,
    formatDate: (value) => (value ? dateText(value) : '—'),
    formatDateTime: (value) => (value ? dateTimeText(value) : '—'),
    formatTime: (value) => (value ? timeText(value) : '—'),
  }
}

const calendarDay = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' })
const calendarDateText = remembered((value) => {
  const date = new Date(`${value}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? value : calendarDay.format(date)
})

/** A zone Intl knows (an IANA name such as Europe/Berlin, or UTC). */
export function isKnownTimeZone(timeZone: string) {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone })
    return true
  } catch {
    return false
  }
}

// One formatter per zone, each with its own memory: a few hundred zones at most.
const formatters = new Map<string, Formatter>()

/** The formatter for `timeZone` (an unknown zone falls back to UTC rather than failing a page). */
export function formatterFor(timeZone: string | null | undefined): Formatter {
  const zone = timeZone || DEFAULT_TIME_ZONE
  let formatter = formatters.get(zone)
  if (!formatter) {
    formatter = isKnownTimeZone(zone) ? makeFormatter(zone) : formatterFor(DEFAULT_TIME_ZONE)
    formatters.set(zone, formatter)
  }
  return formatter
}

/** A calendar date (YYYY-MM-DD) as "Nov 25, 2026"; an instant as its day in `timeZone`. */
export function formatDate(value: string | null | undefined, timeZone: string = DEFAULT_TIME_ZONE) {
  return formatterFor(timeZone).formatDate(value)
}

/** An instant in `timeZone` as "Nov 25, 2026, 14:05". */
export function formatDateTime(value: string | null | undefined, timeZone: string = DEFAULT_TIME_ZONE) {
  return formatterFor(timeZone).formatDateTime(value)
}

/** An instant's clock time in `timeZone` as "14:05". */
export function formatTime(value: string | null | undefined, timeZone: string = DEFAULT_TIME_ZONE) {
  return formatterFor(timeZone).formatTime(value)
}

/** Minutes as "1 h 30 min". */
export function formatMinutes(minutes: number) {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m} min`
  return m === 0 ? `${h} h` : `${h} h ${m} min`
}

/** Minutes as hours with one decimal: "12.5". */
export function hours(minutes: number) {
  return (Math.round((minutes / 60) * 10) / 10).toString()
}

export function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`
}
