import { createHash } from 'node:crypto'
import type { Database } from '#db/connection.ts'
import type { RecordKind, RecordStatus } from '#db/schema.ts'
import { formatSerial, generateVerificationCode } from '#app/certificates/codes.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { signedContentText } from '#app/supervision/signature.ts'

/** A date `days` before `from`, as YYYY-MM-DD. */
export function daysAgo(days: number, from = new Date()) {
  return new Date(from.getTime() - days * 86_400_000).toISOString().slice(0, 10)
}

/** A medical clearance as staff record it: from `grantedOn` until `expiresOn`, by the demo's clinician. */
export async function insertClearance(
  db: Database,
  {
    fellowId,
    recordedBy,
    grantedOn = daysAgo(400),
    expiresOn = daysAgo(-100),
  }: { fellowId: number; recordedBy: number; grantedOn?: string; expiresOn?: string },
) {
  await db
    .insertInto('medical_clearances')
    .values({
      fellow_id: fellowId,
      granted_on: grantedOn,
      expires_on: expiresOn,
      clinician: 'Dr. Priya Natarajan, MD',
      recorded_by: recordedBy,
      recorded_at: new Date().toISOString(),
    })
    .execute()
}

type SeedRecord = {
  fellowId: number
  kind: RecordKind
  status: RecordStatus
  occurredOn: string
  minutes: number
  supervisor?: {
    id: number
    name: string
    license_type: string | null
    license_number: string | null
    license_state: string | null
    license_expires_on?: string | null
    license_checked_at?: string | null
  }
  comment?: string
  /** column values that replace the kind's defaults below (null: not recorded, as on a record logged before a column existed) */
  fields?: Record<string, string | number | null>
  /** An approval signed under this statement (the signature the supervisor typed is their name). */
  attestation?: { version: string; sha256: string }
}

