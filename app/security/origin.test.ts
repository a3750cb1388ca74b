import { describe, expect, test } from 'vitest'
import { isAllowedOrigin } from './origin.ts'

describe('isAllowedOrigin', () => {
  test('reads are always allowed', () => {
    expect(isAllowedOrigin('GET', undefined, 'localhost:3000')).toBe(true)
    expect(isAllowedOrigin('HEAD', 'https://evil.example', 'localhost:3000')).toBe(true)
  })

  test('a POST must name this host', () => {
    expect(isAllowedOrigin('POST', 'http://localhost:3000', 'localhost:3000')).toBe(true)
    expect(isAllowedOrigin('POST', 'http://localhost:3001', 'localhost:3000')).toBe(false)
    expect(isAllowedOrigin('POST', 'https://evil.example', 'localhost:3000')).toBe(false)
    expect(isAllowedOrigin('DELETE', 'https://evil.example', 'localhost:3000')).toBe(false)
  })

  test('a missing, null or malformed Origin is refused', () => {
    expect(isAllowedOrigin('POST', undefined, 'localhost:3000')).toBe(false)
    expect(isAllowedOrigin('POST', 'null', 'localhost:3000')).toBe(false)
    expect(isAllowedOrigin('POST', 'not a url', 'localhost:3000')).toBe(false)
    expect(isAllowedOrigin('POST', 'http://localhost:3000', undefined)).toBe(false)
  })
})
