import { describe, expect, test } from 'vitest'
import { composeDigest, IDLE_DAYS, LICENSE_REMINDER_DAYS, RETURNED_DAYS, WAITING_DAYS, type DigestCandidate } from './digest.ts'

const NOW = new Date('2026-06-15T09:00:00.000Z')
const ORIGIN = 'https://kap.example'
const DAY = 86_400_000
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString()

function supervisor(overrides: Partial<DigestCandidate> = {}): DigestCandidate {
  return {
    userId: 1,
    name: 'Dr. Maya Reyes',
    email: 'maya@example.test',
    waiting: [],
    returned: [],
    lastLoggedAt: null,
    isFellow: false,
    ownLicense: null,
    expiringLicenses: [],
    ...overrides,
  }
}

function fellow(overrides: Partial<DigestCandidate> = {}): DigestCandidate {
  // Logged something yesterday: not idle unless a test says so.
  return {
    userId: 2,
    name: 'Avery Fellow',
    email: 'avery@example.test',
    waiting: [],
    returned: [],
    lastLoggedAt: ago(1),
    isFellow: true,
    ownLicense: null,
    expiringLicenses: [],
    ...overrides,
  }
}

test('the thresholds are the ones the settings page promises', () => {
  expect([WAITING_DAYS, RETURNED_DAYS, IDLE_DAYS]).toEqual([7, 7, 30])
})

describe('supervisors: records waiting for review', () => {
  test('a record waiting 8 days is in the mail, addressed to the supervisor, with a link to review', () => {
    const mail = composeDigest(
      supervisor({ waiting: [{ fellowName: 'Avery Fellow', kind: 'sitter', occurredOn: '2026-06-05', submittedAt: ago(8) }] }),
      NOW,
      ORIGIN,
    )
    expect(mail).not.toBeNull()
    expect(mail!).toMatchObject({ userId: 1, to: 'maya@example.test', subject: 'Your KAP Fellowship reminders' })
    expect(mail!.body).toContain('Hello Dr. Maya Reyes,')
    expect(mail!.body).toContain('1 record has waited more than 7 days for your review:')
    expect(mail!.body).toContain('  - Avery Fellow: sitter of Jun 5, 2026 (submitted Jun 7, 2026)')
    expect(mail!.body).toContain(`Review them: ${ORIGIN}/review`)
    expect(mail!.body).toContain(`${ORIGIN}/settings/notifications`)
  })

  test('a record waiting 6 days is not: with nothing else to say there is no mail', () => {
    expect(
      composeDigest(supervisor({ waiting: [{ fellowName: 'Avery Fellow', kind: 'sitter', occurredOn: '2026-06-08', submittedAt: ago(6) }] }), NOW, ORIGIN),
    ).toBeNull()
  })

  test('only the old records are listed when old and new wait together', () => {
    const mail = composeDigest(
      supervisor({
        waiting: [
          { fellowName: 'Old One', kind: 'practicum', occurredOn: '2026-05-01', submittedAt: ago(20) },
          { fellowName: 'Fresh One', kind: 'practicum', occurredOn: '2026-06-12', submittedAt: ago(2) },
          { fellowName: 'Old Two', kind: 'experiential', occurredOn: '2026-06-01', submittedAt: ago(8) },
        ],
      }),
      NOW,
      ORIGIN,
    )!
    expect(mail.body).toContain('2 records have waited more than 7 days for your review:')
    expect(mail.body).toContain('Old One: practicum of May 1, 2026')
    expect(mail.body).toContain('Old Two: experiential of Jun 1, 2026')
    expect(mail.body).not.toContain('Fresh One')
  })

  test('"more than 7 days": exactly 7 days is not yet, a minute later is', () => {
    const at = (submittedAt: string) =>
      composeDigest(supervisor({ waiting: [{ fellowName: 'F', kind: 'sitter', occurredOn: '2026-06-08', submittedAt }] }), NOW, ORIGIN)
    expect(at(ago(7))).toBeNull()
    expect(at(new Date(NOW.getTime() - 7 * DAY - 60_000).toISOString())).not.toBeNull()
  })

  test('a supervisor who is not a fellow gets no returned or idle sections, whatever the data says', () => {
    const mail = composeDigest(
      supervisor({ returned: [{ id: 9, kind: 'sitter', occurredOn: '2026-01-01', decidedAt: ago(40) }], lastLoggedAt: ago(400) }),
      NOW,
      ORIGIN,
    )
    expect(mail).toBeNull()
  })
})

