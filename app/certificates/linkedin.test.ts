import { expect, test } from 'vitest'
import { linkedInAddToProfileUrl } from './linkedin.ts'

const base = {
  name: 'Psychedelic Practitioner Fellowship',
  issuedAt: '2026-03-15T10:00:00.000Z',
  expiresAt: null,
  certId: 'KAP-2026-000042',
  certUrl: 'https://kap.example/verify/abcdefghijklmnopqrstuvwxyz',
}

function parse(url: string) {
  const u = new URL(url)
  return { u, params: Object.fromEntries(u.searchParams) }
}

test("LinkedIn's add-to-profile link for a certification, with every field", () => {
  const { u, params } = parse(linkedInAddToProfileUrl(base))
  expect(`${u.origin}${u.pathname}`).toBe('https://www.linkedin.com/profile/add')
  expect(u.protocol).toBe('https:')
  expect(params).toEqual({
    startTask: 'CERTIFICATION_NAME',
    name: 'Psychedelic Practitioner Fellowship',
    organizationName: 'KAP Fellowship',
    issueYear: '2026',
    issueMonth: '3',
    certUrl: 'https://kap.example/verify/abcdefghijklmnopqrstuvwxyz',
    certId: 'KAP-2026-000042',
  })
})

test('the expiration year and month are added when the certificate expires', () => {
  const { params } = parse(linkedInAddToProfileUrl({ ...base, expiresAt: '2028-03-15T10:00:00.000Z' }))
  expect(params.expirationYear).toBe('2028')
  expect(params.expirationMonth).toBe('3')
  expect(params.issueYear).toBe('2026')
})

test('no expiration fields for a certificate that never expires', () => {
  const { u } = parse(linkedInAddToProfileUrl(base))
  expect(u.searchParams.has('expirationYear')).toBe(false)
  expect(u.searchParams.has('expirationMonth')).toBe(false)
})

test('months are 1–12 in UTC (January is 1, a late-December issue stays in December)', () => {
  expect(parse(linkedInAddToProfileUrl({ ...base, issuedAt: '2026-01-01T00:00:00.000Z' })).params).toMatchObject({ issueYear: '2026', issueMonth: '1' })
  expect(parse(linkedInAddToProfileUrl({ ...base, issuedAt: '2026-12-31T23:30:00.000Z', expiresAt: '2028-12-31T23:30:00.000Z' })).params).toMatchObject({
    issueYear: '2026',
    issueMonth: '12',
    expirationYear: '2028',
    expirationMonth: '12',
  })
})

test('names, organisation and URLs with special characters survive the query string intact', () => {
  const tricky = {
    ...base,
    name: 'KAP & Integration: "Advanced" #2 — 100%',
    organizationName: 'Institute of A&B / C',
    certUrl: 'https://kap.example/verify/abc?x=1&y=2#frag',
    certId: 'KAP-2026-000001',
  }
  const url = linkedInAddToProfileUrl(tricky)
  expect(url).not.toContain(' ')
  expect(url).not.toContain('#')
  const { params } = parse(url)
  expect(params.name).toBe(tricky.name)
  expect(params.organizationName).toBe(tricky.organizationName)
  expect(params.certUrl).toBe(tricky.certUrl)
  expect(params.certId).toBe(tricky.certId)
  expect(Object.keys(params)).toHaveLength(7)
})
