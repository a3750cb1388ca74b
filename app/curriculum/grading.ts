// zod/mini: the lesson page ships this schema to the browser, and the mini build
// tree-shakes to a fraction of the classic one.
import * as z from 'zod/mini'

/** What the browser may know of a question before grading: never the answer. */
export type QuestionShape = { choices: number; multiple: boolean }

export function questionShapes(questions: { choices: unknown[]; answer: number | number[] }[]): QuestionShape[] {
  return questions.map((q) => ({ choices: q.choices.length, multiple: Array.isArray(q.answer) }))
}

export const answerField = (index: number) => `q${index}`

const isChoice = (choices: number) => (value: string) => /^\d{1,2}$/.test(value) && Number(value) < choices

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

export type Answers = Record<string, number | number[]>

export type QuestionResult = { correct: boolean; chosen: number[]; expected: number[]; explanation: string }

export type Grade = { results: QuestionResult[]; correct: number; total: number; score: number; passed: boolean }

/**
 * All-or-nothing per question: a multiple-answer question is right only when
 * exactly the right choices are ticked (a partial selection counts as wrong).
 */
export function grade(questions: { answer: number | number[]; explanation: string }[], answers: Answers, passMark: number): Grade {
  const results = questions.map((q, i) => {
    const expected = (Array.isArray(q.answer) ? [...q.answer] : [q.answer]).sort((a, b) => a - b)
    const given = answers[answerField(i)]
    const chosen = (given === undefined ? [] : Array.isArray(given) ? [...given] : [given]).sort((a, b) => a - b)
    const correct = chosen.length === expected.length && chosen.every((c, j) => c === expected[j])
    return { correct, chosen, expected, explanation: q.explanation }
  })
  const correct = results.filter((r) => r.correct).length
  const total = questions.length
  const score = total === 0 ? 0 : correct / total
  // A tiny tolerance so 4/5 meets a 0.8 pass mark despite floating point.
  return { results, correct, total, score, passed: score + 1e-9 >= passMark }
}
