import { afterEach, describe, expect, test, vi } from 'vitest'
import { insertRecord } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import { runDigest } from '#app/digest/digest.server.ts'
import { clearanceToday } from '#app/hours/records.server.ts'
import { licenseSchemaIn } from '#app/supervision/schema.ts'
import * as root from '#app/root.tsx'
import * as newRecordRoute from '#app/routes/hours.new.tsx'
import * as personRoute from '#app/routes/staff.people.$id.tsx'
import * as summaryPdfRoute from '#app/routes/summaries.$id.pdf.tsx'
import * as summariesRoute from '#app/routes/summaries._index.tsx'
import * as timeZoneRoute from '#app/routes/settings.time-zone.tsx'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { pdfText } from '#tests/support/pdf-text.ts'

// Each person reads dates and times in their own zone (users.time_zone), the institute's
// (INSTITUTE_TIME_ZONE, UTC unless set) until they choose; a record's date may be today in the
// fellow's zone, never later.

const ORIGIN = 'http://localhost:3000'

async function zoneOf(user: TestUser) {
  const row = await db.selectFrom('users').select('time_zone').where('id', '=', user.id).executeTakeFirstOrThrow()
  return row.time_zone
}

async function setZone(user: TestUser, zone: string | null) {
  await db.updateTable('users').set({ time_zone: zone }).where('id', '=', user.id).execute()
}

const saveZone = async (user: TestUser, form: Record<string, string>) => run(timeZoneRoute.action, await request('/settings/time-zone', { user, form }))

describe('choosing a time zone in Settings', () => {
  test('a saved zone is stored, audited, confirmed, and is what every page then reads in', async () => {
    const user = await createUser(['trainee'])
    expect(await zoneOf(user)).toBeNull()
    const before = await run(root.loader, await request('/', { user }))
    expect(before.data.timeZone).toBe('UTC')

    const saved = await saveZone(user, { timeZone: 'Europe/Berlin' })
    expect(saved.status).toBe(302)
    expect(saved.location).toBe('/settings/time-zone')
    // The flash cookie: base64 of JSON, read once by the next page.
    const flash = /kap_flash=([^;]+)/.exec(saved.headers.get('Set-Cookie') ?? '')?.[1] ?? ''
    expect(Buffer.from(decodeURIComponent(flash), 'base64').toString()).toContain('Time zone saved: Europe/Berlin.')
    expect(await zoneOf(user)).toBe('Europe/Berlin')
    const audited = await db
      .selectFrom('audit_log')
      .select(['action', 'detail'])
      .where('subject', '=', `user:${user.id}`)
      .where('action', '=', 'time_zone.set')
      .execute()
    expect(audited.map((a) => JSON.parse(a.detail ?? '{}'))).toEqual([{ timeZone: 'Europe/Berlin' }])

    const after = await run(root.loader, await request('/', { user }))
    expect(after.data.timeZone).toBe('Europe/Berlin')
    const page = await run(timeZoneRoute.loader, await request('/settings/time-zone', { user }))
    expect(page.data.chosen).toBe('Europe/Berlin')
    expect(page.data.zones).toContain('Pacific/Auckland')
    expect(page.data.zones[0]).toBe('UTC')
  })

  test('the first-visit proposal goes back to the page it was made on, never to another site', async () => {
    const user = await createUser(['fellow'])
    const back = await saveZone(user, { timeZone: 'America/New_York', redirectTo: '/hours?page=2' })
    expect(back.location).toBe('/hours?page=2')
    const away = await saveZone(user, { timeZone: 'America/New_York', redirectTo: '//evil.example/' })
    expect(away.location).toBe('/settings/time-zone')
  })

  test('a zone that is not on the list is refused beside the field, keeps what was sent, and changes nothing', async () => {
    const user = await createUser(['fellow'])
    await setZone(user, 'Asia/Tokyo')
    for (const timeZone of ['Mars/Olympus_Mons', 'europe/berlin', 'Europe/Berlin; DROP TABLE users', '']) {
      const refused = await saveZone(user, { timeZone })
      expect(refused.status, timeZone).toBe(400)
      expect(refused.data.errors).toEqual({ timeZone: 'Choose a time zone from the list.' })
      expect(refused.data.values.timeZone).toBe(timeZone)
    }
    const forged = await saveZone(user, { timeZone: 'UTC', role: 'staff' })
    expect(forged.status).toBe(400)
    expect(await zoneOf(user)).toBe('Asia/Tokyo')
  })

  test('signed out, pages read in the institute’s zone (INSTITUTE_TIME_ZONE)', async () => {
    const anonymous = await run(root.loader, await request('/verify'))
    expect(anonymous.data.timeZone).toBe('UTC')
    vi.stubEnv('INSTITUTE_TIME_ZONE', 'America/Los_Angeles')
    try {
      const configured = await run(root.loader, await request('/verify'))
      expect(configured.data.timeZone).toBe('America/Los_Angeles')
      const undecided = await createUser(['trainee'])
      expect((await run(root.loader, await request('/', { user: undecided }))).data.timeZone).toBe('America/Los_Angeles')
    } finally {
      vi.unstubAllEnvs()
    }
  })
})

