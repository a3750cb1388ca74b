import type { Page } from '@playwright/test'
import { loadCatalog, type Lesson } from '#app/curriculum/content.server.ts'
import { createPerson, db, expect, signInAs, test, waitForHydration } from './fixtures.ts'

// The same content files the server reads: questions, choices and the right answers.
const catalog = loadCatalog()
const intro = catalog.course('intro-kap')!
const [lesson1, lesson2] = intro.lessons as [Lesson, Lesson, ...Lesson[]]

function question(page: Page, lesson: Lesson, i: number) {
  return page.getByRole('group', { name: `${i + 1}. ${lesson.questions[i]!.prompt}`, exact: true })
}

/** Ticks the right answers, or a wrong one for every question (one wrong box for multiple-answer questions). */
async function answer(page: Page, lesson: Lesson, how: 'right' | 'wrong') {
  for (const [i, q] of lesson.questions.entries()) {
    const group = question(page, lesson, i)
    const expected = Array.isArray(q.answer) ? q.answer : [q.answer]
    const multiple = Array.isArray(q.answer)
    const role = multiple ? 'checkbox' : 'radio'
    const picks = how === 'right' ? expected : [q.choices.findIndex((_, c) => !expected.includes(c))]
    expect(picks[0], `question ${i + 1} has a wrong choice to pick`).toBeGreaterThanOrEqual(0)
    for (const c of picks) await group.getByRole(role, { name: q.choices[c]!, exact: true }).check()
  }
}

async function attemptsOf(userId: number, lesson: Lesson) {
  return db
    .selectFrom('quiz_attempts')
    .select(['score', 'passed'])
    .where('user_id', '=', userId)
    .where('course_slug', '=', lesson.courseSlug)
    .where('lesson_slug', '=', lesson.slug)
    .orderBy('id')
    .execute()
}

async function expectLessonShown(page: Page, lesson: Lesson) {
  await expect(page.getByRole('heading', { level: 1, name: lesson.title, exact: true })).toBeVisible()
  const toc = page.getByRole('navigation', { name: 'On this page' })
  await expect(toc).toBeVisible()
  const sections = lesson.headings.filter((h) => h.depth === 2)
  expect(sections.length).toBeGreaterThan(1)
  for (const h of sections) await expect(toc.getByRole('link', { name: h.text, exact: true })).toHaveAttribute('href', `#${h.id}`)
  await expect(toc.getByRole('link', { name: 'Knowledge check' })).toBeVisible()
  const article = page.getByRole('article', { name: lesson.title })
  await expect(article.getByRole('heading', { level: 2, name: sections[0]!.text, exact: true })).toBeVisible()
}

/** The result after a first failed check: the verdict, every question marked wrong, and nothing that names a right answer yet. */
async function expectNotPassed(page: Page, lesson: Lesson) {
  const n = lesson.questions.length
  const status = page.getByRole('status').filter({ hasText: 'Not passed yet' })
  await expect(status).toContainText(`Not passed yet: 0 of ${n} correct. This attempt 0 % · best 0 % (not passed yet)`)
  await expect(status).toContainText('The correct answers are shown once you pass, or after 2 attempts that do not.')
  await expect(page.getByText('Incorrect', { exact: true })).toHaveCount(n)
  for (const q of lesson.questions) await expect(page.getByText(q.explanation, { exact: true })).toHaveCount(0)
  await expect(page.getByText(/^Correct answers?:$/)).toHaveCount(0)
}

async function expectPassed(page: Page, lesson: Lesson) {
  const n = lesson.questions.length
  const status = page.getByRole('status').filter({ hasText: /^Passed/ })
  await expect(status).toContainText(`Passed: ${n} of ${n} correct. This attempt 100 % · best 100 % (passed)`)
  await expect(status).toContainText('This lesson is complete.')
  await expect(page.getByText('Correct', { exact: true })).toHaveCount(n)
  for (const q of lesson.questions) await expect(page.getByText(q.explanation, { exact: true })).toBeVisible()
}

