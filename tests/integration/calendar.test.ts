import { beforeAll, describe, expect, test } from 'vitest'
import { db } from '#app/db.server.ts'
import { convertOne, convertPassedSessions } from '#app/calendar/convert.server.ts'
import { FEED_PAST_DAYS } from '#app/calendar/feed.server.ts'
import { hashToken } from '#app/auth/tokens.ts'
import * as calendarRoute from '#app/routes/calendar._index.tsx'
import * as itemRoute from '#app/routes/calendar.$id.tsx'
import * as feedRoute from '#app/routes/calendar.feed.$file.tsx'
import * as newRoute from '#app/routes/calendar.new.tsx'
import * as hoursRoute from '#app/routes/hours._index.tsx'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { licensedSupervisorOf } from '#tests/support/licenses.ts'

// The calendar: planning, changing and cancelling; who sees what; the iCalendar feed's privacy
// and its secret link; and a session that has passed becoming exactly one draft record.

type Form = Record<string, string | string[]>

let staff: TestUser
beforeAll(async () => {
  staff = await createUser(['staff'])
})

/** A calendar date `days` from today (UTC). */
const daysAhead = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

let seq = 0
/** A unique participant code per test, so a leak is the one we planted. */
const code = () => `P-${String(1000 + (++seq % 9000)).padStart(4, '0')}`

const sitterPlan = (over: Form = {}): Form => ({
  kind: 'sitter',
  date: daysAhead(7),
  time: '10:00',
  timeZone: 'UTC',
  minutes: '180',
  setting: 'in_person',
  participantCode: code(),
  coSitterId: '',
  ...over,
})

async function plan(user: TestUser, form: Form) {
  return run(newRoute.action, await request(`/calendar/new?kind=${form.kind}`, { user, form }))
}
async function planned(user: TestUser, form: Form) {
  const outcome = await plan(user, form)
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
  expect(outcome.location).toBe('/calendar')
  const row = await db.selectFrom('planned_items').selectAll().where('owner_id', '=', user.id).orderBy('id', 'desc').executeTakeFirstOrThrow()
  return row
}
const upcoming = async (user: TestUser) =>
  (await run(calendarRoute.loader, await request('/calendar', { user }))).data as {
    items: { id: number; code: string | null; topic: string | null; ownerName: string }[]
  }
const ids = async (user: TestUser) => (await upcoming(user)).items.map((i) => i.id)

async function newFeed(user: TestUser, intent = 'create-feed') {
  const outcome = await run(calendarRoute.action, await request('/calendar', { user, form: { intent } }))
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(200)
  const url = outcome.data.feedUrl as string
  expect(url).toMatch(/\/calendar\/feed\/[a-z2-7]{32}\.ics$/)
  return url.slice(url.lastIndexOf('/') + 1)
}
async function fetchFeed(file: string) {
  const response = (await feedRoute.loader({ request: new Request(`http://localhost:3000/calendar/feed/${file}`), params: { file }, context: {} })) as Response
  return { status: response.status, type: response.headers.get('Content-Type'), text: await response.text() }
}

