import { sql } from 'kysely'
import type { EvaluationStage } from '#db/schema.ts'
import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { db, nowIso, writeTransaction, type Database } from '#app/db.server.ts'
import { fail, refusalOf, refuseWith, type Failure } from '#app/utils/result.ts'
import { isAssigned } from './assignments.server.ts'
import { evaluationContentSha256, getRubric, ratingsOf } from './evaluations-content.server.ts'
import { evaluationPasses, type Ratings } from './evaluations.ts'
import { signatureMatches } from './signature.ts'

// Competency evaluations: the rubric from content/, the rows, and their three steps —
// the supervisor writes (and may rewrite) the ratings, signs them, and the fellow acknowledges.
// The rubric itself is read in evaluations-content.server.ts.

export { getRubric, ratingsOf }

export const STALE_EVALUATION = 'This evaluation changed since you opened it. Its current state is shown below; review it and try again.'

export async function evaluationById(id: number) {
  return db
    .selectFrom('competency_evaluations as e')
    .innerJoin('users as f', 'f.id', 'e.fellow_id')
    .innerJoin('users as s', 's.id', 'e.supervisor_id')
    .selectAll('e')
    .select(['f.name as fellow_name', 's.name as supervisor_name'])
    .where('e.id', '=', id)
    .executeTakeFirst()
}

export type EvaluationRow = NonNullable<Awaited<ReturnType<typeof evaluationById>>>

/**
 * A fellow's evaluations as a list. `viewer` decides what is listed: the fellow sees only signed
 * ones (a draft is the supervisor's until signed), a supervisor only their own, staff every one.
 */
export async function evaluationsOfFellow(fellowId: number, viewer: { signedOnly?: boolean; supervisorId?: number } = {}) {
  let query = db
    .selectFrom('competency_evaluations as e')
    .innerJoin('users as s', 's.id', 'e.supervisor_id')
    .select(['e.id', 'e.stage', 'e.signed_at', 'e.passed', 'e.acknowledged_at', 'e.updated_at', 's.name as supervisor_name'])
    .where('e.fellow_id', '=', fellowId)
    .orderBy('e.created_at', 'desc')
    .orderBy('e.id', 'desc')
    .limit(50)
  if (viewer.signedOnly) query = query.where('e.signed_at', 'is not', null)
  if (viewer.supervisorId !== undefined) query = query.where('e.supervisor_id', '=', viewer.supervisorId)
  return query.execute()
}

/** The supervisor's unsigned evaluation of the fellow at this stage, if one is open: a new one continues it. */
export async function openEvaluation(supervisorId: number, fellowId: number, stage: EvaluationStage, executor: Database = db) {
  return executor
    .selectFrom('competency_evaluations')
    .select('id')
    .where('supervisor_id', '=', supervisorId)
    .where('fellow_id', '=', fellowId)
    .where('stage', '=', stage)
    .where('signed_at', 'is', null)
    .executeTakeFirst()
}

