import { describe, expect, test } from 'vitest'
import { ARGON2_OPTIONS, hashPassword, verifyPassword } from './password.server.ts'

describe('passwords', () => {
  test('use argon2id with at least 19 MiB, 2 iterations, 1 lane', async () => {
    expect(ARGON2_OPTIONS.memoryCost).toBeGreaterThanOrEqual(19 * 1024)
    expect(ARGON2_OPTIONS.timeCost).toBeGreaterThanOrEqual(2)
    expect(ARGON2_OPTIONS.parallelism).toBe(1)
    const hash = await hashPassword('a long enough password')
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/)
  })

  test('verify the right password and refuse a wrong one or a broken hash', async () => {
    const hash = await hashPassword('a long enough password')
    expect(await verifyPassword(hash, 'a long enough password')).toBe(true)
    expect(await verifyPassword(hash, 'a long enough passworD')).toBe(false)
    expect(await verifyPassword('not-a-hash', 'anything')).toBe(false)
  })
})
