/**
 * How many attempts a key (an account's email, a client IP) gets before it must
 * wait: after `maxAttempts` the wait doubles from `baseDelayMs` up to
 * `maxDelayMs`; attempts older than `windowMs` are forgotten. Pure: the counts
 * live in the database (throttle.server.ts), so every worker sees the same ones.
 */
export type ThrottlePolicy = {
  maxAttempts: number
  baseDelayMs: number
  maxDelayMs: number
  windowMs: number
}

export type ThrottleEntry = { count: number; lastAt: number }

function live(entry: ThrottleEntry | undefined, policy: ThrottlePolicy, now: number) {
  return entry && now - entry.lastAt <= policy.windowMs ? entry : undefined
}

/** Milliseconds until the key may try again; 0 when it may try now. */
export function retryAfter(entry: ThrottleEntry | undefined, policy: ThrottlePolicy, now: number): number {
  const current = live(entry, policy, now)
  if (!current || current.count < policy.maxAttempts) return 0
  const over = current.count - policy.maxAttempts
  const delay = Math.min(policy.baseDelayMs * 2 ** over, policy.maxDelayMs)
  return Math.max(0, current.lastAt + delay - now)
}

/** The entry after one more attempt at `now`. */
export function afterAttempt(entry: ThrottleEntry | undefined, policy: ThrottlePolicy, now: number): ThrottleEntry {
  return { count: (live(entry, policy, now)?.count ?? 0) + 1, lastAt: now }
}

export function waitMessage(retryAfterMs: number, what: string) {
  const minutes = Math.ceil(retryAfterMs / 60_000)
  return `Too many ${what}. Please wait ${minutes} minute${minutes === 1 ? '' : 's'} and try again.`
}
