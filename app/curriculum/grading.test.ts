import { describe, expect, test } from 'vitest'
import { fieldErrorsOf } from '#app/utils/forms.ts'
import { answerField, grade, questionShapes } from './grading.ts'
import { knowledgeCheckSchema } from './knowledge-check-schema.ts'

// q0: one answer of 4 choices; q1: several answers of 4 choices; q2: one answer of 3 choices.
const shapes = [
  { choices: 4, multiple: false },
  { choices: 4, multiple: true },
  { choices: 3, multiple: false },
]
const schema = knowledgeCheckSchema(shapes)
const valid = { q0: '2', q1: ['0', '3'], q2: '1' }

/** The message the form shows beside each field, exactly as the action reports it. */
function errorsFor(input: unknown) {
  const result = schema.safeParse(input)
  if (result.success) throw new Error(`expected ${JSON.stringify(input)} to be refused, but it parsed`)
  return fieldErrorsOf(result.error)
}

describe('knowledgeCheckSchema', () => {
  test('valid input parses to choice indexes as numbers', () => {
    expect(schema.parse(valid)).toEqual({ q0: 2, q1: [0, 3], q2: 1 })
    // A multiple-answer question with a single box ticked arrives as one string, not a list.
    expect(schema.parse({ ...valid, q1: '1' })).toEqual({ q0: 2, q1: [1], q2: 1 })
    // The last choice is a real choice.
    expect(schema.parse({ q0: '3', q1: ['0', '1', '2', '3'], q2: '2' })).toEqual({ q0: 3, q1: [0, 1, 2, 3], q2: 2 })
  })

  test('a missing single answer says "Choose an answer." beside that question', () => {
    expect(errorsFor({ q1: ['0'], q2: '1' })).toEqual({ q0: 'Choose an answer.' })
    expect(errorsFor({ ...valid, q0: '' })).toEqual({ q0: 'Choose an answer.' })
  })

  test('a missing multiple answer says "Choose at least one answer."', () => {
    expect(errorsFor({ q0: '2', q2: '1' })).toEqual({ q1: 'Choose at least one answer.' })
    expect(errorsFor({ ...valid, q1: [] })).toEqual({ q1: 'Choose at least one answer.' })
    expect(errorsFor({ ...valid, q1: '' })).toEqual({ q1: 'Choose at least one answer.' })
  })

  test('nothing answered: every question has its own message', () => {
    expect(errorsFor({})).toEqual({
      q0: 'Choose an answer.',
      q1: 'Choose at least one answer.',
      q2: 'Choose an answer.',
    })
  })

  test('a choice ticked twice in a multiple-answer question is refused', () => {
    expect(errorsFor({ ...valid, q1: ['1', '1'] })).toEqual({ q1: 'Choose each answer only once.' })
    // The same index written differently is still the same choice.
    expect(errorsFor({ ...valid, q1: ['1', '01'] })).toEqual({ q1: 'Choose each answer only once.' })
  })

  test('a choice that does not exist is refused beside its question', () => {
    expect(errorsFor({ ...valid, q0: '4' })).toEqual({ q0: 'That choice does not exist.' })
    expect(errorsFor({ ...valid, q2: '3' })).toEqual({ q2: 'That choice does not exist.' })
    expect(errorsFor({ ...valid, q0: '-1' })).toEqual({ q0: 'That choice does not exist.' })
    expect(errorsFor({ ...valid, q0: 'abc' })).toEqual({ q0: 'That choice does not exist.' })
    expect(errorsFor({ ...valid, q0: '1.5' })).toEqual({ q0: 'That choice does not exist.' })
    // In a multiple-answer question too: the message belongs to the question, where the form shows it.
    expect(errorsFor({ ...valid, q1: ['0', '7'] })).toEqual({ q1: 'That choice does not exist.' })
    expect(errorsFor({ ...valid, q1: '4' })).toEqual({ q1: 'That choice does not exist.' })
  })

  test('a single-answer question given two values is refused', () => {
    const errors = errorsFor({ ...valid, q0: ['1', '2'] })
    expect(Object.keys(errors)).toEqual(['q0'])
    expect(errors.q0).toBeTruthy()
  })

  test('a field the form does not have is an error, not silently accepted', () => {
    expect(errorsFor({ ...valid, q3: '0' })).toEqual({ form: 'This form does not have the field q3. Reload the page and try again.' })
    expect(errorsFor({ ...valid, isAdmin: 'true' })).toEqual({ form: 'This form does not have the field isAdmin. Reload the page and try again.' })
  })

  test('questionShapes gives only the count of choices and whether several answers are expected', () => {
    const shapesOf = questionShapes([
      { choices: ['a', 'b', 'c'], answer: 1 },
      { choices: ['a', 'b'], answer: [0, 1] },
    ])
    expect(shapesOf).toEqual([
      { choices: 3, multiple: false },
      { choices: 2, multiple: true },
    ])
    expect(JSON.stringify(shapesOf)).not.toContain('answer')
    expect(answerField(4)).toBe('q4')
  })
})

