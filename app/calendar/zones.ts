// A planned item's date and time are typed in a time zone (the one it happens in) and kept as
// a UTC instant beside that zone's name: the page shows it in its own zone, the feed in UTC.
// Plain Intl arithmetic, the same in the browser (the form's check) and on the server.

/** The zones the form always offers: the United States' zones and UTC. */
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

/** The usual zones, and any other the person lives in or an item was planned in (an IANA name is its own label). */
export function zoneChoices(...zones: (string | undefined)[]) {
  const choices: { value: string; label: string }[] = [...TIME_ZONES]
  for (const zone of zones) if (zone && !choices.some((c) => c.value === zone)) choices.push({ value: zone, label: zone.replaceAll('_', ' ') })
  return choices
}

export { utcToZoned, zonedToUtc } from '#app/utils/zoned-time.ts'

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
