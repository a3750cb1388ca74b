import { describe, expect, test } from 'vitest'
import { calendarDateField, dayAfter, isRealDate, todayIn } from './dates.ts'

describe('dates', () => {
  test('a real date has the shape and exists', () => {
    expect(isRealDate('2026-02-28')).toBe(true)
    expect(isRealDate('2028-02-29')).toBe(true)
    expect(isRealDate('2026-02-29')).toBe(false)
    expect(isRealDate('2026-13-01')).toBe(false)
  })

  test('the date field says what is wrong', () => {
    const field = calendarDateField('Enter the start date.')
    const message = (value: unknown) => field.safeParse(value).error?.issues[0]?.message
    expect(message('')).toBe('Enter the start date.')
    expect(message(undefined)).toBe('Enter the start date.')
    expect(message('28/11/2026')).toBe('Enter a date as YYYY-MM-DD.')
    expect(message('2026-02-30')).toBe('That date does not exist.')
    expect(message('1999-12-31')).toBe('Enter a date between 2000 and 2100.')
    expect(message('2101-01-01')).toBe('Enter a date between 2000 and 2100.')
    expect(field.parse('2000-01-01')).toBe('2000-01-01')
    expect(field.parse('2100-12-31')).toBe('2100-12-31')
  })

  test('today and the day after, in UTC', () => {
    expect(todayIn('UTC', new Date('2026-11-28T23:59:59Z'))).toBe('2026-11-28')
    expect(dayAfter('2026-12-31')).toBe('2027-01-01')
    expect(dayAfter('2028-02-28')).toBe('2028-02-29')
  })
})

describe('todayIn', () => {
  test('the same instant is a different day in Auckland and Los Angeles', () => {
    const now = new Date('2026-11-28T23:30:00Z')
    expect(todayIn('Pacific/Auckland', now)).toBe('2026-11-29')
    expect(todayIn('America/Los_Angeles', now)).toBe('2026-11-28')
    expect(todayIn('UTC', now)).toBe('2026-11-28')
  })
})
