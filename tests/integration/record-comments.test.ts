import { randomBytes } from 'node:crypto'
import { beforeAll, describe, expect, test } from 'vitest'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import { approvedHoursReport } from '#app/reports/reports.server.ts'
import * as recordRoute from '#app/routes/hours.$id._index.tsx'
import * as reviewRecordRoute from '#app/routes/review.$id.tsx'
import * as hoursCsvRoute from '#app/routes/staff.reports.hours[.]csv.tsx'
import * as summaryCsvRoute from '#app/routes/summaries.$id.csv.tsx'
import { generateSummary } from '#app/summaries/summaries.server.ts'
import { createUser, NO_CLIENT, request, run, type TestUser } from '#tests/helpers.ts'
import { licensedSupervisorOf, signed } from '#tests/support/licenses.ts'

// Feedback on reflections: a thread on a record between the fellow and their assigned
// supervisors, before or after the decision; the other side is notified; nobody else writes in
// it, and it never leaves the record (no summary, no export).

let staff: TestUser
beforeAll(async () => {
  staff = await createUser(['staff'])
})

let seq = 0
async function setup() {
  const fellow = await createUser(['trainee', 'fellow'], { name: 'Rowan Reflects' })
  const supervisor = await licensedSupervisorOf(fellow, staff)
  const record = async (status: 'draft' | 'submitted' | 'approved') =>
    insertRecord(
      db,
      {
        fellowId: fellow.id,
        kind: 'practicum',
        status,
        occurredOn: daysAgo(10 + ++seq),
        minutes: 60,
        supervisor:
          status === 'approved' ? { id: supervisor.id, name: supervisor.name, license_type: 'LMFT', license_number: '98765', license_state: 'CA' } : undefined,
        fields: { notes: 'My reflection on the integration session.' },
      },
      seq,
    )
  return { fellow, supervisor, record }
}

const commentAs = async (user: TestUser, id: number, body: string, via: 'hours' | 'review' = 'hours') =>
  via === 'hours'
    ? run(recordRoute.action, await request(`/hours/${id}`, { user, form: { intent: 'comment', body } }), { id: String(id) })
    : run(reviewRecordRoute.action, await request(`/review/${id}`, { user, form: { intent: 'comment', body } }), { id: String(id) })
const threadOf = async (id: number) =>
  (await db.selectFrom('record_comments').select(['author_id', 'body']).where('record_id', '=', id).orderBy('id').execute()).map((c) => [c.author_id, c.body])
const notesOf = (user: TestUser) =>
  db.selectFrom('notifications').select(['kind', 'text', 'link']).where('user_id', '=', user.id).where('kind', '=', 'record_comment').orderBy('id').execute()

