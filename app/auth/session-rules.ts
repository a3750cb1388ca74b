import type { Role } from '#db/schema.ts'
import { generateToken, hashToken } from './tokens.ts'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

export const SESSION_LIFETIME_MS = 30 * DAY
/** Extend the sliding expiry once less than this remains (Lucia's rule), not on every request. */
export const SESSION_RENEW_WITHIN_MS = 15 * DAY
export const IDLE_LIMIT_MS = 30 * MINUTE
/** last_seen_at is refreshed at most this often, so reads stay reads. */
export const TOUCH_INTERVAL_MS = MINUTE

/** Roles whose sessions end after 30 idle minutes: they can change other people's records. */
export const IDLE_LIMITED_ROLES: readonly Role[] = ['staff', 'supervisor']

export type SessionTimes = { expiresAt: Date; lastSeenAt: Date }

export type SessionVerdict = { valid: false; reason: 'expired' | 'idle' } | { valid: true; renewTo?: Date; touch: boolean }

export function judgeSession(session: SessionTimes, roles: readonly Role[], now: Date): SessionVerdict {
  const t = now.getTime()
  if (t >= session.expiresAt.getTime()) return { valid: false, reason: 'expired' }
  const idleLimited = roles.some((role) => IDLE_LIMITED_ROLES.includes(role))
  if (idleLimited && t - session.lastSeenAt.getTime() >= IDLE_LIMIT_MS) {
    return { valid: false, reason: 'idle' }
  }
  const renew = session.expiresAt.getTime() - t < SESSION_RENEW_WITHIN_MS
  return {
    valid: true,
    renewTo: renew ? new Date(t + SESSION_LIFETIME_MS) : undefined,
    touch: renew || t - session.lastSeenAt.getTime() >= TOUCH_INTERVAL_MS,
  }
}

/** A fresh token and the row that stands for it: only the token's hash is stored. */
export function newSession(userId: number, userAgent: string | null, now = new Date()) {
  const token = generateToken()
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
  return {
    token,
    expiresAt,
    row: {
      id: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
      user_agent: userAgent?.slice(0, 300) ?? null,
    },
  }
}
