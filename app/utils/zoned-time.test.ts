import { describe, expect, test } from 'vitest'
import { utcToZoned, zonedToUtc } from './zoned-time.ts'

describe('wall clocks in zones', () => {
  test('07:00 on a day in a zone is one instant, across daylight-saving changes and half-hour offsets', () => {
    expect(zonedToUtc('2026-11-03', '07:00', 'UTC')).toBe('2026-11-03T07:00:00.000Z')
    expect(zonedToUtc('2026-11-03', '07:00', 'America/Los_Angeles')).toBe('2026-11-03T15:00:00.000Z')
    expect(zonedToUtc('2026-07-03', '07:00', 'America/Los_Angeles')).toBe('2026-07-03T14:00:00.000Z')
    expect(zonedToUtc('2026-11-03', '07:00', 'Pacific/Auckland')).toBe('2026-11-02T18:00:00.000Z')
    expect(zonedToUtc('2026-11-03', '07:00', 'Asia/Kolkata')).toBe('2026-11-03T01:30:00.000Z')
    // The days the clocks change in Los Angeles: Nov 1, 2026 (back) and Mar 8, 2026 (forward).
    expect(zonedToUtc('2026-11-01', '07:00', 'America/Los_Angeles')).toBe('2026-11-01T15:00:00.000Z')
    expect(zonedToUtc('2026-03-08', '07:00', 'America/Los_Angeles')).toBe('2026-03-08T14:00:00.000Z')
  })

  test('an instant shows its own date and time in each zone', () => {
    expect(utcToZoned('2026-11-28T23:30:00.000Z', 'Pacific/Auckland')).toEqual({ date: '2026-11-29', time: '12:30' })
    expect(utcToZoned('2026-11-28T23:30:00.000Z', 'America/Los_Angeles')).toEqual({ date: '2026-11-28', time: '15:30' })
  })
})
