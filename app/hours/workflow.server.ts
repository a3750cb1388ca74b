import { sql } from 'kysely'
import type { HoursRecord, RecordStatus } from '#db/schema.ts'
import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { db, nowIso, writeTransaction, type Database } from '#app/db.server.ts'
import { appOrigin } from '#app/env.server.ts'
import { notify, notifyApproved } from '#app/notifications/notify.server.ts'
import { activePeopleWithRole, longestStandingWithRole } from '#app/staff/people.server.ts'
import { practicumAgreementGate } from '#app/supervision/agreements.server.ts'
import { isAssigned, supervisorsOfFellow } from '#app/supervision/assignments.server.ts'
import { approvalBlocker, type License } from '#app/supervision/license.ts'
import { licenseOf } from '#app/supervision/license.server.ts'
import { signedContentSha256, type SignOff } from '#app/supervision/sign-off.server.ts'
import { todayOf } from '#app/utils/time-zone.server.ts'
import { fail, refusalOf, refuseWith, type Failure } from '#app/utils/result.ts'
import { clockAfter } from './clock.ts'
import { changedFields, changesSinceReturn, type FieldChange } from './changes.ts'
import { possibleDuplicateMessage, sessionFactsOf } from './duplicates.ts'
import { columnsFor, formValuesOf } from './form-values.ts'
import type { RecordInput } from './schema.ts'
import { approvedMail, coSitterMail, declinedMail, returnedMail, submittedMail } from './mail.ts'
import { clearancesFor, possibleDuplicates } from './records.server.ts'
import { hasClearanceOn, MIN_SESSION_MINUTES, minutesOverDailyCap } from './rules.ts'
import { awaitsCoSitter, transition, WORKFLOW, type WorkflowAction } from './workflow.ts'

// The workflow's writes. Each change of a record and its event commit together; every
// UPDATE repeats the workflow's own precondition (the statuses WORKFLOW allows) and the
// version the person saw, so a stale or racing change matches no row.

export const STALE_MESSAGE = 'This record changed since you opened it. Its current state is shown below; review it and try again.'

async function checkDailyCap(trx: Database, fellowId: number, date: string, minutes: number, exceptId?: number) {
  let query = trx
    .selectFrom('records')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('minutes'), sql<number>`0`).as('total'))
    .where('fellow_id', '=', fellowId)
    .where('occurred_on', '=', date)
  if (exceptId) query = query.where('id', '!=', exceptId)
  const { total } = await query.executeTakeFirstOrThrow()
  const over = minutesOverDailyCap(Number(total), minutes)
  if (over > 0) {
    const left = Math.max(0, minutes - over)
    return fail('minutes', `At most 16 hours can be logged for one day across all your records. ${left} more minutes fit on ${date}.`)
  }
  return null
}

async function staffContact(trx: Database) {
  const staff = await longestStandingWithRole('staff', trx)
  return staff ? `${staff.name} (${staff.email})` : 'institute staff'
}

/** The fellows who can be named as a sitter session's co-sitter: every active fellow but the one logging it. */
export async function coSitterChoices(fellowId: number, executor: Database = db) {
  return (await activePeopleWithRole('fellow', executor)).filter((f) => f.id !== fellowId).map(({ id, name }) => ({ id, name }))
}

/** The co-sitter named is another active fellow (they confirm the record from their own account). */
async function checkCoSitter(trx: Database, fellowId: number, coSitterId: number | null) {
  if (coSitterId === null) return null
  if (coSitterId === fellowId) return fail('coSitterId', 'Name the other sitter, not yourself.')
  const named = (await coSitterChoices(fellowId, trx)).find((f) => f.id === coSitterId)
  return named ? null : fail('coSitterId', 'Choose the co-sitter from the list of fellows.')
}

/** A change of co-sitter reads as names in the record's history, not as account numbers. */
async function withCoSitterNames(trx: Database, changes: FieldChange[]) {
  const change = changes.find((c) => c.field === 'coSitterId')
  if (!change || !('from' in change)) return changes
  const ids = [change.from, change.to].filter((v): v is string => !!v).map(Number)
  const names = new Map((await trx.selectFrom('users').select(['id', 'name']).where('id', 'in', ids).execute()).map((u) => [String(u.id), u.name]))
  const name = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : null)
  return changes.map((c) => (c === change ? { field: c.field, from: name(c.from), to: name(c.to) } : c))
}