/** "HH:MM" `minutes` after `start` on a 24-hour clock (past midnight is the next day). */
export function clockAfter(start: string, minutes: number) {
  const [h, m] = start.split(':').map(Number) as [number, number]
  const total = (h * 60 + m + minutes) % (24 * 60)
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`
}

// What each kind of record says unless a seed says otherwise: every category a board counts is
// recorded (practicum in direct contact, supervision mostly individual), and a sitter session
// has clock times that match its minutes.
const KIND_FIELDS: Record<RecordKind, (n: number, minutes: number) => Record<string, string | number | null>> = {
  experiential: () => ({
    route: 'intramuscular',
    medical_team: 'Dr. Priya Natarajan, MD (Desert Integrative Medicine)',
    preparation_notes: 'Set intentions around steadiness and curiosity.',
    integration_notes: 'Noticed how quickly I wanted to narrate the experience; practised staying with it.',
  }),
  sitter: (n, minutes) => {
    const start = `${String(9 + (n % 4) * 2).padStart(2, '0')}:${n % 2 ? '30' : '00'}`
    return {
      participant_code: `P-${String(100 + n).padStart(4, '0')}`,
      sitter_role: n % 3 === 0 ? 'lead' : 'co-sitter',
      notes: 'Held silence; offered grounding once when asked.',
      started_at: start,
      ended_at: clockAfter(start, minutes),
    }
  },
  practicum: (n) => ({
    phase: ['preparation', 'dosing-support', 'integration'][n % 3]!,
    client_code: `C-${String(200 + (n % 7)).padStart(4, '0')}`,
    practicum_contact: 'direct',
  }),
  supervision: (n) =>
    n % 3 === 2
      ? { supervision_type: 'supervision', supervision_format: 'group', group_size: 4 + (n % 5), supervisor_name: 'Dr. Jonah Lee (group supervision)' }
      : { supervision_type: 'supervision', supervision_format: 'individual', group_size: null, supervisor_name: 'Dr. Maya Reyes' },
}

/** Inserts a record with the events its status implies (created → submitted → decided). */
export async function insertRecord(db: Database, r: SeedRecord, n: number) {
  const created = `${r.occurredOn}T20:00:00.000Z`
  const submitted = r.status === 'draft' ? null : `${r.occurredOn}T21:00:00.000Z`
  const decided = r.status === 'approved' || r.status === 'returned' ? new Date(new Date(created).getTime() + 2 * 86_400_000).toISOString() : null
  const { id } = await db
    .insertInto('records')
    .values({
      fellow_id: r.fellowId,
      kind: r.kind,
      status: r.status,
      version: r.status === 'draft' ? 1 : r.status === 'submitted' ? 2 : 3,
      occurred_on: r.occurredOn,
      minutes: r.minutes,
      setting: n % 4 === 0 ? 'virtual' : 'in_person',
      ...KIND_FIELDS[r.kind](n, r.minutes),
      ...r.fields,
      submitted_at: submitted,
      decided_at: decided,
      decided_by: decided ? (r.supervisor?.id ?? null) : null,
      return_comment: r.status === 'returned' ? (r.comment ?? 'Please add the route and the medical team.') : null,
      approver_name: r.status === 'approved' ? (r.supervisor?.name ?? null) : null,
      approver_license_type: r.status === 'approved' ? (r.supervisor?.license_type ?? null) : null,
      approver_license_number: r.status === 'approved' ? (r.supervisor?.license_number ?? null) : null,
      approver_license_state: r.status === 'approved' ? (r.supervisor?.license_state ?? null) : null,
      approver_license_expires_on: r.status === 'approved' ? (r.supervisor?.license_expires_on ?? null) : null,
      approver_license_verified_at: r.status === 'approved' ? (r.supervisor?.license_checked_at ?? null) : null,
      ...(r.status === 'approved' && r.supervisor && r.attestation
        ? { attestation_version: r.attestation.version, attestation_sha256: r.attestation.sha256, signed_name: r.supervisor.name }
        : {}),
      created_at: created,
      updated_at: decided ?? submitted ?? created,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (r.status === 'approved' && r.supervisor && r.attestation) {
    // The signature covers the record's content as approved, hashed as the approval does.
    const row = await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const signed = createHash('sha256').update(signedContentText(row)).digest('hex')
    await db.updateTable('records').set({ signed_content_sha256: signed }).where('id', '=', id).execute()
  }
  const events: { action: string; from: RecordStatus | null; to: RecordStatus; at: string; actor: number; comment?: string | null }[] = [
    { action: 'create', from: null, to: 'draft', at: created, actor: r.fellowId },
  ]
  if (submitted) events.push({ action: 'submit', from: 'draft', to: 'submitted', at: submitted, actor: r.fellowId })
  if (decided && r.supervisor) {
    events.push({
      action: r.status === 'approved' ? 'approve' : 'return',
      from: 'submitted',
      to: r.status,
      at: decided,
      actor: r.supervisor.id,
      comment: r.status === 'returned' ? (r.comment ?? 'Please add the route and the medical team.') : null,
    })
  }
  await db
    .insertInto('record_events')
    .values(
      events.map((e) => ({
        record_id: id,
        actor_id: e.actor,
        action: e.action,
        from_status: e.from,
        to_status: e.to,
        comment: e.comment ?? null,
        detail: null,
        at: e.at,
      })),
    )
    .execute()
  return id
}

/**
 * The demo program: licenses, assignments, clearances, a cohort, course progress
 * and records in every state, so each role has something real to look at.
 */
export async function seedDemoProgram(db: Database, ids: Record<string, number>, courses: { slug: string; lessons: string[] }[]) {
  const now = new Date().toISOString()
  const id = (email: string) => ids[email]!
  const staff = id('staff@kap.test')
  // Both licenses verified by staff; Jonah's expires within the 60-day notice, so the reminder shows.
  const verified = { license_status: 'verified' as const, license_checked_at: now, license_checked_by: staff, license_check_note: 'state board lookup' }
  await db
    .updateTable('users')
    .set({ license_type: 'LMFT', license_number: '98765', license_state: 'CA', license_expires_on: daysAgo(-400), ...verified })
    .where('id', '=', id('supervisor1@kap.test'))
    .execute()
  await db
    .updateTable('users')
    .set({ license_type: 'LPCC', license_number: '4321', license_state: 'NY', license_expires_on: daysAgo(-45), ...verified })
    .where('id', '=', id('supervisor2@kap.test'))
    .execute()
  const supervisors = await db
    .selectFrom('users')
    .select(['id', 'name', 'license_type', 'license_number', 'license_state', 'license_expires_on', 'license_checked_at'])
    .where('id', 'in', [id('supervisor1@kap.test'), id('supervisor2@kap.test')])
    .orderBy('id')
    .execute()
  const [maya, jonah] = supervisors as [(typeof supervisors)[number], (typeof supervisors)[number]]

  const assignments: [string, number][] = [
    ['fellow1@kap.test', maya.id],
    ['fellow1@kap.test', jonah.id],
    ['fellow2@kap.test', maya.id],
    ['fellow3@kap.test', jonah.id],
    ['fellow4@kap.test', jonah.id],
  ]
  await db
    .insertInto('supervisor_assignments')
    .values(assignments.map(([fellow, supervisor]) => ({ fellow_id: id(fellow), supervisor_id: supervisor, assigned_at: now, assigned_by: staff })))
    .execute()

  const clearance = (fellow: string, grantedDaysAgo: number, expiresInDays: number) => ({
    fellow_id: id(fellow),
    granted_on: daysAgo(grantedDaysAgo),
    expires_on: daysAgo(-expiresInDays),
    clinician: 'Dr. Priya Natarajan, MD',
    recorded_by: staff,
    recorded_at: now,
  })
  await db
    .insertInto('medical_clearances')
    .values([clearance('fellow1@kap.test', 400, 200), clearance('fellow2@kap.test', 200, 150), clearance('fellow4@kap.test', 700, -300)])
    .execute()

  const { id: cohortId } = await db
    .insertInto('cohorts')
    .values({ name: 'Fellowship cohort 2026', starts_on: daysAgo(330), created_by: staff, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('cohort_members')
    .values(
      ['fellow1@kap.test', 'fellow2@kap.test', 'fellow3@kap.test', 'fellow4@kap.test'].map((f) => ({ cohort_id: cohortId, user_id: id(f), added_at: now })),
    )
    .execute()

  // Avery (fellow1) has done everything; Bianca (fellow2) is well along; Elena (trainee1) has started.
  const complete = async (email: string, course: { slug: string; lessons: string[] }, count = course.lessons.length) => {
    const rows = course.lessons.slice(0, count).map((lesson, i) => ({
      user_id: id(email),
      course_slug: course.slug,
      lesson_slug: lesson,
      best_score: 1,
      attempts: 1,
      completed_at: daysAgo(300 - i),
      last_attempt_at: daysAgo(300 - i),
    }))
    if (rows.length) await db.insertInto('lesson_progress').values(rows).execute()
  }
  for (const course of courses) await complete('fellow1@kap.test', course)
  if (courses[0]) await complete('fellow2@kap.test', courses[0])
  if (courses[1]) await complete('fellow2@kap.test', courses[1], 3)
  if (courses[0]) await complete('trainee1@kap.test', courses[0], 2)

  // Approvals are signed under the statement in force (the same rule as the review page's).
  const today = daysAgo(0)
  const attestations = getCatalog().attestations
  const statement = attestations.filter((a) => a.effective <= today).at(-1) ?? attestations[0]
  const attestation = statement ? { version: statement.version, sha256: statement.sha256 } : undefined

  let n = 0
  const add = (r: Omit<SeedRecord, 'supervisor'> & { supervisor?: SeedRecord['supervisor'] }) => insertRecord(db, { attestation, ...r }, n++)
  const fellow1 = id('fellow1@kap.test')
  const fellow2 = id('fellow2@kap.test')
  const fellow3 = id('fellow3@kap.test')
  /** A sitter session shared with another demo fellow, who confirmed it from their own account that evening, before it went to the supervisor. */
  const coSitter = (fellowId: number, occurredOn: string) => ({ co_sitter_id: fellowId, co_sitter_confirmed_at: `${occurredOn}T20:30:00.000Z` })
  // Supervision as boards count it: individual and group supervision, and consultation apart.
  const individual = { supervision_type: 'supervision', supervision_format: 'individual', group_size: null, supervisor_name: 'Dr. Jonah Lee' }
  const group = (size: number) => ({
    supervision_type: 'supervision',
    supervision_format: 'group',
    group_size: size,
    supervisor_name: 'Dr. Jonah Lee (group supervision)',
  })
  const consultation = (size: number | null) => ({
    supervision_type: 'consultation',
    supervision_format: size ? 'group' : 'individual',
    group_size: size,
    supervisor_name: size ? 'KAP peer consultation group' : 'Dr. Maya Reyes (consultation)',
  })

  // Avery: every requirement met, with room in each category: 28 h of the 40 h practicum in direct
  // contact (20 needed), 7 h of the 12 h supervision individual (6 needed), the rest group or consultation.
  for (let i = 0; i < 12; i++)
    await add({ fellowId: fellow1, kind: 'experiential', status: 'approved', occurredOn: daysAgo(300 - i * 20), minutes: 150, supervisor: maya })
  for (let i = 0; i < 12; i++) {
    const occurredOn = daysAgo(290 - i * 20)
    await add({
      fellowId: fellow1,
      kind: 'sitter',
      status: 'approved',
      occurredOn,
      minutes: 180,
      supervisor: i % 2 ? jonah : maya,
      fields: i % 3 === 0 ? coSitter(fellow2, occurredOn) : undefined,
    })
  }
  for (let i = 0; i < 20; i++)
    await add({
      fellowId: fellow1,
      kind: 'practicum',
      status: 'approved',
      occurredOn: daysAgo(250 - i * 10),
      minutes: 120,
      supervisor: maya,
      fields: { practicum_contact: i % 10 < 7 ? 'direct' : 'indirect' },
    })
  const averySupervision = [
    individual,
    individual,
    group(5),
    individual,
    consultation(null),
    individual,
    group(6),
    individual,
    individual,
    consultation(4),
    group(5),
    individual,
  ]
  for (const [i, fields] of averySupervision.entries())
    await add({ fellowId: fellow1, kind: 'supervision', status: 'approved', occurredOn: daysAgo(245 - i * 14), minutes: 60, supervisor: jonah, fields })

  for (let i = 0; i < 7; i++)
    await add({ fellowId: fellow2, kind: 'experiential', status: 'approved', occurredOn: daysAgo(180 - i * 14), minutes: 150, supervisor: maya })
  for (let i = 0; i < 2; i++) await add({ fellowId: fellow2, kind: 'experiential', status: 'submitted', occurredOn: daysAgo(20 - i * 7), minutes: 150 })
  for (let i = 0; i < 4; i++) {
    const occurredOn = daysAgo(170 - i * 14)
    await add({
      fellowId: fellow2,
      kind: 'sitter',
      status: 'approved',
      occurredOn,
      minutes: 180,
      supervisor: maya,
      fields: i % 2 === 0 ? coSitter(fellow1, occurredOn) : undefined,
    })
  }
  await add({
    fellowId: fellow2,
    kind: 'sitter',
    status: 'returned',
    occurredOn: daysAgo(12),
    minutes: 120,
    supervisor: maya,
    comment: 'Please confirm whether you were lead or co-sitter, and check the duration.',
  })
  // Bianca's first practicum record was logged before records said direct or indirect: "not recorded".
  for (let i = 0; i < 6; i++)
    await add({
      fellowId: fellow2,
      kind: 'practicum',
      status: i < 4 ? 'approved' : 'submitted',
      occurredOn: daysAgo(90 - i * 9),
      minutes: 90,
      supervisor: maya,
      fields: { practicum_contact: i === 0 ? null : i === 2 ? 'indirect' : 'direct' },
    })
  await add({ fellowId: fellow2, kind: 'supervision', status: 'draft', occurredOn: daysAgo(3), minutes: 60, fields: group(7) })

  // Avery already holds the Introductory KAP certificate: something to verify from day one.
  const issued = new Date(Date.now() - 200 * 86_400_000)
  await db
    .insertInto('certificates')
    .values({
      serial: formatSerial(issued.getUTCFullYear(), 1),
      code: generateVerificationCode(),
      user_id: fellow1,
      program_slug: 'introductory-kap',
      program_title: 'Introductory KAP',
      holder_name: 'Avery Chen',
      issued_at: issued.toISOString(),
      issued_by: staff,
      issuer_name: 'Sam Okafor',
      requirements: JSON.stringify({
        requirements: [{ label: 'Introductory KAP course', have: 8, need: 8 }],
        coursesCompleted: ['intro-kap'],
        supervisors: [],
      }),
    })
    .execute()

  // Caleb's sitter session went to Jonah once Bianca, his co-sitter, confirmed it.
  await add({ fellowId: fellow3, kind: 'sitter', status: 'submitted', occurredOn: daysAgo(9), minutes: 120, fields: coSitter(fellow2, daysAgo(9)) })
  await add({ fellowId: fellow3, kind: 'practicum', status: 'submitted', occurredOn: daysAgo(8), minutes: 60, fields: { practicum_contact: 'indirect' } })
  await add({ fellowId: fellow3, kind: 'supervision', status: 'approved', occurredOn: daysAgo(30), minutes: 90, supervisor: jonah, fields: consultation(6) })
}
