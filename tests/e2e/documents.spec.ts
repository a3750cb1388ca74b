import fs from 'node:fs'
import { samplePdf, samplePng } from '#app/demo/documents.server.ts'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { createPerson, db, expect, signInAs, test, unique, waitForHydration } from './fixtures.ts'

// Documents through the real server and a real browser: staff record a clearance with its letter
// and open it, a refused file is said beside its field, and a fellow attaches a file without JavaScript.

async function documentsOf(ownerId: number) {
  return db
    .selectFrom('documents')
    .select(['id', 'kind', 'content_type', 'original_name', 'size', 'clearance_id', 'record_id', 'uploaded_by'])
    .where('owner_id', '=', ownerId)
    .orderBy('id')
    .execute()
}

async function viewsOf(documentId: number) {
  return db
    .selectFrom('audit_log')
    .select(['actor_id', 'action'])
    .where('action', '=', 'document.view')
    .where('subject', '=', `document:${documentId}`)
    .execute()
}

test('staff record a clearance with its letter, see it beside the clearance and open it: a download, logged', async ({ page }) => {
  const staff = await createPerson(['staff'], `Staff ${unique('st')}`)
  const fellow = await createPerson(['trainee', 'fellow'], `Fellow ${unique('f')}`)
  // Three lines make a letter of over 1 KB (one line made about 1 KB, either side of it by the name’s length),
  // so the page gives its size in KB in every run.
  const letter = await samplePdf('Medical clearance', [
    `${fellow.name} is cleared for KAP training sessions.`,
    'Screened on intake: blood pressure, cardiac history, medications and psychiatric history.',
    'Signed by the medical team of the institute.',
  ])
  expect(letter.length).toBeGreaterThan(1024)
  await signInAs(page, staff)
  await page.goto(`/staff/people/${fellow.id}`)
  await waitForHydration(page, 'Record clearance')

  const card = page.getByRole('region', { name: 'Medical clearances' })
  await card.getByLabel('Granted on').fill(daysAgo(2))
  await card.getByLabel('Expires on').fill(daysAgo(-180))
  await card.getByLabel('Clinician or medical team').fill('Dr. Lena Ortiz, MD')
  await card.getByLabel('Clearance letter (optional)').setInputFiles({ name: 'Clearance – Ortiz.pdf', mimeType: 'application/pdf', buffer: letter })
  await card.getByRole('button', { name: 'Record clearance' }).click()
  await expect(page.getByText('Medical clearance recorded with its letter.')).toBeVisible()

  const [stored] = await documentsOf(fellow.id)
  const clearance = await db.selectFrom('medical_clearances').select('id').where('fellow_id', '=', fellow.id).executeTakeFirstOrThrow()
  expect(stored).toMatchObject({
    kind: 'clearance_letter',
    content_type: 'application/pdf',
    size: letter.length,
    clearance_id: clearance.id,
    uploaded_by: staff.id,
  })

  // Staff see the letter beside the clearance it supports, and open it.
  const link = card.getByRole('link', { name: 'Clearance – Ortiz.pdf' })
  await expect(card.getByText(/PDF, \d+ KB · uploaded/)).toBeVisible()
  const downloading = page.waitForEvent('download')
  await link.click()
  const download = await downloading
  expect(download.suggestedFilename()).toBe('Clearance – Ortiz.pdf')
  expect(fs.readFileSync(await download.path())).toEqual(letter)
  await expect.poll(() => viewsOf(stored!.id)).toEqual([{ actor_id: staff.id, action: 'document.view' }])

  // As the server sends it: an attachment, its type from its content, nosniff, never cached.
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ')
  const response = await fetch(new URL(`/documents/${stored!.id}`, page.url()), { headers: { Cookie: cookie } })
  expect(response.status).toBe(200)
  expect(response.headers.get('content-type')).toBe('application/pdf')
  expect(response.headers.get('content-disposition')).toMatch(
    /^attachment; filename="Clearance _ Ortiz\.pdf"; filename\*=UTF-8''Clearance%20%E2%80%93%20Ortiz\.pdf$/,
  )
  expect(response.headers.get('x-content-type-options')).toMatch(/^nosniff(, nosniff)?$/)
  expect(response.headers.get('cache-control')).toBe('private, no-store')
  expect(Buffer.from(await response.arrayBuffer())).toEqual(letter)
})