/** The medical clearance gate: an experiential session is submitted only if a clearance covers its date. */
async function checkClearance(trx: Database, fellowId: number, date: string) {
  const clearances = await clearancesFor(fellowId, trx)
  const windows = clearances.map((c) => ({ grantedOn: c.granted_on, expiresOn: c.expires_on, endedOn: c.ended_on }))
  if (hasClearanceOn(windows, date)) return null
  return fail(
    'form',
    `An experiential session can be submitted only when a medical clearance recorded by institute staff covers its date (${date}), ` +
      `and none does. Ask your medical team for clearance, then ask ${await staffContact(trx)} to record it. You can save the record as a draft meanwhile.`,
  )
}

/**
 * A record that may be the same session as another of the fellow's is saved only once they tick
 * "this is a different session"; the records they confirmed it against go into its event.
 */
async function checkDuplicates(
  trx: Database,
  fellowId: number,
  input: RecordInput,
  exceptId?: number,
): Promise<Failure | { confirmedDifferentFrom?: number[] }> {
  const matches = await possibleDuplicates(fellowId, sessionFactsOf(columnsFor(input)), { exceptId }, trx)
  if (!matches.length) return {}
  if (!input.differentSession) return fail('differentSession', possibleDuplicateMessage(matches))
  return { confirmedDifferentFrom: matches.map((m) => m.id) }
}

/** The record's own trail, and the same transition in the institute's audit log (the workflow's, and the group meeting's own events). */
export async function addRecordEvent(
  trx: Database,
  event: {
    recordId: number
    actorId: number
    action: WorkflowAction | 'create' | 'group-record' | 'dispute' | 'withdraw' | 'amend'
    from: RecordStatus | null
    to: RecordStatus
    comment?: string | null
    detail?: unknown
  },
  context: AuditContext,
) {
  await audit(
    context,
    {
      actorId: event.actorId,
      action: `record.${event.action}`,
      subject: `record:${event.recordId}`,
      detail: { from: event.from, to: event.to, ...(event.comment ? { comment: event.comment } : {}), ...(event.detail ? { change: event.detail } : {}) },
    },
    trx,
  )
  await trx
    .insertInto('record_events')
    .values({
      record_id: event.recordId,
      actor_id: event.actorId,
      action: event.action,
      from_status: event.from,
      to_status: event.to,
      comment: event.comment ?? null,
      detail: event.detail === undefined ? null : JSON.stringify(event.detail),
      at: nowIso(),
    })
    .execute()
}

/** Submits drafts/returned records (one mail to each supervisor per call, not per record). Runs inside `trx`; a refusal rolls it all back. */
type SubmitOutcome = { waitingForCoSitter: number }

async function submitWithin(trx: Database, user: SessionUser, pairs: [number, number][], context: AuditContext): Promise<SubmitOutcome> {
  const now = nowIso()
  let readyForSupervisor = 0
  for (const [id, version] of pairs) {
    const record = await trx.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst()
    if (!record || record.fellow_id !== user.id) refuseWith(fail('form', 'One of the selected records is not yours.'))
    const decision = transition('submit', record.status, { isOwner: true, isAssignedSupervisor: false, isStaff: false })
    if (!decision.ok) refuseWith(fail('form', `Record of ${record.occurred_on}: ${decision.reason}`))
    if (record.version !== version) refuseWith(fail('form', STALE_MESSAGE))
    // A resubmission keeps what changed since the supervisor returned the record, field by field.
    const sinceReturn =
      record.status === 'returned'
        ? changesSinceReturn(await trx.selectFrom('record_events').select(['action', 'detail']).where('record_id', '=', id).orderBy('id').execute())
        : null
    if (record.kind === 'experiential') {
      const gate = await checkClearance(trx, user.id, record.occurred_on)
      if (gate) refuseWith(gate)
    }
    // Practicum records reach supervisors only under a learning agreement signed by both (app/supervision/agreements.server.ts).
    if (record.kind === 'practicum') {
      const gate = await practicumAgreementGate(trx, user.id, record.occurred_on)
      if (gate) refuseWith(gate)
    }
    const coSitterGate = await checkCoSitter(trx, user.id, record.co_sitter_id)
    if (coSitterGate) refuseWith(fail('form', `Record of ${record.occurred_on}: ${coSitterGate.message}`))
    const updated = await trx
      .updateTable('records')
      // Every submission asks the co-sitter afresh: a confirmation covers the record as it was then.
      .set({ status: 'submitted', submitted_at: now, updated_at: now, co_sitter_confirmed_at: null, version: sql`version + 1` })
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', 'in', WORKFLOW.submit.from)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_MESSAGE))
    await addRecordEvent(
      trx,
      {
        recordId: id,
        actorId: user.id,
        action: 'submit',
        from: record.status,
        to: 'submitted',
        detail: sinceReturn ? { changesSinceReturn: sinceReturn } : undefined,
      },
      context,
    )
    if (record.co_sitter_id !== null) {
      const coSitter = await trx.selectFrom('users').select(['name', 'email']).where('id', '=', record.co_sitter_id).executeTakeFirstOrThrow()
      const session = { occurredOn: record.occurred_on, startTime: record.started_at, endTime: record.ended_at }
      await notify(
        trx,
        record.co_sitter_id,
        { kind: 'co_sitter_request', fellowName: user.name, ...session },
        { mail: coSitterMail(coSitter, user.name, session, appOrigin()) },
      )
    } else {
      readyForSupervisor += 1
    }
  }
  // Records waiting for a co-sitter reach the supervisor when confirmed; they are told then.
  await tellSupervisors(trx, user, readyForSupervisor)
  return { waitingForCoSitter: pairs.length - readyForSupervisor }
}

