import { sql } from 'kysely'
import type { RecordKind, RecordStatus } from '#db/schema.ts'
import { db, type Database } from '#app/db.server.ts'
import { documentSummaries } from '#app/documents/documents.server.ts'
import { todayOf } from '#app/utils/time-zone.server.ts'
import { recordsOfAssignedFellows } from '#app/supervision/assignments.server.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
import { isPossibleDuplicate, sessionFactsOf, type SessionFacts } from './duplicates.ts'
import { categoryOf } from './labels.ts'
import { firstLine, NO_QUEUE_FILTERS, type QueueFilters } from './queue-filters.ts'
import { tallyRecords } from './progress.ts'
import { currentClearance } from './rules.ts'
import { WORKFLOW } from './workflow.ts'

// The hours feature's reads: a fellow's records and tallies, a record's history, the review queue.

export async function clearancesFor(fellowId: number, executor: Database = db) {
  return executor
    .selectFrom('medical_clearances')
    .leftJoin('users as recorder', 'recorder.id', 'medical_clearances.recorded_by')
    .select([
      'medical_clearances.id',
      'medical_clearances.granted_on',
      'medical_clearances.expires_on',
      'medical_clearances.clinician',
      'medical_clearances.recorded_at',
      'medical_clearances.ended_on',
      'medical_clearances.end_reason',
      'recorder.name as recorded_by_name',
    ])
    .where('medical_clearances.fellow_id', '=', fellowId)
    .orderBy('medical_clearances.granted_on', 'desc')
    .execute()
}

/** The name of the co-sitter a sitter record names, for its page (null when none is named). */
export async function coSitterNameOf(record: { co_sitter_id: number | null }) {
  if (record.co_sitter_id === null) return null
  return (await db.selectFrom('users').select('name').where('id', '=', record.co_sitter_id).executeTakeFirst())?.name ?? null
}

function awaitingConfirmationQuery(coSitterId: number) {
  return db
    .selectFrom('records')
    .where('records.co_sitter_id', '=', coSitterId)
    .where('records.status', 'in', WORKFLOW.confirm.from)
    .where('records.co_sitter_confirmed_at', 'is', null)
}

export async function countAwaitingConfirmationBy(coSitterId: number) {
  const { n } = await awaitingConfirmationQuery(coSitterId)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(n)
}