/** A session that ended an hour ago (the form refuses the past, so it is written as if planned earlier). */
async function endedSession(
  owner: TestUser,
  fields: Partial<{ kind: 'sitter' | 'practicum' | 'experiential' | 'meeting'; co_sitter_id: number | null; participant_code: string | null }> = {},
) {
  const start = new Date(Date.now() - 4 * 3_600_000)
  const now = new Date().toISOString()
  const { id } = await db
    .insertInto('planned_items')
    .values({
      owner_id: owner.id,
      kind: 'sitter',
      starts_at: start.toISOString(),
      ends_at: new Date(start.getTime() + 180 * 60_000).toISOString(),
      time_zone: 'UTC',
      minutes: 180,
      setting: 'in_person',
      participant_code: 'P-0777',
      co_sitter_id: null,
      created_at: now,
      updated_at: now,
      ...fields,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

describe('planning, changing and cancelling', () => {
  test('a fellow plans a sitter session: stored as a UTC instant with its zone, shown on their calendar with the code', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const coSitter = await createUser(['trainee', 'fellow'])
    const row = await planned(
      fellow,
      sitterPlan({ date: daysAhead(10), time: '09:30', timeZone: 'America/New_York', coSitterId: String(coSitter.id), participantCode: 'p-0042' }),
    )
    expect(row).toMatchObject({
      kind: 'sitter',
      minutes: 180,
      time_zone: 'America/New_York',
      participant_code: 'P-0042',
      co_sitter_id: coSitter.id,
      record_id: null,
    })
    // 09:30 in New York is 13:30 or 14:30 UTC, by the season.
    expect(row.starts_at).toMatch(new RegExp(`^${daysAhead(10)}T1[34]:30:00\\.000Z$`))
    expect(Date.parse(row.ends_at) - Date.parse(row.starts_at)).toBe(180 * 60_000)
    const item = (await upcoming(fellow)).items.find((i) => i.id === row.id)
    expect(item).toMatchObject({ code: 'P-0042' })
    // The co-sitter sees it too, without the code.
    expect((await upcoming(coSitter)).items.find((i) => i.id === row.id)).toMatchObject({ code: null, ownerName: fellow.name })
  })

  test('refused with the reason beside the field, what was typed kept: the past, too far ahead, a bad code, too short, a forged field', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const cases: [Form, string, RegExp][] = [
      [sitterPlan({ date: new Date(Date.now() - 86_400_000).toISOString().slice(0, 10) }), 'date', /passed/],
      [sitterPlan({ date: daysAhead(0), time: '00:00' }), 'date', /passed/],
      [sitterPlan({ date: daysAhead(400) }), 'date', /at most a year ahead/],
      [sitterPlan({ participantCode: 'Jane Doe' }), 'participantCode', /.+/],
      [sitterPlan({ minutes: '59' }), 'minutes', /At least 60 minutes/],
      [sitterPlan({ minutes: '601' }), 'minutes', /At most 600/],
      [sitterPlan({ timeZone: 'Mars/Olympus' }), 'timeZone', /time zone/],
      [sitterPlan({ time: '25:00' }), 'time', /start time/],
      [sitterPlan({ ownerId: '1' }), 'form', /does not have the field ownerId/],
      [{ ...sitterPlan(), kind: 'meeting', attendeeIds: [] }, 'form', /ownerId|participantCode|coSitterId|attendee/],
    ]
    for (const [form, field, message] of cases) {
      const outcome = await plan(fellow, form)
      expect(outcome.status, `${field}: ${JSON.stringify(form)}`).toBe(400)
      expect(outcome.data.errors[field], JSON.stringify(outcome.data.errors)).toMatch(message)
      expect(outcome.data.values.date).toBe(form.date)
    }
    expect(await db.selectFrom('planned_items').select('id').where('owner_id', '=', fellow.id).execute()).toEqual([])
  })

  test('the owner changes it (version checked) and cancels it; nobody else can, and it leaves calendar and feed', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const other = await createUser(['trainee', 'fellow'])
    const row = await planned(fellow, sitterPlan())
    const edit = (user: TestUser, form: Form) => request(`/calendar/${row.id}`, { user, form }).then((r) => run(itemRoute.action, r, { id: String(row.id) }))
    // Another fellow: no such item, for reading and for writing.
    expect((await run(itemRoute.loader, await request(`/calendar/${row.id}`, { user: other }), { id: String(row.id) })).status).toBe(404)
    expect((await edit(other, { intent: 'cancel', version: '1' })).status).toBe(404)

    const loaded = await run(itemRoute.loader, await request(`/calendar/${row.id}`, { user: fellow }), { id: String(row.id) })
    expect(loaded.data.values).toMatchObject({ kind: 'sitter', date: daysAhead(7), time: '10:00', timeZone: 'UTC', minutes: '180', version: '1' })

    const changed = await edit(fellow, sitterPlan({ time: '14:15', minutes: '120', participantCode: 'P-0999', version: '1' }))
    expect(changed.status, JSON.stringify(changed.data)).toBe(302)
    expect(await db.selectFrom('planned_items').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow()).toMatchObject({
      starts_at: `${daysAhead(7)}T14:15:00.000Z`,
      ends_at: `${daysAhead(7)}T16:15:00.000Z`,
      minutes: 120,
      participant_code: 'P-0999',
      version: 2,
    })
    // The page that still shows version 1 is told it changed.
    const stale = await edit(fellow, sitterPlan({ version: '1' }))
    expect(stale.status).toBe(409)
    expect(stale.data.errors.form).toMatch(/changed since you opened it/)
    // The kind is fixed.
    expect((await edit(fellow, { ...sitterPlan({ kind: 'practicum', version: '2' }), coSitterId: undefined as never })).status).toBe(400)

    const file = await newFeed(fellow)
    expect((await fetchFeed(file)).text).toContain(`UID:planned-${row.id}@`)
    expect((await edit(fellow, { intent: 'cancel', version: '1' })).status).toBe(409)
    const cancelled = await edit(fellow, { intent: 'cancel', version: '2' })
    expect(cancelled.status).toBe(302)
    expect(await ids(fellow)).not.toContain(row.id)
    expect((await fetchFeed(file)).text).not.toContain(`UID:planned-${row.id}@`)
    // Cancelled is final here: no change, no second cancellation.
    expect((await edit(fellow, { intent: 'cancel', version: '3' })).status).toBe(409)
  })
})