export async function createEvaluation(
  supervisor: SessionUser,
  fellowId: number,
  stage: EvaluationStage,
  ratings: Ratings,
  context: AuditContext,
): Promise<{ ok: true; id: number } | Failure> {
  const rubric = getRubric()
  return writeTransaction(async (trx) => {
    if (!(await isAssigned(supervisor.id, fellowId, trx))) refuseWith(fail('form', 'Only a supervisor assigned to this fellow can evaluate them.'))
    if (await openEvaluation(supervisor.id, fellowId, stage, trx)) {
      refuseWith(fail('form', 'You already have an unsigned evaluation of this fellow at this stage: open it from the fellow’s page and continue there.'))
    }
    const now = nowIso()
    const { id } = await trx
      .insertInto('competency_evaluations')
      .values({
        fellow_id: fellowId,
        supervisor_id: supervisor.id,
        stage,
        rubric_version: rubric.version,
        rubric_sha256: rubric.sha256,
        ratings: JSON.stringify(ratings),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(context, { actorId: supervisor.id, action: 'evaluation.create', subject: `evaluation:${id}`, detail: { fellowId, stage } }, trx)
    return { ok: true as const, id }
  }).catch(refusalOf)
}

export async function updateEvaluation(
  supervisor: SessionUser,
  evaluation: EvaluationRow,
  ratings: Ratings,
  version: number,
  context: AuditContext,
): Promise<{ ok: true } | Failure> {
  const rubric = getRubric()
  if (evaluation.signed_at) return fail('form', 'This evaluation is signed, so it can no longer be changed.')
  return writeTransaction(async (trx) => {
    if (!(await isAssigned(supervisor.id, evaluation.fellow_id, trx))) refuseWith(fail('form', 'You are no longer assigned to this fellow.'))
    const updated = await trx
      .updateTable('competency_evaluations')
      .set({ ratings: JSON.stringify(ratings), rubric_version: rubric.version, rubric_sha256: rubric.sha256, updated_at: nowIso(), version: sql`version + 1` })
      .where('id', '=', evaluation.id)
      .where('version', '=', version)
      .where('signed_at', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_EVALUATION))
    await audit(context, { actorId: supervisor.id, action: 'evaluation.edit', subject: `evaluation:${evaluation.id}` }, trx)
    return { ok: true as const }
  }).catch(refusalOf)
}

/** The supervisor's signature: typed name as on the account; whether it passes is decided here, against the rubric it was written on. */
export async function signEvaluation(
  supervisor: SessionUser,
  evaluation: EvaluationRow,
  typedName: string,
  version: number,
  context: AuditContext,
): Promise<{ ok: true; passed: boolean } | Failure> {
  const rubric = getRubric()
  if (evaluation.signed_at) return fail('form', 'You have already signed this evaluation.')
  if (!signatureMatches(typedName, supervisor.name)) return fail('signature', `Type your name as on your account (${supervisor.name}) to sign.`)
  return writeTransaction(async (trx) => {
    if (!(await isAssigned(supervisor.id, evaluation.fellow_id, trx))) refuseWith(fail('form', 'You are no longer assigned to this fellow.'))
    const row = await trx.selectFrom('competency_evaluations').selectAll().where('id', '=', evaluation.id).executeTakeFirstOrThrow()
    if (row.version !== version) refuseWith(fail('form', STALE_EVALUATION))
    const ratings = ratingsOf(row)
    const unrated = rubric.competencies.filter((c) => !ratings[c.key])
    if (unrated.length) refuseWith(fail('form', `Rate every competency before signing: ${unrated.map((c) => c.title).join(', ')}.`))
    const passed = evaluationPasses(rubric, ratings)
    const now = nowIso()
    const updated = await trx
      .updateTable('competency_evaluations')
      .set({
        signed_name: typedName.trim(),
        signed_at: now,
        signed_content_sha256: evaluationContentSha256(row),
        passed: passed ? 1 : 0,
        updated_at: now,
        version: sql`version + 1`,
      })
      .where('id', '=', evaluation.id)
      .where('version', '=', version)
      .where('signed_at', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_EVALUATION))
    await audit(
      context,
      {
        actorId: supervisor.id,
        action: 'evaluation.sign',
        subject: `evaluation:${evaluation.id}`,
        detail: { fellowId: row.fellow_id, stage: row.stage, passed },
      },
      trx,
    )
    return { ok: true as const, passed }
  }).catch(refusalOf)
}

/** The fellow's acknowledgement that they read it, with their response (optional): once. */
export async function acknowledgeEvaluation(
  fellow: SessionUser,
  evaluation: EvaluationRow,
  response: string,
  version: number,
  context: AuditContext,
): Promise<{ ok: true } | Failure> {
  if (!evaluation.signed_at) return fail('form', 'Your supervisor has not signed this evaluation yet.')
  if (evaluation.acknowledged_at) return fail('form', 'You have already acknowledged this evaluation.')
  return writeTransaction(async (trx) => {
    const now = nowIso()
    const updated = await trx
      .updateTable('competency_evaluations')
      .set({ acknowledged_at: now, fellow_response: response.trim() || null, updated_at: now, version: sql`version + 1` })
      .where('id', '=', evaluation.id)
      .where('fellow_id', '=', fellow.id)
      .where('version', '=', version)
      .where('acknowledged_at', 'is', null)
      .where('signed_at', 'is not', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_EVALUATION))
    await audit(
      context,
      { actorId: fellow.id, action: 'evaluation.acknowledge', subject: `evaluation:${evaluation.id}`, detail: { responded: !!response.trim() } },
      trx,
    )
    return { ok: true as const }
  }).catch(refusalOf)
}
