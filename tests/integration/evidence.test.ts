import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import Ajv2019 from 'ajv/dist/2019.js'
import addFormats from 'ajv-formats'
import { describe, expect, test } from 'vitest'
import { daysAgo, insertClearance, insertRecord } from '#app/demo/program.server.ts'
import { formatDate } from '#app/utils/format.ts'
import type { RecordKind, RecordStatus } from '#db/schema.ts'
import { expiringCertificates } from '#app/certificates/certificates.server.ts'
import { expiryFor, generateVerificationCode, isWellFormedCode } from '#app/certificates/codes.ts'
import { verifyCredentialDocument } from '#app/certificates/credentials.server.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import { runDigest } from '#app/digest/digest.server.ts'
import * as notificationsRoute from '#app/routes/settings.notifications.tsx'
import * as personPage from '#app/routes/staff.people.$id.tsx'
import * as summaryPdfRoute from '#app/routes/summaries.$id.pdf.tsx'
import * as summariesRoute from '#app/routes/summaries._index.tsx'
import * as credentialRoute from '#app/routes/verify.$code.credential[.]json.tsx'
import * as verifyCertificate from '#app/routes/verify.$code._index.tsx'
import * as verifySummary from '#app/routes/verify.summary.$code.tsx'
import type { PracticumSummary } from '#app/summaries/summary.ts'
import { count, createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { pdfText } from '#tests/support/pdf-text.ts'
import { passingFinalEvaluation } from '#tests/support/supervision.ts'

const ORIGIN = 'http://localhost:3000'
const FELLOWSHIP = 'practitioner-fellowship'
const DAY = 86_400_000

// ---------------------------------------------------------------- arranging

let n = 0

type Supervisor = { id: number; name: string; license_type: string | null; license_number: string | null; license_state: string | null }

async function supervisorFor(
  license: { type: string; number: string; state: string } = { type: 'LMFT', number: '12345', state: 'CA' },
): Promise<Supervisor & { user: TestUser }> {
  const user = await createUser(['supervisor'], { name: `Dr. Supervisor ${++n}` })
  await db
    .updateTable('users')
    .set({ license_type: license.type, license_number: license.number, license_state: license.state })
    .where('id', '=', user.id)
    .execute()
  return { user, id: user.id, name: user.name, license_type: license.type, license_number: license.number, license_state: license.state }
}

async function addRecord(
  fellowId: number,
  kind: RecordKind,
  status: RecordStatus,
  occurredOn: string,
  minutes: number,
  supervisor?: Supervisor,
  fields?: Record<string, string | null>,
) {
  return insertRecord(db, { fellowId, kind, status, occurredOn, minutes, supervisor, fields }, ++n)
}

async function completeCourses(userId: number) {
  const rows = getCatalog().courses.flatMap((course) =>
    course.lessons.map((lesson, i) => ({
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

/** A fellow who meets every requirement of every program. */
async function eligibleFellow(staff: TestUser) {
  const fellow = await createUser(['fellow'], { name: `Fellow Eligible ${++n}` })
  await completeCourses(fellow.id)
  await insertClearance(db, { fellowId: fellow.id, recordedBy: staff.id })
  const [maya, jonah] = [await supervisorFor(), await supervisorFor()]
  for (let i = 0; i < 12; i++) await addRecord(fellow.id, 'experiential', 'approved', daysAgo(350 - i * 4), 150, maya)
  for (let i = 0; i < 12; i++) await addRecord(fellow.id, 'sitter', 'approved', daysAgo(349 - i * 4), 180, i % 2 ? jonah : maya)
  for (let i = 0; i < 20; i++) await addRecord(fellow.id, 'practicum', 'approved', daysAgo(348 - i * 4), 120, maya)
  for (let i = 0; i < 12; i++) await addRecord(fellow.id, 'supervision', 'approved', daysAgo(347 - i * 4), 60, jonah)
  await passingFinalEvaluation(fellow, maya)
  return fellow
}

async function issue(staff: TestUser, personId: number, program: string) {
  return run(personPage.action, await request(`/staff/people/${personId}`, { user: staff, form: { intent: 'issue', program } }), { id: String(personId) })
}

async function certificatesOf(userId: number) {
  return db.selectFrom('certificates').selectAll().where('user_id', '=', userId).orderBy('id').execute()
}

async function mailsTo(email: string) {
  return db.selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('id').execute()
}

async function summariesOf(userId: number) {
  return db.selectFrom('practicum_summaries').selectAll().where('user_id', '=', userId).orderBy('id').execute()
}

async function generate(actor: TestUser, fellowId?: number) {
  const query = fellowId === undefined ? '' : `?fellow=${fellowId}`
  return run(summariesRoute.action, await request(`/summaries${query}`, { user: actor, form: { intent: 'generate' } }))
}

async function verifySummaryCode(code: string) {
  return run(verifySummary.loader, await request(`/verify/summary/${encodeURIComponent(code)}`), { code })
}

async function credentialJson(code: string) {
  return run(credentialRoute.loader, await request(`/verify/${encodeURIComponent(code)}/credential.json`), { code })
}

/** Calls the summary PDF route's loader; the bytes when it answers with a PDF. */
async function downloadSummary(id: number | string, user?: TestUser) {
  const req = await request(`/summaries/${id}/pdf`, { user })
  try {
    const response = (await summaryPdfRoute.loader({ request: req, params: { id: String(id) }, context: {} })) as Response
    return {
      status: response.status,
      headers: response.headers,
      bytes: new Uint8Array(await response.arrayBuffer()),
      location: response.headers.get('Location'),
    }
  } catch (thrown) {
    const outcome = await run(() => Promise.reject(thrown), req)
    return { status: outcome.status, headers: outcome.headers, bytes: new Uint8Array(), location: outcome.location }
  }
}

const MALFORMED_CODES = [
  '',
  'abc',
  "abc'; drop table practicum_summaries; --",
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  'abcdefghijklmnopqrstuvwxy1',
  '../../etc/passwd',
  '%00',
  '<script>alert(1)</script>',
  'a'.repeat(5000),
  'ünïcödé-ünïcödé-ünïcödé-ün',
]

/** A response body that is a message, never an error or a stack trace. */
function expectNoStackTrace(data: unknown) {
  const text = typeof data === 'string' ? data : JSON.stringify(data)
  expect(text).not.toMatch(/\bat .+\.(ts|js|tsx):\d+/)
  expect(text).not.toMatch(/Error:|TypeError|SqliteError|SQLITE_|stack/i)
}

// ---------------------------------------------------------------- the digest, on a database with nobody in it yet (runs first)

describe('the daily digest on an empty database', () => {
  test('runs and sends nothing', async () => {
    expect(await count('users')).toBe(0)
    const result = await runDigest({ now: new Date(), origin: ORIGIN })
    expect(result).toEqual({ day: new Date().toISOString().slice(0, 10), considered: 0, sent: 0 })
    expect(await count('outbox')).toBe(0)
    expect(await db.selectFrom('digest_log').selectAll().execute()).toEqual([])
  })

  test('npm run jobs:digest (app/digest/cli.ts) migrates a fresh database, runs and reports nothing sent', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-digest-cli-'))
    try {
      const { stdout } = await promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['app/digest/cli.ts'], {
        env: { ...process.env, DATABASE_PATH: path.join(dir, 'cli.db') },
        timeout: 60_000,
      })
      // The same job sends the hourly and daily notification summaries too.
      expect(stdout.trim()).toBe(
        `Digest for ${new Date().toISOString().slice(0, 10)}: 0 sent, 0 people considered.\nNotification summaries: 0 sent, 0 people with unmailed notifications.`,
      )
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
  })
})

// ---------------------------------------------------------------- practicum summaries

describe('practicum summaries', () => {
  /** A fellow with approved records from two supervisors (one of whom changed license) and records in other states. */
  async function fellowWithRecords() {
    const fellow = await createUser(['trainee', 'fellow'], { name: `Avery Summary ${++n}` })
    const maya = await supervisorFor({ type: 'LMFT', number: '98765', state: 'CA' })
    const mayaMoved = { ...maya, license_number: '55555', license_state: 'OR' }
    const jonah = await supervisorFor({ type: 'LPCC', number: '4321', state: 'NY' })
    const secrets = {
      participant_code: 'P-SECRET-777',
      client_code: 'C-SECRET-888',
      notes: 'PRIVATE note about the participant',
      integration_notes: 'PRIVATE reflection on my own session',
    }
    await addRecord(fellow.id, 'experiential', 'approved', '2026-01-10', 150, maya, { integration_notes: secrets.integration_notes })
    await addRecord(fellow.id, 'sitter', 'approved', '2026-02-03', 180, jonah, { participant_code: secrets.participant_code, notes: secrets.notes })
    await addRecord(fellow.id, 'practicum', 'approved', '2026-02-20', 120, maya, { client_code: secrets.client_code })
    await addRecord(fellow.id, 'practicum', 'approved', '2026-03-05', 90, mayaMoved, { client_code: secrets.client_code })
    await addRecord(fellow.id, 'supervision', 'approved', '2026-03-06', 60, jonah)
    // Not approved: never counted.
    await addRecord(fellow.id, 'practicum', 'submitted', '2026-03-20', 600, maya)
    await addRecord(fellow.id, 'sitter', 'returned', '2026-03-21', 600, maya)
    await addRecord(fellow.id, 'experiential', 'draft', '2026-03-22', 600)
    return { fellow, maya, jonah, secrets }
  }

  test('generating one as the fellow stores it with a code, the approved records only, and an audit row', async () => {
    const { fellow, maya, jonah, secrets } = await fellowWithRecords()
    const before = new Date().toISOString()
    const outcome = await generate(fellow)
    expect(outcome.status).toBe(302)
    expect(outcome.location).toBe('/summaries')

    const [stored, ...more] = await summariesOf(fellow.id)
    expect(more).toEqual([])
    expect(stored).toMatchObject({ user_id: fellow.id, generated_by: fellow.id, holder_name: fellow.name })
    expect(isWellFormedCode(stored!.code)).toBe(true)
    expect(stored!.generated_at >= before).toBe(true)

    const content = JSON.parse(stored!.content) as PracticumSummary
    expect(content.holderName).toBe(fellow.name)
    expect(content.generatedAt).toBe(stored!.generated_at)
    expect(content.period).toEqual({ from: '2026-01-10', to: '2026-03-06' })
    expect(content.totals).toEqual({
      experiential: { count: 1, minutes: 150 },
      sitter: { count: 1, minutes: 180 },
      practicum: { count: 2, minutes: 210 },
      supervision: { count: 1, minutes: 60 },
    })
    expect(content.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03'])
    expect(content.supervisors).toEqual(
      [
        { name: maya.name, license: 'LMFT 98765 (CA)', licenseExpiresOn: null, count: 2, minutes: 270 },
        { name: maya.name, license: 'LMFT 55555 (OR)', licenseExpiresOn: null, count: 1, minutes: 90 },
        { name: jonah.name, license: 'LPCC 4321 (NY)', licenseExpiresOn: null, count: 2, minutes: 240 },
      ].sort((a, b) => a.name.localeCompare(b.name) || a.license.localeCompare(b.license)),
    )
    expect(content.programs.map((p) => p.title)).toEqual(getCatalog().programs.map((p) => p.title))
    expect(content.programs.every((p) => p.met === false)).toBe(true)
    for (const value of Object.values(secrets)) expect(stored!.content).not.toContain(value)
    for (const key of ['participant_code', 'client_code', 'notes', 'integration_notes', 'preparation_notes', 'return_comment'])
      expect(stored!.content).not.toContain(`"${key}"`)

    const audits = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'summary.generate')
      .where('subject', '=', `summary:${stored!.id}`)
      .execute()
    expect(audits).toHaveLength(1)
    expect(audits[0]!.actor_id).toBe(fellow.id)
    expect(JSON.parse(audits[0]!.detail!)).toMatchObject({ fellowId: fellow.id })

    const page = await run(summariesRoute.loader, await request('/summaries', { user: fellow }))
    expect(page.status).toBe(200)
    expect(page.data.forSomeoneElse).toBe(false)
    expect(page.data.summaries).toEqual([expect.objectContaining({ id: stored!.id, code: stored!.code, current: true })])

    // The verify page shows the stored totals, publicly.
    const verified = await verifySummaryCode(stored!.code)
    expect(verified.status).toBe(200)
    expect(verified.data).toMatchObject({
      found: true,
      holder: fellow.name,
      generatedAt: stored!.generated_at,
      supersededAt: null,
      totals: content.totals,
      programs: [],
    })
  })

  test('a second summary makes the first "superseded" on its verify page and the second "current"', async () => {
    const { fellow } = await fellowWithRecords()
    expect((await generate(fellow)).status).toBe(302)
    const [first] = await summariesOf(fellow.id)
    expect((await verifySummaryCode(first!.code)).data.supersededAt).toBeNull()

    // A newer approved record: the second summary counts it, the first keeps what it said.
    await addRecord(fellow.id, 'sitter', 'approved', '2026-04-01', 120, await supervisorFor())
    expect((await generate(fellow)).status).toBe(302)
    const [again, second] = await summariesOf(fellow.id)
    expect(again!.id).toBe(first!.id)
    expect(second!.code).not.toBe(first!.code)
    expect(isWellFormedCode(second!.code)).toBe(true)

    const old = await verifySummaryCode(first!.code)
    expect(old.status).toBe(200)
    expect(old.data.found).toBe(true)
    expect(old.data.supersededAt).toBe(second!.generated_at)
    expect(old.data.totals.sitter).toEqual({ count: 1, minutes: 180 })

    const current = await verifySummaryCode(second!.code)
    expect(current.status).toBe(200)
    expect(current.data.supersededAt).toBeNull()
    expect(current.data.totals.sitter).toEqual({ count: 2, minutes: 300 })

    const list = await run(summariesRoute.loader, await request('/summaries', { user: fellow }))
    expect(list.data.summaries.map((s: { id: number; current: boolean }) => [s.id, s.current])).toEqual([
      [second!.id, true],
      [first!.id, false],
    ])

    // Another fellow's newer summary does not supersede this one.
    const { fellow: other } = await fellowWithRecords()
    expect((await generate(other)).status).toBe(302)
    expect((await verifySummaryCode(second!.code)).data.supersededAt).toBeNull()
    expect(await db.selectFrom('audit_log').select('id').where('action', '=', 'summary.generate').where('actor_id', '=', fellow.id).execute()).toHaveLength(2)
  })

  test('the PDF: application/pdf for the owner and for staff, 404 for another fellow, sign-in for nobody', async () => {
    const { fellow, secrets } = await fellowWithRecords()
    const staff = await createUser(['staff'])
    const stranger = await createUser(['fellow'])
    await generate(fellow)
    const [summary] = await summariesOf(fellow.id)

    for (const user of [fellow, staff]) {
      const pdf = await downloadSummary(summary!.id, user)
      expect(pdf.status, user.roles.join()).toBe(200)
      expect(pdf.headers.get('Content-Type')).toBe('application/pdf')
      expect(pdf.headers.get('Content-Disposition')).toBe(`attachment; filename="practicum-summary-${summary!.generated_at.slice(0, 10)}.pdf"`)
      expect(pdf.headers.get('Cache-Control')).toContain('no-store')
      expect(Buffer.from(pdf.bytes.slice(0, 5)).toString('latin1')).toBe('%PDF-')
      const { doc, text } = await pdfText(pdf.bytes)
      expect(doc.getTitle()).toBe(`Practicum summary — ${fellow.name}`)
      expect(doc.getSubject()).toBe(`Practicum summary ${summary!.code}`)
      expect(text).toContain(fellow.name)
      expect(text).toContain(`Verification code: ${summary!.code}`)
      expect(text).toContain(`${ORIGIN}/verify/summary/${summary!.code}`)
      for (const value of Object.values(secrets)) expect(text).not.toContain(value)
    }

    const refused = await downloadSummary(summary!.id, stranger)
    expect(refused.status).toBe(404)
    expect(refused.bytes).toHaveLength(0)
    const supervisor = await createUser(['supervisor'])
    expect((await downloadSummary(summary!.id, supervisor)).status).toBe(404)
    for (const id of ['999999', '0', '-1', 'abc', '1.5', '1e3']) expect((await downloadSummary(id, fellow)).status, id).toBe(404)

    const signedOut = await downloadSummary(summary!.id)
    expect(signedOut.status).toBe(302)
    expect(signedOut.location).toBe(`/login?${new URLSearchParams({ redirectTo: `/summaries/${summary!.id}/pdf` })}`)
  })

  test("a fellow asking for another fellow's summaries gets 403, logged, and cannot generate one for them", async () => {
    const { fellow: owner } = await fellowWithRecords()
    const nosy = await createUser(['fellow'])
    await generate(owner)
    const before = await summariesOf(owner.id)

    const denied = async () =>
      db.selectFrom('audit_log').selectAll().where('actor_id', '=', nosy.id).where('action', '=', 'access.denied').orderBy('id').execute()
    const page = await run(summariesRoute.loader, await request(`/summaries?fellow=${owner.id}`, { user: nosy }))
    expect(page.status).toBe(403)
    expect(JSON.stringify(page.data)).not.toContain(before[0]!.code)
    const [logged] = await denied()
    expect(logged).toMatchObject({ actor_id: nosy.id, action: 'access.denied', subject: `user:${owner.id}` })
    expect(JSON.parse(logged!.detail!)).toMatchObject({ method: 'GET', path: '/summaries' })

    const post = await generate(nosy, owner.id)
    expect(post.status).toBe(403)
    expect(await denied()).toHaveLength(2)
    expect(JSON.parse((await denied())[1]!.detail!)).toMatchObject({ method: 'POST', path: '/summaries' })
    expect(await summariesOf(owner.id)).toEqual(before)
    expect(await summariesOf(nosy.id)).toEqual([])

    // Their own page works; a malformed fellow id is a 404.
    expect((await run(summariesRoute.loader, await request('/summaries', { user: nosy }))).status).toBe(200)
    expect((await run(summariesRoute.loader, await request(`/summaries?fellow=${nosy.id}`, { user: nosy }))).status).toBe(200)
    for (const bad of ['abc', '0', '-3', '1.5', '']) {
      expect((await run(summariesRoute.loader, await request(`/summaries?fellow=${encodeURIComponent(bad)}`, { user: nosy }))).status, bad).toBe(404)
    }
  })

  test("staff see and generate a fellow's summaries with ?fellow=; generated_by is the staff member", async () => {
    const { fellow } = await fellowWithRecords()
    const staff = await createUser(['staff'])
    const page = await run(summariesRoute.loader, await request(`/summaries?fellow=${fellow.id}`, { user: staff }))
    expect(page.status).toBe(200)
    expect(page.data).toMatchObject({ fellow: { id: fellow.id, name: fellow.name }, forSomeoneElse: true, isStaff: true, summaries: [] })
    const made = await generate(staff, fellow.id)
    expect(made.status).toBe(302)
    expect(made.location).toBe(`/summaries?fellow=${fellow.id}`)
    const [stored] = await summariesOf(fellow.id)
    expect(stored).toMatchObject({ user_id: fellow.id, generated_by: staff.id, holder_name: fellow.name })
    expect(await db.selectFrom('audit_log').select('actor_id').where('subject', '=', `summary:${stored!.id}`).execute()).toEqual([{ actor_id: staff.id }])
    expect((await run(summariesRoute.loader, await request('/summaries?fellow=999999', { user: staff }))).status).toBe(404)
  })

  test('unknown or malformed summary codes are a 404 with a message, never a stack trace', async () => {
    const { fellow } = await fellowWithRecords()
    await generate(fellow)
    const [real] = await summariesOf(fellow.id)
    const certificateCode = generateVerificationCode()
    for (const code of [generateVerificationCode(), real!.code.toUpperCase(), `${real!.code}a`, certificateCode, ...MALFORMED_CODES]) {
      const outcome = await verifySummaryCode(code)
      expect(outcome.status, code.slice(0, 40)).toBe(404)
      expect(outcome.data.found).toBe(false)
      expect(outcome.data.code).toBe(code.slice(0, 60))
      expect(outcome.data).not.toHaveProperty('holder')
      expectNoStackTrace(outcome.data)
    }
    expect(await count('users')).toBeGreaterThan(0)
    expect((await summariesOf(fellow.id)).length).toBe(1)
  })
})

// ---------------------------------------------------------------- the digest

describe('the daily digest', () => {
  /** A supervisor whose fellow's record has waited 8 days, and a fellow with a record returned long ago. */
  async function arrange() {
    const staff = await createUser(['staff'])
    const supervisor = await supervisorFor()
    const waitingFellow = await createUser(['fellow'], { name: `Waiting Fellow ${++n}` })
    await db
      .insertInto('supervisor_assignments')
      .values({ fellow_id: waitingFellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: staff.id })
      .execute()
    const waitingId = await addRecord(waitingFellow.id, 'sitter', 'submitted', daysAgo(9), 120)
    await db
      .updateTable('records')
      .set({ submitted_at: new Date(Date.now() - 8 * DAY).toISOString() })
      .where('id', '=', waitingId)
      .execute()
    // A record submitted yesterday is not old enough to mention.
    await addRecord(waitingFellow.id, 'practicum', 'submitted', daysAgo(1), 60)

    const returnedFellow = await createUser(['fellow'], { name: `Returned Fellow ${++n}` })
    const returnedId = await addRecord(returnedFellow.id, 'practicum', 'returned', daysAgo(20), 90, supervisor)
    // Logged something recently: the mail is about the returned record only.
    await addRecord(returnedFellow.id, 'supervision', 'draft', daysAgo(2), 60)
    return { staff, supervisor, waitingFellow, returnedFellow, returnedId }
  }

  test('the supervisor and the fellow with an old returned record each get exactly one mail', async () => {
    const { supervisor, waitingFellow, returnedFellow, returnedId, staff } = await arrange()
    const now = new Date()
    const result = await runDigest({ now, origin: ORIGIN })
    expect(result.day).toBe(now.toISOString().slice(0, 10))
    expect(result.sent).toBeGreaterThanOrEqual(2)

    const [toSupervisor, ...moreToSupervisor] = await mailsTo(supervisor.user.email)
    expect(moreToSupervisor).toEqual([])
    expect(toSupervisor!.subject).toBe('Your KAP Fellowship reminders')
    expect(toSupervisor!.body).toContain('1 record has waited more than 7 days for your review:')
    expect(toSupervisor!.body).toContain(`${waitingFellow.name}: sitter of ${formatDate(daysAgo(9))}`)
    expect(toSupervisor!.body).not.toContain('practicum')
    expect(toSupervisor!.body).toContain(`${ORIGIN}/review`)
    expect(toSupervisor!.body).toContain(`${ORIGIN}/settings/notifications`)

    const [toFellow, ...moreToFellow] = await mailsTo(returnedFellow.email)
    expect(moreToFellow).toEqual([])
    expect(toFellow!.body).toContain('1 of your records was returned more than 7 days ago and not yet resubmitted:')
    expect(toFellow!.body).toContain(`${ORIGIN}/hours/${returnedId}`)
    expect(toFellow!.body).not.toContain('have not logged anything')

    // The waiting fellow logged recently and has nothing returned; staff have nothing to review.
    expect(await mailsTo(waitingFellow.email)).toEqual([])
    expect(await mailsTo(staff.email)).toEqual([])

    const logged = await db.selectFrom('digest_log').selectAll().where('user_id', 'in', [supervisor.id, returnedFellow.id]).orderBy('user_id').execute()
    expect(logged.map((l) => [l.user_id, l.day])).toEqual(
      [
        [supervisor.id, result.day],
        [returnedFellow.id, result.day],
      ].sort((a, b) => Number(a[0]) - Number(b[0])),
    )
  })

  test('running the job twice the same day sends nothing more; the next day it reminds again', async () => {
    const { supervisor, returnedFellow } = await arrange()
    const now = new Date()
    await runDigest({ now, origin: ORIGIN })
    expect(await mailsTo(supervisor.user.email)).toHaveLength(1)
    const outbox = await count('outbox')
    const logRows = (await db.selectFrom('digest_log').selectAll().execute()).length

    const again = await runDigest({ now: new Date(now.getTime() + 60_000), origin: ORIGIN })
    expect(again).toMatchObject({ day: now.toISOString().slice(0, 10), sent: 0 })
    const twice = await Promise.all([runDigest({ now, origin: ORIGIN }), runDigest({ now, origin: ORIGIN })])
    expect(twice.map((r) => r.sent)).toEqual([0, 0])
    expect(await count('outbox')).toBe(outbox)
    expect((await db.selectFrom('digest_log').selectAll().execute()).length).toBe(logRows)
    expect(await mailsTo(supervisor.user.email)).toHaveLength(1)
    expect(await mailsTo(returnedFellow.email)).toHaveLength(1)

    // Still waiting the next day: one more reminder each, once.
    const tomorrow = new Date(now.getTime() + DAY)
    const next = await runDigest({ now: tomorrow, origin: ORIGIN })
    expect(next.day).toBe(tomorrow.toISOString().slice(0, 10))
    expect(await mailsTo(supervisor.user.email)).toHaveLength(2)
    expect(await mailsTo(returnedFellow.email)).toHaveLength(2)
    await runDigest({ now: tomorrow, origin: ORIGIN })
    expect(await mailsTo(supervisor.user.email)).toHaveLength(2)
  })

  test('two runs started at the same moment still send each person one mail', async () => {
    const { supervisor, returnedFellow } = await arrange()
    const now = new Date()
    const runs = await Promise.all([runDigest({ now, origin: ORIGIN }), runDigest({ now, origin: ORIGIN }), runDigest({ now, origin: ORIGIN })])
    expect(runs.every((r) => r.day === now.toISOString().slice(0, 10))).toBe(true)
    expect(await mailsTo(supervisor.user.email)).toHaveLength(1)
    expect(await mailsTo(returnedFellow.email)).toHaveLength(1)
    expect(await db.selectFrom('digest_log').selectAll().where('user_id', 'in', [supervisor.id, returnedFellow.id]).execute()).toHaveLength(2)
  })

  test('a person who turned digests off on the settings page gets none; turning them back on restores them', async () => {
    const { supervisor, returnedFellow } = await arrange()
    for (const person of [supervisor.user, returnedFellow]) {
      const off = await run(notificationsRoute.action, await request('/settings/notifications', { user: person, form: { digest: 'off' } }))
      expect(off.status).toBe(302)
      expect(off.location).toBe('/settings/notifications')
      const loaded = await run(notificationsRoute.loader, await request('/settings/notifications', { user: person }))
      expect(loaded.data).toMatchObject({ digestOn: false })
      expect(await db.selectFrom('audit_log').select('action').where('actor_id', '=', person.id).where('action', 'like', 'digest.%').execute()).toEqual([
        { action: 'digest.off' },
      ])
    }

    const now = new Date()
    await runDigest({ now, origin: ORIGIN })
    expect(await mailsTo(supervisor.user.email)).toEqual([])
    expect(await mailsTo(returnedFellow.email)).toEqual([])
    expect(await db.selectFrom('digest_log').selectAll().where('user_id', 'in', [supervisor.id, returnedFellow.id]).execute()).toEqual([])

    // An invalid choice changes nothing.
    const junk = await run(notificationsRoute.action, await request('/settings/notifications', { user: returnedFellow, form: { digest: 'maybe' } }))
    expect(junk.status).toBe(400)
    expect((await db.selectFrom('users').select('digest_opt_out').where('id', '=', returnedFellow.id).executeTakeFirstOrThrow()).digest_opt_out).toBe(1)

    const on = await run(notificationsRoute.action, await request('/settings/notifications', { user: returnedFellow, form: { digest: 'on' } }))
    expect(on.status).toBe(302)
    await runDigest({ now, origin: ORIGIN })
    expect(await mailsTo(returnedFellow.email)).toHaveLength(1)
    expect(await mailsTo(supervisor.user.email)).toEqual([])
  })

  test('a deactivated account gets no digest', async () => {
    const { returnedFellow } = await arrange()
    await db.updateTable('users').set({ active: 0 }).where('id', '=', returnedFellow.id).execute()
    await runDigest({ now: new Date(), origin: ORIGIN })
    expect(await mailsTo(returnedFellow.email)).toEqual([])
  })
})

// ---------------------------------------------------------------- certificate expiry and the Open Badges credential

describe('certificate expiry', () => {
  const schema = JSON.parse(fs.readFileSync(path.resolve('vendor/openbadges/ob_v3p0_achievementcredential_schema.json'), 'utf8'))
  const ajv = new Ajv2019({ strict: false, allErrors: true })
  addFormats(ajv)
  const validate = ajv.compile(schema)

  test('the fellowship is valid for 24 months; a certificate issued for it expires 24 months after issue', async () => {
    expect(getCatalog().program(FELLOWSHIP)!.validityMonths).toBe(24)
    const staff = await createUser(['staff'])
    const fellow = await eligibleFellow(staff)
    expect((await issue(staff, fellow.id, FELLOWSHIP)).status).toBe(302)
    const [cert] = await certificatesOf(fellow.id)
    const issued = new Date(cert!.issued_at)
    const expires = new Date(cert!.expires_at!)
    expect(cert!.expires_at).toBe(expiryFor(issued, 24))
    // Same time of day, two years on (the 29th of February aside, where it is the 28th).
    expect(expires.getUTCFullYear()).toBe(issued.getUTCFullYear() + 2)
    expect(expires.getUTCMonth()).toBe(issued.getUTCMonth())
    expect(expires.getUTCDate()).toBe(issued.getUTCMonth() === 1 && issued.getUTCDate() === 29 ? 28 : issued.getUTCDate())
    expect(expires.toISOString().slice(10)).toBe(issued.toISOString().slice(10))

    // Its credential is valid, carries the expiry and validates against the official schema.
    const credential = await credentialJson(cert!.code)
    expect(credential.status).toBe(200)
    expect(credential.headers.get('Content-Type')).toContain('application/ld+json')
    expect(validate(credential.data), JSON.stringify(validate.errors)).toBe(true)
    expect(credential.data).toMatchObject({
      id: `${ORIGIN}/verify/${cert!.code}/credential.json`,
      validFrom: cert!.issued_at,
      validUntil: cert!.expires_at,
    })
    expect((await verifyCredentialDocument(credential.data)).status).toBe('valid')
    expect(credential.data.type).toContain('OpenBadgeCredential')
    expect(credential.data.credentialSubject.achievement.criteria.narrative).toContain('At least 40 supervisor-approved practicum hours')

    // A program without validityMonths never expires.
    expect((await issue(staff, fellow.id, 'introductory-kap')).status).toBe(302)
    const intro = (await certificatesOf(fellow.id)).find((c) => c.program_slug === 'introductory-kap')!
    expect(intro.expires_at).toBeNull()
    const introCredential = await credentialJson(intro.code)
    expect(validate(introCredential.data), JSON.stringify(validate.errors)).toBe(true)
    expect(introCredential.data).not.toHaveProperty('validUntil')
  })

  test("once expires_at is past: 'expired' on the verify page and in credential.json, and a new certificate can be issued", async () => {
    const staff = await createUser(['staff'])
    const fellow = await eligibleFellow(staff)
    expect((await issue(staff, fellow.id, FELLOWSHIP)).status).toBe(302)
    // While it is valid, a second one is refused.
    expect((await issue(staff, fellow.id, FELLOWSHIP)).status).toBe(409)
    const [cert] = await certificatesOf(fellow.id)
    const expiredAt = new Date(Date.now() - 60_000).toISOString()
    await db.updateTable('certificates').set({ expires_at: expiredAt }).where('id', '=', cert!.id).execute()

    const page = await run(verifyCertificate.loader, await request(`/verify/${cert!.code}`), { code: cert!.code })
    expect(page.status).toBe(200)
    expect(page.data).toMatchObject({ found: true, status: 'expired', expiresAt: expiredAt, revokedAt: null })

    const credential = await credentialJson(cert!.code)
    expect(credential.status).toBe(200)
    expect(validate(credential.data), JSON.stringify(validate.errors)).toBe(true)
    expect(credential.data.validUntil).toBe(expiredAt)
    const verdict = await verifyCredentialDocument(credential.data)
    expect(verdict.status).toBe('expired')
    expect(verdict.reason).toContain(`expired on ${formatDate(expiredAt)}`)

    const again = await issue(staff, fellow.id, FELLOWSHIP)
    expect(again.status).toBe(302)
    const [old, fresh] = await certificatesOf(fellow.id)
    expect(old!.id).toBe(cert!.id)
    expect(fresh!.serial).not.toBe(old!.serial)
    expect(fresh!.code).not.toBe(old!.code)
    expect(fresh!.expires_at).toBe(expiryFor(new Date(fresh!.issued_at), 24))
    expect((await run(verifyCertificate.loader, await request(`/verify/${fresh!.code}`), { code: fresh!.code })).data.status).toBe('valid')
    expect((await verifyCredentialDocument((await credentialJson(fresh!.code)).data)).status).toBe('valid')
    // The old one stays expired.
    expect((await verifyCredentialDocument((await credentialJson(old!.code)).data)).status).toBe('expired')
  })

  test('a revoked certificate’s credential reads as revoked (its bit in the signed status list)', async () => {
    const staff = await createUser(['staff'])
    const fellow = await eligibleFellow(staff)
    await issue(staff, fellow.id, FELLOWSHIP)
    const [cert] = await certificatesOf(fellow.id)
    const revokedAt = new Date().toISOString()
    await db.updateTable('certificates').set({ revoked_at: revokedAt, revoked_by: staff.id, revocation_reason: 'test' }).where('id', '=', cert!.id).execute()
    const credential = await credentialJson(cert!.code)
    expect(validate(credential.data), JSON.stringify(validate.errors)).toBe(true)
    expect(credential.data.credentialStatus).toMatchObject({ type: 'BitstringStatusListEntry', statusPurpose: 'revocation' })
    expect((await verifyCredentialDocument(credential.data)).status).toBe('revoked')
  })

  test('expiringCertificates(90) lists one expiring in 30 days, not one expiring in 120 days, nor revoked or already expired ones', async () => {
    const staff = await createUser(['staff'])
    const holder = await createUser(['fellow'])
    const now = Date.now()
    const at = (days: number) => new Date(now + days * DAY).toISOString()
    const insert = async (serial: string, expiresAt: string | null, revokedAt: string | null = null) => {
      const { id } = await db
        .insertInto('certificates')
        .values({
          serial,
          code: generateVerificationCode(),
          user_id: holder.id,
          program_slug: FELLOWSHIP,
          program_title: 'Psychedelic Practitioner Fellowship',
          holder_name: holder.name,
          issued_at: new Date(now - 700 * DAY).toISOString(),
          issued_by: staff.id,
          issuer_name: staff.name,
          requirements: '{}',
          expires_at: expiresAt,
          revoked_at: revokedAt,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      return id
    }
    const soon = await insert('KAP-1999-000001', at(30))
    const sooner = await insert('KAP-1999-000002', at(10))
    const later = await insert('KAP-1999-000003', at(120))
    const revoked = await insert('KAP-1999-000004', at(30), new Date(now - DAY).toISOString())
    const expired = await insert('KAP-1999-000005', at(-5))
    const never = await insert('KAP-1999-000006', null)

    const list = await expiringCertificates(90)
    const ids = list.map((c) => c.id)
    expect(ids).toContain(soon)
    expect(ids).toContain(sooner)
    expect(ids.indexOf(sooner)).toBeLessThan(ids.indexOf(soon))
    for (const id of [later, revoked, expired, never]) expect(ids).not.toContain(id)
    expect(list.find((c) => c.id === soon)).toMatchObject({ serial: 'KAP-1999-000001', holder_name: holder.name, user_id: holder.id, expires_at: at(30) })
    expect((await expiringCertificates(150)).map((c) => c.id)).toContain(later)
  })

  test('credential.json for an unknown or malformed code is a 404 JSON message', async () => {
    for (const code of [generateVerificationCode(), ...MALFORMED_CODES]) {
      const outcome = await credentialJson(code)
      expect(outcome.status, code.slice(0, 40)).toBe(404)
      expect(outcome.headers.get('Content-Type')).toContain('application/ld+json')
      expect(outcome.data).toEqual({ error: 'No certificate has this code.' })
      expectNoStackTrace(outcome.data)
    }
  })
})
