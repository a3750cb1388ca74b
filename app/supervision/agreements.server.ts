import { sql } from 'kysely'
import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { db, nowIso, writeTransaction, type Database } from '#app/db.server.ts'
import { fail, refusalOf, refuseWith, type Failure } from '#app/utils/result.ts'
import { agreementContentSha256, getAgreementTemplate } from './agreements-content.server.ts'
import { agreementGateMessage, agreementStatus, isFullySigned, signBlocker, type AgreementAnswers, type Party } from './agreements.ts'
import { isAssigned, supervisorsOfFellow } from './assignments.server.ts'
import { evaluationsOfFellow } from './evaluations.server.ts'

// Learning agreements: the rows, and the gate they put on practicum records (the content file: agreements-content.server.ts).

export { getAgreementTemplate }

export type AgreementRow = Awaited<ReturnType<typeof agreementOf>>

export async function agreementOf(fellowId: number, supervisorId: number, executor: Database = db) {
  return executor.selectFrom('learning_agreements').selectAll().where('fellow_id', '=', fellowId).where('supervisor_id', '=', supervisorId).executeTakeFirst()
}

const stateOf = (row: NonNullable<AgreementRow>) => ({
  answers: JSON.parse(row.answers) as AgreementAnswers,
  fellowSignedAt: row.fellow_signed_at,
  supervisorSignedAt: row.supervisor_signed_at,
})

export function parseAnswers(row: NonNullable<AgreementRow>): AgreementAnswers {
  return JSON.parse(row.answers) as AgreementAnswers
}

/**
 * The pair an agreement page is about: both people, whether they are (still) assigned, and the agreement.
 * Null when there is no such pair: the supervisor is not assigned to the fellow and no agreement was ever made.
 */
export async function agreementPair(fellowId: number, supervisorId: number) {
  const [fellow, supervisor, assignment, agreement] = await Promise.all([
    db.selectFrom('users').select(['id', 'name']).where('id', '=', fellowId).executeTakeFirst(),
    db.selectFrom('users').select(['id', 'name']).where('id', '=', supervisorId).executeTakeFirst(),
    db
      .selectFrom('supervisor_assignments')
      .select('assigned_at')
      .where('fellow_id', '=', fellowId)
      .where('supervisor_id', '=', supervisorId)
      .executeTakeFirst(),
    agreementOf(fellowId, supervisorId),
  ])
  if (!fellow || !supervisor || (!assignment && !agreement)) return null
  return { fellow, supervisor, assigned: !!assignment, agreement: agreement ?? null }
}

/** Who the asking person is in the pair: a party to it, staff (reading only), or nobody. */
export function roleInPair(user: SessionUser, pair: { fellow: { id: number }; supervisor: { id: number } }): Party | 'staff' | null {
  if (user.id === pair.fellow.id && user.roles.includes('fellow')) return 'fellow'
  if (user.id === pair.supervisor.id && user.roles.includes('supervisor')) return 'supervisor'
  if (user.roles.includes('staff')) return 'staff'
  return null
}

/** A fellow's agreement with each assigned supervisor, for the dashboard and the staff page. */
export async function agreementsOfFellow(fellowId: number, executor: Database = db) {
  const [supervisors, rows] = await Promise.all([
    supervisorsOfFellow(fellowId, {}, executor),
    executor
      .selectFrom('learning_agreements')
      .select(['supervisor_id', 'fellow_signed_at', 'supervisor_signed_at', 'updated_at'])
      .where('fellow_id', '=', fellowId)
      .execute(),
  ])
  const bySupervisor = new Map(rows.map((r) => [r.supervisor_id, r]))
  return supervisors.map((s) => {
    const row = bySupervisor.get(s.id)
    const state = row ? { fellowSignedAt: row.fellow_signed_at, supervisorSignedAt: row.supervisor_signed_at } : null
    return {
      supervisorId: s.id,
      supervisorName: s.name,
      status: agreementStatus(state),
      signed: isFullySigned(state),
      href: `/agreements/${fellowId}/${s.id}`,
    }
  })
}

/**
 * The gate on practicum records: they reach the fellow's supervisors (all of them: one queue per
 * supervisor, every assigned supervisor sees the fellow's records) only once the agreement with
 * each active assigned supervisor is signed by both. Returns the refusal, or null.
 */
export async function practicumAgreementGate(trx: Database, fellowId: number, occurredOn: string): Promise<Failure | null> {
  const supervisors = await supervisorsOfFellow(fellowId, { activeOnly: true }, trx)
  if (!supervisors.length) return null
  const signed = await trx
    .selectFrom('learning_agreements')
    .select('supervisor_id')
    .where('fellow_id', '=', fellowId)
    .where('fellow_signed_at', 'is not', null)
    .where('supervisor_signed_at', 'is not', null)
    .execute()
  const signedBy = new Set(signed.map((r) => r.supervisor_id))
  const missing = supervisors.filter((s) => !signedBy.has(s.id)).map((s) => s.name)
  return missing.length ? fail('form', agreementGateMessage(occurredOn, missing)) : null
}

type Outcome = { ok: true; clearedSignatures: boolean } | Failure

