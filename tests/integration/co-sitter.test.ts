import { beforeAll, describe, expect, test } from 'vitest'
import { daysAgo } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import * as coSittingRoute from '#app/routes/hours.co-sitting.tsx'
import * as recordRoute from '#app/routes/hours.$id._index.tsx'
import * as editRoute from '#app/routes/hours.$id.edit.tsx'
import * as hoursRoute from '#app/routes/hours._index.tsx'
import * as newRoute from '#app/routes/hours.new.tsx'
import * as reviewRecordRoute from '#app/routes/review.$id.tsx'
import * as reviewRoute from '#app/routes/review._index.tsx'
import { createUser, request, run, type TestUser } from '#tests/helpers.ts'
import { licensedSupervisorOf, signed } from '#tests/support/licenses.ts'

// A sitter session that names a co-sitter reaches the supervisor only once the co-sitter,
// from their own account, confirms it; they may decline it instead, with the reason.

type Form = Record<string, string | string[]>

let staff: TestUser
beforeAll(async () => {
  staff = await createUser(['staff'])
})

/** A fellow, the fellow who sat with them, another fellow, and the first fellow's licensed supervisor. */
async function sitters() {
  const fellow = await createUser(['trainee', 'fellow'], { name: 'Avery Sitwell' })
  const coSitter = await createUser(['trainee', 'fellow'], { name: 'Bianca Cosit' })
  const bystander = await createUser(['trainee', 'fellow'])
  const supervisor = await licensedSupervisorOf(fellow, staff)
  // Mailed per event, so the mail a confirmation causes is read here (supervisors start on hourly summaries).
  await db.updateTable('users').set({ notify_mail: 'immediate' }).where('id', '=', supervisor.id).execute()
  return { fellow, coSitter, bystander, supervisor }
}

const sitterForm = (coSitter: TestUser | null, over: Form = {}): Form => ({
  kind: 'sitter',
  occurredOn: daysAgo(3),
  startTime: '19:00',
  endTime: '22:30',
  setting: 'in_person',
  participantCode: 'P-0031',
  sitterRole: 'lead',
  coSitterId: coSitter ? String(coSitter.id) : '',
  notes: '',
  intent: 'submit',
  ...over,
})

async function log(fellow: TestUser, form: Form) {
  const outcome = await run(newRoute.action, await request('/hours/new?kind=sitter', { user: fellow, form }))
  expect(outcome.status, JSON.stringify(outcome.data)).toBe(302)
  return Number(/^\/hours\/(\d+)$/.exec(outcome.location ?? '')?.[1])
}
const recordOf = (id: number) => db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
const mailsTo = (email: string) => db.selectFrom('outbox').selectAll().where('to_address', '=', email).orderBy('id').execute()
const queueIds = async (supervisor: TestUser) =>
  ((await run(reviewRoute.loader, await request('/review', { user: supervisor }))).data as { queue: { id: number }[] }).queue.map((r) => r.id)
const answer = async (user: TestUser, form: Form) => run(coSittingRoute.action, await request('/hours/co-sitting', { user, form }))
const approve = async (supervisor: TestUser, id: number, version: number) =>
  run(
    reviewRecordRoute.action,
    await request(`/review/${id}`, { user: supervisor, form: { ...signed(supervisor), decision: 'approve', version: String(version) } }),
    {
      id: String(id),
    },
  )

