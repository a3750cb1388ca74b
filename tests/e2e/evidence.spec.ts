import fs from 'node:fs'
import path from 'node:path'
import zlib from 'node:zlib'
import type { Page } from '@playwright/test'
import { decodeList } from '@digitalbazaar/vc-bitstring-status-list'
import Ajv2019 from 'ajv/dist/2019.js'
import addFormats from 'ajv-formats'
import jsQRModule from 'jsqr'
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream } from 'pdf-lib'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { expiryFor, generateVerificationCode } from '#app/certificates/codes.ts'
import { createPerson, db, expect, signInAs, test, unique } from './fixtures.ts'

// jsqr is a webpack UMD bundle: under ESM its default export is the exports object.
const jsQR = (jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule

const FELLOWSHIP = 'Psychedelic Practitioner Fellowship'

// ---------------------------------------------------------------- reading images back out of a PDF

/** Undoes the PNG predictors (PDF /Predictor 10–15): each row starts with its own filter type byte. */
function undoPngPredictor(data: Uint8Array, columns: number, colors: number, bitsPerComponent: number) {
  const bpp = Math.max(1, Math.ceil((colors * bitsPerComponent) / 8))
  const rowBytes = Math.ceil((columns * colors * bitsPerComponent) / 8)
  const rows = Math.floor(data.length / (rowBytes + 1))
  const out = new Uint8Array(rows * rowBytes)
  for (let r = 0; r < rows; r++) {
    const filter = data[r * (rowBytes + 1)]!
    const src = r * (rowBytes + 1) + 1
    const dst = r * rowBytes
    for (let i = 0; i < rowBytes; i++) {
      const raw = data[src + i]!
      const left = i >= bpp ? out[dst + i - bpp]! : 0
      const up = r > 0 ? out[dst - rowBytes + i]! : 0
      const upLeft = r > 0 && i >= bpp ? out[dst - rowBytes + i - bpp]! : 0
      let value: number
      switch (filter) {
        case 0:
          value = raw
          break
        case 1:
          value = raw + left
          break
        case 2:
          value = raw + up
          break
        case 3:
          value = raw + Math.floor((left + up) / 2)
          break
        case 4: {
          const p = left + up - upLeft
          const pa = Math.abs(p - left)
          const pb = Math.abs(p - up)
          const pc = Math.abs(p - upLeft)
          value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft)
          break
        }
        default:
          throw new Error(`Unknown PNG row filter ${filter}`)
      }
      out[dst + i] = value & 0xff
    }
  }
  return out
}

/** The decoded samples of an image stream: FlateDecode inflated, predictors undone. */
function imageSamples(stream: PDFRawStream, components: number) {
  const filter = stream.dict.lookup(PDFName.of('Filter'))
  const filters = filter instanceof PDFArray ? filter.asArray() : filter ? [filter] : []
  let bytes: Uint8Array = stream.contents
  for (const f of filters) {
    if (f !== PDFName.of('FlateDecode')) throw new Error(`Unexpected image filter ${String(f)}`)
    bytes = new Uint8Array(zlib.inflateSync(bytes))
  }
  const parms = stream.dict.lookup(PDFName.of('DecodeParms'))
  if (parms instanceof PDFDict) {
    const num = (key: string, fallback: number) => parms.lookupMaybe(PDFName.of(key), PDFNumber)?.asNumber() ?? fallback
    const predictor = num('Predictor', 1)
    if (predictor >= 10) bytes = undoPngPredictor(bytes, num('Columns', 1), num('Colors', components), num('BitsPerComponent', 8))
    else if (predictor !== 1) throw new Error(`Unsupported predictor ${predictor}`)
  }
  return bytes
}

type PdfImage = { name: string; width: number; height: number; rgba: Uint8ClampedArray; drawn: boolean }

