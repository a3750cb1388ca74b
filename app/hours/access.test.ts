import { describe, expect, test } from 'vitest'
import type { RecordStatus, Role } from '#db/schema.ts'
import { recordVisibility } from './access.ts'

const FELLOW = 10
const SUPERVISOR = 20
const OTHER_SUPERVISOR = 21
const STAFF = 30
const OTHER_FELLOW = 11

const viewer = (id: number, ...roles: Role[]) => ({ id, roles })
const record = (status: RecordStatus, decidedBy: number | null = null) => ({ fellowId: FELLOW, decidedBy, status })
const STATUSES: RecordStatus[] = ['draft', 'submitted', 'approved', 'returned']

describe('recordVisibility', () => {
  test.each(STATUSES)('the owner sees their own %s record', (status) => {
    expect(recordVisibility(viewer(FELLOW, 'trainee', 'fellow'), record(status), false)).toBe('owner')
  })

  test.each(STATUSES)('staff see any %s record, drafts included', (status) => {
    expect(recordVisibility(viewer(STAFF, 'staff'), record(status), false)).toBe('staff')
  })

  test.each(['submitted', 'approved', 'returned'] as const)('an assigned supervisor sees a %s record', (status) => {
    expect(recordVisibility(viewer(SUPERVISOR, 'supervisor'), record(status), true)).toBe('supervisor')
  })

  test('a supervisor who decided the record but is no longer assigned still sees it', () => {
    expect(recordVisibility(viewer(SUPERVISOR, 'supervisor'), record('approved', SUPERVISOR), false)).toBe('supervisor')
    expect(recordVisibility(viewer(SUPERVISOR, 'supervisor'), record('returned', SUPERVISOR), false)).toBe('supervisor')
  })

  test.each(STATUSES)('an unassigned supervisor is refused (403) on a %s record', (status) => {
    expect(recordVisibility(viewer(OTHER_SUPERVISOR, 'supervisor'), record(status), false)).toBe('forbidden')
    // Someone else having decided it does not let them in either.
    expect(recordVisibility(viewer(OTHER_SUPERVISOR, 'supervisor'), record(status, SUPERVISOR), false)).toBe('forbidden')
  })

  test.each(STATUSES)('another fellow is told a %s record does not exist (404)', (status) => {
    expect(recordVisibility(viewer(OTHER_FELLOW, 'trainee', 'fellow'), record(status), false)).toBe('hidden')
    expect(recordVisibility(viewer(OTHER_FELLOW, 'trainee'), record(status), false)).toBe('hidden')
    expect(recordVisibility(viewer(OTHER_FELLOW), record(status), false)).toBe('hidden')
  })

  test('a draft is hidden from the assigned supervisor and from one who decided an earlier round', () => {
    expect(recordVisibility(viewer(SUPERVISOR, 'supervisor'), record('draft'), true)).toBe('hidden')
    expect(recordVisibility(viewer(SUPERVISOR, 'supervisor'), record('draft', SUPERVISOR), false)).toBe('hidden')
  })

  test('a supervisor who is also a fellow sees their own records as owner', () => {
    expect(recordVisibility(viewer(FELLOW, 'fellow', 'supervisor'), record('submitted'), true)).toBe('owner')
  })

  test('a staff member who is also a supervisor keeps staff access, assigned or not', () => {
    expect(recordVisibility(viewer(STAFF, 'supervisor', 'staff'), record('draft'), false)).toBe('staff')
  })
})
