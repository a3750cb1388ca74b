import type { Locator, Page } from '@playwright/test'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { VERIFIED } from '#tests/support/licenses.ts'
import { createPerson, db, expect, signInAs, test, unique, waitForHydration } from './fixtures.ts'

// A supervisor's evening: 100 submitted records of one fellow approved in at most 5 clicks,
// with JavaScript and without it, whether by "all of this fellow" or "all on this page".
// Every click (a link, a button, a select, a text field to type into) goes through `tap`.

const MAX_CLICKS = 5

async function arrange(records: number) {
  const tag = unique('queue')
  const staff = await createPerson(['staff'], `Queue Staff ${tag}`)
  const fellow = await createPerson(['trainee', 'fellow'], `Queue Fellow ${tag}`)
  const other = await createPerson(['trainee', 'fellow'], `Queue Other ${tag}`)
  const supervisor = await createPerson(['supervisor'], `Queue Supervisor ${tag}`)
  const license = { license_type: 'LMFT', license_number: unique('L'), license_state: 'CA', ...VERIFIED }
  await db.updateTable('users').set(license).where('id', '=', supervisor.id).execute()
  const now = new Date().toISOString()
  await db
    .insertInto('supervisor_assignments')
    .values([fellow, other].map((f) => ({ fellow_id: f.id, supervisor_id: supervisor.id, assigned_at: now, assigned_by: staff.id })))
    .execute()
  const ids: number[] = []
  for (let i = 0; i < records; i++) {
    ids.push(
      await insertRecord(db, { fellowId: fellow.id, kind: i % 2 ? 'sitter' : 'practicum', status: 'submitted', occurredOn: daysAgo(2 + i), minutes: 60 }, i),
    )
  }
  // Another fellow's records wait too, older than all of these: the page of the first fellow must not take them.
  const others = [await insertRecord(db, { fellowId: other.id, kind: 'sitter', status: 'submitted', occurredOn: daysAgo(400), minutes: 90 }, 7)]
  return { fellow, other, supervisor, ids, others }
}

async function statuses(ids: number[]) {
  const rows = await db.selectFrom('records').select('status').where('id', 'in', ids).execute()
  return rows.reduce<Record<string, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {})
}

function clickCounter(page: Page, javaScript: boolean) {
  let clicks = 0
  return {
    get clicks() {
      return clicks
    },
    async tap(target: Locator) {
      clicks += 1
      await target.click()
    },
    async choose(select: Locator, value: string) {
      clicks += 1
      await select.selectOption(value)
    },
    /** A click into the field, then typing (keystrokes are not clicks). */
    async typeInto(field: Locator, text: string) {
      clicks += 1
      await field.click()
      await page.keyboard.type(text)
    },
    async hydrated(buttonText: RegExp) {
      if (javaScript) await waitForHydration(page, buttonText)
    },
  }
}

for (const javaScript of [true, false]) {
  const mode = javaScript ? 'with JavaScript' : 'without JavaScript'
  test.describe(mode, () => {
    test.use({ javaScriptEnabled: javaScript })

    test(`100 records of one fellow are approved in at most ${MAX_CLICKS} clicks ${mode}: “approve all of this fellow”`, async ({ page }) => {
      test.setTimeout(120_000)
      const { fellow, supervisor, ids, others } = await arrange(100)
      await signInAs(page, supervisor)
      const counter = clickCounter(page, javaScript)
      await page.goto('/')
      await counter.tap(page.getByRole('navigation').getByRole('link', { name: 'Review', exact: true }))
      await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible({ timeout: 30_000 })
      await counter.tap(page.getByRole('link', { name: `Show the 100 waiting records of ${fellow.name}` }))
      const approveAll = page.getByRole('button', { name: `Sign and approve all 100 submitted records of ${fellow.name}` })
      await expect(approveAll).toBeVisible()
      // The filter form shows the fellow chosen by the link (after a client-side navigation too).
      await expect(page.getByLabel('Fellow', { exact: true })).toHaveValue(String(fellow.id))
      await counter.hydrated(/^Sign and approve all 100 submitted/)
      await counter.typeInto(page.getByLabel('Your full name, as on your license'), supervisor.name)
      await counter.tap(approveAll)
      // Signing 100 approvals is one durable transaction: on a busy machine it takes a while.
      await expect(page.getByRole('status')).toHaveText(`100 records of ${fellow.name} approved.`, { timeout: 30_000 })
      expect(counter.clicks).toBeLessThanOrEqual(MAX_CLICKS)
      expect(await statuses(ids)).toEqual({ approved: 100 })
      expect(await statuses(others)).toEqual({ submitted: 1 })
    })

    test(`100 records are approved in at most ${MAX_CLICKS} clicks ${mode}: a page of 100, “approve all on this page”`, async ({ page }) => {
      test.setTimeout(120_000)
      const { fellow, supervisor, ids, others } = await arrange(100)
      await signInAs(page, supervisor)
      const counter = clickCounter(page, javaScript)
      await page.goto('/review')
      // Narrowed to the fellow (the other fellow's record is older and would lead the page), 100 a page.
      await counter.choose(page.getByLabel('Fellow', { exact: true }), String(fellow.id))
      await counter.choose(page.getByLabel('Per page'), '100')
      await counter.tap(page.getByRole('button', { name: 'Filter' }))
      await expect(page).toHaveURL(new RegExp(`size=100`))
      const approvePage = page.getByRole('button', { name: 'Sign and approve all 100 on this page' })
      await expect(approvePage).toBeVisible()
      await expect(page.getByRole('checkbox', { name: /^Select Queue Fellow/ })).toHaveCount(100)
      await counter.hydrated(/^Sign and approve all 100 on this page$/)
      await counter.typeInto(page.getByLabel('Your full name, as on your license'), supervisor.name)
      await counter.tap(approvePage)
      await expect(page.getByRole('status')).toHaveText('100 records approved.', { timeout: 30_000 })
      expect(counter.clicks).toBeLessThanOrEqual(MAX_CLICKS)
      expect(await statuses(ids)).toEqual({ approved: 100 })
      expect(await statuses(others)).toEqual({ submitted: 1 })
      // The filters survive the approval: the queue is still the fellow's, now empty.
      await expect(page.getByText('No waiting records match these filters.')).toBeVisible()
    })
  })
}

