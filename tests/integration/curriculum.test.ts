import { describe, expect, test } from 'vitest'
import { getCatalog, type Lesson } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import * as courseRoute from '#app/routes/learn.$course._index.tsx'
import * as lessonRoute from '#app/routes/learn.$course.$lesson.tsx'
import * as learnRoute from '#app/routes/learn._index.tsx'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'

type Form = Record<string, string | string[]>
type SentQuestion = { prompt: string; choices: { id: number; label: string }[] }

const catalog = getCatalog()
const intro = catalog.course('intro-kap')!
const advanced = catalog.course('advanced-kap')!
const lesson1 = intro.lessons[0]!
const lesson2 = intro.lessons[1]!

const expectedOf = (q: Lesson['questions'][number]) => (Array.isArray(q.answer) ? q.answer : [q.answer])

/** The correct answers, as the form posts them: the choice index as a string, several values for multiple-answer questions. */
function rightForm(lesson: Lesson): Form {
  return Object.fromEntries(lesson.questions.map((q, i) => [`q${i}`, Array.isArray(q.answer) ? q.answer.map(String) : String(q.answer)]))
}

/** A wrong answer for question `i`: another choice, or for a multiple-answer question one box that is not right. */
function wrongAnswer(lesson: Lesson, i: number): string | string[] {
  const q = lesson.questions[i]!
  const expected = expectedOf(q)
  const wrong = q.choices.findIndex((_, c) => !expected.includes(c))
  if (Array.isArray(q.answer)) return wrong >= 0 ? [String(wrong)] : expected.slice(0, 1).map(String)
  return String(wrong)
}

/** Every question answered wrongly, or only those listed. */
function wrongForm(lesson: Lesson, wrongIndexes: number[] = lesson.questions.map((_, i) => i)): Form {
  const form = rightForm(lesson)
  for (const i of wrongIndexes) form[`q${i}`] = wrongAnswer(lesson, i)
  return form
}

/** What the action stores as JSON: numbers, lists for multiple-answer questions. */
function asStored(lesson: Lesson, form: Form) {
  return Object.fromEntries(
    lesson.questions.map((q, i) => {
      const v = form[`q${i}`]!
      return [`q${i}`, Array.isArray(q.answer) ? [v].flat().map(Number) : Number(v)]
    }),
  )
}

const firstSingle = (lesson: Lesson) => lesson.questions.findIndex((q) => !Array.isArray(q.answer))
const firstMultiple = (lesson: Lesson) => lesson.questions.findIndex((q) => Array.isArray(q.answer))

const lessonPath = (lesson: Lesson) => `/learn/${lesson.courseSlug}/${lesson.slug}`
const lessonParams = (lesson: Lesson) => ({ course: lesson.courseSlug, lesson: lesson.slug })

function submit(user: TestUser, lesson: Lesson, form: Form) {
  return request(lessonPath(lesson), { user, form }).then((req) => run(lessonRoute.action, req, lessonParams(lesson)))
}
async function openLesson(user: TestUser, lesson: Lesson) {
  return run(lessonRoute.loader, await request(lessonPath(lesson), { user }), lessonParams(lesson))
}
async function openCourse(user: TestUser, slug: string) {
  return run(courseRoute.loader, await request(`/learn/${slug}`, { user }), { course: slug })
}
async function openLearn(user: TestUser) {
  const outcome = await run(learnRoute.loader, await request('/learn', { user }))
  expect(outcome.status).toBe(200)
  return outcome.data.courses as {
    slug: string
    completed: number
    inProgress: number
    complete: boolean
    continueWith: string | null
    locked: string | null
    lessons: number
  }[]
}

async function attemptsOf(userId: number) {
  return db.selectFrom('quiz_attempts').selectAll().where('user_id', '=', userId).orderBy('id').execute()
}
async function progressOf(userId: number, lesson: Lesson) {
  return db
    .selectFrom('lesson_progress')
    .selectAll()
    .where('user_id', '=', userId)
    .where('course_slug', '=', lesson.courseSlug)
    .where('lesson_slug', '=', lesson.slug)
    .executeTakeFirst()
}
async function countRows(table: 'quiz_attempts' | 'lesson_progress' | 'audit_log') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
async function passCourse(user: TestUser, lessons: Lesson[]) {
  for (const lesson of lessons) {
    const outcome = await submit(user, lesson, rightForm(lesson))
    expect(outcome.status, lesson.slug).toBe(200)
    expect(outcome.data.graded.passed, lesson.slug).toBe(true)
  }
}

