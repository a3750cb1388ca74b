import { describe, expect, test } from 'vitest'
import { generateToken, hashToken, TOKEN_BYTES } from './tokens.ts'

describe('tokens', () => {
  test('carry at least 160 bits, base32 encoded', () => {
    expect(TOKEN_BYTES * 8).toBeGreaterThanOrEqual(160)
    const token = generateToken()
    expect(token).toMatch(/^[a-z2-7]{32}$/) // 20 bytes = 32 base32 characters
  })

  test('are unique', () => {
    const tokens = new Set(Array.from({ length: 1000 }, () => generateToken()))
    expect(tokens.size).toBe(1000)
  })

  test('are stored only as their SHA-256, hex encoded', () => {
    expect(hashToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(hashToken(generateToken())).toMatch(/^[0-9a-f]{64}$/)
  })
})
