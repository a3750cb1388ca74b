import { describe, expect, test } from 'vitest'
import { changeBlocker } from './rules.ts'

const item = { ownerId: 1, startsAt: '2026-12-01T17:00:00.000Z', cancelledAt: null, recordId: null }
const before = new Date('2026-12-01T16:59:59.000Z')

describe('changing a planned item', () => {
  test('the owner may, until it starts', () => {
    expect(changeBlocker(item, 1, before)).toBeNull()
    expect(changeBlocker(item, 1, new Date('2026-12-01T17:00:00.000Z'))).toMatch(/already started/)
  })
  test('nobody else may, and is told nothing about it', () => {
    expect(changeBlocker(item, 2, before)).toBe('not-found')
  })
  test('not once cancelled or made a record', () => {
    expect(changeBlocker({ ...item, cancelledAt: '2026-11-30T00:00:00.000Z' }, 1, before)).toMatch(/cancelled/)
    expect(changeBlocker({ ...item, recordId: 9 }, 1, before)).toMatch(/draft record/)
  })
})
