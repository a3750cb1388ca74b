import { describe, expect, test } from 'vitest'
import { can, hasRole, PERMISSIONS } from './permissions.ts'

describe('role guard rules', () => {
  test('each role gets exactly its permissions', () => {
    expect(can({ roles: ['fellow'] }, 'record:log:own')).toBe(true)
    expect(can({ roles: ['trainee'] }, 'record:log:own')).toBe(false)
    expect(can({ roles: ['supervisor'] }, 'record:decide:assigned')).toBe(true)
    expect(can({ roles: ['fellow'] }, 'record:decide:assigned')).toBe(false)
    expect(can({ roles: ['staff'] }, 'people:manage:any')).toBe(true)
    expect(can({ roles: ['supervisor', 'fellow', 'trainee'] }, 'people:manage:any')).toBe(false)
  })

  test('the audit log, the outbox and cohorts each have their own permission, held by staff alone', () => {
    for (const permission of ['audit:read:any', 'outbox:read:any', 'cohorts:manage:any'] as const) {
      expect(PERMISSIONS[permission], permission).toEqual(['staff'])
      expect(can({ roles: ['staff'] }, permission), permission).toBe(true)
      expect(can({ roles: ['supervisor', 'fellow', 'trainee'] }, permission), permission).toBe(false)
    }
  })

  test('several roles add up', () => {
    const person = { roles: ['staff', 'supervisor'] as const }
    expect(can({ roles: [...person.roles] }, 'record:decide:assigned')).toBe(true)
    expect(can({ roles: [...person.roles] }, 'certificate:issue:any')).toBe(true)
  })

  test('nobody signed out can do anything', () => {
    for (const permission of Object.keys(PERMISSIONS) as (keyof typeof PERMISSIONS)[]) {
      expect(can(null, permission)).toBe(false)
    }
    expect(hasRole(null, 'staff')).toBe(false)
  })
})