test('with JavaScript, “Select all on this page” ticks the page’s records; the rest wait', async ({ page }) => {
  const { fellow, supervisor, ids } = await arrange(30)
  await signInAs(page, supervisor)
  await page.goto(`/review?fellow=${fellow.id}`)
  const selectAll = page.getByRole('checkbox', { name: 'Select all on this page' })
  await expect(selectAll).toBeVisible()
  // Each row's box counts on its own too.
  const rows = page.getByRole('checkbox', { name: /^Select .+’s / })
  await rows.nth(0).check()
  await rows.nth(3).check()
  await expect(page.getByRole('button', { name: 'Sign and approve selected (2)' })).toBeVisible()
  await rows.nth(0).uncheck()
  await expect(page.getByRole('button', { name: 'Sign and approve selected (1)' })).toBeVisible()
  await selectAll.check()
  await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(26)
  await expect(page.getByRole('button', { name: 'Sign and approve selected (25)' })).toBeVisible()
  await selectAll.uncheck()
  await expect(page.getByRole('checkbox', { checked: true })).toHaveCount(0)
  await selectAll.check()
  await page.getByLabel('Your full name, as on your license').fill(supervisor.name)
  await page.getByRole('button', { name: 'Sign and approve selected (25)' }).click()
  await expect(page.getByRole('status')).toHaveText('25 records approved.')
  expect(await statuses(ids)).toEqual({ approved: 25, submitted: 5 })
  await expect(page.getByRole('button', { name: `Sign and approve all 5 submitted records of ${fellow.name}` })).toBeVisible()
})

test('on a 390 px phone the queue of 100 does not scroll sideways; its table scrolls in its own box', async ({ page }) => {
  const { fellow, supervisor } = await arrange(100)
  await page.setViewportSize({ width: 390, height: 844 })
  await signInAs(page, supervisor)
  await page.goto(`/review?fellow=${fellow.id}&size=100`)
  await expect(page.getByRole('checkbox', { name: /^Select Queue Fellow/ })).toHaveCount(100)
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
    wrap: document.querySelector('.table-wrap')!.clientWidth,
  }))
  expect(widths.document).toBeLessThanOrEqual(widths.viewport)
  expect(widths.wrap).toBeLessThanOrEqual(widths.viewport)
})

test('with JavaScript, a record’s Review link in the queue opens it without reloading the page; a Ctrl-click is left to the browser (a new tab)', async ({
  page,
  context,
}) => {
  const { fellow, supervisor, ids } = await arrange(3)
  // Oldest first: the last one made is the first row.
  const oldest = ids.at(-1)!
  await signInAs(page, supervisor)
  await page.goto(`/review?fellow=${fellow.id}`)
  const review = page.getByRole('link', { name: new RegExp(`^Review ${fellow.name}’s`) }).first()
  await expect(review).toHaveAttribute('href', `/review/${oldest}`)
  // Hydrated: the root's click listener is in place once React owns the page's buttons.
  await waitForHydration(page, /^Sign and approve/)
  await page.evaluate(() => Object.assign(window, { sameDocument: 'yes' }))
  const [tab] = await Promise.all([context.waitForEvent('page'), review.click({ modifiers: ['ControlOrMeta'] })])
  await expect(tab).toHaveURL(new RegExp(`/review/${oldest}$`))
  await tab.close()
  await expect(page).toHaveURL(new RegExp(`/review\\?fellow=${fellow.id}$`))

  await review.click()
  await expect(page).toHaveURL(new RegExp(`/review/${oldest}$`))
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible()
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: string }).sameDocument)).toBe('yes')
  await page.goBack()
  await expect(page.getByRole('link', { name: fellow.name }).first()).toHaveAttribute('href', `/review/fellows/${fellow.id}`)
})
