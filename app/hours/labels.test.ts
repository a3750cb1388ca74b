import { describe, expect, test } from 'vitest'
import { categoryOf } from './labels.ts'

const none = {
  supervision_type: null,
  supervision_format: null,
  group_size: null,
  practicum_contact: null,
  started_at: null,
  ended_at: null,
  co_sitter_id: null,
  co_sitter_confirmed_at: null,
}

describe('a record’s board category in words', () => {
  test('supervision and consultation, with a group’s size', () => {
    expect(categoryOf({ ...none, kind: 'supervision', supervision_type: 'supervision', supervision_format: 'group', group_size: 6 })).toBe(
      'Supervision, group of 6',
    )
    expect(categoryOf({ ...none, kind: 'supervision', supervision_type: 'consultation', supervision_format: 'individual' })).toBe('Consultation, individual')
    // Logged before the two were told apart.
    expect(categoryOf({ ...none, kind: 'supervision', supervision_format: 'individual' })).toBe('Supervision or consultation not told apart, individual')
  })

  test('practicum contact, and a sitter session’s times and confirmation', () => {
    expect(categoryOf({ ...none, kind: 'practicum', practicum_contact: 'direct' })).toBe('Direct client contact')
    expect(categoryOf({ ...none, kind: 'practicum' })).toBe('Client contact not recorded')
    expect(
      categoryOf({ ...none, kind: 'sitter', started_at: '22:30', ended_at: '01:00', co_sitter_id: 4, co_sitter_confirmed_at: '2026-11-02T08:00:00Z' }),
    ).toBe('22:30–01:00, confirmed by the other sitter')
    expect(categoryOf({ ...none, kind: 'sitter', started_at: '09:00', ended_at: '11:00', co_sitter_id: 4 })).toBe(
      '09:00–11:00, not yet confirmed by the other sitter',
    )
    expect(categoryOf({ ...none, kind: 'sitter' })).toBe('times not recorded, no other sitter')
    expect(categoryOf({ ...none, kind: 'experiential' })).toBeNull()
  })
})
