import { describe, expect, test } from 'vitest'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import type { RecordKind, RecordStatus } from '#db/schema.ts'
import { generateVerificationCode } from '#app/certificates/codes.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import * as reviewRecord from '#app/routes/review.$id.tsx'
import * as summaryCsvRoute from '#app/routes/summaries.$id.csv.tsx'
import * as summaryPdfRoute from '#app/routes/summaries.$id.pdf.tsx'
import * as summariesRoute from '#app/routes/summaries._index.tsx'
import * as verifySummary from '#app/routes/verify.summary.$code.tsx'
import type { PracticumSummary } from '#app/summaries/summary.ts'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { signed, VERIFIED } from '#tests/support/licenses.ts'
import { pdfText } from '#tests/support/pdf-text.ts'

// The practicum summary in the categories boards count, with each signer's license and its
// expiry as snapshotted at approval and the statement each approval was signed under — through
// the real approval, the real generation and the real downloads (PDF and CSV).

const ORIGIN = 'http://localhost:3000'
const STATEMENT = getCatalog().attestations.find((a) => a.version === '2026-11')!
let n = 0

/** A supervisor whose verified license expires on `expires`, assigned to the fellow. */
async function supervisorOf(fellow: TestUser, license: { type: string; number: string; state: string; expires: string }) {
  const user = await createUser(['supervisor'], { name: `Dr. Signer ${++n}` })
  await db
    .updateTable('users')
    .set({ license_type: license.type, license_number: license.number, license_state: license.state, ...VERIFIED, license_expires_on: license.expires })
    .where('id', '=', user.id)
    .execute()
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: user.id, assigned_at: new Date().toISOString(), assigned_by: null })
    .execute()
  return user
}

/** A submitted record, then approved by `supervisor` through the review page: signed, license snapshotted. */
async function approvedThroughReview(
  fellow: TestUser,
  supervisor: TestUser,
  kind: RecordKind,
  minutes: number,
  fields: Record<string, string | number | null>,
) {
  const id = await insertRecord(db, { fellowId: fellow.id, kind, status: 'submitted', occurredOn: daysAgo(30 + ++n), minutes, fields }, n)
  const outcome = await run(
    reviewRecord.action,
    await request(`/review/${id}`, { user: supervisor, form: { decision: 'approve', version: '2', comment: '', ...signed(supervisor) } }),
    { id: String(id) },
  )
  expect(outcome, `approving record ${id}`).toMatchObject({ status: 302 })
  return id
}

async function addRecord(fellow: TestUser, kind: RecordKind, status: RecordStatus, minutes: number, fields: Record<string, string | number | null> = {}) {
  return insertRecord(db, { fellowId: fellow.id, kind, status, occurredOn: daysAgo(60 + ++n), minutes, fields }, n)
}

async function generate(actor: TestUser) {
  expect((await run(summariesRoute.action, await request('/summaries', { user: actor, form: { intent: 'generate' } }))).status).toBe(302)
  return db.selectFrom('practicum_summaries').selectAll().where('user_id', '=', actor.id).orderBy('id', 'desc').executeTakeFirstOrThrow()
}

/** Calls a download route's loader; the body as text or bytes when it answers. */
async function download(route: 'csv' | 'pdf', id: number | string, user?: TestUser) {
  const req = await request(`/summaries/${id}/${route}`, { user })
  const loader = route === 'csv' ? summaryCsvRoute.loader : summaryPdfRoute.loader
  try {
    const response = (await loader({ request: req, params: { id: String(id) }, context: {} })) as Response
    return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()), location: null }
  } catch (thrown) {
    const outcome = await run(() => Promise.reject(thrown), req)
    return { status: outcome.status, headers: outcome.headers, bytes: new Uint8Array(), location: outcome.location }
  }
}

/** A CSV body as rows of cells (RFC 4180: quoted cells may hold commas, quotes and line breaks). */
function parseCsv(text: string) {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const body = text.replace(/^\uFEFF/, '')
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r' && body[i + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else cell += c
  }
  return rows
}

/**
 * A fellow whose approved records cover every category, signed by two supervisors (licenses
 * expiring on different days), plus records logged before categories and records not approved.
 */
