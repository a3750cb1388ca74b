import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import type { Compilable } from 'kysely'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { seedLarge } from '#app/demo/large.server.ts'
import { auditLogQuery } from '#app/audit/log.server.ts'
import { standingsQuery } from '#app/curriculum/progress.server.ts'
import { duplicateCandidatesQuery, fellowBacklogQuery, fellowRecordsQuery, reviewQueueQuery, talliesQuery } from '#app/hours/records.server.ts'
import { approvedRecordsQuery, clearancesQuery } from '#app/programs/eligibility.server.ts'
import { cohortCandidatesQuery, cohortMembersQuery } from '#app/staff/cohorts.server.ts'
import { peopleQuery } from '#app/staff/people.server.ts'

// The app's own list queries, compiled exactly as the app runs them, explained
// against a database at scale. A full-table SCAN of a big table fails the test.
const BIG_TABLES = [
  'records',
  'record_events',
  'audit_log',
  'users',
  'certificates',
  'lesson_progress',
  'cohort_members',
  'medical_clearances',
  'supervisor_assignments',
]

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-plans-'))
const file = path.join(dir, 'large.db')
let large: Database.Database
let ids: { fellows: number[]; supervisor: number; cohort: number; records: number[] }

beforeAll(async () => {
  const seeded = await seedLarge(file, { fellows: 2000, supervisors: 40, records: 40_000 })
  large = new Database(file, { readonly: true })
  const cohort = large.prepare('select id from cohorts order by id limit 1').get() as { id: number }
  // A page of the queue: 100 records of several fellows.
  const records = (large.prepare("select id from records where status = 'submitted' order by id limit 100").all() as { id: number }[]).map((r) => r.id)
  ids = { fellows: seeded.fellows.slice(0, 50), supervisor: seeded.supervisors[0]!.id, cohort: cohort.id, records }
}, 120_000)

afterAll(() => {
  large.close()
  fs.rmSync(dir, { recursive: true, force: true })
})

function plan(query: Compilable) {
  const { sql, parameters } = query.compile()
  const rows = large.prepare(`explain query plan ${sql}`).all(...(parameters as unknown[])) as { detail: string }[]
  return { sql, details: rows.map((r) => r.detail) }
}

/**
 * A SCAN that reads a big table whole. Allowed: a walk of an index, and a walk of
 * the table in primary-key order that the query stops after LIMIT rows (keyset pages).
 */
function fullScans({ sql, details }: { sql: string; details: string[] }) {
  return details.filter((d) => {
    const match = /^SCAN (\w+)(?: AS (\w+))?(.*)$/.exec(d)
    if (!match) return false
    const [, table, alias, rest] = match
    if (!BIG_TABLES.includes(table!)) return false
    if (/USING (COVERING )?INDEX/.test(rest!)) return false
    const keysetByPrimaryKey = new RegExp(`order by "${alias ?? table}"\\."id" desc limit`, 'i').test(sql) && !details.some((x) => x.includes('TEMP B-TREE'))
    return !keysetByPrimaryKey
  })
}

describe('every list uses an index', () => {
  const cases: [string, () => Compilable][] = [
    ['supervisor queue', () => reviewQueueQuery(ids.supervisor, 1)],
    ['supervisor queue, page 40', () => reviewQueueQuery(ids.supervisor, 40)],
    ['supervisor queue, 100 a page', () => reviewQueueQuery(ids.supervisor, 1, { fellow: null, kind: null, from: null, to: null }, 100)],
    [
      'supervisor queue by fellow, kind and date',
      () => reviewQueueQuery(ids.supervisor, 1, { fellow: ids.fellows[0]!, kind: 'sitter', from: '2026-01-01', to: '2026-06-30' }, 100),
    ],
    ['supervisor queue: what waits of one fellow (approve all)', () => fellowBacklogQuery(ids.supervisor, ids.fellows[0]!)],
    ['supervisor queue: possible duplicates of a page', () => duplicateCandidatesQuery(ids.records)],
    ['fellow records', () => fellowRecordsQuery(ids.fellows[0]!, { kind: null, status: null }, 1)],
    ['fellow records by kind and status', () => fellowRecordsQuery(ids.fellows[0]!, { kind: 'sitter', status: 'approved' }, 1)],
    ['fellow records without drafts', () => fellowRecordsQuery(ids.fellows[0]!, { kind: null, status: null }, 1, { includeDrafts: false })],
    ['cohort members', () => cohortMembersQuery(ids.cohort)],
    ['cohort table: lesson standings', () => standingsQuery(ids.fellows)],
    ['cohort table: approved records', () => approvedRecordsQuery(ids.fellows)],
    ['tallies of several fellows', () => talliesQuery(ids.fellows)],
    ['cohort table: clearances', () => clearancesQuery(ids.fellows)],
    ['cohort: people to add, by name or email', () => cohortCandidatesQuery(ids.cohort, 'Fellow 12')],
    ['people', () => peopleQuery({ q: '', role: null, page: 1 })],
    ['people by name', () => peopleQuery({ q: 'Fellow 12', role: null, page: 1 })],
    ['people by role', () => peopleQuery({ q: '', role: 'supervisor', page: 1 })],
    ['audit log', () => auditLogQuery({}, null)],
    ['audit log, older page', () => auditLogQuery({}, 5000)],
    ['audit log by person', () => auditLogQuery({ actor: 1 }, null)],
    ['audit log by action', () => auditLogQuery({ action: 'user.roles' }, null)],
    ['audit log by date', () => auditLogQuery({ from: '2026-01-01', to: '2026-01-31' }, null)],
  ]

  for (const [name, build] of cases) {
    test(name, () => {
      const explained = plan(build())
      expect(fullScans(explained), `${name}\n${explained.sql}\n${explained.details.join('\n')}`).toEqual([])
    })
  }

  test('eligibility reads approved records from one covering index, never the table', () => {
    const explained = plan(approvedRecordsQuery(ids.fellows))
    expect(explained.details.join('\n')).toMatch(/USING COVERING INDEX records_eligibility_facts/)
  })

  test('the check itself catches a full scan', () => {
    const unindexed = large.prepare(`explain query plan select * from records where notes = ? order by minutes`).all('x') as { detail: string }[]
    expect(fullScans({ sql: 'select * from records where notes = ?', details: unindexed.map((r) => r.detail) })).not.toEqual([])
  })
})
