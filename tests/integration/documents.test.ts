import { createHash } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import type { SessionUser } from '#app/auth/session.server.ts'
import { samplePdf, samplePng } from '#app/demo/documents.server.ts'
import { attachToRecord, readUpload } from '#app/documents/documents.server.ts'
import { daysAgo, insertClearance, insertRecord } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import * as documentRoute from '#app/routes/documents.$id.tsx'
import * as attachmentsRoute from '#app/routes/hours.$id.attachments.tsx'
import * as hoursRoute from '#app/routes/hours._index.tsx'
import * as fellowProgressRoute from '#app/routes/review.fellows.$fellowId.tsx'
import * as licenseProofRoute from '#app/routes/settings.license-proof.tsx'
import * as personRoute from '#app/routes/staff.people.$id.tsx'
import { bodyLimitFor, FORM_BODY_LIMIT, UPLOAD_BODY_LIMIT } from '../../server/request-body.ts'
import { createUser, NO_CLIENT, request, run, signInCookie, type TestUser } from '#tests/helpers.ts'
import { auditRowsAfter, databaseChecksum, lastAuditId } from '#tests/support/db-snapshot.ts'

// Documents end to end through the routes: what is accepted (by content, within 10 MB), what is
// refused (with nothing stored), who may open what, and how it is served and logged.

type People = { staff: TestUser; fellow: TestUser; supervisor: TestUser; otherSupervisor: TestUser; otherFellow: TestUser; trainee: TestUser }
let p: People
let draft: number
let submitted: number

const PDF = await samplePdf('Supervision agreement', ['Between a fellow and a supervisor.'])
const PNG = samplePng(40, 30)
const JPEG = Buffer.concat([
  Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
  Buffer.from('JFIF\0', 'latin1'),
  Buffer.alloc(200, 7),
  Buffer.from([0xff, 0xd9]),
])
const TEXT = Buffer.from('Dear colleague,\nthis is a clearance letter typed in a text editor.\n')
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>')

/** A PDF of exactly `size` bytes: a real header, then padding. */
const pdfOfSize = (size: number) => Buffer.concat([Buffer.from('%PDF-1.7\n%'), Buffer.alloc(size - 10, 0x20)])

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex')

/** A multipart POST as a browser sends it: files with their names and claimed types, beside text fields. */
async function upload(path: string, user: TestUser, fields: Record<string, string | File>) {
  const body = new FormData()
  for (const [name, value] of Object.entries(fields)) body.append(name, value)
  return new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    headers: { Origin: 'http://localhost:3000', Cookie: await signInCookie(user) },
    body,
  })
}

const file = (bytes: Buffer, name: string, type = 'application/octet-stream') => new File([new Uint8Array(bytes)], name, { type })

