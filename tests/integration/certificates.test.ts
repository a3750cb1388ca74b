import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, test } from 'vitest'
import { daysAgo, insertClearance, insertRecord } from '#app/demo/program.server.ts'
import type { Role } from '#db/schema.ts'
import { expiryFor, generateVerificationCode, isWellFormedCode } from '#app/certificates/codes.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import * as certificatePage from '#app/routes/certificates.$id._index.tsx'
import * as certificatePdfRoute from '#app/routes/certificates.$id.pdf.tsx'
import * as myCertificates from '#app/routes/certificates._index.tsx'
import * as loginRoute from '#app/routes/login.tsx'
import * as staffCertificate from '#app/routes/staff.certificates.$id.tsx'
import * as staffCohort from '#app/routes/staff.cohorts.$id.tsx'
import * as staffCohorts from '#app/routes/staff.cohorts._index.tsx'
import * as personPage from '#app/routes/staff.people.$id.tsx'
import * as verifyCode from '#app/routes/verify.$code._index.tsx'
import * as verifyForm from '#app/routes/verify._index.tsx'
import { createCohort, createUser, request, run, signInCookie, TEST_PASSWORD, uniqueEmail, type TestUser } from '#tests/helpers.ts'
import { pdfText } from '#tests/support/pdf-text.ts'
import { VERIFIED } from '#tests/support/licenses.ts'
import { passingFinalEvaluation } from '#tests/support/supervision.ts'

const FELLOWSHIP = 'practitioner-fellowship'
const FELLOWSHIP_TITLE = 'Psychedelic Practitioner Fellowship'
const ALL_TITLES = ['Introductory KAP', 'Advanced KAP', 'KAP experiential training', FELLOWSHIP_TITLE]
const year = () => new Date().getUTCFullYear()

// ---------------------------------------------------------------- arranging

let n = 0

async function supervisorFor() {
  const user = await createUser(['supervisor'], { name: `Dr. Supervisor ${++n}` })
  await db
    .updateTable('users')
    .set({ license_type: 'LMFT', license_number: '12345', license_state: 'CA', ...VERIFIED })
    .where('id', '=', user.id)
    .execute()
  return { id: user.id, name: user.name, license_type: 'LMFT', license_number: '12345', license_state: 'CA' }
}

/** Lesson progress rows for every lesson of every course (or all but `leave` lessons of the last course). */
async function completeCourses(userId: number, { leave = 0 } = {}) {
  const courses = getCatalog().courses
  const rows = courses.flatMap((course, c) =>
    course.lessons.slice(0, c === courses.length - 1 ? course.lessons.length - leave : undefined).map((lesson, i) => ({
      user_id: userId,
      course_slug: course.slug,
      lesson_slug: lesson.slug,
      best_score: 1,
      attempts: 1,
      completed_at: daysAgo(200 - i),
      last_attempt_at: daysAgo(200 - i),
    })),
  )
  await db.insertInto('lesson_progress').values(rows).execute()
}

async function recordClearance(fellowId: number, staffId: number) {
  await insertClearance(db, { fellowId: fellowId, recordedBy: staffId })
}

type Counts = { experiential?: number; sitter?: number; practicumSessions?: number; supervisionSessions?: number }

/** Approved records: 150-min experiential, 180-min sitter, 120-min practicum and 60-min supervision sessions. */
async function approvedRecords(fellowId: number, { experiential = 12, sitter = 12, practicumSessions = 20, supervisionSessions = 12 }: Counts = {}) {
  const [maya, jonah] = [await supervisorFor(), await supervisorFor()]
  const add = (kind: 'experiential' | 'sitter' | 'practicum' | 'supervision', i: number, minutes: number, supervisor = maya) =>
    insertRecord(db, { fellowId, kind, status: 'approved', occurredOn: daysAgo(350 - i), minutes, supervisor }, ++n)
  for (let i = 0; i < experiential; i++) await add('experiential', i * 4, 150)
  for (let i = 0; i < sitter; i++) await add('sitter', i * 4 + 1, 180, i % 2 ? jonah : maya)
  for (let i = 0; i < practicumSessions; i++) await add('practicum', i * 4 + 2, 120)
  for (let i = 0; i < supervisionSessions; i++) await add('supervision', i * 4 + 3, 60, jonah)
  return [maya.name, jonah.name].sort()
}

/** A fellow who meets every requirement of every program (or falls short where told). */
async function eligibleFellow(staff: TestUser, fields: { name?: string } = {}, counts: Counts = {}) {
  const fellow = await createUser(['fellow'], { name: fields.name ?? `Fellow Eligible ${++n}` })
  await completeCourses(fellow.id)
  await recordClearance(fellow.id, staff.id)
  const supervisors = await approvedRecords(fellow.id, counts)
  // The fellowship asks for a passing final competency evaluation as well.
  await passingFinalEvaluation(fellow, await createUser(['supervisor']))
  return { fellow, supervisors }
}

async function issue(staff: TestUser, personId: number, program: string) {
  return run(personPage.action, await request(`/staff/people/${personId}`, { user: staff, form: { intent: 'issue', program } }), { id: String(personId) })
}

async function certificatesOf(userId: number) {
  return db.selectFrom('certificates').selectAll().where('user_id', '=', userId).orderBy('id').execute()
}

async function auditRows(action: string, subject: string) {
  return db.selectFrom('audit_log').selectAll().where('action', '=', action).where('subject', '=', subject).execute()
}

async function mailsTo(email: string) {
  return db.selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('id').execute()
}

async function verify(code: string) {
  return run(verifyCode.loader, await request(`/verify/${encodeURIComponent(code)}`), { code })
}

async function revoke(staff: TestUser, certId: number, form: Record<string, string>) {
  return run(staffCertificate.action, await request(`/staff/certificates/${certId}`, { user: staff, form }), { id: String(certId) })
}