async function fellowInCategories() {
  const fellow = await createUser(['trainee', 'fellow'], { name: `Avery Categories ${++n}` })
  const maya = await supervisorOf(fellow, { type: 'LMFT', number: '98765', state: 'CA', expires: '2028-03-31' })
  const jonah = await supervisorOf(fellow, { type: 'LPCC', number: '4321', state: 'NY', expires: '2027-06-30' })
  const supervision = (type: string | null, format: string, size: number | null = null) => ({
    supervision_type: type,
    supervision_format: format,
    group_size: size,
  })
  await approvedThroughReview(fellow, jonah, 'supervision', 60, supervision('supervision', 'individual'))
  await approvedThroughReview(fellow, jonah, 'supervision', 90, supervision('supervision', 'group', 6))
  await approvedThroughReview(fellow, maya, 'supervision', 45, supervision('consultation', 'individual'))
  await approvedThroughReview(fellow, maya, 'supervision', 30, supervision('consultation', 'group', 4))
  await approvedThroughReview(fellow, maya, 'practicum', 120, { practicum_contact: 'direct' })
  await approvedThroughReview(fellow, maya, 'practicum', 75, { practicum_contact: 'indirect' })
  const coSitter = await createUser(['trainee', 'fellow'])
  await approvedThroughReview(fellow, jonah, 'sitter', 180, { co_sitter_id: coSitter.id, co_sitter_confirmed_at: new Date().toISOString() })
  await approvedThroughReview(fellow, jonah, 'sitter', 150, {})
  // Logged before categories (null), approved: counted in the totals, "not recorded" in the categories.
  await approvedThroughReview(fellow, maya, 'practicum', 50, { practicum_contact: null })
  await approvedThroughReview(fellow, jonah, 'supervision', 20, supervision(null, 'individual'))
  await approvedThroughReview(fellow, jonah, 'sitter', 120, { started_at: null, ended_at: null })
  // Not approved: never counted.
  await addRecord(fellow, 'practicum', 'submitted', 600, { practicum_contact: 'direct' })
  await addRecord(fellow, 'supervision', 'draft', 600, supervision('consultation', 'individual'))
  return { fellow, maya, jonah }
}