async function documentCount() {
  const row = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function latestDocument() {
  return db.selectFrom('documents').selectAll().orderBy('id', 'desc').executeTakeFirstOrThrow()
}

const attachRequest = (user: TestUser, recordId: number, chosen: File) => upload(`/hours/${recordId}/attachments`, user, { file: chosen })
const attach = async (user: TestUser, recordId: number, chosen: File) =>
  run(attachmentsRoute.action, await attachRequest(user, recordId, chosen), { id: String(recordId) })

type Handler = Parameters<typeof run>[0]

/**
 * Runs a request built beforehand (signing in writes a session row, which is not the action's
 * doing) and says what the action changed: whether the database is byte for byte the same,
 * and which audit rows it added.
 */
async function sendChecked(action: Handler, req: Request, params: Record<string, string> = {}) {
  const before = await databaseChecksum()
  const auditBefore = await lastAuditId()
  const outcome = await run(action, req, params)
  return { outcome, unchanged: (await databaseChecksum()) === before, logged: (await auditRowsAfter(auditBefore)).map((row) => row.action) }
}

/** Opens a document as `user` (signed out without one): the loader's answer, with the bytes when it is a file. */
async function open(user: TestUser | undefined, id: number) {
  const req = await request(`/documents/${id}`, { user })
  let result: unknown
  try {
    result = await documentRoute.loader({ request: req, params: { id: String(id) }, context: {} })
  } catch (thrown) {
    result = thrown
  }
  if (result instanceof Response && result.status === 200) {
    return { status: 200, headers: result.headers, bytes: Buffer.from(await result.arrayBuffer()) }
  }
  const outcome = await run(() => Promise.reject(result), req)
  return { status: outcome.status, headers: outcome.headers, bytes: null, location: outcome.location }
}

beforeAll(async () => {
  const staff = await createUser(['staff'])
  const fellow = await createUser(['trainee', 'fellow'])
  const otherFellow = await createUser(['trainee', 'fellow'])
  const trainee = await createUser(['trainee'])
  const supervisor = await createUser(['supervisor'])
  const otherSupervisor = await createUser(['supervisor'])
  const now = new Date().toISOString()
  await db
    .insertInto('supervisor_assignments')
    .values([
      { fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: now, assigned_by: staff.id },
      { fellow_id: otherFellow.id, supervisor_id: otherSupervisor.id, assigned_at: now, assigned_by: staff.id },
    ])
    .execute()
  p = { staff, fellow, supervisor, otherSupervisor, otherFellow, trainee }
  draft = await insertRecord(db, { fellowId: fellow.id, kind: 'supervision', status: 'draft', occurredOn: daysAgo(5), minutes: 60 }, 1)
  submitted = await insertRecord(db, { fellowId: fellow.id, kind: 'supervision', status: 'submitted', occurredOn: daysAgo(6), minutes: 60 }, 2)
  await insertClearance(db, { fellowId: fellow.id, recordedBy: staff.id })
})

describe('the type is decided by the content, not the name', () => {
  test('PNG bytes named .pdf (and claimed as a PDF) are stored as a PNG, and download as .png', async () => {
    const outcome = await attach(p.fellow, draft, file(PNG, 'scan.pdf', 'application/pdf'))
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    expect(outcome.location).toBe(`/hours/${draft}`)
    const stored = await latestDocument()
    expect({ type: stored.content_type, name: stored.original_name, size: stored.size, kind: stored.kind, record: stored.record_id }).toEqual({
      type: 'image/png',
      name: 'scan.pdf',
      size: PNG.length,
      kind: 'record_attachment',
      record: draft,
    })
    expect(stored.sha256).toBe(sha256(PNG))
    expect(Buffer.compare(stored.content, PNG)).toBe(0)
    const opened = await open(p.fellow, stored.id)
    expect(opened.headers.get('Content-Type')).toBe('image/png')
    expect(opened.headers.get('Content-Disposition')).toBe(`attachment; filename="scan.png"; filename*=UTF-8''scan.png`)
  })

  test('a PDF and a JPEG are stored as what they are, whatever they are called', async () => {
    expect((await attach(p.fellow, draft, file(PDF, 'agreement', 'text/plain'))).status).toBe(302)
    expect((await latestDocument()).content_type).toBe('application/pdf')
    expect((await attach(p.fellow, draft, file(JPEG, 'photo.png', 'image/png'))).status).toBe(302)
    expect((await latestDocument()).content_type).toBe('image/jpeg')
  })

  const refusals: [string, Buffer, string, RegExp][] = [
    ['a text file named .pdf', TEXT, 'letter.pdf', /^This file is plain text, not a PDF, PNG or JPEG\. .*content is checked, not its name/],
    ['an HTML file named .pdf', HTML, 'letter.pdf', /^This file is a web page or other markup, not a PDF, PNG or JPEG\./],
    ['an HTML file named .png', HTML, 'card.png', /^This file is a web page or other markup, not a PDF, PNG or JPEG\./],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'card.gif', /^This file is a GIF image, not a PDF, PNG or JPEG\./],
    ['a Word document', Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(100, 1)]), 'letter.pdf', /office document/],
    ['a file of only the PDF signature’s first bytes', Buffer.from('%PDF'), 'tiny.pdf', /not a PDF, PNG or JPEG/],
    ['an empty file', Buffer.alloc(0), 'empty.pdf', /^This file is empty\. Choose the file again\.$/],
  ]
  test.each(refusals)('%s is refused beside the field, and nothing is stored', async (_name, bytes, name, message) => {
    const req = await attachRequest(p.fellow, draft, file(bytes, name, 'application/pdf'))
    const { outcome, unchanged, logged } = await sendChecked(attachmentsRoute.action, req, { id: String(draft) })
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors).toEqual({ file: expect.stringMatching(message) })
    expect(unchanged, 'the database changed').toBe(true)
    expect(logged).toEqual([])
  })
})