/** Calls the PDF route's loader and returns the Response as sent, bytes included. */
async function downloadPdf(certId: number, user?: TestUser) {
  const args = { request: await request(`/certificates/${certId}/pdf`, { user }), params: { id: String(certId) }, context: {} }
  try {
    const response = (await certificatePdfRoute.loader(args)) as Response
    return { status: response.status, response, bytes: new Uint8Array(await response.arrayBuffer()) }
  } catch (thrown) {
    const outcome = await run(() => Promise.reject(thrown), args.request)
    return { status: outcome.status, response: null, bytes: new Uint8Array(), outcome }
  }
}

// ---------------------------------------------------------------- reading PDFs

// ---------------------------------------------------------------- issuing

describe('issuing a certificate from the person page', () => {
  test('a person who is not eligible is refused, even by a forged POST, and nothing is written', async () => {
    const staff = await createUser(['staff'])
    const nobody = await createUser(['fellow'])
    const refused = await issue(staff, nobody.id, FELLOWSHIP)
    expect(refused.status).toBe(409)
    expect(refused.data.errors.program).toMatch(/^Not eligible for Psychedelic Practitioner Fellowship yet: /)
    expect(refused.data.errors.program).toContain('Introductory KAP first')
    expect(refused.data.errors.program).toContain('40 more practicum hours approved')

    // Nearly there: 11 experiential sessions approved, everything else met.
    const { fellow: nearly } = await eligibleFellow(staff, {}, { experiential: 11 })
    const short = await issue(staff, nearly.id, FELLOWSHIP)
    expect(short.status).toBe(409)
    expect(short.data.errors.program).toBe('Not eligible for Psychedelic Practitioner Fellowship yet: KAP experiential training first.')
    const experiential = await issue(staff, nearly.id, 'kap-experiential')
    expect(experiential.status).toBe(409)
    expect(experiential.data.errors.program).toContain('1 more experiential session approved')

    // Two lessons of the last course left: the course-based program is refused, with what is missing.
    const lessons = await createUser(['fellow'])
    await completeCourses(lessons.id, { leave: 2 })
    const advanced = await issue(staff, lessons.id, 'advanced-kap')
    expect(advanced.status).toBe(409)
    expect(advanced.data.errors.program).toBe('Not eligible for Advanced KAP yet: Advanced KAP: 2 lessons left.')

    for (const id of [nobody.id, nearly.id, lessons.id]) {
      expect(await certificatesOf(id)).toEqual([])
      const issuedFor = await db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', 'certificate.issue')
        .where('detail', 'like', `%"userId":${id},%`)
        .execute()
      expect(issuedFor).toEqual([])
    }
    expect(await mailsTo(nearly.email)).toEqual([])
  })

  test('an unknown program is refused; a malformed one never reaches the lookup', async () => {
    const staff = await createUser(['staff'])
    const { fellow } = await eligibleFellow(staff)
    const unknown = await issue(staff, fellow.id, 'no-such-program')
    expect(unknown.status).toBe(409)
    expect(unknown.data.errors.program).toBe('There is no such program.')
    const malformed = await issue(staff, fellow.id, "x'; drop table certificates; --")
    expect(malformed.status).toBe(400)
    expect(malformed.data.errors.program).toBe('Choose a program from the list.')
    const missing = await run(personPage.action, await request(`/staff/people/${fellow.id}`, { user: staff, form: { intent: 'issue' } }), {
      id: String(fellow.id),
    })
    expect(missing.status).toBe(400)
    expect(await certificatesOf(fellow.id)).toEqual([])
  })

  test('an eligible fellow gets a certificate with serial, code, name and requirements snapshot; audited and mailed', async () => {
    const staff = await createUser(['staff'], { name: 'Sam Staffer' })
    const { fellow, supervisors } = await eligibleFellow(staff, { name: 'Zoë O’Brien-Ngata' })

    const page = await run(personPage.loader, await request(`/staff/people/${fellow.id}`, { user: staff }), { id: String(fellow.id) })
    expect(page.status).toBe(200)
    const fellowshipView = page.data.programs.find((p: { slug: string }) => p.slug === FELLOWSHIP)
    expect(fellowshipView).toMatchObject({ eligible: true, holdsValid: false })

    const before = new Date().toISOString()
    const issued = await issue(staff, fellow.id, FELLOWSHIP)
    expect(issued.status).toBe(302)
    const [cert, ...others] = await certificatesOf(fellow.id)
    expect(others).toEqual([])
    expect(issued.location).toBe(`/staff/certificates/${cert!.id}`)

    expect(cert!.serial).toMatch(new RegExp(`^KAP-${year()}-\\d{6}$`))
    expect(cert!.code).toHaveLength(26)
    expect(isWellFormedCode(cert!.code)).toBe(true)
    expect(cert).toMatchObject({
      user_id: fellow.id,
      program_slug: FELLOWSHIP,
      program_title: FELLOWSHIP_TITLE,
      holder_name: 'Zoë O’Brien-Ngata',
      issued_by: staff.id,
      issuer_name: 'Sam Staffer',
      revoked_at: null,
      revocation_reason: null,
    })
    expect(cert!.issued_at >= before).toBe(true)
    expect(cert!.expires_at).toBe(expiryFor(new Date(cert!.issued_at), 24))

    const snapshot = JSON.parse(cert!.requirements)
    expect(snapshot).toMatchObject({
      experientialSessions: 12,
      sitterSessions: 12,
      practicumHours: 40,
      supervisionHours: 12,
      coursesCompleted: getCatalog().courses.map((c) => c.slug),
      supervisors,
    })
    expect(snapshot.requirements).toEqual([
      { label: 'Introductory KAP', have: 1, need: 1 },
      { label: 'Advanced KAP', have: 1, need: 1 },
      { label: 'KAP experiential training', have: 1, need: 1 },
      { label: 'Practicum hours', have: 40, need: 40 },
      // The fixture's records say their categories (app/demo insertRecord): all practicum direct, 8 of 12 supervision hours individual.
      { label: 'Direct client contact hours', have: 40, need: 20 },
      { label: 'Supervision hours', have: 12, need: 12 },
      { label: 'Individual supervision hours', have: 8, need: 6 },
      { label: 'Passing final competency evaluation', have: 1, need: 1 },
    ])

    const [logged, ...moreLogged] = await auditRows('certificate.issue', `certificate:${cert!.id}`)
    expect(moreLogged).toEqual([])
    expect(logged!.actor_id).toBe(staff.id)
    expect(JSON.parse(logged!.detail!)).toEqual({ serial: cert!.serial, userId: fellow.id, program: FELLOWSHIP })

    const [mail, ...moreMail] = await mailsTo(fellow.email)
    expect(moreMail).toEqual([])
    expect(mail!.subject).toBe(`Your ${FELLOWSHIP_TITLE} certificate`)
    expect(mail!.body).toContain(cert!.serial)
    expect(mail!.body).toContain(`http://localhost:3000/certificates/${cert!.id}`)
    expect(mail!.body).toContain(`http://localhost:3000/verify/${cert!.code}`)

    // The name is a snapshot: renaming the person later does not change the certificate.
    await db.updateTable('users').set({ name: 'Someone Renamed' }).where('id', '=', fellow.id).execute()
    const checked = await verify(cert!.code)
    expect(checked.status).toBe(200)
    expect(checked.data).toMatchObject({
      found: true,
      status: 'valid',
      holder: 'Zoë O’Brien-Ngata',
      serial: cert!.serial,
      program: FELLOWSHIP_TITLE,
      revokedAt: null,
      reason: null,
    })
    expect(checked.data.expiresAt).toBe(cert!.expires_at)

    // The person page now says the valid certificate is held.
    const after = await run(personPage.loader, await request(`/staff/people/${fellow.id}`, { user: staff }), { id: String(fellow.id) })
    expect(after.data.programs.find((p: { slug: string }) => p.slug === FELLOWSHIP).holdsValid).toBe(true)
    expect(after.data.certificates).toEqual([expect.objectContaining({ id: cert!.id, serial: cert!.serial, status: 'valid' })])
  })

  test('serials run on within the year; a program without validity never expires', async () => {
    const staff = await createUser(['staff'])
    const { fellow } = await eligibleFellow(staff)
    expect((await issue(staff, fellow.id, 'introductory-kap')).status).toBe(302)
    expect((await issue(staff, fellow.id, 'kap-experiential')).status).toBe(302)
    const [intro, experiential] = await certificatesOf(fellow.id)
    expect(intro!.expires_at).toBeNull()
    const number = (serial: string) => Number(serial.split('-')[2])
    expect(number(experiential!.serial)).toBe(number(intro!.serial) + 1)
    expect(intro!.code).not.toBe(experiential!.code)
    const highest = await db
      .selectFrom('certificates')
      .select('serial')
      .where('serial', 'like', `KAP-${year()}-%`)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow()
    expect(highest.serial).toBe(experiential!.serial)
  })

  test('a second certificate for the same program is refused while a valid one exists', async () => {
    const staff = await createUser(['staff'])
    const { fellow } = await eligibleFellow(staff, { name: 'Twice Tried' })
    expect((await issue(staff, fellow.id, FELLOWSHIP)).status).toBe(302)
    const again = await issue(staff, fellow.id, FELLOWSHIP)
    expect(again.status).toBe(409)
    expect(again.data.errors.program).toBe(`Twice Tried already holds a valid ${FELLOWSHIP_TITLE} certificate. Revoke it first to issue a new one.`)
    expect(await certificatesOf(fellow.id)).toHaveLength(1)
    expect(await mailsTo(fellow.email)).toHaveLength(1)

    // Once expired it is no longer valid, and a new one can be issued.
    await db
      .updateTable('certificates')
      .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
      .where('user_id', '=', fellow.id)
      .execute()
    expect((await issue(staff, fellow.id, FELLOWSHIP)).status).toBe(302)
    const [expired, fresh] = await certificatesOf(fellow.id)
    expect((await verify(expired!.code)).data.status).toBe('expired')
    expect((await verify(fresh!.code)).data.status).toBe('valid')
  })
})

