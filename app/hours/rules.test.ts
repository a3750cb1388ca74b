import { describe, expect, test } from 'vitest'
import {
  clearanceCovers,
  DAILY_CAP_MINUTES,
  hasClearanceOn,
  isFutureDate,
  isSameClearance,
  latestToday,
  looksIdentifying,
  MAX_MINUTES,
  MIN_MINUTES,
  MIN_SESSION_MINUTES,
  minutesOverDailyCap,
} from './rules.ts'

describe('limits', () => {
  test('15–600 minutes; experiential and sitter sessions at least an hour; 16 h per day', () => {
    expect(MIN_MINUTES).toBe(15)
    expect(MAX_MINUTES).toBe(600)
    expect(MIN_SESSION_MINUTES).toEqual({ experiential: 60, sitter: 60, practicum: 15, supervision: 15 })
    expect(DAILY_CAP_MINUTES).toBe(960)
  })
})

describe('daily cap', () => {
  test('exactly 16 hours in a day fits', () => {
    expect(minutesOverDailyCap(0, 960)).toBe(0)
    expect(minutesOverDailyCap(600, 360)).toBe(0)
    expect(minutesOverDailyCap(900, 60)).toBe(0)
  })

  test('one minute over is refused, by the minutes over', () => {
    expect(minutesOverDailyCap(600, 361)).toBe(1)
    expect(minutesOverDailyCap(960, 1)).toBe(1)
    expect(minutesOverDailyCap(900, 600)).toBe(540)
  })

  test('a day with nothing else fits any single record', () => {
    expect(minutesOverDailyCap(0, MAX_MINUTES)).toBe(0)
  })
})

describe('clearanceCovers / hasClearanceOn', () => {
  const window = { grantedOn: '2026-03-01', expiresOn: '2026-06-30', endedOn: null }

  test('covers from the grant day through the expiry day, inclusive', () => {
    expect(clearanceCovers(window, '2026-02-28')).toBe(false)
    expect(clearanceCovers(window, '2026-03-01')).toBe(true)
    expect(clearanceCovers(window, '2026-04-15')).toBe(true)
    expect(clearanceCovers(window, '2026-06-30')).toBe(true)
    expect(clearanceCovers(window, '2026-07-01')).toBe(false)
  })

  test('a one-day clearance covers that day only', () => {
    const oneDay = { grantedOn: '2026-05-05', expiresOn: '2026-05-05', endedOn: null }
    expect(clearanceCovers(oneDay, '2026-05-04')).toBe(false)
    expect(clearanceCovers(oneDay, '2026-05-05')).toBe(true)
    expect(clearanceCovers(oneDay, '2026-05-06')).toBe(false)
  })

  test('ended early: days before the end stay covered; the end day and after are not', () => {
    const ended = { ...window, endedOn: '2026-04-10' }
    expect(clearanceCovers(ended, '2026-04-09')).toBe(true)
    expect(clearanceCovers(ended, '2026-04-10')).toBe(false)
    expect(clearanceCovers(ended, '2026-04-11')).toBe(false)
    expect(clearanceCovers(ended, '2026-06-30')).toBe(false)
  })

  test('ended on the grant day covers nothing; ended before the grant covers nothing', () => {
    expect(clearanceCovers({ ...window, endedOn: '2026-03-01' }, '2026-03-01')).toBe(false)
    expect(clearanceCovers({ ...window, endedOn: '2026-02-01' }, '2026-03-01')).toBe(false)
    expect(clearanceCovers({ ...window, endedOn: '2026-02-01' }, '2026-05-01')).toBe(false)
  })

  test('ended after the expiry: the expiry still bounds it', () => {
    const late = { ...window, endedOn: '2026-08-01' }
    expect(clearanceCovers(late, '2026-06-30')).toBe(true)
    expect(clearanceCovers(late, '2026-07-15')).toBe(false)
  })

  test('hasClearanceOn: any one covering window is enough; none or an empty list is not', () => {
    const earlier = { grantedOn: '2025-01-01', expiresOn: '2025-12-31', endedOn: null }
    const ended = { grantedOn: '2026-01-01', expiresOn: '2026-12-31', endedOn: '2026-02-01' }
    expect(hasClearanceOn([], '2026-03-01')).toBe(false)
    expect(hasClearanceOn([earlier, ended], '2026-03-01')).toBe(false)
    expect(hasClearanceOn([earlier, ended], '2026-01-31')).toBe(true)
    expect(hasClearanceOn([earlier, ended], '2025-12-31')).toBe(true)
    expect(hasClearanceOn([earlier, ended, window], '2026-03-01')).toBe(true)
    expect(hasClearanceOn([earlier, ended, window], '2026-07-01')).toBe(false)
  })
})

