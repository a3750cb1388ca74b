import { describe, expect, test } from 'vitest'
import {
  CODE_BYTES,
  certificateStatus,
  expiryFor,
  formatSerial,
  generateVerificationCode,
  isWellFormedCode,
  nextSerial,
  normalizeCode,
  parseSerial,
  revocationNotice,
} from './codes.ts'

describe('serials', () => {
  test('KAP-<year>-<six digits>, zero-padded', () => {
    expect(formatSerial(2026, 1)).toBe('KAP-2026-000001')
    expect(formatSerial(2026, 123)).toBe('KAP-2026-000123')
    expect(formatSerial(2027, 999999)).toBe('KAP-2027-999999')
  })

  test('the first of a year is 000001', () => {
    expect(nextSerial(undefined, 2026)).toBe('KAP-2026-000001')
    expect(nextSerial(null, 2030)).toBe('KAP-2030-000001')
    expect(nextSerial('', 2026)).toBe('KAP-2026-000001')
  })

  test('the next one runs on from the last of the year', () => {
    expect(nextSerial('KAP-2026-000001', 2026)).toBe('KAP-2026-000002')
    expect(nextSerial('KAP-2026-000041', 2026)).toBe('KAP-2026-000042')
    expect(nextSerial('KAP-2026-000099', 2026)).toBe('KAP-2026-000100')
  })

  test('a new year starts again at 000001 (the caller finds no serial of that year)', () => {
    // Issuing looks up the last serial *of the issue year*: on 1 January there is none.
    expect(nextSerial(undefined, 2027)).toBe('KAP-2027-000001')
    expect(nextSerial('KAP-2027-000001', 2027)).toBe('KAP-2027-000002')
  })

  test('past 999999 the number grows a digit instead of wrapping or repeating', () => {
    expect(formatSerial(2026, 1_000_000)).toBe('KAP-2026-1000000')
    expect(nextSerial('KAP-2026-999999', 2026)).toBe('KAP-2026-1000000')
    expect(nextSerial('KAP-2026-1000000', 2026)).toBe('KAP-2026-1000001')
    expect(nextSerial('KAP-2026-1234567', 2026)).toBe('KAP-2026-1234568')
  })

  test('serials of one year sort in issue order as long as they keep six digits', () => {
    const serials = [1, 2, 10, 99, 100, 999999].map((n) => formatSerial(2026, n))
    expect([...serials].sort()).toEqual(serials)
  })
})

