import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { issueCertificate, revokeCertificate } from '#app/certificates/certificates.server.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import { formatDate } from '#app/utils/format.ts'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { runDigest } from '#app/digest/digest.server.ts'
import { answerAsCoSitter, approveSelected, decideRecord, submitRecords } from '#app/hours/workflow.server.ts'
import { runNotificationSummaries } from '#app/notifications/summaries.server.ts'
import * as root from '#app/root.tsx'
import * as listRoute from '#app/routes/notifications._index.tsx'
import * as settingsRoute from '#app/routes/settings.notifications.tsx'
import { createUser, NO_CLIENT, request, run, type TestUser } from '#tests/helpers.ts'
import { licensedSupervisorOf, signOffBy } from '#tests/support/licenses.ts'

// What happened to each person is a notification written with the event itself; mail follows
// each person's choice: immediately (one mail per event, a bulk approval being one event), or
// one summary an hour or a day.

const MINUTE = 60_000
let staff: TestUser
let day = 0

beforeAll(async () => {
  staff = await createUser(['staff'])
})

afterEach(() => {
  vi.useRealTimers()
})

/** Moves the clock the app reads (Date only: timers and the database driver run as ever). */
function at(iso: string | Date) {
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(new Date(iso))
}

async function team() {
  const fellow = await createUser(['trainee', 'fellow'])
  const supervisor = await licensedSupervisorOf(fellow, staff)
  return { fellow, supervisor }
}

/** Drafts of the fellow's, each on a day of its own (no daily cap in the way). */
async function drafts(fellow: TestUser, n: number, fields: Record<string, string | number | null> = {}) {
  const ids: number[] = []
  for (let i = 0; i < n; i++) {
    ids.push(await insertRecord(db, { fellowId: fellow.id, kind: 'sitter', status: 'draft', occurredOn: daysAgo(2 + (++day % 300)), minutes: 60, fields }, day))
  }
  return ids
}

const notesOf = (userId: number) => db.selectFrom('notifications').selectAll().where('user_id', '=', userId).orderBy('id').execute()
const mailsTo = (email: string) => db.selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('id').execute()
const setCadence = (user: TestUser, cadence: 'immediate' | 'hourly' | 'daily' | null) =>
  db.updateTable('users').set({ notify_mail: cadence }).where('id', '=', user.id).execute()
const versionOf = async (id: number) => (await db.selectFrom('records').select('version').where('id', '=', id).executeTakeFirstOrThrow()).version

async function submitOne(fellow: TestUser, id: number) {
  const result = await submitRecords(fellow, [[id, await versionOf(id)]], NO_CLIENT)
  expect(result.ok, JSON.stringify(result)).toBe(true)
}

async function submitted(fellow: TestUser, n: number) {
  const ids = await drafts(fellow, n)
  const result = await submitRecords(fellow, await Promise.all(ids.map(async (id): Promise<[number, number]> => [id, await versionOf(id)])), NO_CLIENT)
  expect(result.ok, JSON.stringify(result)).toBe(true)
  return ids
}

