import { sql } from 'kysely'
import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import { rolesOf, type SessionUser } from '#app/auth/session.server.ts'
import { db, nowIso, writeTransaction, type Database } from '#app/db.server.ts'
import { fail, type Failure } from '#app/utils/result.ts'

// Who supervises whom: every query and change of `supervisor_assignments` lives here, so
// "may this supervisor see this fellow" has one answer across hours, staff, dashboard and digest.

export async function isAssigned(supervisorId: number, fellowId: number, executor: Database = db) {
  const row = await executor
    .selectFrom('supervisor_assignments')
    .select('fellow_id')
    .where('supervisor_id', '=', supervisorId)
    .where('fellow_id', '=', fellowId)
    .executeTakeFirst()
  return !!row
}

/** Records of the fellows assigned to `supervisorId`: the base of the review queue and its counts. */
export function recordsOfAssignedFellows(supervisorId: number, executor: Database = db) {
  return executor.selectFrom('records').innerJoin('supervisor_assignments as a', 'a.fellow_id', 'records.fellow_id').where('a.supervisor_id', '=', supervisorId)
}

/** A fellow's supervisors; `activeOnly` for those who can still act (and be mailed). */
export async function supervisorsOfFellow(fellowId: number, { activeOnly = false } = {}, executor: Database = db) {
  let query = executor
    .selectFrom('supervisor_assignments as a')
    .innerJoin('users', 'users.id', 'a.supervisor_id')
    .select(['users.id', 'users.name', 'users.email', 'a.assigned_at'])
    .where('a.fellow_id', '=', fellowId)
    .orderBy('users.name')
  if (activeOnly) query = query.where('users.active', '=', 1)
  return query.execute()
}

export async function assignedFellows(supervisorId: number) {
  return db
    .selectFrom('supervisor_assignments as a')
    .innerJoin('users', 'users.id', 'a.fellow_id')
    .select(['users.id', 'users.name', 'users.email', 'users.active'])
    .where('a.supervisor_id', '=', supervisorId)
    .orderBy('users.name')
    .execute()
}

export async function countAssignedFellows(supervisorId: number) {
  const row = await db
    .selectFrom('supervisor_assignments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('supervisor_id', '=', supervisorId)
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/** Fellows nobody supervises yet: their records have nowhere to go. */
export async function countUnassignedFellows() {
  const row = await db
    .selectFrom('user_roles')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_roles.role', '=', 'fellow')
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('supervisor_assignments')
            .select(sql`1`.as('one'))
            .whereRef('supervisor_assignments.fellow_id', '=', 'user_roles.user_id'),
        ),
      ),
    )
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

export async function assignSupervisor(staff: SessionUser, fellowId: number, supervisorId: number, context: AuditContext): Promise<{ ok: true } | Failure> {
  if (fellowId === supervisorId) return fail('supervisorId', 'Nobody can supervise themselves.')
  return writeTransaction(async (trx) => {
    const [fellowRoles, supervisorRoles] = await Promise.all([rolesOf(fellowId, trx), rolesOf(supervisorId, trx)])
    if (!fellowRoles.includes('fellow')) return fail('supervisorId', 'Only fellows are assigned supervisors.')
    if (!supervisorRoles.includes('supervisor')) return fail('supervisorId', 'Choose someone with the supervisor role.')
    const supervisor = await trx.selectFrom('users').select('active').where('id', '=', supervisorId).executeTakeFirst()
    if (!supervisor?.active) return fail('supervisorId', 'This supervisor’s account is deactivated; choose an active supervisor.')
    const existing = await trx
      .selectFrom('supervisor_assignments')
      .select('fellow_id')
      .where('fellow_id', '=', fellowId)
      .where('supervisor_id', '=', supervisorId)
      .executeTakeFirst()
    if (existing) return fail('supervisorId', 'This supervisor is already assigned.')
    await trx
      .insertInto('supervisor_assignments')
      .values({ fellow_id: fellowId, supervisor_id: supervisorId, assigned_at: nowIso(), assigned_by: staff.id })
      .execute()
    await audit(context, { actorId: staff.id, action: 'supervisor.assign', subject: `user:${fellowId}`, detail: { supervisorId } }, trx)
    return { ok: true as const }
  })
}

/** The supervisor loses access to new submissions; decisions already made stay, with their snapshots. */
export async function unassignSupervisor(staff: SessionUser, fellowId: number, supervisorId: number, context: AuditContext): Promise<{ ok: true } | Failure> {
  return writeTransaction(async (trx) => {
    const removed = await trx
      .deleteFrom('supervisor_assignments')
      .where('fellow_id', '=', fellowId)
      .where('supervisor_id', '=', supervisorId)
      .executeTakeFirst()
    if (Number(removed.numDeletedRows) !== 1) return fail('supervisorId', 'This supervisor is not assigned to this fellow.')
    await audit(context, { actorId: staff.id, action: 'supervisor.unassign', subject: `user:${fellowId}`, detail: { supervisorId } }, trx)
    return { ok: true as const }
  })
}
