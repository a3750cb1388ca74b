import { createPerson, db, expect, signInAs, test } from './fixtures.ts'
import { VERIFIED } from '#tests/support/licenses.ts'

// A final competency evaluation end to end, with JavaScript: the supervisor opens it from the
// fellow's page, rates every competency (the browser checks first), signs by typed name; the
// fellow finds it on the dashboard, acknowledges with a response, and the fellowship's
// requirement reads as met.

test('a supervisor fills in and signs a final evaluation; the fellow acknowledges with a response; eligibility shows it met', async ({ page, browser }) => {
  test.setTimeout(120_000)
  const fellow = await createPerson(['trainee', 'fellow'])
  const supervisor = await createPerson(['supervisor'], `Dr. Evaluating ${Date.now().toString(36)}`)
  await db
    .updateTable('users')
    .set({ license_type: 'LMFT', license_number: '24680', license_state: 'CA', ...VERIFIED })
    .where('id', '=', supervisor.id)
    .execute()
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: null })
    .execute()

  await signInAs(page, supervisor)
  await page.goto(`/review/fellows/${fellow.id}`)
  const card = page.getByRole('region', { name: 'Learning agreement and evaluations' })
  await expect(card).toContainText('No evaluations yet.')
  await card.getByRole('link', { name: 'Start a final evaluation' }).click()
  await expect(page.getByRole('heading', { level: 1, name: `Final evaluation of ${fellow.name}` })).toBeVisible()

  // Sent with nothing rated: the browser says what is missing, beside each field, and nothing is saved.
  await page.getByRole('button', { name: 'Save the evaluation' }).click()
  await expect(page.getByText('Rate “Preparation”.')).toBeVisible()
  await expect(page.getByText('Comment on “Ethics and consent”: what you saw, and what would take it further.')).toBeVisible()
  expect(await db.selectFrom('competency_evaluations').select('id').where('fellow_id', '=', fellow.id).execute()).toEqual([])

  const competencies = ['Preparation', 'Set and setting', 'Support during the session', 'Integration', 'Safety and medical coordination', 'Ethics and consent']
  for (const [i, title] of competencies.entries()) {
    const group = page.getByRole('group', { name: `Rating for ${title}` })
    await group.getByLabel(i === 3 ? '3 — Competent' : '4 — Independent').check()
    await page.getByLabel(`Comment on ${title}`).fill(`${title}: seen in four supervised sessions.`)
  }
  await page.getByRole('button', { name: 'Save the evaluation' }).click()
  await expect(page.getByRole('status')).toContainText('Saved. Read it over, then sign it below')
  await expect(page.getByText('As it stands it passes: every competency is at the passing rating or above.')).toBeVisible()

  // The typed name must be the account's.
  await page.getByLabel('Your full name, as your signature').fill('Somebody Else')
  await page.getByRole('button', { name: 'Sign the evaluation' }).click()
  await expect(page.getByText(`Type your name as on your account (${supervisor.name}) to sign.`)).toBeVisible()
  await page.getByLabel('Your full name, as your signature').fill(supervisor.name)
  await page.getByRole('button', { name: 'Sign the evaluation' }).click()
  await expect(page.getByRole('status')).toContainText('Signed: a passing evaluation.')
  await expect(page.getByText('Integration: 3 — Competent')).toBeVisible()
  const row = await db.selectFrom('competency_evaluations').selectAll().where('fellow_id', '=', fellow.id).executeTakeFirstOrThrow()
  expect(row).toMatchObject({ stage: 'final', passed: 1, signed_name: supervisor.name, acknowledged_at: null })

  // The fellow, in a browser of their own.
  const fellowContext = await browser.newContext({ baseURL: test.info().project.use.baseURL })
  const fellowPage = await fellowContext.newPage()
  await signInAs(fellowPage, fellow)
  await fellowPage.goto('/')
  const supervision = fellowPage.getByRole('region', { name: 'Supervision' })
  await expect(supervision).toContainText('passing')
  await expect(supervision).toContainText('waiting for your acknowledgement')
  // The fellowship's requirement is met (the other requirements are not: this fellow has just started).
  const fellowship = fellowPage.getByRole('article', { name: /Psychedelic Practitioner Fellowship/ })
  await expect(fellowship.locator('li.met', { hasText: 'Passing final competency evaluation' })).toBeVisible()
  await supervision.getByRole('link', { name: `Final evaluation by ${supervisor.name}` }).click()
  await fellowPage.getByLabel('Your response (optional)').fill('Thank you. I will keep working on integration plans.')
  await fellowPage.getByRole('button', { name: 'Acknowledge' }).click()
  await expect(fellowPage.getByRole('status')).toHaveText('Acknowledged, with your response.')
  await expect(fellowPage.getByRole('region', { name: 'Signature and acknowledgement' })).toContainText('Thank you. I will keep working on integration plans.')
  await expect(fellowPage.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0)
  const acknowledged = await db.selectFrom('competency_evaluations').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()
  expect(acknowledged.acknowledged_at).not.toBeNull()
  expect(acknowledged.fellow_response).toBe('Thank you. I will keep working on integration plans.')
  await fellowContext.close()

  // The supervisor sees the acknowledgement and the response on the fellow's page.
  await page.goto(`/review/fellows/${fellow.id}`)
  await expect(card).toContainText('passing')
  await expect(card).toContainText('acknowledged')
})
