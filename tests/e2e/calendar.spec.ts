import { createPerson, db, expect, signInAs, test, unique, waitForHydration } from './fixtures.ts'

// The calendar through the real server and browser: a fellow plans a sitter session (the
// browser's check first, then the server's), sees it, subscribes to the feed and resets its link;
// a supervisor plans a meeting without JavaScript, and the fellow sees it.

/** A calendar date `days` from today (UTC). */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

async function assignedPair() {
  const fellow = await createPerson(['trainee', 'fellow'], `Fellow ${unique('cal')}`)
  const supervisor = await createPerson(['supervisor'], `Supervisor ${unique('cal')}`)
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: null })
    .execute()
  return { fellow, supervisor }
}

test('a fellow plans a sitter session, sees it, fetches the feed (no code in it) and resets the link', async ({ page, request }) => {
  // Generous: a long flow, on two cores shared with whatever else runs.
  test.setTimeout(120_000)
  const { fellow } = await assignedPair()
  await signInAs(page, fellow)
  await page.goto('/')
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Calendar' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Calendar' })).toBeVisible()
  await expect(page.getByText('Nothing planned.')).toBeVisible()

  await page.getByRole('link', { name: 'Plan a session or meeting', exact: true }).click()
  await page.getByRole('link', { name: /Sitter session/ }).click()
  await waitForHydration(page, 'Plan it')
  // The browser refuses a time that has passed, beside the date, before anything is sent.
  await page.getByLabel('Date').fill(daysAhead(-1))
  await page.getByLabel('Start time').fill('10:00')
  await page.getByLabel('Duration (minutes)').fill('180')
  await page.getByLabel('Time zone').selectOption('UTC')
  await page.getByLabel('Participant code (optional)').fill('P-0042')
  await page.getByRole('button', { name: 'Plan it' }).click()
  await expect(page.getByText('That time has passed. Plan a date and time that are still ahead.')).toBeVisible()
  expect(await db.selectFrom('planned_items').select('id').where('owner_id', '=', fellow.id).execute()).toEqual([])

  await page.getByLabel('Date').fill(daysAhead(7))
  await page.getByRole('button', { name: 'Plan it' }).click()
  await expect(page.getByText(/^Planned: sitter session on .+ at 10:00 UTC\.$/)).toBeVisible()
  await expect(page).toHaveURL(/\/calendar$/)
  const item = page.getByRole('listitem').filter({ hasText: 'Sitter session' })
  await expect(item).toContainText('10:00–13:00 UTC')
  await expect(item).toContainText('Code: P-0042')
  const stored = await db.selectFrom('planned_items').selectAll().where('owner_id', '=', fellow.id).executeTakeFirstOrThrow()
  expect(stored).toMatchObject({ starts_at: `${daysAhead(7)}T10:00:00.000Z`, ends_at: `${daysAhead(7)}T13:00:00.000Z`, participant_code: 'P-0042' })

  // Subscribe: the link is shown once, and the feed it names is the calendar without the code.
  await page.getByRole('button', { name: 'Create feed link' }).click()
  const first = await page.getByLabel(/Your feed link/).inputValue()
  expect(first).toMatch(/\/calendar\/feed\/[a-z2-7]{32}\.ics$/)
  const feed = await request.get(new URL(first).pathname)
  expect(feed.status()).toBe(200)
  expect(feed.headers()['content-type']).toBe('text/calendar; charset=utf-8')
  const text = await feed.text()
  const day = daysAhead(7).replace(/-/g, '')
  expect(text).toContain(`BEGIN:VEVENT\r\nUID:planned-${stored.id}@`)
  expect(text).toContain(`DTSTART:${day}T100000Z\r\nDTEND:${day}T130000Z\r\nSUMMARY:Sitter session\r\n`)
  expect(text).not.toContain('P-0042')

  // After a reload the link is not shown again; resetting gives a new one and the old one is gone.
  await page.reload()
  await expect(page.getByLabel(/Your feed link/)).toHaveCount(0)
  await page.getByRole('button', { name: 'Reset feed link' }).click()
  const second = await page.getByLabel(/Your new feed link/).inputValue()
  expect(second).not.toBe(first)
  await expect(page.getByText('The old link no longer works.')).toBeVisible()
  expect((await request.get(new URL(first).pathname)).status()).toBe(404)
  expect((await request.get(new URL(second).pathname)).status()).toBe(200)

  // Change it, then cancel it.
  await page.getByRole('link', { name: /Change or cancel: Sitter session/ }).click()
  await waitForHydration(page, 'Save changes')
  await page.getByLabel('Start time').fill('11:30')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByText(/^Changes saved: sitter session on .+ at 11:30\.$/)).toBeVisible()
  await expect(page.getByRole('listitem').filter({ hasText: 'Sitter session' })).toContainText('11:30–14:30 UTC')
  await page.getByRole('link', { name: /Change or cancel: Sitter session/ }).click()
  await page.getByRole('button', { name: 'Cancel this session' }).click()
  await expect(page.getByText(/^Cancelled: sitter session\./)).toBeVisible()
  await expect(page.getByText('Nothing planned.')).toBeVisible()
  expect(await (await request.get(new URL(second).pathname)).text()).not.toContain('BEGIN:VEVENT')
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a supervisor plans a meeting: refused beside the fields and kept, then planned; the fellow sees it, a stranger does not', async ({ page, browser }) => {
    test.setTimeout(120_000)
    const { fellow, supervisor } = await assignedPair()
    const stranger = await createPerson(['trainee', 'fellow'], `Stranger ${unique('cal')}`)
    await signInAs(page, supervisor)
    await page.goto('/calendar/new')
    // A supervisor plans meetings only: the form opens straight away.
    await expect(page.getByRole('heading', { level: 1, name: 'Plan: supervision meeting' })).toBeVisible()
    await page.getByLabel('Topic (optional)').fill('Integration after difficult sessions')
    await page.getByRole('button', { name: 'Plan it' }).click()
    await expect(page.getByText('Enter the date.')).toBeVisible()
    await expect(page.getByText('Choose who attends.')).toBeVisible()
    await expect(page.getByLabel('Topic (optional)')).toHaveValue('Integration after difficult sessions')
    await expect(page.getByLabel(stranger.name)).toHaveCount(0)

    await page.getByLabel('Date').fill(daysAhead(3))
    await page.getByLabel('Start time').fill('16:00')
    await page.getByLabel('Duration (minutes)').fill('60')
    await page.getByLabel('Time zone').selectOption('America/New_York')
    await page.getByLabel('Virtual').check()
    await page.getByLabel(fellow.name).check()
    await page.getByRole('button', { name: 'Plan it' }).click()
    await expect(page.getByText(/^Planned: supervision meeting on .+ at 16:00 E[SD]T\.$/)).toBeVisible()

    const asFellow = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false })
    try {
      const fellowPage = await asFellow.newPage()
      await signInAs(fellowPage, fellow)
      await fellowPage.goto('/calendar')
      const meeting = fellowPage.getByRole('listitem').filter({ hasText: 'Supervision meeting' })
      await expect(meeting).toContainText(`Planned by ${supervisor.name}`)
      await expect(meeting).toContainText('Topic: Integration after difficult sessions')
      // Not theirs to change.
      await expect(meeting.getByRole('link', { name: /Change or cancel/ })).toHaveCount(0)
      await signInAs(fellowPage, stranger)
      await fellowPage.goto('/calendar')
      await expect(fellowPage.getByText('Nothing planned.')).toBeVisible()
    } finally {
      await asFellow.close()
    }
  })
})
