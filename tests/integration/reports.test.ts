import { describe, expect, test } from 'vitest'
import { insertRecord } from '#app/demo/program.server.ts'
import type { RecordKind, RecordStatus } from '#db/schema.ts'
import { db } from '#app/db.server.ts'
import * as certificatesCsv from '#app/routes/staff.reports.certificates[.]csv.tsx'
import * as cohortCsv from '#app/routes/staff.reports.cohort[.]csv.tsx'
import * as hoursCsv from '#app/routes/staff.reports.hours[.]csv.tsx'
import * as reportsPage from '#app/routes/staff.reports._index.tsx'
import { createCohort, createUser, request, run, type TestUser } from '#tests/helpers.ts'

type Loader = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown

/** Calls a CSV route's loader and returns its Response as sent (bytes included). */
async function download(loader: Loader, path: string, user: TestUser) {
  const result = await loader({ request: await request(path, { user }), params: {}, context: {} })
  if (!(result instanceof Response)) throw new Error(`expected a Response from ${path}`)
  const bytes = new Uint8Array(await result.arrayBuffer())
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)
  return { response: result, bytes, text }
}

/** A strict RFC 4180 reader: the file must start with the BOM and end every line with CRLF. */
function parseCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true)
  const body = text.slice(1)
  expect(body.endsWith('\r\n')).toBe(true)
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') {
      expect(cell).toBe('') // quotes only open a field
      quoted = true
    } else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r') {
      expect(body[i + 1]).toBe('\n') // no bare CR outside quotes
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      i++
    } else {
      expect(c).not.toBe('\n') // no bare LF outside quotes
      cell += c
    }
  }
  expect(quoted).toBe(false)
  return rows
}

/** Rows as objects keyed by the header, for readable assertions. */
function records(text: string) {
  const [header, ...rows] = parseCsv(text)
  return { header: header!, rows: rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!]))) }
}

async function latestExport(actorId: number) {
  return db.selectFrom('audit_log').selectAll().where('actor_id', '=', actorId).where('action', '=', 'report.export').orderBy('id', 'desc').executeTakeFirst()
}

let recordCounter = 0
function addRecord(fellowId: number, kind: RecordKind, status: RecordStatus, occurredOn: string, minutes: number, fields?: Record<string, string | null>) {
  return insertRecord(db, { fellowId, kind, status, occurredOn, minutes, fields }, ++recordCounter)
}

describe('cohort progress CSV', () => {
  test('a UTF-8 CSV attachment, one row per member, formulas in names neutralised, the export logged', async () => {
    const staff = await createUser(['staff'])
    const attacker = await createUser(['fellow'], { name: '=HYPERLINK("http://evil.example/steal","Click me")' })
    const plus = await createUser(['fellow'], { name: '+Zoë Müller, MD' })
    const cohortId = await createCohort(staff, [attacker.id, plus.id], 'Cohort Été')
    await addRecord(plus.id, 'sitter', 'approved', '2026-02-01', 120)
    await addRecord(plus.id, 'practicum', 'approved', '2026-02-02', 90)

    const { response, bytes, text } = await download(cohortCsv.loader, `/staff/reports/cohort.csv?cohort=${cohortId}`, staff)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="cohort-progress-Cohort-Ete-[\w.-]+\.csv"$/)
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(text).toContain('\r\n')

    const { header, rows } = records(text)
    expect(header).toEqual([
      'Name',
      'Email',
      'Active',
      'Courses completed',
      'Courses total',
      'Experiential sessions approved',
      'Sitter sessions approved',
      'Practicum hours approved',
      'Supervision hours approved',
      'Eligible for',
    ])
    expect(rows).toHaveLength(2)
    const evil = rows.find((r) => r.Email === attacker.email)!
    expect(evil.Name).toBe(`'=HYPERLINK("http://evil.example/steal","Click me")`)
    // On the wire: quoted (commas, quotes), inner quotes doubled, the quote prefix inside.
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/steal"",""Click me"")"`)
    const zoe = rows.find((r) => r.Email === plus.email)!
    expect(zoe.Name).toBe(`'+Zoë Müller, MD`)
    expect(zoe['Sitter sessions approved']).toBe('1')
    expect(zoe['Practicum hours approved']).toBe('1.5')
    expect(zoe.Active).toBe('yes')

    const logged = await latestExport(staff.id)
    expect(logged?.subject).toBe('report:cohort-progress')
    expect(JSON.parse(logged!.detail!)).toMatchObject({ report: 'cohort-progress', cohortId, rows: 2 })
  })

  test('an unknown cohort is a 404 and a malformed one a 400, in plain text, and nothing is logged', async () => {
    const staff = await createUser(['staff'])
    const unknown = await download(cohortCsv.loader, '/staff/reports/cohort.csv?cohort=999999', staff)
    expect(unknown.response.status).toBe(404)
    expect(unknown.response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8')
    expect(unknown.text).toMatch(/no such cohort/)
    for (const query of ['', '?cohort=', '?cohort=abc', '?cohort=1&extra=1']) {
      const bad = await download(cohortCsv.loader, `/staff/reports/cohort.csv${query}`, staff)
      expect(bad.response.status).toBe(400)
      expect(bad.response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8')
    }
    expect(await latestExport(staff.id)).toBeUndefined()
  })
})