describe('who sees what', () => {
  test("a supervisor sees their assigned fellows' sessions (without codes) and their own meetings; another supervisor and other fellows see none of it", async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const bystander = await createUser(['trainee', 'fellow'])
    const supervisor = await licensedSupervisorOf(fellow, staff)
    const otherSupervisor = await licensedSupervisorOf(bystander, staff)
    const session = await planned(fellow, sitterPlan())
    const meeting = await planned(supervisor, {
      kind: 'meeting',
      date: daysAhead(3),
      time: '16:00',
      timeZone: 'UTC',
      minutes: '60',
      setting: 'virtual',
      topic: 'Case review TOPIC-SECRET',
      attendeeIds: [String(fellow.id)],
    })
    expect(meeting).toMatchObject({ kind: 'meeting', note: 'Case review TOPIC-SECRET', participant_code: null })

    const seen = await upcoming(supervisor)
    expect(seen.items.map((i) => i.id)).toEqual(expect.arrayContaining([session.id, meeting.id]))
    expect(seen.items.find((i) => i.id === session.id)).toMatchObject({ code: null, ownerName: fellow.name })
    expect(JSON.stringify(seen)).not.toContain(session.participant_code!)
    // The attending fellow sees the meeting and its topic.
    expect((await upcoming(fellow)).items.find((i) => i.id === meeting.id)).toMatchObject({ topic: 'Case review TOPIC-SECRET' })
    for (const outsider of [otherSupervisor, bystander]) {
      const theirs = await ids(outsider)
      expect(theirs).not.toContain(session.id)
      expect(theirs).not.toContain(meeting.id)
    }
    // Nor can an outsider open either item.
    for (const id of [session.id, meeting.id]) {
      expect((await run(itemRoute.loader, await request(`/calendar/${id}`, { user: otherSupervisor }), { id: String(id) })).status).toBe(404)
    }
  })

  test('a meeting invites only assigned people; sessions are for fellows; trainees and staff have no calendar', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const stranger = await createUser(['trainee', 'fellow'])
    const supervisor = await licensedSupervisorOf(fellow, staff)
    const meeting = (attendee: TestUser) => ({
      kind: 'meeting',
      date: daysAhead(2),
      time: '12:00',
      timeZone: 'UTC',
      minutes: '60',
      setting: 'virtual',
      topic: '',
      attendeeIds: [String(attendee.id)],
    })
    const refused = await plan(supervisor, meeting(stranger))
    expect(refused.status).toBe(400)
    expect(refused.data.errors.attendeeIds).toMatch(/assigned to you/)
    expect((await plan(fellow, meeting(stranger))).data.errors.attendeeIds).toMatch(/your supervisors/)
    // A fellow invites their supervisor.
    const byFellow = await planned(fellow, meeting(supervisor))
    expect(await ids(supervisor)).toContain(byFellow.id)
    // A supervisor cannot plan a session.
    const session = await plan(supervisor, sitterPlan())
    expect(session.status).toBe(400)
    expect(session.data.errors.kind).toMatch(/cannot plan/)
    for (const roles of [['trainee'], ['staff']] as const) {
      const person = await createUser([...roles])
      expect((await run(calendarRoute.loader, await request('/calendar', { user: person }))).status).toBe(403)
      expect((await plan(person, sitterPlan())).status).toBe(403)
    }
  })
})