// ---------------------------------------------------------------- the PDF and the holder's pages

describe('the certificate PDF and page', () => {
  test('a real PDF naming the holder, program and serial; the holder and staff may download it, nobody else', async () => {
    const staff = await createUser(['staff'], { name: 'Pat Issuer' })
    const { fellow } = await eligibleFellow(staff, { name: 'Zoë O’Brien-Ngata' })
    await issue(staff, fellow.id, FELLOWSHIP)
    const [cert] = await certificatesOf(fellow.id)

    const mine = await downloadPdf(cert!.id, fellow)
    expect(mine.status).toBe(200)
    expect(mine.response!.headers.get('Content-Type')).toBe('application/pdf')
    expect(mine.response!.headers.get('Content-Disposition')).toBe(`attachment; filename="${cert!.serial}.pdf"`)
    expect(mine.response!.headers.get('Cache-Control')).toBe('private, no-store')
    expect(new TextDecoder().decode(mine.bytes.slice(0, 5))).toBe('%PDF-')

    const { doc, pages, text } = await pdfText(mine.bytes)
    expect(doc.getPageCount()).toBe(1)
    expect(doc.getTitle()).toBe(`${FELLOWSHIP_TITLE} — Zoë O’Brien-Ngata`)
    expect(doc.getSubject()).toBe(`Certificate ${cert!.serial}`)
    expect(doc.getKeywords()).toContain(cert!.serial)
    expect(pages[0]!.length).toBeGreaterThan(100)
    // The drawn text itself, read back through the fonts' ToUnicode maps.
    const lines = text.split('\n')
    expect(lines).toContain('Zoë O’Brien-Ngata')
    expect(lines).toContain(FELLOWSHIP_TITLE)
    expect(lines).toContain(`Serial: ${cert!.serial}`)
    expect(lines).toContain('Issued by Pat Issuer for the institute')
    expect(lines).toContain(`http://localhost:3000/verify/${cert!.code}`)
    expect(text).not.toContain('\uFFFD')

    const asStaff = await downloadPdf(cert!.id, staff)
    expect(asStaff.status).toBe(200)
    expect((await pdfText(asStaff.bytes)).text).toContain(`Serial: ${cert!.serial}`)

    const other = await createUser(['fellow'])
    expect((await downloadPdf(cert!.id, other)).status).toBe(404)
    const supervisor = await createUser(['supervisor'])
    expect((await downloadPdf(cert!.id, supervisor)).status).toBe(404)
    const anonymous = await downloadPdf(cert!.id)
    expect(anonymous.status).toBe(302)
    expect(anonymous.outcome!.location).toMatch(/^\/login\?redirectTo=/)
    expect((await downloadPdf(999_999, staff)).status).toBe(404)

    // The certificate page follows the same rule, and offers LinkedIn while valid.
    const own = await run(certificatePage.loader, await request(`/certificates/${cert!.id}`, { user: fellow }), { id: String(cert!.id) })
    expect(own.status).toBe(200)
    expect(own.data.status).toBe('valid')
    const linkedIn = new URL(own.data.linkedIn)
    expect(linkedIn.searchParams.get('certId')).toBe(cert!.serial)
    expect(linkedIn.searchParams.get('certUrl')).toBe(`http://localhost:3000/verify/${cert!.code}`)
    expect(linkedIn.searchParams.get('name')).toBe(FELLOWSHIP_TITLE)
    expect((await run(certificatePage.loader, await request(`/certificates/${cert!.id}`, { user: other }), { id: String(cert!.id) })).status).toBe(404)
    expect((await run(certificatePage.loader, await request(`/certificates/abc`, { user: fellow }), { id: 'abc' })).status).toBe(404)
  })
})