describe('"not in the future" is judged in the fellow’s zone', () => {
  // 23:30 UTC on Nov 28: already 12:30 on Nov 29 in Auckland (UTC+13), still 15:30 on Nov 28 in Los Angeles (UTC−8).
  const NOW = new Date('2026-11-28T23:30:00.000Z')
  afterEach(() => {
    vi.useRealTimers()
  })

  const practicum = (occurredOn: string) => ({
    kind: 'practicum',
    occurredOn,
    minutes: '60',
    setting: 'virtual',
    phase: 'integration',
    contact: 'direct',
    clientCode: 'C-0417',
    notes: '',
    intent: 'save',
  })

  async function log(fellow: TestUser, occurredOn: string) {
    const req = await request('/hours/new?kind=practicum', { user: fellow, form: practicum(occurredOn) })
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(NOW)
    try {
      return await run(newRecordRoute.action, req)
    } finally {
      vi.useRealTimers()
    }
  }

  test('in Auckland it is Nov 29: the fellow may log Nov 29, not Nov 30', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    await setZone(fellow, 'Pacific/Auckland')
    const saved = await log(fellow, '2026-11-29')
    expect(saved.status).toBe(302)
    const row = await db.selectFrom('records').select('occurred_on').where('fellow_id', '=', fellow.id).executeTakeFirstOrThrow()
    expect(row.occurred_on).toBe('2026-11-29')
    const tomorrow = await log(fellow, '2026-11-30')
    expect(tomorrow.status).toBe(400)
    expect(tomorrow.data.errors).toEqual({ occurredOn: 'The date cannot be in the future.' })
  })

  test('in Los Angeles it is still Nov 28: the fellow may log Nov 28, not Nov 29', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    await setZone(fellow, 'America/Los_Angeles')
    const early = await log(fellow, '2026-11-29')
    expect(early.status).toBe(400)
    expect(early.data.errors).toEqual({ occurredOn: 'The date cannot be in the future.' })
    expect(early.data.values.occurredOn).toBe('2026-11-29')
    expect(await db.selectFrom('records').select('id').where('fellow_id', '=', fellow.id).execute()).toEqual([])
    expect((await log(fellow, '2026-11-28')).status).toBe(302)
  })

  test('a fellow who has not chosen a zone is judged in the institute’s (UTC): Nov 29 is not yet', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    expect((await log(fellow, '2026-11-29')).status).toBe(400)
    expect((await log(fellow, '2026-11-28')).status).toBe(302)
  })
})

