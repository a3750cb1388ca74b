import { describe, expect, test } from 'vitest'
import { passwordNeeded, signatureMatches, signedContentText, type SignedContent } from './signature.ts'

describe('a fresh sign-in', () => {
  const signedIn = '2026-11-28T09:00:00.000Z'
  test('30 minutes after proving who you are, no password is asked; a minute more, it is', () => {
    expect(passwordNeeded(signedIn, new Date('2026-11-28T09:30:00.000Z'))).toBe(false)
    expect(passwordNeeded(signedIn, new Date('2026-11-28T09:30:01.000Z'))).toBe(true)
  })
})

describe('the typed signature', () => {
  test('matches the name whatever the case, spacing, dots or a leading Dr', () => {
    expect(signatureMatches('maya  reyes', 'Dr. Maya Reyes')).toBe(true)
    expect(signatureMatches('Dr Maya Reyes', 'Dr. Maya Reyes')).toBe(true)
    expect(signatureMatches('Zoë Ångström', 'ZOË ÅNGSTRÖM')).toBe(true)
  })

  test('does not match another name, initials, or nothing', () => {
    expect(signatureMatches('Maya Rayes', 'Dr. Maya Reyes')).toBe(false)
    expect(signatureMatches('MR', 'Dr. Maya Reyes')).toBe(false)
    expect(signatureMatches('Maya', 'Dr. Maya Reyes')).toBe(false)
    expect(signatureMatches('   ', 'Dr. Maya Reyes')).toBe(false)
  })
})

describe('what the signature covers', () => {
  const record: SignedContent = {
    id: 7,
    fellow_id: 3,
    kind: 'sitter',
    occurred_on: '2026-11-20',
    minutes: 120,
    setting: 'in_person',
    route: null,
    medical_team: null,
    preparation_notes: null,
    integration_notes: null,
    participant_code: 'P-0042',
    sitter_role: 'lead',
    phase: null,
    client_code: null,
    supervision_format: null,
    supervisor_name: null,
    notes: 'Held silence.',
    supervision_type: null,
    group_size: null,
    practicum_contact: null,
    started_at: '19:00',
    ended_at: '21:00',
    co_sitter_id: 12,
  }
  test('the same content gives the same text; any changed field changes it', () => {
    expect(signedContentText({ ...record })).toBe(signedContentText(record))
    expect(signedContentText({ ...record, minutes: 135 })).not.toBe(signedContentText(record))
    expect(signedContentText({ ...record, notes: 'Held silence. ' })).not.toBe(signedContentText(record))
    expect(signedContentText({ ...record, ended_at: '21:15' })).not.toBe(signedContentText(record))
    expect(signedContentText({ ...record, co_sitter_id: 13 })).not.toBe(signedContentText(record))
  })

  test('a record signed before the board categories existed hashes exactly as it did then', () => {
    const before = { ...record, started_at: null, ended_at: null, co_sitter_id: null }
    expect(signedContentText(before)).toBe(
      '[7,3,"sitter","2026-11-20",120,"in_person",null,null,null,null,"P-0042","lead",null,null,null,null,"Held silence."]',
    )
  })
})