describe('taking a knowledge check', () => {
  test('the lesson page sends prompts and choices, never the answers or explanations', async () => {
    const trainee = await createUser(['trainee'])
    const page = await openLesson(trainee, lesson1)
    expect(page.status).toBe(200)
    expect(page.data.lesson.title).toBe(lesson1.title)
    // Every choice by its id with its label, in some order of this attempt's.
    expect(page.data.lesson.questions).toHaveLength(lesson1.questions.length)
    page.data.lesson.questions.forEach((sent: SentQuestion, i: number) => {
      const q = lesson1.questions[i]!
      expect(sent.prompt).toBe(q.prompt)
      expect([...sent.choices].sort((a, b) => a.id - b.id)).toEqual(q.choices.map((label, id) => ({ id, label })))
    })
    expect(page.data.lesson.shapes).toEqual(lesson1.questions.map((q) => ({ choices: q.choices.length, multiple: Array.isArray(q.answer) })))
    const sent = JSON.stringify(page.data)
    expect(sent).not.toContain('"answer"')
    for (const q of lesson1.questions) expect(sent).not.toContain(JSON.stringify(q.explanation))
    expect(page.data.complete).toBe(false)
    expect(page.data.attempts).toEqual([])
  })

  test('signed out, the lesson redirects to sign in and nothing is graded', async () => {
    const before = await countRows('quiz_attempts')
    const page = await run(lessonRoute.loader, await request(lessonPath(lesson1)), lessonParams(lesson1))
    expect(page.status).toBe(302)
    expect(page.location).toBe(`/login?redirectTo=${encodeURIComponent(lessonPath(lesson1))}`)
    const posted = await run(lessonRoute.action, await request(lessonPath(lesson1), { form: rightForm(lesson1) }), lessonParams(lesson1))
    expect(posted.status).toBe(302)
    expect(await countRows('quiz_attempts')).toBe(before)
  })

  test('a failed attempt is stored with its score and answers; the lesson is not complete', async () => {
    const trainee = await createUser(['trainee'])
    const n = lesson1.questions.length
    const form = wrongForm(lesson1, [0, 1]) // all but two right: below the 0.8 pass mark for 3–6 questions
    const outcome = await submit(trainee, lesson1, form)

    expect(outcome.status).toBe(200)
    expect(outcome.data.graded).toMatchObject({ correct: n - 2, total: n, passed: false })
    expect(outcome.data.graded.score).toBeCloseTo((n - 2) / n, 10)
    expect(outcome.data.graded.results.map((r: { correct: boolean }) => r.correct)).toEqual(lesson1.questions.map((_, i) => i > 1))
    // A first failure reveals nothing: no right choices, and no explanation of a question answered wrongly (it names the answer).
    expect(outcome.data.graded.results.map((r: { explanation?: string }) => r.explanation)).toEqual(
      lesson1.questions.map((q, i) => (i > 1 ? q.explanation : undefined)),
    )
    expect(outcome.data.graded.results.map((r: { expected?: number[] }) => r.expected)).toEqual(lesson1.questions.map(() => undefined))
    expect(outcome.data.reveal).toBe(false)

    const attempts = await attemptsOf(trainee.id)
    expect(attempts).toHaveLength(1)
    expect(attempts[0]).toMatchObject({ course_slug: 'intro-kap', lesson_slug: lesson1.slug, correct: n - 2, total: n, passed: 0 })
    expect(attempts[0]!.score).toBeCloseTo((n - 2) / n, 10)
    expect(JSON.parse(attempts[0]!.answers)).toEqual(asStored(lesson1, form))

    const progress = await progressOf(trainee.id, lesson1)
    expect(progress).toMatchObject({ attempts: 1, completed_at: null })
    expect(progress!.best_score).toBeCloseTo((n - 2) / n, 10)

    const page = await openLesson(trainee, lesson1)
    expect(page.data.complete).toBe(false)
    expect(page.data.attempts).toEqual([expect.objectContaining({ correct: n - 2, total: n, passed: false })])
    const course = await openCourse(trainee, 'intro-kap')
    expect(course.data.lessons[0]).toMatchObject({ slug: lesson1.slug, complete: false })
    expect(course.data.lessons[0].bestScore).toBeCloseTo((n - 2) / n, 10)
    expect(course.data.progress).toMatchObject({ completed: 0, complete: false, continueWith: lesson1.slug })
  })

  test('a passing attempt completes the lesson; a worse one later keeps the best score and the completion', async () => {
    const trainee = await createUser(['trainee'])
    const n = lesson1.questions.length

    expect((await submit(trainee, lesson1, wrongForm(lesson1))).data.graded).toMatchObject({ correct: 0, passed: false })
    expect(await progressOf(trainee.id, lesson1)).toMatchObject({ best_score: 0, attempts: 1, completed_at: null })

    // One wrong out of five still meets a 0.8 pass mark.
    const oneWrong = await submit(trainee, lesson1, wrongForm(lesson1, [firstMultiple(lesson1)]))
    expect(oneWrong.status).toBe(200)
    expect(oneWrong.data.graded).toMatchObject({ correct: n - 1, total: n, passed: (n - 1) / n >= intro.passMark })
    const passing = oneWrong.data.graded.passed ? oneWrong : await submit(trainee, lesson1, rightForm(lesson1))
    expect(passing.data.graded.passed).toBe(true)
    const afterPass = await progressOf(trainee.id, lesson1)
    expect(afterPass!.completed_at).not.toBeNull()
    const bestAfterPass = afterPass!.best_score
    expect(bestAfterPass).toBeCloseTo(passing.data.graded.score, 10)
    expect((await openLesson(trainee, lesson1)).data.complete).toBe(true)

    // A worse attempt: stored, but the best score and the completion stay.
    const worse = await submit(trainee, lesson1, wrongForm(lesson1))
    expect(worse.data.graded).toMatchObject({ correct: 0, passed: false })
    const afterWorse = await progressOf(trainee.id, lesson1)
    expect(afterWorse!.best_score).toBe(bestAfterPass)
    expect(afterWorse!.completed_at).toBe(afterPass!.completed_at)
    expect(afterWorse!.attempts).toBe(afterPass!.attempts + 1)
    const passedFlags = oneWrong.data.graded.passed ? [0, 1, 0] : [0, 0, 1, 0]
    expect((await attemptsOf(trainee.id)).map((a) => a.passed)).toEqual(passedFlags)
    expect((await openLesson(trainee, lesson1)).data.complete).toBe(true)

    // A better attempt raises the best score; the completion date is the first pass's.
    await submit(trainee, lesson1, rightForm(lesson1))
    const afterBetter = await progressOf(trainee.id, lesson1)
    expect(afterBetter!.best_score).toBe(1)
    expect(afterBetter!.completed_at).toBe(afterPass!.completed_at)

    const course = await openCourse(trainee, 'intro-kap')
    expect(course.data.lessons[0]).toMatchObject({ slug: lesson1.slug, complete: true, bestScore: 1 })
    expect(course.data.progress).toMatchObject({ completed: 1, continueWith: lesson2.slug })
  })

  test('bad answers get a 400 with the message beside the field, and nothing is written', async () => {
    const trainee = await createUser(['trainee'])
    const single = firstSingle(lesson1)
    const multiple = firstMultiple(lesson1)
    expect(single).toBeGreaterThanOrEqual(0)
    expect(multiple).toBeGreaterThanOrEqual(0)
    const right = rightForm(lesson1)
    const without = (key: string) => Object.fromEntries(Object.entries(right).filter(([k]) => k !== key))
    const choicesOf = (i: number) => lesson1.questions[i]!.choices.length

    const cases: { name: string; form: Form; field: string; message: string }[] = [
      { name: 'single answer missing', form: without(`q${single}`), field: `q${single}`, message: 'Choose an answer.' },
      { name: 'multiple answer missing', form: without(`q${multiple}`), field: `q${multiple}`, message: 'Choose at least one answer.' },
      { name: 'a choice ticked twice', form: { ...right, [`q${multiple}`]: ['0', '0'] }, field: `q${multiple}`, message: 'Choose each answer only once.' },
      {
        name: 'a single choice that does not exist',
        form: { ...right, [`q${single}`]: String(choicesOf(single)) },
        field: `q${single}`,
        message: 'That choice does not exist.',
      },
      {
        name: 'a ticked choice that does not exist',
        form: { ...right, [`q${multiple}`]: ['0', String(choicesOf(multiple))] },
        field: `q${multiple}`,
        message: 'That choice does not exist.',
      },
      {
        name: 'an extra field',
        form: { ...right, [`q${lesson1.questions.length}`]: '0' },
        field: 'form',
        message: `This form does not have the field q${lesson1.questions.length}. Reload the page and try again.`,
      },
      {
        name: 'an extra non-question field',
        form: { ...right, passed: '1' },
        field: 'form',
        message: 'This form does not have the field passed. Reload the page and try again.',
      },
    ]
    const before = { attempts: await countRows('quiz_attempts'), progress: await countRows('lesson_progress') }
    for (const c of cases) {
      const outcome = await submit(trainee, lesson1, c.form)
      expect(outcome.status, c.name).toBe(400)
      expect(outcome.data.ok, c.name).toBe(false)
      expect(outcome.data.errors, c.name).toEqual({ [c.field]: c.message })
      // What was posted comes back, so the form can be shown again as it was.
      for (const [key, value] of Object.entries(c.form)) expect(outcome.data.values[key], `${c.name}: ${key}`).toEqual(value)
    }
    expect(await countRows('quiz_attempts')).toBe(before.attempts)
    expect(await countRows('lesson_progress')).toBe(before.progress)
    expect(await progressOf(trainee.id, lesson1)).toBeUndefined()
  })

  test('an unknown course or lesson is a 404, for the page and the form', async () => {
    const trainee = await createUser(['trainee'])
    expect((await openCourse(trainee, 'no-such-course')).status).toBe(404)
    const unknownCourse = await run(lessonRoute.loader, await request('/learn/no-such-course/history', { user: trainee }), {
      course: 'no-such-course',
      lesson: lesson1.slug,
    })
    expect(unknownCourse.status).toBe(404)
    const unknownLesson = await run(lessonRoute.loader, await request('/learn/intro-kap/no-such-lesson', { user: trainee }), {
      course: 'intro-kap',
      lesson: 'no-such-lesson',
    })
    expect(unknownLesson.status).toBe(404)
    // A lesson of another course under this course's URL is not found either.
    const wrongCourse = await run(lessonRoute.loader, await request(`/learn/intro-kap/${advanced.lessons[0]!.slug}`, { user: trainee }), {
      course: 'intro-kap',
      lesson: advanced.lessons[0]!.slug,
    })
    expect(wrongCourse.status).toBe(404)

    const before = await countRows('quiz_attempts')
    const posted = await run(lessonRoute.action, await request('/learn/intro-kap/no-such-lesson', { user: trainee, form: { q0: '0' } }), {
      course: 'intro-kap',
      lesson: 'no-such-lesson',
    })
    expect(posted.status).toBe(404)
    expect(await countRows('quiz_attempts')).toBe(before)
  })
})

