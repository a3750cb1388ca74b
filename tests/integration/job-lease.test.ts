import { describe, expect, test } from 'vitest'
import { releaseLease, tryLease } from '#app/jobs/lease.server.ts'

describe('job leases', () => {
  const at = (iso: string) => new Date(iso)

  test('one holder at a time until the lease runs out; the holder may renew it', async () => {
    expect(await tryLease('nightly', 'worker-a', 60_000, at('2026-11-28T10:00:00Z'))).toBe(true)
    expect(await tryLease('nightly', 'worker-b', 60_000, at('2026-11-28T10:00:30Z'))).toBe(false)
    expect(await tryLease('nightly', 'worker-a', 60_000, at('2026-11-28T10:00:45Z'))).toBe(true)
    // Renewed at 10:00:45, so it now runs until 10:01:45.
    expect(await tryLease('nightly', 'worker-b', 60_000, at('2026-11-28T10:01:30Z'))).toBe(false)
    expect(await tryLease('nightly', 'worker-b', 60_000, at('2026-11-28T10:01:45Z'))).toBe(true)
    expect(await tryLease('nightly', 'worker-a', 60_000, at('2026-11-28T10:02:00Z'))).toBe(false)
  })

  test('of many asking at the same moment, exactly one gets it', async () => {
    const now = at('2026-11-28T12:00:00Z')
    const answers = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((holder) => tryLease('hourly', holder, 60_000, now)))
    expect(answers.filter(Boolean)).toHaveLength(1)
  })

  test('a released lease is free at once; leases of different jobs are independent', async () => {
    const now = at('2026-11-28T14:00:00Z')
    expect(await tryLease('report', 'worker-a', 60_000, now)).toBe(true)
    expect(await tryLease('other', 'worker-b', 60_000, now)).toBe(true)
    await releaseLease('report', 'worker-a')
    expect(await tryLease('report', 'worker-b', 60_000, now)).toBe(true)
  })
})