describe('each event writes its notification in its own transaction', () => {
  test('a submission: each assigned supervisor gets one notification per submit, leading to the queue; a refused submit writes none', async () => {
    const { fellow, supervisor } = await team()
    await submitted(fellow, 3)
    const [note, ...more] = await notesOf(supervisor.id)
    expect(more).toEqual([])
    expect(note).toMatchObject({ kind: 'submitted', text: `${fellow.name} submitted 3 records for your review`, link: '/review', read_at: null })

    // A submit refused halfway (the second record is stale) rolls back its notification with it.
    const [a, b] = await drafts(fellow, 2)
    const refused = await submitRecords(
      fellow,
      [
        [a!, 1],
        [b!, 99],
      ],
      NO_CLIENT,
    )
    expect(refused.ok).toBe(false)
    expect(await notesOf(supervisor.id)).toHaveLength(1)
  })

  test('a return and an approval: the fellow is told, each with a link to the record', async () => {
    const { fellow, supervisor } = await team()
    const [first, second] = await submitted(fellow, 2)
    const returned = await decideRecord(supervisor, first!, { decision: 'return', version: await versionOf(first!), comment: 'Add the phase.' }, NO_CLIENT)
    expect(returned.ok).toBe(true)
    const approved = await decideRecord(
      supervisor,
      second!,
      { decision: 'approve', version: await versionOf(second!), comment: null },
      NO_CLIENT,
      signOffBy(supervisor),
    )
    expect(approved.ok).toBe(true)
    const notes = await notesOf(fellow.id)
    expect(notes.map((n) => [n.kind, n.link])).toEqual([
      ['returned', `/hours/${first}`],
      ['approved', `/hours/${second}`],
    ])
    expect(notes[0]!.text).toContain(`${supervisor.name} returned your sitter record`)
    expect(notes[0]!.text).toContain('Add the phase.')
    expect(notes[1]!.text).toMatch(new RegExp(`^${supervisor.name} approved your sitter record of [A-Z][a-z]{2} \\d{1,2}, \\d{4}$`))
  })

  test('a decision refused (stale) writes no notification', async () => {
    const { fellow, supervisor } = await team()
    const [id] = await submitted(fellow, 1)
    const stale = await decideRecord(supervisor, id!, { decision: 'return', version: 1, comment: 'x' }, NO_CLIENT)
    expect(stale.ok).toBe(false)
    expect(await notesOf(fellow.id)).toEqual([])
  })

  test('a co-sitter request reaches the co-sitter; a decline reaches the fellow', async () => {
    const { fellow } = await team()
    const coSitter = await createUser(['trainee', 'fellow'])
    const [id] = await drafts(fellow, 1, { co_sitter_id: coSitter.id, started_at: '19:00', ended_at: '20:00' })
    await submitOne(fellow, id!)
    const [request] = await notesOf(coSitter.id)
    expect(request).toMatchObject({ kind: 'co_sitter_request', link: '/hours/co-sitting' })
    expect(request!.text).toContain(`${fellow.name} named you as co-sitter`)
    const declined = await answerAsCoSitter(coSitter, id!, { answer: 'decline', version: await versionOf(id!), reason: 'We ended at 19:45.' }, NO_CLIENT)
    expect(declined.ok).toBe(true)
    const [decline] = await notesOf(fellow.id)
    expect(decline).toMatchObject({ kind: 'co_sitter_declined', link: `/hours/${id}` })
    expect(decline!.text).toContain('We ended at 19:45.')
  })

  test('a certificate issued and revoked: the holder is told, with a link to the certificate', async () => {
    const fellow = await createUser(['trainee', 'fellow'])
    const course = getCatalog().course('intro-kap')!
    const done = daysAgo(10)
    await db
      .insertInto('lesson_progress')
      .values(
        course.lessons.map((l) => ({
          user_id: fellow.id,
          course_slug: course.slug,
          lesson_slug: l.slug,
          best_score: 1,
          attempts: 1,
          completed_at: done,
          last_attempt_at: done,
        })),
      )
      .execute()
    const issued = await issueCertificate(staff, fellow.id, 'introductory-kap', NO_CLIENT)
    expect(issued.ok, JSON.stringify(issued)).toBe(true)
    const certificateId = (issued as { id: number }).id
    expect(await notesOf(fellow.id)).toMatchObject([{ kind: 'certificate_issued', link: `/certificates/${certificateId}` }])
    expect((await revokeCertificate(staff, certificateId, { reason: 'Issued in error.', showReason: false }, NO_CLIENT)).ok).toBe(true)
    const notes = await notesOf(fellow.id)
    expect(notes.map((n) => n.kind)).toEqual(['certificate_issued', 'certificate_revoked'])
    expect(notes[1]!.text).toContain('Issued in error.')
    // Fellows are mailed immediately by default: one mail each, as before.
    expect((await mailsTo(fellow.email)).map((m) => m.subject)).toEqual(['Your Introductory KAP certificate', 'Your Introductory KAP certificate was revoked'])
  })

  test('a license on a reminder day: the holder and staff are told once that day, however often the digest runs; its mail is the digest', async () => {
    const supervisor = await createUser(['supervisor'])
    const today = new Date().toISOString().slice(0, 10)
    const in30 = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10)
    await db
      .updateTable('users')
      .set({
        license_type: 'LMFT',
        license_number: '30303',
        license_state: 'CA',
        license_status: 'verified',
        license_expires_on: in30,
        license_checked_at: today,
      })
      .where('id', '=', supervisor.id)
      .execute()
    await runDigest()
    await runDigest()
    const [own, ...more] = await notesOf(supervisor.id)
    expect(more).toEqual([])
    expect(own).toMatchObject({
      kind: 'license_expiring',
      link: '/settings/license',
      text: `Your license (LMFT 30303) expires on ${formatDate(in30)}, in 30 days`,
    })
    expect(own!.mailed_at).not.toBeNull()
    const toStaff = (await notesOf(staff.id)).filter((n) => n.kind === 'license_expiring' && n.link === `/staff/people/${supervisor.id}`)
    expect(toStaff).toHaveLength(1)
    expect(toStaff[0]!.text).toContain(`${supervisor.name}’s license (LMFT 30303) expires`)
    // The digest mailed it; the summary job has nothing of it to send.
    const digest = (await mailsTo(supervisor.email)).filter((m) => m.subject === 'Your KAP Fellowship reminders')
    expect(digest).toHaveLength(1)
    await runNotificationSummaries({ now: new Date(Date.now() + 2 * 60 * MINUTE) })
    expect(await mailsTo(supervisor.email)).toHaveLength(1)
  })
})