describe('prerequisites', () => {
  test('Advanced is refused (403, logged) until every Introductory lesson is passed, then opens', async () => {
    const trainee = await createUser(['trainee'])
    const advancedLesson = advanced.lessons[0]!
    const deniedRows = () =>
      db.selectFrom('audit_log').selectAll().where('actor_id', '=', trainee.id).where('action', '=', 'access.denied').orderBy('id').execute()

    const course = await openCourse(trainee, 'advanced-kap')
    expect(course.status).toBe(403)
    const denied = await deniedRows()
    expect(denied).toHaveLength(1)
    expect(denied[0]!.subject).toBe('course:advanced-kap')
    expect(JSON.parse(denied[0]!.detail!)).toMatchObject({
      method: 'GET',
      path: '/learn/advanced-kap',
      reason: expect.stringContaining('Complete Introductory KAP first.'),
    })

    expect((await openLesson(trainee, advancedLesson)).status).toBe(403)
    const attemptsBefore = await countRows('quiz_attempts')
    expect((await submit(trainee, advancedLesson, rightForm(advancedLesson))).status).toBe(403)
    expect(await countRows('quiz_attempts')).toBe(attemptsBefore)
    expect(await deniedRows()).toHaveLength(3)

    // Every lesson but the last: still locked.
    await passCourse(trainee, intro.lessons.slice(0, -1))
    expect((await openCourse(trainee, 'advanced-kap')).status).toBe(403)
    expect((await openLearn(trainee)).find((c) => c.slug === 'advanced-kap')!.locked).toBe('Complete Introductory KAP first.')

    await passCourse(trainee, intro.lessons.slice(-1))
    const opened = await openCourse(trainee, 'advanced-kap')
    expect(opened.status).toBe(200)
    expect(opened.data.previewOnly).toBeNull()
    expect(opened.data.lessons).toHaveLength(advanced.lessons.length)
    const lessonPage = await openLesson(trainee, advancedLesson)
    expect(lessonPage.status).toBe(200)
    expect(lessonPage.data.lesson.title).toBe(advancedLesson.title)
    const graded = await submit(trainee, advancedLesson, rightForm(advancedLesson))
    expect(graded.status).toBe(200)
    expect(graded.data.graded.passed).toBe(true)
    expect(await deniedRows()).toHaveLength(4) // the one refusal after 7 lessons; none once open

    const learn = await openLearn(trainee)
    expect(learn.find((c) => c.slug === 'intro-kap')).toMatchObject({ complete: true, completed: intro.lessons.length, continueWith: null })
    expect(learn.find((c) => c.slug === 'advanced-kap')).toMatchObject({ locked: null, completed: 1 })
  })

  test('staff may preview a locked course without it being logged as refused', async () => {
    const staff = await createUser(['staff'])
    const course = await openCourse(staff, 'advanced-kap')
    expect(course.status).toBe(200)
    expect(course.data.previewOnly).toBe('Complete Introductory KAP first.')
    expect(course.data.course.title).toBe(advanced.title)
    const lesson = await openLesson(staff, advanced.lessons[0]!)
    expect(lesson.status).toBe(200)
    expect(lesson.data.lesson.questions).toHaveLength(advanced.lessons[0]!.questions.length)
    const denied = await db.selectFrom('audit_log').select('id').where('actor_id', '=', staff.id).where('action', '=', 'access.denied').execute()
    expect(denied).toEqual([])
    // Other roles are not staff: a fellow is refused like a trainee.
    const fellow = await createUser(['fellow', 'supervisor'])
    expect((await openCourse(fellow, 'advanced-kap')).status).toBe(403)
  })
})