describe('at most 10 MB', () => {
  test('the limits are pinned: 10,485,760 bytes a file; 10,551,296 bytes a multipart body on an upload page, 65,536 elsewhere', () => {
    expect(UPLOAD_BODY_LIMIT).toBe(10_551_296)
    expect(FORM_BODY_LIMIT).toBe(65_536)
    const multipart = 'multipart/form-data; boundary=----x'
    expect(bodyLimitFor('/hours/12/attachments', multipart)).toBe(10_551_296)
    expect(bodyLimitFor('/hours/12/attachments.data', multipart)).toBe(10_551_296)
    expect(bodyLimitFor('/settings/license-proof', multipart)).toBe(10_551_296)
    expect(bodyLimitFor('/staff/people/7', multipart)).toBe(10_551_296)
    expect(bodyLimitFor('/staff/people/7.data', multipart)).toBe(10_551_296)
    // Text forms on the same pages, and every other page, keep the ordinary limit.
    expect(bodyLimitFor('/hours/12/attachments', 'application/x-www-form-urlencoded')).toBe(65_536)
    expect(bodyLimitFor('/staff/people/7', 'application/x-www-form-urlencoded')).toBe(65_536)
    expect(bodyLimitFor('/hours/12', multipart)).toBe(65_536)
    expect(bodyLimitFor('/hours/new', multipart)).toBe(65_536)
    expect(bodyLimitFor('/settings/license', multipart)).toBe(65_536)
    expect(bodyLimitFor('/staff/people/7/anything', multipart)).toBe(65_536)
  })

  test('a file of exactly 10,485,760 bytes is accepted and stored whole', async () => {
    const bytes = pdfOfSize(10_485_760)
    const outcome = await attach(p.fellow, draft, file(bytes, 'large.pdf', 'application/pdf'))
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    const stored = await latestDocument()
    expect(stored.size).toBe(10_485_760)
    expect(stored.content.length).toBe(10_485_760)
    expect(stored.sha256).toBe(sha256(bytes))
    // Gone again, so the whole-database comparisons of the other tests do not hash 10 MB each time.
    await db.deleteFrom('documents').where('id', '=', stored.id).execute()
  })

  test('a file of 10,485,761 bytes is refused with the numbers, and nothing is stored', async () => {
    const count = await documentCount()
    const req = await attachRequest(p.fellow, draft, file(pdfOfSize(10_485_761), 'large.pdf', 'application/pdf'))
    const { outcome, unchanged } = await sendChecked(attachmentsRoute.action, req, { id: String(draft) })
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors).toEqual({
      file: 'This file is 10,485,761 bytes, over the limit of 10 MB (10,485,760 bytes). Reduce it (a scan at a lower resolution, or a compressed PDF) and choose it again.',
    })
    expect(await documentCount()).toBe(count)
    expect(unchanged, 'the database changed').toBe(true)
  })
})