test('a trainee reads the first lesson, fails the check, retries, passes and sees progress on /learn', async ({ page }) => {
  // Two graded attempts and a walk to /learn: past the default minute on a busy machine.
  test.slow()
  const trainee = await createPerson(['trainee'])
  await signInAs(page, trainee)

  await page.goto('/learn')
  await expect(page.getByRole('heading', { level: 1, name: 'Curriculum' })).toBeVisible()
  const introCard = page.getByRole('region', { name: intro.title })
  await expect(introCard.getByRole('progressbar', { name: `Lessons complete: 0 of ${intro.lessons.length}` })).toBeVisible()
  await introCard.getByRole('link', { name: 'Start the course' }).click()

  await expect(page.getByRole('heading', { level: 1, name: intro.title })).toBeVisible()
  await page.getByRole('region', { name: 'Lessons' }).getByRole('link', { name: lesson1.title, exact: true }).click()

  await expectLessonShown(page, lesson1)
  await waitForHydration(page, 'Check my answers')

  await answer(page, lesson1, 'wrong')
  await page.getByRole('button', { name: 'Check my answers' }).click()
  await expectNotPassed(page, lesson1)
  await expect.poll(() => attemptsOf(trainee.id, lesson1)).toEqual([{ score: 0, passed: 0 }])

  await page.getByRole('link', { name: 'Try again' }).click()
  await expect(question(page, lesson1, 0)).toBeVisible()
  await expect(page.getByRole('status').filter({ hasText: 'Not passed yet' })).toHaveCount(0)
  await answer(page, lesson1, 'right')
  await page.getByRole('button', { name: 'Check my answers' }).click()
  await expectPassed(page, lesson1)
  await expect(page.getByText('✓ Complete')).toBeVisible()
  await expect
    .poll(() => attemptsOf(trainee.id, lesson1))
    .toEqual([
      { score: 0, passed: 0 },
      { score: 1, passed: 1 },
    ])

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learn' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Curriculum' })).toBeVisible()
  await expect(introCard).toContainText('1 / 8')
  await expect(introCard.getByRole('progressbar', { name: 'Lessons complete: 1 of 8' })).toBeVisible()
  await expect(introCard.getByRole('link', { name: 'Continue' })).toBeVisible()
})

test('with JavaScript off, the server checks, grades and shows the results', async ({ browser }) => {
  // Two graded attempts and a walk to /learn: past the default minute on a busy machine.
  test.slow()
  const trainee = await createPerson(['trainee'])
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    await signInAs(page, trainee)
    await page.goto('/learn')
    await page.getByRole('region', { name: intro.title }).getByRole('link', { name: 'Start the course' }).click()
    await page.getByRole('region', { name: 'Lessons' }).getByRole('link', { name: lesson2.title, exact: true }).click()
    await expectLessonShown(page, lesson2)

    // Nothing chosen: the server refuses with the message beside each question and stores nothing.
    const empty = page.waitForResponse((r) => r.request().method() === 'POST')
    await page.getByRole('button', { name: 'Check my answers' }).click()
    expect((await empty).status()).toBe(400)
    const first = question(page, lesson2, 0)
    const firstMessage = Array.isArray(lesson2.questions[0]!.answer) ? 'Choose at least one answer.' : 'Choose an answer.'
    await expect(first.getByText(firstMessage)).toBeVisible()
    await expect(first).toHaveAccessibleDescription(new RegExp(firstMessage.replace('.', '\\.')))
    expect(await attemptsOf(trainee.id, lesson2)).toEqual([])

    await answer(page, lesson2, 'wrong')
    await page.getByRole('button', { name: 'Check my answers' }).click()
    await expectNotPassed(page, lesson2)
    expect(await attemptsOf(trainee.id, lesson2)).toEqual([{ score: 0, passed: 0 }])

    await page.getByRole('link', { name: 'Try again' }).click()
    await expect(page).toHaveURL(new RegExp(`/learn/intro-kap/${lesson2.slug}\\?retry#check$`))
    await expect(page.getByRole('status').filter({ hasText: 'Not passed yet' })).toHaveCount(0)
    await answer(page, lesson2, 'right')
    await page.getByRole('button', { name: 'Check my answers' }).click()
    await expectPassed(page, lesson2)
    expect(await attemptsOf(trainee.id, lesson2)).toEqual([
      { score: 0, passed: 0 },
      { score: 1, passed: 1 },
    ])
    // And again from there: the form comes back, every time.
    await page.getByRole('link', { name: 'Take the check again' }).click()
    await expect(question(page, lesson2, 0)).toBeVisible()
    await expect(page.getByRole('button', { name: 'Check my answers' })).toBeVisible()
    await expect(page.getByRole('status').filter({ hasText: /^Passed/ })).toHaveCount(0)
    await expect(page.getByText('✓ Complete')).toBeVisible()

    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Learn' }).click()
    const introCard = page.getByRole('region', { name: intro.title })
    await expect(introCard).toContainText('1 / 8')
    await introCard.getByRole('link', { name: 'Continue' }).click()
    const lessons = page.getByRole('region', { name: 'Lessons' })
    await expect(lessons.getByRole('listitem').filter({ hasText: lesson2.title })).toContainText('✓ Complete')
    await expect(lessons.getByRole('listitem').filter({ hasText: lesson1.title })).toContainText('Not started')
    expect(errors).toEqual([])
  } finally {
    await context.close()
  }
})

