import type { Page } from '@playwright/test'
import { loadCatalog, type Lesson } from '#app/curriculum/content.server.ts'
import { createPerson, db, expect, signInAs, test } from './fixtures.ts'

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

/** The result after a failed check: the verdict, every question marked wrong, every explanation shown. */
async function expectNotPassed(page: Page, lesson: Lesson) {
  const n = lesson.questions.length
  await expect(page.getByRole('status').filter({ hasText: 'Not passed yet' })).toContainText(`Not passed yet: 0 of ${n} correct (0%)`)
  await expect(page.getByText('Incorrect', { exact: true })).toHaveCount(n)
  for (const q of lesson.questions) await expect(page.getByText(q.explanation, { exact: true })).toBeVisible()
}

async function expectPassed(page: Page, lesson: Lesson) {
  const n = lesson.questions.length
  await expect(page.getByRole('status').filter({ hasText: /^Passed/ })).toContainText(`Passed: ${n} of ${n} correct (100%). This lesson is complete.`)
  await expect(page.getByText('Correct', { exact: true })).toHaveCount(n)
  for (const q of lesson.questions) await expect(page.getByText(q.explanation, { exact: true })).toBeVisible()
}

/** Waits until React has hydrated the check, so a submit goes through the browser-side validation. */
async function waitForHydration(page: Page) {
  await page.waitForFunction(() => {
    const button = [...document.querySelectorAll('button[type="submit"]')].find((b) => b.textContent === 'Check my answers')
    return !!button && Object.keys(button).some((key) => key.startsWith('__reactProps'))
  })
}

test('a trainee reads the first lesson, fails the check, retries, passes and sees progress on /learn', async ({ page }) => {
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
  await waitForHydration(page)

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
  page.on('request', (r) => {
    if (r.method() !== 'GET') posts.push(`${r.method()} ${r.url()}`)
  })

  await page.goto(`/learn/intro-kap/${lesson1.slug}`)
  await expectLessonShown(page, lesson1)
  await waitForHydration(page)
  await page.getByRole('button', { name: 'Check my answers' }).click()

  const first = question(page, lesson1, 0)
  expect(Array.isArray(lesson1.questions[0]!.answer)).toBe(false)
  await expect(first.getByText('Choose an answer.')).toBeVisible()
  await expect(first).toHaveAccessibleDescription(/Choose an answer\./)
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
