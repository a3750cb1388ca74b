import type { Grade } from './grading.ts'

/** The learner's standing in a lesson right after an attempt was stored. */
export type AttemptStanding = {
  /** attempts so far, this one included */
  attempts: number
  /** of those, the ones below the pass mark */
  failures: number
  bestScore: number
  /** passed at least once (this attempt or before) */
  completed: boolean
}

/**
 * Whether the feedback may show the correct answers: after a pass (this attempt or any before), or
 * once `revealAfterFailures` attempts have failed. Until then the browser is sent nothing that names
 * them: neither the right choices nor the explanation of a question answered wrongly.
 */
export function revealsAnswers(passedNow: boolean, standing: AttemptStanding, revealAfterFailures: number): boolean {
  return passedNow || standing.completed || standing.failures >= revealAfterFailures
}

/** 0.6 → "60 %". */
export const percent = (score: number) => `${Math.round(score * 100)} %`

export type AttemptSummary = {
  /** passed now; below the mark now but passed before; or not passed yet */
  outcome: 'passed' | 'pass-stands' | 'not-passed'
  /** what this attempt was: "Passed: 5 of 5 correct", "Not passed yet: 3 of 5 correct", or, after a pass, "3 of 5 correct this time" */
  headline: string
  /** "This attempt 60 % · best 100 % (passed)" */
  scores: string
  /** what follows from it */
  next: string
}

/**
 * The words for an attempt's result. A lesson passed before stays passed, so a retake below the
 * mark never says "Not passed yet": it says this attempt's score beside the best, and that the pass stands.
 */
export function attemptSummary(graded: Pick<Grade, 'correct' | 'total' | 'score' | 'passed'>, standing: AttemptStanding): AttemptSummary {
  const count = `${graded.correct} of ${graded.total} correct`
  const scores = `This attempt ${percent(graded.score)} · best ${percent(Math.max(standing.bestScore, graded.score))} (${standing.completed || graded.passed ? 'passed' : 'not passed yet'})`
  if (graded.passed) return { outcome: 'passed', headline: `Passed: ${count}`, scores, next: 'This lesson is complete.' }
  if (standing.completed) return { outcome: 'pass-stands', headline: `${count} this time`, scores, next: 'Your pass stands and the lesson stays complete.' }
  return { outcome: 'not-passed', headline: `Not passed yet: ${count}`, scores, next: 'Read the lesson again where you missed, then try again.' }
}

export type QuestionFeedback = { correct: boolean; chosen: number[]; expected?: number[]; explanation?: string }

export type Feedback = Omit<Grade, 'results'> & { results: QuestionFeedback[] }

/**
 * What the browser receives of a grade. Before the answers may be revealed, the right choices stay
 * on the server, and so does the explanation of a question answered wrongly (explanations name the
 * answer); a question answered rightly shows its explanation, as the learner already chose what it explains.
 */
export function feedbackOf(graded: Grade, reveal: boolean): Feedback {
  return {
    ...graded,
    results: graded.results.map((r) =>
      reveal
        ? { correct: r.correct, chosen: r.chosen, expected: r.expected, explanation: r.explanation }
        : r.correct
          ? { correct: r.correct, chosen: r.chosen, explanation: r.explanation }
          : { correct: r.correct, chosen: r.chosen },
    ),
  }
}
