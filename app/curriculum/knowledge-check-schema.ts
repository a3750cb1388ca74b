// zod/mini, in a module of its own: the lesson page's form loads it when the check is first
// validated, not with the page, and the mini build tree-shakes to a fraction of the classic one.
import * as z from 'zod/mini'
import { answerField, isChoice, type QuestionShape } from './grading.ts'

/**
 * The knowledge-check form's schema, built from the questions' shapes so the
 * browser and the server run the same one. Strict: a field the form does not
 * have is an error, not something silently stored.
 */
export function knowledgeCheckSchema(shapes: QuestionShape[]) {
  // Building a zod schema costs more than using one: each distinct check is built once.
  const key = JSON.stringify(shapes)
  let schema = schemaCache.get(key)
  if (!schema) {
    schema = buildKnowledgeCheckSchema(shapes)
    schemaCache.set(key, schema)
  }
  return schema
}

const schemaCache = new Map<string, ReturnType<typeof buildKnowledgeCheckSchema>>()

function buildKnowledgeCheckSchema(shapes: QuestionShape[]) {
  const shape: Record<string, z.ZodMiniType> = {}
  shapes.forEach((q, i) => {
    const valid = isChoice(q.choices)
    shape[answerField(i)] = q.multiple
      ? z.pipe(
          // A checkbox group posts one value or several: both become a list.
          z.transform((v: unknown) => (v === undefined || v === null || v === false || v === '' ? [] : Array.isArray(v) ? v : [v])),
          z.pipe(
            // Checked on the whole list so the message sits on the question (`q1`), where the form shows it, not on `q1.0`.
            z.array(z.string(), { error: 'Choose at least one answer.' }).check(
              z.minLength(1, 'Choose at least one answer.'),
              z.refine((list) => list.every(valid), 'That choice does not exist.'),
              z.refine((list) => new Set(list.map(Number)).size === list.length, 'Choose each answer only once.'),
            ),
            z.transform((list) => list.map(Number)),
          ),
        )
      : z.pipe(
          z.string({ error: 'Choose an answer.' }).check(z.minLength(1, 'Choose an answer.'), z.refine(valid, 'That choice does not exist.')),
          z.transform(Number),
        )
  })
  return z.strictObject(shape)
}