describe('/learn', () => {
  test('shows the progress numbers rising as lessons are tried and passed', async () => {
    const trainee = await createUser(['trainee'])
    const introCard = async () => (await openLearn(trainee)).find((c) => c.slug === 'intro-kap')!

    const start = await openLearn(trainee)
    expect(start.map((c) => c.slug)).toEqual(['intro-kap', 'advanced-kap'])
    expect(start[0]).toMatchObject({ lessons: intro.lessons.length, completed: 0, inProgress: 0, complete: false, continueWith: lesson1.slug, locked: null })
    expect(start[1]).toMatchObject({ lessons: advanced.lessons.length, completed: 0, locked: 'Complete Introductory KAP first.' })

    await submit(trainee, lesson2, wrongForm(lesson2))
    expect(await introCard()).toMatchObject({ completed: 0, inProgress: 1, continueWith: lesson2.slug })

    await submit(trainee, lesson1, rightForm(lesson1))
    expect(await introCard()).toMatchObject({ completed: 1, inProgress: 1, continueWith: lesson2.slug })

    await submit(trainee, lesson2, rightForm(lesson2))
    expect(await introCard()).toMatchObject({ completed: 2, inProgress: 0, complete: false, continueWith: intro.lessons[2]!.slug })

    // A failed retry of a passed lesson does not take the number down.
    await submit(trainee, lesson1, wrongForm(lesson1))
    expect(await introCard()).toMatchObject({ completed: 2, inProgress: 0 })

    // Another trainee's progress is their own.
    const other = await createUser(['trainee'])
    expect((await openLearn(other)).find((c) => c.slug === 'intro-kap')).toMatchObject({ completed: 0, inProgress: 0 })
  })
})