/** Saves the answers (a new agreement when `version` is 0). An edit after one signature clears it: both sign what both read. */
export async function saveAgreement(
  user: SessionUser,
  pair: { fellow: { id: number }; supervisor: { id: number }; assigned: boolean },
  answers: AgreementAnswers,
  version: number,
  context: AuditContext,
): Promise<Outcome> {
  const template = getAgreementTemplate()
  if (!pair.assigned) return fail('form', 'This supervisor is no longer assigned to the fellow, so the agreement can no longer be changed.')
  return writeTransaction(async (trx): Promise<Outcome> => {
    const existing = await agreementOf(pair.fellow.id, pair.supervisor.id, trx)
    const now = nowIso()
    let clearedSignatures = false
    if (!existing) {
      if (version !== 0) refuseWith(fail('form', STALE_AGREEMENT))
      await trx
        .insertInto('learning_agreements')
        .values({
          fellow_id: pair.fellow.id,
          supervisor_id: pair.supervisor.id,
          template_version: template.version,
          template_sha256: template.sha256,
          answers: JSON.stringify(answers),
          created_at: now,
          updated_at: now,
          updated_by: user.id,
        })
        .execute()
    } else {
      if (isFullySigned(stateOf(existing))) refuseWith(fail('form', 'This agreement is signed by both of you, so it can no longer be changed.'))
      if (existing.version !== version) refuseWith(fail('form', STALE_AGREEMENT))
      clearedSignatures = !!(existing.fellow_signed_at || existing.supervisor_signed_at)
      const updated = await trx
        .updateTable('learning_agreements')
        .set({
          answers: JSON.stringify(answers),
          template_version: template.version,
          template_sha256: template.sha256,
          updated_at: now,
          updated_by: user.id,
          version: sql`version + 1`,
          signed_content_sha256: null,
          fellow_signed_name: null,
          fellow_signed_at: null,
          supervisor_signed_name: null,
          supervisor_signed_at: null,
        })
        .where('id', '=', existing.id)
        .where('version', '=', version)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_AGREEMENT))
    }
    await audit(
      context,
      {
        actorId: user.id,
        action: 'agreement.save',
        subject: `user:${pair.fellow.id}`,
        detail: { supervisorId: pair.supervisor.id, ...(clearedSignatures ? { clearedSignatures: true } : {}) },
      },
      trx,
    )
    return { ok: true, clearedSignatures }
  }).catch(refusalOf)
}

export const STALE_AGREEMENT = 'This agreement changed since you opened it. Its current text is shown below; read it and try again.'

/** One party's signature: the name typed, the time, and the hash of the text as signed (both signatures cover the same hash). */
export async function signAgreement(
  user: SessionUser,
  party: Party,
  pair: { fellow: { id: number }; supervisor: { id: number }; assigned: boolean },
  typedName: string,
  version: number,
  context: AuditContext,
): Promise<{ ok: true; complete: boolean } | Failure> {
  if (!pair.assigned) return fail('form', 'This supervisor is no longer assigned to the fellow, so the agreement can no longer be signed.')
  const template = getAgreementTemplate()
  return writeTransaction(async (trx) => {
    const existing = await agreementOf(pair.fellow.id, pair.supervisor.id, trx)
    if (!existing) refuseWith(fail('form', 'Fill in the agreement before signing it.'))
    if (existing.version !== version) refuseWith(fail('form', STALE_AGREEMENT))
    const blocker = signBlocker(party, stateOf(existing), template.fields, typedName, user.name)
    if (blocker) refuseWith(fail(blocker.field, blocker.message))
    const hash = agreementContentSha256(existing)
    if (existing.signed_content_sha256 && existing.signed_content_sha256 !== hash) refuseWith(fail('form', STALE_AGREEMENT))
    const now = nowIso()
    const signature =
      party === 'fellow'
        ? { fellow_signed_name: typedName.trim(), fellow_signed_at: now }
        : { supervisor_signed_name: typedName.trim(), supervisor_signed_at: now }
    const updated = await trx
      .updateTable('learning_agreements')
      .set({ ...signature, signed_content_sha256: hash, version: sql`version + 1` })
      .where('id', '=', existing.id)
      .where('version', '=', version)
      .where(party === 'fellow' ? 'fellow_signed_at' : 'supervisor_signed_at', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_AGREEMENT))
    const complete = party === 'fellow' ? !!existing.supervisor_signed_at : !!existing.fellow_signed_at
    await audit(
      context,
      {
        actorId: user.id,
        action: 'agreement.sign',
        subject: `user:${pair.fellow.id}`,
        detail: { supervisorId: pair.supervisor.id, party, sha256: hash, complete },
      },
      trx,
    )
    return { ok: true as const, complete }
  }).catch(refusalOf)
}

/**
 * The supervision card of a fellow's page: the agreements and evaluations `viewer` may open. A supervisor
 * sees their own agreement with the fellow and the evaluations they wrote, and may start one; staff see all, read-only.
 */
export async function supervisionOf(fellowId: number, viewer: SessionUser) {
  const isStaff = viewer.roles.includes('staff')
  const asSupervisor = viewer.roles.includes('supervisor') && (await isAssigned(viewer.id, fellowId))
  const [agreements, evaluations] = await Promise.all([agreementsOfFellow(fellowId), evaluationsOfFellow(fellowId, isStaff ? {} : { supervisorId: viewer.id })])
  return {
    agreements: isStaff ? agreements : agreements.filter((a) => a.supervisorId === viewer.id),
    evaluations,
    canEvaluate: asSupervisor,
  }
}
