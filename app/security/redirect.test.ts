import { describe, expect, test } from 'vitest'
import { safeRedirect } from './redirect.ts'

const SITE = 'http://localhost:3000'

describe('safeRedirect', () => {
  test.each([
    ['/', '/'],
    ['/hours', '/hours'],
    ['/hours/12?tab=history#events', '/hours/12?tab=history#events'],
    ['/learn/intro-kap/01-history', '/learn/intro-kap/01-history'],
    ['/review?page=2&kind=sitter', '/review?page=2&kind=sitter'],
    ['/staff/people/../audit', '/staff/audit'],
    // Percent-encoded, the tab stays a harmless path segment on this site.
    ['/%09/evil.example', '/%09/evil.example'],
  ])('keeps the same-site path %j', (to, expected) => {
    expect(safeRedirect(to, SITE)).toBe(expected)
  })

  const hostile: unknown[] = [
    '/\t/evil.example/phish',
    '/\n/x',
    '/\r\n/evil.example',
    '/\u0000/evil.example',
    '/\u001f/evil.example',
    '/\u007f',
    '//evil.example',
    '//evil.example/phish',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    '/\\/evil.example',
    'https://evil.example',
    'http://localhost:3000.evil.example/',
    'https://localhost:3000/hours',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'evil.example',
    '',
    ' /hours',
    '%2F%2Fevil.example',
    '/.//evil.example',
    '//%2F%2Fevil.example',
    'mailto:someone@evil.example',
    undefined,
    null,
    42,
    ['/hours'],
  ]

  test.each(hostile.map((to) => [to]))('sends %j to the dashboard', (to) => {
    expect(safeRedirect(to, SITE)).toBe('/')
  })

  test('a custom fallback', () => {
    expect(safeRedirect('//evil.example', SITE, '/learn')).toBe('/learn')
  })
})
