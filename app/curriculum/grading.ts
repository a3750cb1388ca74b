/** What the browser may know of a question before grading: never the answer. */
export type QuestionShape = { choices: number; multiple: boolean }

export function questionShapes(questions: { choices: unknown[]; answer: number | number[] }[]): QuestionShape[] {
  return questions.map((q) => ({ choices: q.choices.length, multiple: Array.isArray(q.answer) }))
}

export const answerField = (index: number) => `q${index}`

/** Whether a posted value names one of a question's choices (their ids are their places in the content file). */
export const isChoice = (choices: number) => (value: string) => /^\d{1,2}$/.test(value) && Number(value) < choices

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