describe('verification codes', () => {
  test('carry at least 80 bits of randomness', () => {
    expect(CODE_BYTES * 8).toBeGreaterThanOrEqual(80)
    const code = generateVerificationCode()
    // base32: 5 bits a character
    expect(code.length * 5).toBeGreaterThanOrEqual(80)
    expect(code).toHaveLength(26)
  })

  test('are URL-safe lowercase base32, and well formed by our own check', () => {
    for (let i = 0; i < 200; i++) {
      const code = generateVerificationCode()
      expect(code).toMatch(/^[a-z2-7]{26}$/)
      expect(encodeURIComponent(code)).toBe(code)
      expect(isWellFormedCode(code)).toBe(true)
      expect(normalizeCode(code)).toBe(code)
    }
  })

  test('are unique over many draws and use the whole alphabet', () => {
    const codes = new Set<string>()
    for (let i = 0; i < 20_000; i++) codes.add(generateVerificationCode())
    expect(codes.size).toBe(20_000)
    const seen = new Set([...codes].join(''))
    expect(seen.size).toBe(32)
  })

  test('isWellFormedCode rejects anything but 26 characters of a–z and 2–7', () => {
    const good = generateVerificationCode()
    expect(isWellFormedCode(good)).toBe(true)
    const bad = [
      undefined,
      '',
      good.slice(0, 25), // too short
      `${good}a`, // too long
      good.toUpperCase(),
      `${good.slice(0, 25)}A`,
      `${good.slice(0, 25)}0`, // 0, 1, 8, 9 are not base32
      `${good.slice(0, 25)}1`,
      `${good.slice(0, 25)}8`,
      `${good.slice(0, 25)}9`,
      `${good.slice(0, 25)}-`,
      `${good.slice(0, 25)}_`,
      `${good.slice(0, 25)}=`,
      `${good.slice(0, 25)} `,
      ` ${good.slice(0, 25)}`,
      `${good}\n`,
      `${good.slice(0, 24)}%2`,
      `${good.slice(0, 25)}é`,
      "abc'; drop table certificates; --",
      "aaaaaaaaaaaaaaaaaaaa' or 1",
      "' or '1'='1' --aaaaaaaaaaa".slice(0, 26),
      'aaaaaaaaaaaaaaaaaaaaaaa/..',
    ]
    for (const code of bad) expect(isWellFormedCode(code), JSON.stringify(code)).toBe(false)
  })

  test('normalizeCode ignores case, spaces and dashes; empty is null', () => {
    const code = generateVerificationCode()
    const typed = ` ${code.slice(0, 5).toUpperCase()}-${code.slice(5, 13)} ${code.slice(13)}\t`
    expect(normalizeCode(typed)).toBe(code)
    expect(normalizeCode('ABCD-EFGH')).toBe('abcdefgh')
    expect(normalizeCode('ab cd\nef')).toBe('abcdef')
    expect(normalizeCode('')).toBeNull()
    expect(normalizeCode('   ')).toBeNull()
    expect(normalizeCode(' - -- ')).toBeNull()
  })

  test('normalizeCode caps what it keeps at 100 characters and leaves other characters for the shape check', () => {
    expect(normalizeCode('a'.repeat(500))).toBe('a'.repeat(100))
    const odd = normalizeCode("ABC'; DROP TABLE x")
    expect(odd).toBe("abc';droptablex")
    expect(isWellFormedCode(odd ?? undefined)).toBe(false)
  })
})

describe('certificateStatus', () => {
  const now = new Date('2026-06-15T12:00:00.000Z')

  test('valid when neither revoked nor expired (including no expiry at all)', () => {
    expect(certificateStatus({ revoked_at: null, expires_at: null }, now)).toBe('valid')
    expect(certificateStatus({ revoked_at: null, expires_at: '2026-06-15T12:00:00.001Z' }, now)).toBe('valid')
    expect(certificateStatus({ revoked_at: null, expires_at: '2028-06-15T12:00:00.000Z' }, now)).toBe('valid')
  })

  test('expired from the instant of expiry', () => {
    expect(certificateStatus({ revoked_at: null, expires_at: '2026-06-15T12:00:00.000Z' }, now)).toBe('expired')
    expect(certificateStatus({ revoked_at: null, expires_at: '2026-06-14T00:00:00.000Z' }, now)).toBe('expired')
  })

  test('revoked wins over valid and expired', () => {
    expect(certificateStatus({ revoked_at: '2026-06-01T00:00:00.000Z', expires_at: null }, now)).toBe('revoked')
    expect(certificateStatus({ revoked_at: '2026-06-01T00:00:00.000Z', expires_at: '2028-01-01T00:00:00.000Z' }, now)).toBe('revoked')
    expect(certificateStatus({ revoked_at: '2026-01-01T00:00:00.000Z', expires_at: '2026-02-01T00:00:00.000Z' }, now)).toBe('revoked')
  })

  test('defaults to the current time', () => {
    expect(certificateStatus({ revoked_at: null, expires_at: new Date(Date.now() + 60_000).toISOString() })).toBe('valid')
    expect(certificateStatus({ revoked_at: null, expires_at: new Date(Date.now() - 60_000).toISOString() })).toBe('expired')
  })
})

