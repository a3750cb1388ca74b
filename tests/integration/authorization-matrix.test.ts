import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, test } from 'vitest'
import { daysAgo, insertClearance, insertRecord } from '#app/demo/program.server.ts'
import { createSession } from '#app/auth/session.server.ts'
import { generateToken, hashToken } from '#app/auth/tokens.ts'
import { generateVerificationCode } from '#app/certificates/codes.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import { generateSummary } from '#app/summaries/summaries.server.ts'
import { createUser, NO_CLIENT, request, run, uniqueEmail, type Outcome, type TestUser } from '#tests/helpers.ts'
import { fillPattern, routeManifest, type RouteEntry } from '#tests/support/route-manifest.ts'
import { signed, VERIFIED } from '#tests/support/licenses.ts'
import { evaluation } from '#tests/support/supervision.ts'

/**
 * The authorization matrix: every route module under app/routes (read from the
 * file system, so a new route appears here by itself), its loader (GET) and its
 * action (POST), as each of six people, aimed at other people's things. One
 * table says what each of them gets; a route without a row fails.
 *
 * Besides the status: every refusal (403) is logged as `access.denied`; a
 * signed-out visitor to a protected page is sent to /login; and no response
 * ever carries the private content of a record its reader may not see.
 */

// ---------------------------------------------------------------- the people

const ROLES = ['anon', 'trainee', 'fellow', 'supervisor', 'unassignedSupervisor', 'staff'] as const
type RoleName = (typeof ROLES)[number]
type Person = Exclude<RoleName, 'anon'>

/**
 * One expected status per person, in this order:
 *   anon     — signed out
 *   trainee  — ['trainee']
 *   fellow   — ['trainee', 'fellow'], another fellow (the bystander, see below)
 *   sup      — ['supervisor'], assigned to the victim fellow
 *   other    — ['supervisor'], not assigned to the victim (assigned to the bystander instead)
 *   staff    — ['staff']
 */
type Statuses = readonly [anon: number, trainee: number, fellow: number, sup: number, other: number, staff: number]

// ---------------------------------------------------------------- private content

// Unique strings in records' private fields. A response may contain a group's
// markers only when its reader may see those records.
const tag = randomBytes(5).toString('hex').toUpperCase()
const MARKERS = {
  /** The victim fellow's submitted and approved records (notes, preparation/integration notes, participant code). */
  victim: [`VICTIM-NOTES-${tag}`, `PVX-${tag}`],
  /** The victim's draft: their own working note; even the assigned supervisor does not see it. */
  draft: [`VICTIM-DRAFT-${tag}`],
  /** The bystander fellow's (the `fellow` role's) own record. */
  bystander: [`BYSTANDER-NOTES-${tag}`],
} as const
type MarkerGroup = keyof typeof MARKERS

const MAY_SEE: Record<MarkerGroup, readonly RoleName[]> = {
  victim: ['supervisor', 'staff'],
  draft: ['staff'],
  bystander: ['fellow', 'unassignedSupervisor', 'staff'],
}

// ---------------------------------------------------------------- fixtures

type Fixtures = {
  users: Record<Person, TestUser>
  victim: TestUser
  /** The victim's submitted experiential record, private notes in every field. */
  record: number
  /** The victim's approved sitter record (participant code), decided by their supervisor. */
  approved: number
  /** The victim's draft. */
  draft: number
  /** The bystander's submitted record. */
  bystanderRecord: number
  certificate: { id: number; code: string }
  summary: { id: number; code: string }
  unknownCode: string
  cohort: number
  inviteToken: string
  resetToken: string
  victimSessionId: string
  course: { open: string; openLesson: string; locked: string; lockedLesson: string }
  /** Documents whose bytes carry the markers of whoever may open them. */
  documents: { attachment: number; draftAttachment: number; letter: number; proof: number }
}

let f: Fixtures
let seq = 0

const LICENSE = { license_type: 'LMFT', license_number: '55501', license_state: 'CA', ...VERIFIED }

async function supervisorWithLicense() {
  const user = await createUser(['supervisor'])
  await db.updateTable('users').set(LICENSE).where('id', '=', user.id).execute()
  return user
}

async function assign(supervisor: TestUser, fellow: TestUser, staff: TestUser) {
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: staff.id })
    .execute()
}

/** A new record of the victim's, on a day of its own (so no daily cap is ever in the way). */
async function victimRecord(status: 'submitted' | 'approved' | 'draft', fields: Record<string, string>) {
  const supervisor = f.users.supervisor
  return insertRecord(
    db,
    {
      fellowId: f.victim.id,
      kind: 'sitter',
      status,
      occurredOn: daysAgo(20 + ++seq),
      minutes: 120,
      supervisor: { id: supervisor.id, name: supervisor.name, ...LICENSE },
      fields,
    },
    seq,
  )
}

/** A fresh submitted record of the victim's (version 2), for actions that would change it. */
const freshSubmitted = () => victimRecord('submitted', { notes: MARKERS.victim[0], participant_code: MARKERS.victim[1] })
/** A fresh approved record of the victim's (version 3). */
const freshApproved = async () => {
  const id = await victimRecord('approved', { notes: MARKERS.victim[0], participant_code: MARKERS.victim[1] })
  const { occurred_on } = await db.selectFrom('records').select('occurred_on').where('id', '=', id).executeTakeFirstOrThrow()
  return { id, occurredOn: occurred_on }
}

