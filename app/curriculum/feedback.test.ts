import { describe, expect, test } from 'vitest'
import { attemptSummary, feedbackOf, percent, revealsAnswers, type AttemptStanding } from './feedback.ts'
import { grade } from './grading.ts'

const standing = (s: Partial<AttemptStanding>): AttemptStanding => ({ attempts: 1, failures: 1, bestScore: 0, completed: false, ...s })

describe('revealsAnswers', () => {
  test('a pass reveals the correct answers', () => {
    expect(revealsAnswers(true, standing({ attempts: 1, failures: 0, bestScore: 1, completed: true }), 2)).toBe(true)
  })
  test('failed attempts reveal them from the second on, not at the first', () => {
    expect(revealsAnswers(false, standing({ attempts: 1, failures: 1 }), 2)).toBe(false)
    expect(revealsAnswers(false, standing({ attempts: 2, failures: 2 }), 2)).toBe(true)
    expect(revealsAnswers(false, standing({ attempts: 3, failures: 3 }), 2)).toBe(true)
  })
  test('the course may ask for more, or fewer, failures first', () => {
    expect(revealsAnswers(false, standing({ attempts: 2, failures: 2 }), 3)).toBe(false)
    expect(revealsAnswers(false, standing({ attempts: 3, failures: 3 }), 3)).toBe(true)
    expect(revealsAnswers(false, standing({ attempts: 1, failures: 1 }), 1)).toBe(true)
  })
  test('a retake below the mark after a pass still shows them', () => {
    expect(revealsAnswers(false, standing({ attempts: 2, failures: 1, bestScore: 1, completed: true }), 2)).toBe(true)
  })
})

describe('attemptSummary', () => {
  test('a retake below the mark after a pass says the pass stands, never "Not passed yet"', () => {
    const summary = attemptSummary({ correct: 3, total: 5, score: 0.6, passed: false }, standing({ attempts: 2, failures: 1, bestScore: 1, completed: true }))
    expect(summary).toEqual({
      outcome: 'pass-stands',
      headline: '3 of 5 correct this time',
      scores: 'This attempt 60 % · best 100 % (passed)',
      next: 'Your pass stands and the lesson stays complete.',
    })
    expect(JSON.stringify(summary)).not.toMatch(/not passed/i)
  })
  test('a first failure says not passed yet, with this attempt and the best', () => {
    expect(attemptSummary({ correct: 2, total: 5, score: 0.4, passed: false }, standing({ attempts: 2, failures: 2, bestScore: 0.6 }))).toEqual({
      outcome: 'not-passed',
      headline: 'Not passed yet: 2 of 5 correct',
      scores: 'This attempt 40 % · best 60 % (not passed yet)',
      next: 'Read the lesson again where you missed, then try again.',
    })
  })
  test('a pass says passed', () => {
    expect(attemptSummary({ correct: 4, total: 5, score: 0.8, passed: true }, standing({ failures: 0, bestScore: 0.8, completed: true }))).toMatchObject({
      outcome: 'passed',
      headline: 'Passed: 4 of 5 correct',
      scores: 'This attempt 80 % · best 80 % (passed)',
    })
  })
  test('percent rounds to a whole number with a space before the sign', () => {
    expect(percent(2 / 3)).toBe('67 %')
    expect(percent(1)).toBe('100 %')
    expect(percent(0)).toBe('0 %')
  })
})

describe('feedbackOf', () => {
  const questions = [
    { answer: 1, explanation: 'B, because.' },
    { answer: [0, 2], explanation: 'A and C.' },
  ]
  const graded = grade(questions, { q0: 1, q1: [0] }, 0.8)

  test('before the reveal: no right choices at all, and no explanation of a question answered wrongly', () => {
    const sent = feedbackOf(graded, false)
    expect(sent.results).toEqual([
      { correct: true, chosen: [1], explanation: 'B, because.' },
      { correct: false, chosen: [0] },
    ])
    expect(JSON.stringify(sent)).not.toContain('expected')
    expect(JSON.stringify(sent)).not.toContain('A and C.')
    expect(sent).toMatchObject({ correct: 1, total: 2, passed: false })
  })

  test('after it: every question with its right choices and explanation', () => {
    expect(feedbackOf(graded, true).results).toEqual([
      { correct: true, chosen: [1], expected: [1], explanation: 'B, because.' },
      { correct: false, chosen: [0], expected: [0, 2], explanation: 'A and C.' },
    ])
  })
})