async function tellSupervisors(trx: Database, fellow: { id: number; name: string }, count: number) {
  if (!count) return
  const supervisors = await supervisorsOfFellow(fellow.id, { activeOnly: true }, trx)
  // In each supervisor's list; mailed now, or in their hourly or daily summary, as they chose.
  for (const s of supervisors) {
    await notify(
      trx,
      s.id,
      { kind: 'submitted', fellowId: fellow.id, fellowName: fellow.name, count },
      { mail: submittedMail(s, fellow.name, count, appOrigin()) },
    )
  }
}

export type SaveResult = { ok: true; id: number; submitted: boolean; waitingForCoSitter: boolean } | Failure

/** What a fellow reads after saving: where the record went. */
export function savedMessage(result: { submitted: boolean; waitingForCoSitter: boolean }, whenNotSubmitted: string) {
  if (!result.submitted) return whenNotSubmitted
  return result.waitingForCoSitter
    ? 'Saved and submitted. It goes to your supervisor once the other sitter confirms it (they have been told).'
    : 'Saved and submitted to your supervisor.'
}

export async function createRecord(user: SessionUser, input: RecordInput, context: AuditContext): Promise<SaveResult> {
  return writeTransaction(async (trx): Promise<SaveResult> => {
    const cap = await checkDailyCap(trx, user.id, input.occurredOn, input.minutes)
    if (cap) return cap
    const coSitter = await checkCoSitter(trx, user.id, columnsFor(input).co_sitter_id)
    if (coSitter) return coSitter
    const duplicates = await checkDuplicates(trx, user.id, input)
    if ('ok' in duplicates) return duplicates
    const now = nowIso()
    const { id } = await trx
      .insertInto('records')
      .values({ ...columnsFor(input), fellow_id: user.id, status: 'draft', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    await addRecordEvent(
      trx,
      { recordId: id, actorId: user.id, action: 'create', from: null, to: 'draft', detail: duplicates.confirmedDifferentFrom ? duplicates : undefined },
      context,
    )
    // Nothing partial: a refused submit leaves no draft behind either.
    const submitted = input.intent === 'submit' ? await submitWithin(trx, user, [[id, 1]], context) : null
    return { ok: true, id, submitted: !!submitted, waitingForCoSitter: !!submitted?.waitingForCoSitter }
  }).catch(refusalOf)
}

export async function updateRecord(user: SessionUser, record: HoursRecord, input: RecordInput, context: AuditContext): Promise<SaveResult> {
  if (input.kind !== record.kind) return fail('kind', 'The kind of a record cannot be changed. Log a new record instead.')
  const decision = transition('edit', record.status, { isOwner: record.fellow_id === user.id, isAssignedSupervisor: false, isStaff: false })
  if (!decision.ok) return fail('form', decision.reason)
  return writeTransaction(async (trx): Promise<SaveResult> => {
    const version = input.version ?? -1
    const cap = await checkDailyCap(trx, user.id, input.occurredOn, input.minutes, record.id)
    if (cap) return cap
    const coSitter = await checkCoSitter(trx, user.id, columnsFor(input).co_sitter_id)
    if (coSitter) return coSitter
    const before = await trx.selectFrom('records').selectAll().where('id', '=', record.id).executeTakeFirstOrThrow()
    const columns = columnsFor(input)
    const now = nowIso()
    const updated = await trx
      .updateTable('records')
      .set({ ...columns, updated_at: now, version: sql`version + 1` })
      .where('id', '=', record.id)
      .where('version', '=', version)
      .where('status', 'in', WORKFLOW.edit.from)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) return fail('form', STALE_MESSAGE)
    const duplicates = await checkDuplicates(trx, user.id, input, record.id)
    if ('ok' in duplicates) refuseWith(duplicates)
    const changes = await withCoSitterNames(trx, changedFields(formValuesOf(before), formValuesOf({ ...before, ...columns })))
    await addRecordEvent(
      trx,
      {
        recordId: record.id,
        actorId: user.id,
        action: 'edit',
        from: record.status,
        to: record.status,
        detail: changes.length || duplicates.confirmedDifferentFrom ? { ...(changes.length ? { changes } : {}), ...duplicates } : undefined,
      },
      context,
    )
    const submitted = input.intent === 'submit' ? await submitWithin(trx, user, [[record.id, version + 1]], context) : null
    return { ok: true, id: record.id, submitted: !!submitted, waitingForCoSitter: !!submitted?.waitingForCoSitter }
  }).catch(refusalOf)
}

export async function submitRecords(user: SessionUser, pairs: [number, number][], context: AuditContext) {
  return writeTransaction(async (trx) => {
    const { waitingForCoSitter } = await submitWithin(trx, user, pairs, context)
    return { ok: true as const, count: pairs.length, waitingForCoSitter }
  }).catch(refusalOf)
}

/** The approving supervisor as each approval snapshots them: the verified license the signature relied on, and the signature. */
type Approver = { name: string; license: License; signOff: SignOff | null }

async function decideWithin(
  trx: Database,
  supervisor: SessionUser,
  approver: Approver,
  id: number,
  version: number,
  decision: 'approve' | 'return',
  comment: string | null,
  context: AuditContext,
): Promise<Failure | null> {
  const record = await trx.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst()
  if (!record) return fail('form', 'There is no such record.')
  const assigned = await isAssigned(supervisor.id, record.fellow_id, trx)
  const verdict = transition(
    decision,
    record.status,
    { isOwner: record.fellow_id === supervisor.id, isAssignedSupervisor: assigned, isStaff: false },
    { comment },
  )
  if (record.version !== version) return fail('form', STALE_MESSAGE)
  if (!verdict.ok) return fail(decision === 'return' && verdict.reason.includes('comment') ? 'comment' : 'form', verdict.reason)
  if (decision === 'approve' && awaitsCoSitter(record)) {
    return fail('form', `Record of ${record.occurred_on}: the co-sitter it names has not confirmed it yet, so it cannot be approved.`)
  }
  const now = nowIso()
  const updated = await trx
    .updateTable('records')
    .set({
      status: verdict.to,
      version: sql`version + 1`,
      updated_at: now,
      decided_at: now,
      decided_by: supervisor.id,
      return_comment: decision === 'return' ? comment : null,
      ...(decision === 'approve'
        ? {
            approver_name: approver.name,
            approver_license_type: approver.license.type,
            approver_license_number: approver.license.number,
            approver_license_state: approver.license.jurisdiction,
            approver_license_expires_on: approver.license.expiresOn,
            approver_license_verified_at: approver.license.checkedAt,
            attestation_version: approver.signOff?.attestationVersion ?? null,
            attestation_sha256: approver.signOff?.attestationSha256 ?? null,
            signed_name: approver.signOff?.signedName ?? null,
            signed_content_sha256: signedContentSha256(record),
          }
        : {}),
    })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('status', 'in', WORKFLOW[decision].from)
    .executeTakeFirst()
  if (Number(updated.numUpdatedRows) !== 1) return fail('form', STALE_MESSAGE)
  await addRecordEvent(trx, { recordId: id, actorId: supervisor.id, action: decision, from: 'submitted', to: verdict.to, comment }, context)
  const fellow = await trx.selectFrom('users').select(['name', 'email']).where('id', '=', record.fellow_id).executeTakeFirstOrThrow()
  const ref = { id, kind: record.kind, occurredOn: record.occurred_on }
  if (decision === 'return') {
    await notify(
      trx,
      record.fellow_id,
      { kind: 'returned', record: ref, supervisorName: supervisor.name, comment: comment ?? '' },
      { mail: returnedMail(fellow, ref, supervisor.name, comment ?? '', appOrigin()) },
    )
  } else {
    // Every approval of this transaction is one batch: one notification and one mail per fellow.
    await notifyApproved(trx, record.fellow_id, supervisor.name, ref, (records) => approvedMail(fellow, supervisor.name, records, appOrigin()))
  }
  return null
}

/** Why `supervisor` cannot sign approvals today (their license), or null: for the review pages, before anyone types a signature. */
export async function approvalBlockerFor(supervisor: SessionUser) {
  return (await signingLicense(supervisor)).blocker
}

/** The supervisor's license, and why it cannot sign today (null when it can). */
async function signingLicense(supervisor: SessionUser) {
  const license = (await licenseOf(supervisor.id))!
  return { license, blocker: approvalBlocker(license, todayOf(supervisor), await staffContact(db)) }
}

/** Only a verified, unexpired license signs an approval; otherwise the supervisor reads why and whom to ask. */
async function approverProfile(supervisor: SessionUser, signOff: SignOff | null): Promise<Approver | Failure> {
  const { license, blocker } = await signingLicense(supervisor)
  return blocker ? fail('form', blocker) : { name: supervisor.name, license, signOff }
}

/** One supervisor's decision on one record; exactly one of two racing decisions wins. */
export async function decideRecord(
  supervisor: SessionUser,
  id: number,
  { decision, version, comment }: { decision: 'approve' | 'return'; version: number; comment: string | null },
  context: AuditContext,
  signOff: SignOff | null = null,
): Promise<{ ok: true } | Failure> {
  if (decision === 'approve' && !signOff) return fail('signature', 'Sign the attestation to approve: type your full name as on your license.')
  const approver = await approverProfile(supervisor, signOff)
  if (decision === 'approve' && 'ok' in approver) return approver
  return writeTransaction(
    async (trx) => {
      const failure = await decideWithin(trx, supervisor, approver as Approver, id, version, decision, comment, context)
      if (failure) refuseWith(failure)
      return { ok: true as const }
    },
    { durable: decision === 'approve' },
  ).catch(refusalOf)
}

/**
 * "Approve selected": all or nothing, so a changed record never slips through. `pairs` may be
 * worked out inside the transaction (as "approve all of this fellow" does), where it may refuse.
 */
export async function approveSelected(
  supervisor: SessionUser,
  pairs: [number, number][] | ((trx: Database) => Promise<[number, number][]>),
  context: AuditContext,
  signOff: SignOff,
) {
  const approver = await approverProfile(supervisor, signOff)
  if ('ok' in approver) return approver
  return writeTransaction(
    async (trx) => {
      const list = typeof pairs === 'function' ? await pairs(trx) : pairs
      for (const [id, version] of list) {
        const failure = await decideWithin(trx, supervisor, approver, id, version, 'approve', null, context)
        if (failure) refuseWith({ ...failure, message: `Nothing was approved. ${failure.message}` })
      }
      return { ok: true as const, count: list.length }
    },
    { durable: true },
  ).catch(refusalOf)
}

/** Staff's correction of an approved record: a new event with the reason and what changed. */
export async function amendRecord(
  staff: SessionUser,
  record: HoursRecord,
  input: { version: number; occurredOn: string; minutes: number; setting: 'in_person' | 'virtual'; reason: string },
  context: AuditContext,
): Promise<{ ok: true } | Failure> {
  const verdict = transition(
    'amend',
    record.status,
    { isOwner: false, isAssignedSupervisor: false, isStaff: staff.roles.includes('staff') },
    { comment: input.reason },
  )
  if (!verdict.ok) return fail('form', verdict.reason)
  // The amendment obeys the record's own rules: experiential and sitter sessions are at least an hour.
  const min = MIN_SESSION_MINUTES[record.kind]
  if (input.minutes < min) return fail('minutes', `At least ${min} minutes for this kind of record.`)
  return writeTransaction(
    async (trx) => {
      const cap = await checkDailyCap(trx, record.fellow_id, input.occurredOn, input.minutes, record.id)
      if (cap) refuseWith(cap)
      // A sitter session logged by the clock keeps its start; its end moves with the amended duration.
      const clocked = record.started_at && record.ended_at ? record.started_at : null
      const endedAt = clocked ? clockAfter(clocked, input.minutes) : record.ended_at
      const before = { occurredOn: record.occurred_on, minutes: record.minutes, setting: record.setting, ...(clocked ? { endTime: record.ended_at } : {}) }
      const after = { occurredOn: input.occurredOn, minutes: input.minutes, setting: input.setting, ...(clocked ? { endTime: endedAt } : {}) }
      const updated = await trx
        .updateTable('records')
        .set({
          occurred_on: input.occurredOn,
          minutes: input.minutes,
          setting: input.setting,
          ended_at: endedAt,
          updated_at: nowIso(),
          version: sql`version + 1`,
        })
        .where('id', '=', record.id)
        .where('version', '=', input.version)
        .where('status', 'in', WORKFLOW.amend.from)
        .executeTakeFirst()
      if (Number(updated.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_MESSAGE))
      await addRecordEvent(
        trx,
        { recordId: record.id, actorId: staff.id, action: 'amend', from: 'approved', to: 'approved', comment: input.reason, detail: { before, after } },
        context,
      )
      return { ok: true as const }
    },
    { durable: true },
  ).catch(refusalOf)
}

/**
 * The named co-sitter's answer to a submitted sitter record: `confirm` sends it on to the
 * fellow's supervisors; `decline` returns it to the fellow with the reason. Exactly one
 * answer counts: the version the co-sitter saw must still be the record's.
 */
export async function answerAsCoSitter(
  coSitter: SessionUser,
  id: number,
  { answer, version, reason }: { answer: 'confirm' | 'decline'; version: number; reason: string | null },
  context: AuditContext,
): Promise<{ ok: true } | Failure> {
  return writeTransaction(async (trx) => {
    const record = await trx.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst()
    if (!record || record.kind !== 'sitter') refuseWith(fail('form', 'There is no such record.'))
    const verdict = transition(
      answer,
      record.status,
      { isOwner: record.fellow_id === coSitter.id, isAssignedSupervisor: false, isStaff: false, isCoSitter: record.co_sitter_id === coSitter.id },
      { comment: reason },
    )
    if (!verdict.ok) refuseWith(fail(answer === 'decline' && !reason ? 'reason' : 'form', verdict.reason))
    if (record.version !== version) refuseWith(fail('form', STALE_MESSAGE))
    if (!awaitsCoSitter(record)) refuseWith(fail('form', 'You have already confirmed this session.'))
    const now = nowIso()
    const updated = await trx
      .updateTable('records')
      .set(
        answer === 'confirm'
          ? { co_sitter_confirmed_at: now, updated_at: now, version: sql`version + 1` }
          : { status: verdict.to, return_comment: `Declined by the co-sitter, ${coSitter.name}: ${reason}`, updated_at: now, version: sql`version + 1` },
      )
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', 'in', WORKFLOW[answer].from)
      .where('co_sitter_id', '=', coSitter.id)
      .where('co_sitter_confirmed_at', 'is', null)
      .executeTakeFirst()
    if (Number(updated.numUpdatedRows) !== 1) refuseWith(fail('form', STALE_MESSAGE))
    await addRecordEvent(trx, { recordId: id, actorId: coSitter.id, action: answer, from: record.status, to: verdict.to, comment: reason }, context)
    const fellow = await trx.selectFrom('users').select(['id', 'name', 'email']).where('id', '=', record.fellow_id).executeTakeFirstOrThrow()
    if (answer === 'confirm') await tellSupervisors(trx, fellow, 1)
    else {
      await notify(
        trx,
        fellow.id,
        { kind: 'co_sitter_declined', record: { id, kind: record.kind, occurredOn: record.occurred_on }, coSitterName: coSitter.name, reason: reason ?? '' },
        { mail: declinedMail(fellow, { id, occurredOn: record.occurred_on }, coSitter.name, reason ?? '', appOrigin()) },
      )
    }
    return { ok: true as const }
  }).catch(refusalOf)
}