test('with JavaScript on, an empty check is caught in the browser and nothing is sent or stored', async ({ page }) => {
  const trainee = await createPerson(['trainee'])
  await signInAs(page, trainee)
  const posts: string[] = []
  const schemaScripts: string[] = []
  page.on('request', (r) => {
    if (r.method() !== 'GET') posts.push(`${r.method()} ${r.url()}`)
    if (/knowledge-check-schema/.test(r.url())) schemaScripts.push(r.url())
  })

  await page.goto(`/learn/intro-kap/${lesson1.slug}`)
  await expectLessonShown(page, lesson1)
  await waitForHydration(page, 'Check my answers')
  // The check's schema, and zod with it, is not part of the page: a reader who never answers never loads it.
  expect(schemaScripts).toEqual([])
  await page.getByRole('button', { name: 'Check my answers' }).click()

  const first = question(page, lesson1, 0)
  expect(Array.isArray(lesson1.questions[0]!.answer)).toBe(false)
  await expect(first.getByText('Choose an answer.')).toBeVisible()
  await expect(first).toHaveAccessibleDescription(/Choose an answer\./)
  expect(schemaScripts).toHaveLength(1)
  for (const [i, q] of lesson1.questions.entries()) {
    await expect(question(page, lesson1, i).getByText(Array.isArray(q.answer) ? 'Choose at least one answer.' : 'Choose an answer.')).toBeVisible()
  }
  // Still the form, not a result.
  await expect(page.getByRole('button', { name: 'Check my answers' })).toBeVisible()
  expect(posts).toEqual([])
  expect(await attemptsOf(trainee.id, lesson1)).toEqual([])

  // Answering the first question clears its message once it is valid.
  const q0 = lesson1.questions[0]!
  await first.getByRole('radio', { name: q0.choices[q0.answer as number]!, exact: true }).check()
  await expect(first.getByText('Choose an answer.')).toHaveCount(0)
  expect(posts).toEqual([])
})

test('with JavaScript on but the check’s schema not fetched (offline, or replaced by a newer release), the answers still go to the server', async ({
  page,
}) => {
  const trainee = await createPerson(['trainee'])
  await signInAs(page, trainee)
  await page.route(/knowledge-check-schema/, (route) => route.abort())
  const posts: string[] = []
  page.on('request', (r) => {
    if (r.method() !== 'GET') posts.push(r.method())
  })

  await page.goto(`/learn/intro-kap/${lesson1.slug}`)
  await waitForHydration(page, 'Check my answers')
  await answer(page, lesson1, 'wrong')
  await page.getByRole('button', { name: 'Check my answers' }).click()
  await expectNotPassed(page, lesson1)
  expect(posts).toEqual(['POST'])
  expect(await attemptsOf(trainee.id, lesson1)).toEqual([{ score: 0, passed: 0 }])
})

/** The labels of each question's choices, in the order the page shows them. */
async function shownOrder(page: Page, lesson: Lesson) {
  const orders: string[][] = []
  for (const [i, q] of lesson.questions.entries()) {
    // Read a question only once the page has rendered all of its choices: right after a navigation the document may still be arriving.
    const labels = question(page, lesson, i).locator('label')
    await expect(labels).toHaveCount(q.choices.length)
    orders.push(await labels.allTextContents())
  }
  return orders
}