describe('where documents are uploaded', () => {
  test('staff record a clearance with its letter: both stored in one go, the letter attached to that clearance', async () => {
    const letter = await samplePdf('Medical clearance', ['Cleared for KAP training sessions.'])
    const req = await upload(`/staff/people/${p.fellow.id}`, p.staff, {
      intent: 'clearance',
      grantedOn: daysAgo(3),
      expiresOn: daysAgo(-300),
      clinician: 'Dr. Letter, MD',
      letter: file(letter, 'Clearance letter.pdf', 'application/pdf'),
    })
    const outcome = await run(personRoute.action, req, { id: String(p.fellow.id) })
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    const recorded = await db.selectFrom('medical_clearances').select('id').where('clinician', '=', 'Dr. Letter, MD').executeTakeFirstOrThrow()
    const stored = await latestDocument()
    expect({ kind: stored.kind, owner: stored.owner_id, clearance: stored.clearance_id, by: stored.uploaded_by, type: stored.content_type }).toEqual({
      kind: 'clearance_letter',
      owner: p.fellow.id,
      clearance: recorded.id,
      by: p.staff.id,
      type: 'application/pdf',
    })
    // Staff see it beside the clearance on the person's page.
    const page = await run(personRoute.loader, await request(`/staff/people/${p.fellow.id}`, { user: p.staff }), { id: String(p.fellow.id) })
    expect(page.data.documents.letters).toEqual([expect.objectContaining({ id: stored.id, clearanceId: recorded.id, name: 'Clearance letter.pdf' })])
    // The fellow sees the letter of the clearance covering today on their hours page; their supervisor on the fellow's progress page.
    const hours = await run(hoursRoute.loader, await request('/hours', { user: p.fellow }))
    expect(hours.data).toMatchObject({ clearance: { clinician: 'Dr. Letter, MD' }, letters: [{ id: stored.id, name: 'Clearance letter.pdf' }] })
    const progress = await run(fellowProgressRoute.loader, await request(`/review/fellows/${p.fellow.id}`, { user: p.supervisor }), {
      fellowId: String(p.fellow.id),
    })
    expect(progress.data).toMatchObject({ clearance: { clinician: 'Dr. Letter, MD' }, letters: [{ id: stored.id }] })
  })

  test('a clearance whose letter is not a PDF, PNG or JPEG is refused whole: no clearance, no document', async () => {
    const req = await upload(`/staff/people/${p.fellow.id}`, p.staff, {
      intent: 'clearance',
      grantedOn: daysAgo(3),
      expiresOn: daysAgo(-300),
      clinician: 'Dr. Refused, MD',
      letter: file(HTML, 'letter.pdf', 'application/pdf'),
    })
    const { outcome, unchanged } = await sendChecked(personRoute.action, req, { id: String(p.fellow.id) })
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors).toEqual({ letter: expect.stringMatching(/^This file is a web page or other markup, not a PDF, PNG or JPEG\./) })
    // What was typed comes back for the form; the file cannot.
    expect(outcome.data.values).toEqual({ intent: 'clearance', grantedOn: daysAgo(3), expiresOn: daysAgo(-300), clinician: 'Dr. Refused, MD' })
    expect(unchanged, 'the database changed').toBe(true)
  })

  test('a clearance without a letter is still recorded, as before', async () => {
    const count = await documentCount()
    const form = { intent: 'clearance', grantedOn: daysAgo(2), expiresOn: daysAgo(-30), clinician: 'Dr. No Letter, MD' }
    const outcome = await run(personRoute.action, await upload(`/staff/people/${p.fellow.id}`, p.staff, form), { id: String(p.fellow.id) })
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    expect(await documentCount()).toBe(count)
  })

  test('a supervisor uploads proof of their own license; staff see it on their page', async () => {
    const req = await upload('/settings/license-proof', p.supervisor, { proof: file(PNG, 'license card.png', 'image/png') })
    const outcome = await run(licenseProofRoute.action, req)
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    expect(outcome.location).toBe('/settings/license')
    const stored = await latestDocument()
    expect({ kind: stored.kind, owner: stored.owner_id, type: stored.content_type }).toEqual({
      kind: 'license_proof',
      owner: p.supervisor.id,
      type: 'image/png',
    })
    const page = await run(personRoute.loader, await request(`/staff/people/${p.supervisor.id}`, { user: p.staff }), { id: String(p.supervisor.id) })
    expect(page.data.documents.licenseProofs.map((d: { id: number }) => d.id)).toEqual([stored.id])
  })

  test('a license proof that is a text file is refused, and nothing is stored', async () => {
    const req = await upload('/settings/license-proof', p.supervisor, { proof: file(TEXT, 'license.pdf') })
    const { outcome, unchanged } = await sendChecked(licenseProofRoute.action, req)
    expect(outcome.status).toBe(400)
    expect(outcome.data.errors).toEqual({ proof: expect.stringMatching(/^This file is plain text, not a PDF, PNG or JPEG\./) })
    expect(unchanged, 'the database changed').toBe(true)
  })

  test('a submitted record takes no more files: what the supervisor reviews does not change under them', async () => {
    const req = await attachRequest(p.fellow, submitted, file(PDF, 'late.pdf'))
    const { outcome, unchanged } = await sendChecked(attachmentsRoute.action, req, { id: String(submitted) })
    expect(outcome.status).toBe(409)
    expect(outcome.data.errors).toEqual({
      file: expect.stringMatching(/^This record is submitted: files can be attached while it is a draft or returned to you/),
    })
    expect(unchanged, 'the database changed').toBe(true)
  })

  test('the record is read again inside the write: one submitted after the page was opened takes no file', async () => {
    const read = await readUpload(file(PDF, 'raced.pdf'))
    if (!read.ok) throw new Error(read.message)
    const fellow = { id: p.fellow.id, name: p.fellow.name, email: p.fellow.email, roles: p.fellow.roles } as SessionUser
    expect(await attachToRecord(fellow, submitted, read.upload, NO_CLIENT)).toEqual({
      ok: false,
      field: 'file',
      message: expect.stringMatching(/^This record is submitted: /),
    })
    expect(await attachToRecord(fellow, 99_999_999, read.upload, NO_CLIENT)).toEqual({ ok: false, field: 'form', message: 'There is no such record.' })
  })

  test('nobody but the fellow attaches files to their record: refused before anything is read or stored', async () => {
    for (const [who, status] of [
      [p.otherFellow, 404],
      [p.supervisor, 403],
      [p.staff, 403],
      [p.trainee, 403],
    ] as const) {
      const req = await attachRequest(who, draft, file(PDF, 'not mine.pdf'))
      const { outcome, unchanged, logged } = await sendChecked(attachmentsRoute.action, req, { id: String(draft) })
      expect(outcome.status, who.name).toBe(status)
      // A 404 changes nothing; a 403 only logs the refusal (the table beside it stays as it was).
      expect(status === 404 ? unchanged : logged, who.name).toEqual(status === 404 ? true : ['access.denied'])
      const documents = await db.selectFrom('documents').select('original_name').where('original_name', '=', 'not mine.pdf').execute()
      expect(documents, who.name).toEqual([])
    }
  })
})

