import { z } from 'zod'
import { EVALUATION_STAGES, type EvaluationStage } from '#db/schema.ts'
import { intentField, versionField } from '#app/utils/hidden-fields.ts'

// Competency evaluations: a supervisor rates a fellow on each competency of the rubric in
// content/rubrics/kap-competencies.md. This module validates that file, builds the form's
// schema from it (browser and server alike) and decides whether an evaluation passes.

const key = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'must be a camelCase key: a lowercase letter, then letters or digits (at most 40)')
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)

export const rubricSchema = z
  .strictObject({
    title: text(120),
    version: z.string().regex(/^\d{4}-\d{2}(-\d+)?$/, 'is YYYY-MM, or YYYY-MM-N for a second version in a month'),
    passingRating: z.number().int().min(1, 'must be 1 or more'),
    scale: z
      .array(z.strictObject({ rating: z.number().int().min(1).max(10), label: text(60), description: text(400) }))
      .min(2, 'needs at least 2 levels')
      .max(10, 'allows at most 10 levels'),
    competencies: z
      .array(z.strictObject({ key, title: text(120), description: text(600) }))
      .min(1, 'needs at least one competency')
      .max(20, 'allows at most 20 competencies'),
  })
  .superRefine((r, ctx) => {
    r.scale.forEach((level, i) => {
      if (level.rating !== i + 1) ctx.addIssue({ code: 'custom', path: ['scale', i, 'rating'], message: `expected ${i + 1}: ratings run 1, 2, 3… in order` })
    })
    if (r.passingRating > r.scale.length) {
      ctx.addIssue({ code: 'custom', path: ['passingRating'], message: `must be one of the scale's ratings (1 to ${r.scale.length})` })
    }
    const seen = new Set<string>()
    r.competencies.forEach((c, i) => {
      if (seen.has(c.key)) ctx.addIssue({ code: 'custom', path: ['competencies', i, 'key'], message: `"${c.key}" is used by another competency` })
      seen.add(c.key)
    })
  })

export type RubricFrontMatter = z.infer<typeof rubricSchema>
export type Rubric = RubricFrontMatter & { file: string; introHtml: string; sha256: string }
export type RubricShape = Pick<RubricFrontMatter, 'passingRating' | 'scale' | 'competencies'>

export const STAGE_LABELS: Record<EvaluationStage, string> = { midpoint: 'Midpoint evaluation', final: 'Final evaluation' }
export const stageField = z.enum(EVALUATION_STAGES, { error: 'Choose midpoint or final.' })

export const COMMENT_MAX = 2000
export const RESPONSE_MAX = 4000

const ratingName = (k: string) => `${k}Rating`
const commentName = (k: string) => `${k}Comment`
export const fieldNames = { rating: ratingName, comment: commentName }

/** The ratings form (each competency's rating and comment), built from the rubric. */
export function evaluationFormSchema(rubric: RubricShape) {
  const ratings = rubric.scale.map((l) => String(l.rating)) as [string, ...string[]]
  const shape: Record<string, z.ZodType> = { intent: intentField('save'), version: versionField }
  for (const c of rubric.competencies) {
    shape[ratingName(c.key)] = z.enum(ratings, { error: `Rate “${c.title}”.` })
    shape[commentName(c.key)] = z
      .string({ error: `Comment on “${c.title}”.` })
      .trim()
      .min(1, `Comment on “${c.title}”: what you saw, and what would take it further.`)
      .max(COMMENT_MAX, `Use at most ${COMMENT_MAX.toLocaleString('en-US')} characters.`)
  }
  return z.strictObject(shape)
}

export const evaluationAcknowledgeSchema = z.strictObject({
  intent: intentField('acknowledge'),
  version: versionField,
  response: z
    .string()
    .trim()
    .max(RESPONSE_MAX, `Use at most ${RESPONSE_MAX.toLocaleString('en-US')} characters.`)
    .optional()
    .default(''),
})

export const newEvaluationQuerySchema = z.strictObject({
  fellow: z.string().regex(/^\d{1,9}$/),
  stage: stageField,
})

export type Ratings = Record<string, { rating: number; comment: string }>

/** The ratings stored from a parsed form. */
export function ratingsFromForm(rubric: RubricShape, data: Record<string, unknown>): Ratings {
  return Object.fromEntries(
    rubric.competencies.map((c) => [c.key, { rating: Number(data[ratingName(c.key)]), comment: String(data[commentName(c.key)] ?? '') }]),
  )
}

/** The form's starting values from stored ratings. */
export function formValuesFromRatings(rubric: RubricShape, ratings: Ratings | null) {
  const values: Record<string, string> = {}
  for (const c of rubric.competencies) {
    const r = ratings?.[c.key]
    if (r) {
      values[ratingName(c.key)] = String(r.rating)
      values[commentName(c.key)] = r.comment
    }
  }
  return values
}

/** Passing: every competency of the rubric rated, and at or above the passing rating. */
export function evaluationPasses(rubric: Pick<RubricShape, 'passingRating' | 'competencies'>, ratings: Ratings) {
  return rubric.competencies.every((c) => (ratings[c.key]?.rating ?? 0) >= rubric.passingRating)
}

/** The competencies below the passing rating, by title. */
export function belowThreshold(rubric: Pick<RubricShape, 'passingRating' | 'competencies'>, ratings: Ratings) {
  return rubric.competencies.filter((c) => (ratings[c.key]?.rating ?? 0) < rubric.passingRating).map((c) => c.title)
}

/** The canonical text a supervisor's signature covers. */
export function evaluationContentText(input: { rubricSha256: string; fellowId: number; supervisorId: number; stage: EvaluationStage; ratings: Ratings }) {
  const keys = Object.keys(input.ratings).sort()
  return JSON.stringify([
    input.rubricSha256,
    input.fellowId,
    input.supervisorId,
    input.stage,
    keys.map((k) => [k, input.ratings[k]!.rating, input.ratings[k]!.comment]),
  ])
}

/** What eligibility reads of a fellow's evaluations: signed final ones, and whether each passed. */
export type FinalEvaluationFact = { signedAt: string; passed: boolean }
