import { describe, expect, test } from 'vitest'
import { afterAttempt, retryAfter, waitMessage, type ThrottleEntry } from './throttle.ts'

const policy = { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 900_000, windowMs: 3_600_000 }

function attempts(n: number, at: number, entry?: ThrottleEntry) {
  let current = entry
  for (let i = 0; i < n; i++) current = afterAttempt(current, policy, at)
  return current
}

describe('throttle policy', () => {
  test('allows five attempts, then makes the key wait, doubling', () => {
    const four = attempts(4, 0)
    expect(retryAfter(four, policy, 0)).toBe(0)
    const five = attempts(1, 0, four)
    expect(retryAfter(five, policy, 0)).toBe(60_000)
    expect(retryAfter(five, policy, 59_999)).toBe(1)
    expect(retryAfter(five, policy, 60_000)).toBe(0)
    const six = afterAttempt(five, policy, 60_000)
    expect(retryAfter(six, policy, 60_000)).toBe(120_000)
  })

  test('caps the delay at fifteen minutes and forgets attempts after an hour', () => {
    const many = attempts(30, 0)
    expect(retryAfter(many, policy, 0)).toBe(900_000)
    expect(retryAfter(many, policy, 3_600_001)).toBe(0)
    expect(afterAttempt(many, policy, 3_600_001)).toEqual({ count: 1, lastAt: 3_600_001 })
  })

  test('no entry: no wait', () => {
    expect(retryAfter(undefined, policy, 0)).toBe(0)
  })

  test('the wait is said in whole minutes', () => {
    expect(waitMessage(60_000, 'failed sign-in attempts')).toBe('Too many failed sign-in attempts. Please wait 1 minute and try again.')
    expect(waitMessage(61_000, 'requests')).toBe('Too many requests. Please wait 2 minutes and try again.')
  })
})