// ---------------------------------------------------------------- revoking and verifying

describe('revoking and the public verify page', () => {
  test('a reason is required; revoking keeps the row, mails the holder, is audited and shows on the verify page', async () => {
    const staff = await createUser(['staff'])
    const { fellow } = await eligibleFellow(staff)
    await issue(staff, fellow.id, FELLOWSHIP)
    const [cert] = await certificatesOf(fellow.id)

    for (const form of [{}, { reason: '' }, { reason: '   ' }] as Record<string, string>[]) {
      const missing = await revoke(staff, cert!.id, form)
      expect(missing.status).toBe(400)
      expect(missing.data.errors.reason).toBe('Give the reason for revoking.')
    }
    expect((await certificatesOf(fellow.id))[0]!.revoked_at).toBeNull()

    const done = await revoke(staff, cert!.id, { reason: 'Licence suspended by the state board.' })
    expect(done.status).toBe(302)
    expect(done.location).toBe(`/staff/certificates/${cert!.id}`)
    const [revoked, ...others] = await certificatesOf(fellow.id)
    expect(others).toEqual([])
    expect(revoked).toMatchObject({
      id: cert!.id,
      serial: cert!.serial,
      code: cert!.code,
      revoked_by: staff.id,
      revocation_reason: 'Licence suspended by the state board.',
      reason_public: 0,
    })
    expect(revoked!.revoked_at).toBeTruthy()

    const mail = (await mailsTo(fellow.email)).at(-1)!
    expect(mail.subject).toBe(`Your ${FELLOWSHIP_TITLE} certificate was revoked`)
    expect(mail.body).toContain(cert!.serial)
    expect(mail.body).toContain('Reason: Licence suspended by the state board.')
    const [logged] = await auditRows('certificate.revoke', `certificate:${cert!.id}`)
    expect(logged!.actor_id).toBe(staff.id)
    expect(JSON.parse(logged!.detail!)).toEqual({ serial: cert!.serial, reason: 'Licence suspended by the state board.', showReason: false })

    // Public: revoked, and the reason stays private because staff did not choose to show it.
    const checked = await verify(cert!.code)
    expect(checked.status).toBe(200)
    expect(checked.data).toMatchObject({ found: true, status: 'revoked', serial: cert!.serial, revokedAt: revoked!.revoked_at, reason: null })
    expect(JSON.stringify(checked.data)).not.toContain('Licence suspended')

    // Revoked twice: refused, nothing changes.
    const twice = await revoke(staff, cert!.id, { reason: 'Again' })
    expect(twice.status).toBe(409)
    expect(twice.data.errors.form).toBe('This certificate is already revoked.')
    expect((await certificatesOf(fellow.id))[0]!.revocation_reason).toBe('Licence suspended by the state board.')

    // The holder's page no longer offers LinkedIn; the staff page shows the revocation.
    const own = await run(certificatePage.loader, await request(`/certificates/${cert!.id}`, { user: fellow }), { id: String(cert!.id) })
    expect(own.data).toMatchObject({ status: 'revoked', linkedIn: null })
    const staffView = await run(staffCertificate.loader, await request(`/staff/certificates/${cert!.id}`, { user: staff }), { id: String(cert!.id) })
    expect(staffView.data.status).toBe('revoked')
  })

  test('the reason shows publicly only when staff tick the box', async () => {
    const staff = await createUser(['staff'])
    const { fellow } = await eligibleFellow(staff)
    await issue(staff, fellow.id, 'introductory-kap')
    const [cert] = await certificatesOf(fellow.id)
    expect((await revoke(staff, cert!.id, { reason: 'Issued in error.', showReason: 'on' })).status).toBe(302)
    expect((await certificatesOf(fellow.id))[0]!.reason_public).toBe(1)
    expect((await verify(cert!.code)).data).toMatchObject({ status: 'revoked', reason: 'Issued in error.' })
  })

  test('a revoked certificate’s PDF says REVOKED, with the date, and the reason only when it is public', async () => {
    const staff = await createUser(['staff'])
    const { fellow } = await eligibleFellow(staff, { name: 'Ana Revocada' })
    await issue(staff, fellow.id, 'introductory-kap')
    const [cert] = await certificatesOf(fellow.id)
    const valid = await pdfText((await downloadPdf(cert!.id, fellow)).bytes)
    expect(valid.text).not.toContain('REVOKED')

    expect((await revoke(staff, cert!.id, { reason: 'Issued in error: hours counted twice.', showReason: 'on' })).status).toBe(302)
    const [revoked] = await certificatesOf(fellow.id)
    const revokedOn = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(revoked!.revoked_at!))
    for (const who of [fellow, staff]) {
      const download = await downloadPdf(cert!.id, who)
      expect(download.status).toBe(200)
      expect(download.response!.headers.get('Content-Disposition')).toBe(`attachment; filename="${cert!.serial}-REVOKED.pdf"`)
      const { doc, text } = await pdfText(download.bytes)
      const lines = text.split('\n')
      expect(doc.getTitle()).toBe('REVOKED: Introductory KAP — Ana Revocada')
      expect(doc.getSubject()).toBe(`Revoked certificate ${cert!.serial}`)
      // The stamp across the page, the box with the date and the public reason; the rest of the certificate as it was.
      expect(lines.filter((l) => l === 'REVOKED')).toHaveLength(1)
      expect(lines).toContain(`REVOKED on ${revokedOn}`)
      expect(lines).toContain('Reason: Issued in error: hours counted twice.')
      expect(lines).toContain('Ana Revocada')
      expect(lines).toContain(`Serial: ${cert!.serial}`)
    }

    // A private reason stays with the institute: the PDF travels.
    const other = await eligibleFellow(staff)
    await issue(staff, other.fellow.id, 'introductory-kap')
    const [second] = await certificatesOf(other.fellow.id)
    expect((await revoke(staff, second!.id, { reason: 'Disciplinary finding, confidential.' })).status).toBe(302)
    const { text } = await pdfText((await downloadPdf(second!.id, other.fellow)).bytes)
    expect(text).toContain('The institute has not published the reason.')
    expect(text).not.toContain('Disciplinary')
  })

  test('after revoking, a new certificate can be issued with a new serial and code; the old one stays revoked', async () => {
    const staff = await createUser(['staff'])
    const { fellow } = await eligibleFellow(staff)
    await issue(staff, fellow.id, FELLOWSHIP)
    const [first] = await certificatesOf(fellow.id)
    await revoke(staff, first!.id, { reason: 'Wrong spelling of the name.' })

    const reissued = await issue(staff, fellow.id, FELLOWSHIP)
    expect(reissued.status).toBe(302)
    const [old, fresh, ...none] = await certificatesOf(fellow.id)
    expect(none).toEqual([])
    expect(reissued.location).toBe(`/staff/certificates/${fresh!.id}`)
    expect(fresh!.serial).not.toBe(old!.serial)
    expect(fresh!.serial).toMatch(new RegExp(`^KAP-${year()}-\\d{6}$`))
    expect(Number(fresh!.serial.split('-')[2])).toBeGreaterThan(Number(old!.serial.split('-')[2]))
    expect(fresh!.code).not.toBe(old!.code)
    expect(fresh!.revoked_at).toBeNull()
    expect(old!.revoked_at).not.toBeNull()
    expect((await verify(old!.code)).data.status).toBe('revoked')
    expect((await verify(fresh!.code)).data.status).toBe('valid')
  })

  test('an unknown or odd code is a 404 that echoes nothing dangerous and touches nothing', async () => {
    const before = await db
      .selectFrom('certificates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    for (const code of ["abc'; drop table certificates; --", generateVerificationCode(), 'abc', '', 'A'.repeat(26), `${'a'.repeat(25)}%`, 'x'.repeat(500)]) {
      const result = await verify(code)
      expect(result.status, code).toBe(404)
      expect(result.data.found).toBe(false)
      expect(result.data.code.length).toBeLessThanOrEqual(60)
    }
    const after = await db
      .selectFrom('certificates')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    expect(after.n).toBe(before.n)
  })

  test('the verify form takes a typed code with spaces, dashes and capitals to its page', async () => {
    const code = generateVerificationCode()
    const typed = `${code.slice(0, 6).toUpperCase()}-${code.slice(6, 13)} ${code.slice(13)}`
    const result = await run(verifyForm.loader, await request(`/verify?code=${encodeURIComponent(typed)}`))
    expect(result.status).toBe(302)
    expect(result.location).toBe(`/verify/${code}`)
    const empty = await run(verifyForm.loader, await request('/verify?code=+-+'))
    expect(empty.data.error).toBe('Enter the verification code or the serial printed on the certificate.')
  })

  test('the verify form takes the printed serial too, however it is typed, to the certificate’s page', async () => {
    const staff = await createUser(['staff'])
    const { fellow } = await eligibleFellow(staff)
    await issue(staff, fellow.id, 'introductory-kap')
    const [cert] = await certificatesOf(fellow.id)
    const [, year, number] = /^KAP-(\d{4})-(\d+)$/.exec(cert!.serial)!
    for (const typed of [cert!.serial, ` ${cert!.serial.toLowerCase()} `, `KAP ${year} ${number}`, `KAP${year}${number}`]) {
      const result = await run(verifyForm.loader, await request(`/verify?code=${encodeURIComponent(typed)}`, { headers: { 'x-kap-client-ip': '203.0.113.7' } }))
      expect(result.status).toBe(302)
      expect(result.location).toBe(`/verify/${cert!.code}`)
    }
    const unknown = await run(verifyForm.loader, await request('/verify?code=KAP-1999-000001', { headers: { 'x-kap-client-ip': '203.0.113.7' } }))
    expect(unknown.status).toBe(404)
    expect(unknown.data).toEqual({
      typed: 'KAP-1999-000001',
      error: 'No certificate has the serial KAP-1999-000001. Check that it was typed exactly as printed.',
    })
  })

  test('serials run in order, so lookups by serial are limited per address (30 an hour); codes are not', async () => {
    const staff = await createUser(['staff'])
    const { fellow } = await eligibleFellow(staff)
    await issue(staff, fellow.id, 'introductory-kap')
    const [cert] = await certificatesOf(fellow.id)
    const lookUp = async (code: string, ip: string) =>
      run(verifyForm.loader, await request(`/verify?code=${encodeURIComponent(code)}`, { headers: { 'x-kap-client-ip': ip } }))
    for (let i = 0; i < 30; i++) expect((await lookUp(cert!.serial, '198.51.100.4')).status).toBe(302)
    const refused = await lookUp(cert!.serial, '198.51.100.4')
    expect(refused.status).toBe(429)
    expect(refused.data.error).toMatch(
      /^Too many lookups by serial\. Please wait 5 minutes and try again\. The verification code printed beside the serial works at any time\.$/,
    )
    // The code still works from that address, and the serial from another.
    expect((await lookUp(cert!.code, '198.51.100.4')).location).toBe(`/verify/${cert!.code}`)
    expect((await lookUp(cert!.serial, '198.51.100.5')).status).toBe(302)
  })
})