describe('fellows: returned records and idle logs', () => {
  test('a record returned 8 days ago and not resubmitted gets a section with a link to it', () => {
    const mail = composeDigest(fellow({ returned: [{ id: 42, kind: 'practicum', occurredOn: '2026-06-01', decidedAt: ago(8) }] }), NOW, ORIGIN)
    expect(mail).not.toBeNull()
    expect(mail!).toMatchObject({ userId: 2, to: 'avery@example.test' })
    expect(mail!.body).toContain('1 of your records was returned more than 7 days ago and not yet resubmitted:')
    expect(mail!.body).toContain(`  - practicum of Jun 1, 2026: ${ORIGIN}/hours/42`)
    expect(mail!.body).not.toContain('have not logged anything')
    expect(mail!.body).not.toContain('for your review')
  })

  test('a record returned 6 days ago is not mentioned', () => {
    expect(composeDigest(fellow({ returned: [{ id: 42, kind: 'practicum', occurredOn: '2026-06-01', decidedAt: ago(6) }] }), NOW, ORIGIN)).toBeNull()
  })

  test('several returned records are all listed', () => {
    const mail = composeDigest(
      fellow({
        returned: [
          { id: 1, kind: 'sitter', occurredOn: '2026-05-01', decidedAt: ago(30) },
          { id: 2, kind: 'experiential', occurredOn: '2026-05-20', decidedAt: ago(9) },
          { id: 3, kind: 'practicum', occurredOn: '2026-06-10', decidedAt: ago(3) },
        ],
      }),
      NOW,
      ORIGIN,
    )!
    expect(mail.body).toContain('2 of your records were returned more than 7 days ago')
    expect(mail.body).toContain(`${ORIGIN}/hours/1`)
    expect(mail.body).toContain(`${ORIGIN}/hours/2`)
    expect(mail.body).not.toContain(`${ORIGIN}/hours/3`)
  })

  test('a fellow who logged nothing for 31 days gets the idle section', () => {
    const mail = composeDigest(fellow({ lastLoggedAt: ago(31) }), NOW, ORIGIN)
    expect(mail).not.toBeNull()
    expect(mail!.body).toContain(`You have not logged anything for 30 days. Keeping your log current makes sign-off easy: ${ORIGIN}/hours/new`)
    expect(mail!.body).not.toContain('returned')
  })

  test('29 days is not idle', () => {
    expect(composeDigest(fellow({ lastLoggedAt: ago(29) }), NOW, ORIGIN)).toBeNull()
  })

  test('a fellow with no date at all counts as idle', () => {
    expect(composeDigest(fellow({ lastLoggedAt: null }), NOW, ORIGIN)?.body).toContain('You have not logged anything for 30 days.')
  })

  test('a fellow who also supervises gets every section that applies, in one mail', () => {
    const mail = composeDigest(
      fellow({
        waiting: [{ fellowName: 'Bianca', kind: 'sitter', occurredOn: '2026-05-30', submittedAt: ago(10) }],
        returned: [{ id: 5, kind: 'practicum', occurredOn: '2026-05-01', decidedAt: ago(12) }],
        lastLoggedAt: ago(45),
      }),
      NOW,
      ORIGIN,
    )!
    const review = mail.body.indexOf('for your review')
    const returned = mail.body.indexOf('returned more than 7 days ago')
    const idle = mail.body.indexOf('have not logged anything')
    expect(review).toBeGreaterThan(-1)
    expect(returned).toBeGreaterThan(review)
    expect(idle).toBeGreaterThan(returned)
    expect(mail.body.trimEnd().endsWith(`Turn these reminders off in your settings: ${ORIGIN}/settings/notifications`)).toBe(true)
  })
})

test('nothing to say: no mail at all', () => {
  expect(composeDigest(fellow(), NOW, ORIGIN)).toBeNull()
  expect(composeDigest(supervisor(), NOW, ORIGIN)).toBeNull()
  expect(
    composeDigest(
      fellow({
        waiting: [{ fellowName: 'F', kind: 'sitter', occurredOn: '2026-06-14', submittedAt: ago(1) }],
        returned: [{ id: 1, kind: 'sitter', occurredOn: '2026-06-14', decidedAt: ago(1) }],
        lastLoggedAt: ago(2),
      }),
      NOW,
      ORIGIN,
    ),
  ).toBeNull()
})

// Opting out is the job's query (users.digest_opt_out), tested against the database in tests/integration/evidence.test.ts.

describe('license expiry reminders', () => {
  const license = { supervisorId: 1, supervisorName: 'Dr. Maya Reyes', type: 'LMFT', number: '98765', expiresOn: '2026-08-14', daysLeft: 60 }

  test('on the reminder days only: 60, 30, 14, 7, 1 days before, and the day itself', () => {
    expect(LICENSE_REMINDER_DAYS).toEqual([60, 30, 14, 7, 1, 0])
  })

  test('the supervisor reads when it expires, what happens then and where to update it', () => {
    const mail = composeDigest(supervisor({ ownLicense: license }), NOW, ORIGIN)
    expect(mail?.body).toContain(
      'Your license (LMFT 98765) expires on Aug 14, 2026, in 60 days. After that you cannot approve records until the renewed license is entered and verified: https://kap.example/settings/license',
    )
  })

  test('staff read every license expiring, each with a link to the supervisor', () => {
    const mail = composeDigest(
      supervisor({ name: 'Sam Okafor', expiringLicenses: [license, { ...license, supervisorId: 9, supervisorName: 'Dr. Jonah Lee', daysLeft: 7 }] }),
      NOW,
      ORIGIN,
    )
    expect(mail?.body).toContain('2 supervisor licenses expire soon:')
    expect(mail?.body).toContain('  - Dr. Maya Reyes (LMFT 98765): Aug 14, 2026, in 60 days: https://kap.example/staff/people/1')
    expect(mail?.body).toContain('  - Dr. Jonah Lee (LMFT 98765): Aug 14, 2026, in 7 days: https://kap.example/staff/people/9')
  })
})
