import { describe, expect, test } from 'vitest'
import { approvalBlocker, expiresWithinNotice, type License } from './license.ts'

const VERIFIED: License = {
  type: 'LMFT',
  number: '12345',
  jurisdiction: 'CA',
  expiresOn: '2027-06-30',
  status: 'verified',
  checkedAt: '2026-11-01T10:00:00.000Z',
  checkNote: 'state board lookup',
}
const CONTACT = 'Sam Okafor (staff@kap.test)'

describe('who may sign an approval', () => {
  test('a verified license before or on its expiry day may', () => {
    expect(approvalBlocker(VERIFIED, '2026-11-28', CONTACT)).toBeNull()
    expect(approvalBlocker(VERIFIED, '2027-06-30', CONTACT)).toBeNull()
  })

  test('the day after expiry may not, and the message names the date and whom to ask', () => {
    expect(approvalBlocker(VERIFIED, '2027-07-01', CONTACT)).toBe(
      'Your license expired on Jun 30, 2027, so you cannot approve records. Update it in Settings when it is renewed, and ask Sam Okafor (staff@kap.test) to verify it.',
    )
  })

  test('an unverified license may not, however complete', () => {
    expect(approvalBlocker({ ...VERIFIED, status: 'unverified' }, '2026-11-28', CONTACT)).toBe(
      'Institute staff have not verified your license yet, so you cannot approve records. Ask Sam Okafor (staff@kap.test) to verify it.',
    )
  })

  test('a lapsed license may not, and the finding is quoted', () => {
    expect(approvalBlocker({ ...VERIFIED, status: 'lapsed', checkNote: 'board shows inactive' }, '2026-11-28', CONTACT)).toMatch(
      /^Institute staff marked your license lapsed \(board shows inactive\), so you cannot approve records\./,
    )
  })

  test.each(['type', 'number', 'jurisdiction', 'expiresOn'] as const)('a license without its %s may not', (field) => {
    expect(approvalBlocker({ ...VERIFIED, [field]: null }, '2026-11-28', CONTACT)).toMatch(
      /^Add your license \(type, number, jurisdiction and expiry date\) in Settings/,
    )
  })
})

describe('the expiry reminder', () => {
  test('starts 60 days before expiry and runs through the expiry day', () => {
    expect(expiresWithinNotice(VERIFIED, '2027-04-30')).toBeNull()
    expect(expiresWithinNotice(VERIFIED, '2027-05-01')).toBe(60)
    expect(expiresWithinNotice(VERIFIED, '2027-06-30')).toBe(0)
    expect(expiresWithinNotice(VERIFIED, '2027-07-01')).toBeNull()
  })

  test('only for verified licenses', () => {
    expect(expiresWithinNotice({ ...VERIFIED, status: 'lapsed' }, '2027-06-01')).toBeNull()
    expect(expiresWithinNotice({ ...VERIFIED, status: 'unverified' }, '2027-06-01')).toBeNull()
  })
})
