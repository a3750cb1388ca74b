import { describe, expect, test } from 'vitest'
import { commentSchema, commentStanding } from './comments.ts'

describe('commentStanding', () => {
  const record = { fellowId: 7, status: 'submitted' as const }
  test('the fellow and an assigned supervisor may comment', () => {
    expect(commentStanding({ id: 7, isSupervisor: false }, record, false)).toEqual({ may: true, role: 'fellow' })
    expect(commentStanding({ id: 9, isSupervisor: true }, record, true)).toEqual({ may: true, role: 'supervisor' })
  })
  test('an unassigned supervisor, another fellow and staff may not', () => {
    expect(commentStanding({ id: 9, isSupervisor: true }, record, false).may).toBe(false)
    expect(commentStanding({ id: 8, isSupervisor: false }, record, false).may).toBe(false)
  })
  test('no thread on a draft', () => {
    expect(commentStanding({ id: 7, isSupervisor: false }, { fellowId: 7, status: 'draft' }, false)).toMatchObject({ may: false, role: 'fellow' })
  })
})

test('a comment is required, at most 2,000 characters, without contact details', () => {
  expect(commentSchema.safeParse({ intent: 'comment', body: '  ' }).success).toBe(false)
  expect(commentSchema.safeParse({ intent: 'comment', body: 'x'.repeat(2001) }).success).toBe(false)
  expect(commentSchema.safeParse({ intent: 'comment', body: 'Write to me at a@b.org' }).success).toBe(false)
  expect(commentSchema.safeParse({ intent: 'comment', body: 'x'.repeat(2000) }).success).toBe(true)
})
