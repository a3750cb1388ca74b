// A sitter session's clock times ("HH:MM", 24-hour). A session that ends before it starts
// ran past midnight: 22:30 to 01:00 is two and a half hours.

export const CLOCK_TIME = /^([01]\d|2[0-3]):[0-5]\d$/

/** Minutes since midnight. */
export function minuteOfDay(time: string) {
  const [hours, minutes] = time.split(':').map(Number) as [number, number]
  return hours * 60 + minutes
}

/** The session's length; an end at or before the start is on the next day. */
export function minutesBetween(start: string, end: string) {
  const length = minuteOfDay(end) - minuteOfDay(start)
  return length > 0 ? length : length + 24 * 60
}

/** The session as an interval of minutes from the start of its day (the end may pass 1440). */
export function intervalOf(start: string, end: string): [number, number] {
  const from = minuteOfDay(start)
  return [from, from + minutesBetween(start, end)]
}

/** The clock time `minutes` after `start` (wrapping past midnight). */
export function clockAfter(start: string, minutes: number) {
  const at = (minuteOfDay(start) + minutes) % (24 * 60)
  return `${String(Math.floor(at / 60)).padStart(2, '0')}:${String(at % 60).padStart(2, '0')}`
}
