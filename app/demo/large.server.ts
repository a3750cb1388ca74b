import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'
import { isPostgresUrl, openSqlite } from '#db/connection.ts'
import { copyDatabase } from '#db/copy.ts'
import { openSqliteEngine } from '#db/engines/sqlite.ts'
import { migrateToLatest } from '#db/migrate.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import type { RecordKind, RecordStatus } from '#db/schema.ts'
import { clockAfter } from './program.server.ts'

export const LARGE_PASSWORD = 'kap-large-password'

// A deterministic generator, so two runs with the same size give the same data.
function rng(seed: number) {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

export type LargeOptions = { fellows?: number; supervisors?: number; records?: number; cohortSize?: number }

/**
 * Fills an empty database with a program at scale: fellows, supervisors, records
 * in realistic statuses with their events, clearances, cohorts, certificates and
 * audit entries. Raw prepared statements in one transaction: this is a loader,
 * not app code.
 */
export async function seedLarge(file: string, { fellows = 5000, supervisors = 100, records = 250_000, cohortSize = 50 }: LargeOptions = {}) {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${file}${suffix}`, { force: true })
  const { db } = openSqliteEngine(file)
  await migrateToLatest(db)
  await db.destroy()

  const sqlite = openSqlite(file)
  sqlite.pragma('synchronous = OFF')
  const random = rng(42)
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!
  const passwordHash = await hashPassword(LARGE_PASSWORD)
  const now = Date.now()
  const iso = (t: number) => new Date(t).toISOString()
  const day = (t: number) => iso(t).slice(0, 10)
  const DAY = 86_400_000

  const insertUser = sqlite.prepare(
    'insert into users (email, name, password_hash, active, created_at, license_type, license_number, license_state) values (?, ?, ?, 1, ?, ?, ?, ?)',
  )
  const insertRole = sqlite.prepare('insert into user_roles (user_id, role) values (?, ?)')
  const insertAssignment = sqlite.prepare('insert into supervisor_assignments (fellow_id, supervisor_id, assigned_at, assigned_by) values (?, ?, ?, ?)')
  const insertClearance = sqlite.prepare(
    'insert into medical_clearances (fellow_id, granted_on, expires_on, clinician, recorded_by, recorded_at) values (?, ?, ?, ?, ?, ?)',
  )
  const insertRecord =
    sqlite.prepare(`insert into records (fellow_id, kind, status, version, occurred_on, minutes, setting, route, medical_team, participant_code, sitter_role, phase, client_code, supervision_format, supervisor_name,
    supervision_type, group_size, practicum_contact, started_at, ended_at, co_sitter_id, co_sitter_confirmed_at, notes,
    submitted_at, decided_at, decided_by, return_comment, approver_name, approver_license_type, approver_license_number, approver_license_state, created_at, updated_at)
    values (@fellow, @kind, @status, @version, @date, @minutes, @setting, @route, @team, @participant, @role, @phase, @client, @format, @supName,
    @supType, @groupSize, @contact, @startedAt, @endedAt, @coSitter, @coSitterConfirmed, @notes, @submitted, @decided, @decidedBy, @comment, @approver, @lt, @ln, @ls, @created, @updated)`)
  const insertEvent = sqlite.prepare(
    'insert into record_events (record_id, actor_id, action, from_status, to_status, comment, detail, at) values (?, ?, ?, ?, ?, ?, null, ?)',
  )
  const insertCohort = sqlite.prepare('insert into cohorts (name, starts_on, created_by, created_at) values (?, ?, ?, ?)')
  const insertMember = sqlite.prepare('insert into cohort_members (cohort_id, user_id, added_at) values (?, ?, ?)')
  const insertProgress = sqlite.prepare(
    'insert into lesson_progress (user_id, course_slug, lesson_slug, best_score, attempts, completed_at, last_attempt_at) values (?, ?, ?, 1, 1, ?, ?)',
  )
  const insertCertificate =
    sqlite.prepare(`insert into certificates (serial, code, user_id, program_slug, program_title, holder_name, issued_at, issued_by, issuer_name, requirements, expires_at)
    values (?, ?, ?, 'introductory-kap', 'Introductory KAP', ?, ?, ?, 'Staff Member 1', '{"requirements":[]}', null)`)
  const insertAudit = sqlite.prepare('insert into audit_log (at, actor_id, action, subject, detail, ip) values (?, ?, ?, ?, ?, ?)')

  const result = {
    staff: [] as number[],
    supervisors: [] as { id: number; name: string }[],
    fellows: [] as number[],
    records: 0,
    events: 0,
    certificates: [] as string[],
    cohorts: 0,
  }
  sqlite.transaction(() => {
    for (let i = 1; i <= 5; i++) {
      const id = Number(insertUser.run(`staff${i}@large.test`, `Staff Member ${i}`, passwordHash, iso(now - 800 * DAY), null, null, null).lastInsertRowid)
      insertRole.run(id, 'staff')
      result.staff.push(id)
    }
    for (let i = 1; i <= supervisors; i++) {
      const name = `Supervisor ${i}`
      const id = Number(
        insertUser.run(
          `supervisor${i}@large.test`,
          name,
          passwordHash,
          iso(now - 800 * DAY),
          pick(['LMFT', 'LPCC', 'LCSW', 'PsyD']),
          String(10000 + i),
          pick(['CA', 'NY', 'UT', 'VT']),
        ).lastInsertRowid,
      )
      insertRole.run(id, 'supervisor')
      result.supervisors.push({ id, name })
    }
    for (let i = 1; i <= fellows; i++) {
      const id = Number(insertUser.run(`fellow${i}@large.test`, `Fellow ${i}`, passwordHash, iso(now - 760 * DAY), null, null, null).lastInsertRowid)
      insertRole.run(id, 'trainee')
      insertRole.run(id, 'fellow')
      const supervisor = result.supervisors[(i - 1) % supervisors]!
      insertAssignment.run(id, supervisor.id, iso(now - 700 * DAY), result.staff[0])
      insertClearance.run(id, day(now - 720 * DAY), day(now + 200 * DAY), 'Dr. Large Seed, MD', result.staff[0], iso(now - 720 * DAY))
      result.fellows.push(id)
    }

    const kinds: RecordKind[] = ['experiential', 'sitter', 'practicum', 'practicum', 'supervision']
    const perFellow = Math.max(1, Math.round(records / fellows))
    for (const [index, fellow] of result.fellows.entries()) {
      const supervisor = result.supervisors[(fellow - result.fellows[0]!) % supervisors]!
      const license = sqlite.prepare('select license_type, license_number, license_state from users where id = ?').get(supervisor.id) as {
        license_type: string
        license_number: string
        license_state: string
      }
      for (let n = 0; n < perFellow && result.records < records; n++) {
        const kind = pick(kinds)
        const r = random()
        const status: RecordStatus = r < 0.72 ? 'approved' : r < 0.84 ? 'submitted' : r < 0.94 ? 'draft' : 'returned'
        const occurred = now - Math.floor(random() * 700 + 1) * DAY
        const created = occurred + 3 * 3_600_000
        const submitted = status === 'draft' ? null : created + 3_600_000
        const decided = status === 'approved' || status === 'returned' ? submitted! + Math.floor(random() * 10 + 1) * DAY : null
        const minutes = kind === 'experiential' || kind === 'sitter' ? 120 + Math.floor(random() * 4) * 30 : 30 + Math.floor(random() * 6) * 15
        // The categories boards count: supervision or consultation, individual or group (with its size);
        // practicum in direct or indirect contact; a sitter session's clock times and, often, a co-sitter
        // (a neighbouring fellow) who confirmed it before it went to the supervisor.
        const format = kind === 'supervision' ? pick(['individual', 'individual', 'group']) : null
        const startedAt = kind === 'sitter' ? `${String(8 + Math.floor(random() * 10)).padStart(2, '0')}:${pick(['00', '15', '30', '45'])}` : null
        const coSitter = kind === 'sitter' && random() < 0.6 ? result.fellows[(index + 1) % result.fellows.length]! : null
        const recordId = Number(
          insertRecord.run({
            fellow,
            kind,
            status,
            version: status === 'draft' ? 1 : status === 'submitted' ? 2 : 3,
            date: day(occurred),
            minutes,
            setting: random() < 0.7 ? 'in_person' : 'virtual',
            route: kind === 'experiential' ? pick(['intramuscular', 'sublingual', 'intravenous']) : null,
            team: kind === 'experiential' ? 'Desert Integrative Medicine' : null,
            participant: kind === 'sitter' ? `P-${String(Math.floor(random() * 900 + 100)).padStart(4, '0')}` : null,
            role: kind === 'sitter' ? pick(['lead', 'co-sitter']) : null,
            phase: kind === 'practicum' ? pick(['preparation', 'dosing-support', 'integration']) : null,
            client: kind === 'practicum' ? `C-${String(Math.floor(random() * 900 + 100)).padStart(4, '0')}` : null,
            format,
            supName: kind === 'supervision' ? supervisor.name : null,
            supType: kind === 'supervision' ? (random() < 0.25 ? 'consultation' : 'supervision') : null,
            groupSize: format === 'group' ? 3 + Math.floor(random() * 8) : null,
            contact: kind === 'practicum' ? (random() < 0.65 ? 'direct' : 'indirect') : null,
            startedAt,
            endedAt: startedAt ? clockAfter(startedAt, minutes) : null,
            coSitter,
            coSitterConfirmed: coSitter && submitted ? iso(submitted - 1_800_000) : null,
            notes: random() < 0.3 ? 'Steady session; practised non-directive presence.' : null,
            submitted: submitted ? iso(submitted) : null,
            decided: decided ? iso(decided) : null,
            decidedBy: decided ? supervisor.id : null,
            comment: status === 'returned' ? 'Please check the duration.' : null,
            approver: status === 'approved' ? supervisor.name : null,
            lt: status === 'approved' ? license.license_type : null,
            ln: status === 'approved' ? license.license_number : null,
            ls: status === 'approved' ? license.license_state : null,
            created: iso(created),
            updated: iso(decided ?? submitted ?? created),
          }).lastInsertRowid,
        )
        result.records += 1
        insertEvent.run(recordId, fellow, 'create', null, 'draft', null, iso(created))
        result.events += 1
        if (submitted) {
          insertEvent.run(recordId, fellow, 'submit', 'draft', 'submitted', null, iso(submitted))
          result.events += 1
        }
        if (decided) {
          insertEvent.run(
            recordId,
            supervisor.id,
            status === 'approved' ? 'approve' : 'return',
            'submitted',
            status,
            status === 'returned' ? 'Please check the duration.' : null,
            iso(decided),
          )
          result.events += 1
        }
      }
    }

    const lessons = ['history', 'pharmacology', 'evidence-base', 'sequential-model']
    result.fellows.forEach((fellow, i) => {
      if (i % cohortSize === 0) {
        const cohortId = Number(insertCohort.run(`Cohort ${i / cohortSize + 1}`, day(now - 700 * DAY), result.staff[0], iso(now - 700 * DAY)).lastInsertRowid)
        result.cohorts = cohortId
      }
      insertMember.run(result.cohorts, fellow, iso(now - 700 * DAY))
      if (i % 3 === 0) for (const lesson of lessons) insertProgress.run(fellow, 'intro-kap', lesson, iso(now - 600 * DAY), iso(now - 600 * DAY))
    })

    const year = new Date(now).getUTCFullYear()
    for (let i = 0; i < Math.min(1000, result.fellows.length); i++) {
      const code = encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(16)))
      insertCertificate.run(`KAP-${year}-${String(i + 1).padStart(6, '0')}`, code, result.fellows[i]!, `Fellow ${i + 1}`, iso(now - 100 * DAY), result.staff[0])
      result.certificates.push(code)
    }
    for (let i = 0; i < records / 5; i++) {
      insertAudit.run(
        iso(now - Math.floor(random() * 700) * DAY),
        pick(result.staff),
        pick(['user.roles', 'clearance.record', 'supervisor.assign', 'certificate.issue']),
        `user:${pick(result.fellows)}`,
        null,
        '127.0.0.1',
      )
    }
  })()
  // Every supervisor's license checked by staff and valid for two more years, so approvals are possible.
  sqlite
    .prepare(
      `update users set license_status = 'verified', license_expires_on = ?, license_checked_at = ?, license_check_note = 'state board lookup' where license_type is not null`,
    )
    .run(day(now + 730 * DAY), iso(now))
  sqlite.pragma('synchronous = NORMAL')
  sqlite.pragma('optimize')
  sqlite.close()
  return result
}

/**
 * The same program at scale in either engine: SQLite is filled directly; a PostgreSQL
 * database (new and empty) gets the SQLite fill through db:copy, so both hold identical data.
 */
export async function seedLargeInto(target: string, options: LargeOptions = {}) {
  if (!isPostgresUrl(target)) return seedLarge(target, options)
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-large-'))
  try {
    const file = path.join(dir, 'large.db')
    const result = await seedLarge(file, options)
    await copyDatabase({ from: file, to: target })
    return result
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}
