// iCalendar (RFC 5545) text for a person's calendar feed, written out by hand: a VCALENDAR of
// VEVENTs with times in UTC. Lines end in CRLF and are folded at 75 octets (3.1); text values
// escape backslash, semicolon, comma and newline (3.3.11).

export type CalendarEvent = {
  uid: string
  /** ISO-8601 instants */
  start: string
  end: string
  /** When the event's information last changed (DTSTAMP) */
  stamp: string
  summary: string
  /** Revisions of the event, from 0 */
  sequence?: number
  location?: string
}

const CRLF = '\r\n'
const MAX_OCTETS = 75

/** A TEXT value: backslash, semicolon and comma escaped, every line break as \n. */
export function escapeText(value: string) {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
}

/** An instant as a UTC DATE-TIME: 20261201T170000Z (seconds kept, fractions dropped). */
export function utcDateTime(iso: string) {
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) throw new Error(`Not an instant: ${iso}`)
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '')
}

const encoder = new TextEncoder()

/**
 * One content line folded so that no line is longer than 75 octets (the CRLF not counted):
 * each continuation starts with a space. A character of several UTF-8 octets is never split.
 */
export function foldLine(line: string) {
  const pieces: string[] = []
  let current = ''
  let octets = 0
  for (const char of line) {
    const size = encoder.encode(char).length
    // Continuation lines carry the leading space, one of their 75 octets.
    const limit = pieces.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1
    if (octets + size > limit) {
      pieces.push(current)
      current = ''
      octets = 0
    }
    current += char
    octets += size
  }
  pieces.push(current)
  return pieces.join(`${CRLF} `)
}

/** The whole calendar: every line folded, each ending in CRLF. */
export function calendarText({ productId, name, events }: { productId: string; name: string; events: CalendarEvent[] }) {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${productId}`, 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', `X-WR-CALNAME:${escapeText(name)}`]
  for (const event of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${utcDateTime(event.stamp)}`,
      `DTSTART:${utcDateTime(event.start)}`,
      `DTEND:${utcDateTime(event.end)}`,
      `SUMMARY:${escapeText(event.summary)}`,
    )
    if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`)
    if (event.sequence !== undefined) lines.push(`SEQUENCE:${event.sequence}`)
    lines.push('END:VEVENT')
  }
  lines.push('END:VCALENDAR')
  return lines.map(foldLine).join(CRLF) + CRLF
}