describe('approved hours CSV', () => {
  async function fellowsWithRecords() {
    const a = await createUser(['fellow'], { name: 'Avery Approved' })
    const b = await createUser(['fellow'], { name: 'Bianca Boundary' })
    // Inside 2011-03-01..2011-03-31, approved: these count.
    await addRecord(a.id, 'experiential', 'approved', '2011-03-01', 90, {
      notes: 'A-NOTE-IN-RANGE',
      preparation_notes: 'A-PREP-IN-RANGE',
      integration_notes: 'A-INTEGRATION-IN-RANGE',
    })
    await addRecord(a.id, 'experiential', 'approved', '2011-03-15', 60)
    await addRecord(a.id, 'sitter', 'approved', '2011-03-20', 120, { participant_code: 'P-SECRET-1', notes: '=cmd|" /C calc"!A0' })
    await addRecord(b.id, 'practicum', 'approved', '2011-03-31', 45, { client_code: 'C-SECRET-2' })
    // Not approved, or outside the period: these never count.
    await addRecord(a.id, 'experiential', 'submitted', '2011-03-10', 300, { notes: 'SUBMITTED-NOTE' })
    await addRecord(a.id, 'experiential', 'draft', '2011-03-11', 300, { notes: 'DRAFT-NOTE' })
    await addRecord(a.id, 'sitter', 'returned', '2011-03-12', 300, { notes: 'RETURNED-NOTE' })
    await addRecord(a.id, 'experiential', 'approved', '2011-02-28', 300, { notes: 'BEFORE-NOTE' })
    await addRecord(b.id, 'practicum', 'approved', '2011-04-01', 300, { notes: 'AFTER-NOTE' })
    return { a, b }
  }

  test('counts only approved records in the period, both ends included; no notes or codes by default', async () => {
    const staff = await createUser(['staff'])
    const { a, b } = await fellowsWithRecords()
    const { response, text } = await download(hoursCsv.loader, '/staff/reports/hours.csv?from=2011-03-01&to=2011-03-31', staff)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="approved-hours-2011-03-01-to-2011-03-31.csv"')

    const { header, rows } = records(text)
    expect(header).toEqual(['Fellow', 'Email', 'Kind', 'Approved records', 'Total minutes', 'Total hours'])
    const mine = rows.filter((r) => r.Email === a.email || r.Email === b.email)
    expect(mine).toEqual([
      { Fellow: 'Avery Approved', Email: a.email, Kind: 'Experiential session', 'Approved records': '2', 'Total minutes': '150', 'Total hours': '2.5' },
      { Fellow: 'Avery Approved', Email: a.email, Kind: 'Sitter session', 'Approved records': '1', 'Total minutes': '120', 'Total hours': '2' },
      { Fellow: 'Bianca Boundary', Email: b.email, Kind: 'Practicum', 'Approved records': '1', 'Total minutes': '45', 'Total hours': '0.75' },
    ])
    // Notes columns are absent entirely, and so are their contents and the pseudonymous codes.
    for (const column of ['Notes', 'Preparation notes', 'Integration notes', 'Participant code', 'Client code']) expect(header).not.toContain(column)
    for (const secret of ['A-NOTE-IN-RANGE', 'A-PREP-IN-RANGE', 'A-INTEGRATION-IN-RANGE', 'P-SECRET-1', 'C-SECRET-2', 'calc'])
      expect(text).not.toContain(secret)

    const logged = await latestExport(staff.id)
    expect(logged?.subject).toBe('report:approved-hours')
    expect(JSON.parse(logged!.detail!)).toMatchObject({ report: 'approved-hours', from: '2011-03-01', to: '2011-03-31', includeNotes: false })
  })

  test('includeNotes gives one row per approved record with the notes, escaped, and logs that notes were included', async () => {
    const staff = await createUser(['staff'])
    const { a, b } = await fellowsWithRecords()
    const { response, text } = await download(hoursCsv.loader, '/staff/reports/hours.csv?from=2011-03-01&to=2011-03-31&includeNotes=yes', staff)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="approved-hours-with-notes-2011-03-01-to-2011-03-31.csv"')
    const { header, rows } = records(text)
    expect(header).toEqual(
      expect.arrayContaining([
        'Record',
        'Date',
        'Fellow',
        'Kind',
        'Category',
        'Minutes',
        'Participant code',
        'Client code',
        'Notes',
        'Preparation notes',
        'Integration notes',
      ]),
    )
    const mine = rows.filter((r) => r.Email === a.email || r.Email === b.email)
    expect(mine.map((r) => [r.Date, r.Kind, r.Minutes])).toEqual([
      ['2011-03-01', 'Experiential session', '90'],
      ['2011-03-15', 'Experiential session', '60'],
      ['2011-03-20', 'Sitter session', '120'],
      ['2011-03-31', 'Practicum', '45'],
    ])
    // Each record's board category beside its kind (an experiential session has none).
    expect(mine[0]!.Category).toBe('')
    expect(mine[3]!.Category).toMatch(/client contact/i)
    expect(mine[0]).toMatchObject({ Notes: 'A-NOTE-IN-RANGE', 'Preparation notes': 'A-PREP-IN-RANGE', 'Integration notes': 'A-INTEGRATION-IN-RANGE' })
    expect(mine[2]).toMatchObject({ 'Participant code': 'P-SECRET-1', Notes: `'=cmd|" /C calc"!A0` })
    expect(mine[3]!['Client code']).toBe('C-SECRET-2')
    for (const hidden of ['SUBMITTED-NOTE', 'DRAFT-NOTE', 'RETURNED-NOTE', 'BEFORE-NOTE', 'AFTER-NOTE']) expect(text).not.toContain(hidden)

    const logged = await latestExport(staff.id)
    expect(JSON.parse(logged!.detail!)).toMatchObject({ report: 'approved-hours', includeNotes: true })
  })

  test('malformed dates, a period ending before it starts, or an unknown parameter are a plain-text 400', async () => {
    const staff = await createUser(['staff'])
    const cases: [string, RegExp][] = [
      ['from=2011-13-01&to=2011-12-31', /from: That date does not exist/],
      ['from=2011-02-30&to=2011-03-31', /from: That date does not exist/],
      ['from=01/03/2011&to=2011-03-31', /from: Enter a date as YYYY-MM-DD/],
      ['from=2011-03-31&to=2011-03-01', /to: The last day must be on or after the first day/],
      ['from=2011-03-01', /to: Enter the last day/],
      ['from=2011-03-01&to=2011-03-31&includeNotes=1', /includeNotes/],
      ['from=2011-03-01&to=2011-03-31&fellow=1', /does not have the field fellow/],
    ]
    for (const [query, message] of cases) {
      const { response, text } = await download(hoursCsv.loader, `/staff/reports/hours.csv?${query}`, staff)
      expect(response.status, query).toBe(400)
      expect(response.headers.get('Content-Type')).toBe('text/plain; charset=utf-8')
      expect(text, query).toMatch(message)
    }
    expect(await latestExport(staff.id)).toBeUndefined()
  })
})

