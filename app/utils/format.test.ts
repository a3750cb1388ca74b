import { describe, expect, test } from 'vitest'
import { formatDate, formatDateTime, formatterFor, formatTime } from './format.ts'

describe('format: one format, in the reader’s zone', () => {
  const instant = '2026-11-03T13:05:00.000Z'

  test('one instant reads in Berlin and New York time', () => {
    expect(formatDateTime(instant, 'Europe/Berlin')).toBe('Nov 3, 2026, 14:05')
    expect(formatDateTime(instant, 'America/New_York')).toBe('Nov 3, 2026, 08:05')
    expect(formatDate(instant, 'Europe/Berlin')).toBe('Nov 3, 2026')
    expect(formatTime(instant, 'Europe/Berlin')).toBe('14:05')
    expect(formatTime(instant, 'America/New_York')).toBe('08:05')
  })

  test('an instant late in the evening is the next day further east', () => {
    const late = '2026-11-03T23:30:00Z'
    expect(formatDateTime(late, 'Europe/Berlin')).toBe('Nov 4, 2026, 00:30')
    expect(formatDate(late, 'Europe/Berlin')).toBe('Nov 4, 2026')
    expect(formatDateTime(late, 'America/New_York')).toBe('Nov 3, 2026, 18:30')
    expect(formatDate(late, 'America/New_York')).toBe('Nov 3, 2026')
  })

  test('summer time moves the clock, the format stays', () => {
    expect(formatDateTime('2026-07-01T12:00:00Z', 'Europe/Berlin')).toBe('Jul 1, 2026, 14:00')
    expect(formatDateTime('2026-07-01T12:00:00Z', 'America/New_York')).toBe('Jul 1, 2026, 08:00')
  })

  test('a calendar date is a day, never shifted by the zone', () => {
    for (const zone of ['UTC', 'Europe/Berlin', 'America/New_York', 'Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
      expect(formatDate('2026-11-03', zone)).toBe('Nov 3, 2026')
      expect(formatDateTime('2026-11-03', zone)).toBe('Nov 3, 2026')
    }
  })

  test('without a zone an instant reads in UTC, with no suffix', () => {
    expect(formatDateTime(instant)).toBe('Nov 3, 2026, 13:05')
    expect(formatDate(instant)).toBe('Nov 3, 2026')
  })

  test('nothing, text that is no date, and an unknown zone', () => {
    expect(formatDate(null, 'Europe/Berlin')).toBe('—')
    expect(formatDateTime(undefined, 'Europe/Berlin')).toBe('—')
    expect(formatDateTime('soon', 'Europe/Berlin')).toBe('soon')
    expect(formatDateTime(instant, 'Mars/Olympus_Mons')).toBe('Nov 3, 2026, 13:05')
  })

  test('one formatter per zone, remembered', () => {
    expect(formatterFor('Europe/Berlin')).toBe(formatterFor('Europe/Berlin'))
    expect(formatterFor('Europe/Berlin').timeZone).toBe('Europe/Berlin')
    const { formatDateTime: inBerlin } = formatterFor('Europe/Berlin')
    expect(inBerlin(instant)).toBe('Nov 3, 2026, 14:05')
    expect(inBerlin(instant)).toBe('Nov 3, 2026, 14:05')
  })
})