describe('a summary in the categories boards count', () => {
  test('consultation apart from supervision, practicum direct and indirect, confirmed co-sitters; legacy records "not recorded"', async () => {
    const { fellow } = await fellowInCategories()
    const stored = await generate(fellow)
    const content = JSON.parse(stored.content) as PracticumSummary
    expect(content.totals.supervision).toEqual({ count: 5, minutes: 245 })
    expect(content.totals.practicum).toEqual({ count: 3, minutes: 245 })
    expect(content.categories).toEqual({
      supervision: {
        individual: { count: 1, minutes: 60 },
        group: { count: 1, minutes: 90 },
        consultation: { count: 2, minutes: 75 },
        notRecorded: { count: 1, minutes: 20 },
      },
      practicum: { direct: { count: 1, minutes: 120 }, indirect: { count: 1, minutes: 75 }, notRecorded: { count: 1, minutes: 50 } },
      sitter: { coSitterConfirmed: { count: 1, minutes: 180 }, withoutCoSitter: { count: 1, minutes: 150 }, notRecorded: { count: 1, minutes: 120 } },
    })
    // Who co-sat is never in it, only that someone confirmed.
    expect(stored.content).not.toMatch(/co_sitter|coSitterId|started_at|startedAt/)
  })

  test("each signer's license with the expiry snapshotted at approval, and the statement's full text once per version", async () => {
    const { fellow, maya, jonah } = await fellowInCategories()
    // A license renewed after these approvals does not change what they kept.
    await db.updateTable('users').set({ license_expires_on: '2031-03-31' }).where('id', '=', maya.id).execute()
    const stored = await generate(fellow)
    const content = JSON.parse(stored.content) as PracticumSummary
    expect(content.supervisors).toEqual(
      [
        { name: maya.name, license: 'LMFT 98765 (CA)', licenseExpiresOn: '2028-03-31', count: 5, minutes: 320 },
        { name: jonah.name, license: 'LPCC 4321 (NY)', licenseExpiresOn: '2027-06-30', count: 6, minutes: 620 },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    )
    expect(content.attestations).toEqual([
      { version: '2026-11', title: STATEMENT.title, effective: STATEMENT.effective, text: STATEMENT.text, sha256: STATEMENT.sha256, count: 11, minutes: 940 },
    ])
    expect(content.unsigned).toEqual({ count: 0, minutes: 0 })

    const pdf = await download('pdf', stored.id, fellow)
    expect(pdf.status).toBe(200)
    const { text } = await pdfText(pdf.bytes)
    const flat = text.replace(/\s+/g, ' ')
    expect(flat).toContain('Mar 31, 2028')
    expect(flat).toContain('Jun 30, 2027')
    expect(flat).not.toContain('2031')
    expect(flat).toContain(`${STATEMENT.title} — version 2026-11`)
    expect(flat).toContain('11 records (15.7 h) signed under it')
    // The statement's full text, every sentence of it.
    for (const sentence of STATEMENT.text.replace(/\s+/g, ' ').split(/(?<=\.) /)) expect(flat).toContain(sentence)
    expect(flat).toContain('Supervision and consultation: consultation 2 1.3')
    expect(flat).toContain('Supervision and consultation: individual supervision 1 1')
    expect(flat).toContain('Practicum: direct client contact 1 2')
    expect(flat).toContain('Practicum: indirect 1 1.3')
  })
})

describe('the summary as CSV', () => {
  test('the owner and staff download it; another fellow and a supervisor get 404 (as for the PDF); unknown ids 404; signed out, sign in', async () => {
    const { fellow, maya } = await fellowInCategories()
    const stored = await generate(fellow)
    const staff = await createUser(['staff'])
    for (const user of [fellow, staff]) {
      const csv = await download('csv', stored.id, user)
      expect(csv.status, user.roles.join()).toBe(200)
      expect(csv.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
      expect(csv.headers.get('Content-Disposition')).toBe(`attachment; filename="practicum-summary-${stored.generated_at.slice(0, 10)}.csv"`)
      expect(csv.headers.get('Cache-Control')).toContain('no-store')
    }
    const stranger = await createUser(['trainee', 'fellow'])
    for (const user of [stranger, maya]) {
      const refused = await download('csv', stored.id, user)
      expect(refused.status, user.roles.join()).toBe(404)
      expect(refused.bytes).toHaveLength(0)
      // The same answer the PDF gives: one access check for both.
      expect((await download('pdf', stored.id, user)).status).toBe(404)
    }
    for (const id of ['999999', '0', '-1', 'abc', '1.5']) expect((await download('csv', id, fellow)).status, id).toBe(404)
    const signedOut = await download('csv', stored.id)
    expect(signedOut.status).toBe(302)
    expect(signedOut.location).toBe(`/login?${new URLSearchParams({ redirectTo: `/summaries/${stored.id}/csv` })}`)
  })

  test('the same content as rows: totals, categories, signers with license and expiry, statements with their text, requirements', async () => {
    const { fellow, maya, jonah } = await fellowInCategories()
    const stored = await generate(fellow)
    const csv = await download('csv', stored.id, fellow)
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(csv.bytes)
    expect(text.startsWith('\uFEFF')).toBe(true)
    const [header, ...rows] = parseCsv(text)
    expect(header).toEqual(['Section', 'Label', 'Records', 'Hours', 'License', 'License expires', 'Detail'])
    const find = (section: string, label: string) => rows.find((r) => r[0] === section && r[1] === label)
    expect(find('Summary', 'Fellow')![6]).toBe(fellow.name)
    expect(find('Summary', 'Verification code')![6]).toBe(stored.code)
    expect(find('Summary', 'Verify at')![6]).toBe(`${ORIGIN}/verify/summary/${stored.code}`)
    expect(find('Totals by kind', 'Supervision / consultation')!.slice(2, 4)).toEqual(['5', '4.08'])
    expect(find('By category: Supervision and consultation', 'Individual supervision')!.slice(2, 4)).toEqual(['1', '1'])
    expect(find('By category: Supervision and consultation', 'Group supervision')!.slice(2, 4)).toEqual(['1', '1.5'])
    expect(find('By category: Supervision and consultation', 'Consultation')!.slice(2, 4)).toEqual(['2', '1.25'])
    expect(find('By category: Supervision and consultation', 'Not recorded')!.slice(2, 4)).toEqual(['1', '0.33'])
    expect(find('By category: Practicum', 'Direct client contact')!.slice(2, 4)).toEqual(['1', '2'])
    expect(find('By category: Practicum', 'Indirect')!.slice(2, 4)).toEqual(['1', '1.25'])
    expect(find('By category: Sitter sessions', 'With a confirmed co-sitter')!.slice(2, 4)).toEqual(['1', '3'])
    expect(find('Approving supervisor', maya.name)!.slice(2)).toEqual(['5', '5.33', 'LMFT 98765 (CA)', '2028-03-31', ''])
    expect(find('Approving supervisor', jonah.name)!.slice(2)).toEqual(['6', '10.33', 'LPCC 4321 (NY)', '2027-06-30', ''])
    const statement = find('Statement signed', `${STATEMENT.title} — version 2026-11, in force from ${STATEMENT.effective}`)!
    expect(statement.slice(2, 4)).toEqual(['11', '15.67'])
    expect(statement[6]).toBe(`${STATEMENT.text}\n\nSHA-256: ${STATEMENT.sha256}`)
    expect(rows.filter((r) => r[0] === 'Statement signed')).toHaveLength(1)
    expect(find('Program: Psychedelic Practitioner Fellowship', 'Direct client contact hours')![6]).toBe(
      'not met · 18 more direct client contact hours approved (0.8 h approved without direct or indirect contact recorded do not count)',
    )
    // Every row has the header's seven cells.
    for (const r of rows) expect(r).toHaveLength(7)
  })

  test('a cell a spreadsheet would run as a formula is written as text', async () => {
    const fellow = await createUser(['trainee', 'fellow'], { name: '=HYPERLINK("http://evil.example","click")' })
    const stored = await generate(fellow)
    const text = new TextDecoder().decode((await download('csv', stored.id, fellow)).bytes)
    expect(text).toContain(`Summary,Fellow,,,,,"'=HYPERLINK(""http://evil.example"",""click"")"`)
  })
})

describe('summaries generated before categories, expiries and statements were kept', () => {
  /** The JSON a summary stored before this change: no categories, attestations, unsigned or licenseExpiresOn. */
  async function legacySummary() {
    const fellow = await createUser(['trainee', 'fellow'], { name: `Old Summary ${++n}` })
    const kinds = {
      experiential: { count: 1, minutes: 150 },
      sitter: { count: 0, minutes: 0 },
      practicum: { count: 1, minutes: 120 },
      supervision: { count: 1, minutes: 60 },
    }
    const content = {
      holderName: fellow.name,
      generatedAt: '2026-06-01T12:00:00.000Z',
      period: { from: '2026-01-10', to: '2026-03-06' },
      totals: kinds,
      months: [{ month: '2026-01', kinds }],
      supervisors: [{ name: 'Dr. Maya Reyes', license: 'LMFT 98765 (CA)', count: 3, minutes: 330 }],
      programs: [{ title: 'Introductory KAP', met: true, requirements: [{ label: 'Introductory KAP course', met: true, detail: '8 / 8' }] }],
    }
    const code = generateVerificationCode()
    const { id } = await db
      .insertInto('practicum_summaries')
      .values({
        code,
        user_id: fellow.id,
        generated_by: fellow.id,
        generated_at: content.generatedAt,
        holder_name: fellow.name,
        content: JSON.stringify(content),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return { fellow, id, code }
  }

  test('still download as PDF and CSV, without the sections they lack, and verify', async () => {
    const { fellow, id, code } = await legacySummary()
    const pdf = await download('pdf', id, fellow)
    expect(pdf.status).toBe(200)
    const { text } = await pdfText(pdf.bytes)
    expect(text).toContain('LMFT 98765 (CA)')
    expect(text).not.toContain('Hours by category')
    expect(text).not.toContain('Statements the approvals were signed under')

    const csv = await download('csv', id, fellow)
    expect(csv.status).toBe(200)
    const rows = parseCsv(new TextDecoder().decode(csv.bytes)).slice(1)
    expect(rows.find((r) => r[0] === 'Approving supervisor')).toEqual(['Approving supervisor', 'Dr. Maya Reyes', '3', '5.5', 'LMFT 98765 (CA)', '', ''])
    expect(rows.some((r) => r[0]!.startsWith('By category') || r[0] === 'Statement signed')).toBe(false)

    const verified = await run(verifySummary.loader, await request(`/verify/summary/${code}`), { code })
    expect(verified.status).toBe(200)
    expect(verified.data).toMatchObject({ found: true, holder: fellow.name, categories: null })
  })
})