/** Sitter records that name `coSitterId` and wait for their confirmation, newest session first. */
export async function awaitingConfirmationBy(coSitterId: number, page: number) {
  return awaitingConfirmationQuery(coSitterId)
    .innerJoin('users as fellow', 'fellow.id', 'records.fellow_id')
    .select([
      'records.id',
      'records.version',
      'records.occurred_on',
      'records.started_at',
      'records.ended_at',
      'records.minutes',
      'records.setting',
      'records.participant_code',
      'records.sitter_role',
      'fellow.name as fellow_name',
    ])
    .orderBy('records.occurred_on', 'desc')
    .orderBy('records.id', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .execute()
}

/** The sessions `coSitterId` confirmed most recently. */
export async function confirmedBy(coSitterId: number, limit = 10) {
  return db
    .selectFrom('records')
    .innerJoin('users as fellow', 'fellow.id', 'records.fellow_id')
    .select(['records.id', 'records.occurred_on', 'records.started_at', 'records.ended_at', 'records.co_sitter_confirmed_at', 'fellow.name as fellow_name'])
    .where('records.co_sitter_id', '=', coSitterId)
    .where('records.co_sitter_confirmed_at', 'is not', null)
    .orderBy('records.co_sitter_confirmed_at', 'desc')
    .limit(limit)
    .execute()
}

/** The clearance covering the fellow's today (in their zone), with the letters staff filed with it: what the fellow and their supervisors see. */
export async function clearanceToday(fellow: { id: number; timeZone?: string | null }) {
  const [clearances, letters] = await Promise.all([clearancesFor(fellow.id), documentSummaries({ ownerId: fellow.id, kind: 'clearance_letter' })])
  const clearance = currentClearance(clearances, todayOf(fellow))
  return { clearance, letters: clearance ? letters.filter((letter) => letter.clearanceId === clearance.id) : [] }
}

export async function recordHistory(recordId: number) {
  return db
    .selectFrom('record_events')
    .innerJoin('users', 'users.id', 'record_events.actor_id')
    .select([
      'record_events.id',
      'record_events.action',
      'record_events.from_status',
      'record_events.to_status',
      'record_events.comment',
      'record_events.detail',
      'record_events.at',
      'users.name as actor_name',
    ])
    .where('record_events.record_id', '=', recordId)
    .orderBy('record_events.id')
    .execute()
}

export type RecordFilters = { kind: RecordKind | null; status: RecordStatus | null }

export function fellowRecordsQuery(fellowId: number, filters: RecordFilters, page: number, { includeDrafts = true } = {}) {
  let query = db
    .selectFrom('records')
    .select(['id', 'kind', 'status', 'version', 'occurred_on', 'minutes', 'setting', 'return_comment', 'approver_name', 'updated_at'])
    .where('fellow_id', '=', fellowId)
    .orderBy('occurred_on', 'desc')
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
  if (filters.kind) query = query.where('kind', '=', filters.kind)
  if (filters.status) query = query.where('status', '=', filters.status)
  if (!includeDrafts) query = query.where('status', '!=', 'draft')
  return query
}

export async function fellowRecordsPage(...args: Parameters<typeof fellowRecordsQuery>) {
  return fellowRecordsQuery(...args).execute()
}

export function talliesQuery(fellowIds: number[]) {
  return db.selectFrom('records').select(['fellow_id', 'kind', 'status', 'minutes']).where('fellow_id', 'in', fellowIds)
}

/** Per person: approved and pending counts and minutes by kind (one query for all of them). */
export async function tallyOfMany(fellowIds: number[]) {
  const rows = fellowIds.length ? await talliesQuery(fellowIds).execute() : []
  const byFellow = new Map<number, typeof rows>(fellowIds.map((id) => [id, []]))
  for (const row of rows) byFellow.get(row.fellow_id)?.push(row)
  return new Map([...byFellow].map(([id, list]) => [id, tallyRecords(list)]))
}

export async function fellowTally(fellowId: number) {
  return (await tallyOfMany([fellowId])).get(fellowId)!
}

/**
 * The records waiting for this supervisor's decision: submitted by an assigned fellow and, for a
 * sitter session that names a co-sitter, confirmed by them (until then it is not the supervisor's).
 */
export function awaitingDecisionBy(supervisorId: number, executor: Database = db) {
  return recordsOfAssignedFellows(supervisorId, executor)
    .where('records.status', 'in', WORKFLOW.approve.from)
    .where((eb) => eb.or([eb('records.co_sitter_id', 'is', null), eb('records.co_sitter_confirmed_at', 'is not', null)]))
}

const NOTES_PREVIEW = 200

/** Submitted records of the supervisor's assigned fellows, oldest first, narrowed by the queue's filters; `size` rows a page (one more to see a next page). */
export function reviewQueueQuery(supervisorId: number, page: number, filters: QueueFilters = NO_QUEUE_FILTERS, size = PAGE_SIZE) {
  let query = awaitingDecisionBy(supervisorId)
    .innerJoin('users as fellow', 'fellow.id', 'records.fellow_id')
    .select([
      'records.id',
      'records.kind',
      'records.version',
      'records.occurred_on',
      'records.minutes',
      'records.submitted_at',
      'records.participant_code',
      'records.client_code',
      'records.supervisor_name',
      'records.supervision_type',
      'records.supervision_format',
      'records.group_size',
      'records.practicum_contact',
      'records.started_at',
      'records.ended_at',
      'records.co_sitter_id',
      'records.co_sitter_confirmed_at',
      // Only the start of the notes travels: the queue shows their first line.
      sql<string | null>`substr(records.notes, 1, ${sql.lit(NOTES_PREVIEW)})`.as('notes_start'),
      'fellow.id as fellow_id',
      'fellow.name as fellow_name',
    ])
    .orderBy('records.submitted_at')
    .orderBy('records.id')
    .limit(size + 1)
    .offset((page - 1) * size)
  if (filters.fellow !== null) query = query.where('records.fellow_id', '=', filters.fellow)
  if (filters.kind !== null) query = query.where('records.kind', '=', filters.kind)
  if (filters.from !== null) query = query.where('records.occurred_on', '>=', filters.from)
  if (filters.to !== null) query = query.where('records.occurred_on', '<=', filters.to)
  return query
}

/**
 * The queue's page: each row with its board category, the first line of its notes and a flag when it
 * may duplicate another of its fellow's records. The participant's or client's code is shown; the
 * supervisor's name a supervision record carries only serves the duplicate check.
 */
export async function reviewQueue(supervisorId: number, page: number, filters: QueueFilters = NO_QUEUE_FILTERS, size = PAGE_SIZE) {
  const rows = await reviewQueueQuery(supervisorId, page, filters, size).execute()
  const flagged = await withPossibleDuplicates(rows)
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    version: row.version,
    occurred_on: row.occurred_on,
    minutes: row.minutes,
    submitted_at: row.submitted_at,
    fellow_id: row.fellow_id,
    fellow_name: row.fellow_name,
    code: row.participant_code ?? row.client_code,
    category: categoryOf(row),
    notes: firstLine(row.notes_start),
    possibleDuplicate: flagged.has(row.id),
  }))
}

