import { describe, expect, test } from 'vitest'
import { IDLE_LIMIT_MS, judgeSession, SESSION_LIFETIME_MS, SESSION_RENEW_WITHIN_MS, TOUCH_INTERVAL_MS } from './session-rules.ts'

const now = new Date('2026-11-25T12:00:00Z')
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs)

describe('judgeSession', () => {
  test('a session past its expiry is invalid', () => {
    expect(judgeSession({ expiresAt: at(-1), lastSeenAt: at(-1000) }, ['fellow'], now)).toEqual({ valid: false, reason: 'expired' })
  })

  test('sliding expiry: renewed to 30 days once less than 15 days remain', () => {
    const verdict = judgeSession({ expiresAt: at(SESSION_RENEW_WITHIN_MS - 1), lastSeenAt: at(-1000) }, ['fellow'], now)
    expect(verdict).toEqual({ valid: true, renewTo: at(SESSION_LIFETIME_MS), touch: true })
  })

  test('no renewal while more than 15 days remain', () => {
    const verdict = judgeSession({ expiresAt: at(SESSION_RENEW_WITHIN_MS + 1), lastSeenAt: at(-1000) }, ['fellow'], now)
    expect(verdict).toEqual({ valid: true, renewTo: undefined, touch: false })
  })

  test('staff and supervisors are signed out after 30 idle minutes', () => {
    const session = { expiresAt: at(20 * 86_400_000), lastSeenAt: at(-IDLE_LIMIT_MS) }
    expect(judgeSession(session, ['staff'], now)).toEqual({ valid: false, reason: 'idle' })
    expect(judgeSession(session, ['supervisor'], now)).toEqual({ valid: false, reason: 'idle' })
    expect(judgeSession(session, ['trainee', 'supervisor'], now)).toEqual({ valid: false, reason: 'idle' })
  })

  test('fellows and trainees are not held to the idle limit', () => {
    const session = { expiresAt: at(20 * 86_400_000), lastSeenAt: at(-IDLE_LIMIT_MS * 10) }
    expect(judgeSession(session, ['fellow', 'trainee'], now)).toMatchObject({ valid: true })
  })

  test('staff active 29 minutes ago stay signed in, and last-seen is refreshed', () => {
    const session = { expiresAt: at(20 * 86_400_000), lastSeenAt: at(-(IDLE_LIMIT_MS - 60_000)) }
    expect(judgeSession(session, ['staff'], now)).toEqual({ valid: true, renewTo: undefined, touch: true })
  })

  test('last-seen is written at most once a minute', () => {
    const session = { expiresAt: at(20 * 86_400_000), lastSeenAt: at(-(TOUCH_INTERVAL_MS - 1)) }
    expect(judgeSession(session, ['staff'], now)).toMatchObject({ touch: false })
  })
})
