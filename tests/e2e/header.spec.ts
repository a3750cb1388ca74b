import { createPerson, expect, signInAs, test } from './fixtures.ts'

test('the header marks the section shown, fetches a page it is paused on, and moves between pages (home too) without a reload', async ({ page }) => {
  const fellow = await createPerson(['fellow'])
  await signInAs(page, fellow)
  await page.goto('/')
  const nav = page.getByRole('navigation', { name: 'Main' })
  const dashboard = nav.getByRole('link', { name: 'Dashboard' })
  const hours = nav.getByRole('link', { name: 'Hours' })
  await expect(dashboard).toHaveAttribute('aria-current', 'page')
  await expect(hours).not.toHaveAttribute('aria-current', /./)

  // Hydrated: the link carries React's handlers, so a pause on it can ask for the next page.
  await page.waitForFunction(() => {
    const link = document.querySelector('nav[aria-label="Main"] a[href="/hours"]')
    return !!link && Object.keys(link).some((key) => key.startsWith('__reactProps'))
  })
  await page.evaluate(() => Object.assign(window, { sameDocument: true }))
  const hoursData = page.locator('link[rel="prefetch"][href*="/hours.data"]')
  await expect(hoursData).toHaveCount(0)
  await hours.hover()
  await expect(hoursData.first()).toBeAttached()

  await hours.click()
  await expect(page).toHaveURL(/\/hours$/)
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(await page.evaluate(() => 'sameDocument' in window), 'the click navigated in the page, with no reload').toBe(true)
  await expect(hours).toHaveAttribute('aria-current', 'page')
  await expect(dashboard).not.toHaveAttribute('aria-current', /./)

  await page.getByRole('link', { name: 'KAP Fellowship' }).click()
  await expect(page).toHaveURL(/\/$/)
  await expect(dashboard).toHaveAttribute('aria-current', 'page')
  expect(await page.evaluate(() => 'sameDocument' in window), 'the brand led home in the page, with no reload').toBe(true)

  // A page inside a section marks the section; the dashboard matches only itself.
  await page.goto('/hours/new')
  await expect(hours).toHaveAttribute('aria-current', 'page')
  await expect(dashboard).not.toHaveAttribute('aria-current', /./)

  await page.getByRole('button', { name: 'Sign out' }).click()
  await expect(page).toHaveURL(/\/login$/)
  await expect(page.getByRole('button', { name: 'Sign out' })).toHaveCount(0)
})

test('on a laptop the header is one line; on a narrower screen the notifications and the account move to a second line, on the right', async ({ page }) => {
  // Two roles and a name too long for the line, which is cut short: the widest account most people have.
  const fellow = await createPerson(['trainee', 'fellow'], 'Dr. Alexandra Whitfield-Montgomery')
  await signInAs(page, fellow)
  const brand = page.getByRole('link', { name: 'KAP Fellowship' })
  const notifications = page.getByRole('link', { name: /^Notifications/ })
  const signOut = page.getByRole('button', { name: 'Sign out' })
  const middle = async (locator: typeof brand) => {
    const box = (await locator.boundingBox())!
    return box.y + box.height / 2
  }

  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('/')
  for (const end of [notifications, signOut]) expect(Math.abs((await middle(end)) - (await middle(brand)))).toBeLessThan(8)
  await expect(page.getByRole('banner').getByTitle(fellow.name).first(), 'the whole name, where the line shows part of it').toBeVisible()

  await page.setViewportSize({ width: 1024, height: 800 })
  await page.goto('/')
  const second = await middle(signOut)
  expect(second, 'the account is below the brand’s line').toBeGreaterThan((await middle(brand)) + 20)
  expect(Math.abs((await middle(notifications)) - second), 'the notifications share the account’s line').toBeLessThan(8)
  const right = (await signOut.boundingBox())!
  expect(right.x + right.width, 'the second line ends at the header’s right edge').toBeGreaterThan(1024 - 40)
})
