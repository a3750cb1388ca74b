import fs from 'node:fs'
import { generateVerificationCode } from '#app/certificates/codes.ts'
import { createPerson, db, expect, signInAs, test, unique } from './fixtures.ts'

const FELLOWSHIP = 'Psychedelic Practitioner Fellowship'

// The holder downloads their signed credential from the certificate page; anyone checks it on
// /verify by pasting it or choosing the file: valid, then tampered when a field is changed, then
// revoked once staff revoke the certificate.
test('a credential downloaded from the certificate page verifies on /verify, pasted or uploaded; changed, it is tampered; revoked, it says so', async ({
  page,
  browser,
  baseURL,
}) => {
  const holder = await createPerson(['trainee', 'fellow'], `Zoë Credential ${unique('h')}`)
  const staff = await createPerson(['staff'], `Sam Staffer ${unique('st')}`)
  const issuedAt = new Date(Date.now() - 30 * 86_400_000)
  const expiresAt = new Date(issuedAt.getTime() + 730 * 86_400_000)
  const serial = `KAP-${issuedAt.getUTCFullYear()}-${String(200000 + ((Date.now() + process.pid * 7919) % 700000)).padStart(6, '0')}`
  const { id } = await db
    .insertInto('certificates')
    .values({
      serial,
      code: generateVerificationCode(),
      user_id: holder.id,
      program_slug: 'practitioner-fellowship',
      program_title: FELLOWSHIP,
      holder_name: holder.name,
      issued_at: issuedAt.toISOString(),
      issued_by: staff.id,
      issuer_name: staff.name,
      requirements: '{}',
      expires_at: expiresAt.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  await signInAs(page, holder)
  await page.goto(`/certificates/${id}`)
  await expect(page.getByRole('link', { name: 'Add to LinkedIn profile' })).toBeVisible()
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download credential (Open Badges 3.0)' }).click()])
  expect(file.suggestedFilename()).toBe(`${serial}-credential.json`)
  const filePath = (await file.path())!
  const text = fs.readFileSync(filePath, 'utf8')
  const credential = JSON.parse(text)
  expect(credential.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' })
  expect(text).not.toContain(holder.name)

  // Anyone, signed out.
  const visitor = await browser.newContext({ baseURL })
  const publicPage = await visitor.newPage()
  await publicPage.goto('/verify')
  const box = publicPage.getByLabel('Credential (paste the JSON)')
  await box.fill(text)
  await publicPage.getByRole('button', { name: 'Check credential' }).click()
  const verdict = publicPage.getByRole('status')
  await expect(verdict.getByRole('heading', { name: /^Valid credential/ })).toBeVisible()
  await expect(verdict).toContainText(serial)
  await expect(verdict).toContainText(FELLOWSHIP)

  // The file itself, chosen instead of pasted.
  await publicPage.goto('/verify')
  await publicPage.getByLabel('Or choose the credential file').setInputFiles(filePath)
  await publicPage.getByRole('button', { name: 'Check credential' }).click()
  await expect(publicPage.getByRole('status').getByRole('heading', { name: /^Valid credential/ })).toBeVisible()

  // One field changed after signing.
  await publicPage.goto('/verify')
  await publicPage.getByLabel('Credential (paste the JSON)').fill(JSON.stringify({ ...credential, name: 'Advanced KAP' }))
  await publicPage.getByRole('button', { name: 'Check credential' }).click()
  await expect(publicPage.getByRole('status').getByRole('heading', { name: /^Tampered credential/ })).toBeVisible()
  await expect(publicPage.getByRole('status')).toContainText('changed after the institute signed it')

  // Not JSON: said beside the field, the text kept.
  await publicPage.goto('/verify')
  await publicPage.getByLabel('Credential (paste the JSON)').fill('KAP-2026-000001')
  await publicPage.getByRole('button', { name: 'Check credential' }).click()
  await expect(publicPage.getByText(/^This is not JSON/)).toBeVisible()
  await expect(publicPage.getByLabel('Credential (paste the JSON)')).toHaveValue('KAP-2026-000001')

  // Staff revoke the certificate: the same downloaded file now reads as revoked.
  await db
    .updateTable('certificates')
    .set({ revoked_at: new Date().toISOString(), revoked_by: staff.id, revocation_reason: 'e2e' })
    .where('id', '=', id)
    .execute()
  await publicPage.goto('/verify')
  await publicPage.getByLabel('Credential (paste the JSON)').fill(text)
  await publicPage.getByRole('button', { name: 'Check credential' }).click()
  await expect(publicPage.getByRole('status').getByRole('heading', { name: /^Revoked credential/ })).toBeVisible()
  await visitor.close()
})
