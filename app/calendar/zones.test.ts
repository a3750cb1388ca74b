import { describe, expect, test } from 'vitest'
import { addMinutes, utcToZoned, zoneAbbreviation, zonedToUtc } from './zones.ts'

describe('a planned time in its zone', () => {
  test('wall-clock time to UTC, winter and summer', () => {
    expect(zonedToUtc('2026-12-01', '09:30', 'America/Los_Angeles')).toBe('2026-12-01T17:30:00.000Z')
    expect(zonedToUtc('2026-07-01', '09:30', 'America/Los_Angeles')).toBe('2026-07-01T16:30:00.000Z')
    expect(zonedToUtc('2026-12-01', '23:30', 'America/New_York')).toBe('2026-12-02T04:30:00.000Z')
    expect(zonedToUtc('2026-12-01', '09:30', 'UTC')).toBe('2026-12-01T09:30:00.000Z')
  })

  test('around the change to summer time: a skipped time lands an hour later, the times either side are exact', () => {
    // 2026-03-08: clocks in New York go from 02:00 EST to 03:00 EDT.
    expect(zonedToUtc('2026-03-08', '01:30', 'America/New_York')).toBe('2026-03-08T06:30:00.000Z')
    expect(zonedToUtc('2026-03-08', '03:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z')
    expect(zonedToUtc('2026-03-08', '02:30', 'America/New_York')).toBe('2026-03-08T07:30:00.000Z')
  })

  test('UTC back to the wall clock, and the zone name', () => {
    expect(utcToZoned('2026-12-02T04:30:00.000Z', 'America/New_York')).toEqual({ date: '2026-12-01', time: '23:30' })
    expect(utcToZoned('2026-12-01T00:05:00.000Z', 'UTC')).toEqual({ date: '2026-12-01', time: '00:05' })
    expect(zoneAbbreviation('2026-12-01T17:30:00.000Z', 'America/Los_Angeles')).toBe('PST')
    expect(addMinutes('2026-12-01T17:30:00.000Z', 90)).toBe('2026-12-01T19:00:00.000Z')
  })
})