describe('who may open a document, and how it is served', () => {
  let onSubmitted: number
  let onDraft: number
  let letter: number
  let proof: number
  beforeAll(async () => {
    // Attached while a draft, then submitted: the supervisor reviews it with its files.
    const record = await insertRecord(db, { fellowId: p.fellow.id, kind: 'supervision', status: 'draft', occurredOn: daysAgo(8), minutes: 60 }, 3)
    expect((await attach(p.fellow, record, file(PDF, 'Agreement – Zoë “final”.pdf', 'application/pdf'))).status).toBe(302)
    onSubmitted = (await latestDocument()).id
    await db.updateTable('records').set({ status: 'submitted', version: 2 }).where('id', '=', record).execute()
    expect((await attach(p.fellow, draft, file(PDF, 'draft notes.pdf'))).status).toBe(302)
    onDraft = (await latestDocument()).id
    const req = await upload(`/staff/people/${p.fellow.id}`, p.staff, {
      intent: 'clearance',
      grantedOn: daysAgo(1),
      expiresOn: daysAgo(-100),
      clinician: 'Dr. Access, MD',
      letter: file(JPEG, 'letter.jpg', 'image/jpeg'),
    })
    expect((await run(personRoute.action, req, { id: String(p.fellow.id) })).status).toBe(302)
    letter = (await latestDocument()).id
    expect((await run(licenseProofRoute.action, await upload('/settings/license-proof', p.supervisor, { proof: file(PDF, 'proof.pdf') }))).status).toBe(302)
    proof = (await latestDocument()).id
  })

  type Who = keyof People | 'anon'
  const WHO: Who[] = ['anon', 'fellow', 'supervisor', 'otherSupervisor', 'otherFellow', 'trainee', 'staff']
  const EXPECTED: Record<string, Record<Who, number>> = {
    //                                 signed out → the sign-in page
    'an attachment of a submitted record': { anon: 302, fellow: 200, supervisor: 200, otherSupervisor: 403, otherFellow: 404, trainee: 404, staff: 200 },
    // A draft is the fellow's own working note: its files too.
    'an attachment of a draft': { anon: 302, fellow: 200, supervisor: 404, otherSupervisor: 403, otherFellow: 404, trainee: 404, staff: 200 },
    'a clearance letter': { anon: 302, fellow: 200, supervisor: 200, otherSupervisor: 403, otherFellow: 404, trainee: 404, staff: 200 },
    // The owner is the supervisor: nobody supervises them, so staff and they alone.
    'a license proof': { anon: 302, fellow: 404, supervisor: 200, otherSupervisor: 403, otherFellow: 404, trainee: 404, staff: 200 },
  }

  test('the owner, their assigned supervisors and staff; another supervisor 403 (logged), anyone else 404', async () => {
    const ids: Record<string, number> = {
      'an attachment of a submitted record': onSubmitted,
      'an attachment of a draft': onDraft,
      'a clearance letter': letter,
      'a license proof': proof,
    }
    const actual: Record<string, Record<Who, number>> = {}
    for (const [label, id] of Object.entries(ids)) {
      actual[label] = {} as Record<Who, number>
      for (const who of WHO) {
        const user = who === 'anon' ? undefined : p[who]
        const auditBefore = await lastAuditId()
        const opened = await open(user, id)
        actual[label][who] = opened.status
        const logged = (await auditRowsAfter(auditBefore)).map((row) => [row.action, row.actor_id, row.subject])
        // Every view is logged with who and which document; a refusal logs a 403 only, and never a view.
        if (opened.status === 200) expect(logged, `${label} as ${who}`).toEqual([['document.view', user!.id, `document:${id}`]])
        else if (opened.status === 403) expect(logged, `${label} as ${who}`).toEqual([['access.denied', user!.id, `document:${id}`]])
        else expect(logged, `${label} as ${who}`).toEqual([])
        if (who === 'anon') expect(opened.location).toBe(`/login?${new URLSearchParams({ redirectTo: `/documents/${id}` })}`)
      }
    }
    expect(actual).toEqual(EXPECTED)
  })

  test('no such document: 404 for everyone, a made-up id or not a number at all', async () => {
    for (const id of ['99999999', 'abc', '0', '-1', '1.5']) {
      const req = await request(`/documents/${id}`, { user: p.staff })
      expect((await run(documentRoute.loader, req, { id })).status, id).toBe(404)
    }
  })

  test('served as a download of its stored bytes, with nosniff, never cached, never rendered in the site', async () => {
    const opened = await open(p.supervisor, onSubmitted)
    expect(opened.status).toBe(200)
    const stored = await db.selectFrom('documents').select(['content', 'sha256']).where('id', '=', onSubmitted).executeTakeFirstOrThrow()
    expect(sha256(opened.bytes!)).toBe(stored.sha256)
    expect(Object.fromEntries(opened.headers.entries())).toEqual({
      'content-type': 'application/pdf',
      'content-length': String(stored.content.length),
      // The exact name in filename*, an ASCII fallback without quotes in filename.
      'content-disposition': `attachment; filename="Agreement _ Zoe _final_.pdf"; filename*=UTF-8''Agreement%20%E2%80%93%20Zo%C3%AB%20%E2%80%9Cfinal%E2%80%9D.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
      'content-security-policy': "default-src 'none'; sandbox",
    })
  })

  test('a name that tries to escape the header or the folder is made safe before it is stored', async () => {
    const hostile = '../../etc/pass"wd\r\nX-Injected: 1\u202Egnp.pdf'
    expect((await attach(p.fellow, draft, file(PDF, hostile, 'application/pdf'))).status).toBe(302)
    const stored = await latestDocument()
    expect(stored.original_name).toBe('pass_wd X-Injected_ 1_gnp.pdf')
    const opened = await open(p.fellow, stored.id)
    expect(opened.headers.get('Content-Disposition')).toBe(
      `attachment; filename="pass_wd X-Injected_ 1_gnp.pdf"; filename*=UTF-8''pass_wd%20X-Injected_%201_gnp.pdf`,
    )
  })
})
