import { describe, expect, test } from 'vitest'
import { courseProgress, lockReason, type LessonStanding } from './progress.ts'

const LESSONS = ['history', 'pharmacology', 'evidence', 'model']

function standing(lessonSlug: string, fields: Partial<LessonStanding> = {}): LessonStanding {
  return { lessonSlug, bestScore: 0.4, attempts: 1, completedAt: null, lastAttemptAt: '2026-01-01T10:00:00.000Z', ...fields }
}
const passed = (lessonSlug: string, at = '2026-01-01T10:00:00.000Z') => standing(lessonSlug, { bestScore: 1, completedAt: at, lastAttemptAt: at })

describe('courseProgress', () => {
  test('nothing tried: nothing complete, continue with the first lesson', () => {
    const p = courseProgress(LESSONS, [])
    expect(p).toMatchObject({ total: 4, completed: 0, inProgress: 0, percent: 0, complete: false, continueWith: 'history' })
    expect([...p.completedLessons]).toEqual([])
  })

  test('counts completed and tried-not-passed lessons, with the percent rounded', () => {
    const p = courseProgress(LESSONS, [passed('history'), standing('evidence', { bestScore: 0.6, attempts: 3 })])
    expect(p.total).toBe(4)
    expect(p.completed).toBe(1)
    expect(p.inProgress).toBe(1)
    expect(p.percent).toBe(25)
    expect(p.complete).toBe(false)
    expect([...p.completedLessons]).toEqual(['history'])
    expect(courseProgress(['a', 'b', 'c'], [passed('a')]).percent).toBe(33)
    expect(courseProgress(['a', 'b', 'c'], [passed('a'), passed('b')]).percent).toBe(67)
  })

  test('a lesson passed once stays complete (best score counts), and all passed completes the course', () => {
    const all = LESSONS.map((slug) => passed(slug))
    const p = courseProgress(LESSONS, all)
    expect(p).toMatchObject({ completed: 4, inProgress: 0, percent: 100, complete: true, continueWith: null })
    expect([...p.completedLessons].sort()).toEqual([...LESSONS].sort())
  })

  test('continue with the most recently tried lesson not yet passed', () => {
    const p = courseProgress(LESSONS, [
      passed('history', '2026-01-01T09:00:00.000Z'),
      standing('model', { lastAttemptAt: '2026-01-03T10:00:00.000Z' }),
      standing('pharmacology', { lastAttemptAt: '2026-01-02T10:00:00.000Z' }),
      // Passed later than either: a pass is not somewhere to continue.
      passed('evidence', '2026-01-04T10:00:00.000Z'),
    ])
    expect(p.continueWith).toBe('model')
    expect(p.inProgress).toBe(2)
  })

  test('with nothing left half-done, continue with the first lesson not complete', () => {
    expect(courseProgress(LESSONS, [passed('history'), passed('evidence')]).continueWith).toBe('pharmacology')
    expect(courseProgress(LESSONS, [passed('pharmacology')]).continueWith).toBe('history')
  })

  test('standings for lessons the course no longer has are ignored', () => {
    const p = courseProgress(LESSONS, [passed('removed-lesson'), standing('renamed-lesson', { lastAttemptAt: '2026-02-01T00:00:00.000Z' }), passed('history')])
    expect(p).toMatchObject({ total: 4, completed: 1, inProgress: 0, percent: 25, complete: false, continueWith: 'pharmacology' })
    expect(p.completedLessons.has('removed-lesson')).toBe(false)

    // Passing every lesson the course does have still completes it.
    const withExtra = courseProgress(['a'], [passed('a'), standing('gone')])
    expect(withExtra).toMatchObject({ completed: 1, inProgress: 0, complete: true, continueWith: null })
  })

  test('a course without lessons is never complete and has nowhere to continue', () => {
    expect(courseProgress([], [passed('x')])).toMatchObject({ total: 0, completed: 0, percent: 0, complete: false, continueWith: null })
  })
})

describe('lockReason', () => {
  const titles: Record<string, string> = { 'intro-kap': 'Introductory KAP', ethics: 'Ethics in Practice' }
  const titleOf = (slug: string) => titles[slug] ?? slug

  test('open when there are no prerequisites or all are completed', () => {
    expect(lockReason([], new Set(), titleOf)).toBeNull()
    expect(lockReason(['intro-kap'], new Set(['intro-kap']), titleOf)).toBeNull()
    expect(lockReason(['intro-kap', 'ethics'], new Set(['ethics', 'intro-kap', 'other']), titleOf)).toBeNull()
  })

  test('locked with the unmet prerequisites named by title', () => {
    expect(lockReason(['intro-kap'], new Set(), titleOf)).toBe('Complete Introductory KAP first.')
    expect(lockReason(['intro-kap', 'ethics'], new Set(), titleOf)).toBe('Complete Introductory KAP and Ethics in Practice first.')
    expect(lockReason(['intro-kap', 'ethics'], new Set(['intro-kap']), titleOf)).toBe('Complete Ethics in Practice first.')
  })
})