describe('the iCalendar feed', () => {
  test('RFC 5545 text in UTC with CRLF; never a participant code, a topic or a note', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const supervisor = await licensedSupervisorOf(fellow, staff)
    const session = await planned(fellow, sitterPlan({ participantCode: 'P-4321', date: daysAhead(5), time: '08:00', minutes: '150' }))
    await planned(fellow, {
      kind: 'practicum',
      date: daysAhead(6),
      time: '11:00',
      timeZone: 'America/Los_Angeles',
      minutes: '50',
      setting: 'virtual',
      participantCode: 'C-8765',
    })
    await planned(supervisor, {
      kind: 'meeting',
      date: daysAhead(4),
      time: '16:00',
      timeZone: 'UTC',
      minutes: '60',
      setting: 'virtual',
      topic: 'NOTE-NEVER-IN-FEED',
      attendeeIds: [String(fellow.id)],
    })

    for (const person of [fellow, supervisor]) {
      const feed = await fetchFeed(await newFeed(person))
      expect(feed.status).toBe(200)
      expect(feed.type).toBe('text/calendar; charset=utf-8')
      expect(feed.text.startsWith('BEGIN:VCALENDAR\r\nVERSION:2.0\r\n')).toBe(true)
      expect(feed.text.endsWith('END:VCALENDAR\r\n')).toBe(true)
      expect(feed.text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
      for (const secret of ['P-4321', 'C-8765', 'NOTE-NEVER-IN-FEED', 'TOPIC']) expect(feed.text).not.toContain(secret)
      expect(feed.text).toContain('SUMMARY:Supervision meeting\r\n')
      const compact = daysAhead(5).replace(/-/g, '')
      expect(feed.text).toContain(`BEGIN:VEVENT\r\nUID:planned-${session.id}@`)
      expect(feed.text).toContain(`DTSTART:${compact}T080000Z\r\nDTEND:${compact}T103000Z\r\n`)
    }
    const fellowFeed = (await fetchFeed(await newFeed(fellow, 'reset-feed'))).text
    expect(fellowFeed).toContain('SUMMARY:Sitter session\r\n')
    expect(fellowFeed).toContain('SUMMARY:Practicum session\r\n')
    // The supervisor's feed says whose session it is (a colleague's name, never a client's).
    const supervisorFeed = (await fetchFeed(await newFeed(supervisor, 'reset-feed'))).text
    expect(supervisorFeed).toContain(`SUMMARY:Sitter session · ${fellow.name}\r\n`)
  })

  test('the link is a secret kept only as a hash; resetting it makes the old link a 404', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const first = await newFeed(fellow)
    const token = first.replace(/\.ics$/, '')
    const stored = await db.selectFrom('calendar_feeds').selectAll().where('user_id', '=', fellow.id).executeTakeFirstOrThrow()
    expect(stored.token_hash).toBe(hashToken(token))
    expect(JSON.stringify(stored)).not.toContain(token)
    expect((await fetchFeed(first)).status).toBe(200)

    const second = await newFeed(fellow, 'reset-feed')
    expect(second).not.toBe(first)
    expect((await fetchFeed(first)).status).toBe(404)
    expect((await fetchFeed(second)).status).toBe(200)
    // Not the page's business to show it again: the loader knows only when it was made.
    const page = await run(calendarRoute.loader, await request('/calendar', { user: fellow }))
    expect(JSON.stringify(page.data)).not.toContain(second.replace(/\.ics$/, ''))
    expect(page.data.feedSince).toBeTruthy()
    // Unknown, malformed, or a deactivated person's: 404.
    expect((await fetchFeed(`${'a'.repeat(32)}.ics`)).status).toBe(404)
    expect((await fetchFeed('not-a-token')).status).toBe(404)
    expect((await fetchFeed(second.replace('.ics', '.txt'))).status).toBe(404)
    await db.updateTable('users').set({ active: 0 }).where('id', '=', fellow.id).execute()
    expect((await fetchFeed(second)).status).toBe(404)
  })

  test(`the feed reaches ${FEED_PAST_DAYS} days back`, async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const recent = await endedSession(fellow, { kind: 'meeting' })
    const old = await endedSession(fellow, { kind: 'meeting' })
    await db
      .updateTable('planned_items')
      .set({ starts_at: new Date(Date.now() - 61 * 86_400_000).toISOString(), ends_at: new Date(Date.now() - 61 * 86_400_000 + 3_600_000).toISOString() })
      .where('id', '=', old)
      .execute()
    const text = (await fetchFeed(await newFeed(fellow))).text
    expect(text).toContain(`UID:planned-${recent}@`)
    expect(text).not.toContain(`UID:planned-${old}@`)
  })
})

