import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { createPerson, db, expect, signInAs, test, waitForHydration } from './fixtures.ts'

/**
 * After a submit the outcome is where the eyes are, with and without JavaScript, on a phone:
 * "Saved" (the flash) and a refusal of the whole form take the focus and are on the screen.
 * A form that saved starts again empty, so a second click records nothing twice. The
 * experiential form says before anything is typed that no medical clearance covers today.
 */

test.use({ viewport: { width: 390, height: 844 } })

for (const js of [true, false]) {
  test.describe(js ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: js })

    test('a recorded clearance: "recorded" takes the focus in view, the form is empty again, and a second click records no duplicate', async ({ page }) => {
      const staff = await createPerson(['staff'])
      const fellow = await createPerson(['trainee', 'fellow'])
      await signInAs(page, staff)
      await page.goto(`/staff/people/${fellow.id}`)
      if (js) await waitForHydration(page, 'Record clearance')
      const card = page.getByRole('region', { name: 'Medical clearances' })
      await card.getByLabel('Granted on').fill(daysAgo(10))
      await card.getByLabel('Expires on').fill(daysAgo(-300))
      await card.getByLabel('Clinician or medical team').fill('Dr. Outcome, MD')
      await card.getByRole('button', { name: 'Record clearance' }).click()

      const flash = page.getByRole('status').filter({ hasText: 'Medical clearance recorded.' })
      await expect(flash).toBeFocused()
      await expect(flash).toBeInViewport()

      const again = page.getByRole('region', { name: 'Medical clearances' })
      await expect(again.getByLabel('Granted on')).toHaveValue('')
      await expect(again.getByLabel('Expires on')).toHaveValue('')
      await expect(again.getByLabel('Clinician or medical team')).toHaveValue('')
      await again.getByRole('button', { name: 'Record clearance' }).click()
      await expect(again.getByLabel('Clinician or medical team')).toHaveAttribute('aria-invalid', 'true')
      const clearances = await db.selectFrom('medical_clearances').select('clinician').where('fellow_id', '=', fellow.id).execute()
      expect(clearances).toEqual([{ clinician: 'Dr. Outcome, MD' }])
    })

    test('a refusal of the whole form takes the focus at the top of its form, scrolled into view', async ({ page }) => {
      const fellow = await createPerson(['trainee', 'fellow'])
      // A list long enough that the form's top is well above its button on a phone.
      for (let i = 0; i < 12; i++) await insertRecord(db, { fellowId: fellow.id, kind: 'sitter', status: 'draft', occurredOn: daysAgo(20 + i), minutes: 60 }, i)
      await signInAs(page, fellow)
      await page.goto('/hours')
      if (js) await waitForHydration(page, 'Submit selected for review')
      const button = page.getByRole('button', { name: 'Submit selected for review' })
      await button.scrollIntoViewIfNeeded()
      await button.click()

      const refusal = page.getByRole('alert').filter({ hasText: 'Select at least one record' })
      await expect(refusal).toBeFocused()
      await expect(refusal).toBeInViewport()
      // At the top of the form it refuses: before the first box to tick.
      const [alertTop, firstBoxTop] = await Promise.all([
        refusal.evaluate((el) => el.getBoundingClientRect().top),
        page
          .getByRole('checkbox')
          .first()
          .evaluate((el) => el.getBoundingClientRect().top),
      ])
      expect(alertTop).toBeLessThan(firstBoxTop)
    })

    test('the experiential form says before anything is typed when no medical clearance covers today', async ({ page }) => {
      const staff = await createPerson(['staff'])
      const uncleared = await createPerson(['trainee', 'fellow'])
      // Cleared once, but that clearance ended yesterday.
      await db
        .insertInto('medical_clearances')
        .values({
          fellow_id: uncleared.id,
          granted_on: daysAgo(400),
          expires_on: daysAgo(1),
          clinician: 'Dr. Past',
          recorded_by: staff.id,
          recorded_at: new Date().toISOString(),
        })
        .execute()
      await signInAs(page, uncleared)
      await page.goto('/hours/new?kind=experiential')
      const note = page.getByText('No medical clearance covers today.')
      await expect(note).toBeVisible()
      await expect(note).toBeInViewport()

      const cleared = await createPerson(['trainee', 'fellow'])
      await db
        .insertInto('medical_clearances')
        .values({
          fellow_id: cleared.id,
          granted_on: daysAgo(10),
          expires_on: daysAgo(-100),
          clinician: 'Dr. Now',
          recorded_by: staff.id,
          recorded_at: new Date().toISOString(),
        })
        .execute()
      await page.context().clearCookies()
      await signInAs(page, cleared)
      await page.goto('/hours/new?kind=experiential')
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await expect(page.getByText('No medical clearance covers today.')).toHaveCount(0)
      // Only the experiential form depends on a clearance.
      await page.context().clearCookies()
      await signInAs(page, uncleared)
      await page.goto('/hours/new?kind=sitter')
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
      await expect(page.getByText('No medical clearance covers today.')).toHaveCount(0)
    })
  })
}