describe('expiryFor', () => {
  test('24 months later, same day and time', () => {
    expect(expiryFor(new Date('2026-03-15T10:20:30.000Z'), 24)).toBe('2028-03-15T10:20:30.000Z')
    expect(expiryFor(new Date('2026-12-31T23:59:59.000Z'), 24)).toBe('2028-12-31T23:59:59.000Z')
  })

  test('clamps to the last day of a shorter month', () => {
    expect(expiryFor(new Date('2026-01-31T09:00:00.000Z'), 1)).toBe('2026-02-28T09:00:00.000Z')
    expect(expiryFor(new Date('2027-01-31T09:00:00.000Z'), 1)).toBe('2027-02-28T09:00:00.000Z')
    expect(expiryFor(new Date('2027-01-31T09:00:00.000Z'), 13)).toBe('2028-02-29T09:00:00.000Z') // leap year
    expect(expiryFor(new Date('2026-10-31T09:00:00.000Z'), 1)).toBe('2026-11-30T09:00:00.000Z')
    expect(expiryFor(new Date('2026-08-31T09:00:00.000Z'), 24)).toBe('2028-08-31T09:00:00.000Z')
  })

  test('29 February plus 24 months is 28 February', () => {
    expect(expiryFor(new Date('2028-02-29T12:00:00.000Z'), 24)).toBe('2030-02-28T12:00:00.000Z')
    expect(expiryFor(new Date('2028-02-29T12:00:00.000Z'), 48)).toBe('2032-02-29T12:00:00.000Z')
  })

  test('crosses year ends', () => {
    expect(expiryFor(new Date('2026-11-30T00:00:00.000Z'), 3)).toBe('2027-02-28T00:00:00.000Z')
    expect(expiryFor(new Date('2026-12-01T00:00:00.000Z'), 1)).toBe('2027-01-01T00:00:00.000Z')
  })

  test('no validity, no expiry', () => {
    expect(expiryFor(new Date('2026-03-15T10:00:00.000Z'), undefined)).toBeNull()
    expect(expiryFor(new Date('2026-03-15T10:00:00.000Z'), 0)).toBeNull()
  })

  test('leaves the issue date untouched', () => {
    const issued = new Date('2026-01-31T09:00:00.000Z')
    expiryFor(issued, 24)
    expect(issued.toISOString()).toBe('2026-01-31T09:00:00.000Z')
  })
})

describe('parseSerial', () => {
  test.each([
    ['KAP-2026-000001', 'KAP-2026-000001'],
    ['  kap-2026-000001 ', 'KAP-2026-000001'],
    ['KAP 2026 000042', 'KAP-2026-000042'],
    ['KAP2026000042', 'KAP-2026-000042'],
    ['KAP–2026–000042', 'KAP-2026-000042'],
    ['KAP-2026-1000000', 'KAP-2026-1000000'],
  ])('%j is the serial %s', (typed, serial) => {
    expect(parseSerial(typed)).toBe(serial)
  })

  test.each(['', 'KAP-26-000001', 'KAP-2026-00001', 'KAP-2026-0000000001', 'XAP-2026-000001', 'KAP-2026-000001x', generateVerificationCode()])(
    '%j is not a serial',
    (typed) => {
      expect(parseSerial(typed)).toBeNull()
    },
  )
})

describe('revocationNotice', () => {
  const revoked = { revoked_at: '2026-03-04T10:00:00.000Z', revocation_reason: 'Issued in error.', reason_public: 1 }
  test('a valid certificate has none', () => {
    expect(revocationNotice({ revoked_at: null, revocation_reason: null, reason_public: 0 })).toBeNull()
  })

  test('a public reason is printed; a private one is not', () => {
    expect(revocationNotice(revoked)).toEqual({ heading: 'REVOKED', date: '2026-03-04T10:00:00.000Z', reason: 'Reason: Issued in error.' })
    expect(revocationNotice({ ...revoked, reason_public: 0 })).toEqual({
      heading: 'REVOKED',
      date: '2026-03-04T10:00:00.000Z',
      reason: 'The institute has not published the reason.',
    })
  })
})
