import { describe, expect, test } from 'vitest'
import { judgeSession, newSession } from './session-rules.ts'

// The limits are written out here rather than imported: a test that reads the module's own
// constants follows any change to them, so raising the idle limit to 8 hours would still pass.
const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE
const IDLE_LIMIT = 30 * MINUTE
const RENEW_WITHIN = 15 * DAY

const now = new Date('2026-11-25T12:00:00Z')
const at = (offsetMs: number) => new Date(now.getTime() + offsetMs)
const farFromExpiry = at(20 * DAY)

describe('judgeSession', () => {
  test('a session past its expiry is invalid', () => {
    expect(judgeSession({ expiresAt: at(-1), lastSeenAt: at(-1000) }, ['fellow'], now)).toEqual({ valid: false, reason: 'expired' })
    expect(judgeSession({ expiresAt: at(0), lastSeenAt: at(-1000) }, ['fellow'], now)).toEqual({ valid: false, reason: 'expired' })
  })

  test('a new session lasts exactly 30 days', () => {
    const { expiresAt, row } = newSession(1, 'vitest', now)
    expect(expiresAt).toEqual(new Date('2026-12-25T12:00:00Z'))
    expect(row.expires_at).toBe('2026-12-25T12:00:00.000Z')
    expect(row.last_seen_at).toBe('2026-11-25T12:00:00.000Z')
  })

  test('sliding expiry: renewed to 30 days from now once less than 15 days remain', () => {
    const verdict = judgeSession({ expiresAt: at(RENEW_WITHIN - 1), lastSeenAt: at(-1000) }, ['fellow'], now)
    expect(verdict).toEqual({ valid: true, renewTo: new Date('2026-12-25T12:00:00Z'), touch: true })
  })

  test('no renewal while more than 15 days remain', () => {
    const verdict = judgeSession({ expiresAt: at(RENEW_WITHIN + 1), lastSeenAt: at(-1000) }, ['fellow'], now)
    expect(verdict).toEqual({ valid: true, renewTo: undefined, touch: false })
  })

  test('staff and supervisors are signed out after 30 idle minutes', () => {
    const session = { expiresAt: farFromExpiry, lastSeenAt: at(-IDLE_LIMIT) }
    expect(judgeSession(session, ['staff'], now)).toEqual({ valid: false, reason: 'idle' })
    expect(judgeSession(session, ['supervisor'], now)).toEqual({ valid: false, reason: 'idle' })
    expect(judgeSession(session, ['trainee', 'supervisor'], now)).toEqual({ valid: false, reason: 'idle' })
    expect(judgeSession({ expiresAt: farFromExpiry, lastSeenAt: at(-31 * MINUTE) }, ['staff'], now)).toEqual({ valid: false, reason: 'idle' })
  })

  test('staff and supervisors idle for 30 minutes less a second are still signed in', () => {
    const session = { expiresAt: farFromExpiry, lastSeenAt: at(-(IDLE_LIMIT - 1000)) }
    expect(judgeSession(session, ['staff'], now)).toMatchObject({ valid: true })
    expect(judgeSession(session, ['supervisor'], now)).toMatchObject({ valid: true })
  })

  test('fellows and trainees are not held to the idle limit', () => {
    const session = { expiresAt: farFromExpiry, lastSeenAt: at(-10 * DAY) }
    expect(judgeSession(session, ['fellow', 'trainee'], now)).toMatchObject({ valid: true })
    expect(judgeSession({ expiresAt: farFromExpiry, lastSeenAt: at(-31 * MINUTE) }, ['fellow'], now)).toMatchObject({ valid: true })
  })

  test('staff active 29 minutes ago stay signed in, and last-seen is refreshed', () => {
    const session = { expiresAt: farFromExpiry, lastSeenAt: at(-29 * MINUTE) }
    expect(judgeSession(session, ['staff'], now)).toEqual({ valid: true, renewTo: undefined, touch: true })
  })

  test('last-seen is written at most once a minute', () => {
    expect(judgeSession({ expiresAt: farFromExpiry, lastSeenAt: at(-(MINUTE - 1)) }, ['staff'], now)).toMatchObject({ touch: false })
    expect(judgeSession({ expiresAt: farFromExpiry, lastSeenAt: at(-MINUTE) }, ['staff'], now)).toMatchObject({ touch: true })
  })
})