describe('certificates CSV', () => {
  test('every certificate with its status; text escaped; optional period on the issue date', async () => {
    const staff = await createUser(['staff'])
    const holder = await createUser(['fellow'])
    const base = {
      user_id: holder.id,
      program_slug: 'kap-practitioner',
      program_title: 'KAP Practitioner',
      issued_by: staff.id,
      issuer_name: 'Institute Staff',
      requirements: '{}',
    }
    const tag = `${process.pid}-${Date.now()}`
    await db
      .insertInto('certificates')
      .values([
        {
          ...base,
          serial: `T-${tag}-1`,
          code: `c1-${tag}`,
          holder_name: 'Valid Holder',
          issued_at: '2012-06-01T10:00:00.000Z',
          expires_at: '2099-06-01T10:00:00.000Z',
        },
        {
          ...base,
          serial: `T-${tag}-2`,
          code: `c2-${tag}`,
          holder_name: '@Revoked Holder',
          issued_at: '2012-06-15T10:00:00.000Z',
          revoked_at: '2012-07-01T09:00:00.000Z',
          revoked_by: staff.id,
          revocation_reason: 'Issued in error, see ticket 12',
        },
        {
          ...base,
          serial: `T-${tag}-3`,
          code: `c3-${tag}`,
          holder_name: 'Expired Holder',
          issued_at: '2012-06-30T23:59:00.000Z',
          expires_at: '2013-01-01T00:00:00.000Z',
        },
        { ...base, serial: `T-${tag}-4`, code: `c4-${tag}`, holder_name: 'Later Holder', issued_at: '2012-07-01T00:00:00.000Z' },
      ])
      .execute()

    const { response, text } = await download(certificatesCsv.loader, '/staff/reports/certificates.csv?from=2012-06-01&to=2012-06-30', staff)
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toMatch(/^attachment; filename="certificates-issued-2012-06-01-to-2012-06-30\.csv"$/)
    const { header, rows } = records(text)
    expect(header).toEqual(['Serial', 'Holder', 'Program', 'Issued at', 'Issued by', 'Status', 'Expires at', 'Revoked at', 'Revocation reason'])
    const mine = rows.filter((r) => r.Serial!.startsWith(`T-${tag}`))
    expect(mine.map((r) => [r.Holder, r.Status])).toEqual([
      ['Valid Holder', 'valid'],
      ["'@Revoked Holder", 'revoked'],
      ['Expired Holder', 'expired'],
    ])
    expect(mine[1]).toMatchObject({ 'Revoked at': '2012-07-01T09:00:00.000Z', 'Revocation reason': 'Issued in error, see ticket 12' })

    const all = records((await download(certificatesCsv.loader, '/staff/reports/certificates.csv', staff)).text)
    expect(all.rows.filter((r) => r.Serial!.startsWith(`T-${tag}`))).toHaveLength(4)
    expect(JSON.parse((await latestExport(staff.id))!.detail!)).toMatchObject({ report: 'certificates-issued', from: null, to: null })

    const bad = await download(certificatesCsv.loader, '/staff/reports/certificates.csv?from=2012-07-01&to=2012-06-01', staff)
    expect(bad.response.status).toBe(400)
  })
})