test('a letter that is not a PDF, PNG or JPEG is refused beside its field; nothing is recorded', async ({ page }) => {
  const staff = await createPerson(['staff'], `Staff ${unique('st')}`)
  const fellow = await createPerson(['trainee', 'fellow'], `Fellow ${unique('f')}`)
  await signInAs(page, staff)
  await page.goto(`/staff/people/${fellow.id}`)
  await waitForHydration(page, 'Record clearance')
  const card = page.getByRole('region', { name: 'Medical clearances' })
  await card.getByLabel('Granted on').fill(daysAgo(2))
  await card.getByLabel('Expires on').fill(daysAgo(-180))
  await card.getByLabel('Clinician or medical team').fill('Dr. Refused, MD')
  const field = card.getByLabel('Clearance letter (optional)')
  await field.setInputFiles({ name: 'letter.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<!doctype html><script>alert(1)</script>') })
  await card.getByRole('button', { name: 'Record clearance' }).click()
  await expect(card.getByText(/^This file is a web page or other markup, not a PDF, PNG or JPEG\./)).toBeVisible()
  await expect(field).toHaveAttribute('aria-invalid', 'true')
  // What was typed is still there.
  await expect(card.getByLabel('Clinician or medical team')).toHaveValue('Dr. Refused, MD')
  expect(await documentsOf(fellow.id)).toEqual([])
  expect(await db.selectFrom('medical_clearances').select('id').where('fellow_id', '=', fellow.id).execute()).toEqual([])
})

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false })

  test('a fellow attaches a file to a draft: a bad one comes back with the reason, a good one is listed on the record', async ({ page }) => {
    const fellow = await createPerson(['trainee', 'fellow'], `Fellow ${unique('f')}`)
    const record = await insertRecord(db, { fellowId: fellow.id, kind: 'supervision', status: 'draft', occurredOn: daysAgo(3), minutes: 60 }, 1)
    await signInAs(page, fellow)
    await page.goto(`/hours/${record}`)
    await page.getByRole('link', { name: 'Attach a file' }).click()
    await expect(page).toHaveURL(`/hours/${record}/attachments`)

    // A text file named .pdf: refused by its content, the page says why beside the field.
    await page.getByLabel('File').setInputFiles({ name: 'agreement.pdf', mimeType: 'application/pdf', buffer: Buffer.from('Just some notes, typed.\n') })
    await page.getByRole('button', { name: 'Attach file' }).click()
    await expect(page.getByText(/^This file is plain text, not a PDF, PNG or JPEG\./)).toBeVisible()
    await expect(page.getByLabel('File')).toHaveAttribute('aria-invalid', 'true')
    expect(await documentsOf(fellow.id)).toEqual([])

    // A PNG, named .pdf: accepted as the PNG it is.
    const png = samplePng(60, 40)
    await page.getByLabel('File').setInputFiles({ name: 'Supervision agreement.pdf', mimeType: 'application/pdf', buffer: png })
    await page.getByRole('button', { name: 'Attach file' }).click()
    await expect(page).toHaveURL(`/hours/${record}`)
    await expect(page.getByText('Attached Supervision agreement.pdf.')).toBeVisible()
    const [stored] = await documentsOf(fellow.id)
    expect(stored).toMatchObject({
      kind: 'record_attachment',
      record_id: record,
      content_type: 'image/png',
      size: png.length,
      original_name: 'Supervision agreement.pdf',
    })
    await expect(page.getByRole('region', { name: 'Attachments' }).getByRole('link', { name: 'Supervision agreement.png' })).toHaveAttribute(
      'href',
      `/documents/${stored!.id}`,
    )
  })

  test('a supervisor uploads proof of their license; staff find it on the supervisor’s page', async ({ page, browser }) => {
    const supervisor = await createPerson(['supervisor'], `Supervisor ${unique('s')}`)
    const staff = await createPerson(['staff'], `Staff ${unique('st')}`)
    const proof = await samplePdf('License lookup', [`${supervisor.name}: LMFT, active.`])
    await signInAs(page, supervisor)
    await page.goto('/settings/license')
    await page.getByRole('link', { name: 'Upload proof' }).click()
    await page.getByLabel('Proof of license').setInputFiles({ name: 'board lookup.pdf', mimeType: 'application/pdf', buffer: proof })
    await page.getByRole('button', { name: 'Upload proof' }).click()
    await expect(page).toHaveURL('/settings/license')
    await expect(page.getByRole('link', { name: 'board lookup.pdf' })).toBeVisible()

    const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false })
    const staffPage = await context.newPage()
    await signInAs(staffPage, staff)
    await staffPage.goto(`/staff/people/${supervisor.id}`)
    await expect(staffPage.getByRole('region', { name: 'License proof' }).getByRole('link', { name: 'board lookup.pdf' })).toBeVisible()
    await context.close()
  })
})
