import type { EvaluationStage } from '#db/schema.ts'
import type { Database } from '#db/connection.ts'
import { db as appDb } from '#app/db.server.ts'
import { agreementContentSha256, getAgreementTemplate } from '#app/supervision/agreements-content.server.ts'
import { evaluationContentSha256, getRubric } from '#app/supervision/evaluations-content.server.ts'
import { evaluationPasses, type Ratings } from '#app/supervision/evaluations.ts'

// Learning agreements and competency evaluations as the app would leave them, for tests that need
// a fellow past the agreement gate or holding a (passing) final evaluation without clicking through both.

const at = () => new Date().toISOString()

/** A learning agreement between `fellow` and `supervisor`, signed by both (or only by the fellow). */
export async function signedAgreement(
  fellow: { id: number },
  supervisor: { id: number },
  { by = 'both', db = appDb }: { by?: 'both' | 'fellow' | 'none'; db?: Database } = {},
) {
  const template = getAgreementTemplate()
  const answers = Object.fromEntries(template.fields.map((f) => [f.key, f.required ? `Agreed ${f.label.toLowerCase()}.` : '']))
  const row = {
    fellow_id: fellow.id,
    supervisor_id: supervisor.id,
    template_version: template.version,
    template_sha256: template.sha256,
    answers: JSON.stringify(answers),
  }
  const names = new Map(
    (await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [fellow.id, supervisor.id]).execute()).map((u) => [u.id, u.name]),
  )
  const now = at()
  const { id } = await db
    .insertInto('learning_agreements')
    .values({
      ...row,
      created_at: now,
      updated_at: now,
      updated_by: fellow.id,
      signed_content_sha256: by === 'none' ? null : agreementContentSha256(row),
      fellow_signed_name: by === 'none' ? null : names.get(fellow.id)!,
      fellow_signed_at: by === 'none' ? null : now,
      supervisor_signed_name: by === 'both' ? names.get(supervisor.id)! : null,
      supervisor_signed_at: by === 'both' ? now : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Ratings with every competency at `rating` (or per competency, in the rubric's order). */
export function ratingsAt(rating: number | number[]): Ratings {
  const rubric = getRubric()
  return Object.fromEntries(
    rubric.competencies.map((c, i) => [
      c.key,
      { rating: Array.isArray(rating) ? rating[i]! : rating, comment: `Seen in supervision: ${c.title.toLowerCase()}.` },
    ]),
  )
}

/** A competency evaluation of `fellow` by `supervisor`: by default a signed, passing final one. */
export async function evaluation(
  fellow: { id: number },
  supervisor: { id: number; name?: string },
  { stage = 'final', ratings = ratingsAt(4), signed = true, db = appDb }: { stage?: EvaluationStage; ratings?: Ratings; signed?: boolean; db?: Database } = {},
) {
  const rubric = getRubric()
  const row = { fellow_id: fellow.id, supervisor_id: supervisor.id, stage, rubric_sha256: rubric.sha256, ratings: JSON.stringify(ratings) }
  const now = at()
  const { id } = await db
    .insertInto('competency_evaluations')
    .values({
      ...row,
      rubric_version: rubric.version,
      created_at: now,
      updated_at: now,
      passed: signed ? (evaluationPasses(rubric, ratings) ? 1 : 0) : null,
      signed_name: signed ? (supervisor.name ?? 'Supervisor') : null,
      signed_at: signed ? now : null,
      signed_content_sha256: signed ? evaluationContentSha256(row) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** What the fellowship asks beyond hours: a passing final evaluation, signed by `supervisor`. */
export const passingFinalEvaluation = (fellow: { id: number }, supervisor: { id: number; name?: string }) => evaluation(fellow, supervisor)