describe('grade', () => {
  const questions = [
    { answer: 1, explanation: 'one' },
    { answer: [0, 2], explanation: 'two' },
    { answer: 3, explanation: 'three' },
    { answer: [1], explanation: 'four' },
    { answer: 0, explanation: 'five' },
  ]
  const allRight = { q0: 1, q1: [2, 0], q2: 3, q3: [1], q4: 0 }

  test('single-answer questions: right only when the right choice is picked', () => {
    const graded = grade(questions, allRight, 0.8)
    expect(graded.results[0]).toEqual({ correct: true, chosen: [1], expected: [1], explanation: 'one' })
    const wrong = grade(questions, { ...allRight, q0: 2 }, 0.8)
    expect(wrong.results[0]).toEqual({ correct: false, chosen: [2], expected: [1], explanation: 'one' })
  })

  test('multiple-answer questions: right when exactly the right choices are ticked, in any order', () => {
    const graded = grade(questions, allRight, 0.8)
    expect(graded.results[1]).toEqual({ correct: true, chosen: [0, 2], expected: [0, 2], explanation: 'two' })
    expect(graded.results[3]!.correct).toBe(true)
  })

  test('a partial or over-full selection in a multiple-answer question counts as wrong', () => {
    expect(grade(questions, { ...allRight, q1: [0] }, 0.8).results[1]!.correct).toBe(false)
    expect(grade(questions, { ...allRight, q1: [0, 1, 2] }, 0.8).results[1]!.correct).toBe(false)
    expect(grade(questions, { ...allRight, q1: [1, 3] }, 0.8).results[1]!.correct).toBe(false)
    expect(grade(questions, { ...allRight, q3: [1, 2] }, 0.8).results[3]!.correct).toBe(false)
  })

  test('an unanswered question is wrong, with nothing chosen', () => {
    const { q2: _skipped, ...rest } = allRight
    const graded = grade(questions, rest, 0.8)
    expect(graded.results[2]).toEqual({ correct: false, chosen: [], expected: [3], explanation: 'three' })
  })

  test('every result carries the explanation, right or wrong', () => {
    const graded = grade(questions, { q0: 0, q1: [1], q2: 0, q3: [0], q4: 1 }, 0.8)
    expect(graded.results.map((r) => r.correct)).toEqual([false, false, false, false, false])
    expect(graded.results.map((r) => r.explanation)).toEqual(['one', 'two', 'three', 'four', 'five'])
  })

  test('score is the fraction right; 5/5 and 4/5 pass a 0.8 pass mark, 3/5 does not', () => {
    const perfect = grade(questions, allRight, 0.8)
    expect(perfect).toMatchObject({ correct: 5, total: 5, score: 1, passed: true })

    const four = grade(questions, { ...allRight, q1: [0] }, 0.8)
    expect(four).toMatchObject({ correct: 4, total: 5, passed: true })
    expect(four.score).toBeCloseTo(0.8, 10)

    const three = grade(questions, { ...allRight, q1: [0], q4: 2 }, 0.8)
    expect(three).toMatchObject({ correct: 3, total: 5, passed: false })
    expect(three.score).toBeCloseTo(0.6, 10)

    const none = grade(questions, {}, 0.8)
    expect(none).toMatchObject({ correct: 0, total: 5, score: 0, passed: false })
  })

  test('the pass mark is the boundary: exactly meeting it passes, just under it fails', () => {
    // 7/10 = 0.7 in floating point is 0.7000000000000001 or 0.6999999999999999 depending on the path; both must meet 0.7.
    const ten = Array.from({ length: 10 }, (_, i) => ({ answer: 0, explanation: `q${i}` }))
    const sevenRight = Object.fromEntries(ten.map((_, i) => [`q${i}`, i < 7 ? 0 : 1]))
    expect(grade(ten, sevenRight, 0.7).passed).toBe(true)
    expect(grade(ten, sevenRight, 0.71).passed).toBe(false)
    const threeOfThree = [
      { answer: 0, explanation: '' },
      { answer: 0, explanation: '' },
      { answer: 0, explanation: '' },
    ]
    expect(grade(threeOfThree, { q0: 0, q1: 0, q2: 1 }, 2 / 3).passed).toBe(true)
    expect(grade(threeOfThree, { q0: 0, q1: 0, q2: 1 }, 0.8).passed).toBe(false)
  })
})
