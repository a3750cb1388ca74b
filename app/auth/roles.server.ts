import type { ExpressionBuilder } from 'kysely'
import type { DB, Role } from '#db/schema.ts'

/**
 * Whether the `users` row in scope holds `role` (or any of `role`s): an EXISTS over user_roles,
 * for a where clause or, with `.as(…)`, a select.
 */
export function holdsRole(eb: ExpressionBuilder<DB, 'users'>, role: Role | readonly Role[]) {
  const roles = typeof role === 'string' ? [role] : [...role]
  return eb.exists(
    eb.selectFrom('user_roles').select('user_roles.user_id').whereRef('user_roles.user_id', '=', 'users.id').where('user_roles.role', 'in', roles),
  )
}
