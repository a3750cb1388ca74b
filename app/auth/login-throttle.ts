/**
 * Counts failed sign-ins per key (an account's email, a client IP). After
 * `maxFailures` the key must wait, doubling from `baseDelayMs` up to `maxDelayMs`.
 * Kept in memory: one process serves the app, and a failed sign-in writes nothing.
 */
export class LoginThrottle {
  private failures = new Map<string, { count: number; lastAt: number }>()

  constructor(
    private readonly options: {
      maxFailures: number
      baseDelayMs: number
      maxDelayMs: number
      /** failures older than this are forgotten */
      windowMs: number
    },
  ) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. */
  retryAfter(key: string, now: number): number {
    const entry = this.current(key, now)
    if (!entry || entry.count < this.options.maxFailures) return 0
    const over = entry.count - this.options.maxFailures
    const delay = Math.min(this.options.baseDelayMs * 2 ** over, this.options.maxDelayMs)
    return Math.max(0, entry.lastAt + delay - now)
  }

  recordFailure(key: string, now: number) {
    const entry = this.current(key, now)
    this.failures.set(key, { count: (entry?.count ?? 0) + 1, lastAt: now })
  }

  reset(key: string) {
    this.failures.delete(key)
  }

  private current(key: string, now: number) {
    const entry = this.failures.get(key)
    if (entry && now - entry.lastAt > this.options.windowMs) {
      this.failures.delete(key)
      return undefined
    }
    return entry
  }
}