describe('the shuffled check', () => {
  const lesson = lesson1
  const orderOf = async (user: TestUser) => ((await openLesson(user, lesson)).data.lesson.questions as SentQuestion[]).map((q) => q.choices.map((c) => c.id))
  const wrongIds = (i: number) => wrongAnswer(lesson, i)

  test('the order is decided on the server: the same through reloads and a refused submit, new with the next attempt', async () => {
    const trainee = await createUser(['trainee'])
    const first = await orderOf(trainee)
    expect(await orderOf(trainee)).toEqual(first)
    expect(await orderOf(trainee)).toEqual(first)
    // Shuffled, not the content file's order, for at least one question.
    expect(first.some((order) => order.some((id, place) => id !== place))).toBe(true)

    // A refusal (an answer missing) stores no attempt, so the page shows the same order again.
    const { q0: _missing, ...withoutFirst } = rightForm(lesson)
    expect((await submit(trainee, lesson, withoutFirst)).status).toBe(400)
    expect(await orderOf(trainee)).toEqual(first)

    // A graded attempt: the next one shows every question in another order, and keeps it through reloads.
    expect((await submit(trainee, lesson, wrongForm(lesson))).status).toBe(200)
    const second = await orderOf(trainee)
    second.forEach((order, q) => expect(order, `question ${q}`).not.toEqual(first[q]))
    expect(await orderOf(trainee)).toEqual(second)
    await submit(trainee, lesson, rightForm(lesson))
    const third = await orderOf(trainee)
    third.forEach((order, q) => expect(order, `question ${q}`).not.toEqual(second[q]))

    // Another person starts from an order of their own.
    const other = await createUser(['trainee'])
    expect(await orderOf(other)).not.toEqual(first)
  })

  test('grading reads the choice ids posted, never the places they were shown in', async () => {
    const trainee = await createUser(['trainee'])
    const shown = await orderOf(trainee)
    // The right answers by id pass, whatever order they were shown in.
    const byId = await submit(trainee, lesson, rightForm(lesson))
    expect(byId.data.graded).toMatchObject({ correct: lesson.questions.length, passed: true })

    // Posting the place a right choice was shown at counts as the choice whose id that number is.
    const other = await createUser(['trainee'])
    const places = await orderOf(other)
    const byPlace: Form = Object.fromEntries(
      lesson.questions.map((q, i) => {
        const placesOfRight = expectedOf(q).map((id) => places[i]!.indexOf(id))
        return [`q${i}`, Array.isArray(q.answer) ? placesOfRight.map(String) : String(placesOfRight[0])]
      }),
    )
    const sameAsId = lesson.questions.map((q, i) => {
      const posted = [byPlace[`q${i}`]!].flat().map(Number).sort()
      const expected = [...expectedOf(q)].sort()
      return posted.length === expected.length && posted.every((v, j) => v === expected[j])
    })
    expect(sameAsId.includes(false), 'the shuffle moved at least one right answer').toBe(true)
    const graded = await submit(other, lesson, byPlace)
    expect(graded.status).toBe(200)
    expect(graded.data.graded.results.map((r: { correct: boolean }) => r.correct)).toEqual(sameAsId)
    expect(shown).not.toEqual(places)
  })

  test('the correct answers come only after a pass or after 2 failed attempts', async () => {
    const trainee = await createUser(['trainee'])
    const n = lesson.questions.length
    const explanations = lesson.questions.map((q) => q.explanation)

    const first = await submit(trainee, lesson, wrongForm(lesson))
    expect(first.data.reveal).toBe(false)
    const firstSent = JSON.stringify(first.data)
    expect(firstSent).not.toContain('"expected"')
    for (const text of explanations) expect(firstSent).not.toContain(JSON.stringify(text).slice(1, -1))
    expect(first.data.graded.results).toEqual(lesson.questions.map((_, i) => ({ correct: false, chosen: [wrongIds(i)].flat().map(Number) })))
    // Nor does the page after it.
    const page = JSON.stringify((await openLesson(trainee, lesson)).data)
    expect(page).not.toContain('"expected"')
    expect(page).not.toContain('"answer"')
    for (const text of explanations) expect(page).not.toContain(JSON.stringify(text).slice(1, -1))

    const second = await submit(trainee, lesson, wrongForm(lesson))
    expect(second.data.reveal).toBe(true)
    expect(second.data.graded.results).toEqual(
      lesson.questions.map((q, i) => ({
        correct: false,
        chosen: [wrongIds(i)].flat().map(Number),
        expected: [...expectedOf(q)].sort(),
        explanation: q.explanation,
      })),
    )
    expect(second.data.summary).toMatchObject({ headline: `Not passed yet: 0 of ${n} correct`, scores: 'This attempt 0 % · best 0 % (not passed yet)' })

    // A pass at the first attempt reveals them at once.
    const passer = await createUser(['trainee'])
    const passed = await submit(passer, lesson, wrongForm(lesson, [firstMultiple(lesson)]))
    expect(passed.data.graded.passed).toBe(true)
    expect(passed.data.reveal).toBe(true)
    expect(passed.data.graded.results[firstMultiple(lesson)]).toMatchObject({
      correct: false,
      expected: [...expectedOf(lesson.questions[firstMultiple(lesson)]!)].sort(),
    })
  })

  test('a course may ask for another number of failed attempts first (revealAfterFailures)', async () => {
    expect(intro.revealAfterFailures).toBe(2)
    expect(advanced.revealAfterFailures).toBe(2)
    const trainee = await createUser(['trainee'])
    // The cached catalog is the one the route reads: the course's setting, as content/courses/intro-kap/course.md would give it.
    intro.revealAfterFailures = 3
    try {
      expect((await openLesson(trainee, lesson)).data.course.revealAfterFailures).toBe(3)
      expect((await submit(trainee, lesson, wrongForm(lesson))).data.reveal).toBe(false)
      expect((await submit(trainee, lesson, wrongForm(lesson))).data.reveal).toBe(false)
      const third = await submit(trainee, lesson, wrongForm(lesson))
      expect(third.data.reveal).toBe(true)
      expect(third.data.graded.results[0].expected).toEqual([...expectedOf(lesson.questions[0]!)])

      intro.revealAfterFailures = 1
      const early = await createUser(['trainee'])
      expect((await submit(early, lesson, wrongForm(lesson))).data.reveal).toBe(true)
    } finally {
      intro.revealAfterFailures = 2
    }
  })

  test('a retake below the mark after a pass reads "This attempt … · best … (passed)", never "Not passed yet"', async () => {
    const trainee = await createUser(['trainee'])
    const n = lesson.questions.length
    const pct = (k: number) => `${Math.round((k / n) * 100)} %`
    expect((await submit(trainee, lesson, rightForm(lesson))).data.summary).toEqual({
      outcome: 'passed',
      headline: `Passed: ${n} of ${n} correct`,
      scores: 'This attempt 100 % · best 100 % (passed)',
      next: 'This lesson is complete.',
    })
    const retake = await submit(trainee, lesson, wrongForm(lesson, [0, 1]))
    expect(retake.data.graded.passed).toBe(false)
    expect(retake.data.summary).toEqual({
      outcome: 'pass-stands',
      headline: `${n - 2} of ${n} correct this time`,
      scores: `This attempt ${pct(n - 2)} · best 100 % (passed)`,
      next: 'Your pass stands and the lesson stays complete.',
    })
    expect(JSON.stringify(retake.data.summary)).not.toMatch(/not passed/i)
    // After a pass, a retake's feedback shows the correct answers too.
    expect(retake.data.reveal).toBe(true)
    expect(retake.data.graded.results[0].expected).toEqual([...expectedOf(lesson.questions[0]!)].sort())
  })
})
