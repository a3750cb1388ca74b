import { beforeAll, describe, expect, test } from 'vitest'
import type { RecordKind } from '#db/schema.ts'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import * as reviewRoute from '#app/routes/review._index.tsx'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { licensedSupervisorOf, signed } from '#tests/support/licenses.ts'

// The review queue at volume: filters, the oldest first, a page of up to 100, and the three
// bulk approvals (ticked, this page, all of one fellow), each signed with the attestation.

let staff: TestUser
let seq = 0
beforeAll(async () => {
  staff = await createUser(['staff'])
})

type Row = {
  id: number
  version: number
  fellow_id: number
  kind: RecordKind
  occurred_on: string
  code: string | null
  notes: string | null
  category: string | null
}

async function supervised(name = 'Fellow') {
  const fellow = await createUser(['trainee', 'fellow'], { name: `${name} ${++seq}` })
  const supervisor = await licensedSupervisorOf(fellow, staff)
  return { fellow, supervisor }
}

/** A submitted record of `fellow`, submitted `submittedMinutesAgo` minutes ago. */
async function submitted(
  fellow: TestUser,
  {
    kind = 'sitter',
    daysBack = 5,
    submittedMinutesAgo = 60,
    fields = {},
  }: { kind?: RecordKind; daysBack?: number; submittedMinutesAgo?: number; fields?: Record<string, string | number | null> } = {},
) {
  const id = await insertRecord(
    db,
    {
      fellowId: fellow.id,
      kind,
      status: 'submitted',
      occurredOn: daysAgo(daysBack),
      minutes: 60,
      fields,
    },
    ++seq,
  )
  // The seed dates a submission by the session; the queue orders by when it was submitted.
  await db
    .updateTable('records')
    .set({ submitted_at: new Date(Date.now() - submittedMinutesAgo * 60_000).toISOString() })
    .where('id', '=', id)
    .execute()
  return id
}

async function queue(supervisor: TestUser, search = '') {
  const outcome = await run(reviewRoute.loader, await request(`/review${search}`, { user: supervisor }))
  expect(outcome.status).toBe(200)
  return outcome.data as {
    queue: Row[]
    next: string | null
    prev: string | null
    backlog: { fellowId: number; count: number; token: string } | null
    fellows: { id: number; waiting: number }[]
  }
}

const post = async (supervisor: TestUser, form: Record<string, string | string[]>, search = '') =>
  run(reviewRoute.action, await request(`/review?index${search}`, { user: supervisor, form: { ...signed(supervisor), ...form } }))
