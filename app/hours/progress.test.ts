import { describe, expect, test } from 'vitest'
import type { RecordKind, RecordStatus } from '#db/schema.ts'
import { tallyRecords, type CountableRecord } from './progress.ts'

const r = (kind: RecordKind, status: RecordStatus, minutes = 60): CountableRecord => ({ kind, status, minutes })
const zero = { approved: 0, pending: 0, approvedMinutes: 0, pendingMinutes: 0 }

describe('tallyRecords', () => {
  test('no records: every kind at zero', () => {
    expect(tallyRecords([])).toEqual({ experiential: zero, sitter: zero, practicum: zero, supervision: zero })
  })

  test('only approved records count; their minutes are summed', () => {
    const tally = tallyRecords([r('experiential', 'approved', 150), r('experiential', 'approved', 120), r('practicum', 'approved', 45)])
    expect(tally.experiential).toEqual({ approved: 2, pending: 0, approvedMinutes: 270, pendingMinutes: 0 })
    expect(tally.practicum).toEqual({ approved: 1, pending: 0, approvedMinutes: 45, pendingMinutes: 0 })
    expect(tally.sitter).toEqual(zero)
    expect(tally.supervision).toEqual(zero)
  })

  test('submitted records are pending, never approved', () => {
    const tally = tallyRecords([r('sitter', 'submitted', 90), r('sitter', 'submitted', 100), r('sitter', 'approved', 180)])
    expect(tally.sitter).toEqual({ approved: 1, pending: 2, approvedMinutes: 180, pendingMinutes: 190 })
  })

  test('drafts and returned records count nowhere', () => {
    const tally = tallyRecords([
      r('experiential', 'draft', 120),
      r('experiential', 'returned', 120),
      r('sitter', 'draft', 60),
      r('practicum', 'returned', 600),
      r('supervision', 'draft', 15),
    ])
    expect(tally).toEqual({ experiential: zero, sitter: zero, practicum: zero, supervision: zero })
  })

  test('a mixed list: each kind tallied on its own', () => {
    const tally = tallyRecords([
      r('experiential', 'approved', 150),
      r('experiential', 'submitted', 120),
      r('experiential', 'draft', 90),
      r('sitter', 'returned', 100),
      r('sitter', 'approved', 200),
      r('practicum', 'approved', 30),
      r('practicum', 'approved', 45),
      r('practicum', 'submitted', 15),
      r('supervision', 'submitted', 60),
      r('supervision', 'returned', 60),
    ])
    expect(tally).toEqual({
      experiential: { approved: 1, pending: 1, approvedMinutes: 150, pendingMinutes: 120 },
      sitter: { approved: 1, pending: 0, approvedMinutes: 200, pendingMinutes: 0 },
      practicum: { approved: 2, pending: 1, approvedMinutes: 75, pendingMinutes: 15 },
      supervision: { approved: 0, pending: 1, approvedMinutes: 0, pendingMinutes: 60 },
    })
  })

  test('a fresh tally each call (no shared state between fellows)', () => {
    tallyRecords([r('sitter', 'approved', 100)])
    expect(tallyRecords([]).sitter).toEqual(zero)
  })
})
