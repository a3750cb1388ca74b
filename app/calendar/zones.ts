// A planned item's date and time are typed in a time zone (the one it happens in) and kept as
// a UTC instant beside that zone's name: the page shows it in its own zone, the feed in UTC.
// Plain Intl arithmetic, the same in the browser (the form's check) and on the server.

/** The zones the form offers: the institute's (United States) zones and UTC. */
export const TIME_ZONES = [
  { value: 'America/New_York', label: 'Eastern (New York)' },
  { value: 'America/Chicago', label: 'Central (Chicago)' },
  { value: 'America/Denver', label: 'Mountain (Denver)' },
  { value: 'America/Phoenix', label: 'Arizona (Phoenix)' },
  { value: 'America/Los_Angeles', label: 'Pacific (Los Angeles)' },
  { value: 'America/Anchorage', label: 'Alaska (Anchorage)' },
  { value: 'Pacific/Honolulu', label: 'Hawaii (Honolulu)' },
  { value: 'UTC', label: 'UTC' },
] as const

export type TimeZoneName = (typeof TIME_ZONES)[number]['value']
export const TIME_ZONE_NAMES = TIME_ZONES.map((z) => z.value) as [TimeZoneName, ...TimeZoneName[]]
export const DEFAULT_PLAN_TIME_ZONE: TimeZoneName = 'America/Los_Angeles'

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

/** The instant `minutes` after `iso`. */
export function addMinutes(iso: string, minutes: number) {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString()
}

const dayHeadings = new Map<string, Intl.DateTimeFormat>()
/** A day heading, "Tuesday, December 1, 2026", for a YYYY-MM-DD date. */
export function dayHeading(date: string) {
  let format = dayHeadings.get('utc')
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' })
    dayHeadings.set('utc', format)
  }
  return format.format(new Date(`${date}T00:00:00Z`))
}

const zoneNames = new Map<string, Intl.DateTimeFormat>()
/** The zone's short name at that instant ("PST", "EDT", "UTC"). */
export function zoneAbbreviation(iso: string, zone: string) {
  let format = zoneNames.get(zone)
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' })
    zoneNames.set(zone, format)
  }
  return format.formatToParts(new Date(iso)).find((p) => p.type === 'timeZoneName')?.value ?? zone
}
