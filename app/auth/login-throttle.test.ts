import { describe, expect, test } from 'vitest'
import { LoginThrottle } from './login-throttle.ts'

const options = { maxFailures: 5, baseDelayMs: 60_000, maxDelayMs: 900_000, windowMs: 3_600_000 }

describe('LoginThrottle', () => {
  test('allows five failures, then makes the key wait, doubling', () => {
    const throttle = new LoginThrottle(options)
    for (let i = 0; i < 4; i++) throttle.recordFailure('email:a', 0)
    expect(throttle.retryAfter('email:a', 0)).toBe(0)
    throttle.recordFailure('email:a', 0)
    expect(throttle.retryAfter('email:a', 0)).toBe(60_000)
    expect(throttle.retryAfter('email:a', 59_999)).toBe(1)
    expect(throttle.retryAfter('email:a', 60_000)).toBe(0)
    throttle.recordFailure('email:a', 60_000)
    expect(throttle.retryAfter('email:a', 60_000)).toBe(120_000)
  })

  test('caps the delay and forgets old failures', () => {
    const throttle = new LoginThrottle(options)
    for (let i = 0; i < 30; i++) throttle.recordFailure('ip:1', 0)
    expect(throttle.retryAfter('ip:1', 0)).toBe(900_000)
    expect(throttle.retryAfter('ip:1', 3_600_001)).toBe(0)
  })

  test('keys are independent and a reset clears one', () => {
    const throttle = new LoginThrottle(options)
    for (let i = 0; i < 5; i++) throttle.recordFailure('email:a', 0)
    expect(throttle.retryAfter('email:b', 0)).toBe(0)
    throttle.reset('email:a')
    expect(throttle.retryAfter('email:a', 0)).toBe(0)
  })
})