describe('a sitter session that names a co-sitter', () => {
  test('the times give the duration, and a session past midnight is counted into the next day', async () => {
    const { fellow } = await sitters()
    const id = await log(fellow, sitterForm(null, { startTime: '22:30', endTime: '01:00', intent: 'save' }))
    expect(await recordOf(id)).toMatchObject({ started_at: '22:30', ended_at: '01:00', minutes: 150, co_sitter_id: null })
  })

  test('waits for the co-sitter: not in the queue, not approvable; the co-sitter is mailed and sees it to confirm', async () => {
    const { fellow, coSitter, supervisor } = await sitters()
    const id = await log(fellow, sitterForm(coSitter))
    const record = await recordOf(id)
    expect(record).toMatchObject({ status: 'submitted', co_sitter_id: coSitter.id, co_sitter_confirmed_at: null, minutes: 210 })
    // The supervisor is not told yet, and does not see it.
    expect(await mailsTo(supervisor.email)).toHaveLength(0)
    expect(await queueIds(supervisor)).not.toContain(id)
    const review = await run(reviewRecordRoute.loader, await request(`/review/${id}`, { user: supervisor }), { id: String(id) })
    expect(review.data).toMatchObject({ canDecide: false, awaitingCoSitter: true, coSitterName: 'Bianca Cosit' })
    const refused = await approve(supervisor, id, record.version)
    expect(refused.status).toBe(409)
    expect((await recordOf(id)).status).toBe('submitted')

    const [mail] = await mailsTo(coSitter.email)
    expect(mail?.subject).toBe('Avery Sitwell named you as co-sitter: please confirm')
    expect(mail?.body).toContain('/hours/co-sitting')
    const page = await run(coSittingRoute.loader, await request('/hours/co-sitting', { user: coSitter }))
    expect(page.data).toMatchObject({ awaiting: [{ id, fellow_name: 'Avery Sitwell', started_at: '19:00', ended_at: '22:30', participant_code: 'P-0031' }] })
    const hours = await run(hoursRoute.loader, await request('/hours', { user: coSitter }))
    expect(hours.data).toMatchObject({ toConfirm: 1 })
  })

  test('confirmed by the co-sitter: it reaches the supervisor (mailed), who can then sign and approve it', async () => {
    const { fellow, coSitter, supervisor } = await sitters()
    const id = await log(fellow, sitterForm(coSitter))
    const confirmed = await answer(coSitter, { intent: 'confirm', id: String(id), version: String((await recordOf(id)).version), reason: '' })
    expect(confirmed.status, JSON.stringify(confirmed.data)).toBe(302)
    const record = await recordOf(id)
    expect(record.co_sitter_confirmed_at).not.toBeNull()
    expect((await mailsTo(supervisor.email)).map((m) => m.subject)).toEqual(['Avery Sitwell submitted 1 record for review'])
    expect(await queueIds(supervisor)).toContain(id)
    const events = await db.selectFrom('record_events').select(['action', 'actor_id']).where('record_id', '=', id).orderBy('id').execute()
    expect(events.map((e) => [e.action, e.actor_id])).toEqual([
      ['create', fellow.id],
      ['submit', fellow.id],
      ['confirm', coSitter.id],
    ])
    const page = await run(recordRoute.loader, await request(`/hours/${id}`, { user: fellow }), { id: String(id) })
    expect(page.data).toMatchObject({ coSitterName: 'Bianca Cosit' })
    expect((await approve(supervisor, id, record.version)).status).toBe(302)
    expect((await recordOf(id)).status).toBe('approved')
    // A second answer finds nothing left to confirm.
    const again = await answer(coSitter, { intent: 'confirm', id: String(id), version: String((await recordOf(id)).version) })
    expect(again.status).toBe(409)

    // Staff amend the duration: the start stays, the end follows (19:00 + 3 h = 22:00), and the history says so.
    const amended = await run(
      recordRoute.action,
      await request(`/hours/${id}`, {
        user: staff,
        form: {
          version: String((await recordOf(id)).version),
          occurredOn: record.occurred_on,
          minutes: '180',
          setting: 'in_person',
          reason: 'They ended at 22:00.',
        },
      }),
      { id: String(id) },
    )
    expect(amended.status, JSON.stringify(amended.data)).toBe(302)
    expect(await recordOf(id)).toMatchObject({ minutes: 180, started_at: '19:00', ended_at: '22:00' })
    const amend = await db.selectFrom('record_events').select('detail').where('record_id', '=', id).where('action', '=', 'amend').executeTakeFirstOrThrow()
    expect(JSON.parse(amend.detail!)).toMatchObject({ before: { minutes: 210, endTime: '22:30' }, after: { minutes: 180, endTime: '22:00' } })
  })

  test('declined by the co-sitter: returned to the fellow with the reason (mailed); resubmitted, it asks the co-sitter again', async () => {
    const { fellow, coSitter, supervisor } = await sitters()
    const id = await log(fellow, sitterForm(coSitter))
    const version = (await recordOf(id)).version
    const withoutReason = await answer(coSitter, { intent: 'decline', id: String(id), version: String(version), reason: '  ' })
    expect(withoutReason.status).toBe(400)
    expect(withoutReason.data).toMatchObject({ errors: { reason: 'Say what is not right, so the fellow can correct it.' } })
    expect((await recordOf(id)).status).toBe('submitted')

    const declined = await answer(coSitter, { intent: 'decline', id: String(id), version: String(version), reason: 'We ended at 22:00, not 22:30.' })
    expect(declined.status).toBe(302)
    const record = await recordOf(id)
    expect(record).toMatchObject({ status: 'returned', return_comment: 'Declined by the co-sitter, Bianca Cosit: We ended at 22:00, not 22:30.' })
    const [mail] = await mailsTo(fellow.email)
    expect(mail?.subject).toContain('Bianca Cosit declined your sitter record')
    expect(mail?.body).toContain('We ended at 22:00, not 22:30.')
    expect(await mailsTo(supervisor.email)).toHaveLength(0)

    const edited = await run(
      editRoute.action,
      await request(`/hours/${id}/edit`, { user: fellow, form: sitterForm(coSitter, { endTime: '22:00', version: String(record.version) }) }),
      { id: String(id) },
    )
    expect(edited.status, JSON.stringify(edited.data)).toBe(302)
    expect(await recordOf(id)).toMatchObject({ status: 'submitted', minutes: 180, co_sitter_confirmed_at: null })
    expect(await mailsTo(coSitter.email)).toHaveLength(2)
    expect(await queueIds(supervisor)).not.toContain(id)
  })

  test('only the co-sitter it names may answer: another fellow gets 403 (logged), the owner 403, an unknown record 404; nothing changes', async () => {
    const { fellow, coSitter, bystander } = await sitters()
    const id = await log(fellow, sitterForm(coSitter))
    const version = String((await recordOf(id)).version)
    expect((await answer(bystander, { intent: 'confirm', id: String(id), version })).status).toBe(403)
    expect((await answer(fellow, { intent: 'confirm', id: String(id), version })).status).toBe(403)
    expect((await answer(coSitter, { intent: 'confirm', id: '999999', version })).status).toBe(404)
    expect((await recordOf(id)).co_sitter_confirmed_at).toBeNull()
    const denied = await db.selectFrom('audit_log').select('action').where('subject', '=', `record:${id}`).where('action', '=', 'access.denied').execute()
    expect(denied).toHaveLength(2)
    // The bystander's list is empty; the co-sitter's holds the session.
    expect((await run(coSittingRoute.loader, await request('/hours/co-sitting', { user: bystander }))).data).toMatchObject({ awaiting: [] })
  })

  test('the co-sitter must be another active fellow: yourself, a supervisor or an unknown id is refused beside the field', async () => {
    const { fellow, supervisor } = await sitters()
    const before = await db.selectFrom('records').select('id').where('fellow_id', '=', fellow.id).execute()
    for (const [coSitterId, message] of [
      [String(fellow.id), 'Name the other sitter, not yourself.'],
      [String(supervisor.id), 'Choose the co-sitter from the list of fellows.'],
      ['999999', 'Choose the co-sitter from the list of fellows.'],
    ] as const) {
      const outcome = await run(newRoute.action, await request('/hours/new?kind=sitter', { user: fellow, form: sitterForm(null, { coSitterId }) }))
      expect(outcome.status).toBe(400)
      expect(outcome.data).toMatchObject({ errors: { coSitterId: message }, values: { coSitterId } })
    }
    expect(await db.selectFrom('records').select('id').where('fellow_id', '=', fellow.id).execute()).toEqual(before)
  })

  test('the form offers every other active fellow as co-sitter, and an edit that changes the co-sitter names both in the history', async () => {
    const { fellow, coSitter, bystander } = await sitters()
    const page = await run(newRoute.loader, await request('/hours/new?kind=sitter', { user: fellow }))
    const choices = (page.data as { coSitters: { id: number; name: string }[] }).coSitters.map((c) => c.id)
    expect(choices).toContain(coSitter.id)
    expect(choices).toContain(bystander.id)
    expect(choices).not.toContain(fellow.id)
    const id = await log(fellow, sitterForm(coSitter, { intent: 'save' }))
    const edited = await run(
      editRoute.action,
      await request(`/hours/${id}/edit`, { user: fellow, form: sitterForm(bystander, { intent: 'save', version: String((await recordOf(id)).version) }) }),
      { id: String(id) },
    )
    expect(edited.status).toBe(302)
    const edit = await db.selectFrom('record_events').select('detail').where('record_id', '=', id).where('action', '=', 'edit').executeTakeFirstOrThrow()
    expect(JSON.parse(edit.detail!)).toMatchObject({ changes: [{ field: 'coSitterId', from: 'Bianca Cosit', to: bystander.name }] })
  })
})