describe('isFutureDate / latestToday', () => {
  test('latestToday is the date in UTC+14, the first place a day begins', () => {
    expect(latestToday(new Date('2026-03-01T09:59:59.999Z'))).toBe('2026-03-01')
    expect(latestToday(new Date('2026-03-01T10:00:00.000Z'))).toBe('2026-03-02')
    expect(latestToday(new Date('2026-12-31T12:00:00.000Z'))).toBe('2027-01-01')
  })

  test('a date is in the future only after the latest today anywhere on Earth', () => {
    const morning = new Date('2026-03-01T09:00:00.000Z') // latest today: 2026-03-01
    expect(isFutureDate('2026-02-28', morning)).toBe(false)
    expect(isFutureDate('2026-03-01', morning)).toBe(false)
    expect(isFutureDate('2026-03-02', morning)).toBe(true)

    const evening = new Date('2026-03-01T11:00:00.000Z') // Kiribati is already on 2026-03-02
    expect(isFutureDate('2026-03-02', evening)).toBe(false)
    expect(isFutureDate('2026-03-03', evening)).toBe(true)
    expect(isFutureDate('2027-01-01', evening)).toBe(true)
  })

  test('without a clock given, today and yesterday are never future; a year ahead is', () => {
    const today = new Date().toISOString().slice(0, 10)
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10)
    const nextYear = new Date(Date.now() + 366 * 86_400_000).toISOString().slice(0, 10)
    expect(isFutureDate(today)).toBe(false)
    expect(isFutureDate(yesterday)).toBe(false)
    expect(isFutureDate(nextYear)).toBe(true)
  })
})

describe('looksIdentifying', () => {
  test.each(['someone@example.com', 'a@b', 'P-014 jo@mail.org', '@handle'])('an email-like code is refused: %s', (code) => {
    expect(looksIdentifying(code)).toBe('This looks like an email address. Use a pseudonymous code, never contact details.')
  })

  test.each(['5551234567', '555 123 4567', '555-123-4567', '+1 555 123 4567', '+44 20 7946 0958', '(555) 123-4567', '555-1234', '06 12 34 56 78'])(
    'a phone-number-like code is refused: %s',
    (code) => {
      expect(looksIdentifying(code)).toBe('This looks like a phone number. Use a pseudonymous code, never contact details.')
    },
  )

  test.each(['P-014', 'C-203', 'P014', 'Participant 7', 'KAP_2026_01', 'abc-123456', 'p.42'])('an ordinary pseudonymous code passes: %s', (code) => {
    expect(looksIdentifying(code)).toBeNull()
  })
})

describe('isSameClearance', () => {
  const onFile = { grantedOn: '2026-01-05', expiresOn: '2026-07-05', endedOn: null, clinician: 'Dr. Priya Natarajan, MD' }
  const recording = { grantedOn: '2026-01-05', expiresOn: '2026-07-05', clinician: 'Dr. Priya Natarajan, MD' }

  test('the same dates and clinician (case, spacing and a final full stop aside) is the same clearance', () => {
    expect(isSameClearance(onFile, recording)).toBe(true)
    expect(isSameClearance(onFile, { ...recording, clinician: '  dr. priya  natarajan, md. ' })).toBe(true)
  })

  test.each([
    ['another grant date', { grantedOn: '2026-01-06' }],
    ['another expiry', { expiresOn: '2026-08-05' }],
    ['another clinician', { clinician: 'Dr. Jonah Lee' }],
  ])('%s is a different clearance', (_, change) => {
    expect(isSameClearance(onFile, { ...recording, ...change })).toBe(false)
  })

  test('a clearance that was ended may be recorded again', () => {
    expect(isSameClearance({ ...onFile, endedOn: '2026-03-01' }, recording)).toBe(false)
  })
})
