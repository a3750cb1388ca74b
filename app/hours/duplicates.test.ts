import { describe, expect, test } from 'vitest'
import { isPossibleDuplicate, possibleDuplicateMessage, sessionFactsOf, type SessionFacts } from './duplicates.ts'

const sitter: SessionFacts = { kind: 'sitter', occurredOn: '2026-01-10', subject: 'P-0042' }

describe('isPossibleDuplicate', () => {
  test('same kind, same day, same participant: a possible duplicate, either way round', () => {
    expect(isPossibleDuplicate(sitter, { ...sitter })).toBe(true)
    expect(isPossibleDuplicate({ ...sitter, subject: 'p-0042 ' }, sitter)).toBe(true)
  })

  test.each([
    ['another day', { occurredOn: '2026-01-11' }],
    ['another participant', { subject: 'P-0043' }],
    ['another kind', { kind: 'practicum' as const }],
  ])('%s is a different session', (_, change) => {
    expect(isPossibleDuplicate(sitter, { ...sitter, ...change })).toBe(false)
  })

  test('experiential sessions (no one else involved) on the same day; supervision with the same supervisor', () => {
    const own: SessionFacts = { kind: 'experiential', occurredOn: '2026-01-10', subject: null }
    expect(isPossibleDuplicate(own, { ...own })).toBe(true)
    const sup: SessionFacts = { kind: 'supervision', occurredOn: '2026-01-10', subject: 'Dr. Maya Reyes' }
    expect(isPossibleDuplicate(sup, { ...sup, subject: 'dr.  maya reyes' })).toBe(true)
    expect(isPossibleDuplicate(sup, { ...sup, subject: 'Dr. Jonah Lee' })).toBe(false)
  })

  test('once both records have times, only overlapping times count', () => {
    const morning = { ...sitter, startsAt: '09:00', endsAt: '11:00' }
    expect(isPossibleDuplicate(morning, { ...sitter, startsAt: '10:30', endsAt: '12:00' })).toBe(true)
    expect(isPossibleDuplicate(morning, { ...sitter, startsAt: '11:00', endsAt: '13:00' })).toBe(false)
    expect(isPossibleDuplicate(morning, { ...sitter, startsAt: '14:00', endsAt: '16:00' })).toBe(false)
    // One record without times: the same day still counts.
    expect(isPossibleDuplicate(morning, sitter)).toBe(true)
  })
})

describe('sessionFactsOf', () => {
  test('the subject is the code, or the supervisor’s name, or none', () => {
    const row = { kind: 'sitter' as const, occurred_on: '2026-01-10', participant_code: 'P-0042', client_code: null, supervisor_name: null }
    expect(sessionFactsOf(row)).toEqual({ kind: 'sitter', occurredOn: '2026-01-10', subject: 'P-0042' })
    expect(sessionFactsOf({ ...row, kind: 'practicum', participant_code: null, client_code: 'C-0042' }).subject).toBe('C-0042')
    expect(sessionFactsOf({ ...row, kind: 'experiential', participant_code: null }).subject).toBeNull()
  })
})

describe('possibleDuplicateMessage', () => {
  test('names the day, with whom, each match’s status and the box to tick', () => {
    expect(possibleDuplicateMessage([{ kind: 'sitter', occurred_on: '2026-01-10', status: 'submitted' }])).toBe(
      'This may be a duplicate: you already have a sitter session record on Jan 10, 2026 with the same participant (submitted). ' +
        'If this is another session, tick “Yes, this is a different session” and save again.',
    )
    expect(
      possibleDuplicateMessage([
        { kind: 'experiential', occurred_on: '2026-01-10', status: 'draft' },
        { kind: 'experiential', occurred_on: '2026-01-10', status: 'approved' },
      ]),
    ).toMatch(/^This may be a duplicate: you already have 2 experiential session records on Jan 10, 2026 \(draft, approved\)\./)
    expect(possibleDuplicateMessage([{ kind: 'experiential', occurred_on: '2026-01-10', status: 'draft' }])).toMatch(
      /you already have an experiential session record on/,
    )
  })
})