describe('the thread on a record', () => {
  test(
    'the supervisor comments before deciding, the fellow replies, the supervisor again after approving; both pages show it in order and each side is notified',
    { timeout: 120_000 },
    async () => {
      const { fellow, supervisor, record } = await setup()
      const id = await record('submitted')
      const first = await commentAs(supervisor, id, 'What did you notice in your own body during the silence?', 'review')
      expect(first.status, JSON.stringify(first.data)).toBe(302)
      expect(first.location).toBe(`/review/${id}`)
      const reply = await commentAs(fellow, id, 'Tension in the shoulders; I named it to myself and it eased.')
      expect(reply.status, JSON.stringify(reply.data)).toBe(302)
      expect(reply.location).toBe(`/hours/${id}`)

      const { version } = await db.selectFrom('records').select('version').where('id', '=', id).executeTakeFirstOrThrow()
      const approved = await run(
        reviewRecordRoute.action,
        await request(`/review/${id}`, { user: supervisor, form: { ...signed(supervisor), decision: 'approve', version: String(version) } }),
        { id: String(id) },
      )
      expect(approved.status, JSON.stringify(approved.data)).toBe(302)
      expect((await commentAs(supervisor, id, 'Good noticing. Bring it to group.', 'hours')).status).toBe(302)

      expect(await threadOf(id)).toEqual([
        [supervisor.id, 'What did you notice in your own body during the silence?'],
        [fellow.id, 'Tension in the shoulders; I named it to myself and it eased.'],
        [supervisor.id, 'Good noticing. Bring it to group.'],
      ])
      for (const [user, route, path] of [
        [fellow, recordRoute, 'hours'],
        [supervisor, reviewRecordRoute, 'review'],
        [staff, recordRoute, 'hours'],
      ] as const) {
        const page = await run(route.loader, await request(`/${path}/${id}`, { user }), { id: String(id) })
        expect((page.data.comments as { author_name: string }[]).map((c) => c.author_name)).toEqual([supervisor.name, fellow.name, supervisor.name])
        expect(page.data.canComment).toBe(user !== staff)
      }
      // Each side hears of the other's comments (never their text), with a link to their own page of the record.
      const toFellow = await notesOf(fellow)
      expect(toFellow.map((n) => n.link)).toEqual([`/hours/${id}`, `/hours/${id}`])
      expect(toFellow[0]!.text).toContain(supervisor.name)
      expect(toFellow[0]!.text).not.toContain('silence')
      expect((await notesOf(supervisor)).map((n) => n.link)).toEqual([`/review/${id}`])
      // The database keeps the thread as written: no edits, no deletions.
      await expect(db.updateTable('record_comments').set({ body: 'changed' }).where('record_id', '=', id).execute()).rejects.toThrow(/append-only/)
      await expect(db.deleteFrom('record_comments').where('record_id', '=', id).execute()).rejects.toThrow(/append-only/)
    },
  )

  test('only the fellow and their assigned supervisors write: another fellow 404, an unassigned supervisor 403, staff 403; an unknown record 404', async () => {
    const { fellow, record } = await setup()
    const id = await record('submitted')
    const other = await createUser(['trainee', 'fellow'])
    const unassigned = await licensedSupervisorOf(other, staff)
    expect((await commentAs(other, id, 'Hello')).status).toBe(404)
    expect((await commentAs(unassigned, id, 'Hello', 'hours')).status).toBe(403)
    expect((await commentAs(unassigned, id, 'Hello', 'review')).status).toBe(403)
    expect((await commentAs(staff, id, 'Hello')).status).toBe(403)
    expect((await commentAs(fellow, 99_999_999, 'Hello')).status).toBe(404)
    expect(await threadOf(id)).toEqual([])
    // A supervisor who decided a record and is no longer assigned still reads it, and may not write.
    const { supervisor: former, record: again } = await setup()
    const decided = await again('approved')
    await db.deleteFrom('supervisor_assignments').where('supervisor_id', '=', former.id).execute()
    const reads = await run(recordRoute.loader, await request(`/hours/${decided}`, { user: former }), { id: String(decided) })
    expect(reads.status).toBe(200)
    expect(reads.data.canComment).toBe(false)
    expect((await commentAs(former, decided, 'After the reassignment')).status).toBe(403)
    expect(await threadOf(decided)).toEqual([])
    // Each refusal of a supervisor is logged.
    const denied = await db.selectFrom('audit_log').select('subject').where('actor_id', '=', unassigned.id).where('action', '=', 'access.denied').execute()
    expect(denied.map((d) => d.subject)).toEqual([`record:${id}`, `record:${id}`])
  })

  test('a comment is required and checked beside its field (400); a draft has no thread yet', async () => {
    const { fellow, supervisor, record } = await setup()
    const id = await record('submitted')
    const blank = await commentAs(fellow, id, '   ')
    expect(blank.status).toBe(400)
    expect(blank.data.errors.body).toBe('Write your comment.')
    const long = await commentAs(supervisor, id, 'x'.repeat(2001), 'review')
    expect(long.status).toBe(400)
    expect(long.data.errors.body).toContain('2000')
    expect(long.data.values.body).toHaveLength(2001)
    const contact = await commentAs(fellow, id, 'Mail me: rowan@example.org')
    expect(contact.status).toBe(400)
    const draft = await record('draft')
    const onDraft = await commentAs(fellow, draft, 'A note to self')
    expect(onDraft.status).toBe(400)
    expect(onDraft.data.errors.body).toContain('submitted')
    expect(await threadOf(id)).toEqual([])
  })

  test('comments never appear in summaries or exports, with or without notes', async () => {
    const { fellow, supervisor, record } = await setup()
    const id = await record('approved')
    // Letters only: ten random hex digits can read as a phone number, which the notes check refuses.
    const marker = `COMMENT-${randomBytes(6)
      .toString('hex')
      .replace(/\d/g, (d) => String.fromCharCode(103 + Number(d)))}`
    expect((await commentAs(supervisor, id, `Feedback ${marker}`)).status).toBe(302)
    expect((await commentAs(fellow, id, `Reply ${marker}`)).status).toBe(302)

    const summary = await generateSummary(staff, fellow.id, NO_CLIENT)
    const stored = await db.selectFrom('practicum_summaries').select('content').where('id', '=', summary.id).executeTakeFirstOrThrow()
    expect(stored.content).toContain('practicum')
    expect(stored.content).not.toContain(marker)
    const summaryCsv = await run(summaryCsvRoute.loader, await request(`/summaries/${summary.id}.csv`, { user: fellow }), { id: String(summary.id) })
    expect(summaryCsv.status).toBe(200)
    expect(String(summaryCsv.data)).not.toContain(marker)

    const range = { from: daysAgo(400), to: daysAgo(0) }
    for (const includeNotes of [false, true]) {
      const table = await approvedHoursReport({ ...range, includeNotes })
      expect(JSON.stringify(table)).not.toContain(marker)
      const csv = await run(
        hoursCsvRoute.loader,
        await request(`/staff/reports/hours.csv?from=${range.from}&to=${range.to}${includeNotes ? '&includeNotes=yes' : ''}`, { user: staff }),
      )
      expect(csv.status).toBe(200)
      const text = String(csv.data)
      // The notes themselves are in the detailed export (so the check could see text), the comments are not.
      if (includeNotes) expect(text).toContain('My reflection on the integration session.')
      expect(text).not.toContain(marker)
    }
  })
})