// ---------------------------------------------------------------- people and cohorts

describe('deactivating a person', () => {
  test('ends every session at once, refuses sign-in, and keeps records and certificates', async () => {
    const staff = await createUser(['staff'])
    const { fellow } = await eligibleFellow(staff)
    await issue(staff, fellow.id, FELLOWSHIP)
    const cookies = [await signInCookie(fellow), await signInCookie(fellow)]
    const sessions = () => db.selectFrom('sessions').select('id').where('user_id', '=', fellow.id).execute()
    const records = () => db.selectFrom('records').select('id').where('fellow_id', '=', fellow.id).execute()
    expect(await sessions()).toHaveLength(2)
    const recordsBefore = await records()
    expect(recordsBefore.length).toBe(56)

    const done = await run(personPage.action, await request(`/staff/people/${fellow.id}`, { user: staff, form: { intent: 'deactivate' } }), {
      id: String(fellow.id),
    })
    expect(done.status).toBe(302)
    expect(done.location).toBe(`/staff/people/${fellow.id}`)
    expect(await sessions()).toEqual([])
    const user = await db.selectFrom('users').select(['active']).where('id', '=', fellow.id).executeTakeFirstOrThrow()
    expect(user.active).toBe(0)
    expect(await auditRows('user.deactivate', `user:${fellow.id}`)).toHaveLength(1)

    // An old cookie no longer works, and the right password no longer signs in.
    const withOldCookie = await run(myCertificates.loader, new Request('http://localhost:3000/certificates', { headers: { Cookie: cookies[0]! } }))
    expect(withOldCookie.status).toBe(302)
    expect(withOldCookie.location).toMatch(/^\/login/)
    const login = await run(loginRoute.action, await request('/login', { form: { email: fellow.email, password: TEST_PASSWORD } }))
    expect(login.status).toBe(400)
    expect(login.headers.get('Set-Cookie') ?? '').not.toMatch(/kap_session=[^;]+/)
    expect(await sessions()).toEqual([])

    // Everything they did is kept.
    expect(await records()).toEqual(recordsBefore)
    expect(await certificatesOf(fellow.id)).toHaveLength(1)

    // Reactivated, they can sign in again.
    await run(personPage.action, await request(`/staff/people/${fellow.id}`, { user: staff, form: { intent: 'reactivate' } }), { id: String(fellow.id) })
    expect((await run(loginRoute.action, await request('/login', { form: { email: fellow.email, password: TEST_PASSWORD } }))).status).toBe(302)
  })

  test('staff cannot deactivate themselves', async () => {
    const staff = await createUser(['staff'])
    const result = await run(personPage.action, await request(`/staff/people/${staff.id}`, { user: staff, form: { intent: 'deactivate' } }), {
      id: String(staff.id),
    })
    expect(result.status).toBe(409)
    expect(result.data.errors.form).toBe('You cannot deactivate your own account.')
    const me = await db.selectFrom('users').select('active').where('id', '=', staff.id).executeTakeFirstOrThrow()
    expect(me.active).toBe(1)
  })
})

