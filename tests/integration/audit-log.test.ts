import { sql } from 'kysely'
import { describe, expect, test } from 'vitest'
import { auditActions, auditActors, auditLogQuery, summarizeDetail, type AuditLogFilters } from '#app/audit/log.server.ts'
import { db, engine } from '#app/db.server.ts'
import * as auditRoute from '#app/routes/staff.audit.tsx'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'

let counter = 0
/** An action name no other test uses, so each test sees only its own entries. */
function uniqueAction(name: string) {
  return `test.${name}-${process.pid}-${++counter}`
}

async function addEntry(entry: { actorId: number | null; action: string; at: string; subject?: string; detail?: unknown; ip?: string }) {
  const { id } = await db
    .insertInto('audit_log')
    .values({
      at: entry.at,
      actor_id: entry.actorId,
      action: entry.action,
      subject: entry.subject ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
      ip: entry.ip ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

async function page(staff: TestUser, query: string) {
  const outcome = await run(auditRoute.loader, await request(`/staff/audit${query}`, { user: staff }))
  expect(outcome.status).toBe(200)
  return outcome.data as {
    entries: {
      id: number
      at: string
      actor_id: number | null
      actor_name: string | null
      action: string
      subject: string | null
      ip: string | null
      detail: { text: string; full: string | null } | null
    }[]
    older: string | null
    newest: string | null
    errors?: Record<string, string>
    actors: { id: number; name: string }[]
    actions: string[]
  }
}

describe('audit log page', () => {
  test('filters by person, by action and by day (both days included)', async () => {
    const staff = await createUser(['staff'])
    const alice = await createUser(['supervisor'], { name: 'Alice Auditable' })
    const bruno = await createUser(['fellow'], { name: 'Bruno Brown' })
    const approve = uniqueAction('approve')
    const submit = uniqueAction('submit')
    const a1 = await addEntry({
      actorId: alice.id,
      action: approve,
      at: '2012-05-01T00:00:00.000Z',
      subject: 'record:1',
      detail: { comment: 'ok' },
      ip: '192.0.2.1',
    })
    const a2 = await addEntry({ actorId: alice.id, action: approve, at: '2012-05-02T23:59:59.999Z', subject: 'record:2' })
    const b1 = await addEntry({ actorId: bruno.id, action: submit, at: '2012-05-02T12:00:00.000Z', subject: 'record:3' })
    const a3 = await addEntry({ actorId: alice.id, action: submit, at: '2012-05-03T00:00:00.000Z', subject: 'record:4' })
    const anon = await addEntry({ actorId: null, action: approve, at: '2012-04-30T23:59:59.999Z' })

    const byAlice = await page(staff, `?actor=${alice.id}`)
    expect(byAlice.entries.map((e) => e.id)).toEqual([a3, a2, a1])
    expect(byAlice.entries[0]).toMatchObject({ actor_name: 'Alice Auditable', action: submit, subject: 'record:4' })
    expect(byAlice.entries[2]).toMatchObject({ ip: '192.0.2.1', detail: { text: 'comment: ok', full: null } })

    const approvals = await page(staff, `?action=${encodeURIComponent(approve)}`)
    expect(approvals.entries.map((e) => e.id)).toEqual([anon, a2, a1]) // by id: the log order, not the time written in `at`

    const bothFilters = await page(staff, `?actor=${alice.id}&action=${encodeURIComponent(submit)}`)
    expect(bothFilters.entries.map((e) => e.id)).toEqual([a3])

    const notSignedIn = await page(staff, `?actor=none&action=${encodeURIComponent(approve)}`)
    expect(notSignedIn.entries.map((e) => e.id)).toEqual([anon])

    const days = await page(staff, `?from=2012-05-01&to=2012-05-02&actor=&q=&action=`)
    expect(days.entries.map((e) => e.id).filter((id) => [a1, a2, b1, a3, anon].includes(id))).toEqual([b1, a2, a1])
    expect(days.entries.every((e) => e.at >= '2012-05-01' && e.at < '2012-05-03')).toBe(true)

    const oneDay = await page(staff, `?from=2012-05-03&to=2012-05-03&action=${encodeURIComponent(submit)}`)
    expect(oneDay.entries.map((e) => e.id)).toEqual([a3])

    // The select offers the people and actions present in the log.
    expect(byAlice.actors.map((a) => a.id)).toEqual(expect.arrayContaining([alice.id, bruno.id]))
    expect(byAlice.actions).toEqual(expect.arrayContaining([approve, submit]))
  })

  test('free text finds people by part of their name or email', async () => {
    const staff = await createUser(['staff'])
    const tag = `Quixote${process.pid}`
    const don = await createUser(['fellow'], { name: `Don ${tag}` })
    const sancho = await createUser(['fellow'], { email: `sancho.${tag.toLowerCase()}@example.test` })
    const other = await createUser(['fellow'])
    const action = uniqueAction('search')
    const d = await addEntry({ actorId: don.id, action, at: '2013-01-01T10:00:00.000Z' })
    const s = await addEntry({ actorId: sancho.id, action, at: '2013-01-01T11:00:00.000Z' })
    await addEntry({ actorId: other.id, action, at: '2013-01-01T12:00:00.000Z' })

    expect((await page(staff, `?q=${tag.toUpperCase()}&action=${encodeURIComponent(action)}`)).entries.map((e) => e.id)).toEqual([s, d])
    expect((await page(staff, `?q=${encodeURIComponent(`don ${tag}`)}`)).entries.map((e) => e.id)).toEqual([d])
    expect((await page(staff, `?q=${tag}&actor=${sancho.id}`)).entries.map((e) => e.id)).toEqual([s])
    // `%` and `_` are matched literally, not as wildcards.
    expect((await page(staff, `?q=${encodeURIComponent('%')}&action=${encodeURIComponent(action)}`)).entries).toEqual([])
    expect((await page(staff, `?q=nobody-has-this-name-${process.pid}`)).entries).toEqual([])
  })

  test('paginates by id, newest first, with ?before= — no overlap, nothing skipped', async () => {
    const staff = await createUser(['staff'])
    const actor = await createUser(['fellow'])
    const action = uniqueAction('many')
    const ids: number[] = []
    for (let i = 0; i < PAGE_SIZE + 5; i++) {
      ids.push(await addEntry({ actorId: actor.id, action, at: new Date(Date.UTC(2014, 0, 1, 0, i)).toISOString(), detail: { n: i } }))
    }
    const newestFirst = [...ids].reverse()

    const first = await page(staff, `?action=${encodeURIComponent(action)}`)
    expect(first.entries.map((e) => e.id)).toEqual(newestFirst.slice(0, PAGE_SIZE))
    expect(first.newest).toBeNull()
    expect(first.older).toBe(`/staff/audit?action=${encodeURIComponent(action)}&before=${newestFirst[PAGE_SIZE - 1]}`)

    const second = await page(staff, first.older!.slice('/staff/audit'.length))
    expect(second.entries.map((e) => e.id)).toEqual(newestFirst.slice(PAGE_SIZE))
    expect(second.older).toBeNull()
    expect(second.newest).toBe(`/staff/audit?action=${encodeURIComponent(action)}`)

    // The cursor keeps working with a person filter (audit_log_actor) too.
    const byActor = await page(staff, `?actor=${actor.id}&before=${ids[3]}`)
    expect(byActor.entries.map((e) => e.id)).toEqual([ids[2], ids[1], ids[0]])
    // A nonsense cursor is ignored rather than failing.
    expect((await page(staff, `?action=${encodeURIComponent(action)}&before=abc`)).entries).toHaveLength(PAGE_SIZE)
  })

  test('invalid filters come back as errors beside the fields, with no entries', async () => {
    const staff = await createUser(['staff'])
    const backwards = await page(staff, '?from=2012-05-02&to=2012-05-01')
    expect(backwards.errors).toEqual({ to: 'The last day must be on or after the first day.' })
    expect(backwards.entries).toEqual([])
    const malformed = await page(staff, '?from=2012-02-30&actor=alice')
    expect(malformed.errors).toEqual({ from: 'That date does not exist.', actor: 'Choose a person from the list.' })
    const empty = await page(staff, '?actor=&q=&action=&from=&to=')
    expect(empty.errors).toBeUndefined()
  })

  test('only staff may read it; a refusal is itself logged', async () => {
    const supervisor = await createUser(['supervisor'])
    const outcome = await run(auditRoute.loader, await request('/staff/audit', { user: supervisor }))
    expect(outcome.status).toBe(403)
    const logged = await db.selectFrom('audit_log').selectAll().where('actor_id', '=', supervisor.id).executeTakeFirstOrThrow()
    expect(logged).toMatchObject({ action: 'access.denied', subject: 'route:/staff/audit' })
  })
})

describe('audit log storage', () => {
  test('rows cannot be updated or deleted, through Kysely or raw SQL', async () => {
    const actor = await createUser(['fellow'])
    const id = await addEntry({ actorId: actor.id, action: uniqueAction('immutable'), at: new Date().toISOString(), detail: { keep: true } })
    await expect(db.updateTable('audit_log').set({ action: 'tampered' }).where('id', '=', id).execute()).rejects.toThrow(/append-only/)
    await expect(db.deleteFrom('audit_log').where('id', '=', id).execute()).rejects.toThrow(/append-only/)
    await expect(sql`update audit_log set detail = null`.execute(db)).rejects.toThrow(/append-only/)
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/)
    if (engine.name === 'postgres') await expect(sql`truncate audit_log`.execute(db)).rejects.toThrow(/append-only/)
    const row = await db.selectFrom('audit_log').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    expect(row.detail).toBe('{"keep":true}')
  })

  // The plans are SQLite's (the default engine); PostgreSQL's planner picks by table statistics.
  test.skipIf(engine.name !== 'sqlite')('each filter is served by its index, with a LIMIT and no OFFSET', async () => {
    if (engine.name !== 'sqlite') return
    const { sqlite } = engine
    // The plan SQLite would use for the very query the page runs.
    async function planOf(filters: AuditLogFilters, before: number | null) {
      const compiled = auditLogQuery(filters, before).compile()
      expect(compiled.sql).toMatch(/ limit \?$/)
      expect(compiled.sql).not.toMatch(/offset/i)
      const explained = sqlite.prepare(`explain query plan ${compiled.sql}`).all(...(compiled.parameters as unknown[])) as { detail: string }[]
      return explained.map((r) => r.detail).join(' | ')
    }

    expect(await planOf({ actor: 1 }, 100)).toMatch(/USING INDEX audit_log_actor \(actor_id=\? AND id<\?\)/)
    expect(await planOf({ actor: 'none' }, null)).toMatch(/USING INDEX audit_log_actor/)
    expect(await planOf({ action: 'x' }, 100)).toMatch(/USING INDEX audit_log_action \(action=\? AND id<\?\)/)
    expect(await planOf({ from: '2020-01-01', to: '2020-01-31' }, null)).toMatch(/USING INDEX audit_log_at \(at>\? AND at<\?\)/)
    expect(await planOf({}, 100)).toMatch(/USING INTEGER PRIMARY KEY \(rowid<\?\)/)
  })

  test('the lists of actions and people come from the indexes', async () => {
    const actor = await createUser(['fellow'], { name: `Listed Person ${process.pid}` })
    const action = uniqueAction('listed')
    await addEntry({ actorId: actor.id, action, at: new Date().toISOString() })
    const actions = await auditActions()
    expect(actions).toContain(action)
    expect([...actions].sort()).toEqual(actions) // in order, each once
    expect(new Set(actions).size).toBe(actions.length)
    expect((await auditActors()).map((a) => a.id)).toContain(actor.id)
  })
})

describe('summarizeDetail', () => {
  test('one compact line; the whole JSON only when the line was shortened', () => {
    expect(summarizeDetail(null)).toBeNull()
    expect(summarizeDetail('{"from":"2011-03-01","includeNotes":true,"rows":3}')).toEqual({
      text: 'from: 2011-03-01 · includeNotes: true · rows: 3',
      full: null,
    })
    expect(summarizeDetail('{"before":{"minutes":60},"after":{"minutes":90}}')?.text).toBe('before: {"minutes":60} · after: {"minutes":90}')
    const long = summarizeDetail(JSON.stringify({ reason: 'x'.repeat(200) }))!
    expect(long.text.length).toBeLessThanOrEqual(100)
    expect(long.text.endsWith('…')).toBe(true)
    expect(long.full).toContain('x'.repeat(200))
    expect(summarizeDetail('not json')).toEqual({ text: 'not json', full: null })
  })
})
