import { insertRecord } from '#app/demo/program.server.ts'
import { createPerson, db, expect, signInAs, test, type E2EUser } from './fixtures.ts'

// A person's time zone, chosen in Settings (or, on a first visit with JavaScript, offered from
// the browser's), is what every date and time reads in: one instant, three zones, three times.

const SUBMITTED_AT = '2026-11-03T13:05:00.000Z'

// Several page loads each, on a shared machine.
test.describe.configure({ timeout: 180_000 })

/** A fellow with one submitted record, submitted at SUBMITTED_AT. */
async function fellowWithRecord(): Promise<{ fellow: E2EUser; recordId: number }> {
  const fellow = await createPerson(['trainee', 'fellow'])
  const recordId = await insertRecord(db, { fellowId: fellow.id, kind: 'practicum', status: 'submitted', occurredOn: '2026-11-02', minutes: 60 }, 1)
  await db.updateTable('records').set({ submitted_at: SUBMITTED_AT }).where('id', '=', recordId).execute()
  return { fellow, recordId }
}

const submitted = (page: import('@playwright/test').Page) => page.locator('dt', { hasText: /^Submitted$/ }).locator('xpath=following-sibling::dd[1]')

async function chooseInSettings(page: import('@playwright/test').Page, zone: string) {
  await page.goto('/settings')
  await page.getByRole('link', { name: 'Time zone', exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Time zone' })).toBeVisible()
  await page.getByLabel('Time zone').selectOption(zone)
  await page.getByRole('button', { name: 'Save time zone' }).click()
  await expect(page.getByText(`Time zone saved: ${zone}. Dates and times are shown in it.`)).toBeVisible()
  await expect(page.locator('p', { hasText: `Yours is ${zone}: it is now` })).toBeVisible()
}

test.describe('with JavaScript', () => {
  test.use({ timezoneId: 'Europe/Berlin' })

  test('first visit: the page says which zone it reads in and offers the browser’s in one click', async ({ page }) => {
    const { fellow, recordId } = await fellowWithRecord()
    await signInAs(page, fellow)
    await page.goto(`/hours/${recordId}`)
    // Nothing chosen: the institute's zone (UTC), and the record's date is its calendar day.
    await expect(page.getByText('Times are shown in UTC, the institute’s time zone.')).toBeVisible()
    await expect(submitted(page)).toHaveText('Nov 3, 2026, 13:05')
    await expect(page.locator('dt', { hasText: /^Date$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('Nov 2, 2026')

    await page.getByRole('button', { name: 'Use Europe/Berlin' }).click()
    await expect(page.getByText('Time zone saved: Europe/Berlin. Dates and times are shown in it.')).toBeVisible()
    await expect(page).toHaveURL(new RegExp(`/hours/${recordId}$`))
    await expect(submitted(page)).toHaveText('Nov 3, 2026, 14:05')
    await expect(page.locator('dt', { hasText: /^Date$/ }).locator('xpath=following-sibling::dd[1]')).toHaveText('Nov 2, 2026')
    await expect(page.getByText('Times are shown in UTC')).toHaveCount(0)
    const row = await db.selectFrom('users').select('time_zone').where('id', '=', fellow.id).executeTakeFirstOrThrow()
    expect(row.time_zone).toBe('Europe/Berlin')
  })

  test('a zone chosen in Settings is what the record’s submitted time reads in', async ({ page }) => {
    const { fellow, recordId } = await fellowWithRecord()
    await signInAs(page, fellow)
    await chooseInSettings(page, 'America/New_York')
    await page.goto(`/hours/${recordId}`)
    await expect(submitted(page)).toHaveText('Nov 3, 2026, 08:05')
  })
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, timezoneId: 'Europe/Berlin' })

  test('the institute’s zone and the Settings link, no proposal button; the zone is set with the plain form', async ({ page }) => {
    const { fellow, recordId } = await fellowWithRecord()
    await signInAs(page, fellow)
    await page.goto(`/hours/${recordId}`)
    await expect(page.getByText('Times are shown in UTC, the institute’s time zone.')).toBeVisible()
    await expect(page.getByRole('button', { name: /^Use / })).toHaveCount(0)
    await expect(submitted(page)).toHaveText('Nov 3, 2026, 13:05')
    await page.getByRole('link', { name: 'Choose your time zone' }).click()
    await expect(page).toHaveURL(/\/settings\/time-zone$/)

    await chooseInSettings(page, 'Asia/Tokyo')
    await page.goto(`/hours/${recordId}`)
    await expect(submitted(page)).toHaveText('Nov 3, 2026, 22:05')
  })
})
