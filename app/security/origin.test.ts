import { describe, expect, test } from 'vitest'
import { isAllowedOrigin, requestedHost } from './origin.ts'

const SITE = 'http://localhost:3000'

describe('isAllowedOrigin', () => {
  test('reads are always allowed', () => {
    expect(isAllowedOrigin('GET', undefined, SITE)).toBe(true)
    expect(isAllowedOrigin('HEAD', 'https://evil.example', SITE)).toBe(true)
  })

  test('a POST must name this site: scheme, host and port', () => {
    expect(isAllowedOrigin('POST', 'http://localhost:3000', SITE)).toBe(true)
    expect(isAllowedOrigin('POST', 'http://localhost:3001', SITE)).toBe(false)
    expect(isAllowedOrigin('POST', 'https://localhost:3000', SITE)).toBe(false)
    expect(isAllowedOrigin('POST', 'http://localhost', SITE)).toBe(false)
    expect(isAllowedOrigin('POST', 'https://evil.example', SITE)).toBe(false)
    expect(isAllowedOrigin('DELETE', 'https://evil.example', SITE)).toBe(false)
    expect(isAllowedOrigin('POST', 'https://kap.example.org', 'https://kap.example.org')).toBe(true)
    expect(isAllowedOrigin('POST', 'http://kap.example.org', 'https://kap.example.org')).toBe(false)
    expect(isAllowedOrigin('POST', 'https://kap.example.org:8443', 'https://kap.example.org')).toBe(false)
  })

  test('a missing, null or malformed Origin is refused', () => {
    expect(isAllowedOrigin('POST', undefined, SITE)).toBe(false)
    expect(isAllowedOrigin('POST', null, SITE)).toBe(false)
    expect(isAllowedOrigin('POST', '', SITE)).toBe(false)
    expect(isAllowedOrigin('POST', 'null', SITE)).toBe(false)
    expect(isAllowedOrigin('POST', 'not a url', SITE)).toBe(false)
  })
})

describe('requestedHost', () => {
  test('the Host header, unless a trusted proxy forwarded another', () => {
    expect(requestedHost({ host: 'LocalHost:3000' }, false)).toBe('localhost:3000')
    expect(requestedHost({ host: 'localhost:3000', 'x-forwarded-host': 'evil.example' }, false)).toBe('localhost:3000')
    expect(requestedHost({ host: '10.0.0.5:3000', 'x-forwarded-host': 'kap.example.org, proxy.internal' }, true)).toBe('kap.example.org')
    expect(requestedHost({}, false)).toBe('')
  })
})