describe('access', () => {
  test('people without the staff role get 403 from every report, and each refusal is logged', async () => {
    const fellow = await createUser(['fellow'])
    const supervisor = await createUser(['supervisor', 'trainee'])
    const routes: [Loader, string][] = [
      [cohortCsv.loader, '/staff/reports/cohort.csv?cohort=1'],
      [hoursCsv.loader, '/staff/reports/hours.csv?from=2011-03-01&to=2011-03-31&includeNotes=yes'],
      [certificatesCsv.loader, '/staff/reports/certificates.csv'],
      [reportsPage.loader, '/staff/reports'],
    ]
    for (const user of [fellow, supervisor]) {
      for (const [loader, path] of routes) {
        const outcome = await run(loader, await request(path, { user }))
        expect(outcome.status, path).toBe(403)
        const logged = await db
          .selectFrom('audit_log')
          .selectAll()
          .where('actor_id', '=', user.id)
          .where('action', '=', 'access.denied')
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
        expect(logged.subject).toBe(`route:${new URL(path, 'http://x').pathname}`)
        expect(JSON.parse(logged.detail!).reason).toBe('requires report:export:any')
      }
      expect(await latestExport(user.id)).toBeUndefined()
    }
  })

  test('signed out, a download redirects to the sign-in page', async () => {
    const outcome = await run(hoursCsv.loader, await request('/staff/reports/hours.csv?from=2011-03-01&to=2011-03-31'))
    expect(outcome.status).toBe(302)
    expect(outcome.location).toMatch(/^\/login\?redirectTo=/)
  })
})

describe('reports page', () => {
  test('lists the cohorts to choose from and defaults the period to this year', async () => {
    const staff = await createUser(['staff'])
    const cohortId = await createCohort(staff, [], 'Listed cohort')
    const page = await run(reportsPage.loader, await request('/staff/reports', { user: staff }))
    expect(page.status).toBe(200)
    expect(page.data.cohorts).toEqual(expect.arrayContaining([expect.objectContaining({ id: cohortId, members: 0 })]))
    const today = new Date().toISOString().slice(0, 10)
    expect(page.data.today).toBe(today)
    expect(page.data.startOfYear).toBe(`${today.slice(0, 4)}-01-01`)
    expect(typeof page.data.certificates).toBe('number')
  })
})