/** Every image XObject on every page, as RGBA composited over white (as a reader would show it). */
async function pdfImages(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes)
  const images: PdfImage[] = []
  for (const page of doc.getPages()) {
    const contents = page.node.Contents()
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents]
    const ops = streams
      .filter((s): s is PDFRawStream => s instanceof PDFRawStream)
      .map((s) => new TextDecoder('latin1').decode(imageSamples(s, 1)))
      .join('\n')
    const xObjects = page.node.Resources()?.lookupMaybe(PDFName.of('XObject'), PDFDict)
    for (const [name, ref] of xObjects?.entries() ?? []) {
      const stream = doc.context.lookup(ref)
      if (!(stream instanceof PDFRawStream) || stream.dict.lookup(PDFName.of('Subtype')) !== PDFName.of('Image')) continue
      const width = stream.dict.lookup(PDFName.of('Width'), PDFNumber).asNumber()
      const height = stream.dict.lookup(PDFName.of('Height'), PDFNumber).asNumber()
      expect(stream.dict.lookup(PDFName.of('BitsPerComponent'), PDFNumber).asNumber()).toBe(8)
      const colorSpace = stream.dict.lookup(PDFName.of('ColorSpace'))
      const components = colorSpace === PDFName.of('DeviceRGB') ? 3 : colorSpace === PDFName.of('DeviceGray') ? 1 : 0
      expect(components, `colour space ${String(colorSpace)}`).toBeGreaterThan(0)
      const samples = imageSamples(stream, components)
      expect(samples.length).toBeGreaterThanOrEqual(width * height * components)
      const smask = stream.dict.lookup(PDFName.of('SMask'))
      const alpha = smask instanceof PDFRawStream ? imageSamples(smask, 1) : null
      const rgba = new Uint8ClampedArray(width * height * 4)
      for (let i = 0; i < width * height; i++) {
        const a = alpha ? alpha[i]! / 255 : 1
        for (let c = 0; c < 3; c++) {
          const v = samples[i * components + (components === 3 ? c : 0)]!
          rgba[i * 4 + c] = Math.round(v * a + 255 * (1 - a))
        }
        rgba[i * 4 + 3] = 255
      }
      images.push({ name: name.decodeText(), width, height, rgba, drawn: new RegExp(`/${name.decodeText()}\\s+Do\\b`).test(ops) })
    }
  }
  return images
}

/** The text of every QR code drawn on the PDF's pages. */
async function qrCodesIn(bytes: Uint8Array) {
  const images = await pdfImages(bytes)
  const decoded = images.filter((i) => i.drawn).map((i) => jsQR(i.rgba, i.width, i.height)?.data ?? null)
  return { images, decoded: decoded.filter((d): d is string => d !== null) }
}

const ajv = new Ajv2019({ strict: false, allErrors: true })
addFormats(ajv)
const validateCredential = ajv.compile(JSON.parse(fs.readFileSync(path.resolve('vendor/openbadges/ob_v3p0_achievementcredential_schema.json'), 'utf8')))

