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

  test('a record is dated by its start: 00:30–02:00 on the same date is that morning, before 22:30–01:00, not the small hours it runs into', () => {
    const lateNight = { ...sitter, startsAt: '22:30', endsAt: '01:00' }
    expect(isPossibleDuplicate(lateNight, { ...sitter, startsAt: '00:30', endsAt: '02:00' })).toBe(false)
    expect(isPossibleDuplicate({ ...sitter, startsAt: '00:30', endsAt: '02:00' }, lateNight)).toBe(false)
    // Another session that also began that evening and ran past midnight does overlap it.
    expect(isPossibleDuplicate({ ...sitter, startsAt: '23:30', endsAt: '02:00' }, lateNight)).toBe(true)
  })

  test('sessions past midnight overlap by the clock: an end before the start is the next day', () => {
    const lateNight = { ...sitter, startsAt: '22:30', endsAt: '01:00' }
    expect(isPossibleDuplicate(lateNight, { ...sitter, startsAt: '23:00', endsAt: '00:30' })).toBe(true)
    expect(isPossibleDuplicate(lateNight, { ...sitter, startsAt: '20:00', endsAt: '23:00' })).toBe(true)
    // Back to back across midnight is two sessions, either way round.
    const evening = { ...sitter, startsAt: '22:00', endsAt: '23:00' }
    expect(isPossibleDuplicate(evening, { ...sitter, startsAt: '23:00', endsAt: '01:00' })).toBe(false)
    expect(isPossibleDuplicate({ ...sitter, startsAt: '23:00', endsAt: '01:00' }, evening)).toBe(false)
    expect(isPossibleDuplicate(lateNight, { ...sitter, startsAt: '01:00', endsAt: '03:00' })).toBe(false)
    expect(isPossibleDuplicate(lateNight, { ...sitter, startsAt: '18:00', endsAt: '22:30' })).toBe(false)
  })
})

describe('sessionFactsOf', () => {
  test('the subject is the code, or the supervisor’s name, or none', () => {
    const row = { kind: 'sitter' as const, occurred_on: '2026-01-10', participant_code: 'P-0042', client_code: null, supervisor_name: null }
    expect(sessionFactsOf(row)).toEqual({ kind: 'sitter', occurredOn: '2026-01-10', subject: 'P-0042', startsAt: null, endsAt: null })
    expect(sessionFactsOf({ ...row, kind: 'practicum', participant_code: null, client_code: 'C-0042' }).subject).toBe('C-0042')
    expect(sessionFactsOf({ ...row, kind: 'experiential', participant_code: null }).subject).toBeNull()
  })

  test('a sitter record’s clock times are its start and end', () => {
    const row = { kind: 'sitter' as const, occurred_on: '2026-01-10', participant_code: 'P-0042', client_code: null, supervisor_name: null }
    expect(sessionFactsOf({ ...row, started_at: '22:30', ended_at: '01:00' })).toMatchObject({ startsAt: '22:30', endsAt: '01:00' })
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
