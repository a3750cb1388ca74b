// Wall-clock arithmetic in IANA zones with Intl alone (the same in the browser and on the
// server): which instant a zone's clocks show a date and time at, and what they show at an instant.

const partsFormats = new Map<string, Intl.DateTimeFormat>()
function partsFormat(zone: string) {
  let format = partsFormats.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    partsFormats.set(zone, format)
  }
  return format
}

/** The wall clock in `zone` at the instant `ms`, as numbers. */
function wallClock(zone: string, ms: number) {
  const parts = Object.fromEntries(
    partsFormat(zone)
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  )
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  }
}

/** How far `zone` is ahead of UTC at the instant `ms`, in milliseconds. */
function offsetAt(zone: string, ms: number) {
  const c = wallClock(zone, ms)
  return Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second) - Math.floor(ms / 1000) * 1000
}

/**
 * The instant (ISO-8601 UTC) when the clocks in `zone` show `date` (YYYY-MM-DD) at `time` (HH:MM).
 * A time skipped by a change to summer time lands an hour later, as clocks do.
 */
export function zonedToUtc(date: string, time: string, zone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const [h, min] = time.split(':').map(Number) as [number, number]
  const wall = Date.UTC(y, m - 1, d, h, min)
  const first = wall - offsetAt(zone, wall)
  const second = wall - offsetAt(zone, first)
  // In the skipped hour neither instant shows the time typed: the one after the change does, an hour on.
  const shown = utcToZoned(new Date(second).toISOString(), zone)
  return new Date(shown.date === date && shown.time === time ? second : Math.max(first, second)).toISOString()
}

/** The date (YYYY-MM-DD) and clock time (HH:MM) an instant shows in `zone`. */
export function utcToZoned(iso: string, zone: string): { date: string; time: string } {
  const c = wallClock(zone, Date.parse(iso))
  const two = (n: number) => String(n).padStart(2, '0')
  return { date: `${c.year}-${two(c.month)}-${two(c.day)}`, time: `${two(c.hour)}:${two(c.minute)}` }
}
