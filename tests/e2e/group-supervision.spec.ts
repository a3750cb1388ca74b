import type { Browser } from '@playwright/test'
import { insertRecord } from '#app/demo/program.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { createPerson, db, expect, signInAs, test, unique, waitForHydration } from './fixtures.ts'
import { VERIFIED } from '#tests/support/licenses.ts'

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)

/** Another signed-in person in their own browser context, held to the same CSP / page-error standard as `page`. */
async function openAs(browser: Browser, problems: string[], user: { id: number }) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) problems.push(`CSP: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  await signInAs(page, user)
  return { context, page }
}

/** A supervisor with a verified license and these fellows assigned. */
async function supervisorOf(name: string, fellows: { id: number }[]) {
  const supervisor = await createPerson(['supervisor'], name)
  await db
    .updateTable('users')
    .set({ license_type: 'LMFT', license_number: unique('L'), license_state: 'CA', ...VERIFIED })
    .where('id', '=', supervisor.id)
    .execute()
  for (const fellow of fellows) {
    await db
      .insertInto('supervisor_assignments')
      .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: null })
      .execute()
  }
  return supervisor
}

test('a supervisor records a group meeting for two fellows; each sees the signed record in their hours and comments; the supervisor replies', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000)
  const fellows = [await createPerson(['trainee', 'fellow'], `Avery ${unique('g')}`), await createPerson(['trainee', 'fellow'], `Bianca ${unique('g')}`)]
  const absent = await createPerson(['trainee', 'fellow'], `Caleb ${unique('g')}`)
  const supervisor = await supervisorOf(`Dr. Group ${unique('s')}`, [...fellows, absent])
  const date = daysAgo(3)
  const topic = `Holding silence in a group ${unique('t')}`

  // 1. The supervisor records the meeting once, from the review queue.
  await signInAs(page, supervisor)
  await page.goto('/review')
  await page.getByRole('link', { name: 'Group supervision' }).click()
  await expect(page.getByText('No group meetings yet.')).toBeVisible()
  await page.getByRole('link', { name: 'Record a meeting' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Record a group supervision meeting' })).toBeVisible()
  await waitForHydration(page, 'Sign and record the meeting')
  await page.getByLabel('Date').fill(date)
  await page.getByLabel('Duration (minutes)').fill('90')
  await page.getByLabel('Virtual').check()
  await page.getByLabel('Topic').fill(topic)
  const attended = page.getByRole('group', { name: 'Fellows who attended' })
  await attended.getByLabel(fellows[0]!.name).check()
  // One fellow is not a group: the browser says so beside the list before anything is sent.
  await page.getByLabel('Your full name, as on your license').fill(supervisor.name)
  await page.getByRole('button', { name: 'Sign and record the meeting' }).click()
  await expect(attended.getByText('Tick at least 2 fellows: a group has at least 2.')).toBeVisible()
  await attended.getByLabel(fellows[1]!.name).check()
  await page.getByRole('button', { name: 'Sign and record the meeting' }).click()
  await expect(page.getByRole('status')).toHaveText('Meeting recorded: 2 signed group supervision records, one in each fellow’s hours.')
  await expect(page.getByRole('heading', { level: 1, name: `Group supervision · ${formatDate(date)}` })).toBeVisible()
  const attendees = page.getByRole('region', { name: 'Attendees' })
  for (const fellow of fellows) await expect(attendees.getByText(fellow.name, { exact: true })).toBeVisible()
  await expect(attendees.getByText(absent.name)).toHaveCount(0)
  await expect(attendees.getByText('group of 2')).toHaveCount(2)

  // 2. Each fellow finds it in their hours, signed, and comments on it.
  const problems: string[] = []
  for (const [i, fellow] of fellows.entries()) {
    const side = await openAs(browser, problems, fellow)
    const mine = side.page
    await mine.goto('/hours')
    const row = mine.getByRole('row').filter({ has: mine.getByRole('link', { name: formatDate(date), exact: true }) })
    await expect(row).toContainText('Supervision / consultation')
    await expect(row).toContainText('Approved')
    await row.getByRole('link', { name: formatDate(date), exact: true }).click()
    await expect(mine.getByText('Group (2 people)')).toBeVisible()
    await expect(mine.getByText(topic)).toBeVisible()
    await expect(mine.getByRole('heading', { level: 2, name: 'Group supervision meeting' })).toBeVisible()
    await expect(mine.getByText('Recorded by the supervisor at a group supervision meeting')).toBeVisible()
    await waitForHydration(mine, 'Post comment')
    await mine.getByRole('button', { name: 'Post comment' }).click()
    await expect(mine.getByText('Write your comment.')).toBeVisible()
    await mine.getByLabel('Your comment').fill(`Comment from fellow ${i + 1}: the silence felt long.`)
    await mine.getByRole('button', { name: 'Post comment' }).click()
    await expect(mine.getByRole('status')).toHaveText('Reply added; your supervisor has been told.')
    await expect(mine.getByRole('list', { name: 'Comments' })).toContainText(`Comment from fellow ${i + 1}: the silence felt long.`)
    await side.context.close()
  }

  // 3. The supervisor reads the first fellow's comment on their record and replies.
  const recordId = (
    await db.selectFrom('records').select('id').where('fellow_id', '=', fellows[0]!.id).where('occurred_on', '=', date).executeTakeFirstOrThrow()
  ).id
  await page.goto(`/review/${recordId}`)
  const thread = page.getByRole('list', { name: 'Comments' })
  await expect(thread).toContainText('Comment from fellow 1: the silence felt long.')
  await expect(thread).not.toContainText('Comment from fellow 2')
  await waitForHydration(page, 'Post reply')
  await page.getByLabel('Your reply').fill('Long silences are part of the work. Notice what you want to fill them with.')
  await page.getByRole('button', { name: 'Post reply' }).click()
  await expect(page.getByRole('status')).toHaveText('Comment added; the fellow has been told.')

  // 4. The fellow sees the reply under their comment, in order.
  const first = await openAs(browser, problems, fellows[0]!)
  await first.page.goto(`/hours/${recordId}`)
  const items = first.page.getByRole('list', { name: 'Comments' }).getByRole('listitem')
  await expect(items).toHaveCount(2)
  await expect(items.nth(0)).toContainText('Comment from fellow 1')
  await expect(items.nth(1)).toContainText('Long silences are part of the work.')
  await expect(items.nth(1)).toContainText(supervisor.name)
  await first.context.close()
  expect(problems, 'no CSP violations or page errors in the fellows’ browsers').toEqual([])
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a fellow who already logged this meeting: the supervisor is asked first, ticks “different session”, and the meeting is recorded', async ({ page }) => {
    test.setTimeout(120_000)
    const fellows = [await createPerson(['trainee', 'fellow'], `Dana ${unique('g')}`), await createPerson(['trainee', 'fellow'], `Eli ${unique('g')}`)]
    const supervisor = await supervisorOf(`Dr. Twice ${unique('s')}`, fellows)
    const date = daysAgo(5)
    await insertRecord(
      db,
      { fellowId: fellows[0]!.id, kind: 'supervision', status: 'submitted', occurredOn: date, minutes: 60, fields: { supervisor_name: supervisor.name } },
      1,
    )

    await signInAs(page, supervisor)
    await page.goto('/review/group-supervision/new')
    await page.getByLabel('Date').fill(date)
    await page.getByLabel('Duration (minutes)').fill('60')
    await page.getByLabel('In person').check()
    await page.getByLabel('Topic').fill('Pacing the integration hour')
    const attended = page.getByRole('group', { name: 'Fellows who attended' })
    for (const fellow of fellows) await attended.getByLabel(fellow.name).check()
    await page.getByLabel('Your full name, as on your license').fill(supervisor.name)
    await page.getByRole('button', { name: 'Sign and record the meeting' }).click()

    const box = page.getByRole('group', { name: 'Possible duplicate' })
    await expect(box).toContainText(`${fellows[0]!.name} already has a supervision record with you on ${formatDate(date)}`)
    // What was typed is kept; only the box is new.
    await expect(page.getByLabel('Topic')).toHaveValue('Pacing the integration hour')
    await box.getByLabel('Yes, this is a different session').check()
    await page.getByLabel('Your full name, as on your license').fill(supervisor.name)
    await page.getByRole('button', { name: 'Sign and record the meeting' }).click()
    await expect(page.getByRole('status')).toHaveText('Meeting recorded: 2 signed group supervision records, one in each fellow’s hours.')
  })
})