describe('mail batching', () => {
  test('37 submissions in 8 minutes: the supervisor (hourly by default) gets one mail in that hour, with all 37', async () => {
    const { fellow, supervisor } = await team()
    const ids = await drafts(fellow, 37)
    const start = new Date(Math.floor(Date.now() / MINUTE) * MINUTE - 3 * 60 * MINUTE)
    const t = (minutes: number) => new Date(start.getTime() + minutes * MINUTE)
    for (const [i, id] of ids.entries()) {
      at(t((i * 8) / 36))
      await submitOne(fellow, id)
      // The scheduler looks every few minutes while they arrive: nothing is due yet.
      if (i % 6 === 0) await runNotificationSummaries({ now: t((i * 8) / 36) })
    }
    expect(await notesOf(supervisor.id)).toHaveLength(37)
    expect(await mailsTo(supervisor.email)).toEqual([])
    for (const minute of [10, 30, 59]) await runNotificationSummaries({ now: t(minute) })
    expect(await mailsTo(supervisor.email)).toEqual([])
    for (const minute of [60, 61, 65, 90, 119]) await runNotificationSummaries({ now: t(minute) })
    const mails = await mailsTo(supervisor.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toBe('37 records submitted for your review')
    expect(mails[0]!.body).toContain(`  - ${fellow.name}: 37 records`)
    expect(mails[0]!.body).toContain('/review')
    expect((await notesOf(supervisor.id)).every((n) => n.mailed_at === t(60).toISOString())).toBe(true)
  })

  test('after a summary, the next one waits an hour from the next new notification', async () => {
    const { fellow, supervisor } = await team()
    const [a, b] = await drafts(fellow, 2)
    const start = new Date(Date.now() - 5 * 60 * MINUTE)
    const t = (minutes: number) => new Date(start.getTime() + minutes * MINUTE)
    at(t(0))
    await submitOne(fellow, a!)
    await runNotificationSummaries({ now: t(60) })
    expect(await mailsTo(supervisor.email)).toHaveLength(1)
    at(t(61))
    await submitOne(fellow, b!)
    await runNotificationSummaries({ now: t(100) })
    expect(await mailsTo(supervisor.email)).toHaveLength(1)
    await runNotificationSummaries({ now: t(121) })
    expect(await mailsTo(supervisor.email)).toHaveLength(2)
  })

  test('a bulk approval of 30 records is one notification and one mail to the fellow, listing them', async () => {
    const { fellow, supervisor } = await team()
    const ids = await submitted(fellow, 30)
    const pairs = await Promise.all(ids.map(async (id): Promise<[number, number]> => [id, await versionOf(id)]))
    const result = await approveSelected(supervisor, pairs, NO_CLIENT, signOffBy(supervisor))
    expect(result.ok, JSON.stringify(result)).toBe(true)
    const notes = await notesOf(fellow.id)
    expect(notes).toHaveLength(1)
    expect(notes[0]).toMatchObject({ kind: 'approved', text: `${supervisor.name} approved 30 of your records`, link: '/hours' })
    expect(JSON.parse(notes[0]!.params).records).toHaveLength(30)
    const mails = await mailsTo(fellow.email)
    expect(mails).toHaveLength(1)
    expect(mails[0]!.subject).toBe(`${supervisor.name} approved 30 of your records`)
    for (const id of ids) expect(mails[0]!.body).toContain(`/hours/${id}\n`)
  })

  test('"approve selected" across two fellows: one notification and one mail for each', async () => {
    const { fellow, supervisor } = await team()
    const other = await createUser(['trainee', 'fellow'])
    await db.insertInto('supervisor_assignments').values({ fellow_id: other.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString() }).execute()
    const mine = await submitted(fellow, 2)
    const theirs = await submitted(other, 3)
    const pairs = await Promise.all([...mine, ...theirs].map(async (id): Promise<[number, number]> => [id, await versionOf(id)]))
    expect((await approveSelected(supervisor, pairs, NO_CLIENT, signOffBy(supervisor))).ok).toBe(true)
    expect((await mailsTo(fellow.email)).map((m) => m.subject)).toEqual([`${supervisor.name} approved 2 of your records`])
    expect((await mailsTo(other.email)).map((m) => m.subject)).toEqual([`${supervisor.name} approved 3 of your records`])
  })
})

describe('each person chooses immediate, hourly or daily', () => {
  test('defaults: supervisors hourly, everyone else immediately; the settings page shows it and saves a choice', async () => {
    const { fellow, supervisor } = await team()
    expect((await run(settingsRoute.loader, await request('/settings/notifications', { user: supervisor }))).data).toMatchObject({
      cadence: 'hourly',
      chosen: false,
      digestOn: true,
      lastSummaryAt: null,
    })
    expect((await run(settingsRoute.loader, await request('/settings/notifications', { user: fellow }))).data).toMatchObject({
      cadence: 'immediate',
      chosen: false,
    })
    const saved = await run(settingsRoute.action, await request('/settings/notifications', { user: fellow, form: { intent: 'mail', mail: 'daily' } }))
    expect(saved.status).toBe(302)
    expect(saved.location).toBe('/settings/notifications')
    expect((await run(settingsRoute.loader, await request('/settings/notifications', { user: fellow }))).data).toMatchObject({ cadence: 'daily', chosen: true })
    const audited = await db.selectFrom('audit_log').select(['action', 'detail']).where('actor_id', '=', fellow.id).execute()
    expect(audited).toEqual([{ action: 'notifications.mail', detail: JSON.stringify({ cadence: 'daily' }) }])
    // The daily reminders keep their own form and setting.
    expect(
      (await run(settingsRoute.action, await request('/settings/notifications', { user: fellow, form: { intent: 'digest', digest: 'off' } }))).status,
    ).toBe(302)
    expect((await run(settingsRoute.loader, await request('/settings/notifications', { user: fellow }))).data).toMatchObject({
      cadence: 'daily',
      digestOn: false,
    })
  })

  test('a choice that is not one of the three is refused beside the field, and nothing changes', async () => {
    const { fellow } = await team()
    for (const mail of ['weekly', '', 'IMMEDIATE']) {
      const outcome = await run(settingsRoute.action, await request('/settings/notifications', { user: fellow, form: { intent: 'mail', mail } }))
      expect(outcome.status).toBe(400)
      expect(outcome.data.errors).toEqual({ mail: 'Choose immediately, hourly or daily.' })
      expect(outcome.data.values).toEqual({ intent: 'mail', mail })
    }
    const forged = await run(
      settingsRoute.action,
      await request('/settings/notifications', { user: fellow, form: { intent: 'mail', mail: 'hourly', userId: '1' } }),
    )
    expect(forged.status).toBe(400)
    expect((await db.selectFrom('users').select('notify_mail').where('id', '=', fellow.id).executeTakeFirstOrThrow()).notify_mail).toBeNull()
  })

  test('immediate: a supervisor who chose it gets one mail per submit, and no summary after', async () => {
    const { fellow, supervisor } = await team()
    await setCadence(supervisor, 'immediate')
    await submitted(fellow, 3)
    await submitted(fellow, 1)
    expect((await mailsTo(supervisor.email)).map((m) => m.subject)).toEqual([
      `${fellow.name} submitted 3 records for review`,
      `${fellow.name} submitted 1 record for review`,
    ])
    expect((await notesOf(supervisor.id)).every((n) => n.mailed_at !== null)).toBe(true)
    await runNotificationSummaries({ now: new Date(Date.now() + 3 * 60 * MINUTE) })
    expect(await mailsTo(supervisor.email)).toHaveLength(2)
  })

  test('hourly: a fellow who chose it is not mailed per decision but in a summary an hour later', async () => {
    const { fellow, supervisor } = await team()
    await setCadence(fellow, 'hourly')
    const [a, b] = await submitted(fellow, 2)
    await decideRecord(supervisor, a!, { decision: 'return', version: await versionOf(a!), comment: 'Which phase?' }, NO_CLIENT)
    await decideRecord(supervisor, b!, { decision: 'approve', version: await versionOf(b!), comment: null }, NO_CLIENT, signOffBy(supervisor))
    expect(await mailsTo(fellow.email)).toEqual([])
    await runNotificationSummaries({ now: new Date(Date.now() + 30 * MINUTE) })
    expect(await mailsTo(fellow.email)).toEqual([])
    expect((await run(settingsRoute.loader, await request('/settings/notifications', { user: fellow }))).data).toMatchObject({ lastSummaryAt: null })
    const summaryAt = new Date(Date.now() + 61 * MINUTE)
    await runNotificationSummaries({ now: summaryAt })
    const [mail, ...more] = await mailsTo(fellow.email)
    expect(more).toEqual([])
    // The settings page says when the last summary went.
    expect((await run(settingsRoute.loader, await request('/settings/notifications', { user: fellow }))).data).toMatchObject({
      lastSummaryAt: summaryAt.toISOString(),
    })
    expect(mail!.subject).toBe('2 new notifications from KAP Fellowship')
    expect(mail!.body).toContain('Which phase?')
    expect(mail!.body).toContain(`${supervisor.name} approved your sitter record`)
    expect(mail!.body).toContain('at most once an hour')
  })

  test('daily: one summary a day, on the first run at or after 07:00 (UTC for someone whose zone is UTC)', async () => {
    const { fellow, supervisor } = await team()
    await setCadence(supervisor, 'daily')
    const today = new Date().toISOString().slice(0, 10)
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    const [a, b, c] = await drafts(fellow, 3)
    at(`${today}T05:00:00.000Z`)
    await submitOne(fellow, a!)
    await runNotificationSummaries({ now: new Date(`${today}T06:59:00.000Z`) })
    expect(await mailsTo(supervisor.email)).toEqual([])
    await runNotificationSummaries({ now: new Date(`${today}T07:05:00.000Z`) })
    expect(await mailsTo(supervisor.email)).toHaveLength(1)
    // Something new later that day waits for tomorrow's.
    at(`${today}T09:00:00.000Z`)
    await submitOne(fellow, b!)
    await runNotificationSummaries({ now: new Date(`${today}T11:00:00.000Z`) })
    await runNotificationSummaries({ now: new Date(`${today}T23:59:00.000Z`) })
    at(`${tomorrow}T03:00:00.000Z`)
    await submitOne(fellow, c!)
    await runNotificationSummaries({ now: new Date(`${tomorrow}T06:00:00.000Z`) })
    expect(await mailsTo(supervisor.email)).toHaveLength(1)
    await runNotificationSummaries({ now: new Date(`${tomorrow}T07:00:00.000Z`) })
    const mails = await mailsTo(supervisor.email)
    expect(mails).toHaveLength(2)
    expect(mails[1]!.body).toContain(`  - ${fellow.name}: 2 records`)
    expect(mails[1]!.body).toContain('once a day')
  })

  test('daily: 07:00 is 07:00 where the reader is (15:00 UTC in Los Angeles in November)', async () => {
    const { fellow, supervisor } = await team()
    await setCadence(supervisor, 'daily')
    await db.updateTable('users').set({ time_zone: 'America/Los_Angeles' }).where('id', '=', supervisor.id).execute()
    const [a] = await drafts(fellow, 1)
    at('2026-11-10T05:00:00.000Z')
    await submitOne(fellow, a!)
    await runNotificationSummaries({ now: new Date('2026-11-10T07:05:00.000Z') })
    await runNotificationSummaries({ now: new Date('2026-11-10T14:59:00.000Z') })
    expect(await mailsTo(supervisor.email)).toEqual([])
    await runNotificationSummaries({ now: new Date('2026-11-10T15:00:00.000Z') })
    expect(await mailsTo(supervisor.email)).toHaveLength(1)
  })

  test('switching from hourly to immediate: what waited goes out on the next run', async () => {
    const { fellow, supervisor } = await team()
    await submitted(fellow, 1)
    expect(await mailsTo(supervisor.email)).toEqual([])
    await setCadence(supervisor, 'immediate')
    await runNotificationSummaries()
    expect(await mailsTo(supervisor.email)).toHaveLength(1)
  })
})

describe('the list, read and unread', () => {
  async function notesFor(user: TestUser, n: number) {
    const created = new Date(Date.now() - n * MINUTE)
    const ids: number[] = []
    for (let i = 0; i < n; i++) {
      const { id } = await db
        .insertInto('notifications')
        .values({
          user_id: user.id,
          kind: 'returned',
          params: '{}',
          text: `Note ${i + 1} of ${user.name}`,
          link: '/hours',
          created_at: new Date(created.getTime() + i * MINUTE).toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids.push(id)
    }
    return ids
  }
  const unread = async (user: TestUser) => (await run(root.loader, await request('/', { user }))).data.unread

  test('newest first, 25 a page, with the unread count in the root loader (the header)', async () => {
    const person = await createUser(['trainee'])
    expect(await unread(person)).toBe(0)
    const empty = await run(listRoute.loader, await request('/notifications', { user: person }))
    expect(empty.data).toMatchObject({ notifications: [], unread: 0, next: null })
    await notesFor(person, 27)
    expect(await unread(person)).toBe(27)
    const first = await run(listRoute.loader, await request('/notifications', { user: person }))
    expect(first.data.notifications).toHaveLength(25)
    expect(first.data.notifications[0].text).toBe(`Note 27 of ${person.name}`)
    expect(first.data.next).toBe('/notifications?page=2')
    const second = await run(listRoute.loader, await request('/notifications?page=2', { user: person }))
    expect(second.data.notifications.map((n: { text: string }) => n.text)).toEqual([`Note 2 of ${person.name}`, `Note 1 of ${person.name}`])
  })

  test('mark read: only one’s own; someone else’s id is a 404 and stays unread; mark all read leaves others alone', async () => {
    const [me, other] = [await createUser(['trainee', 'fellow']), await createUser(['supervisor'])]
    const [mine1, mine2] = await notesFor(me, 2)
    const [theirs] = await notesFor(other, 1)

    const read = await run(listRoute.action, await request('/notifications?page=1', { user: me, form: { intent: 'read', id: String(mine1) } }))
    expect(read.status).toBe(302)
    expect(read.location).toBe('/notifications?page=1')
    expect(await unread(me)).toBe(1)

    const stolen = await run(listRoute.action, await request('/notifications', { user: me, form: { intent: 'read', id: String(theirs) } }))
    expect(stolen.status).toBe(404)
    const missing = await run(listRoute.action, await request('/notifications', { user: me, form: { intent: 'read', id: '999999999' } }))
    expect(missing.status).toBe(404)
    expect(await unread(other)).toBe(1)

    for (const form of [{ intent: 'read', id: 'abc' }, { intent: 'read' }, { intent: 'delete', id: String(mine2) }, {}] as Record<string, string>[]) {
      expect((await run(listRoute.action, await request('/notifications', { user: me, form }))).status).toBe(400)
    }

    const all = await run(listRoute.action, await request('/notifications', { user: me, form: { intent: 'read-all' } }))
    expect(all.status).toBe(302)
    expect(await unread(me)).toBe(0)
    expect(await unread(other)).toBe(1)
    const reads = await db.selectFrom('notifications').select(['id', 'read_at']).where('id', 'in', [mine1!, mine2!, theirs!]).orderBy('id').execute()
    expect(reads.map((r) => r.read_at !== null)).toEqual([true, true, false])
  })

  test('signed out: the list and its action send you to sign in', async () => {
    expect((await run(listRoute.loader, await request('/notifications'))).status).toBe(302)
    expect((await run(listRoute.action, await request('/notifications', { form: { intent: 'read-all' } }))).status).toBe(302)
  })
})
