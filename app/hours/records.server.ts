import type { RecordKind, RecordStatus } from '#db/schema.ts'
import { db, type Database } from '#app/db.server.ts'
import { recordsOfAssignedFellows } from '#app/supervision/assignments.server.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
import { tallyRecords } from './progress.ts'
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

/** Submitted records of the supervisor's assigned fellows, oldest first. */
export function reviewQueueQuery(supervisorId: number, page: number) {
  return recordsOfAssignedFellows(supervisorId)
    .innerJoin('users as fellow', 'fellow.id', 'records.fellow_id')
    .select([
      'records.id',
      'records.kind',
      'records.version',
      'records.occurred_on',
      'records.minutes',
      'records.submitted_at',
      'fellow.id as fellow_id',
      'fellow.name as fellow_name',
    ])
    .where('records.status', 'in', WORKFLOW.approve.from)
    .orderBy('records.submitted_at')
    .orderBy('records.id')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
}

export async function reviewQueue(supervisorId: number, page: number) {
  return reviewQueueQuery(supervisorId, page).execute()
}

export async function reviewQueueCounts(supervisorId: number) {
  const rows = await recordsOfAssignedFellows(supervisorId)
    .select(['records.kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('records.status', 'in', WORKFLOW.approve.from)
    .groupBy('records.kind')
    .execute()
  const counts: Record<RecordKind, number> = { experiential: 0, sitter: 0, practicum: 0, supervision: 0 }
  for (const row of rows) counts[row.kind] = Number(row.n)
  return counts
}