describe('each person’s “today” is the day where they are', () => {
  // As above: 23:30 UTC on Nov 28 is Nov 29 in Auckland and Nov 28 in Los Angeles.
  const NOW = new Date('2026-11-28T23:30:00.000Z')
  afterEach(() => {
    vi.useRealTimers()
  })
  const at = (instant: Date) => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(instant)
  }

  test('a clearance granted on Nov 29 covers an Auckland fellow’s today, not yet a Los Angeles fellow’s', async () => {
    const staff = await createUser(['staff'])
    const covered: Record<string, boolean> = {}
    for (const zone of ['Pacific/Auckland', 'America/Los_Angeles']) {
      const fellow = await createUser(['trainee', 'fellow'])
      await setZone(fellow, zone)
      await db
        .insertInto('medical_clearances')
        .values({
          fellow_id: fellow.id,
          granted_on: '2026-11-29',
          expires_on: '2027-11-28',
          clinician: 'Dr. Priya Natarajan, MD',
          recorded_by: staff.id,
          recorded_at: NOW.toISOString(),
        })
        .execute()
      at(NOW)
      covered[zone] = (await clearanceToday({ id: fellow.id, timeZone: zone })).clearance !== null
      vi.useRealTimers()
    }
    expect(covered).toEqual({ 'Pacific/Auckland': true, 'America/Los_Angeles': false })
  })

  test('a license expiring on Nov 28 has passed in Auckland and not in Los Angeles', () => {
    at(NOW)
    const license = { licenseType: 'LMFT', licenseNumber: '12345', licenseState: 'CA', licenseExpiresOn: '2026-11-28' }
    expect(licenseSchemaIn('America/Los_Angeles').safeParse(license).success).toBe(true)
    expect(licenseSchemaIn('Pacific/Auckland').safeParse(license).error?.issues[0]?.message).toBe(
      'That date has passed: enter the expiry of the current (renewed) license.',
    )
  })

  test('staff may record a clearance granted Nov 29 where it is Nov 29 (Auckland), not where it is still Nov 28 (Los Angeles)', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const outcomes: Record<string, number> = {}
    for (const zone of ['Pacific/Auckland', 'America/Los_Angeles']) {
      const staff = await createUser(['staff'])
      await setZone(staff, zone)
      // Staff sessions idle out quickly: the sign-in happens at NOW too.
      at(NOW)
      const req = await request(`/staff/people/${fellow.id}`, {
        user: staff,
        form: { intent: 'clearance', grantedOn: '2026-11-29', expiresOn: '2027-11-28', clinician: `Dr. Priya Natarajan (${zone})` },
      })
      const outcome = await run(personRoute.action, req, { id: String(fellow.id) })
      vi.useRealTimers()
      outcomes[zone] = outcome.status
      if (outcome.status === 302) expect(outcome.location).toBe(`/staff/people/${fellow.id}`)
      if (outcome.status === 400) expect(outcome.data.errors).toEqual({ grantedOn: 'The grant date cannot be in the future.' })
    }
    expect(outcomes).toEqual({ 'Pacific/Auckland': 302, 'America/Los_Angeles': 400 })
    const clinicians = await db.selectFrom('medical_clearances').select('clinician').where('fellow_id', '=', fellow.id).execute()
    expect(clinicians.map((c) => c.clinician)).toEqual(['Dr. Priya Natarajan (Pacific/Auckland)'])
  })

  test('the reminder digest comes once a day by the reader’s calendar', async () => {
    const staff = await createUser(['staff'])
    const supervisor = await createUser(['supervisor'])
    await setZone(supervisor, 'Pacific/Auckland')
    const fellow = await createUser(['fellow'])
    await db
      .insertInto('supervisor_assignments')
      .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: '2026-11-01T00:00:00.000Z', assigned_by: staff.id })
      .execute()
    const id = await insertRecord(db, { fellowId: fellow.id, kind: 'practicum', status: 'submitted', occurredOn: '2026-11-10', minutes: 60 }, 1)
    await db.updateTable('records').set({ submitted_at: '2026-11-11T10:00:00.000Z' }).where('id', '=', id).execute()
    const digests = async () => (await db.selectFrom('outbox').select('id').where('to_address', '=', supervisor.email).execute()).length
    // Nov 29 in Auckland from 11:00 UTC on Nov 28 to 11:00 UTC on Nov 29.
    await runDigest({ now: NOW, origin: ORIGIN })
    expect(await digests()).toBe(1)
    await runDigest({ now: new Date('2026-11-29T10:30:00.000Z'), origin: ORIGIN })
    expect(await digests()).toBe(1)
    await runDigest({ now: new Date('2026-11-29T11:30:00.000Z'), origin: ORIGIN })
    expect(await digests()).toBe(2)
  })
})

