import type { Page } from '@playwright/test'
import { createPerson, db, expect, signInAs, test, unique, type E2EUser } from './fixtures.ts'

// Settings › Notifications and the list of what happened, with JavaScript and without: choose how
// often mail comes, see the unread count in the header, open the list, mark one read, then all.

async function personWithNotifications(roles: ('trainee' | 'fellow' | 'supervisor')[], n: number) {
  const person = await createPerson(roles)
  const tag = unique('note')
  const texts = Array.from({ length: n }, (_, i) => `Dr. Test returned your sitter record ${tag} #${i + 1}`)
  const now = Date.now()
  await db
    .insertInto('notifications')
    .values(
      texts.map((text, i) => ({
        user_id: person.id,
        kind: 'returned',
        params: '{}',
        text,
        link: '/hours',
        created_at: new Date(now - (n - i) * 60_000).toISOString(),
      })),
    )
    .execute()
  return { person, texts }
}

const bell = (page: Page) => page.getByRole('banner').getByRole('link', { name: /^Notifications/ })

async function cadenceOf(person: E2EUser) {
  return (await db.selectFrom('users').select('notify_mail').where('id', '=', person.id).executeTakeFirstOrThrow()).notify_mail
}

for (const javaScriptEnabled of [true, false]) {
  test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled })
    // Several page loads and posts each: on a loaded machine they outlast the default minute.
    test.slow()

    test('choose how often mail comes in Settings: the default for the role is shown, the choice is saved and shown again', async ({ page }) => {
      const supervisor = await createPerson(['supervisor'])
      await signInAs(page, supervisor)
      await page.goto('/settings')
      await page.getByRole('link', { name: 'Notification and reminder mails' }).click()
      await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
      const mail = page.getByRole('group', { name: 'Mail me about what happens' })
      // Supervisors start on hourly summaries.
      await expect(mail.getByRole('radio', { name: /^Hourly/ })).toBeChecked()
      await expect(page.getByText('Not chosen yet: hourly, the default for your roles.')).toBeVisible()
      await mail.getByRole('radio', { name: /^Daily/ }).check()
      await page.getByRole('button', { name: 'Save mail choice' }).click()
      await expect(page.getByRole('status')).toHaveText('Saved: you get one summary mail a day.')
      await expect(page.getByRole('group', { name: 'Mail me about what happens' }).getByRole('radio', { name: /^Daily/ })).toBeChecked()
      expect(await cadenceOf(supervisor)).toBe('daily')
      // The daily reminders keep working beside it.
      await page.getByRole('group', { name: 'Daily reminder mail' }).getByRole('radio', { name: /^Off/ }).check()
      await page.getByRole('button', { name: 'Save reminders' }).click()
      await expect(page.getByRole('status')).toHaveText('Daily reminders are off.')
      expect(await cadenceOf(supervisor)).toBe('daily')
      const row = await db.selectFrom('users').select('digest_opt_out').where('id', '=', supervisor.id).executeTakeFirstOrThrow()
      expect(row.digest_opt_out).toBe(1)
    })

    test('the unread count in the header, the list newest first, Mark read and Mark all read', async ({ page }) => {
      const { person, texts } = await personWithNotifications(['trainee', 'fellow'], 3)
      // Someone else's notification never shows here.
      const { texts: others } = await personWithNotifications(['supervisor'], 1)
      await signInAs(page, person)
      await page.goto('/')
      await expect(bell(page)).toHaveAccessibleName('Notifications, 3 unread')
      await bell(page).click()
      await expect(page).toHaveURL(/\/notifications$/)
      await expect(page.getByRole('heading', { level: 1, name: 'Notifications' })).toBeVisible()
      const list = page.getByRole('list', { name: 'Notifications' })
      await expect(list.getByRole('listitem')).toHaveCount(3)
      await expect(list.getByRole('listitem').first()).toContainText(texts[2]!)
      await expect(page.getByText(others[0]!)).toHaveCount(0)
      await expect(list.getByRole('link', { name: texts[0]! })).toHaveAttribute('href', '/hours')

      await page.getByRole('button', { name: `Mark read: ${texts[1]}` }).click()
      await expect(page.getByRole('status')).toHaveText('Marked read.')
      await expect(bell(page)).toHaveAccessibleName('Notifications, 2 unread')
      await expect(page.getByRole('button', { name: `Mark read: ${texts[1]}` })).toHaveCount(0)
      await expect(list.getByRole('listitem').nth(1)).toContainText('Read')

      await page.getByRole('button', { name: 'Mark all read' }).click()
      await expect(page.getByRole('status')).toHaveText('Marked 2 notifications read.')
      await expect(bell(page)).toHaveAccessibleName('Notifications')
      await expect(page.getByRole('button', { name: /^Mark read/ })).toHaveCount(0)
      await expect(page.getByRole('button', { name: 'Mark all read' })).toHaveCount(0)
      const unread = await db.selectFrom('notifications').select('id').where('user_id', '=', person.id).where('read_at', 'is', null).execute()
      expect(unread).toEqual([])
    })

    test('nothing yet: the list says so, and the header shows no count', async ({ page }) => {
      const person = await createPerson(['trainee'])
      await signInAs(page, person)
      await page.goto('/notifications')
      await expect(page.getByText('No notifications yet.')).toBeVisible()
      await expect(bell(page)).toHaveAccessibleName('Notifications')
    })
  })
}

test('on a 390 px phone the unread count stays in view beside the menu, and the list does not scroll sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 })
  const { person } = await personWithNotifications(['trainee', 'fellow'], 2)
  await signInAs(page, person)
  await page.goto('/notifications')
  await expect(bell(page)).toBeVisible()
  await expect(bell(page)).toHaveAccessibleName('Notifications, 2 unread')
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  expect(width).toBeLessThanOrEqual(390)
})
