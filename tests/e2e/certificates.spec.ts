import fs from 'node:fs'
import type { Page } from '@playwright/test'
import { daysAgo, insertClearance, insertRecord } from '#app/demo/program.server.ts'
import { loadCatalog } from '#app/curriculum/content.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { evaluation } from '#tests/support/supervision.ts'
import { createPerson, db, expect, signInAs, test, unique, waitForHydration } from './fixtures.ts'
import { pdfText } from '../support/pdf-text.ts'

const FELLOWSHIP = 'Psychedelic Practitioner Fellowship'
const catalog = loadCatalog()

/** A fellow who meets every requirement of the fellowship, in a new cohort of their own. */
async function arrangeEligibleFellow(staffId: number) {
  const fellow = await createPerson(['fellow'], `Zoë Eligible ${unique('f')}`)
  const supervisorUser = await createPerson(['supervisor'], `Dr. Maya ${unique('s')}`)
  const supervisor = { id: supervisorUser.id, name: supervisorUser.name, license_type: 'LMFT', license_number: '98765', license_state: 'CA' }

  const progress = catalog.courses.flatMap((course) =>
    course.lessons.map((lesson, i) => ({
      user_id: fellow.id,
      course_slug: course.slug,
      lesson_slug: lesson.slug,
      best_score: 1,
      attempts: 1,
      completed_at: daysAgo(200 - i),
      last_attempt_at: daysAgo(200 - i),
    })),
  )
  await db.insertInto('lesson_progress').values(progress).execute()
  await insertClearance(db, { fellowId: fellow.id, recordedBy: staffId })

  let n = 0
  const add = (kind: 'experiential' | 'sitter' | 'practicum' | 'supervision', minutes: number) =>
    insertRecord(db, { fellowId: fellow.id, kind, status: 'approved', occurredOn: daysAgo(350 - n), minutes, supervisor }, n++)
  for (let i = 0; i < 12; i++) await add('experiential', 150)
  for (let i = 0; i < 12; i++) await add('sitter', 180)
  for (let i = 0; i < 20; i++) await add('practicum', 120) // 40 h
  for (let i = 0; i < 12; i++) await add('supervision', 60) // 12 h
  await evaluation(fellow, supervisorUser, { db }) // the fellowship asks for a passing final evaluation

  const now = new Date().toISOString()
  const { id: cohortId } = await db
    .insertInto('cohorts')
    .values({ name: `Certificates cohort ${unique('c')}`, starts_on: daysAgo(300), created_by: staffId, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('cohort_members').values({ cohort_id: cohortId, user_id: fellow.id, added_at: now }).execute()
  const cohort = await db.selectFrom('cohorts').select(['id', 'name']).where('id', '=', cohortId).executeTakeFirstOrThrow()
  return { fellow, cohort }
}

/** The same watch the `page` fixture keeps, for pages of a second browser context. */
function watchForProblems(page: Page) {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) problems.push(`CSP: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  return problems
}

test('staff issue the fellowship certificate to an eligible fellow, download it, verify it publicly, then revoke it', async ({ page, browser }) => {
  const staff = await createPerson(['staff'], `Sam Staffer ${unique('st')}`)
  const { fellow, cohort } = await arrangeEligibleFellow(staff.id)
  await signInAs(page, staff)

  // The cohort page shows the fellow as eligible for the fellowship.
  await page.goto('/staff/cohorts')
  await page.getByRole('link', { name: cohort.name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: cohort.name })).toBeVisible()
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: fellow.name, exact: true }) })
  await expect(row).toHaveCount(1)
  await expect(row.getByText(FELLOWSHIP, { exact: true })).toBeVisible()
  await expect(row).toContainText('12 / 12')

  // The person page: the fellowship is eligible and can be issued.
  await row.getByRole('link', { name: fellow.name, exact: true }).click()
  await expect(page.getByRole('heading', { level: 1, name: fellow.name })).toBeVisible()
  const program = page.getByRole('article', { name: new RegExp(`^${FELLOWSHIP}`) })
  await expect(program.getByText('eligible', { exact: true })).toBeVisible()
  await program.getByRole('button', { name: 'Issue certificate' }).click()

  await expect(page.getByRole('status').filter({ hasText: /Certificate KAP-\d{4}-\d{6} issued\./ })).toBeVisible()
  await expect(page).toHaveURL(/\/staff\/certificates\/\d+$/)
  const serial = (await page.getByRole('heading', { level: 1 }).textContent())!.trim()
  expect(serial).toMatch(new RegExp(`^KAP-${new Date().getUTCFullYear()}-\\d{6}$`))
  const stored = await db.selectFrom('certificates').selectAll().where('serial', '=', serial).executeTakeFirstOrThrow()
  expect(stored).toMatchObject({ user_id: fellow.id, holder_name: fellow.name, program_title: FELLOWSHIP, issued_by: staff.id, revoked_at: null })

  // The PDF: a real PDF naming the holder and carrying the serial.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()])
  expect(download.suggestedFilename()).toBe(`${serial}.pdf`)
  const bytes = new Uint8Array(fs.readFileSync((await download.path())!))
  expect(Buffer.from(bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-')
  const { doc, lines } = await pdfText(bytes)
  expect(doc.getTitle()).toBe(`${FELLOWSHIP} — ${fellow.name}`)
  expect(doc.getSubject()).toBe(`Certificate ${serial}`)
  expect(lines).toContain(fellow.name)
  expect(lines).toContain(`Serial: ${serial}`)
  expect(lines).toContain(FELLOWSHIP)

  // Anyone, signed out, can check it.
  const verifyHref = await page.getByRole('link', { name: 'Public verify page' }).getAttribute('href')
  expect(verifyHref).toMatch(new RegExp(`/verify/${stored.code}$`))
  const visitor = await browser.newContext({ baseURL: test.info().project.use.baseURL })
  const publicPage = await visitor.newPage()
  const problems = watchForProblems(publicPage)
  const response = await publicPage.goto(`/verify/${stored.code}`)
  expect(response?.status()).toBe(200)
  await expect(publicPage.getByRole('button', { name: 'Sign out' })).toHaveCount(0)
  await expect(publicPage.getByRole('heading', { level: 1, name: /^Valid certificate/ })).toBeVisible()
  await expect(publicPage.getByText(fellow.name, { exact: true })).toBeVisible()
  await expect(publicPage.getByText(serial, { exact: true })).toBeVisible()
  await expect(publicPage.getByText(FELLOWSHIP, { exact: true })).toBeVisible()
  // The verify form takes the serial as printed, as well as the code.
  await publicPage.goto('/verify')
  await publicPage.getByLabel('Verification code or serial').fill(` ${serial.toLowerCase()} `)
  await publicPage.getByRole('button', { name: 'Verify' }).click()
  await expect(publicPage).toHaveURL(new RegExp(`/verify/${stored.code}$`))
  await expect(publicPage.getByRole('heading', { level: 1, name: /^Valid certificate/ })).toBeVisible()

  // Staff revoke it, showing the reason publicly.
  const reason = `Licence suspended by the state board (${unique('r')}).`
  await waitForHydration(page, 'Revoke certificate')
  await page.getByLabel('Reason', { exact: true }).fill(reason)
  await page.getByLabel('Show the reason on the public verify page').check()
  await page.getByRole('button', { name: 'Revoke certificate' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'Certificate revoked.' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Revoke certificate' })).toHaveCount(0)
  const revoked = await db.selectFrom('certificates').selectAll().where('id', '=', stored.id).executeTakeFirstOrThrow()
  expect(revoked).toMatchObject({ revocation_reason: reason, reason_public: 1, revoked_by: staff.id })
  expect(revoked.revoked_at).not.toBeNull()

  // Downloaded now, the PDF says it is revoked, when, and (the reason being public) why.
  const [revokedDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download PDF' }).click()])
  expect(revokedDownload.suggestedFilename()).toBe(`${serial}-REVOKED.pdf`)
  const revokedPdf = await pdfText(new Uint8Array(fs.readFileSync((await revokedDownload.path())!)))
  expect(revokedPdf.doc.getTitle()).toBe(`REVOKED: ${FELLOWSHIP} — ${fellow.name}`)
  expect(revokedPdf.lines).toContain('REVOKED')
  expect(revokedPdf.lines).toContain(`REVOKED on ${formatDate(revoked.revoked_at)}`)
  expect(revokedPdf.lines.join(' ')).toContain(`Reason: ${reason}`)
  expect(revokedPdf.lines).toContain(fellow.name)

  await publicPage.reload()
  await expect(publicPage.getByRole('heading', { level: 1, name: /^Revoked certificate/ })).toBeVisible()
  await expect(publicPage.getByText(reason, { exact: true })).toBeVisible()
  await expect(publicPage.getByRole('heading', { level: 1, name: /^Valid certificate/ })).toHaveCount(0)
  expect(problems, 'no CSP violations or page errors on the public page').toEqual([])
  await visitor.close()
})

test('an unknown verification code gets a 404 page that says so', async ({ page }) => {
  const response = await page.goto(`/verify/${encodeURIComponent("abc'; drop table certificates; --")}`)
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { level: 1, name: 'No certificate has this code' })).toBeVisible()
})
