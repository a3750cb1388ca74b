import type { Page } from '@playwright/test'
import type { RecordStatus } from '#db/schema.ts'
import { daysAgo, insertClearance, insertRecord } from '#app/demo/program.server.ts'
import { createPerson, db, expect, signInAs, test, unique, type E2EUser } from './fixtures.ts'
import { VERIFIED } from '#tests/support/licenses.ts'

// The issue button follows approved records only: at 11 approved experiential sessions of 12,
// a 12th that is submitted, returned or a draft leaves the KAP experiential training out of
// reach — on the page and at the server — until a supervisor approves it.

const PROGRAM = 'KAP experiential training'

async function arrange(twelfth: RecordStatus) {
  const staff = await createPerson(['staff'], `Staff ${unique('st')}`)
  const fellow = await createPerson(['fellow'], `Fellow ${unique('f')}`)
  const supervisorUser = await createPerson(['supervisor'], `Supervisor ${unique('s')}`)
  const license = { license_type: 'LMFT', license_number: unique('L'), license_state: 'CA', ...VERIFIED }
  await db.updateTable('users').set(license).where('id', '=', supervisorUser.id).execute()
  const supervisor = { id: supervisorUser.id, name: supervisorUser.name, ...license }
  const now = new Date().toISOString()
  await db.insertInto('supervisor_assignments').values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: now, assigned_by: null }).execute()
  await insertClearance(db, { fellowId: fellow.id, recordedBy: staff.id })
  let n = 0
  const add = (kind: 'experiential' | 'sitter', status: RecordStatus, day: number) =>
    insertRecord(db, { fellowId: fellow.id, kind, status, occurredOn: daysAgo(day), minutes: 150, supervisor }, n++)
  for (let i = 0; i < 12; i++) await add('sitter', 'approved', 300 - i * 7)
  for (let i = 0; i < 11; i++) await add('experiential', 'approved', 299 - i * 7)
  const twelfthId = await add('experiential', twelfth, 5)
  return { staff, fellow, supervisor: supervisorUser, twelfthId }
}

async function switchTo(page: Page, user: E2EUser) {
  await page.context().clearCookies()
  await signInAs(page, user)
}

const programCard = (page: Page) => page.getByRole('article', { name: new RegExp(`^${PROGRAM}`) })

for (const status of ['submitted', 'returned', 'draft'] as const) {
  test(`a 12th experiential session that is ${status} does not open the issue button; approving it does`, async ({ page }) => {
    const { staff, fellow, supervisor, twelfthId } = await arrange(status)

    await switchTo(page, staff)
    await page.goto(`/staff/people/${fellow.id}`)
    await expect(page.getByRole('heading', { level: 1, name: fellow.name })).toBeVisible()
    const card = programCard(page)
    await expect(card.getByText('not yet eligible', { exact: true })).toBeVisible()
    await expect(card.getByRole('listitem').filter({ hasText: 'Experiential sessions' })).toContainText('(11 / 12)')
    await expect(card.getByRole('button', { name: 'Issue certificate' })).toBeDisabled()

    // A forged submit of the disabled form: the server re-checks and refuses.
    const forged = await page.request.post(`/staff/people/${fellow.id}`, {
      form: { intent: 'issue', program: 'kap-experiential' },
      headers: { Origin: test.info().project.use.baseURL! },
      maxRedirects: 0,
    })
    expect(forged.status()).toBe(409)
    expect(await db.selectFrom('certificates').select('id').where('user_id', '=', fellow.id).execute()).toEqual([])

    if (status !== 'submitted') {
      await switchTo(page, fellow)
      await page.goto(`/hours/${twelfthId}`)
      await page.getByRole('button', { name: 'Submit for review' }).click()
      await expect(page.getByRole('status')).toHaveText('Submitted to your supervisor.')
    }

    await switchTo(page, supervisor)
    await page.goto(`/review/${twelfthId}`)
    await page.getByLabel('Your full name, as on your license').fill(supervisor.name)
    await page.getByRole('button', { name: 'Sign and approve' }).click()
    await expect(page.getByRole('status')).toHaveText('Record approved.')

    await switchTo(page, staff)
    await page.goto(`/staff/people/${fellow.id}`)
    await expect(programCard(page).getByText('eligible', { exact: true })).toBeVisible()
    await expect(programCard(page).getByRole('listitem').filter({ hasText: 'Experiential sessions' })).toContainText('(12 / 12)')
    await programCard(page).getByRole('button', { name: 'Issue certificate' }).click()
    await expect(page.getByRole('status').filter({ hasText: /Certificate KAP-\d{4}-\d{6} issued\./ })).toBeVisible()
    const issued = await db.selectFrom('certificates').select(['program_slug', 'revoked_at']).where('user_id', '=', fellow.id).execute()
    expect(issued).toEqual([{ program_slug: 'kap-experiential', revoked_at: null }])
  })
}
