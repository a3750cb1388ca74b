import type { Role } from '#db/schema.ts'
import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import { invalidateUserSessions, rolesOf } from '#app/auth/session.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { db, nowIso, writeTransaction, type Database } from '#app/db.server.ts'
import { storeDocument, type Upload } from '#app/documents/documents.server.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
import { containsPattern, likeIgnoringCase } from '#app/utils/search.server.ts'
import { fail, type Failure } from '#app/utils/result.ts'
import { isSameClearance } from '#app/hours/rules.ts'
import { formatDate } from '#app/utils/format.ts'
import { todayOf } from '#app/utils/time-zone.server.ts'
import { holdsRole } from '#app/auth/roles.server.ts'

type Result = { ok: true } | Failure

export function peopleQuery({ q, role, page }: { q: string; role: Role | null; page: number }) {
  let query = db
    .selectFrom('users')
    .select(['users.id', 'users.name', 'users.email', 'users.active'])
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
  if (q) {
    const pattern = containsPattern(q)
    query = query.where((eb) => eb.or([likeIgnoringCase('users.name', pattern), likeIgnoringCase('users.email', pattern)]))
  }
  if (role) {
    query = query.where((eb) => holdsRole(eb, role))
  }
  return query
}

/** A page of people, each with their roles in the program's order ("fellow, supervisor"). */
export async function searchPeople(filters: Parameters<typeof peopleQuery>[0]) {
  const people = await peopleQuery(filters).execute()
  if (!people.length) return []
  const held = await db
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.name', 'user_roles.role')
    .select(['user_roles.user_id', 'user_roles.role'])
    .where(
      'user_roles.user_id',
      'in',
      people.map((p) => p.id),
    )
    .orderBy('roles.position')
    .execute()
  return people.map((person) => ({
    ...person,
    roles: held
      .filter((r) => r.user_id === person.id)
      .map((r) => r.role)
      .join(', '),
  }))
}

export async function getPerson(id: number) {
  const person = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'active', 'created_at', 'license_type', 'license_number', 'license_state', 'time_zone'])
    .where('id', '=', id)
    .executeTakeFirst()
  if (!person) return null
  return { ...person, roles: await rolesOf(id) }
}

function activeWithRole(role: Role, executor: Database) {
  return executor
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'users.name', 'users.email'])
    .where('user_roles.role', '=', role)
    .where('users.active', '=', 1)
}

/** Active people holding `role`, by name: the supervisors to choose from, the staff to contact. */
export async function activePeopleWithRole(role: Role, executor: Database = db) {
  return activeWithRole(role, executor).orderBy('users.name').orderBy('users.id').execute()
}

/** The active holder of `role` with the oldest account: one person, the same every time, however many join later. */
export async function longestStandingWithRole(role: Role, executor: Database = db) {
  return activeWithRole(role, executor).orderBy('users.id').limit(1).executeTakeFirst()
}

export async function cohortsOf(userId: number) {
  return db
    .selectFrom('cohort_members')
    .innerJoin('cohorts', 'cohorts.id', 'cohort_members.cohort_id')
    .select(['cohorts.id', 'cohorts.name', 'cohorts.starts_on'])
    .where('cohort_members.user_id', '=', userId)
    .orderBy('cohorts.starts_on', 'desc')
    .execute()
}

export async function setRoles(staff: SessionUser, userId: number, roles: Role[], context: AuditContext): Promise<Result> {
  if (userId === staff.id && !roles.includes('staff')) {
    return fail('roles', 'You cannot remove your own staff role; ask another staff member.')
  }
  return writeTransaction(async (trx) => {
    const before = await rolesOf(userId, trx)
    await trx.deleteFrom('user_roles').where('user_id', '=', userId).execute()
    await trx
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: userId, role })))
      .execute()
    await audit(context, { actorId: staff.id, action: 'user.roles', subject: `user:${userId}`, detail: { before, after: roles } }, trx)
    return { ok: true as const }
  })
}

/** Deactivation ends every session at once and keeps every record. */
export async function setActive(staff: SessionUser, userId: number, active: boolean, context: AuditContext): Promise<Result> {
  if (userId === staff.id && !active) return fail('form', 'You cannot deactivate your own account.')
  return writeTransaction(async (trx) => {
    await trx
      .updateTable('users')
      .set({ active: active ? 1 : 0 })
      .where('id', '=', userId)
      .execute()
    if (!active) await invalidateUserSessions(userId, { executor: trx })
    await audit(context, { actorId: staff.id, action: active ? 'user.reactivate' : 'user.deactivate', subject: `user:${userId}` }, trx)
    return { ok: true as const }
  })
}

export async function recordClearance(
  staff: SessionUser,
  fellowId: number,
  input: { grantedOn: string; expiresOn: string; clinician: string },
  context: AuditContext,
  /** The clinician's letter, already read and checked (readUpload): stored with the clearance or not at all. */
  letter?: Upload,
): Promise<Result> {
  return writeTransaction(async (trx) => {
    const roles = await rolesOf(fellowId, trx)
    if (!roles.includes('fellow')) return fail('form', 'Medical clearances are recorded for fellows only.')
    const onFile = await trx
      .selectFrom('medical_clearances')
      .select(['granted_on', 'expires_on', 'ended_on', 'clinician'])
      .where('fellow_id', '=', fellowId)
      .where('granted_on', '=', input.grantedOn)
      .execute()
    if (onFile.some((c) => isSameClearance({ grantedOn: c.granted_on, expiresOn: c.expires_on, endedOn: c.ended_on, clinician: c.clinician }, input))) {
      return fail(
        'grantedOn',
        `This clearance is already on file (${formatDate(input.grantedOn)} – ${formatDate(input.expiresOn)}, ${input.clinician}). Nothing was added.`,
      )
    }
    const { id } = await trx
      .insertInto('medical_clearances')
      .values({
        fellow_id: fellowId,
        granted_on: input.grantedOn,
        expires_on: input.expiresOn,
        clinician: input.clinician,
        recorded_by: staff.id,
        recorded_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(context, { actorId: staff.id, action: 'clearance.record', subject: `user:${fellowId}`, detail: { clearance: id, ...input } }, trx)
    if (letter) await storeDocument(trx, letter, { kind: 'clearance_letter', ownerId: fellowId, clearanceId: id }, staff, context)
    return { ok: true as const }
  })
}

/** Ends a clearance from the fellow's today (in their zone); sessions already covered keep counting. */
export async function endClearance(staff: SessionUser, fellowId: number, clearanceId: number, reason: string, context: AuditContext): Promise<Result> {
  return writeTransaction(async (trx) => {
    const fellow = await trx.selectFrom('users').select('time_zone').where('id', '=', fellowId).executeTakeFirst()
    const today = todayOf({ timeZone: fellow?.time_zone })
    const updated = await trx
      .updateTable('medical_clearances')
      .set({ ended_on: today, ended_by: staff.id, end_reason: reason })
      .where('id', '=', clearanceId)
      .where('fellow_id', '=', fellowId)
      .where('ended_on', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) return fail('form', 'That clearance does not exist or has already ended.')
    await audit(context, { actorId: staff.id, action: 'clearance.end', subject: `user:${fellowId}`, detail: { clearance: clearanceId, reason } }, trx)
    return { ok: true as const }
  })
}