describe('cohorts', () => {
  test('create one; a duplicate name is refused', async () => {
    const staff = await createUser(['staff'])
    const name = `Cohort ${uniqueEmail('c')}`
    const created = await run(staffCohorts.action, await request('/staff/cohorts', { user: staff, form: { name, startsOn: '2026-09-01' } }))
    expect(created.status).toBe(302)
    const cohort = await db.selectFrom('cohorts').selectAll().where('name', '=', name).executeTakeFirstOrThrow()
    expect(created.location).toBe(`/staff/cohorts/${cohort.id}`)
    expect(cohort).toMatchObject({ starts_on: '2026-09-01', created_by: staff.id })
    expect(await auditRows('cohort.create', `cohort:${cohort.id}`)).toHaveLength(1)

    for (const again of [name, `  ${name}  `]) {
      const duplicate = await run(staffCohorts.action, await request('/staff/cohorts', { user: staff, form: { name: again, startsOn: '2027-01-01' } }))
      expect(duplicate.status).toBe(400)
      expect(duplicate.data.errors.name).toBe('A cohort with this name already exists.')
    }
    expect(await db.selectFrom('cohorts').select('id').where('name', 'like', `%${name}%`).execute()).toHaveLength(1)

    const bad = await run(staffCohorts.action, await request('/staff/cohorts', { user: staff, form: { name: '', startsOn: '2026-02-30' } }))
    expect(bad.status).toBe(400)
    expect(bad.data.errors).toMatchObject({ name: 'Name the cohort.', startsOn: 'That date does not exist.' })

    const list = await run(staffCohorts.loader, await request('/staff/cohorts', { user: staff }))
    expect(list.data.cohorts).toContainEqual(expect.objectContaining({ id: cohort.id, name, members: 0 }))
  })

  test('add and remove members from the cohort page and from the person page', async () => {
    const staff = await createUser(['staff'])
    const cohortId = await createCohort(staff, [], 'Members')
    const fellow = await createUser(['fellow'])
    const trainee = await createUser(['trainee'])
    const members = async () =>
      (await db.selectFrom('cohort_members').select('user_id').where('cohort_id', '=', cohortId).orderBy('user_id').execute()).map((m) => m.user_id)
    const onCohort = async (form: Record<string, string>) =>
      run(staffCohort.action, await request(`/staff/cohorts/${cohortId}`, { user: staff, form }), { id: String(cohortId) })

    // Nobody is listed until staff search; a search finds active trainees and fellows outside the cohort, by name or email, blind to case.
    const page = await run(staffCohort.loader, await request(`/staff/cohorts/${cohortId}`, { user: staff }), { id: String(cohortId) })
    expect(page.data.candidates).toBeNull()
    const found = async (q: string) => {
      const result = await run(staffCohort.loader, await request(`/staff/cohorts/${cohortId}?${new URLSearchParams({ q })}`, { user: staff }), {
        id: String(cohortId),
      })
      return (result.data.candidates.people as { id: number }[]).map((c) => c.id)
    }
    expect(await found(fellow.email)).toEqual([fellow.id])
    expect(await found(fellow.email.toUpperCase())).toEqual([fellow.id])
    expect(await found(trainee.name)).toContain(trainee.id)
    expect(await found(staff.email)).toEqual([])
    expect(await found('%')).toEqual([])

    const added = await onCohort({ intent: 'add', userId: String(fellow.id) })
    expect(added.status).toBe(302)
    expect(added.location).toBe(`/staff/cohorts/${cohortId}`)
    expect(await members()).toEqual([fellow.id])
    expect(await auditRows('cohort.add-member', `cohort:${cohortId}`)).toHaveLength(1)
    expect(await found(fellow.email)).toEqual([])

    const twice = await onCohort({ intent: 'add', userId: String(fellow.id) })
    expect(twice.status).toBe(400)
    expect(twice.data.errors.userId).toBe('This person is already in the cohort.')
    const ghost = await onCohort({ intent: 'add', userId: '999999' })
    expect(ghost.data.errors.userId).toBe('There is no such person.')
    const junk = await onCohort({ intent: 'add', userId: '1 or 1=1' })
    expect(junk.status).toBe(400)
    expect(await members()).toEqual([fellow.id])

    // The person page's own form adds to a cohort and removes from it too.
    const joined = await run(
      personPage.action,
      await request(`/staff/people/${trainee.id}`, { user: staff, form: { intent: 'join-cohort', cohortId: String(cohortId) } }),
      { id: String(trainee.id) },
    )
    expect(joined.status).toBe(302)
    expect(await members()).toEqual([fellow.id, trainee.id].sort((a, b) => a - b))
    const left = await run(
      personPage.action,
      await request(`/staff/people/${trainee.id}`, { user: staff, form: { intent: 'leave-cohort', cohortId: String(cohortId) } }),
      { id: String(trainee.id) },
    )
    expect(left.status).toBe(302)

    const removed = await onCohort({ intent: 'remove', userId: String(fellow.id) })
    expect(removed.status).toBe(302)
    expect(await members()).toEqual([])
    expect(await auditRows('cohort.remove-member', `cohort:${cohortId}`)).toHaveLength(2)
    const notThere = await onCohort({ intent: 'remove', userId: String(fellow.id) })
    expect(notThere.status).toBe(400)
    expect(notThere.data.errors.userId).toBe('This person is not in the cohort.')

    expect((await run(staffCohort.loader, await request('/staff/cohorts/999999', { user: staff }), { id: '999999' })).status).toBe(404)
  })

  test('the cohort page shows each member with counts and the programs they are eligible for', async () => {
    const staff = await createUser(['staff'])
    const { fellow: ready } = await eligibleFellow(staff, { name: 'Avery Ready' })
    const { fellow: short } = await eligibleFellow(staff, { name: 'Bianca Short' }, { practicumSessions: 19, supervisionSessions: 11 })
    const introOnly = await createUser(['trainee'], { name: 'Cai Intro' })
    await completeCourses(introOnly.id, { leave: getCatalog().courses.at(-1)!.lessons.length })
    const newcomer = await createUser(['fellow'], { name: 'Dana New' })
    const cohortId = await createCohort(
      staff,
      [ready, short, introOnly, newcomer].map((u) => u.id),
      'Badges',
    )

    const page = await run(staffCohort.loader, await request(`/staff/cohorts/${cohortId}`, { user: staff }), { id: String(cohortId) })
    expect(page.status).toBe(200)
    const rows = page.data.rows as {
      userId: number
      name: string
      eligibleFor: string[]
      experiential: number
      sitter: number
      practicumHours: string
      supervisionHours: string
      coursesDone: number
      coursesTotal: number
      active: boolean
    }[]
    expect(rows.map((r) => r.name)).toEqual(['Avery Ready', 'Bianca Short', 'Cai Intro', 'Dana New'])
    const row = (id: number) => rows.find((r) => r.userId === id)!
    expect(row(ready.id)).toMatchObject({
      eligibleFor: ALL_TITLES,
      experiential: 12,
      sitter: 12,
      practicumHours: '40',
      supervisionHours: '12',
      coursesDone: 2,
      coursesTotal: 2,
      active: true,
    })
    expect(row(short.id)).toMatchObject({
      eligibleFor: ['Introductory KAP', 'Advanced KAP', 'KAP experiential training'],
      practicumHours: '38',
      supervisionHours: '11',
    })
    expect(row(introOnly.id)).toMatchObject({ eligibleFor: ['Introductory KAP'], coursesDone: 1 })
    expect(row(newcomer.id)).toMatchObject({ eligibleFor: [], experiential: 0, coursesDone: 0 })
    const search = await run(staffCohort.loader, await request(`/staff/cohorts/${cohortId}?q=${encodeURIComponent(ready.name)}`, { user: staff }), {
      id: String(cohortId),
    })
    expect(search.data.candidates.people.map((c: { id: number }) => c.id)).not.toContain(ready.id)

    // A deactivated member stays on the list, marked.
    await db.updateTable('users').set({ active: 0 }).where('id', '=', newcomer.id).execute()
    const later = await run(staffCohort.loader, await request(`/staff/cohorts/${cohortId}`, { user: staff }), { id: String(cohortId) })
    expect((later.data.rows as typeof rows).find((r) => r.userId === newcomer.id)!.active).toBe(false)
  })
})