describe('mails and PDFs are dated in their reader’s zone', () => {
  test('the reminder digest says when a record was submitted as the day it was for each supervisor', async () => {
    const staff = await createUser(['staff'])
    // Submitted at 23:30 UTC on Nov 20: Nov 21 in Auckland, Nov 20 in Los Angeles; both over 7 days before NOW.
    const submittedAt = '2026-11-20T23:30:00.000Z'
    const bodies: Record<string, string> = {}
    for (const zone of ['Pacific/Auckland', 'America/Los_Angeles']) {
      const supervisor = await createUser(['supervisor'])
      await setZone(supervisor, zone)
      const fellow = await createUser(['fellow'], { name: `Waiting in ${zone}` })
      await db
        .insertInto('supervisor_assignments')
        .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: '2026-11-01T00:00:00.000Z', assigned_by: staff.id })
        .execute()
      const id = await insertRecord(db, { fellowId: fellow.id, kind: 'practicum', status: 'submitted', occurredOn: '2026-11-19', minutes: 60 }, 1)
      await db.updateTable('records').set({ submitted_at: submittedAt }).where('id', '=', id).execute()
      bodies[zone] = supervisor.email
    }
    await runDigest({ now: new Date('2026-11-28T23:30:00.000Z'), origin: ORIGIN })
    const body = async (email: string) => (await db.selectFrom('outbox').select('body').where('to_address', '=', email).executeTakeFirstOrThrow()).body
    // The record's date is a calendar day: the same in both; the submission is an instant.
    expect(await body(bodies['Pacific/Auckland']!)).toContain('  - Waiting in Pacific/Auckland: practicum of Nov 19, 2026 (submitted Nov 21, 2026)')
    expect(await body(bodies['America/Los_Angeles']!)).toContain('  - Waiting in America/Los_Angeles: practicum of Nov 19, 2026 (submitted Nov 20, 2026)')
  })

  test('a practicum summary’s PDF says when it was generated in the reader’s zone', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    expect((await run(summariesRoute.action, await request('/summaries', { user: fellow, form: { intent: 'generate' } }))).status).toBe(302)
    const stored = await db.selectFrom('practicum_summaries').selectAll().where('user_id', '=', fellow.id).executeTakeFirstOrThrow()
    // Generated at 23:30 UTC on Nov 3: Nov 4 in Berlin, Nov 3 in New York.
    const content = { ...JSON.parse(stored.content), generatedAt: '2026-11-03T23:30:00.000Z' }
    await db
      .updateTable('practicum_summaries')
      .set({ content: JSON.stringify(content), generated_at: content.generatedAt })
      .where('id', '=', stored.id)
      .execute()

    async function generatedLine(zone: string) {
      await setZone(fellow, zone)
      const response = (await summaryPdfRoute.loader({
        request: await request(`/summaries/${stored.id}/pdf`, { user: fellow }),
        params: { id: String(stored.id) },
        context: {},
      })) as Response
      expect(response.status).toBe(200)
      const { text } = await pdfText(new Uint8Array(await response.arrayBuffer()))
      return /Generated [A-Z][a-z]{2} \d{1,2}, \d{4}/.exec(text.replace(/\s+/g, ' '))?.[0]
    }
    expect(await generatedLine('Europe/Berlin')).toBe('Generated Nov 4, 2026')
    expect(await generatedLine('America/New_York')).toBe('Generated Nov 3, 2026')
  })
})