describe('a planned session that has passed', () => {
  test('becomes exactly one draft record, even when the conversion runs several times at once', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const coSitter = await createUser(['trainee', 'fellow'])
    const id = await endedSession(fellow, { co_sitter_id: coSitter.id })
    const outcomes = await Promise.all([convertOne(id), convertOne(id), convertPassedSessions({ ownerId: fellow.id }), convertPassedSessions()])
    const records = await db.selectFrom('records').selectAll().where('fellow_id', '=', fellow.id).execute()
    expect(records).toHaveLength(1)
    expect(outcomes.filter((o) => o === true || o === 1)).toHaveLength(1)
    const item = await db.selectFrom('planned_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const start = new Date(item.starts_at)
    expect(item.record_id).toBe(records[0]!.id)
    expect(records[0]).toMatchObject({
      kind: 'sitter',
      status: 'draft',
      occurred_on: item.starts_at.slice(0, 10),
      minutes: 180,
      setting: 'in_person',
      participant_code: 'P-0777',
      co_sitter_id: coSitter.id,
      started_at: start.toISOString().slice(11, 16),
      ended_at: new Date(start.getTime() + 180 * 60_000).toISOString().slice(11, 16),
    })
    const events = await db.selectFrom('record_events').selectAll().where('record_id', '=', records[0]!.id).execute()
    expect(events).toMatchObject([{ action: 'create', to_status: 'draft', actor_id: fellow.id }])
    // Run again later: nothing more.
    expect(await convertPassedSessions()).toBe(0)
    expect(await db.selectFrom('records').select('id').where('fellow_id', '=', fellow.id).execute()).toHaveLength(1)

    // The fellow finds it among their drafts on /hours, and it has left the calendar.
    const hours = await run(hoursRoute.loader, await request('/hours?status=draft', { user: fellow }))
    expect(hours.data.records.map((r: { id: number }) => r.id)).toContain(records[0]!.id)
    expect(await ids(fellow)).not.toContain(id)
    // The plan's page points to the record; it can no longer be changed.
    const page = await run(itemRoute.loader, await request(`/calendar/${id}`, { user: fellow }), { id: String(id) })
    expect(page.data.blocker).toMatch(/draft record/)
    expect(
      (
        await run(itemRoute.action, await request(`/calendar/${id}`, { user: fellow, form: { intent: 'cancel', version: String(item.version) } }), {
          id: String(id),
        })
      ).status,
    ).toBe(409)
  })

  test('opening Hours converts them too: the draft is on the list the fellow is looking at', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const session = await endedSession(fellow, { kind: 'practicum', participant_code: 'C-0102' })
    const hours = await run(hoursRoute.loader, await request('/hours?status=draft', { user: fellow }))
    const { record_id } = await db.selectFrom('planned_items').select('record_id').where('id', '=', session).executeTakeFirstOrThrow()
    expect(record_id).not.toBeNull()
    expect((hours.data as { records: { id: number }[] }).records.map((r) => r.id)).toEqual([record_id])
  })

  test('opening the calendar converts the fellow’s own ended sessions; meetings, cancelled and unfinished sessions stay as they are', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const practicum = await endedSession(fellow, { kind: 'practicum', participant_code: 'C-0101' })
    const meeting = await endedSession(fellow, { kind: 'meeting', participant_code: null })
    const cancelled = await endedSession(fellow)
    await db.updateTable('planned_items').set({ cancelled_at: new Date().toISOString() }).where('id', '=', cancelled).execute()
    const running = await endedSession(fellow)
    await db
      .updateTable('planned_items')
      .set({ ends_at: new Date(Date.now() + 3_600_000).toISOString() })
      .where('id', '=', running)
      .execute()

    await run(calendarRoute.loader, await request('/calendar', { user: fellow }))
    const items = await db.selectFrom('planned_items').select(['id', 'record_id']).where('owner_id', '=', fellow.id).orderBy('id').execute()
    const recordOf = Object.fromEntries(items.map((i) => [i.id, i.record_id]))
    expect(recordOf[practicum]).not.toBeNull()
    expect([recordOf[meeting], recordOf[cancelled], recordOf[running]]).toEqual([null, null, null])
    const record = await db.selectFrom('records').selectAll().where('id', '=', recordOf[practicum]!).executeTakeFirstOrThrow()
    expect(record).toMatchObject({ kind: 'practicum', status: 'draft', client_code: 'C-0101', participant_code: null, co_sitter_id: null, started_at: null })
  })
})