// ---------------------------------------------------------------- staff-only, everywhere

describe('every /staff route is for staff only', () => {
  const routesDir = path.resolve('app/routes')
  const files = fs.readdirSync(routesDir).filter((f) => f.startsWith('staff.') && /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))

  /** URL path and params of a route file, by Remix's flat-routes convention. */
  function routeOf(file: string, ids: Record<string, string>) {
    const segments = file
      .replace(/\.tsx?$/, '')
      .replace(/\[\.\]/g, '\u0000')
      .split('.')
      .filter((s) => s !== '_index' && !s.startsWith('_'))
    const params: Record<string, string> = {}
    const parts = segments.map((s, i) => {
      if (!s.startsWith('$')) return s.replaceAll('\u0000', '.')
      const name = s.slice(1)
      params[name] = ids[segments[i - 1] ?? ''] ?? '1'
      return params[name]
    })
    return { path: `/${parts.join('/')}`, params }
  }

  test('the route list is the one these checks expect to cover', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'staff._index.tsx',
        'staff.people._index.tsx',
        'staff.people.$id.tsx',
        'staff.cohorts._index.tsx',
        'staff.cohorts.$id.tsx',
        'staff.certificates._index.tsx',
        'staff.certificates.$id.tsx',
      ]),
    )
  })

  test.each<[string, Role[]]>([
    ['trainee', ['trainee']],
    ['fellow', ['fellow']],
    ['supervisor', ['supervisor']],
    ['trainee, fellow and supervisor at once', ['trainee', 'fellow', 'supervisor']],
  ])('a %s gets 403 from every loader and action, each refusal logged, nothing changed', async (_label, roles) => {
    const staff = await createUser(['staff'])
    const { fellow: target } = await eligibleFellow(staff)
    await issue(staff, target.id, FELLOWSHIP)
    const [cert] = await certificatesOf(target.id)
    const cohortId = await createCohort(staff, [], 'Guarded')
    const ids = { people: String(target.id), cohorts: String(cohortId), certificates: String(cert!.id) }
    const forbiddenCohort = `Forbidden ${uniqueEmail('f')}`
    const invitee = uniqueEmail('forbidden-invite')
    const forms: Record<string, Record<string, string>> = {
      '/staff/people/:id': { intent: 'deactivate' },
      '/staff/cohorts': { name: forbiddenCohort, startsOn: '2026-01-01' },
      '/staff/cohorts/:id': { intent: 'add', userId: String(target.id) },
      '/staff/certificates/:id': { reason: 'Forged revocation', showReason: 'on' },
      '/staff/invitations': { email: invitee, roles: 'staff' },
    }

    const user = await createUser(roles)
    const latestDenied = () =>
      db.selectFrom('audit_log').selectAll().where('actor_id', '=', user.id).where('action', '=', 'access.denied').orderBy('id', 'desc').executeTakeFirst()
    let calls = 0
    for (const file of files) {
      const mod = await import(path.join(routesDir, file))
      const { path: url, params } = routeOf(file, ids)
      const pattern = url.replace(/\/\d+(?=\/|$)/g, '/:id')
      const exports: ['loader' | 'action', string][] = [
        ['loader', 'GET'],
        ['action', 'POST'],
      ]
      expect(typeof mod.loader === 'function' || typeof mod.action === 'function', `${file} exports a loader or an action`).toBe(true)
      for (const [name, method] of exports) {
        if (typeof mod[name] !== 'function') continue
        const previous = (await latestDenied())?.id ?? 0
        const req = await request(url, { user, form: method === 'POST' ? (forms[pattern] ?? { intent: 'anything' }) : undefined })
        const outcome = await run(mod[name], req, params)
        expect(outcome.status, `${name} of ${file} as ${roles.join('+')}`).toBe(403)
        const logged = await latestDenied()
        expect(logged?.id ?? 0, `${name} of ${file} logged`).toBeGreaterThan(previous)
        expect(logged!.subject).toBe(`route:${url}`)
        expect(JSON.parse(logged!.detail!)).toMatchObject({ method, path: url })
        calls++
      }
    }
    expect(calls).toBeGreaterThanOrEqual(files.length)

    // None of the forged POSTs changed anything.
    expect((await db.selectFrom('users').select('active').where('id', '=', target.id).executeTakeFirstOrThrow()).active).toBe(1)
    expect((await certificatesOf(target.id))[0]!.revoked_at).toBeNull()
    expect(await db.selectFrom('cohorts').select('id').where('name', '=', forbiddenCohort).execute()).toEqual([])
    expect(await db.selectFrom('cohort_members').select('user_id').where('cohort_id', '=', cohortId).execute()).toEqual([])
    expect(await db.selectFrom('invitations').select('id').where('email', '=', invitee).execute()).toEqual([])
  })

  test('signed out, every staff loader sends to the sign-in page', async () => {
    for (const file of files) {
      const mod = await import(path.join(routesDir, file))
      if (typeof mod.loader !== 'function') continue
      const { path: url, params } = routeOf(file, {})
      const outcome = await run(mod.loader, await request(url), params)
      expect(outcome.status, file).toBe(302)
      expect(outcome.location, file).toBe(`/login?${new URLSearchParams({ redirectTo: url })}`)
    }
  })
})

// ---------------------------------------------------------------- last: it moves the year's serials past six digits

describe('serial numbers beyond 999999', () => {
  test('the next certificate after KAP-<year>-999999 and -1000000 is -1000001, not a duplicate', async () => {
    const staff = await createUser(['staff'])
    const holder = await createUser(['fellow'])
    const base = {
      user_id: holder.id,
      program_slug: 'introductory-kap',
      program_title: 'Introductory KAP',
      holder_name: holder.name,
      issued_at: new Date().toISOString(),
      issued_by: staff.id,
      issuer_name: staff.name,
      requirements: '{}',
      revoked_at: new Date().toISOString(),
    }
    await db
      .insertInto('certificates')
      .values([
        { ...base, serial: `KAP-${year()}-999999`, code: generateVerificationCode() },
        { ...base, serial: `KAP-${year()}-1000000`, code: generateVerificationCode() },
      ])
      .execute()
    const { fellow } = await eligibleFellow(staff)
    const issued = await issue(staff, fellow.id, 'introductory-kap')
    expect(issued.status).toBe(302)
    const [cert] = await certificatesOf(fellow.id)
    expect(cert!.serial).toBe(`KAP-${year()}-1000001`)
  })
})