/**
 * The victim's calendar: a planned sitter session whose participant code is the draft marker
 * (only its owner sees a planned code, not even the assigned supervisor) and a meeting with the
 * assigned supervisor whose topic is the victim marker; and a fresh feed link of theirs.
 */
async function victimCalendar() {
  const now = new Date()
  const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString()
  const item = (fields: { kind: 'sitter' | 'meeting'; participant_code: string | null; note: string | null }) =>
    db
      .insertInto('planned_items')
      .values({
        owner_id: f.victim.id,
        starts_at: at(3),
        ends_at: at(3.1),
        time_zone: 'UTC',
        minutes: 144,
        setting: 'in_person',
        co_sitter_id: null,
        created_at: at(0),
        updated_at: at(0),
        ...fields,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  const session = await item({ kind: 'sitter', participant_code: MARKERS.draft[0], note: null })
  const meeting = await item({ kind: 'meeting', participant_code: null, note: MARKERS.victim[0] })
  await db.insertInto('planned_item_attendees').values({ item_id: meeting.id, user_id: f.users.supervisor.id }).execute()
  const token = generateToken()
  await db
    .insertInto('calendar_feeds')
    .values({ user_id: f.victim.id, token_hash: hashToken(token), created_at: at(0) })
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: hashToken(token) }))
    .execute()
  return { session: id(session.id), meeting: id(meeting.id), file: `${token}.ics` }
}