const statusOf = async (id: number) => (await db.selectFrom('records').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status
const lastDenial = (actorId: number) =>
  db.selectFrom('audit_log').selectAll().where('actor_id', '=', actorId).where('action', '=', 'access.denied').orderBy('id', 'desc').executeTakeFirst()

describe('the queue', () => {
  test('oldest submission first; each row shows its code, duration, category and the first line of its notes', async () => {
    const { fellow, supervisor } = await supervised()
    const newer = await submitted(fellow, { submittedMinutesAgo: 10, fields: { notes: '\n  First line of the notes\nsecond line' } })
    const oldest = await submitted(fellow, { kind: 'practicum', submittedMinutesAgo: 300, fields: { client_code: 'C-0042', notes: 'x'.repeat(300) } })
    const middle = await submitted(fellow, {
      kind: 'supervision',
      submittedMinutesAgo: 100,
      fields: { supervision_format: 'group', group_size: 6, supervisor_name: 'Dr. Group' },
    })
    const { queue: rows } = await queue(supervisor)
    expect(rows.map((r) => r.id)).toEqual([oldest, middle, newer])
    expect(rows[0]).toMatchObject({ code: 'C-0042', category: 'Direct client contact', minutes: 60 })
    expect(rows[0]!.notes).toHaveLength(80)
    expect(rows[0]!.notes!.endsWith('…')).toBe(true)
    expect(rows[1]).toMatchObject({ code: null, category: 'Supervision, group of 6' })
    expect(rows[2]).toMatchObject({ notes: 'First line of the notes', code: expect.stringMatching(/^P-\d{4}$/) })
    // The supervisor's name a supervision record carries only serves the duplicate check.
    expect(Object.keys(rows[1]!)).not.toContain('supervisor_name')
  })

  test('filters by fellow, kind and session date; the pager links keep the filters', async () => {
    const { fellow, supervisor } = await supervised()
    const other = await createUser(['trainee', 'fellow'], { name: `Other ${++seq}` })
    await db
      .insertInto('supervisor_assignments')
      .values({ fellow_id: other.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: staff.id })
      .execute()
    const a = await submitted(fellow, { kind: 'sitter', daysBack: 10 })
    const b = await submitted(fellow, { kind: 'practicum', daysBack: 20 })
    const c = await submitted(other, { kind: 'sitter', daysBack: 30 })
    const ids = async (search: string) => (await queue(supervisor, search)).queue.map((r) => r.id).sort()

    expect(await ids('')).toEqual([a, b, c].sort())
    expect(await ids(`?fellow=${fellow.id}`)).toEqual([a, b].sort())
    expect(await ids('?kind=sitter')).toEqual([a, c].sort())
    expect(await ids(`?fellow=${fellow.id}&kind=sitter`)).toEqual([a])
    expect(await ids(`?from=${daysAgo(25)}`)).toEqual([a, b].sort())
    expect(await ids(`?to=${daysAgo(15)}`)).toEqual([b, c].sort())
    expect(await ids(`?from=${daysAgo(25)}&to=${daysAgo(15)}`)).toEqual([b])
    // Nonsense means "all", never an error.
    expect(await ids('?fellow=abc&kind=nope&from=2026-02-30&to=yesterday')).toEqual([a, b, c].sort())

    for (let i = 0; i < 3; i++) await submitted(fellow, { kind: 'sitter', daysBack: 40 + i })
    const paged = await queue(supervisor, `?fellow=${fellow.id}&kind=sitter&size=2`)
    expect(paged.queue).toHaveLength(2)
    expect(paged.next).toBe(`/review?fellow=${fellow.id}&kind=sitter&size=2&page=2`)
    const second = await queue(supervisor, `?fellow=${fellow.id}&kind=sitter&size=2&page=2`)
    expect(second.queue.every((r) => r.fellow_id === fellow.id && r.kind === 'sitter')).toBe(true)
    expect(second.prev).toBe(`/review?fellow=${fellow.id}&kind=sitter&size=2`)
  })

  test('25 rows a page unless asked; up to 100; never more than 100', async () => {
    const { fellow, supervisor } = await supervised()
    for (let i = 0; i < 101; i++) await submitted(fellow, { daysBack: 2 + (i % 300), submittedMinutesAgo: 500 - i })
    expect((await queue(supervisor)).queue).toHaveLength(25)
    expect((await queue(supervisor, '?size=50')).queue).toHaveLength(50)
    const hundred = await queue(supervisor, '?size=100')
    expect(hundred.queue).toHaveLength(100)
    expect(hundred.next).toBe('/review?size=100&page=2')
    expect((await queue(supervisor, '?size=500')).queue).toHaveLength(100)
    expect((await queue(supervisor, '?size=0')).queue).toHaveLength(25)
  })

  test('a sitter session waiting for its co-sitter is not in the queue, in its counts or in "approve all"', async () => {
    const { fellow, supervisor } = await supervised()
    const coSitter = await createUser(['trainee', 'fellow'])
    const ready = await submitted(fellow)
    const pending = await submitted(fellow, { fields: { co_sitter_id: coSitter.id, co_sitter_confirmed_at: null } })
    const view = await queue(supervisor, `?fellow=${fellow.id}`)
    expect(view.queue.map((r) => r.id)).toEqual([ready])
    expect(view.backlog).toMatchObject({ count: 1 })
    expect(view.fellows.find((f) => f.id === fellow.id)?.waiting).toBe(1)
    const outcome = await post(supervisor, {
      intent: 'approve-fellow',
      fellowId: String(fellow.id),
      fellowCount: '1',
      fellowToken: view.backlog!.token,
    })
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    expect(await statusOf(ready)).toBe('approved')
    expect(await statusOf(pending)).toBe('submitted')
  })
})

describe('approve every record on the page', () => {
  test('approves exactly the records the page showed', async () => {
    const { fellow, supervisor } = await supervised()
    const ids = []
    for (let i = 0; i < 4; i++) ids.push(await submitted(fellow, { daysBack: 3 + i, submittedMinutesAgo: 100 - i }))
    const page = await queue(supervisor, '?size=3')
    const shown = page.queue.map((r) => `${r.id}:${r.version}`).join(' ')
    const outcome = await post(supervisor, { intent: 'approve-page', shown, selected: [] }, '&size=3&page=1')
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    expect(outcome.location).toBe('/review?size=3')
    expect(await Promise.all(ids.map(statusOf))).toEqual(['approved', 'approved', 'approved', 'submitted'])
  })

  test('unsigned, nothing is approved; a forged list is refused', async () => {
    const { fellow, supervisor } = await supervised()
    const id = await submitted(fellow)
    const unsigned = await run(reviewRoute.action, await request('/review', { user: supervisor, form: { intent: 'approve-page', shown: `${id}:2` } }))
    expect(unsigned.status).toBe(400)
    expect(unsigned.data.errors.signature).toBe('Type your full name as on your license to sign.')
    expect((await post(supervisor, { intent: 'approve-page', shown: 'all of them' })).data.errors.shown).toBe('Reload the page and try again.')
    expect((await post(supervisor, { intent: 'approve-page' })).data.errors.form).toBe('Reload the page and try again.')
    const tooMany = Array.from({ length: 101 }, (_, i) => `${i + 1}:2`).join(' ')
    expect((await post(supervisor, { intent: 'approve-page', shown: tooMany })).status).toBe(400)
    expect(await statusOf(id)).toBe('submitted')
  })
})

describe('approve all submitted records of one fellow', () => {
  test('the count and token the page showed approve all of them, across pages, in one step', async () => {
    const { fellow, supervisor } = await supervised()
    const ids = []
    for (let i = 0; i < 30; i++) ids.push(await submitted(fellow, { daysBack: 2 + i, submittedMinutesAgo: 1000 - i }))
    const page = await queue(supervisor, `?fellow=${fellow.id}`)
    expect(page.queue).toHaveLength(25)
    expect(page.backlog).toMatchObject({ fellowId: fellow.id, count: 30, token: expect.stringMatching(/^[0-9a-f]{64}$/) })
    // Unfiltered, nothing is offered: the approval names one fellow.
    expect((await queue(supervisor)).backlog).toBeNull()

    const outcome = await post(
      supervisor,
      { intent: 'approve-fellow', fellowId: String(fellow.id), fellowCount: '30', fellowToken: page.backlog!.token },
      `&fellow=${fellow.id}`,
    )
    expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
    expect(outcome.location).toBe(`/review?fellow=${fellow.id}`)
    expect(new Set(await Promise.all(ids.map(statusOf)))).toEqual(new Set(['approved']))
    const signedRows = await db.selectFrom('records').select(['signed_name', 'attestation_version', 'decided_by']).where('id', 'in', ids).execute()
    expect(signedRows.every((r) => r.signed_name === supervisor.name && r.attestation_version === '2026-11' && r.decided_by === supervisor.id)).toBe(true)
    expect((await queue(supervisor, `?fellow=${fellow.id}`)).backlog).toBeNull()
  })

  test('a record submitted after the page loaded stops it: nothing is approved, and the page counts again', async () => {
    const { fellow, supervisor } = await supervised()
    const ids = [await submitted(fellow), await submitted(fellow, { daysBack: 6 })]
    const page = await queue(supervisor, `?fellow=${fellow.id}`)
    expect(page.backlog!.count).toBe(2)
    const late = await submitted(fellow, { daysBack: 7, submittedMinutesAgo: 0 })
    const form = { intent: 'approve-fellow', fellowId: String(fellow.id), fellowCount: '2', fellowToken: page.backlog!.token }
    const refused = await post(supervisor, form)
    expect(refused.status).toBe(409)
    expect(refused.data.errors.form).toBe(
      `Nothing was approved: ${fellow.name}’s waiting records changed since you opened this page (you saw 2, 3 wait now). Look at the list again and sign again.`,
    )
    for (const id of [...ids, late]) expect(await statusOf(id)).toBe('submitted')

    // Same count, other records: one approved on its own page, another came in. The token tells them apart.
    const again = await queue(supervisor, `?fellow=${fellow.id}`)
    expect(again.backlog!.count).toBe(3)
    await db.updateTable('records').set({ status: 'approved' }).where('id', '=', ids[0]!).execute()
    await submitted(fellow, { daysBack: 8, submittedMinutesAgo: 0 })
    const swapped = await post(supervisor, { ...form, fellowCount: '3', fellowToken: again.backlog!.token })
    expect(swapped.status).toBe(409)
    expect(swapped.data.errors.form).toMatch(/you saw 3, some of them changed/)
    expect(await statusOf(late)).toBe('submitted')

    // A co-sitter confirming a session after the page loaded changes it too.
    const coSitter = await createUser(['trainee', 'fellow'])
    const waiting = await submitted(fellow, { daysBack: 9, fields: { co_sitter_id: coSitter.id } })
    const third = await queue(supervisor, `?fellow=${fellow.id}`)
    await db.updateTable('records').set({ co_sitter_confirmed_at: new Date().toISOString(), version: 3 }).where('id', '=', waiting).execute()
    const confirmed = await post(supervisor, { ...form, fellowCount: String(third.backlog!.count), fellowToken: third.backlog!.token })
    expect(confirmed.status).toBe(409)
    expect(await statusOf(waiting)).toBe('submitted')
  })

  test('another supervisor’s fellow, or an id nobody has: the same logged 403, nothing approved', async () => {
    const { supervisor } = await supervised()
    const stranger = await supervised()
    const theirs = await submitted(stranger.fellow)
    const token = (await queue(stranger.supervisor, `?fellow=${stranger.fellow.id}`)).backlog!.token
    // Filtering the queue to someone else's fellow shows nothing and offers nothing.
    const peek = await queue(supervisor, `?fellow=${stranger.fellow.id}`)
    expect(peek.queue).toEqual([])
    expect(peek.backlog).toBeNull()

    const forged = await post(supervisor, { intent: 'approve-fellow', fellowId: String(stranger.fellow.id), fellowCount: '1', fellowToken: token })
    expect(forged.status).toBe(403)
    expect(await lastDenial(supervisor.id)).toMatchObject({ subject: `user:${stranger.fellow.id}` })
    const missing = await post(supervisor, { intent: 'approve-fellow', fellowId: '99999999', fellowCount: '1', fellowToken: token })
    expect(missing.status).toBe(403)
    expect(missing.data).toEqual(forged.data)
    expect(await statusOf(theirs)).toBe('submitted')

    // A fellow (not a supervisor) cannot use the queue at all.
    const fellowPost = await run(
      reviewRoute.action,
      await request('/review', {
        user: stranger.fellow,
        form: { intent: 'approve-fellow', fellowId: String(stranger.fellow.id), fellowCount: '1', fellowToken: token },
      }),
    )
    expect(fellowPost.status).toBe(403)
    expect(await statusOf(theirs)).toBe('submitted')
  })

  test('missing hidden fields or a wrong signature approve nothing', async () => {
    const { fellow, supervisor } = await supervised()
    const id = await submitted(fellow)
    const { backlog } = await queue(supervisor, `?fellow=${fellow.id}`)
    const form = { intent: 'approve-fellow', fellowId: String(fellow.id), fellowCount: '1', fellowToken: backlog!.token }
    expect((await post(supervisor, { intent: 'approve-fellow', fellowId: String(fellow.id) })).data.errors.form).toBe('Reload the page and try again.')
    expect((await post(supervisor, { ...form, fellowToken: 'abc' })).data.errors.fellowToken).toBe('Reload the page and try again.')
    const wrongName = await post(supervisor, { ...form, signature: 'Somebody Else' })
    expect(wrongName.status).toBe(400)
    expect(wrongName.data.errors.signature).toBe(`Type your full name as on your license (${supervisor.name}) to sign.`)
    expect(await statusOf(id)).toBe('submitted')
  })
})
