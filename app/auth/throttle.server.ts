import { sql } from 'kysely'
import { db } from '#app/db.server.ts'
import { retryAfter, type ThrottlePolicy } from './throttle.ts'

/**
 * Attempt counters shared by every worker: one row per key in `throttle_counters`.
 * Counting is one atomic upsert, so two workers never both grant the last try.
 */
export class Throttle {
  constructor(
    private readonly name: string,
    // Read at each use, so configuration (and a test) can change it without a restart.
    private readonly policyNow: () => ThrottlePolicy,
  ) {}

  private get policy() {
    return this.policyNow()
  }

  private keyOf(key: string) {
    return `${this.name}:${key}`
  }

  /** Milliseconds until every one of `keys` may try again (0: now). */
  async retryAfter(keys: string[], now = Date.now()) {
    const rows = await db
      .selectFrom('throttle_counters')
      .select(['key', 'count', 'last_at'])
      .where(
        'key',
        'in',
        keys.map((k) => this.keyOf(k)),
      )
      .execute()
    return Math.max(0, ...rows.map((row) => retryAfter({ count: row.count, lastAt: Date.parse(row.last_at) }, this.policy, now)))
  }

  async recordAttempt(keys: string[], now = Date.now()) {
    const at = new Date(now).toISOString()
    const forgottenBefore = new Date(now - this.policy.windowMs).toISOString()
    for (const key of keys) {
      await db
        .insertInto('throttle_counters')
        .values({ key: this.keyOf(key), count: 1, last_at: at })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet({
            // The same rule as the policy's: attempts older than the window start the count afresh.
            count: sql<number>`case when throttle_counters.last_at < ${forgottenBefore} then 1 else throttle_counters.count + 1 end`,
            last_at: at,
          }),
        )
        .execute()
    }
    // Rows nobody has touched for a day only take space.
    await db
      .deleteFrom('throttle_counters')
      .where('last_at', '<', new Date(now - 86_400_000).toISOString())
      .execute()
  }

  async reset(keys: string[]) {
    await db
      .deleteFrom('throttle_counters')
      .where(
        'key',
        'in',
        keys.map((k) => this.keyOf(k)),
      )
      .execute()
  }
}
