import type { Role } from '#db/schema.ts'

/**
 * Who may do what, as data (`action:entity:scope`). `own` = the person's own
 * things, `assigned` = fellows assigned to the supervisor, `any` = everyone's.
 * The server checks with `requirePermission`; the UI hides what `can` denies.
 */
export const PERMISSIONS = {
  'curriculum:study:own': ['trainee', 'fellow', 'supervisor', 'staff'],
  'record:log:own': ['fellow'],
  'record:decide:assigned': ['supervisor'],
  'record:read:any': ['staff'],
  'record:amend:any': ['staff'],
  'people:manage:any': ['staff'],
  'cohorts:manage:any': ['staff'],
  'audit:read:any': ['staff'],
  'outbox:read:any': ['staff'],
  'certificate:issue:any': ['staff'],
  'report:export:any': ['staff'],
  'document:read:assigned': ['supervisor'],
  'document:read:any': ['staff'],
} as const satisfies Record<string, readonly Role[]>

export type Permission = keyof typeof PERMISSIONS

export function can(user: { roles: readonly Role[] } | null | undefined, permission: Permission) {
  if (!user) return false
  const allowed: readonly Role[] = PERMISSIONS[permission]
  return user.roles.some((role) => allowed.includes(role))
}

export function hasRole(user: { roles: readonly Role[] } | null | undefined, role: Role) {
  return !!user?.roles.includes(role)
}