const DUPLICATE_COLUMNS = [
  'id',
  'fellow_id',
  'kind',
  'status',
  'occurred_on',
  'participant_code',
  'client_code',
  'supervisor_name',
  'started_at',
  'ended_at',
] as const

/**
 * For each of these records, the fellow's other records of that kind on that day that a supervisor can see
 * (drafts are the fellow's own business): the only ones that can be the same session. `of` is the record asked about.
 */
export function duplicateCandidatesQuery(recordIds: number[]) {
  return db
    .selectFrom('records as asked')
    .innerJoin('records', (join) =>
      join
        .onRef('records.fellow_id', '=', 'asked.fellow_id')
        .onRef('records.occurred_on', '=', 'asked.occurred_on')
        .onRef('records.kind', '=', 'asked.kind')
        .onRef('records.id', '!=', 'asked.id'),
    )
    .select(['asked.id as of', ...DUPLICATE_COLUMNS.map((column) => `records.${column}` as const)])
    .where('asked.id', 'in', recordIds)
    .where('records.status', '!=', 'draft')
}

type DuplicateCandidate = Parameters<typeof sessionFactsOf>[0] & { id: number; fellow_id: number }

/** Which of `records` may duplicate another submitted, returned or approved record of the same fellow: one query for a whole page. */
export async function withPossibleDuplicates(records: DuplicateCandidate[]): Promise<Set<number>> {
  if (!records.length) return new Set()
  const candidates = await duplicateCandidatesQuery(records.map((r) => r.id)).execute()
  const flagged = new Set<number>()
  for (const record of records) {
    const facts = sessionFactsOf(record)
    if (candidates.some((c) => c.of === record.id && isPossibleDuplicate(facts, sessionFactsOf(c)))) flagged.add(record.id)
  }
  return flagged
}

/** The fellow's other records that may be the same session as `facts` (drafts included: they are the fellow's own), oldest first. */
export async function possibleDuplicates(
  fellowId: number,
  facts: SessionFacts,
  { exceptId, includeDrafts = true }: { exceptId?: number; includeDrafts?: boolean } = {},
  executor: Database = db,
) {
  let query = executor
    .selectFrom('records')
    .select(DUPLICATE_COLUMNS)
    .where('fellow_id', '=', fellowId)
    .where('occurred_on', '=', facts.occurredOn)
    .where('kind', '=', facts.kind)
    .orderBy('id')
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId)
  if (!includeDrafts) query = query.where('status', '!=', 'draft')
  const rows = await query.execute()
  return rows.filter((r) => isPossibleDuplicate(facts, sessionFactsOf(r)))
}

export async function reviewQueueCounts(supervisorId: number) {
  const rows = await awaitingDecisionBy(supervisorId)
    .select(['records.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('records.kind')
    .execute()
  const counts: Record<RecordKind, number> = { experiential: 0, sitter: 0, practicum: 0, supervision: 0 }
  for (const row of rows) counts[row.kind] = Number(row.n)
  return counts
}

/** What waits for the supervisor, per fellow and kind: the queue's counts and its "Your fellows" list in one grouped query. */
export async function reviewQueueTallies(supervisorId: number) {
  const rows = await awaitingDecisionBy(supervisorId)
    .select(['records.fellow_id', 'records.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['records.fellow_id', 'records.kind'])
    .execute()
  const byKind: Record<RecordKind, number> = { experiential: 0, sitter: 0, practicum: 0, supervision: 0 }
  const byFellow: Record<number, number> = {}
  for (const row of rows) {
    byKind[row.kind] += Number(row.n)
    byFellow[row.fellow_id] = (byFellow[row.fellow_id] ?? 0) + Number(row.n)
  }
  return { byKind, byFellow }
}

/** Every record of one fellow that waits for this supervisor's decision, as id and version: what "approve all of this fellow" approves. */
export function fellowBacklogQuery(supervisorId: number, fellowId: number, executor: Database = db) {
  return awaitingDecisionBy(supervisorId, executor)
    .select(['records.id', 'records.version'])
    .where('records.fellow_id', '=', fellowId)
    .orderBy('records.submitted_at')
    .orderBy('records.id')
}