/** A group meeting the assigned supervisor recorded with the victim present (its topic the victim marker, as the record's notes). */
async function victimGroupMeeting() {
  const { id: recordId, occurredOn } = await freshApproved()
  const { id: meeting } = await db
    .insertInto('group_meetings')
    .values({
      supervisor_id: f.users.supervisor.id,
      occurred_on: occurredOn,
      minutes: 120,
      setting: 'in_person',
      topic: MARKERS.victim[0],
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('group_meeting_records').values({ meeting_id: meeting, record_id: recordId }).execute()
  return { id: id(meeting), recordId: id(recordId) }
}

/** An unsigned midpoint evaluation of the victim by their supervisor. */
async function victimEvaluation() {
  return { id: id(await evaluation(f.victim, f.users.supervisor, { stage: 'midpoint', signed: false })) }
}

async function insertCertificate(holder: TestUser, issuer: TestUser) {
  const code = generateVerificationCode()
  const issuedAt = new Date().toISOString()
  const { id } = await db
    .insertInto('certificates')
    .values({
      serial: `KAP-${issuedAt.slice(0, 4)}-${String(900_000 + ++seq).padStart(6, '0')}`,
      code,
      user_id: holder.id,
      program_slug: 'introductory-kap',
      program_title: 'Introductory KAP',
      holder_name: holder.name,
      issued_at: issuedAt,
      issued_by: issuer.id,
      issuer_name: issuer.name,
      requirements: JSON.stringify({ courses: ['intro-kap'] }),
      expires_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return { id, code }
}

beforeAll(async () => {
  const staff = await createUser(['staff'], { name: 'Matrix Staff' })
  const trainee = await createUser(['trainee'])
  const bystander = await createUser(['trainee', 'fellow'], { name: 'Bystander Fellow' })
  const supervisor = await supervisorWithLicense()
  const unassignedSupervisor = await supervisorWithLicense()
  const victim = await createUser(['trainee', 'fellow'], { name: 'Victim Fellow' })
  await assign(supervisor, victim, staff)
  await assign(unassignedSupervisor, bystander, staff)

  const users = { trainee, fellow: bystander, supervisor, unassignedSupervisor, staff }
  f = { users, victim } as Fixtures

  const [notes, participant] = MARKERS.victim
  f.record = await insertRecord(
    db,
    {
      fellowId: victim.id,
      kind: 'experiential',
      status: 'submitted',
      occurredOn: daysAgo(10),
      minutes: 150,
      fields: { notes, preparation_notes: `Prep ${notes}`, integration_notes: `Integration ${notes}` },
    },
    ++seq,
  )
  f.approved = await victimRecord('approved', { notes, participant_code: participant })
  f.draft = await victimRecord('draft', { notes: MARKERS.draft[0] })
  f.bystanderRecord = await insertRecord(
    db,
    { fellowId: bystander.id, kind: 'practicum', status: 'submitted', occurredOn: daysAgo(6), minutes: 60, fields: { notes: MARKERS.bystander[0] } },
    ++seq,
  )

  f.certificate = await insertCertificate(victim, staff)
  f.summary = await generateSummary(staff, victim.id, NO_CLIENT)
  f.unknownCode = generateVerificationCode()

  const now = new Date()
  const { id: cohort } = await db
    .insertInto('cohorts')
    .values({ name: `Matrix cohort ${tag}`, starts_on: daysAgo(100), created_by: staff.id, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('cohort_members').values({ cohort_id: cohort, user_id: victim.id, added_at: now.toISOString() }).execute()
  f.cohort = cohort

  f.inviteToken = generateToken()
  await db
    .insertInto('invitations')
    .values({
      token_hash: hashToken(f.inviteToken),
      email: uniqueEmail('invitee'),
      roles: 'fellow',
      invited_by: staff.id,
      expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
      created_at: now.toISOString(),
    })
    .execute()
  f.resetToken = generateToken()
  await db
    .insertInto('password_resets')
    .values({
      token_hash: hashToken(f.resetToken),
      user_id: victim.id,
      expires_at: new Date(now.getTime() + 3_600_000).toISOString(),
      created_at: now.toISOString(),
    })
    .execute()
  f.victimSessionId = hashToken((await createSession(victim.id, 'the victim’s own browser')).token)

  // A PDF is a PDF from its first bytes; the marker after them is what the leak check looks for.
  const pdf = (marker: string) => Buffer.from(`%PDF-1.7\n% ${marker}\n%%EOF\n`)
  const document = async (
    fields: { owner_id: number; kind: 'clearance_letter' | 'license_proof' | 'record_attachment'; clearance_id?: number; record_id?: number },
    marker: string,
  ) => {
    const content = pdf(marker)
    const { id } = await db
      .insertInto('documents')
      .values({
        clearance_id: null,
        record_id: null,
        ...fields,
        content_type: 'application/pdf',
        size: content.length,
        sha256: 'not checked here',
        original_name: 'matrix.pdf',
        content,
        uploaded_by: fields.owner_id,
        uploaded_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  }
  await insertClearance(db, { fellowId: victim.id, recordedBy: staff.id })
  const clearance = await db.selectFrom('medical_clearances').select('id').where('fellow_id', '=', victim.id).executeTakeFirstOrThrow()
  f.documents = {
    attachment: await document({ owner_id: victim.id, kind: 'record_attachment', record_id: f.record }, notes!),
    draftAttachment: await document({ owner_id: victim.id, kind: 'record_attachment', record_id: f.draft }, MARKERS.draft[0]),
    letter: await document({ owner_id: victim.id, kind: 'clearance_letter', clearance_id: clearance.id }, notes!),
    // The assigned supervisor's own: staff and they may open it, as the victim's records.
    proof: await document({ owner_id: supervisor.id, kind: 'license_proof' }, notes!),
  }

  const catalog = getCatalog()
  const open = catalog.courses.find((c) => c.prerequisites.length === 0)!
  const locked = catalog.courses.find((c) => c.prerequisites.length > 0)!
  f.course = { open: open.slug, openLesson: open.lessons[0]!.slug, locked: locked.slug, lockedLesson: locked.lessons[0]!.slug }
})

// ---------------------------------------------------------------- the table

type Params = Record<string, string>
type Form = Record<string, string | string[]>

type Case = {
  /** What this case is about, when a route has more than one. */
  label?: string
  /** Made anew for every person and method, for actions that change what they act on. */
  fresh?: () => Promise<Params>
  /** Route params: must name exactly the route's dynamic segments. */
  params?: (f: Fixtures, fresh: Params) => Params
  query?: (f: Fixtures) => string
  /** The POSTed form: empty unless given (the guard is the point; allowed people then get their 400). */
  form?: (f: Fixtures, fresh: Params) => Form
  get?: Statuses
  post?: Statuses
  /** People whose GET response must show these private markers (proves the leak check can fail). */
  sees?: Partial<Record<RoleName, MarkerGroup[]>>
  /** Checked once all people have been through the case. */
  after?: (f: Fixtures) => Promise<void>
}

const id = (n: number) => String(n)

//                                                     anon trainee fellow  sup other staff
const MATRIX: Record<string, Case | Case[]> = {
  '$.tsx': { params: () => ({ '*': 'no/such/page' }), get: [404, 404, 404, 404, 404, 404] },
  '_index.tsx': { get: [302, 200, 200, 200, 200, 200] },

  'calendar._index.tsx': [
    {
      label: "the calendar, with the victim's planned session and a meeting with the assigned supervisor",
      fresh: victimCalendar,
      get: [302, 403, 200, 200, 200, 403],
      post: [302, 403, 400, 400, 400, 403],
      sees: { supervisor: ['victim'] },
    },
  ],
  'calendar.new.tsx': { get: [302, 403, 200, 200, 200, 403], post: [302, 403, 400, 400, 400, 403] },
  'calendar.$id.tsx': [
    // Only the owner opens a planned item: everyone else who has a calendar is told it does not exist.
    {
      label: "the victim's planned session",
      fresh: victimCalendar,
      params: (_f, fresh) => ({ id: fresh.session! }),
      get: [302, 403, 404, 404, 404, 403],
      post: [302, 403, 404, 404, 404, 403],
    },
    {
      label: "cancelling the victim's meeting",
      fresh: victimCalendar,
      params: (_f, fresh) => ({ id: fresh.meeting! }),
      form: () => ({ intent: 'cancel', version: '1' }),
      post: [302, 403, 404, 404, 404, 403],
    },
  ],
  'calendar.feed.$file.tsx': [
    // The secret is the key (calendar apps cannot sign in); the feed never carries a code or a topic.
    { label: "the victim's feed", fresh: victimCalendar, params: (_f, fresh) => ({ file: fresh.file! }), get: [200, 200, 200, 200, 200, 200] },
    { label: 'a link that was reset or never made', params: () => ({ file: `${'b'.repeat(32)}.ics` }), get: [404, 404, 404, 404, 404, 404] },
  ],

  // A learning agreement: the pair writes it (staff read it); a pair that never was is a 404.
  'agreements.$fellowId.$supervisorId.tsx': [
    {
      label: 'the victim and their supervisor',
      params: (f) => ({ fellowId: id(f.victim.id), supervisorId: id(f.users.supervisor.id) }),
      get: [302, 403, 403, 200, 403, 200],
      post: [302, 403, 403, 400, 403, 403],
    },
    {
      label: 'the victim and a supervisor not theirs',
      params: (f) => ({ fellowId: id(f.victim.id), supervisorId: id(f.users.unassignedSupervisor.id) }),
      get: [302, 404, 404, 404, 404, 404],
      post: [302, 404, 404, 404, 404, 404],
    },
  ],
  'evaluations.new.tsx': [
    {
      label: 'a final evaluation of the victim',
      query: (f) => `?fellow=${f.victim.id}&stage=final`,
      get: [302, 403, 403, 200, 403, 403],
      post: [302, 403, 403, 400, 403, 403],
    },
    { label: 'a fellow who does not exist', query: () => '?fellow=999999&stage=final', get: [302, 403, 403, 404, 404, 403] },
  ],
  'evaluations.$id.tsx': [
    {
      label: "the supervisor's unsigned midpoint evaluation of the victim",
      fresh: victimEvaluation,
      params: (_f, fresh) => ({ id: fresh.id! }),
      get: [302, 403, 403, 200, 403, 200],
      post: [302, 403, 403, 400, 403, 403],
    },
    { label: 'an evaluation that does not exist', params: () => ({ id: '999999' }), get: [302, 404, 404, 404, 404, 404], post: [302, 404, 404, 404, 404, 404] },
  ],

  'certificates._index.tsx': { get: [302, 200, 200, 200, 200, 200] },
  'certificates.$id._index.tsx': { params: (f) => ({ id: id(f.certificate.id) }), get: [302, 404, 404, 404, 404, 200] },
  'certificates.$id.pdf.tsx': { params: (f) => ({ id: id(f.certificate.id) }), get: [302, 404, 404, 404, 404, 200] },
  // The institute's DID document and its revocation list: public, like the verify page.
  '[.]well-known.did[.]json.tsx': { get: [200, 200, 200, 200, 200, 200] },
  'credentials.status.$list.tsx': [
    { label: 'the first revocation list', params: () => ({ list: '1' }), get: [200, 200, 200, 200, 200, 200] },
    { label: 'a list that does not exist', params: () => ({ list: '7' }), get: [404, 404, 404, 404, 404, 404] },
  ],

  'documents.$id.tsx': [
    {
      label: "a file attached to the victim's submitted record",
      params: (f) => ({ id: id(f.documents.attachment) }),
      get: [302, 404, 404, 200, 403, 200],
      sees: { supervisor: ['victim'], staff: ['victim'] },
    },
    {
      label: "a file attached to the victim's draft",
      params: (f) => ({ id: id(f.documents.draftAttachment) }),
      get: [302, 404, 404, 404, 403, 200],
      sees: { staff: ['draft'] },
    },
    {
      label: "the victim's clearance letter",
      params: (f) => ({ id: id(f.documents.letter) }),
      get: [302, 404, 404, 200, 403, 200],
      sees: { supervisor: ['victim'], staff: ['victim'] },
    },
    {
      label: "the assigned supervisor's license proof",
      params: (f) => ({ id: id(f.documents.proof) }),
      get: [302, 404, 404, 200, 403, 200],
      sees: { supervisor: ['victim'], staff: ['victim'] },
    },
    { label: 'a document that does not exist', params: () => ({ id: '99999999' }), get: [302, 404, 404, 404, 404, 404] },
  ],

  'forgot-password.tsx': { get: [200, 302, 302, 302, 302, 302], post: [400, 400, 400, 400, 400, 400] },
  'login.tsx': { get: [200, 302, 302, 302, 302, 302], post: [400, 400, 400, 400, 400, 400] },
  'logout.tsx': { get: [302, 302, 302, 302, 302, 302], post: [302, 302, 302, 302, 302, 302] },
  'invite.$token.tsx': { params: (f) => ({ token: f.inviteToken }), get: [200, 200, 200, 200, 200, 200], post: [400, 400, 400, 400, 400, 400] },
  'reset-password.$token.tsx': { params: (f) => ({ token: f.resetToken }), get: [200, 200, 200, 200, 200, 200], post: [400, 400, 400, 400, 400, 400] },

  'hours._index.tsx': [
    { get: [302, 403, 200, 403, 403, 403], post: [302, 403, 400, 403, 403, 403] },
    {
      label: "bulk-submitting the victim's draft",
      form: (f) => ({ intent: 'submit-selected', selected: `${f.draft}:1` }),
      post: [302, 403, 409, 403, 403, 403],
    },
  ],
  'hours.new.tsx': { get: [302, 403, 200, 403, 403, 403], post: [302, 403, 400, 403, 403, 403] },
  'hours.co-sitting.tsx': [
    { get: [302, 403, 200, 403, 403, 403], post: [302, 403, 400, 403, 403, 403] },
    {
      label: "confirming the victim's sitter record, which names nobody here as the other sitter",
      form: (f) => ({ intent: 'confirm', id: id(f.approved), version: '3' }),
      post: [302, 403, 403, 403, 403, 403],
    },
  ],
  'hours.$id._index.tsx': [
    {
      label: "the victim's submitted record",
      params: (f) => ({ id: id(f.record) }),
      get: [302, 404, 404, 200, 403, 200],
      post: [302, 404, 404, 403, 403, 400],
      sees: { supervisor: ['victim'], staff: ['victim'] },
    },
    {
      label: "the victim's approved record",
      params: (f) => ({ id: id(f.approved) }),
      get: [302, 404, 404, 200, 403, 200],
      sees: { supervisor: ['victim'], staff: ['victim'] },
    },
    { label: "the victim's draft", params: (f) => ({ id: id(f.draft) }), get: [302, 404, 404, 404, 403, 200], sees: { staff: ['draft'] } },
    {
      label: "the bystander's record (the other way round)",
      params: (f) => ({ id: id(f.bystanderRecord) }),
      get: [302, 404, 200, 403, 200, 200],
      sees: { fellow: ['bystander'], unassignedSupervisor: ['bystander'], staff: ['bystander'] },
    },
    {
      label: "commenting on the victim's submitted record",
      params: (f) => ({ id: id(f.record) }),
      form: () => ({ intent: 'comment', body: 'Matrix comment' }),
      post: [302, 404, 404, 302, 403, 403],
    },
    {
      label: "disputing the victim's group record",
      fresh: victimGroupMeeting,
      params: (_f, fresh) => ({ id: fresh.recordId! }),
      form: () => ({ intent: 'dispute', version: '3', reason: 'Matrix dispute' }),
      post: [302, 404, 404, 403, 403, 403],
    },
    {
      label: "submitting the victim's draft",
      params: (f) => ({ id: id(f.draft) }),
      form: () => ({ intent: 'submit', version: '1' }),
      post: [302, 404, 404, 404, 403, 403],
    },
    {
      label: 'amending a fresh approved record',
      fresh: async () => {
        const { id: recordId, occurredOn } = await freshApproved()
        return { id: id(recordId), occurredOn }
      },
      params: (_f, fresh) => ({ id: fresh.id! }),
      form: (_f, fresh) => ({ version: '3', occurredOn: fresh.occurredOn!, minutes: '150', setting: 'in_person', reason: 'Matrix amendment' }),
      post: [302, 404, 404, 403, 403, 302],
    },
  ],
  'hours.$id.attachments.tsx': [
    // Only the fellow attaches files to their own record: other roles are refused at the door, another fellow is told it does not exist.
    { label: "the victim's draft", params: (f) => ({ id: id(f.draft) }), get: [302, 403, 404, 403, 403, 403], post: [302, 403, 404, 403, 403, 403] },
    {
      label: "the bystander's own record",
      params: (f) => ({ id: id(f.bystanderRecord) }),
      get: [302, 403, 200, 403, 403, 403],
      post: [302, 403, 400, 403, 403, 403],
    },
  ],
  'hours.$id.edit.tsx': { params: (f) => ({ id: id(f.draft) }), get: [302, 404, 404, 404, 403, 404], post: [302, 404, 404, 404, 403, 404] },

  'learn._index.tsx': { get: [302, 200, 200, 200, 200, 200] },
  'learn.$course._index.tsx': [
    { label: 'a course open to all', params: (f) => ({ course: f.course.open }), get: [302, 200, 200, 200, 200, 200] },
    { label: 'a course whose prerequisites are not met', params: (f) => ({ course: f.course.locked }), get: [302, 403, 403, 403, 403, 200] },
    { label: 'an unknown course', params: () => ({ course: 'no-such-course' }), get: [302, 404, 404, 404, 404, 404] },
  ],
  'learn.$course.$lesson.tsx': [
    {
      label: 'a course open to all',
      params: (f) => ({ course: f.course.open, lesson: f.course.openLesson }),
      get: [302, 200, 200, 200, 200, 200],
      post: [302, 400, 400, 400, 400, 400],
    },
    {
      label: 'a course whose prerequisites are not met',
      params: (f) => ({ course: f.course.locked, lesson: f.course.lockedLesson }),
      get: [302, 403, 403, 403, 403, 200],
      post: [302, 403, 403, 403, 403, 400],
    },
  ],

  'notifications._index.tsx': [
    { get: [302, 200, 200, 200, 200, 200], post: [302, 400, 400, 400, 400, 400] },
    {
      label: "marking the victim's notification read: nobody else has one with that id",
      fresh: async () => {
        const { id } = await db
          .insertInto('notifications')
          .values({ user_id: f.victim.id, kind: 'returned', params: '{}', text: 'Victim note', link: '/hours', created_at: new Date().toISOString() })
          .returning('id')
          .executeTakeFirstOrThrow()
        return { id: String(id) }
      },
      form: (_f, fresh) => ({ intent: 'read', id: fresh.id! }),
      post: [302, 404, 404, 404, 404, 404],
      after: async (f) => {
        const read = await db.selectFrom('notifications').select('id').where('user_id', '=', f.victim.id).where('read_at', 'is not', null).execute()
        expect(read, "the victim's notifications stay unread whoever posts their ids").toEqual([])
      },
    },
  ],
  'programs.$slug.tsx': [
    { params: () => ({ slug: 'practitioner-fellowship' }), get: [200, 200, 200, 200, 200, 200] },
    { label: 'an unknown program', params: () => ({ slug: 'no-such-program' }), get: [404, 404, 404, 404, 404, 404] },
  ],

  'review._index.tsx': [
    { get: [302, 403, 403, 200, 200, 403], post: [302, 403, 403, 400, 400, 403] },
    {
      label: 'bulk-approving a fresh record of the victim',
      fresh: async () => ({ id: id(await freshSubmitted()) }),
      form: (f, fresh) => ({ intent: 'approve-selected', selected: `${fresh.id}:2`, ...signed(f.users.supervisor) }),
      post: [302, 403, 403, 302, 403, 403],
    },
  ],
  'review.$id.tsx': [
    { params: (f) => ({ id: id(f.record) }), get: [302, 403, 403, 200, 403, 403], post: [302, 403, 403, 400, 403, 403], sees: { supervisor: ['victim'] } },
    { label: "the victim's draft", params: (f) => ({ id: id(f.draft) }), get: [302, 403, 403, 404, 403, 403] },
    {
      label: 'approving a fresh record of the victim',
      fresh: async () => ({ id: id(await freshSubmitted()) }),
      params: (_f, fresh) => ({ id: fresh.id! }),
      form: (f) => ({ decision: 'approve', version: '2', ...signed(f.users.supervisor) }),
      post: [302, 403, 403, 302, 403, 403],
    },
    {
      label: "commenting on the victim's record",
      params: (f) => ({ id: id(f.record) }),
      form: () => ({ intent: 'comment', body: 'Matrix comment from the review page' }),
      post: [302, 403, 403, 302, 403, 403],
    },
  ],
  'review.fellows.$fellowId.tsx': { params: (f) => ({ fellowId: id(f.victim.id) }), get: [302, 403, 403, 200, 403, 200] },
  'review.group-supervision._index.tsx': { get: [302, 403, 403, 200, 200, 403] },
  'review.group-supervision.new.tsx': [
    { get: [302, 403, 403, 200, 200, 403], post: [302, 403, 403, 400, 400, 403] },
    {
      label: 'marking the victim and the bystander present (each supervisor has only one of them)',
      form: (f) => ({
        occurredOn: daysAgo(1),
        minutes: '60',
        setting: 'virtual',
        topic: 'Matrix meeting',
        fellowIds: [id(f.victim.id), id(f.users.fellow.id)],
        ...signed(f.users.supervisor),
      }),
      post: [302, 403, 403, 403, 403, 403],
    },
  ],
  'review.group-supervision.$id.tsx': [
    {
      label: "a meeting the victim's supervisor recorded",
      fresh: victimGroupMeeting,
      params: (_f, fresh) => ({ id: fresh.id! }),
      get: [302, 403, 403, 200, 403, 403],
      post: [302, 403, 403, 400, 403, 403],
      sees: { supervisor: ['victim'] },
    },
    {
      label: 'withdrawing the victim from a fresh meeting',
      fresh: victimGroupMeeting,
      params: (_f, fresh) => ({ id: fresh.id! }),
      form: (_f, fresh) => ({ intent: 'withdraw', recordId: fresh.recordId!, version: '3', reason: 'Matrix withdrawal' }),
      post: [302, 403, 403, 302, 403, 403],
    },
    { label: 'a meeting that does not exist', params: () => ({ id: '99999999' }), get: [302, 403, 403, 404, 404, 403] },
  ],

  'settings._index.tsx': { get: [302, 200, 200, 200, 200, 200], post: [302, 400, 400, 400, 400, 400] },
  'settings.license-proof.tsx': { get: [302, 403, 403, 200, 200, 403], post: [302, 403, 403, 400, 400, 403] },
  'settings.license.tsx': { get: [302, 403, 403, 200, 200, 403], post: [302, 403, 403, 400, 400, 403] },
  'settings.notifications.tsx': { get: [302, 200, 200, 200, 200, 200], post: [302, 400, 400, 400, 400, 400] },
  'settings.time-zone.tsx': { get: [302, 200, 200, 200, 200, 200], post: [302, 400, 400, 400, 400, 400] },
  'settings.sessions.tsx': [
    { get: [302, 200, 200, 200, 200, 200], post: [302, 400, 400, 400, 400, 400] },
    {
      label: "ending the victim's session",
      form: (f) => ({ intent: 'end-one', sessionId: f.victimSessionId }),
      // Signed out: to the login page; anyone else is told no such session of theirs exists.
      post: [302, 409, 409, 409, 409, 409],
      after: async (f) => {
        const session = await db.selectFrom('sessions').select('id').where('id', '=', f.victimSessionId).executeTakeFirst()
        expect(session, "the victim's session survives everyone else's attempts to end it").toBeDefined()
      },
    },
  ],

  'staff._index.tsx': { get: [302, 403, 403, 403, 403, 200] },
  'staff.audit.tsx': { get: [302, 403, 403, 403, 403, 200] },
  'staff.certificates._index.tsx': [
    { get: [302, 403, 403, 403, 403, 200], post: [302, 403, 403, 403, 403, 400] },
    {
      label: "bulk-revoking a fresh certificate of the victim's",
      fresh: async () => ({ id: id((await insertCertificate(f.victim, f.users.staff)).id) }),
      form: (_f, fresh) => ({ intent: 'revoke-selected', selected: fresh.id!, reason: 'Matrix bulk revocation' }),
      post: [302, 403, 403, 403, 403, 302],
    },
  ],
  'staff.certificates.$id.tsx': [
    { params: (f) => ({ id: id(f.certificate.id) }), get: [302, 403, 403, 403, 403, 200], post: [302, 403, 403, 403, 403, 400] },
    {
      label: "revoking a fresh certificate of the victim's",
      fresh: async () => ({ id: id((await insertCertificate(f.victim, f.users.staff)).id) }),
      params: (_f, fresh) => ({ id: fresh.id! }),
      form: () => ({ reason: 'Matrix revocation', showReason: 'on' }),
      post: [302, 403, 403, 403, 403, 302],
    },
  ],
  'staff.cohorts._index.tsx': { get: [302, 403, 403, 403, 403, 200], post: [302, 403, 403, 403, 403, 400] },
  'staff.cohorts.$id.tsx': { params: (f) => ({ id: id(f.cohort) }), get: [302, 403, 403, 403, 403, 200], post: [302, 403, 403, 403, 403, 400] },
  'staff.invitations.tsx': { get: [302, 403, 403, 403, 403, 200], post: [302, 403, 403, 403, 403, 400] },
  'staff.outbox.tsx': { get: [302, 403, 403, 403, 403, 200] },
  'staff.people._index.tsx': { get: [302, 403, 403, 403, 403, 200] },
  'staff.people.$id.tsx': { params: (f) => ({ id: id(f.victim.id) }), get: [302, 403, 403, 403, 403, 200], post: [302, 403, 403, 403, 403, 400] },
  'staff.reports._index.tsx': { get: [302, 403, 403, 403, 403, 200] },
  'staff.reports.certificates[.]csv.tsx': { get: [302, 403, 403, 403, 403, 200] },
  'staff.reports.cohort[.]csv.tsx': { query: (f) => `?cohort=${f.cohort}`, get: [302, 403, 403, 403, 403, 200] },
  'staff.reports.hours[.]csv.tsx': {
    query: () => `?from=${daysAgo(400)}&to=${daysAgo(0)}&includeNotes=yes`,
    get: [302, 403, 403, 403, 403, 200],
    sees: { staff: ['victim'] },
  },

  'summaries._index.tsx': [
    { label: "the victim's summaries", query: (f) => `?fellow=${f.victim.id}`, get: [302, 403, 403, 403, 403, 200], post: [302, 403, 403, 403, 403, 400] },
    { label: 'your own summaries', get: [302, 403, 200, 403, 403, 403] },
    {
      label: 'generating a summary for the victim',
      query: (f) => `?fellow=${f.victim.id}`,
      form: () => ({ intent: 'generate' }),
      post: [302, 403, 403, 403, 403, 302],
    },
  ],
  'summaries.$id.csv.tsx': { params: (f) => ({ id: id(f.summary.id) }), get: [302, 404, 404, 404, 404, 200] },
  'summaries.$id.pdf.tsx': { params: (f) => ({ id: id(f.summary.id) }), get: [302, 404, 404, 404, 404, 200] },

  'verify._index.tsx': [
    // Sent empty, the credential form says what is missing (400); nothing is written either way.
    { get: [200, 200, 200, 200, 200, 200], post: [400, 400, 400, 400, 400, 400] },
    { label: 'looking up a code', query: (f) => `?code=${f.certificate.code}`, get: [302, 302, 302, 302, 302, 302] },
  ],
  'verify.$code._index.tsx': [
    { label: "the victim's certificate", params: (f) => ({ code: f.certificate.code }), get: [200, 200, 200, 200, 200, 200] },
    { label: 'an unknown code', params: (f) => ({ code: f.unknownCode }), get: [404, 404, 404, 404, 404, 404] },
  ],
  'verify.$code.credential[.]json.tsx': [
    { label: "the victim's certificate", params: (f) => ({ code: f.certificate.code }), get: [200, 200, 200, 200, 200, 200] },
    { label: 'an unknown code', params: (f) => ({ code: f.unknownCode }), get: [404, 404, 404, 404, 404, 404] },
  ],
  'verify.summary.$code.credential[.]json.tsx': [
    { label: "the victim's summary", params: (f) => ({ code: f.summary.code }), get: [200, 200, 200, 200, 200, 200] },
    { label: 'an unknown code', params: (f) => ({ code: f.unknownCode }), get: [404, 404, 404, 404, 404, 404] },
  ],
  'verify.summary.$code.tsx': [
    { label: "the victim's summary", params: (f) => ({ code: f.summary.code }), get: [200, 200, 200, 200, 200, 200] },
    { label: 'an unknown code', params: (f) => ({ code: f.unknownCode }), get: [404, 404, 404, 404, 404, 404] },
  ],
}

// ---------------------------------------------------------------- running it

const manifest = routeManifest()
const casesOf = (name: string): Case[] => {
  const row = MATRIX[name]
  return row === undefined ? [] : Array.isArray(row) ? row : [row]
}

type RouteModule = { loader?: unknown; action?: unknown }
type Handler = Parameters<typeof run>[0]

async function lastAuditId() {
  const row = await db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst()
  return Number(row?.id ?? 0)
}

function serialize(outcome: Outcome) {
  return JSON.stringify({ data: outcome.data, location: outcome.location })
}

describe('authorization matrix: every route × every person', () => {
  test('the table has exactly one row per route module, and no row without one', () => {
    const files = manifest.map((r) => r.name)
    const missing = files.filter((name) => !(name in MATRIX)).map((name) => `app/routes/${name} has no row in MATRIX: add one with its expected statuses`)
    const stale = Object.keys(MATRIX)
      .filter((name) => !files.includes(name))
      .map((name) => `MATRIX has a row for ${name}, but there is no such route module in app/routes: remove or rename the row`)
    expect([...missing, ...stale]).toEqual([])
    expect(files.length).toBeGreaterThanOrEqual(45)
  })

  test('the manifest reader follows the flat-routes rules, so a new route module is picked up', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-routes-'))
    try {
      for (const file of [
        '_index.tsx',
        '$.tsx',
        'things.$id.edit.tsx',
        'things._index.tsx',
        'reports.hours[.]csv.tsx',
        '_auth.login.tsx',
        'things_.$id.tsx',
        'new-route.test.tsx',
        'app.css',
      ]) {
        fs.writeFileSync(path.join(dir, file), '')
      }
      fs.mkdirSync(path.join(dir, 'folder.$slug'))
      fs.writeFileSync(path.join(dir, 'folder.$slug', 'route.tsx'), '')
      expect(routeManifest(dir).map(({ name, pattern, params }) => ({ name, pattern, params }))).toEqual([
        { name: '$.tsx', pattern: '/*', params: ['*'] },
        { name: '_auth.login.tsx', pattern: '/login', params: [] },
        { name: '_index.tsx', pattern: '/', params: [] },
        { name: 'folder.$slug', pattern: '/folder/:slug', params: ['slug'] },
        { name: 'reports.hours[.]csv.tsx', pattern: '/reports/hours.csv', params: [] },
        { name: 'things.$id.edit.tsx', pattern: '/things/:id/edit', params: ['id'] },
        { name: 'things._index.tsx', pattern: '/things', params: [] },
        { name: 'things_.$id.tsx', pattern: '/things/:id', params: ['id'] },
      ])
    } finally {
      fs.rmSync(dir, { recursive: true, force: true })
    }
    expect(fillPattern('/verify/:code/credential.json', { code: 'ab c' })).toBe('/verify/ab%20c/credential.json')
    expect(fillPattern('/*', { '*': 'no/such/page' })).toBe('/no/such/page')
    expect(fillPattern('/', {})).toBe('/')
  })

  test.each(manifest.map((r) => [r.name, r] as const))('%s', async (name, route: RouteEntry) => {
    const cases = casesOf(name)
    expect(cases.length, `app/routes/${name} has no row in MATRIX`).toBeGreaterThan(0)
    const mod = (await import(/* @vite-ignore */ route.file)) as RouteModule
    const handlers = { GET: mod.loader, POST: mod.action } as const

    // The row describes the module as it is: GET iff it has a loader, POST iff an action.
    const [main] = cases
    expect({ GET: !!main!.get, POST: !!main!.post }, `${name}: the first case gives GET statuses iff the module exports a loader, POST iff an action`).toEqual({
      GET: typeof mod.loader === 'function',
      POST: typeof mod.action === 'function',
    })

    const expected: Record<string, Record<RoleName, number>> = {}
    const actual: Record<string, Record<RoleName, number>> = {}
    const problems: string[] = []

    for (const [index, c] of cases.entries()) {
      for (const method of ['GET', 'POST'] as const) {
        const statuses = method === 'GET' ? c.get : c.post
        if (!statuses) continue
        const handler = handlers[method]
        const key = `${method} ${c.label ?? (index === 0 ? route.pattern : `case ${index + 1}`)}`
        if (typeof handler !== 'function') {
          problems.push(`${key}: the row expects ${method}, but ${name} exports no ${method === 'GET' ? 'loader' : 'action'}`)
          continue
        }
        expected[key] = Object.fromEntries(ROLES.map((role, i) => [role, statuses[i]!])) as Record<RoleName, number>
        actual[key] = {} as Record<RoleName, number>

        for (const role of ROLES) {
          const fresh = c.fresh ? await c.fresh() : {}
          const params = c.params?.(f, fresh) ?? {}
          expect(Object.keys(params).sort(), `${name}: params of "${key}" name exactly the route's dynamic segments`).toEqual([...route.params].sort())
          const url = fillPattern(route.pattern, params) + (c.query?.(f) ?? '')
          const user = role === 'anon' ? undefined : f.users[role]
          const before = await lastAuditId()
          const req = await request(url, { user, form: method === 'POST' ? (c.form?.(f, fresh) ?? {}) : undefined })
          const outcome = await run(handler as Handler, req, params)
          actual[key][role] = outcome.status
          const where = `${key} as ${role} (${method} ${url})`

          // A refusal is logged, with who asked and for what.
          if (outcome.status === 403) {
            const denied = await db
              .selectFrom('audit_log')
              .select(['actor_id', 'detail'])
              .where('id', '>', before)
              .where('action', '=', 'access.denied')
              .where('actor_id', '=', user?.id ?? -1)
              .execute()
            if (!denied.some((row) => JSON.parse(row.detail ?? '{}').method === method)) {
              problems.push(`${where}: 403 without an access.denied audit row`)
            }
          }

          // Signed out, a page that others may open sends to the sign-in page, coming back here after.
          const protectedPage = statuses.slice(1).some((s) => s !== 302)
          if (role === 'anon' && outcome.status === 302 && protectedPage) {
            const expectedLocation = `/login?${new URLSearchParams({ redirectTo: url })}`
            if (outcome.location !== expectedLocation) problems.push(`${where}: redirected to ${outcome.location}, not ${expectedLocation}`)
          }

          // No response carries a record its reader may not see.
          const body = serialize(outcome)
          for (const group of Object.keys(MARKERS) as MarkerGroup[]) {
            const leaked = MARKERS[group].filter((marker) => body.includes(marker))
            if (leaked.length && !MAY_SEE[group].includes(role)) problems.push(`${where}: the response contains ${group} record content (${leaked.join(', ')})`)
          }
          // ...and those who may see it do, where the row says so (the check above can fail).
          for (const group of method === 'GET' ? (c.sees?.[role] ?? []) : []) {
            if (!MARKERS[group].some((marker) => body.includes(marker))) problems.push(`${where}: expected to show ${group} record content`)
          }
        }
      }
      await c.after?.(f)
    }

    expect(actual, `${name}: statuses per case and person (anon, trainee, fellow, supervisor, unassignedSupervisor, staff)`).toEqual(expected)
    expect(problems).toEqual([])
  })
})