/** The same watch the `page` fixture keeps, for pages of a second, signed-out browser context. */
function watchForProblems(page: Page) {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) problems.push(`CSP: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  return problems
}

async function download(page: Page, link: ReturnType<Page['getByRole']>) {
  const [file] = await Promise.all([page.waitForEvent('download'), link.click()])
  return { name: file.suggestedFilename(), bytes: new Uint8Array(fs.readFileSync((await file.path())!)) }
}

// ---------------------------------------------------------------- practicum summaries

test('a fellow generates a practicum summary, downloads it, and anyone can verify it until a newer one supersedes it', async ({ page, browser, baseURL }) => {
  const fellow = await createPerson(['trainee', 'fellow'], `Avery Evidence ${unique('f')}`)
  const supervisorUser = await createPerson(['supervisor'], `Dr. Maya ${unique('s')}`)
  const supervisor = { id: supervisorUser.id, name: supervisorUser.name, license_type: 'LMFT', license_number: '98765', license_state: 'CA' }
  let n = 0
  const add = (kind: 'experiential' | 'sitter' | 'practicum' | 'supervision', days: number, minutes: number) =>
    insertRecord(db, { fellowId: fellow.id, kind, status: 'approved', occurredOn: daysAgo(days), minutes, supervisor }, n++)
  await add('experiential', 90, 150)
  await add('sitter', 80, 180)
  await add('practicum', 60, 120)
  await add('practicum', 40, 90)
  await add('supervision', 30, 60)
  await signInAs(page, fellow)

  await page.goto('/summaries')
  await expect(page.getByRole('heading', { level: 1, name: 'Practicum summaries' })).toBeVisible()
  await expect(page.getByText('No summary generated yet.')).toBeVisible()
  await page.getByRole('button', { name: 'Generate a new summary' }).click()
  await expect(page.getByRole('status').filter({ hasText: 'A new practicum summary is ready.' })).toBeVisible()

  const items = page.getByRole('listitem').filter({ hasText: /^Generated / })
  await expect(items).toHaveCount(1)
  await expect(items.first().getByText('current', { exact: true })).toBeVisible()
  const [first] = await db.selectFrom('practicum_summaries').selectAll().where('user_id', '=', fellow.id).orderBy('id').execute()
  expect(first).toMatchObject({ generated_by: fellow.id, holder_name: fellow.name })

  // The PDF: a real PDF, its QR code pointing at the public verify page.
  const pdf = await download(page, items.first().getByRole('link', { name: 'Download PDF' }))
  expect(pdf.name).toBe(`practicum-summary-${first!.generated_at.slice(0, 10)}.pdf`)
  expect(Buffer.from(pdf.bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-')
  const doc = await PDFDocument.load(pdf.bytes)
  expect(doc.getTitle()).toBe(`Practicum summary — ${fellow.name}`)
  expect(doc.getSubject()).toBe(`Practicum summary ${first!.code}`)
  expect((await qrCodesIn(pdf.bytes)).decoded).toEqual([`${baseURL}/verify/summary/${first!.code}`])

  // The same figures as CSV, beside the PDF: a spreadsheet's rows, categories and signers included.
  const csv = await download(page, items.first().getByRole('link', { name: 'Download CSV' }))
  expect(csv.name).toBe(`practicum-summary-${first!.generated_at.slice(0, 10)}.csv`)
  const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes)
  expect(csvText.startsWith('\uFEFFSection,Label,Records,Hours,License,License expires,Detail\r\n')).toBe(true)
  expect(csvText).toContain('By category: Practicum,Direct client contact,2,3.5,,,\r\n')
  expect(csvText).toContain(`Approving supervisor,${supervisor.name},5,10,LMFT 98765 (CA),not recorded,\r\n`)

  const verifyHref = await items.first().getByRole('link', { name: 'Verify page' }).getAttribute('href')
  expect(verifyHref).toBe(`/verify/summary/${first!.code}`)

  // Signed out, anyone sees it is genuine and current.
  const visitor = await browser.newContext({ baseURL })
  const publicPage = await visitor.newPage()
  const problems = watchForProblems(publicPage)
  const response = await publicPage.goto(verifyHref!)
  expect(response?.status()).toBe(200)
  await expect(publicPage.getByRole('button', { name: 'Sign out' })).toHaveCount(0)
  const heading = publicPage.getByRole('heading', { level: 1 })
  await expect(heading).toHaveText(/^Genuine summary\s*current$/)
  await expect(publicPage.getByText('This is the most recent summary generated for this fellow.')).toBeVisible()
  await expect(publicPage.getByText(fellow.name, { exact: true })).toBeVisible()
  await expect(publicPage.getByText('Practicum, direct client contact: 2 · 3.5 h', { exact: true })).toBeVisible()
  await expect(publicPage.getByText('Supervision and consultation, individual supervision: 1 · 1 h', { exact: true })).toBeVisible()

  // A second summary: the list shows it current and the first superseded.
  await page.getByRole('button', { name: 'Generate a new summary' }).click()
  await expect(items).toHaveCount(2)
  const summaries = await db.selectFrom('practicum_summaries').selectAll().where('user_id', '=', fellow.id).orderBy('id').execute()
  expect(summaries).toHaveLength(2)
  const second = summaries[1]!
  await expect(items.nth(0).getByText('current', { exact: true })).toBeVisible()
  await expect(items.nth(0).getByRole('link', { name: 'Verify page' })).toHaveAttribute('href', `/verify/summary/${second.code}`)
  await expect(items.nth(1).getByText('superseded', { exact: true })).toBeVisible()
  await expect(items.nth(1).getByRole('link', { name: 'Verify page' })).toHaveAttribute('href', `/verify/summary/${first!.code}`)

  // The first one's public page now says it was superseded; the second's says current.
  await publicPage.reload()
  await expect(heading).toHaveText(/^Genuine summary\s*superseded$/)
  await expect(publicPage.getByText(/^A newer summary for this fellow was generated on .+\. Ask them for it\.$/)).toBeVisible()
  await publicPage.goto(`/verify/summary/${second.code}`)
  await expect(heading).toHaveText(/^Genuine summary\s*current$/)

  // An unknown code is a 404 page that says so.
  const unknown = await publicPage.goto(`/verify/summary/${generateVerificationCode()}`)
  expect(unknown?.status()).toBe(404)
  await expect(publicPage.getByRole('heading', { level: 1, name: 'No practicum summary has this code' })).toBeVisible()
  const malformed = await publicPage.goto(`/verify/summary/${encodeURIComponent("abc'; drop table practicum_summaries; --")}`)
  expect(malformed?.status()).toBe(404)
  await expect(publicPage.getByRole('heading', { level: 1, name: 'No practicum summary has this code' })).toBeVisible()
  const body = await publicPage.locator('body').innerText()
  expect(body).not.toMatch(/\bat .+\.(js|ts|tsx):\d+|SqliteError|TypeError|Error:/)
  expect(problems, 'no CSP violations or page errors on the public page').toEqual([])
  await visitor.close()
})

// ---------------------------------------------------------------- certificates: Open Badges credential, QR code, LinkedIn

test('a certificate travels: its Open Badges credential validates, its PDF QR code decodes to the verify URL, LinkedIn gets the right fields', async ({
  page,
  request,
  baseURL,
}) => {
  const holder = await createPerson(['trainee', 'fellow'], `Zoë Holder ${unique('h')}`)
  const staff = await createPerson(['staff'], `Sam Staffer ${unique('st')}`)
  const code = generateVerificationCode()
  const issueYear = new Date().getUTCFullYear() - 1
  const issuedAt = `${issueYear}-03-15T10:00:00.000Z`
  const expiresAt = expiryFor(new Date(issuedAt), 24)!
  const serial = `KAP-${issueYear}-${String(100000 + ((Date.now() + process.pid * 7919) % 900000)).padStart(6, '0')}`
  const { id } = await db
    .insertInto('certificates')
    .values({
      serial,
      code,
      user_id: holder.id,
      program_slug: 'practitioner-fellowship',
      program_title: FELLOWSHIP,
      holder_name: holder.name,
      issued_at: issuedAt,
      issued_by: staff.id,
      issuer_name: staff.name,
      requirements: '{}',
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const verifyUrl = `${baseURL}/verify/${code}`

  // The public Open Badges 3.0 credential (no sign-in: `request` carries no cookies).
  const credentialResponse = await request.get(`/verify/${code}/credential.json`)
  expect(credentialResponse.status()).toBe(200)
  expect(credentialResponse.headers()['content-type']).toContain('application/ld+json')
  const credential = await credentialResponse.json()
  expect(credential.type).toContain('OpenBadgeCredential')
  expect(credential.type).toContain('VerifiableCredential')
  expect(validateCredential(credential), JSON.stringify(validateCredential.errors, null, 2)).toBe(true)
  expect(credential).toMatchObject({
    id: `${verifyUrl}/credential.json`,
    validFrom: issuedAt,
    issuanceDate: issuedAt,
    validUntil: expiresAt,
    issuer: { name: 'KAP Fellowship' },
    credentialStatus: { type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: String(id - 1) },
    proof: { type: 'DataIntegrityProof', cryptosuite: 'eddsa-rdfc-2022' },
    credentialSubject: { achievement: { name: FELLOWSHIP, achievementType: 'Certificate' } },
  })
  const missing = await request.get(`/verify/${generateVerificationCode()}/credential.json`)
  expect(missing.status()).toBe(404)
  expect(await missing.json()).toEqual({ error: 'No certificate has this code.' })

  // The holder's page: the PDF and the LinkedIn link.
  await signInAs(page, holder)
  await page.goto(`/certificates/${id}`)
  await expect(page.getByRole('heading', { level: 1, name: FELLOWSHIP })).toBeVisible()
  await expect(page.getByRole('link', { name: verifyUrl })).toHaveAttribute('href', verifyUrl)

  const linkedIn = page.getByRole('link', { name: 'Add to LinkedIn profile' })
  await expect(linkedIn).toBeVisible()
  await expect(linkedIn).toHaveAttribute('target', '_blank')
  expect(await linkedIn.getAttribute('rel')).toContain('noopener')
  const url = new URL((await linkedIn.getAttribute('href'))!)
  expect(`${url.origin}${url.pathname}`).toBe('https://www.linkedin.com/profile/add')
  expect(Object.fromEntries(url.searchParams)).toEqual({
    startTask: 'CERTIFICATION_NAME',
    name: FELLOWSHIP,
    organizationName: 'KAP Fellowship',
    issueYear: String(issueYear),
    issueMonth: '3',
    certUrl: verifyUrl,
    certId: serial,
    expirationYear: String(issueYear + 2),
    expirationMonth: '3',
  })

  const pdf = await download(page, page.getByRole('link', { name: 'Download PDF' }))
  expect(pdf.name).toBe(`${serial}.pdf`)
  expect(Buffer.from(pdf.bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-')
  const { images, decoded } = await qrCodesIn(pdf.bytes)
  const drawn = images.filter((i) => i.drawn)
  expect(drawn).toHaveLength(1)
  expect(drawn[0]!.width).toBe(drawn[0]!.height)
  expect(decoded).toEqual([verifyUrl])

  // The decoded URL is the public verify page, and it says the certificate is valid.
  const visitor = await page.context().browser()!.newContext({ baseURL })
  const publicPage = await visitor.newPage()
  const problems = watchForProblems(publicPage)
  expect((await publicPage.goto(decoded[0]!))?.status()).toBe(200)
  await expect(publicPage.getByRole('heading', { level: 1, name: /^Valid certificate/ })).toBeVisible()
  await expect(publicPage.getByText(serial, { exact: true })).toBeVisible()
  await expect(publicPage.getByRole('link', { name: 'Download credential (Open Badges 3.0)' })).toHaveAttribute('href', `/verify/${code}/credential.json`)
  expect(problems).toEqual([])

  // Once revoked, the holder's page no longer offers LinkedIn and the credential says revoked.
  await db
    .updateTable('certificates')
    .set({ revoked_at: new Date().toISOString(), revoked_by: staff.id, revocation_reason: 'e2e' })
    .where('id', '=', id)
    .execute()
  await page.reload()
  await expect(page.getByRole('heading', { level: 1, name: FELLOWSHIP })).toBeVisible()
  await expect(page.getByRole('link', { name: 'Add to LinkedIn profile' })).toHaveCount(0)
  const revoked = await (await request.get(`/verify/${code}/credential.json`)).json()
  expect(validateCredential(revoked), JSON.stringify(validateCredential.errors)).toBe(true)
  // Its bit in the signed revocation list is set.
  const list = await (await request.get(revoked.credentialStatus.statusListCredential)).json()
  const bits = await decodeList({ encodedList: list.credentialSubject.encodedList })
  expect(bits.getStatus(Number(revoked.credentialStatus.statusListIndex))).toBe(true)
  await visitor.close()
})