/** Right answers, except a wrong one for the questions listed. */
async function answerAllBut(page: Page, lesson: Lesson, wrongAt: number[]) {
  await answer(page, lesson, 'right')
  for (const i of wrongAt) {
    const q = lesson.questions[i]!
    expect(Array.isArray(q.answer), `question ${i + 1} has one answer`).toBe(false)
    const wrong = q.choices.findIndex((_, c) => c !== q.answer)
    await question(page, lesson, i).getByRole('radio', { name: q.choices[wrong]!, exact: true }).check()
  }
}

/** Nothing in what the server sent names a right answer: no explanation, no list of expected choices. */
function expectNothingRevealed(sent: string, lesson: Lesson) {
  // The key the grade's right choices travel under, however the payload is escaped.
  expect(sent).not.toMatch(/[\\"]expected[\\"]/)
  expect(sent).not.toContain('Correct answer')
  for (const q of lesson.questions) expect(sent).not.toContain(q.explanation.slice(0, 60))
}

const different = (a: string[][], b: string[][]) => a.every((order, q) => order.join('|') !== b[q]!.join('|'))

test.describe('the shuffled check', () => {
  test('choices shuffled per attempt; the correct answers only after 2 failures; a retake below the mark keeps the pass; the score comes into view', async ({
    page,
  }) => {
    // Four or five attempts in one journey.
    test.slow()
    const lesson = lesson1
    const n = lesson.questions.length
    const multiple = lesson.questions.findIndex((q) => Array.isArray(q.answer))
    expect(multiple).toBeGreaterThanOrEqual(0)
    const trainee = await createPerson(['trainee'])
    await signInAs(page, trainee)
    await page.goto(`/learn/intro-kap/${lesson.slug}`)
    await waitForHydration(page, 'Check my answers')
    const first = await shownOrder(page, lesson)
    expect(first.map((o) => [...o].sort())).toEqual(lesson.questions.map((q) => [...q.choices].sort()))
    expect(
      first.some((o, i) => o.join('|') !== lesson.questions[i]!.choices.join('|')),
      'shuffled, not the file order',
    ).toBe(true)
    await page.reload()
    await waitForHydration(page, 'Check my answers')
    expect(await shownOrder(page, lesson)).toEqual(first)

    // First failure: the score is on screen and focused; nothing names a right answer, on the page or in what was sent.
    await answer(page, lesson, 'wrong')
    const firstPost = page.waitForResponse((r) => r.request().method() === 'POST')
    await page.getByRole('button', { name: 'Check my answers' }).click()
    const firstSent = await (await firstPost).text()
    const status = page.getByRole('status').filter({ hasText: 'This attempt' })
    await expect(status).toContainText('This attempt 0 % · best 0 % (not passed yet)')
    await expect(status).toBeFocused()
    await expect(status).toBeInViewport({ ratio: 1 })
    await expectNotPassed(page, lesson)
    expectNothingRevealed(firstSent, lesson)

    // The next attempt shows every question in another order, and the second failure shows the correct answers.
    await page.getByRole('link', { name: 'Try again' }).click()
    await expect(question(page, lesson, 0)).toBeVisible()
    const second = await shownOrder(page, lesson)
    expect(different(second, first)).toBe(true)
    await answer(page, lesson, 'wrong')
    await page.getByRole('button', { name: 'Check my answers' }).click()
    await expect(status).toContainText(`Not passed yet: 0 of ${n} correct. This attempt 0 % · best 0 % (not passed yet)`)
    await expect(status).toContainText('The correct answers are shown below.')
    await expect(status).toBeFocused()
    await expect(status).toBeInViewport({ ratio: 1 })
    const results = page.getByRole('listitem').filter({ has: page.getByText('Incorrect', { exact: true }) })
    await expect(results).toHaveCount(n)
    for (const [i, q] of lesson.questions.entries()) {
      const item = results.nth(i)
      await expect(item.getByText(q.explanation, { exact: true })).toBeVisible()
      if (Array.isArray(q.answer)) {
        // Several answers read as a list, one item each.
        await expect(item.getByRole('list', { name: 'Correct answers:' }).getByRole('listitem')).toHaveText(q.answer.map((c) => q.choices[c]!))
        await expect(item.getByRole('list', { name: 'Your answers:' }).getByRole('listitem')).toHaveCount(1)
      } else {
        await expect(item.getByText(`Correct answer: ${q.choices[q.answer]}`, { exact: true })).toBeVisible()
      }
    }

    // A pass, then a retake below the mark: this attempt beside the best, and the pass stands.
    await page.getByRole('link', { name: 'Try again' }).click()
    const third = await shownOrder(page, lesson)
    expect(different(third, second)).toBe(true)
    await answer(page, lesson, 'right')
    await page.getByRole('button', { name: 'Check my answers' }).click()
    await expectPassed(page, lesson)
    await expect(status).toBeFocused()
    await expect(status).toBeInViewport({ ratio: 1 })

    await page.getByRole('link', { name: 'Take the check again' }).click()
    await answerAllBut(page, lesson, [0, 1])
    await page.getByRole('button', { name: 'Check my answers' }).click()
    const pct = `${Math.round(((n - 2) / n) * 100)} %`
    await expect(status).toContainText(`${n - 2} of ${n} correct this time. This attempt ${pct} · best 100 % (passed)`)
    await expect(status).toContainText('Your pass stands and the lesson stays complete.')
    await expect(status).toBeFocused()
    await expect(status).toBeInViewport({ ratio: 1 })
    await expect(page.getByText(/not passed yet/i)).toHaveCount(0)
    // The multiple-answer question answered right: the reply reads as a list of the choices ticked.
    const q = lesson.questions[multiple]!
    await expect(page.getByRole('list', { name: 'Your answers:' }).getByRole('listitem')).toHaveText((q.answer as number[]).map((c) => q.choices[c]!))
    await expect(page.getByText('✓ Complete')).toBeVisible()
    await expect.poll(async () => (await attemptsOf(trainee.id, lesson)).map((a) => a.passed)).toEqual([0, 0, 1, 0])
  })

  test('without JavaScript, on a phone: the order holds through a refusal, the score is focused and on screen, the answers come after 2 failures', async ({
    browser,
  }) => {
    // Four or five attempts in one journey.
    test.slow()
    const lesson = lesson2
    const trainee = await createPerson(['trainee'])
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL, viewport: { width: 390, height: 844 } })
    const page = await context.newPage()
    try {
      await signInAs(page, trainee)
      await page.goto(`/learn/intro-kap/${lesson.slug}`)
      const first = await shownOrder(page, lesson)
      await page.reload()
      expect(await shownOrder(page, lesson)).toEqual(first)

      // A refusal comes back in the same order, with what was chosen still chosen.
      const q0 = lesson.questions[0]!
      const firstAnswer = Array.isArray(q0.answer) ? q0.answer[0]! : q0.answer
      await question(page, lesson, 0)
        .getByRole(Array.isArray(q0.answer) ? 'checkbox' : 'radio', { name: q0.choices[firstAnswer]!, exact: true })
        .check()
      const refused = page.waitForResponse((r) => r.request().method() === 'POST')
      await page.getByRole('button', { name: 'Check my answers' }).click()
      expect((await refused).status()).toBe(400)
      expect(await shownOrder(page, lesson)).toEqual(first)
      await expect(
        question(page, lesson, 0).getByRole(Array.isArray(q0.answer) ? 'checkbox' : 'radio', { name: q0.choices[firstAnswer]!, exact: true }),
      ).toBeChecked()

      await answer(page, lesson, 'wrong')
      await page.getByRole('button', { name: 'Check my answers' }).click()
      const status = page.getByRole('status').filter({ hasText: 'This attempt' })
      await expect(status).toContainText('Not passed yet')
      await expect(status).toBeFocused()
      await expect(status).toBeInViewport({ ratio: 1 })
      expectNothingRevealed(await page.content(), lesson)

      await page.getByRole('link', { name: 'Try again' }).click()
      expect(different(await shownOrder(page, lesson), first)).toBe(true)
      await answer(page, lesson, 'wrong')
      await page.getByRole('button', { name: 'Check my answers' }).click()
      await expect(status).toContainText('The correct answers are shown below.')
      await expect(status).toBeFocused()
      await expect(status).toBeInViewport({ ratio: 1 })
      for (const q of lesson.questions) await expect(page.getByText(q.explanation, { exact: true })).toBeVisible()
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    } finally {
      await context.close()
    }
  })
})
