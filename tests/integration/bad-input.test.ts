/**
 * Bad input, form by form: every form of the app is posted a table of bad inputs
 * (empty, overlong, wrong types, extra fields, forged ids, forged status/kind/role
 * fields, HTML/script, SQL-looking strings, unicode edge cases). Each must get a
 * clear error — 400 with a message beside the right field (or under `form`), or
 * 403/404/409/410 — and leave the database byte-identical: a sha256 of a
 * consistent image (serialize(): main file and WAL together) is taken just before
 * the action runs and again after.
 *
 * A refusal the app logs (403 → an `access.denied` row in audit_log) is a write
 * the requirement allows; for those the only change may be that one new audit
 * row: every other table, and the schema, is compared row by row.
 *
 * After each form's bad inputs, its well-formed baseline (what every case was
 * derived from) is posted and must be accepted: the refusals were about the bad
 * part, not about a form that could never pass.
 *
 * Missing Origin: the check lives in the Express server (server.ts), not in the
 * actions, so each form's POST is checked against isAllowedOrigin without an
 * Origin and with foreign ones; tests/e2e/auth.spec.ts covers it end to end.
 */
import { sql } from 'kysely'
import { beforeAll, describe, expect, test } from 'vitest'
import type { RecordKind } from '#db/schema.ts'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { createSession, readSessionToken } from '#app/auth/session.server.ts'
import { generateToken, hashToken } from '#app/auth/tokens.ts'
import { generateVerificationCode } from '#app/certificates/codes.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { db } from '#app/db.server.ts'
import { eligibilityFor } from '#app/programs/eligibility.server.ts'
import * as forgotRoute from '#app/routes/forgot-password.tsx'
import * as attachmentsRoute from '#app/routes/hours.$id.attachments.tsx'
import * as recordRoute from '#app/routes/hours.$id._index.tsx'
import * as editRoute from '#app/routes/hours.$id.edit.tsx'
import * as hoursRoute from '#app/routes/hours._index.tsx'
import * as coSittingRoute from '#app/routes/hours.co-sitting.tsx'
import * as newRecordRoute from '#app/routes/hours.new.tsx'
import * as inviteRoute from '#app/routes/invite.$token.tsx'
import * as lessonRoute from '#app/routes/learn.$course.$lesson.tsx'
import * as loginRoute from '#app/routes/login.tsx'
import * as resetRoute from '#app/routes/reset-password.$token.tsx'
import * as decisionRoute from '#app/routes/review.$id.tsx'
import * as reviewRoute from '#app/routes/review._index.tsx'
import * as passwordRoute from '#app/routes/settings._index.tsx'
import * as licenseProofRoute from '#app/routes/settings.license-proof.tsx'
import * as licenseRoute from '#app/routes/settings.license.tsx'
import * as notificationsRoute from '#app/routes/settings.notifications.tsx'
import * as sessionsRoute from '#app/routes/settings.sessions.tsx'
import * as certificateRoute from '#app/routes/staff.certificates.$id.tsx'
import * as certificatesRoute from '#app/routes/staff.certificates._index.tsx'
import * as cohortRoute from '#app/routes/staff.cohorts.$id.tsx'
import * as cohortsRoute from '#app/routes/staff.cohorts._index.tsx'
import * as invitationsRoute from '#app/routes/staff.invitations.tsx'
import * as personRoute from '#app/routes/staff.people.$id.tsx'
import * as summariesRoute from '#app/routes/summaries._index.tsx'
import { isAllowedOrigin } from '#app/security/origin.ts'
import { createUser, request, run, signInCookie, TEST_PASSWORD, uniqueEmail, type Outcome, type TestUser } from '#tests/helpers.ts'
import { auditRowsAfter, contentsExcept, databaseChecksum, lastAuditId, rawFormRequest, type Entry } from '#tests/support/db-snapshot.ts'
import { signed, VERIFIED } from '#tests/support/licenses.ts'
import { signedAgreement } from '#tests/support/supervision.ts'

// ---------------------------------------------------------------- the table's vocabulary

type Form = Record<string, string | string[]>
type Action = (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown
type Message = string | RegExp

type Refusal =
  | { status: 400 | 409 | 410; errors: Record<string, Message> }
  /** Refused and logged: one new `access.denied` audit row is the only change allowed. */
  | { status: 403 }
  | { status: 404 }

type Case = {
  name: string
  /** The form to post, derived from the form's well-formed baseline. */
  form?: (valid: Form) => Form
  /** Raw entries instead of a form (files, a field named `__proto__`). */
  entries?: (valid: Form) => Entry[]
  /** Who posts, when not the form's usual user (`null`: signed out). */
  as?: () => TestUser | null
  path?: () => string
  params?: () => Record<string, string>
  /** A request built by hand, for a case that needs the very session it is sent with. */
  build?: (valid: Form, user: TestUser | null, path: string) => Promise<{ req: Request; form: Form }>
  /** false: a 400 that echoes nothing back (an unknown intent, for which the page has no form to refill). */
  echo?: false
  /** A wrong password: the refusal is counted against the sign-in throttle, and nothing else changes. */
  countsAttempt?: true
  expect: Refusal
}

type Spec = {
  action: Action
  path: () => string
  params?: () => Record<string, string>
  user: () => TestUser | null
  valid: () => Form
  /** What the accepted baseline answers: a redirect, or 200 for forms that answer in place. */
  accepted?: (outcome: Outcome) => void
  /** Fields the action echoes as something else (the person page tags its errors with the form's own intent). */
  echoIgnores?: string[]
  /** The baseline as raw entries, for a form whose baseline carries a file. */
  validEntries?: () => Entry[]
}

const bad = (errors: Record<string, Message>): Refusal => ({ status: 400, errors })
const conflict = (errors: Record<string, Message>): Refusal => ({ status: 409, errors })
const gone = (errors: Record<string, Message>): Refusal => ({ status: 410, errors })
const FORBIDDEN: Refusal = { status: 403 }
const NOT_FOUND: Refusal = { status: 404 }

/** The baseline with some fields replaced (or added). */
const set = (over: Form) => (v: Form) => ({ ...v, ...over })
/** The baseline without some fields. */
const without =
  (...keys: string[]) =>
  (v: Form) =>
    Object.fromEntries(Object.entries(v).filter(([k]) => !keys.includes(k)))
/** Exactly this form, baseline ignored. */
const only = (form: Form) => () => form
/** The baseline as raw entries, plus `extra`. */
const entriesPlus =
  (...extra: Entry[]) =>
  (v: Form): Entry[] => [...Object.entries(v).flatMap(([k, x]) => (Array.isArray(x) ? x : [x]).map((s): Entry => [k, s])), ...extra]
/** The baseline as raw entries with `field` sent as a file instead of text. */
const asFile =
  (field: string) =>
  (v: Form): Entry[] =>
    Object.entries(v).flatMap(([k, x]) =>
      k === field ? [[k, new Blob([String(x)], { type: 'text/plain' })] as Entry] : (Array.isArray(x) ? x : [x]).map((s): Entry => [k, s]),
    )

// The bad values themselves.
const SCRIPT = '<script>alert(1)</script>'
const SQL_OR = "' OR 1=1 --"
const SQL_DROP = '1; DROP TABLE users'
const ZWJ = '\u200D'
const RLO = '\u202E'
const LONE_SURROGATE = '\uD800'
const EMOJI = '\u{1F600}' // 4 bytes in UTF-8
const NUL = '\u0000'
const long = (n: number, char = 'a') => char.repeat(n)

const EXTRA = /^This form does not have the fields? .+\. Reload the page and try again\.$/
const extraField = (name: string) =>
  new RegExp(`^This form does not have the fields? (.+, )?${name.replace(/[$()*+.?[\\\]^{|}]/g, '\\$&')}(, .+)?\\. Reload the page and try again\\.$`)
const RELOAD = 'Reload the page and try again.'
const CONTROL = /control character/i
const GOOD_PASSWORD = 'a very good password'

// ---------------------------------------------------------------- the checks

/** What the form echoes back in `values` on a 400: what was typed (as the wire carries it), never a password. */
function expectEcho(form: Form, values: Record<string, unknown>, ignores: string[] = []) {
  for (const [key, value] of Object.entries(form)) {
    if (ignores.includes(key)) continue
    if (/password/i.test(key)) {
      expect(values, `password field ${key} echoed`).not.toHaveProperty(key)
      continue
    }
    if (key === '__proto__') continue
    // As the multipart body carries it: lone surrogates become U+FFFD, line breaks CRLF.
    const wire = (s: string) =>
      s
        .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
        .replace(/\r\n|\r|\n/g, '\r\n')
        .slice(0, 20_000)
    // One value of a repeatable field comes back as a plain string.
    const expected = Array.isArray(value) ? (value.length === 1 ? wire(value[0]!) : value.map(wire).slice(0, 100)) : wire(value)
    expect(values[key], `echo of ${key}`).toEqual(expected)
  }
  for (const key of Object.keys(values)) expect(key).not.toMatch(/password/i)
}

async function refuse(spec: Spec, c: Case) {
  const valid = spec.valid()
  const user = c.as ? c.as() : spec.user()
  const path = (c.path ?? spec.path)()
  const params = (c.params ?? spec.params ?? (() => ({})))()
  let form = c.form ? c.form(valid) : c.entries ? undefined : valid
  // The request first: signing in writes a session row, which must not count as the action's write.
  let req: Request
  if (c.build) ({ req, form } = await c.build(valid, user, path))
  else if (c.entries) req = await rawFormRequest(path, { user: user ?? undefined, entries: c.entries(valid) })
  else req = await request(path, { user: user ?? undefined, form })

  const before = await databaseChecksum()
  const auditBefore = await lastAuditId()
  const contentsBefore = c.expect.status === 403 ? await contentsExcept('audit_log') : c.countsAttempt ? await contentsExcept('throttle_counters') : null

  const outcome = await run(spec.action, req, params)

  const detail = JSON.stringify(outcome.data)?.slice(0, 600)
  expect(outcome.status, detail).toBe(c.expect.status)
  switch (c.expect.status) {
    case 403: {
      expect(outcome.data).toEqual({ message: 'You do not have access to this page.' })
      // The refusal is logged: exactly one new row, saying who was refused. Nothing else changed.
      const logged = await auditRowsAfter(auditBefore)
      expect(logged.map((r) => [r.action, r.actor_id])).toEqual([['access.denied', user?.id]])
      expect(await contentsExcept('audit_log')).toEqual(contentsBefore)
      return
    }
    case 404:
      expect(outcome.data).toEqual({ message: expect.stringMatching(/^There is no such \w+/) })
      break
    default: {
      expect(outcome.data.ok, detail).toBe(false)
      const errors = outcome.data.errors as Record<string, unknown>
      expect(Object.keys(errors).sort(), detail).toEqual(Object.keys(c.expect.errors).sort())
      for (const [field, message] of Object.entries(c.expect.errors)) {
        expect(errors[field], `${field}: ${detail}`).toEqual(typeof message === 'string' ? message : expect.stringMatching(message))
      }
      if (c.expect.status === 400 && form && c.echo !== false) expectEcho(form, outcome.data.values, spec.echoIgnores)
    }
  }
  if (c.countsAttempt) {
    expect(await contentsExcept('throttle_counters'), 'the database changed beyond the attempt counter').toEqual(contentsBefore)
    expect(await databaseChecksum(), 'the attempt was not counted').not.toBe(before)
  } else {
    expect(await databaseChecksum(), 'the database changed').toBe(before)
  }
  expect(await auditRowsAfter(auditBefore)).toEqual([])
}

async function accept(spec: Spec) {
  const user = spec.user() ?? undefined
  const req = spec.validEntries
    ? await rawFormRequest(spec.path(), { user, entries: spec.validEntries() })
    : await request(spec.path(), { user, form: spec.valid() })
  const before = await databaseChecksum()
  const outcome = await run(spec.action, req, (spec.params ?? (() => ({})))())
  if (spec.accepted) spec.accepted(outcome)
  else expect(outcome.status, JSON.stringify(outcome.data)?.slice(0, 600)).toBe(302)
  return { outcome, changed: (await databaseChecksum()) !== before }
}

const FOREIGN_ORIGINS = [
  'https://evil.example',
  'null',
  'http://localhost:3000.evil.example',
  'http://localhost:3001',
  'https://localhost:3000',
  'http://localhost',
  'not a url',
]

/** The server-level CSRF check, for this form's POST. */
function expectOriginChecked(path: string) {
  const site = 'http://localhost:3000'
  expect(isAllowedOrigin('POST', undefined, site), `${path} without Origin`).toBe(false)
  expect(isAllowedOrigin('POST', null, site), `${path} with a null Origin`).toBe(false)
  expect(isAllowedOrigin('POST', '', site), `${path} with an empty Origin`).toBe(false)
  for (const origin of FOREIGN_ORIGINS) expect(isAllowedOrigin('POST', origin, site), `${path} from ${origin}`).toBe(false)
  expect(isAllowedOrigin('post', 'https://evil.example', site), `${path} lower-case method`).toBe(false)
  // The same POST from the site itself passes: the refusals above are about the Origin.
  expect(isAllowedOrigin('POST', 'http://localhost:3000', site)).toBe(true)
}

const formsCovered: string[] = []
let casesCovered = 0

/** One describe per form: its bad-input table, the Origin check, then the baseline accepted. */
function badInputSuite(name: string, spec: Spec, cases: Case[], { acceptBaseline = true } = {}) {
  formsCovered.push(name)
  casesCovered += cases.length
  describe(name, () => {
    test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
      await refuse(spec, c)
    })
    test('a POST without an Origin, or from another site, is refused by the server check', () => {
      expectOriginChecked(spec.path())
    })
    if (acceptBaseline) {
      test('the well-formed baseline is accepted', async () => {
        const { changed } = await accept(spec)
        expect(changed).toBe(true)
      })
    }
  })
}

// ---------------------------------------------------------------- fixtures

type Fixtures = {
  staff: TestUser
  sup: TestUser
  /** A supervisor of nobody, whose license the settings and finding forms change (a change sends it back to unverified). */
  licenseHolder: TestUser
  sup2: TestUser
  otherSup: TestUser
  fellow: TestUser
  fellowB: TestUser
  trainee: TestUser
  newbie: TestUser
  loginUser: TestUser
  pwUser: TestUser
  resetUser: TestUser
  target: TestUser
  spare: TestUser
  inactive: TestUser
  /** A fellow whose account was deactivated: no longer among the co-sitters a fellow can name. */
  formerFellow: TestUser
  eligible: TestUser
  eligibleProgram: string
  heldProgram: string
  rec: {
    submitDraft: number
    editDraft: number
    keptDraft: number
    bulkDraft: number
    submitted: number
    bulkSubmitted: number
    stillSubmitted: number
    approved: number
    approvedDate: string
    locked: number
    returned: number
    bDraft: number
    bSubmitted: number
    bApproved: number
    /** fellowB's submitted sitter session naming the fellow as co-sitter, waiting for the answer. */
    coSat: number
    /** The same, already confirmed by the fellow. */
    coSatConfirmed: number
    /** The same, returned to fellowB: nothing to answer. */
    coSatReturned: number
  }
  capDate: string
  /** A day with a submitted sitter session (P-0014) and an experiential one of the fellow's: a new one like them is a possible duplicate. */
  dupDate: string
  tokens: { invite: string; usedInvite: string; expiredInvite: string; takenInvite: string; reset: string; usedReset: string; expiredReset: string }
  sessions: { fellowSpare: string; fellowB: string }
  cohortA: number
  cohortB: number
  cohortC: number
  cohortAName: string
  clearance: { target: number; targetEnded: number; fellowB: number }
  cert: { valid: number; revoked: number; bulk: number }
}
const fx = {} as Fixtures

const LICENSE = { license_type: 'LMFT', license_number: '98765', license_state: 'CA', ...VERIFIED }
let n = 1000

async function licensedSupervisor() {
  const user = await createUser(['supervisor'])
  await db.updateTable('users').set(LICENSE).where('id', '=', user.id).execute()
  return user
}
async function assign(supervisor: TestUser, fellow: TestUser) {
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: fx.staff.id })
    .execute()
  // Past the learning agreement gate (tests/integration/agreements.test.ts holds the gate itself).
  await signedAgreement(fellow, supervisor)
}
const approverOf = (s: TestUser) => ({ id: s.id, name: s.name, ...LICENSE })

async function record(
  fellow: TestUser,
  kind: RecordKind,
  status: 'draft' | 'submitted' | 'approved' | 'returned',
  occurredOn: string,
  minutes: number,
  supervisor?: TestUser,
) {
  return insertRecord(db, { fellowId: fellow.id, kind, status, occurredOn, minutes, supervisor: supervisor && approverOf(supervisor) }, ++n)
}

/** A sitter session of fellowB's naming `coSitter` as the other sitter. */
async function coSatWith(coSitter: TestUser, status: 'submitted' | 'returned', occurredOn: string, fields: Record<string, string | number | null> = {}) {
  return insertRecord(
    db,
    {
      fellowId: fx.fellowB.id,
      kind: 'sitter',
      status,
      occurredOn,
      minutes: 120,
      supervisor: approverOf(fx.otherSup),
      fields: { co_sitter_id: coSitter.id, ...fields },
    },
    ++n,
  )
}

async function invitation(email: string, { used = false, expired = false } = {}) {
  const token = generateToken()
  const now = Date.now()
  await db
    .insertInto('invitations')
    .values({
      token_hash: hashToken(token),
      email,
      roles: 'fellow',
      invited_by: fx.staff.id,
      expires_at: new Date(now + (expired ? -1 : 1) * 3_600_000).toISOString(),
      used_at: used ? new Date(now - 60_000).toISOString() : null,
      created_at: new Date(now - 7_200_000).toISOString(),
    })
    .execute()
  return token
}

async function passwordReset(user: TestUser, { used = false, expired = false } = {}) {
  const token = generateToken()
  const now = Date.now()
  await db
    .insertInto('password_resets')
    .values({
      token_hash: hashToken(token),
      user_id: user.id,
      expires_at: new Date(now + (expired ? -1 : 1) * 1_800_000).toISOString(),
      used_at: used ? new Date(now - 60_000).toISOString() : null,
      created_at: new Date(now - 3_600_000).toISOString(),
    })
    .execute()
  return token
}

async function clearance(fellow: TestUser, { ended = false } = {}) {
  const { id } = await db
    .insertInto('medical_clearances')
    .values({
      fellow_id: fellow.id,
      granted_on: daysAgo(400),
      expires_on: daysAgo(-100),
      clinician: 'Dr. Priya Natarajan, MD',
      recorded_by: fx.staff.id,
      recorded_at: new Date().toISOString(),
      ended_on: ended ? daysAgo(20) : null,
      ended_by: ended ? fx.staff.id : null,
      end_reason: ended ? 'Clearance withdrawn.' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

async function certificate(holder: TestUser, programSlug: string, { revoked = false } = {}) {
  const program = getCatalog().program(programSlug)!
  const { id } = await db
    .insertInto('certificates')
    .values({
      serial: `KAP-2000-${++n}`,
      code: generateVerificationCode(),
      user_id: holder.id,
      program_slug: program.slug,
      program_title: program.title,
      holder_name: holder.name,
      issued_at: new Date(Date.now() - 86_400_000).toISOString(),
      issued_by: fx.staff.id,
      issuer_name: fx.staff.name,
      requirements: JSON.stringify({ requirements: [] }),
      expires_at: null,
      revoked_at: revoked ? new Date().toISOString() : null,
      revoked_by: revoked ? fx.staff.id : null,
      revocation_reason: revoked ? 'Issued in error.' : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** A fellow who meets every requirement of every program. */
async function eligibleFellow() {
  const fellow = await createUser(['trainee', 'fellow'], { name: 'Eligible Fellow' })
  const courses = getCatalog().courses
  await db
    .insertInto('lesson_progress')
    .values(
      courses.flatMap((course) =>
        course.lessons.map((lesson, i) => ({
          user_id: fellow.id,
          course_slug: course.slug,
          lesson_slug: lesson.slug,
          best_score: 1,
          attempts: 1,
          completed_at: daysAgo(300 - i),
          last_attempt_at: daysAgo(300 - i),
        })),
      ),
    )
    .execute()
  await clearance(fellow)
  const supervisor = await licensedSupervisor()
  const add = (kind: RecordKind, day: number, minutes: number) => record(fellow, kind, 'approved', daysAgo(350 - day), minutes, supervisor)
  for (let i = 0; i < 12; i++) await add('experiential', i * 4, 150)
  for (let i = 0; i < 12; i++) await add('sitter', i * 4 + 1, 180)
  for (let i = 0; i < 20; i++) await add('practicum', i * 4 + 2, 120)
  for (let i = 0; i < 12; i++) await add('supervision', i * 4 + 3, 60)
  return fellow
}

beforeAll(async () => {
  fx.staff = await createUser(['staff'], { name: 'Sam Staffwright' })
  fx.sup = await licensedSupervisor()
  fx.licenseHolder = await licensedSupervisor()
  fx.sup2 = await licensedSupervisor()
  fx.otherSup = await licensedSupervisor()
  fx.fellow = await createUser(['trainee', 'fellow'])
  fx.fellowB = await createUser(['trainee', 'fellow'])
  fx.trainee = await createUser(['trainee'])
  fx.newbie = await createUser(['trainee'])
  fx.loginUser = await createUser(['fellow'])
  fx.pwUser = await createUser(['fellow'])
  fx.resetUser = await createUser(['fellow'])
  fx.target = await createUser(['trainee', 'fellow'])
  fx.spare = await createUser(['trainee'])
  fx.inactive = await createUser(['trainee'], { active: false })
  fx.formerFellow = await createUser(['trainee', 'fellow'], { active: false })
  await assign(fx.sup, fx.fellow)
  await assign(fx.otherSup, fx.fellowB)
  await assign(fx.sup, fx.target)

  fx.capDate = daysAgo(30)
  fx.dupDate = daysAgo(33)
  await insertRecord(
    db,
    {
      fellowId: fx.fellow.id,
      kind: 'sitter',
      status: 'submitted',
      occurredOn: fx.dupDate,
      minutes: 90,
      // The same participant at a time the sitter baseline (09:00–11:00) overlaps.
      fields: { participant_code: 'P-0014', started_at: '09:30', ended_at: '11:00' },
    },
    ++n,
  )
  await insertRecord(db, { fellowId: fx.fellow.id, kind: 'experiential', status: 'draft', occurredOn: fx.dupDate, minutes: 120 }, ++n)
  fx.rec = {
    submitDraft: await record(fx.fellow, 'sitter', 'draft', daysAgo(40), 120),
    editDraft: await record(fx.fellow, 'sitter', 'draft', daysAgo(41), 120),
    keptDraft: await record(fx.fellow, 'supervision', 'draft', daysAgo(48), 60),
    bulkDraft: await record(fx.fellow, 'practicum', 'draft', daysAgo(42), 90),
    submitted: await record(fx.fellow, 'sitter', 'submitted', daysAgo(43), 120),
    bulkSubmitted: await record(fx.fellow, 'supervision', 'submitted', daysAgo(44), 60),
    stillSubmitted: await record(fx.fellow, 'practicum', 'submitted', daysAgo(45), 90),
    approved: await record(fx.fellow, 'sitter', 'approved', daysAgo(46), 120, fx.sup),
    approvedDate: daysAgo(46),
    locked: await record(fx.fellow, 'sitter', 'approved', fx.capDate, 600, fx.sup),
    returned: await record(fx.fellow, 'practicum', 'returned', daysAgo(47), 90, fx.sup),
    bDraft: await record(fx.fellowB, 'sitter', 'draft', daysAgo(40), 120),
    bSubmitted: await record(fx.fellowB, 'sitter', 'submitted', daysAgo(41), 120),
    bApproved: await record(fx.fellowB, 'sitter', 'approved', daysAgo(42), 120, fx.otherSup),
    coSat: await coSatWith(fx.fellow, 'submitted', daysAgo(50)),
    coSatConfirmed: await coSatWith(fx.fellow, 'submitted', daysAgo(51), { co_sitter_confirmed_at: new Date().toISOString() }),
    coSatReturned: await coSatWith(fx.fellow, 'returned', daysAgo(52)),
  }

  fx.tokens = {
    invite: await invitation(uniqueEmail('invitee')),
    usedInvite: await invitation(uniqueEmail('used'), { used: true }),
    expiredInvite: await invitation(uniqueEmail('late'), { expired: true }),
    takenInvite: await invitation(fx.fellowB.email),
    reset: await passwordReset(fx.resetUser),
    usedReset: await passwordReset(fx.resetUser, { used: true }),
    expiredReset: await passwordReset(fx.resetUser, { expired: true }),
  }
  fx.sessions = {
    fellowSpare: hashToken((await createSession(fx.fellow.id, 'spare device')).token),
    fellowB: hashToken((await createSession(fx.fellowB.id, 'someone else')).token),
  }

  const now = new Date().toISOString()
  fx.cohortAName = 'Cohort Bad Input A'
  fx.cohortA = (
    await db
      .insertInto('cohorts')
      .values({ name: fx.cohortAName, starts_on: '2026-01-05', created_by: fx.staff.id, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  fx.cohortB = (
    await db
      .insertInto('cohorts')
      .values({ name: 'Cohort Bad Input B', starts_on: '2026-06-01', created_by: fx.staff.id, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  fx.cohortC = (
    await db
      .insertInto('cohorts')
      .values({ name: 'Cohort Bad Input C', starts_on: '2026-09-01', created_by: fx.staff.id, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db
    .insertInto('cohort_members')
    .values([fx.target, fx.fellow].map((member) => ({ cohort_id: fx.cohortA, user_id: member.id, added_at: now })))
    .execute()

  fx.clearance = { target: await clearance(fx.target), targetEnded: await clearance(fx.target, { ended: true }), fellowB: await clearance(fx.fellowB) }

  fx.eligible = await eligibleFellow()
  fx.heldProgram = 'introductory-kap'
  await certificate(fx.eligible, fx.heldProgram)
  const eligibility = await eligibilityFor(fx.eligible.id)
  fx.eligibleProgram = eligibility.find((e) => e.eligible && e.slug !== fx.heldProgram)!.slug
  expect(eligibility.find((e) => e.slug === fx.heldProgram)?.eligible).toBe(true)
  fx.cert = {
    valid: await certificate(fx.fellow, 'introductory-kap'),
    revoked: await certificate(fx.fellow, 'advanced-kap', { revoked: true }),
    bulk: await certificate(fx.fellowB, 'introductory-kap'),
  }
}, 60_000)

// ---------------------------------------------------------------- shared rows

/** Any non-empty message: for hidden fields (intent, version, ids) only a forged request gets wrong. */
const SOME_MESSAGE = /\S/
const ENTER_EMAIL = 'Enter your email address.'
const VALID_EMAIL = 'Enter a valid email address, like name@example.com.'
const EMAIL_TOO_LONG = 'That email address is too long.'

/** Extra fields, a field named `__proto__`, and an extra field sent as a file: all refused under `form`. */
function extraFieldCases(fields: Form): Case[] {
  return [
    ...Object.entries(fields).map(([name, value]): Case => ({
      name: `extra field: ${name}=${value}`,
      form: set({ [name]: value }),
      expect: bad({ form: extraField(name) }),
    })),
    { name: 'extra fields: several at once', form: set(fields), expect: bad({ form: EXTRA }) },
    { name: 'extra field: one named __proto__', entries: entriesPlus(['__proto__', 'x']), expect: bad({ form: extraField('__proto__') }) },
    { name: 'extra field: sent as a file', entries: entriesPlus(['status', new Blob(['approved'])]), expect: bad({ form: extraField('status') }) },
  ]
}

// Files: what a file field is sent, by the forms that take one.

/** A file as a browser sends it: its name and the type it claims, which the server believes neither of. */
const upload = (bytes: string | Uint8Array, name: string, type = 'application/pdf') =>
  new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], name, { type })
const PDF_BYTES = '%PDF-1.7\n1 0 obj << >> endobj\n%%EOF\n'
const CHOOSE_FILE = 'Choose a PDF, PNG or JPEG file.'
const NOT_A_DOCUMENT = /not a PDF, PNG or JPEG\. Only PDF, PNG and JPEG files are accepted, and the file’s content is checked, not its name/

/** Files that are not documents, each refused beside `field` whatever it is called. */
function badFileCases(field: string, entries: (file: File | string | (File | string)[]) => (v: Form) => Entry[], missing: string): Case[] {
  return [
    { name: 'empty: the file input left empty', entries: entries(upload('', '', 'application/octet-stream')), expect: bad({ [field]: missing }) },
    { name: 'wrong type: text instead of a file', entries: entries('letter.pdf'), expect: bad({ [field]: missing }) },
    { name: 'wrong type: two files', entries: entries([upload(PDF_BYTES, 'a.pdf'), upload(PDF_BYTES, 'b.pdf')]), expect: bad({ [field]: missing }) },
    {
      name: 'empty: a named file of no bytes',
      entries: entries(upload('', 'empty.pdf')),
      expect: bad({ [field]: 'This file is empty. Choose the file again.' }),
    },
    {
      name: 'content: a text file named .pdf',
      entries: entries(upload('Dear colleague,\nall clear.\n', 'letter.pdf')),
      expect: bad({ [field]: NOT_A_DOCUMENT }),
    },
    {
      name: 'content: an HTML page named .pdf',
      entries: entries(upload(`<!DOCTYPE html><html>${SCRIPT}</html>`, 'letter.pdf')),
      expect: bad({ [field]: NOT_A_DOCUMENT }),
    },
    {
      name: 'content: an SVG with a script, named .png',
      entries: entries(upload(`<svg xmlns="http://www.w3.org/2000/svg">${SCRIPT}</svg>`, 'card.png', 'image/png')),
      expect: bad({ [field]: NOT_A_DOCUMENT }),
    },
    {
      name: 'content: a ZIP (an office document) named .jpg',
      entries: entries(upload(new Uint8Array([0x50, 0x4b, 3, 4, 20, 0, 0, 0]), 'scan.jpg', 'image/jpeg')),
      expect: bad({ [field]: NOT_A_DOCUMENT }),
    },
    { name: 'content: a NUL-filled file', entries: entries(upload(new Uint8Array(64), 'blank.pdf')), expect: bad({ [field]: NOT_A_DOCUMENT }) },
    { name: `content: "%PDF" and nothing more`, entries: entries(upload('%PDF', 'short.pdf')), expect: bad({ [field]: NOT_A_DOCUMENT }) },
    {
      name: 'overlong: one byte over 10 MB',
      entries: entries(upload(new Uint8Array(10_485_761).fill(0x25), 'large.pdf')),
      expect: bad({ [field]: /^This file is 10,485,761 bytes, over the limit of 10 MB/ }),
    },
  ]
}

/** The baseline's entries with `field` as given (omitted when undefined), plus any extra entries. */
const withFile =
  (field: string, file: File | string | (File | string)[] | undefined, ...extra: Entry[]) =>
  (v: Form): Entry[] => [
    ...Object.entries(v).flatMap(([k, x]) => (Array.isArray(x) ? x : [x]).map((value): Entry => [k, value])),
    ...(file === undefined ? [] : (Array.isArray(file) ? file : [file]).map((value): Entry => [field, value])),
    ...extra,
  ]

/** The clearance form's letter: the clearance is refused whole when its letter is. */
function letterCases(): Case[] {
  return badFileCases('letter', (file) => withFile('letter', file), 'Choose one PDF, PNG or JPEG file, or none.').filter(
    // Left empty, the letter is simply not given: the clearance is recorded without one (documents.test.ts).
    (c) => c.name !== 'empty: the file input left empty',
  )
}

/** Bad emails: all refused beside `field`. */
function emailCases(field = 'email'): Case[] {
  return [
    { name: 'empty: no email', form: without(field), expect: bad({ [field]: ENTER_EMAIL }) },
    { name: 'empty: blank email', form: set({ [field]: '' }), expect: bad({ [field]: ENTER_EMAIL }) },
    { name: 'empty: whitespace-only email', form: set({ [field]: '   ' }), expect: bad({ [field]: ENTER_EMAIL }) },
    { name: 'overlong: a 262-character email', form: set({ [field]: `${long(250)}@example.com` }), expect: bad({ [field]: EMAIL_TOO_LONG }) },
    { name: 'overlong: a 10,000-character email', form: set({ [field]: long(10_000) }), expect: bad({ [field]: EMAIL_TOO_LONG }) },
    { name: 'wrong type: two emails', form: (v) => ({ ...v, [field]: ['a@example.com', 'b@example.com'] }), expect: bad({ [field]: ENTER_EMAIL }) },
    { name: 'wrong type: the email as a file', entries: asFile(field), expect: bad({ [field]: ENTER_EMAIL }) },
    { name: 'wrong type: not an email', form: set({ [field]: 'not-an-email' }), expect: bad({ [field]: VALID_EMAIL }) },
    { name: 'HTML: a script tag as the email', form: set({ [field]: `${SCRIPT}@example.com` }), expect: bad({ [field]: VALID_EMAIL }) },
    { name: 'SQL: quote-or-true', form: set({ [field]: SQL_OR }), expect: bad({ [field]: VALID_EMAIL }) },
    { name: 'SQL: a quote-or-true after a real address', form: set({ [field]: `someone@example.com${SQL_OR}` }), expect: bad({ [field]: VALID_EMAIL }) },
    { name: 'SQL: DROP TABLE', form: set({ [field]: SQL_DROP }), expect: bad({ [field]: VALID_EMAIL }) },
    { name: 'unicode: a zero-width joiner', form: set({ [field]: `some${ZWJ}one@example.com` }), expect: bad({ [field]: VALID_EMAIL }) },
    { name: 'unicode: a right-to-left override', form: set({ [field]: `${RLO}moc.elpmaxe@enoemos` }), expect: bad({ [field]: VALID_EMAIL }) },
    { name: 'unicode: a lone surrogate', form: set({ [field]: `some${LONE_SURROGATE}one@example.com` }), expect: bad({ [field]: VALID_EMAIL }) },
    { name: 'unicode: a 4-byte emoji', form: set({ [field]: `some${EMOJI}@example.com` }), expect: bad({ [field]: VALID_EMAIL }) },
    { name: 'unicode: a NUL byte', form: set({ [field]: `someone@example.com${NUL}` }), expect: bad({ [field]: VALID_EMAIL }) },
    { name: 'unicode: a full-width at sign', form: set({ [field]: 'someone\uFF20example.com' }), expect: bad({ [field]: VALID_EMAIL }) },
  ]
}

// ---------------------------------------------------------------- sign in, invitations, passwords

badInputSuite(
  'login',
  { action: loginRoute.action, path: () => '/login', user: () => null, valid: () => ({ email: fx.loginUser.email, password: TEST_PASSWORD }) },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ email: ENTER_EMAIL, password: 'Enter your password.' }) },
    { name: 'empty: blank email and password', form: set({ email: '', password: '' }), expect: bad({ email: ENTER_EMAIL, password: 'Enter your password.' }) },
    ...emailCases(),
    { name: 'overlong: a 201-character password', form: set({ password: long(201) }), expect: bad({ password: 'That password is too long.' }) },
    { name: 'overlong: a 10,000-character password', form: set({ password: long(10_000) }), expect: bad({ password: 'That password is too long.' }) },
    { name: 'overlong: a 501-character redirectTo', form: set({ redirectTo: `/${long(500)}` }), expect: bad({ redirectTo: SOME_MESSAGE }) },
    { name: 'wrong type: two passwords', form: set({ password: [TEST_PASSWORD, TEST_PASSWORD] }), expect: bad({ password: 'Enter your password.' }) },
    { name: 'wrong type: two redirectTo values', form: set({ redirectTo: ['/hours', '/staff'] }), expect: bad({ redirectTo: SOME_MESSAGE }) },
    {
      name: 'SQL: quote-or-true as the password',
      form: set({ password: SQL_OR }),
      countsAttempt: true,
      expect: bad({ password: 'The email or password is incorrect.' }),
    },
    { name: 'unicode: a NUL byte in the password', form: set({ password: `${TEST_PASSWORD}${NUL}` }), expect: bad({ password: CONTROL }) },
    ...extraFieldCases({ role: 'staff', isAdmin: 'true', userId: '1' }),
  ],
)

badInputSuite(
  'forgot password',
  {
    action: forgotRoute.action,
    path: () => '/forgot-password',
    user: () => null,
    valid: () => ({ email: fx.fellowB.email }),
    accepted: (outcome) => expect(outcome).toMatchObject({ status: 200, data: { ok: true } }),
  },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ email: ENTER_EMAIL }) },
    ...emailCases(),
    ...extraFieldCases({ userId: '1', token: 'abc', password: GOOD_PASSWORD }),
  ],
)

const resetPath = (token: string) => ({ path: () => `/reset-password/${encodeURIComponent(token)}`, params: () => ({ token }) })
const RESET_GONE = 'This reset link has expired or was already used. Ask for a new one.'

/** Bad new passwords: the fields of the reset and invitation forms. */
function newPasswordCases(): Case[] {
  return [
    { name: 'empty: blank passwords', form: set({ password: '', confirmPassword: '' }), expect: bad({ password: 'Use at least 12 characters.' }) },
    { name: 'empty: no confirmation', form: without('confirmPassword'), expect: bad({ confirmPassword: 'Repeat the password.' }) },
    {
      name: 'short: an 11-character password',
      form: set({ password: long(11), confirmPassword: long(11) }),
      expect: bad({ password: 'Use at least 12 characters.' }),
    },
    // The confirmation has its own length limit, reported with its one message.
    {
      name: 'overlong: a 201-character password',
      form: set({ password: long(201), confirmPassword: long(201) }),
      expect: bad({ password: 'Use at most 200 characters.', confirmPassword: 'Repeat the password.' }),
    },
    {
      name: 'overlong: a 10,000-character password',
      form: set({ password: long(10_000), confirmPassword: long(10_000) }),
      expect: bad({ password: 'Use at most 200 characters.', confirmPassword: 'Repeat the password.' }),
    },
    {
      name: 'mismatch: the confirmation differs',
      form: set({ confirmPassword: `${GOOD_PASSWORD}!` }),
      expect: bad({ confirmPassword: 'The two passwords do not match.' }),
    },
    { name: 'wrong type: two passwords', form: set({ password: [GOOD_PASSWORD, GOOD_PASSWORD] }), expect: bad({ password: 'Choose a password.' }) },
    { name: 'wrong type: the password as a file', entries: asFile('password'), expect: bad({ password: 'Choose a password.' }) },
    {
      name: 'unicode: a NUL byte in the password',
      form: set({ password: `${GOOD_PASSWORD}${NUL}`, confirmPassword: `${GOOD_PASSWORD}${NUL}` }),
      expect: bad({ password: CONTROL, confirmPassword: CONTROL }),
    },
  ]
}

badInputSuite(
  'reset password',
  {
    action: resetRoute.action,
    path: () => `/reset-password/${fx.tokens.reset}`,
    params: () => ({ token: fx.tokens.reset }),
    user: () => null,
    valid: () => ({ password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }),
  },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ password: 'Choose a password.', confirmPassword: 'Repeat the password.' }) },
    ...newPasswordCases(),
    ...extraFieldCases({ userId: '1', email: 'someone@example.com', role: 'staff' }),
    { name: 'forged token: random', ...resetPath(generateToken()), expect: gone({ form: RESET_GONE }) },
    { name: 'forged token: SQL quote-or-true', ...resetPath(SQL_OR), expect: gone({ form: RESET_GONE }) },
    { name: 'forged token: 10,000 characters', ...resetPath(long(10_000)), expect: gone({ form: RESET_GONE }) },
    {
      name: 'forged token: a NUL byte after a real one',
      path: () => '/reset-password/x',
      params: () => ({ token: `${fx.tokens.reset}${NUL}` }),
      expect: gone({ form: RESET_GONE }),
    },
    { name: 'token already used', path: () => '/reset-password/x', params: () => ({ token: fx.tokens.usedReset }), expect: gone({ form: RESET_GONE }) },
    { name: 'token expired', path: () => '/reset-password/x', params: () => ({ token: fx.tokens.expiredReset }), expect: gone({ form: RESET_GONE }) },
  ],
)

const INVITE_GONE = 'This invitation has expired or was already used. Ask institute staff for a new one.'
const invitePath = (token: () => string) => ({ path: () => `/invite/${encodeURIComponent(token())}`, params: () => ({ token: token() }) })

badInputSuite(
  'accept invitation',
  {
    action: inviteRoute.action,
    ...invitePath(() => fx.tokens.invite),
    user: () => null,
    valid: () => ({ name: 'Nia Newcomer', password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }),
  },
  [
    {
      name: 'empty: no fields at all',
      form: only({}),
      expect: bad({ name: 'Enter your name.', password: 'Choose a password.', confirmPassword: 'Repeat the password.' }),
    },
    { name: 'empty: blank name', form: set({ name: '' }), expect: bad({ name: 'Enter your name.' }) },
    { name: 'empty: whitespace-only name', form: set({ name: ' \t ' }), expect: bad({ name: 'Enter your name.' }) },
    { name: 'overlong: a 101-character name', form: set({ name: long(101) }), expect: bad({ name: 'Use at most 100 characters.' }) },
    { name: 'overlong: a 10,000-character name', form: set({ name: long(10_000) }), expect: bad({ name: 'Use at most 100 characters.' }) },
    { name: 'wrong type: two names', form: set({ name: ['Nia', 'Newcomer'] }), expect: bad({ name: 'Enter your name.' }) },
    { name: 'wrong type: the name as a file', entries: asFile('name'), expect: bad({ name: 'Enter your name.' }) },
    ...newPasswordCases(),
    {
      name: 'HTML: a script tag as the name, with a short password',
      form: set({ name: SCRIPT, password: 'short', confirmPassword: 'short' }),
      expect: bad({ password: 'Use at least 12 characters.' }),
    },
    { name: 'unicode: a NUL byte in the name', form: set({ name: `Nia${NUL}Newcomer` }), expect: bad({ name: CONTROL }) },
    ...extraFieldCases({ email: 'someone-else@example.com', roles: 'staff', role: 'staff', isAdmin: 'true' }),
    { name: 'forged token: random', ...invitePath(() => generateToken()), expect: gone({ form: INVITE_GONE }) },
    { name: 'forged token: SQL quote-or-true', ...invitePath(() => SQL_OR), expect: gone({ form: INVITE_GONE }) },
    { name: 'forged token: SQL DROP TABLE', ...invitePath(() => SQL_DROP), expect: gone({ form: INVITE_GONE }) },
    { name: 'token already used', ...invitePath(() => fx.tokens.usedInvite), expect: gone({ form: INVITE_GONE }) },
    { name: 'token expired', ...invitePath(() => fx.tokens.expiredInvite), expect: gone({ form: INVITE_GONE }) },
    {
      name: 'an invitation for an email that already has an account',
      ...invitePath(() => fx.tokens.takenInvite),
      expect: gone({ form: /^An account with this email already exists\./ }),
    },
  ],
)

badInputSuite(
  'change password (settings)',
  {
    action: passwordRoute.action,
    path: () => '/settings',
    user: () => fx.pwUser,
    valid: () => ({ currentPassword: TEST_PASSWORD, newPassword: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD }),
  },
  [
    {
      name: 'empty: no fields at all',
      form: only({}),
      expect: bad({ currentPassword: 'Enter your current password.', newPassword: 'Choose a password.', confirmPassword: 'Repeat the password.' }),
    },
    { name: 'empty: blank current password', form: set({ currentPassword: '' }), expect: bad({ currentPassword: 'Enter your current password.' }) },
    {
      name: 'short: an 11-character new password',
      form: set({ newPassword: long(11), confirmPassword: long(11) }),
      expect: bad({ newPassword: 'Use at least 12 characters.' }),
    },
    {
      name: 'overlong: a 201-character new password',
      form: set({ newPassword: long(201), confirmPassword: long(201) }),
      expect: bad({ newPassword: 'Use at most 200 characters.', confirmPassword: 'Repeat the password.' }),
    },
    {
      name: 'mismatch: the confirmation differs',
      form: set({ confirmPassword: 'another good password' }),
      expect: bad({ confirmPassword: 'The two passwords do not match.' }),
    },
    {
      name: 'wrong current password',
      form: set({ currentPassword: 'not my password at all' }),
      expect: bad({ currentPassword: 'That is not your current password.' }),
    },
    {
      name: 'SQL: quote-or-true as the current password',
      form: set({ currentPassword: SQL_OR }),
      expect: bad({ currentPassword: 'That is not your current password.' }),
    },
    {
      name: 'wrong type: two current passwords',
      form: set({ currentPassword: [TEST_PASSWORD, TEST_PASSWORD] }),
      expect: bad({ currentPassword: 'Enter your current password.' }),
    },
    { name: 'wrong type: two new passwords', form: set({ newPassword: [GOOD_PASSWORD, GOOD_PASSWORD] }), expect: bad({ newPassword: 'Choose a password.' }) },
    {
      name: 'unicode: a NUL byte in the new password',
      form: set({ newPassword: `${GOOD_PASSWORD}${NUL}`, confirmPassword: `${GOOD_PASSWORD}${NUL}` }),
      expect: bad({ newPassword: CONTROL, confirmPassword: CONTROL }),
    },
    ...extraFieldCases({ userId: '1', email: 'someone@example.com', role: 'staff' }),
  ],
)

// ---------------------------------------------------------------- settings

const NO_SUCH_SESSION = 'That session does not exist or has already ended.'

badInputSuite(
  'end a session (settings)',
  {
    action: sessionsRoute.action,
    path: () => '/settings/sessions',
    user: () => fx.fellow,
    valid: () => ({ intent: 'end-one', sessionId: fx.sessions.fellowSpare }),
  },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ intent: SOME_MESSAGE }) },
    { name: 'forged intent: end-all', form: set({ intent: 'end-all' }), expect: bad({ intent: SOME_MESSAGE }) },
    { name: 'wrong type: two intents', form: set({ intent: ['end-one', 'end-others'] }), expect: bad({ intent: SOME_MESSAGE }) },
    { name: 'empty: no session id', form: without('sessionId'), expect: bad({ sessionId: SOME_MESSAGE }) },
    { name: 'wrong type: letters for the session id', form: set({ sessionId: 'abc' }), expect: bad({ sessionId: 'Unknown session.' }) },
    {
      name: 'wrong type: upper-case hex',
      form: (v) => ({ ...v, sessionId: String(v.sessionId).toUpperCase() }),
      expect: bad({ sessionId: 'Unknown session.' }),
    },
    { name: 'overlong: 65 hex digits', form: (v) => ({ ...v, sessionId: `${v.sessionId}0` }), expect: bad({ sessionId: 'Unknown session.' }) },
    {
      name: 'wrong type: two session ids',
      form: (v) => ({ ...v, sessionId: [String(v.sessionId), fx.sessions.fellowB] }),
      expect: bad({ sessionId: SOME_MESSAGE }),
    },
    { name: 'SQL: quote-or-true', form: set({ sessionId: SQL_OR }), expect: bad({ sessionId: 'Unknown session.' }) },
    {
      name: 'SQL: a quote-or-true after a real id',
      form: (v) => ({ ...v, sessionId: `${v.sessionId}${SQL_OR}` }),
      expect: bad({ sessionId: 'Unknown session.' }),
    },
    { name: 'unicode: a NUL byte after a real id', form: (v) => ({ ...v, sessionId: `${v.sessionId}${NUL}` }), expect: bad({ sessionId: 'Unknown session.' }) },
    {
      name: 'forged id: another person’s session',
      form: () => ({ intent: 'end-one', sessionId: fx.sessions.fellowB }),
      expect: conflict({ form: NO_SUCH_SESSION }),
    },
    {
      name: 'forged id: a session that does not exist',
      form: () => ({ intent: 'end-one', sessionId: hashToken(generateToken()) }),
      expect: conflict({ form: NO_SUCH_SESSION }),
    },
    {
      name: 'the very session the request is sent with',
      build: async (_valid, user, path) => {
        const cookie = await signInCookie(user!)
        const token = await readSessionToken(new Request('http://localhost:3000/', { headers: { Cookie: cookie } }))
        const form = { intent: 'end-one', sessionId: hashToken(token!) }
        return { req: await request(path, { form, headers: { Cookie: cookie } }), form }
      },
      echo: false, // a button, nothing typed: the refusal echoes nothing
      expect: bad({ form: 'To end this session, sign out.' }),
    },
    { name: 'extra field: a session id with end-others', form: (v) => ({ ...v, intent: 'end-others' }), expect: bad({ form: extraField('sessionId') }) },
    ...extraFieldCases({ userId: String(1), expiresAt: '2999-01-01' }),
  ],
)

badInputSuite(
  'license (settings)',
  {
    action: licenseRoute.action,
    path: () => '/settings/license',
    user: () => fx.licenseHolder,
    valid: () => ({ licenseType: 'LMFT', licenseNumber: '98765', licenseState: 'CA', licenseExpiresOn: '2030-06-30' }),
  },
  [
    {
      name: 'empty: no fields at all',
      form: only({}),
      expect: bad({
        licenseType: 'Enter the license type, e.g. LMFT.',
        licenseNumber: 'Enter the license number.',
        licenseState: 'Enter the state or jurisdiction.',
        licenseExpiresOn: 'Enter the date the license expires.',
      }),
    },
    {
      name: 'empty: whitespace-only fields',
      form: set({ licenseType: '  ', licenseNumber: '  ', licenseState: '  ', licenseExpiresOn: '  ' }),
      expect: bad({
        licenseType: 'Enter the license type, e.g. LMFT.',
        licenseNumber: 'Enter the license number.',
        licenseState: 'Enter the state or jurisdiction, e.g. CA.',
        licenseExpiresOn: 'Enter a date as YYYY-MM-DD.',
      }),
    },
    {
      name: 'date: an expiry that has passed',
      form: set({ licenseExpiresOn: daysAgo(1) }),
      expect: bad({ licenseExpiresOn: 'That date has passed: enter the expiry of the current (renewed) license.' }),
    },
    { name: 'date: a day that does not exist', form: set({ licenseExpiresOn: '2030-02-30' }), expect: bad({ licenseExpiresOn: 'That date does not exist.' }) },
    { name: 'date: not a date', form: set({ licenseExpiresOn: '30/06/2030' }), expect: bad({ licenseExpiresOn: 'Enter a date as YYYY-MM-DD.' }) },
    { name: 'short: a one-letter state', form: set({ licenseState: 'C' }), expect: bad({ licenseState: 'Enter the state or jurisdiction, e.g. CA.' }) },
    { name: 'overlong: 41-character type', form: set({ licenseType: long(41) }), expect: bad({ licenseType: 'Use at most 40 characters.' }) },
    {
      name: 'overlong: 10,000-character number',
      form: set({ licenseNumber: long(10_000, '9') }),
      expect: bad({ licenseNumber: 'Use at most 40 characters.' }),
    },
    { name: 'overlong: 41-character state', form: set({ licenseState: long(41) }), expect: bad({ licenseState: 'Use at most 40 characters.' }) },
    { name: 'wrong type: two license numbers', form: set({ licenseNumber: ['1', '2'] }), expect: bad({ licenseNumber: 'Enter the license number.' }) },
    {
      name: 'HTML: a script tag as the type, with an empty number',
      form: set({ licenseType: SCRIPT, licenseNumber: '' }),
      expect: bad({ licenseNumber: 'Enter the license number.' }),
    },
    { name: 'unicode: a NUL byte in the number', form: set({ licenseNumber: `98${NUL}765` }), expect: bad({ licenseNumber: CONTROL }) },
    ...extraFieldCases({ userId: '1', license_type: 'MD', approverName: 'Dr. Forged' }),
    { name: 'forged role: a fellow posts a license', as: () => fx.fellow, expect: FORBIDDEN },
    { name: 'forged role: staff (not a supervisor) posts a license', as: () => fx.staff, expect: FORBIDDEN },
  ],
)

badInputSuite(
  'notifications (settings)',
  { action: notificationsRoute.action, path: () => '/settings/notifications', user: () => fx.fellow, valid: () => ({ digest: 'off' }) },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ digest: 'Choose on or off.' }) },
    { name: 'empty: blank', form: set({ digest: '' }), expect: bad({ digest: 'Choose on or off.' }) },
    ...['maybe', 'ON', 'true', '1', SQL_OR, `off${NUL}`, `o${ZWJ}ff`, long(10_000)].map((digest): Case => ({
      name: `wrong value: ${JSON.stringify(digest.slice(0, 20))}`,
      form: set({ digest }),
      expect: bad({ digest: 'Choose on or off.' }),
    })),
    { name: 'wrong type: on and off at once', form: set({ digest: ['on', 'off'] }), expect: bad({ digest: 'Choose on or off.' }) },
    ...extraFieldCases({ userId: '1', digest_opt_out: '1' }),
  ],
)

// ---------------------------------------------------------------- knowledge check

const catalog = getCatalog()
const lesson1 = catalog.course('intro-kap')!.lessons[0]!
const lockedLesson = catalog.course('advanced-kap')!.lessons[0]!
const single = lesson1.questions.findIndex((q) => !Array.isArray(q.answer))
const multiple = lesson1.questions.findIndex((q) => Array.isArray(q.answer))
const rightAnswers = (): Form =>
  Object.fromEntries(lesson1.questions.map((q, i) => [`q${i}`, Array.isArray(q.answer) ? q.answer.map(String) : String(q.answer)]))
const lessonAt = (course: string, lesson: string) => ({ path: () => `/learn/${course}/${lesson}`, params: () => ({ course, lesson }) })
const NO_CHOICE = 'That choice does not exist.'

badInputSuite(
  'knowledge check',
  {
    action: lessonRoute.action,
    ...lessonAt('intro-kap', lesson1.slug),
    user: () => fx.trainee,
    valid: rightAnswers,
    accepted: (outcome) => expect(outcome).toMatchObject({ status: 200, data: { ok: true, graded: { passed: true } } }),
  },
  [
    {
      name: 'empty: no answers at all',
      form: only({}),
      expect: bad(
        Object.fromEntries(lesson1.questions.map((q, i) => [`q${i}`, Array.isArray(q.answer) ? 'Choose at least one answer.' : 'Choose an answer.'])),
      ),
    },
    { name: 'empty: a blank single answer', form: set({ [`q${single}`]: '' }), expect: bad({ [`q${single}`]: 'Choose an answer.' }) },
    { name: 'empty: a blank multiple answer', form: set({ [`q${multiple}`]: '' }), expect: bad({ [`q${multiple}`]: 'Choose at least one answer.' }) },
    { name: 'forged choice: out of range', form: set({ [`q${single}`]: '99' }), expect: bad({ [`q${single}`]: NO_CHOICE }) },
    { name: 'forged choice: negative', form: set({ [`q${single}`]: '-1' }), expect: bad({ [`q${single}`]: NO_CHOICE }) },
    { name: 'wrong type: letters', form: set({ [`q${single}`]: 'a' }), expect: bad({ [`q${single}`]: NO_CHOICE }) },
    { name: 'wrong type: a decimal', form: set({ [`q${single}`]: '1.0' }), expect: bad({ [`q${single}`]: NO_CHOICE }) },
    { name: 'wrong type: true', form: set({ [`q${single}`]: 'true' }), expect: bad({ [`q${single}`]: NO_CHOICE }) },
    {
      name: 'wrong type: several answers to a single-answer question',
      form: set({ [`q${single}`]: ['0', '1'] }),
      expect: bad({ [`q${single}`]: 'Choose an answer.' }),
    },
    { name: 'wrong type: a file as an answer', entries: asFile(`q${single}`), expect: bad({ [`q${single}`]: 'Choose an answer.' }) },
    { name: 'overlong: a 10,000-digit answer', form: set({ [`q${single}`]: long(10_000, '0') }), expect: bad({ [`q${single}`]: NO_CHOICE }) },
    {
      name: 'forged choice: one answer ticked twice',
      form: set({ [`q${multiple}`]: ['0', '0'] }),
      expect: bad({ [`q${multiple}`]: 'Choose each answer only once.' }),
    },
    { name: 'forged choice: a multiple answer out of range', form: set({ [`q${multiple}`]: ['0', '9'] }), expect: bad({ [`q${multiple}`]: NO_CHOICE }) },
    { name: 'SQL: quote-or-true', form: set({ [`q${single}`]: `0${SQL_OR}` }), expect: bad({ [`q${single}`]: NO_CHOICE }) },
    { name: 'HTML: a script tag', form: set({ [`q${single}`]: SCRIPT }), expect: bad({ [`q${single}`]: NO_CHOICE }) },
    { name: 'unicode: a 4-byte emoji', form: set({ [`q${single}`]: EMOJI }), expect: bad({ [`q${single}`]: NO_CHOICE }) },
    { name: 'unicode: a NUL byte', form: set({ [`q${single}`]: `0${NUL}` }), expect: bad({ [`q${single}`]: NO_CHOICE }) },
    { name: 'unicode: an Arabic-Indic digit', form: set({ [`q${single}`]: '\u0660' }), expect: bad({ [`q${single}`]: NO_CHOICE }) },
    {
      name: 'extra field: a question the lesson does not have',
      form: set({ [`q${lesson1.questions.length}`]: '0' }),
      expect: bad({ form: extraField(`q${lesson1.questions.length}`) }),
    },
    ...extraFieldCases({ score: '1', passed: 'true', userId: '1' }),
    { name: 'forged id: a lesson that does not exist', ...lessonAt('intro-kap', 'no-such-lesson'), expect: NOT_FOUND },
    { name: 'forged id: a course that does not exist', ...lessonAt(SQL_OR, lesson1.slug), expect: NOT_FOUND },
    { name: 'forged id: a lesson of another course', ...lessonAt('intro-kap', lockedLesson.slug), expect: NOT_FOUND },
    { name: 'a locked course (prerequisite not met)', ...lessonAt('advanced-kap', lockedLesson.slug), expect: FORBIDDEN },
  ],
)

// ---------------------------------------------------------------- hours: each kind of record

const ENTER_MINUTES = 'Enter the duration in whole minutes.'
const YYYY = 'Enter a date as YYYY-MM-DD.'
const CODE_FORMAT: Record<string, string> = {
  participantCode: 'Use the institute’s participant code format, P-#### (# is a digit), for example P-0042. Never a name or initials.',
  clientCode: 'Use the institute’s client code format, C-#### (# is a digit), for example C-0042. Never a name or initials.',
}
const EMAIL_IN_TEXT = 'This contains an email address. Remove it: records never hold contact details.'
const PHONE_IN_TEXT = 'This contains a phone number. Remove it: records never hold contact details.'
const BIRTH_DATE_IN_TEXT = 'This contains a date of birth. Remove it: records never hold details that identify a person.'
const POSSIBLE_DUPLICATE = /^This may be a duplicate: you already have .+ If this is another session, tick “Yes, this is a different session” and save again\.$/
const CHOOSE_KIND = 'Choose a kind of record: experiential, sitter, practicum or supervision.'
const CHOOSE_INTENT = 'Choose to save a draft or submit.'
const STALE = /^This record changed since you opened it\./
const MIN_MINUTES: Record<RecordKind, number> = { experiential: 60, sitter: 60, practicum: 15, supervision: 15 }

const recordForms: Record<RecordKind, (occurredOn: string) => Form> = {
  experiential: (occurredOn) => ({
    kind: 'experiential',
    occurredOn,
    minutes: '150',
    setting: 'in_person',
    route: 'intramuscular',
    medicalTeam: 'Dr. Priya Natarajan, MD',
    preparationNotes: 'Intentions.',
    integrationNotes: '',
    notes: '',
    intent: 'save',
  }),
  sitter: (occurredOn) => ({
    kind: 'sitter',
    occurredOn,
    startTime: '09:00',
    endTime: '11:00',
    setting: 'in_person',
    participantCode: 'P-0014',
    sitterRole: 'co-sitter',
    coSitterId: '',
    notes: 'Held silence.',
    intent: 'save',
  }),
  practicum: (occurredOn) => ({
    kind: 'practicum',
    occurredOn,
    minutes: '90',
    setting: 'virtual',
    phase: 'integration',
    contact: 'direct',
    clientCode: 'C-0203',
    notes: '',
    intent: 'save',
  }),
  supervision: (occurredOn) => ({
    kind: 'supervision',
    occurredOn,
    minutes: '60',
    setting: 'virtual',
    supervisionType: 'supervision',
    supervisionFormat: 'individual',
    supervisorName: 'Dr. Maya Reyes',
    notes: '',
    intent: 'save',
  }),
}
const REQUIRED: Record<RecordKind, Form> = {
  experiential: { route: 'Choose the route of administration.', medicalTeam: 'Name the prescriber or medical team.' },
  sitter: { participantCode: 'Enter a pseudonymous code.', sitterRole: 'Choose lead or co-sitter.' },
  practicum: { phase: 'Choose the phase of the work.', contact: 'Choose direct or indirect client contact.', clientCode: 'Enter a pseudonymous code.' },
  supervision: {
    supervisionType: 'Choose supervision or consultation.',
    supervisionFormat: 'Choose individual or group.',
    supervisorName: 'Name who gave the supervision or consultation.',
  },
}
const ENTER_START = 'Enter the start time, such as 09:30.'
const ENTER_END = 'Enter the end time, such as 14:00.'
/** How a sitter session's duration is said when its times are too close or too far apart. */
const SITTER_SPAN = (from: string, to: string, minutes: number) =>
  `A sitter session lasts 60–600 minutes; ${from} to ${to} is ${minutes} minutes. (An end before the start is the next day.)`
/** What a form without a duration says: a sitter session's times, or the minutes of the others. */
const NO_DURATION: Record<RecordKind, Record<string, Message>> = {
  experiential: { minutes: ENTER_MINUTES },
  sitter: { startTime: ENTER_START, endTime: ENTER_END },
  practicum: { minutes: ENTER_MINUTES },
  supervision: { minutes: ENTER_MINUTES },
}
const GROUP_SIZE = 'Enter how many people were in the group, you included.'
const CHOOSE_FELLOW = 'Choose a fellow from the list.'
const CO_SITTER_FROM_LIST = 'Choose the co-sitter from the list of fellows.'
/** The kind's required free-text field and its length limit. */
const TEXT_FIELD: Record<RecordKind, [string, number]> = {
  experiential: ['medicalTeam', 200],
  sitter: ['participantCode', 40],
  practicum: ['clientCode', 40],
  supervision: ['supervisorName', 120],
}
const OTHER_KIND: Record<RecordKind, RecordKind> = { experiential: 'sitter', sitter: 'practicum', practicum: 'supervision', supervision: 'experiential' }

/** Participant/client codes in the institute's format (P-####, C-####): anything else is refused beside the field. */
function codeCases(field: string): Case[] {
  const FORMAT = CODE_FORMAT[field]!
  const rows: [string, string, Message][] = [
    ['HTML: a script tag', SCRIPT, FORMAT],
    ['HTML: an image with onerror', '<img src=x onerror=alert(1)>', FORMAT],
    ['SQL: quote-or-true', SQL_OR, FORMAT],
    ['SQL: DROP TABLE', SQL_DROP, FORMAT],
    ['identifying: an email address', 'p.doe@example.com', /^This looks like an email address\./],
    ['identifying: a phone number', '555-123-4567', /^This looks like a phone number\./],
    ['identifying: a name', 'Jane Doe', FORMAT],
    ['identifying: initials', 'JD', FORMAT],
    ['identifying: initials with dots', 'J.D.', FORMAT],
    ['format: too few digits', field === 'participantCode' ? 'P-014' : 'C-203', FORMAT],
    ['format: the other kind’s prefix', field === 'participantCode' ? 'C-0014' : 'P-0203', FORMAT],
    ['unicode: a zero-width joiner', `P${ZWJ}014`, FORMAT],
    ['unicode: a right-to-left override', `${RLO}P-014`, FORMAT],
    ['unicode: a lone surrogate', `P-01${LONE_SURROGATE}`, FORMAT],
    ['unicode: a 4-byte emoji', `P-${EMOJI}`, FORMAT],
    ['unicode: a NUL byte', `P-${NUL}014`, FORMAT],
    ['unicode: Arabic-Indic digits', field === 'participantCode' ? 'P-\u0660\u0660\u0661\u0664' : 'C-\u0660\u0662\u0660\u0663', FORMAT],
    ['overlong: 41 characters', long(41, 'P'), 'Use at most 40 characters.'],
  ]
  return [
    ...rows.map(([name, value, message]): Case => ({ name: `code ${name}`, form: set({ [field]: value }), expect: bad({ [field]: message }) })),
    { name: 'code wrong type: two codes', form: set({ [field]: ['P-1', 'P-2'] }), expect: bad({ [field]: 'Enter a pseudonymous code.' }) },
  ]
}

/** What every record form refuses, whatever its kind. */
function recordFieldCases(kind: RecordKind, blankErrors: Record<string, Message> = {}): Case[] {
  const min = MIN_MINUTES[kind]
  const [textField, textMax] = TEXT_FIELD[kind]
  const other = recordForms[OTHER_KIND[kind]]('2024-01-01')
  const otherOnlyField = Object.keys(other).find((k) => k !== 'minutes' && !(k in recordForms[kind]('2024-01-01')))!
  const minutes = (value: string | string[], message: Message): Case => ({
    name: `minutes ${JSON.stringify(value).slice(0, 30)}`,
    form: set({ minutes: value }),
    expect: bad({ minutes: message }),
  })
  const date = (name: string, value: string | string[], message: Message): Case => ({
    name: `date ${name}`,
    form: set({ occurredOn: value }),
    expect: bad({ occurredOn: message }),
  })
  return [
    {
      name: 'empty: only the kind',
      form: only({ kind }),
      expect: bad({ occurredOn: 'Enter the date.', ...NO_DURATION[kind], setting: 'Choose in person or virtual.', ...REQUIRED[kind] }),
    },
    {
      name: 'empty: every field blank',
      form: (v) => ({ ...Object.fromEntries(Object.keys(v).map((k) => [k, ''])), kind }),
      expect: bad({
        occurredOn: 'Enter the date.',
        ...NO_DURATION[kind],
        setting: 'Choose in person or virtual.',
        intent: CHOOSE_INTENT,
        ...REQUIRED[kind],
        ...blankErrors,
      }),
    },
    { name: `empty: whitespace-only ${textField}`, form: set({ [textField]: '   ' }), expect: bad({ [textField]: REQUIRED[kind][textField] as string }) },
    { name: `wrong type: ${textField} as a file`, entries: asFile(textField), expect: bad({ [textField]: REQUIRED[kind][textField] as string }) },
    { name: 'overlong: 5,001-character notes', form: set({ notes: long(5001) }), expect: bad({ notes: 'Use at most 5,000 characters.' }) },
    {
      name: `overlong: 10,000-character ${textField}`,
      form: set({ [textField]: long(10_000) }),
      expect: bad({ [textField]: `Use at most ${textMax} characters.` }),
    },
    ...(kind === 'sitter'
      ? sitterTimeCases()
      : [
          minutes('abc', ENTER_MINUTES),
          minutes('0x78', ENTER_MINUTES),
          minutes('0b1111000', ENTER_MINUTES),
          minutes('Infinity', ENTER_MINUTES),
          minutes('90.5', ENTER_MINUTES),
          minutes('true', ENTER_MINUTES),
          minutes(`90${NUL}`, ENTER_MINUTES),
          minutes('\uFF19\uFF10', ENTER_MINUTES), // full-width digits
          minutes(['90', '90'], ENTER_MINUTES),
          minutes('-90', `At least ${min} minutes for this kind of record.`),
          minutes(String(min - 1), `At least ${min} minutes for this kind of record.`),
          minutes('601', 'At most 600 minutes (10 hours) per record.'),
          minutes(long(400, '9'), ENTER_MINUTES), // beyond any number: Infinity
        ]),
    date('in the future', daysAgo(-3), 'The date cannot be in the future.'),
    date('that does not exist', '2025-02-30', 'That date does not exist.'),
    date('before 2000', '1999-12-31', 'Enter a date between 2000 and 2100.'),
    date('in words', 'yesterday', YYYY),
    date('without leading zeros', '2025-1-5', YYYY),
    date('with a 4-byte emoji', `2025-01-0${EMOJI}`, YYYY),
    date('with a zero-width joiner', `2025-01-05${ZWJ}`, YYYY),
    date('with a lone surrogate', `2025-01-0${LONE_SURROGATE}`, YYYY),
    date('with a NUL byte', `2025-01-05${NUL}`, YYYY),
    date('in full-width digits', '\uFF12\uFF10\uFF12\uFF15-01-05', YYYY),
    date('with SQL after it', `2025-01-05${SQL_OR}`, YYYY),
    date('as HTML', SCRIPT, YYYY),
    date('twice', ['2025-01-05', '2025-01-06'], 'Enter the date.'),
    { name: 'setting: neither in person nor virtual', form: set({ setting: 'moon' }), expect: bad({ setting: 'Choose in person or virtual.' }) },
    { name: 'setting: upper case', form: set({ setting: 'IN_PERSON' }), expect: bad({ setting: 'Choose in person or virtual.' }) },
    { name: 'forged status: intent=approve', form: set({ intent: 'approve' }), expect: bad({ intent: CHOOSE_INTENT }) },
    { name: 'forged status: intent=approved', form: set({ intent: 'approved' }), expect: bad({ intent: CHOOSE_INTENT }) },
    { name: 'forged kind: admin', form: set({ kind: 'admin' }), expect: bad({ kind: CHOOSE_KIND }) },
    { name: 'forged kind: capitalised', form: set({ kind: kind[0]!.toUpperCase() + kind.slice(1) }), expect: bad({ kind: CHOOSE_KIND }) },
    { name: 'forged kind: two kinds at once', form: set({ kind: [kind, OTHER_KIND[kind]] }), expect: bad({ kind: CHOOSE_KIND }) },
    { name: 'forged kind: SQL', form: set({ kind: `${kind}${SQL_OR}` }), expect: bad({ kind: CHOOSE_KIND }) },
    {
      name: `extra field: ${otherOnlyField} of another kind of record`,
      form: set({ [otherOnlyField]: other[otherOnlyField]! }),
      expect: bad({ form: extraField(otherOnlyField) }),
    },
    { name: `unicode: a NUL byte in the notes`, form: set({ notes: `Held silence.${NUL}` }), expect: bad({ notes: CONTROL }) },
    { name: 'identifying: an email address in the notes', form: set({ notes: 'Wrote to jane.doe@example.com after.' }), expect: bad({ notes: EMAIL_IN_TEXT }) },
    { name: 'identifying: a phone number in the notes', form: set({ notes: 'Her number: (555) 123-4567.' }), expect: bad({ notes: PHONE_IN_TEXT }) },
    { name: 'identifying: a date of birth in the notes', form: set({ notes: 'DOB 04/03/1985.' }), expect: bad({ notes: BIRTH_DATE_IN_TEXT }) },
    kind === 'sitter'
      ? {
          name: 'identifying: contact details in the notes, with letters in the end time',
          form: set({ notes: 'jd@example.com', endTime: 'abc' }),
          expect: bad({ notes: EMAIL_IN_TEXT, endTime: ENTER_END }),
        }
      : {
          name: 'identifying: contact details in the notes, with letters in minutes',
          form: set({ notes: 'jd@example.com', minutes: 'abc' }),
          expect: bad({ notes: EMAIL_IN_TEXT, minutes: ENTER_MINUTES }),
        },
    {
      name: 'different-session box: a value other than yes',
      form: set({ differentSession: 'on' }),
      expect: bad({ differentSession: 'Tick the box or leave it empty.' }),
    },
    {
      name: 'different-session box: sent twice',
      form: set({ differentSession: ['yes', 'yes'] }),
      expect: bad({ differentSession: 'Tick the box or leave it empty.' }),
    },
  ]
}

/** A sitter session is logged by the clock (HH:MM, 24-hour; an end before the start is the next day): its duration is never typed. */
function sitterTimeCases(): Case[] {
  const time = (field: 'startTime' | 'endTime', value: string | string[], message: Message): Case => ({
    name: `${field === 'startTime' ? 'start' : 'end'} time ${JSON.stringify(value).slice(0, 30)}`,
    form: set({ [field]: value }),
    expect: bad({ [field]: message }),
  })
  const span = (startTime: string, endTime: string, minutes: number): Case => ({
    name: `times ${startTime} to ${endTime}: ${minutes} minutes`,
    form: set({ startTime, endTime }),
    expect: bad({ endTime: SITTER_SPAN(startTime, endTime, minutes) }),
  })
  return [
    time('startTime', 'abc', ENTER_START),
    time('startTime', '9.30', ENTER_START),
    time('startTime', '0900', ENTER_START),
    time('startTime', `09:00${NUL}`, ENTER_START),
    time('startTime', '\uFF10\uFF19:00', ENTER_START), // full-width digits
    time('startTime', ['09:00', '09:00'], ENTER_START),
    time('startTime', SCRIPT, ENTER_START),
    time('endTime', '25:00', ENTER_END),
    time('endTime', '24:00', ENTER_END),
    time('endTime', '11:60', ENTER_END),
    time('endTime', '11:00:00', ENTER_END),
    time('endTime', '11:00 pm', ENTER_END),
    time('endTime', `11:00${SQL_OR}`, ENTER_END),
    time('endTime', 'Infinity', ENTER_END),
    time('endTime', ['11:00', '11:00'], ENTER_END),
    time('endTime', long(400, '9'), ENTER_END),
    span('09:00', '09:00', 1440), // the same time: a whole day
    span('09:00', '09:15', 15),
    span('09:00', '09:59', 59),
    span('09:00', '19:01', 601),
    span('09:00', '08:59', 1439),
    span('22:00', '08:01', 601), // past midnight
    { name: 'extra field: a typed duration on a sitter session', form: set({ minutes: '120' }), expect: bad({ form: extraField('minutes') }) },
  ]
}

/** The other sitter is nobody (empty) or another active fellow, chosen by id. */
function coSitterCases(): Case[] {
  const id = (value: string | string[]): Case => ({
    name: `co-sitter ${JSON.stringify(value).slice(0, 30)}`,
    form: set({ coSitterId: value }),
    expect: bad({ coSitterId: CHOOSE_FELLOW }),
  })
  const person = (name: string, user: () => TestUser, message: string): Case => ({
    name: `co-sitter: ${name}`,
    form: (v) => ({ ...v, coSitterId: String(user().id) }),
    expect: bad({ coSitterId: message }),
  })
  return [
    id('Jane Doe'),
    id('0'),
    id('-1'),
    id('1.5'),
    id('1e3'),
    id('0x1F'),
    id('1234567890'),
    id(`1${SQL_OR}`),
    id(SCRIPT),
    id(['1', '2']),
    person('yourself', () => fx.fellow, 'Name the other sitter, not yourself.'),
    person('a supervisor, not a fellow', () => fx.sup, CO_SITTER_FROM_LIST),
    person('staff, not a fellow', () => fx.staff, CO_SITTER_FROM_LIST),
    person('a trainee, not a fellow', () => fx.trainee, CO_SITTER_FROM_LIST),
    person('a fellow no longer active', () => fx.formerFellow, CO_SITTER_FROM_LIST),
    { name: 'co-sitter: an id nobody has', form: set({ coSitterId: '99999999' }), expect: bad({ coSitterId: CO_SITTER_FROM_LIST }) },
  ]
}

function newRecordCases(kind: RecordKind): Case[] {
  const [textField] = TEXT_FIELD[kind]
  const cases: Case[] = [
    ...recordFieldCases(kind),
    ...extraFieldCases({ status: 'approved', fellowId: '1', approver_name: 'Dr. Forged', decided_by: '1' }),
    { name: 'extra field: a version on a new record', form: set({ version: '1' }), expect: bad({ form: extraField('version') }) },
  ]
  switch (kind) {
    case 'experiential':
      cases.push(
        { name: 'route: not in the list', form: set({ route: 'injection' }), expect: bad({ route: 'Choose the route of administration.' }) },
        {
          name: 'overlong: 5,001-character preparation notes',
          form: set({ preparationNotes: long(5001) }),
          expect: bad({ preparationNotes: 'Use at most 5,000 characters.' }),
        },
        {
          name: 'overlong: 5,001-character integration notes',
          form: set({ integrationNotes: long(5001) }),
          expect: bad({ integrationNotes: 'Use at most 5,000 characters.' }),
        },
        {
          name: 'HTML: a script tag as the medical team, with letters in minutes',
          form: set({ medicalTeam: SCRIPT, minutes: 'abc' }),
          expect: bad({ minutes: ENTER_MINUTES }),
        },
        { name: 'unicode: a NUL byte in the medical team', form: set({ medicalTeam: `Dr. Natarajan${NUL}` }), expect: bad({ medicalTeam: CONTROL }) },
        {
          name: 'identifying: a birth date in the preparation notes',
          form: set({ preparationNotes: 'Born on 4 March 1985.' }),
          expect: bad({ preparationNotes: BIRTH_DATE_IN_TEXT }),
        },
        {
          name: 'identifying: a phone number in the integration notes',
          form: set({ integrationNotes: '+44 20 7946 0958' }),
          expect: bad({ integrationNotes: PHONE_IN_TEXT }),
        },
        {
          name: 'identifying: an email address as the medical team',
          form: set({ medicalTeam: 'rx@clinic.example' }),
          expect: bad({ medicalTeam: EMAIL_IN_TEXT }),
        },
        {
          name: 'a possible duplicate: another experiential session that day',
          form: () => recordForms.experiential(fx.dupDate),
          expect: bad({ differentSession: POSSIBLE_DUPLICATE }),
        },
        // The clearance gate: refused as a whole, and the draft it would have left behind is rolled back too.
        {
          name: 'submitted without a medical clearance',
          form: set({ intent: 'submit', occurredOn: daysAgo(5) }),
          expect: conflict({ form: /^An experiential session can be submitted only when a medical clearance/ }),
        },
      )
      break
    case 'sitter':
      cases.push(
        ...codeCases(textField),
        { name: 'forged role: sitterRole=supervisor', form: set({ sitterRole: 'supervisor' }), expect: bad({ sitterRole: 'Choose lead or co-sitter.' }) },
        { name: 'forged role: sitterRole=staff', form: set({ sitterRole: 'staff' }), expect: bad({ sitterRole: 'Choose lead or co-sitter.' }) },
        ...coSitterCases(),
        {
          // 09:00 to 15:40 is 400 minutes; the form shows the error beside the end time.
          name: 'over the daily cap of 16 hours',
          form: () => ({ ...recordForms.sitter(fx.capDate), startTime: '09:00', endTime: '15:40' }),
          expect: bad({ minutes: /^At most 16 hours can be logged for one day across all your records\. 360 more minutes fit on / }),
        },
        {
          name: 'a possible duplicate: the same participant that day, not confirmed',
          form: () => recordForms.sitter(fx.dupDate),
          expect: bad({ differentSession: POSSIBLE_DUPLICATE }),
        },
        {
          name: 'a possible duplicate: the same participant typed in small letters, submitted',
          form: () => ({ ...recordForms.sitter(fx.dupDate), participantCode: 'p-0014', intent: 'submit' }),
          expect: bad({ differentSession: POSSIBLE_DUPLICATE }),
        },
      )
      break
    case 'practicum':
      cases.push(
        ...codeCases(textField),
        {
          name: 'phase: not in the list',
          form: set({ phase: 'dosing' }),
          expect: bad({ phase: 'Choose the phase of the work.' }),
        },
        ...['both', 'DIRECT', 'in person', SQL_OR, `direct${NUL}`].map((contact): Case => ({
          name: `contact: ${JSON.stringify(contact)}`,
          form: set({ contact }),
          expect: bad({ contact: REQUIRED.practicum.contact as string }),
        })),
        { name: 'contact: missing', form: without('contact'), expect: bad({ contact: REQUIRED.practicum.contact as string }) },
        {
          name: 'contact: direct and indirect at once',
          form: set({ contact: ['direct', 'indirect'] }),
          expect: bad({ contact: REQUIRED.practicum.contact as string }),
        },
      )
      break
    case 'supervision':
      cases.push(
        { name: 'format: not in the list', form: set({ supervisionFormat: 'peer' }), expect: bad({ supervisionFormat: 'Choose individual or group.' }) },
        ...['peer', 'Supervision', 'both', SQL_OR].map((supervisionType): Case => ({
          name: `supervision or consultation: ${JSON.stringify(supervisionType)}`,
          form: set({ supervisionType }),
          expect: bad({ supervisionType: 'Choose supervision or consultation.' }),
        })),
        {
          name: 'supervision or consultation: missing',
          form: without('supervisionType'),
          expect: bad({ supervisionType: 'Choose supervision or consultation.' }),
        },
        { name: 'group size: a group without one', form: set({ supervisionFormat: 'group' }), expect: bad({ groupSize: GROUP_SIZE }) },
        ...(
          [
            ['', GROUP_SIZE],
            ['many', GROUP_SIZE],
            ['0x10', GROUP_SIZE],
            [['4', '4'], GROUP_SIZE],
            [`4${NUL}`, GROUP_SIZE],
            ['1', 'A group has at least 2 people, you included.'],
            ['0', 'A group has at least 2 people, you included.'],
            ['-4', 'A group has at least 2 people, you included.'],
            ['51', 'At most 50 people in a group.'],
            [long(400, '9'), GROUP_SIZE], // beyond any number: Infinity
            ['2.5', 'Enter a whole number of people.'],
          ] as [string | string[], Message][]
        ).map(([groupSize, message]): Case => ({
          name: `group size: ${JSON.stringify(groupSize).slice(0, 30)}`,
          form: set({ supervisionFormat: 'group', groupSize }),
          expect: bad({ groupSize: message }),
        })),
        {
          name: 'overlong: 121-character supervisor name',
          form: set({ supervisorName: long(121) }),
          expect: bad({ supervisorName: 'Use at most 120 characters.' }),
        },
        { name: 'unicode: a NUL byte in the supervisor name', form: set({ supervisorName: `Dr. Reyes${NUL}` }), expect: bad({ supervisorName: CONTROL }) },
        {
          name: 'identifying: a phone number with the supervisor’s name',
          form: set({ supervisorName: 'Dr. Reyes 555-123-4567' }),
          expect: bad({ supervisorName: PHONE_IN_TEXT }),
        },
      )
  }
  return cases
}

for (const kind of ['experiential', 'sitter', 'practicum', 'supervision'] as const) {
  badInputSuite(
    `new record: ${kind}`,
    { action: newRecordRoute.action, path: () => `/hours/new?kind=${kind}`, user: () => fx.fellow, valid: () => recordForms[kind](daysAgo(3)) },
    [
      ...newRecordCases(kind),
      { name: 'forged role: a supervisor logs a record', as: () => fx.sup, expect: FORBIDDEN },
      { name: 'forged role: a trainee (not a fellow) logs a record', as: () => fx.trainee, expect: FORBIDDEN },
    ],
  )
}

// ---------------------------------------------------------------- hours: one record's page (submit, amend), edit, submit selected

const recordAt = (id: () => number | string) => ({ path: () => `/hours/${encodeURIComponent(id())}`, params: () => ({ id: String(id()) }) })
const FORGED_RECORD_IDS: [string, () => number | string][] = [
  ['a record that does not exist', () => 99_999_999],
  ['letters', () => 'abc'],
  ['zero', () => 0],
  ['negative', () => -1],
  ['SQL quote-or-true', () => `1${SQL_OR}`],
  ['SQL DROP TABLE', () => SQL_DROP],
  ['a NUL byte after a real id', () => `${fx.rec.stillSubmitted}${NUL}`],
  ['beyond the safe integers', () => '9007199254740993'],
]
const forgedRecordIdCases = (at: (id: () => number | string) => { path: () => string; params: () => Record<string, string> }): Case[] =>
  FORGED_RECORD_IDS.map(([name, id]): Case => ({ name: `forged id: ${name}`, ...at(id), expect: NOT_FOUND }))

badInputSuite(
  'submit one record',
  { action: recordRoute.action, ...recordAt(() => fx.rec.submitDraft), user: () => fx.fellow, valid: () => ({ intent: 'submit', version: '1' }) },
  [
    { name: 'empty: no version', form: without('version'), expect: bad({ version: SOME_MESSAGE }) },
    ...['abc', '-1', '1.0', '1234567890', `1${SQL_OR}`, `1${NUL}`, EMOJI].map((version): Case => ({
      name: `wrong version: ${JSON.stringify(version)}`,
      form: set({ version }),
      expect: bad({ version: RELOAD }),
    })),
    { name: 'wrong type: two versions', form: set({ version: ['1', '1'] }), expect: bad({ version: SOME_MESSAGE }) },
    { name: 'wrong type: two intents', form: set({ intent: ['submit', 'approve'] }), expect: bad({ intent: SOME_MESSAGE }) },
    { name: 'stale version', form: set({ version: '7' }), expect: conflict({ form: STALE }) },
    ...extraFieldCases({ status: 'approved', fellowId: '1', comment: 'Looks fine.' }),
    { name: 'forged id: another fellow’s draft', ...recordAt(() => fx.rec.bDraft), expect: NOT_FOUND },
    ...forgedRecordIdCases(recordAt),
    {
      name: 'forged status: an already submitted record',
      ...recordAt(() => fx.rec.stillSubmitted),
      form: set({ version: '2' }),
      expect: conflict({ form: 'Record of ' + daysAgo(45) + ': A submitted record cannot be submitted.' }),
    },
    {
      name: 'forged status: an approved record',
      ...recordAt(() => fx.rec.locked),
      form: set({ version: '3' }),
      expect: conflict({ form: /This record is approved and locked\.$/ }),
    },
    {
      name: 'forged role: the assigned supervisor submits',
      as: () => fx.sup,
      ...recordAt(() => fx.rec.stillSubmitted),
      form: set({ version: '2' }),
      expect: FORBIDDEN,
    },
    { name: 'forged role: staff submits a fellow’s draft', as: () => fx.staff, expect: FORBIDDEN },
    {
      name: 'forged id: a supervisor not assigned to the fellow',
      as: () => fx.otherSup,
      ...recordAt(() => fx.rec.stillSubmitted),
      form: set({ version: '2' }),
      expect: FORBIDDEN,
    },
  ],
)

const AMEND_REASON = 'Corrected the duration from the session sheet.'

badInputSuite(
  'amend an approved record (staff)',
  {
    action: recordRoute.action,
    ...recordAt(() => fx.rec.approved),
    user: () => fx.staff,
    valid: () => ({ version: '3', occurredOn: fx.rec.approvedDate, minutes: '150', setting: 'in_person', reason: AMEND_REASON }),
  },
  [
    {
      name: 'empty: no fields at all',
      form: only({}),
      expect: bad({
        version: SOME_MESSAGE,
        occurredOn: 'Enter the date.',
        minutes: ENTER_MINUTES,
        setting: 'Choose in person or virtual.',
        reason: 'Give the reason for the amendment.',
      }),
    },
    { name: 'empty: whitespace-only reason', form: set({ reason: '  \n ' }), expect: bad({ reason: 'Give the reason for the amendment.' }) },
    { name: 'overlong: 2,001-character reason', form: set({ reason: long(2001) }), expect: bad({ reason: 'Use at most 2,000 characters.' }) },
    { name: 'overlong: 10,000-character reason', form: set({ reason: long(10_000) }), expect: bad({ reason: 'Use at most 2,000 characters.' }) },
    { name: 'wrong type: two reasons', form: set({ reason: [AMEND_REASON, AMEND_REASON] }), expect: bad({ reason: 'Give the reason for the amendment.' }) },
    { name: 'unicode: a NUL byte in the reason', form: set({ reason: `${AMEND_REASON}${NUL}` }), expect: bad({ reason: CONTROL }) },
    { name: 'minutes: letters', form: set({ minutes: 'abc' }), expect: bad({ minutes: ENTER_MINUTES }) },
    { name: 'minutes: hexadecimal', form: set({ minutes: '0x96' }), expect: bad({ minutes: ENTER_MINUTES }) },
    { name: 'minutes: over 10 hours', form: set({ minutes: '601' }), expect: bad({ minutes: 'At most 600 minutes (10 hours) per record.' }) },
    {
      name: 'minutes: under the sitter minimum of an hour',
      form: set({ minutes: '59' }),
      expect: bad({ minutes: 'At least 60 minutes for this kind of record.' }),
    },
    {
      name: 'minutes: over the daily cap',
      form: (v) => ({ ...v, occurredOn: fx.capDate, minutes: '400' }),
      expect: bad({ minutes: /^At most 16 hours can be logged for one day/ }),
    },
    { name: 'date: in the future', form: set({ occurredOn: daysAgo(-3) }), expect: bad({ occurredOn: 'The date cannot be in the future.' }) },
    { name: 'date: with a 4-byte emoji', form: set({ occurredOn: `2025-01-0${EMOJI}` }), expect: bad({ occurredOn: YYYY }) },
    { name: 'date: SQL', form: set({ occurredOn: SQL_DROP }), expect: bad({ occurredOn: YYYY }) },
    { name: 'setting: not in the list', form: set({ setting: 'moon' }), expect: bad({ setting: 'Choose in person or virtual.' }) },
    { name: 'wrong version: letters', form: set({ version: 'abc' }), expect: bad({ version: RELOAD }) },
    { name: 'stale version', form: set({ version: '1' }), expect: conflict({ form: STALE }) },
    ...extraFieldCases({ status: 'draft', kind: 'practicum', fellowId: '1', approver_name: 'Dr. Forged', intent: 'amend' }),
    {
      name: 'forged status: amending a submitted record',
      ...recordAt(() => fx.rec.stillSubmitted),
      form: set({ version: '2', minutes: '90' }),
      expect: conflict({ form: 'A submitted record cannot be amended.' }),
    },
    ...forgedRecordIdCases(recordAt),
    { name: 'forged role: the fellow amends their own approved record', as: () => fx.fellow, expect: FORBIDDEN },
    { name: 'forged role: the supervisor amends', as: () => fx.sup, expect: FORBIDDEN },
    { name: 'forged intent: staff posts intent=submit on a fellow’s record', form: () => ({ intent: 'submit', version: '3' }), expect: FORBIDDEN },
  ],
)

const editAt = (id: () => number | string) => ({ path: () => `/hours/${encodeURIComponent(id())}/edit`, params: () => ({ id: String(id()) }) })

badInputSuite(
  'edit a record',
  {
    action: editRoute.action,
    ...editAt(() => fx.rec.editDraft),
    user: () => fx.fellow,
    valid: () => ({ ...recordForms.sitter(daysAgo(41)), notes: 'Edited.', version: '1' }),
  },
  [
    ...recordFieldCases('sitter', { version: SOME_MESSAGE }),
    ...codeCases('participantCode'),
    ...coSitterCases(),
    ...extraFieldCases({ status: 'approved', fellowId: '1', decided_by: '1', approver_name: 'Dr. Forged' }),
    {
      name: 'forged kind: changed to practicum',
      form: () => ({ ...recordForms.practicum(daysAgo(41)), version: '1' }),
      expect: bad({ kind: 'The kind of a record cannot be changed. Log a new record instead.' }),
    },
    { name: 'wrong version: letters', form: set({ version: 'abc' }), expect: bad({ version: SOME_MESSAGE }) },
    { name: 'stale version', form: set({ version: '9' }), expect: conflict({ form: STALE }) },
    { name: 'empty: no version', form: without('version'), expect: conflict({ form: STALE }) },
    {
      name: 'over the daily cap of 16 hours',
      form: (v) => ({ ...v, occurredOn: fx.capDate, startTime: '09:00', endTime: '15:40' }),
      expect: bad({ minutes: /^At most 16 hours can be logged for one day/ }),
    },
    {
      name: 'a possible duplicate: moved to a day with the same participant, not confirmed',
      form: (v) => ({ ...v, occurredOn: fx.dupDate }),
      expect: bad({ differentSession: POSSIBLE_DUPLICATE }),
    },
    {
      name: 'forged status: an approved record',
      ...editAt(() => fx.rec.locked),
      form: set({ version: '3' }),
      expect: conflict({ form: 'This record is approved and locked.' }),
    },
    {
      name: 'forged status: a submitted record',
      ...editAt(() => fx.rec.stillSubmitted),
      form: () => ({ ...recordForms.practicum(daysAgo(45)), version: '2' }),
      expect: conflict({ form: 'A submitted record cannot be edited.' }),
    },
    { name: 'forged id: another fellow’s draft', ...editAt(() => fx.rec.bDraft), expect: NOT_FOUND },
    ...forgedRecordIdCases(editAt),
    { name: 'forged role: the assigned supervisor edits', as: () => fx.sup, ...editAt(() => fx.rec.stillSubmitted), expect: NOT_FOUND },
    { name: 'forged role: staff edits a fellow’s draft', as: () => fx.staff, expect: NOT_FOUND },
    { name: 'forged id: a supervisor not assigned to the fellow', as: () => fx.otherSup, ...editAt(() => fx.rec.stillSubmitted), expect: FORBIDDEN },
  ],
)

const coSatAnswer =
  (id: () => number, version: string, intent = 'confirm') =>
  () => ({ intent, id: String(id()), version, reason: '' })
const DECLINE_WITHOUT_REASON = 'Say what is not right, so the fellow can correct it.'

badInputSuite(
  'confirm or decline as co-sitter',
  { action: coSittingRoute.action, path: () => '/hours/co-sitting', user: () => fx.fellow, valid: coSatAnswer(() => fx.rec.coSat, '2') },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ intent: SOME_MESSAGE }) },
    ...['approve', 'approve-selected', 'CONFIRM', `confirm${NUL}`, SQL_OR].map((intent): Case => ({
      name: `forged intent: ${JSON.stringify(intent)}`,
      form: set({ intent }),
      expect: bad({ intent: SOME_MESSAGE }),
    })),
    { name: 'wrong type: confirm and decline at once', form: set({ intent: ['confirm', 'decline'] }), expect: bad({ intent: SOME_MESSAGE }) },
    { name: 'decline: without a reason', form: set({ intent: 'decline' }), expect: bad({ reason: DECLINE_WITHOUT_REASON }) },
    { name: 'decline: no reason field at all', form: (v) => ({ ...without('reason')(v), intent: 'decline' }), expect: bad({ reason: DECLINE_WITHOUT_REASON }) },
    { name: 'decline: a whitespace-only reason', form: set({ intent: 'decline', reason: ' \n\t ' }), expect: bad({ reason: DECLINE_WITHOUT_REASON }) },
    {
      name: 'decline: a 2,001-character reason',
      form: set({ intent: 'decline', reason: long(2001) }),
      expect: bad({ reason: 'Use at most 2000 characters.' }),
    },
    { name: 'decline: two reasons', form: set({ intent: 'decline', reason: ['Not me.', 'Not me.'] }), expect: bad({ reason: DECLINE_WITHOUT_REASON }) },
    { name: 'decline: a NUL byte in the reason', form: set({ intent: 'decline', reason: `Not that day.${NUL}` }), expect: bad({ reason: CONTROL }) },
    {
      name: 'decline: an email address in the reason',
      form: set({ intent: 'decline', reason: 'Ask jane.doe@example.com.' }),
      expect: bad({ reason: EMAIL_IN_TEXT }),
    },
    { name: 'decline: a phone number in the reason', form: set({ intent: 'decline', reason: 'Call (555) 123-4567.' }), expect: bad({ reason: PHONE_IN_TEXT }) },
    { name: 'confirm: a 2,001-character note', form: set({ reason: long(2001) }), expect: bad({ reason: SOME_MESSAGE }) },
    ...['abc', '-1', '1.5', '1234567890', `1${SQL_OR}`, SCRIPT].map((id): Case => ({
      name: `forged id: ${JSON.stringify(id)}`,
      form: set({ id }),
      expect: bad({ id: RELOAD }),
    })),
    { name: 'empty: no id', form: without('id'), expect: bad({ id: RELOAD }) },
    { name: 'wrong type: two ids', form: (v) => ({ ...v, id: [String(fx.rec.coSat), String(fx.rec.coSat)] }), expect: bad({ id: RELOAD }) },
    { name: 'empty: no version', form: without('version'), expect: bad({ version: RELOAD }) },
    { name: 'wrong version: letters', form: set({ version: 'abc' }), expect: bad({ version: RELOAD }) },
    { name: 'stale version: an older one', form: set({ version: '1' }), expect: conflict({ form: STALE }) },
    { name: 'stale version: a newer one', form: set({ version: '3' }), expect: conflict({ form: STALE }) },
    { name: 'stale version: declining', form: set({ intent: 'decline', version: '1', reason: 'Not that day.' }), expect: conflict({ form: STALE }) },
    ...extraFieldCases({ status: 'approved', fellowId: '1', coSitterId: '1', confirmedAt: '2026-01-01' }),
    { name: 'forged id: a record that does not exist', form: set({ id: '99999999' }), expect: NOT_FOUND },
    { name: 'forged id: a practicum record, not a sitter session', form: coSatAnswer(() => fx.rec.bulkDraft, '1'), expect: NOT_FOUND },
    { name: 'forged id: another fellow’s session that names someone else', form: coSatAnswer(() => fx.rec.bSubmitted, '2'), expect: FORBIDDEN },
    { name: 'forged id: the fellow’s own session', form: coSatAnswer(() => fx.rec.submitted, '2'), expect: FORBIDDEN },
    { name: 'forged role: the fellow who logged it answers for the co-sitter', as: () => fx.fellowB, expect: FORBIDDEN },
    { name: 'forged role: the fellow’s supervisor', as: () => fx.otherSup, expect: FORBIDDEN },
    { name: 'forged role: staff', as: () => fx.staff, expect: FORBIDDEN },
    {
      name: 'forged status: a session already confirmed',
      form: coSatAnswer(() => fx.rec.coSatConfirmed, '2'),
      expect: conflict({ form: 'You have already confirmed this session.' }),
    },
    {
      name: 'forged status: declining a session already confirmed',
      form: () => ({ ...coSatAnswer(() => fx.rec.coSatConfirmed, '2', 'decline')(), reason: 'Changed my mind.' }),
      expect: conflict({ form: 'You have already confirmed this session.' }),
    },
    {
      name: 'forged status: a session returned to the fellow',
      form: coSatAnswer(() => fx.rec.coSatReturned, '3'),
      expect: conflict({ form: 'A returned record cannot be confirmed.' }),
    },
    {
      name: 'forged status: declining a session returned to the fellow',
      form: () => ({ ...coSatAnswer(() => fx.rec.coSatReturned, '3', 'decline')(), reason: 'Not that day.' }),
      expect: conflict({ form: 'A returned record cannot be declined.' }),
    },
  ],
)

/** Bad "id:version" selections for the bulk forms. */
function selectionCases(): Case[] {
  return [
    { name: 'empty: nothing selected', form: without('selected'), expect: bad({ selected: 'Select at least one record.' }) },
    { name: 'empty: a blank selection', form: set({ selected: '' }), expect: bad({ selected: 'Select at least one record.' }) },
    ...['abc', '12', '1:2:3', ':1', '1:', `1:1${SQL_OR}`, SQL_DROP, `1:1${NUL}`, `1${ZWJ}:1`, `${EMOJI}:1`, '1234567890:1'].map((pair): Case => ({
      name: `malformed pair: ${JSON.stringify(pair)}`,
      form: set({ selected: pair }),
      expect: bad({ selected: RELOAD }),
    })),
    {
      name: 'overlong: 101 records at once',
      form: set({ selected: Array.from({ length: 101 }, (_, i) => `${i + 1}:1`) }),
      expect: bad({ selected: 'Select at most 100 records at a time.' }),
    },
    { name: 'empty: no intent', form: without('intent'), expect: bad({ intent: SOME_MESSAGE }) },
  ]
}

badInputSuite(
  'submit selected records',
  { action: hoursRoute.action, path: () => '/hours', user: () => fx.fellow, valid: () => ({ intent: 'submit-selected', selected: [`${fx.rec.bulkDraft}:1`] }) },
  [
    ...selectionCases(),
    { name: 'forged intent: approve-selected', form: set({ intent: 'approve-selected' }), expect: bad({ intent: SOME_MESSAGE }) },
    {
      name: 'forged id: another fellow’s draft',
      form: () => ({ intent: 'submit-selected', selected: [`${fx.rec.bDraft}:1`] }),
      expect: conflict({ form: 'One of the selected records is not yours.' }),
    },
    {
      name: 'forged id: a record that does not exist',
      form: set({ selected: '99999999:1' }),
      expect: conflict({ form: 'One of the selected records is not yours.' }),
    },
    // Submitted first, then refused on the second pair: the whole batch is rolled back.
    {
      name: 'forged id: mine, then another fellow’s',
      form: (v) => ({ ...v, selected: [...(v.selected as string[]), `${fx.rec.bDraft}:1`] }),
      expect: conflict({ form: 'One of the selected records is not yours.' }),
    },
    // Submitted by the first pair inside the transaction, refused on the second: rolled back as a whole.
    {
      name: 'the same record twice',
      form: (v) => ({ ...v, selected: [...(v.selected as string[]), ...(v.selected as string[])] }),
      expect: conflict({ form: `Record of ${daysAgo(42)}: A submitted record cannot be submitted.` }),
    },
    { name: 'stale version', form: () => ({ intent: 'submit-selected', selected: [`${fx.rec.bulkDraft}:5`] }), expect: conflict({ form: STALE }) },
    {
      name: 'forged status: an already submitted record',
      form: () => ({ intent: 'submit-selected', selected: [`${fx.rec.stillSubmitted}:2`] }),
      expect: conflict({ form: `Record of ${daysAgo(45)}: A submitted record cannot be submitted.` }),
    },
    {
      name: 'forged status: an approved record',
      form: () => ({ intent: 'submit-selected', selected: [`${fx.rec.locked}:3`] }),
      expect: conflict({ form: /: This record is approved and locked\.$/ }),
    },
    ...extraFieldCases({ status: 'submitted', fellowId: '1' }),
    { name: 'forged role: a supervisor submits', as: () => fx.sup, expect: FORBIDDEN },
    { name: 'forged role: a trainee submits', as: () => fx.trainee, expect: FORBIDDEN },
  ],
)

// ---------------------------------------------------------------- decisions

const reviewAt = (id: () => number | string) => ({ path: () => `/review/${encodeURIComponent(id())}`, params: () => ({ id: String(id()) }) })
const RETURN_NEEDS_COMMENT = 'Say what needs fixing: returning a record requires a comment.'

/** An approval is a signature: no name, another name, a statement that is not the current one. */
const signatureCases = (): Case[] => [
  { name: 'signature: none typed', form: set({ signature: '' }), expect: bad({ signature: 'Type your full name as on your license to sign.' }) },
  { name: 'signature: only spaces', form: set({ signature: '   ' }), expect: bad({ signature: 'Type your full name as on your license to sign.' }) },
  {
    name: 'signature: someone else’s name',
    form: set({ signature: 'Dr. Someone Else' }),
    expect: bad({ signature: /^Type your full name as on your license \(.+\) to sign\.$/ }),
  },
  { name: 'signature: initials', form: set({ signature: 'TS' }), expect: bad({ signature: /^Type your full name as on your license/ }) },
  { name: 'overlong: a 201-character signature', form: set({ signature: long(201) }), expect: bad({ signature: 'Use at most 200 characters.' }) },
  {
    name: 'signature: under a statement version that is not the current one',
    form: set({ attestationVersion: '2020-01' }),
    expect: conflict({ form: /^The attestation has changed since this page was opened\./ }),
  },
  {
    name: 'signature: no statement version',
    form: set({ attestationVersion: '' }),
    expect: conflict({ form: /^The attestation has changed since this page was opened\./ }),
  },
]

badInputSuite(
  'decision on a record',
  {
    action: decisionRoute.action,
    ...reviewAt(() => fx.rec.submitted),
    user: () => fx.sup,
    valid: () => ({ decision: 'approve', version: '2', comment: '', ...signed(fx.sup) }),
  },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ decision: 'Choose approve or return.', version: RELOAD }) },
    ...['approved', 'reject', 'APPROVE', 'amend', SQL_OR, `approve${NUL}`, `approve${ZWJ}`].map((decision): Case => ({
      name: `forged decision: ${JSON.stringify(decision)}`,
      form: set({ decision }),
      expect: bad({ decision: 'Choose approve or return.' }),
    })),
    { name: 'wrong type: approve and return at once', form: set({ decision: ['approve', 'return'] }), expect: bad({ decision: 'Choose approve or return.' }) },
    { name: 'empty: no version', form: without('version'), expect: bad({ version: RELOAD }) },
    { name: 'wrong version: letters', form: set({ version: 'two' }), expect: bad({ version: RELOAD }) },
    { name: 'wrong version: SQL', form: set({ version: `2${SQL_OR}` }), expect: bad({ version: RELOAD }) },
    { name: 'stale version', form: set({ version: '1' }), expect: conflict({ form: STALE }) },
    { name: 'empty: a return without a comment', form: set({ decision: 'return' }), expect: bad({ comment: RETURN_NEEDS_COMMENT }) },
    {
      name: 'empty: a return with a whitespace-only comment',
      form: set({ decision: 'return', comment: ' \n\t ' }),
      expect: bad({ comment: RETURN_NEEDS_COMMENT }),
    },
    {
      name: 'overlong: a 2,001-character comment',
      form: set({ decision: 'return', comment: long(2001) }),
      expect: bad({ comment: 'Use at most 2,000 characters.' }),
    },
    { name: 'wrong type: two comments', form: set({ decision: 'return', comment: ['Fix it.', 'Fix it.'] }), expect: bad({ comment: SOME_MESSAGE }) },
    { name: 'unicode: a NUL byte in the comment', form: set({ decision: 'return', comment: `Add the route.${NUL}` }), expect: bad({ comment: CONTROL }) },
    ...signatureCases(),
    ...extraFieldCases({ status: 'approved', decided_by: '1', approver_license_number: '00000', fellowId: '1' }),
    { name: 'forged id: a record of a fellow not assigned to me', ...reviewAt(() => fx.rec.bSubmitted), expect: FORBIDDEN },
    { name: 'forged id: a draft of my fellow', ...reviewAt(() => fx.rec.keptDraft), form: set({ version: '1' }), expect: NOT_FOUND },
    ...forgedRecordIdCases(reviewAt),
    {
      name: 'forged status: an approved record',
      ...reviewAt(() => fx.rec.locked),
      form: set({ version: '3' }),
      expect: conflict({ form: 'This record is approved and locked.' }),
    },
    {
      name: 'forged status: a returned record',
      ...reviewAt(() => fx.rec.returned),
      form: set({ version: '3' }),
      expect: conflict({ form: 'A returned record cannot be approved.' }),
    },
    { name: 'forged role: the fellow decides', as: () => fx.fellow, expect: FORBIDDEN },
    { name: 'forged role: staff decides', as: () => fx.staff, expect: FORBIDDEN },
    { name: 'forged role: a supervisor not assigned to the fellow', as: () => fx.otherSup, expect: FORBIDDEN },
  ],
)

badInputSuite(
  'approve selected records',
  {
    action: reviewRoute.action,
    path: () => '/review',
    user: () => fx.sup,
    valid: () => ({ intent: 'approve-selected', selected: [`${fx.rec.bulkSubmitted}:2`], ...signed(fx.sup) }),
  },
  [
    ...selectionCases(),
    { name: 'forged intent: return-selected', form: set({ intent: 'return-selected' }), expect: bad({ intent: SOME_MESSAGE }) },
    // As a single decision: 403, logged, and a missing id looks exactly like someone else's.
    {
      name: 'forged id: a record of a fellow not assigned to me',
      form: () => ({ intent: 'approve-selected', selected: [`${fx.rec.bSubmitted}:2`], ...signed(fx.sup) }),
      expect: FORBIDDEN,
    },
    { name: 'forged id: a record that does not exist', form: set({ selected: '99999999:1' }), expect: FORBIDDEN },
    {
      name: 'forged id: mine, then another supervisor’s',
      form: (v) => ({ ...v, selected: [...(v.selected as string[]), `${fx.rec.bSubmitted}:2`] }),
      expect: FORBIDDEN,
    },
    {
      name: 'stale version',
      form: () => ({ intent: 'approve-selected', selected: [`${fx.rec.bulkSubmitted}:1`], ...signed(fx.sup) }),
      expect: conflict({ form: /^Nothing was approved\. This record changed since you opened it\./ }),
    },
    {
      name: 'forged status: a draft',
      form: () => ({ intent: 'approve-selected', selected: [`${fx.rec.keptDraft}:1`], ...signed(fx.sup) }),
      expect: conflict({ form: 'Nothing was approved. A draft record cannot be approved.' }),
    },
    {
      name: 'forged status: an approved record',
      form: () => ({ intent: 'approve-selected', selected: [`${fx.rec.locked}:3`], ...signed(fx.sup) }),
      expect: conflict({ form: 'Nothing was approved. This record is approved and locked.' }),
    },
    ...signatureCases(),
    ...extraFieldCases({ status: 'approved', decided_by: '1', comment: 'Fine.' }),
    { name: 'forged role: a fellow approves', as: () => fx.fellow, expect: FORBIDDEN },
    { name: 'forged role: staff approves', as: () => fx.staff, expect: FORBIDDEN },
  ],
)

// ---------------------------------------------------------------- staff: invitations

badInputSuite(
  'invite someone (staff)',
  {
    action: invitationsRoute.action,
    path: () => '/staff/invitations',
    user: () => fx.staff,
    valid: () => ({ email: 'nia.newcomer.bad-input@example.test', roles: 'fellow' }),
  },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ email: ENTER_EMAIL, roles: 'Choose at least one role.' }) },
    ...emailCases(),
    {
      name: 'an email that already has an account (in capitals)',
      form: () => ({ email: fx.fellowB.email.toUpperCase(), roles: 'fellow' }),
      expect: bad({ email: 'Someone with this email already has an account.' }),
    },
    { name: 'empty: no role', form: set({ roles: '' }), expect: bad({ roles: 'Choose at least one role.' }) },
    ...['admin', 'STAFF', 'superuser', SQL_OR, `staff${NUL}`, `staff${ZWJ}`, SCRIPT].map((role): Case => ({
      name: `forged role: ${JSON.stringify(role)}`,
      form: set({ roles: role }),
      expect: bad({ roles: 'Choose roles from the list.' }),
    })),
    { name: 'forged role: a real role and a made-up one', form: set({ roles: ['fellow', 'admin'] }), expect: bad({ roles: 'Choose roles from the list.' }) },
    { name: 'forged role: the same role twice', form: set({ roles: ['fellow', 'fellow'] }), expect: bad({ roles: 'Choose each role only once.' }) },
    { name: 'wrong type: the roles as a file', entries: asFile('roles'), expect: bad({ roles: 'Choose roles from the list.' }) },
    ...extraFieldCases({ invitedBy: '1', isAdmin: 'true', expiresAt: '2999-01-01', token: 'abc' }),
    { name: 'forged role: a fellow invites', as: () => fx.fellow, expect: FORBIDDEN },
    { name: 'forged role: a supervisor invites', as: () => fx.sup, expect: FORBIDDEN },
  ],
)

// ---------------------------------------------------------------- staff: a person's page, one form per intent

const personAt = (id: () => number | string) => ({ path: () => `/staff/people/${encodeURIComponent(id())}`, params: () => ({ id: String(id()) }) })
const UNKNOWN_ACTION = 'Unknown action. Reload the page and try again.'
const CHOOSE_SUPERVISOR = 'Choose a supervisor.'

/** Ids that are not ids, for a field whose schema wants digits. */
const malformedIdCases = (field: string, message: string): Case[] =>
  [
    ['empty', ''],
    ['letters', 'abc'],
    ['negative', '-1'],
    ['a decimal', '1.5'],
    ['ten digits', '1234567890'],
    ['SQL quote-or-true', `1${SQL_OR}`],
    ['SQL DROP TABLE', SQL_DROP],
    ['a NUL byte', `1${NUL}`],
    ['a 4-byte emoji', EMOJI],
  ].map(([name, value]): Case => ({ name: `malformed ${field}: ${name}`, form: set({ [field]: value! }), expect: bad({ [field]: message }) }))

badInputSuite(
  'person: roles (and any intent)',
  {
    action: personRoute.action,
    ...personAt(() => fx.target.id),
    user: () => fx.staff,
    echoIgnores: ['intent'],
    valid: () => ({ intent: 'roles', roles: ['trainee', 'fellow'] }),
  },
  [
    { name: 'empty: no fields at all', form: only({}), echo: false, expect: bad({ form: UNKNOWN_ACTION }) },
    ...['promote', 'Roles', 'constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', SQL_OR, `roles${NUL}`].map((intent): Case => ({
      name: `forged intent: ${JSON.stringify(intent)}`,
      form: set({ intent }),
      echo: false,
      expect: bad({ form: UNKNOWN_ACTION }),
    })),
    { name: 'empty: no roles', form: without('roles'), expect: bad({ roles: 'A person needs at least one role.' }) },
    { name: 'empty: a blank role', form: set({ roles: '' }), expect: bad({ roles: 'A person needs at least one role.' }) },
    ...['admin', 'Staff', SQL_DROP, `staff${NUL}`, `staff${RLO}`].map((role): Case => ({
      name: `forged role: ${JSON.stringify(role)}`,
      form: set({ roles: ['fellow', role] }),
      expect: bad({ roles: 'Choose roles from the list.' }),
    })),
    { name: 'forged role: the same role twice', form: set({ roles: ['fellow', 'fellow'] }), expect: bad({ roles: 'Choose each role only once.' }) },
    {
      name: 'forged role: removing my own staff role',
      ...personAt(() => fx.staff.id),
      form: set({ roles: ['fellow'] }),
      expect: conflict({ roles: 'You cannot remove your own staff role; ask another staff member.' }),
    },
    ...extraFieldCases({ userId: '1', isAdmin: 'true' }),
    { name: 'forged id: a person who does not exist', ...personAt(() => 99_999_999), expect: NOT_FOUND },
    { name: 'forged id: letters', ...personAt(() => 'abc'), expect: NOT_FOUND },
    { name: 'forged id: SQL', ...personAt(() => `1${SQL_OR}`), expect: NOT_FOUND },
    { name: 'forged id: zero', ...personAt(() => 0), expect: NOT_FOUND },
    { name: 'forged role: a supervisor manages people', as: () => fx.sup, expect: FORBIDDEN },
    {
      name: 'forged role: a fellow gives themself the staff role',
      as: () => fx.fellow,
      ...personAt(() => fx.fellow.id),
      form: set({ roles: ['fellow', 'staff'] }),
      expect: FORBIDDEN,
    },
  ],
)

badInputSuite(
  'person: deactivate',
  { action: personRoute.action, ...personAt(() => fx.spare.id), user: () => fx.staff, echoIgnores: ['intent'], valid: () => ({ intent: 'deactivate' }) },
  [
    ...extraFieldCases({ userId: '1', active: '0', reason: 'Left.' }),
    { name: 'wrong type: two intents', form: set({ intent: ['deactivate', 'reactivate'] }), expect: bad({ intent: SOME_MESSAGE }) },
    { name: 'deactivating my own account', ...personAt(() => fx.staff.id), expect: conflict({ form: 'You cannot deactivate your own account.' }) },
    { name: 'forged role: a fellow deactivates someone', as: () => fx.fellow, expect: FORBIDDEN },
  ],
)

badInputSuite(
  'person: reactivate',
  { action: personRoute.action, ...personAt(() => fx.inactive.id), user: () => fx.staff, echoIgnores: ['intent'], valid: () => ({ intent: 'reactivate' }) },
  [...extraFieldCases({ userId: '1', active: '1' }), { name: 'forged role: a supervisor reactivates someone', as: () => fx.sup, expect: FORBIDDEN }],
)

badInputSuite(
  'person: assign a supervisor',
  {
    action: personRoute.action,
    ...personAt(() => fx.target.id),
    user: () => fx.staff,
    echoIgnores: ['intent'],
    valid: () => ({ intent: 'assign', supervisorId: String(fx.sup2.id) }),
  },
  [
    { name: 'empty: no supervisor', form: without('supervisorId'), expect: bad({ supervisorId: CHOOSE_SUPERVISOR }) },
    ...malformedIdCases('supervisorId', CHOOSE_SUPERVISOR),
    {
      name: 'wrong type: two supervisors',
      form: (v) => ({ ...v, supervisorId: [String(v.supervisorId), String(fx.otherSup.id)] }),
      expect: bad({ supervisorId: CHOOSE_SUPERVISOR }),
    },
    {
      name: 'forged id: a supervisor who does not exist',
      form: set({ supervisorId: '99999999' }),
      expect: conflict({ supervisorId: 'Choose someone with the supervisor role.' }),
    },
    {
      name: 'forged id: a fellow as the supervisor',
      form: () => ({ intent: 'assign', supervisorId: String(fx.fellowB.id) }),
      expect: conflict({ supervisorId: 'Choose someone with the supervisor role.' }),
    },
    {
      name: 'forged id: the fellow supervising themself',
      form: () => ({ intent: 'assign', supervisorId: String(fx.target.id) }),
      expect: conflict({ supervisorId: 'Nobody can supervise themselves.' }),
    },
    {
      name: 'a supervisor already assigned',
      form: () => ({ intent: 'assign', supervisorId: String(fx.sup.id) }),
      expect: conflict({ supervisorId: 'This supervisor is already assigned.' }),
    },
    {
      name: 'forged role: assigning a supervisor to a trainee',
      ...personAt(() => fx.newbie.id),
      expect: conflict({ supervisorId: 'Only fellows are assigned supervisors.' }),
    },
    ...extraFieldCases({ fellowId: '1', assignedBy: '1' }),
  ],
)

badInputSuite(
  'person: unassign a supervisor',
  {
    action: personRoute.action,
    ...personAt(() => fx.target.id),
    user: () => fx.staff,
    echoIgnores: ['intent'],
    valid: () => ({ intent: 'unassign', supervisorId: String(fx.sup.id) }),
  },
  [
    { name: 'empty: no supervisor', form: without('supervisorId'), expect: bad({ supervisorId: CHOOSE_SUPERVISOR }) },
    ...malformedIdCases('supervisorId', CHOOSE_SUPERVISOR),
    {
      name: 'forged id: a supervisor not assigned to this fellow',
      form: () => ({ intent: 'unassign', supervisorId: String(fx.otherSup.id) }),
      expect: conflict({ supervisorId: 'This supervisor is not assigned to this fellow.' }),
    },
    {
      name: 'forged id: a supervisor who does not exist',
      form: set({ supervisorId: '99999999' }),
      expect: conflict({ supervisorId: 'This supervisor is not assigned to this fellow.' }),
    },
    ...extraFieldCases({ fellowId: '1' }),
  ],
)

const CLINICIAN = 'Dr. Priya Natarajan, MD'
badInputSuite(
  'person: record a medical clearance',
  {
    action: personRoute.action,
    ...personAt(() => fx.target.id),
    user: () => fx.staff,
    echoIgnores: ['intent'],
    valid: () => ({ intent: 'clearance', grantedOn: daysAgo(10), expiresOn: daysAgo(-200), clinician: CLINICIAN }),
  },
  [
    {
      name: 'empty: only the intent',
      form: only({ intent: 'clearance' }),
      expect: bad({ grantedOn: 'Enter the date.', expiresOn: 'Enter the date.', clinician: 'Name the clinician or medical team who cleared the fellow.' }),
    },
    { name: 'date: granted in the future', form: set({ grantedOn: daysAgo(-5) }), expect: bad({ grantedOn: 'The grant date cannot be in the future.' }) },
    {
      name: 'date: expires before it is granted',
      form: set({ expiresOn: daysAgo(20) }),
      expect: bad({ expiresOn: 'The expiry must be on or after the grant date.' }),
    },
    { name: 'date: that does not exist', form: set({ expiresOn: '2027-02-29' }), expect: bad({ expiresOn: 'That date does not exist.' }) },
    ...[
      ['a 4-byte emoji', `2025-01-0${EMOJI}`],
      ['a NUL byte', `2025-01-05${NUL}`],
      ['a zero-width joiner', `2025${ZWJ}-01-05`],
      ['SQL', `2025-01-05${SQL_OR}`],
    ].map(([name, grantedOn]): Case => ({ name: `date with ${name}`, form: set({ grantedOn: grantedOn! }), expect: bad({ grantedOn: YYYY }) })),
    // Text that sorts after the expiry date also trips the expiry-after-grant rule, which compares the raw strings.
    ...[
      ['HTML', SCRIPT],
      ['words', 'last week'],
    ].map(([name, grantedOn]): Case => ({
      name: `date with ${name}`,
      form: set({ grantedOn: grantedOn! }),
      expect: bad({ grantedOn: YYYY, expiresOn: 'The expiry must be on or after the grant date.' }),
    })),
    {
      name: 'empty: whitespace-only clinician',
      form: set({ clinician: '   ' }),
      expect: bad({ clinician: 'Name the clinician or medical team who cleared the fellow.' }),
    },
    { name: 'overlong: 201-character clinician', form: set({ clinician: long(201) }), expect: bad({ clinician: 'Use at most 200 characters.' }) },
    { name: 'overlong: 10,000-character clinician', form: set({ clinician: long(10_000) }), expect: bad({ clinician: 'Use at most 200 characters.' }) },
    {
      name: 'wrong type: two clinicians',
      form: set({ clinician: [CLINICIAN, CLINICIAN] }),
      expect: bad({ clinician: 'Name the clinician or medical team who cleared the fellow.' }),
    },
    { name: 'unicode: a NUL byte in the clinician', form: set({ clinician: `${CLINICIAN}${NUL}` }), expect: bad({ clinician: CONTROL }) },
    {
      name: 'HTML: a script tag as the clinician, with an impossible date',
      form: set({ clinician: SCRIPT, grantedOn: '2025-13-01' }),
      expect: bad({ grantedOn: 'That date does not exist.' }),
    },
    {
      name: 'forged role: a clearance for a trainee (not a fellow)',
      ...personAt(() => fx.newbie.id),
      expect: conflict({ form: 'Medical clearances are recorded for fellows only.' }),
    },
    ...extraFieldCases({ fellowId: '1', recordedBy: '1', endedOn: daysAgo(1) }),
    // The letter: optional, one file, a PDF, PNG or JPEG by its content; a bad one refuses the whole clearance.
    ...letterCases(),
    {
      name: 'a second identical clearance (the one on file, the clinician typed differently)',
      form: () => ({ intent: 'clearance', grantedOn: daysAgo(400), expiresOn: daysAgo(-100), clinician: ` ${CLINICIAN.toUpperCase()}. ` }),
      expect: conflict({ grantedOn: /^This clearance is already on file \(.+\)\. Nothing was added\.$/ }),
    },
  ],
)

badInputSuite(
  'person: end a medical clearance',
  {
    action: personRoute.action,
    ...personAt(() => fx.target.id),
    user: () => fx.staff,
    echoIgnores: ['intent'],
    valid: () => ({ intent: 'end-clearance', clearanceId: String(fx.clearance.target), reason: 'The medical team withdrew the clearance.' }),
  },
  [
    {
      name: 'empty: only the intent',
      form: only({ intent: 'end-clearance' }),
      expect: bad({ clearanceId: 'Choose a clearance.', reason: 'Say why the clearance ends early.' }),
    },
    ...malformedIdCases('clearanceId', 'Choose a clearance.'),
    {
      name: 'forged id: another fellow’s clearance',
      form: (v) => ({ ...v, clearanceId: String(fx.clearance.fellowB) }),
      expect: conflict({ form: 'That clearance does not exist or has already ended.' }),
    },
    {
      name: 'forged id: a clearance that already ended',
      form: (v) => ({ ...v, clearanceId: String(fx.clearance.targetEnded) }),
      expect: conflict({ form: 'That clearance does not exist or has already ended.' }),
    },
    {
      name: 'forged id: a clearance that does not exist',
      form: set({ clearanceId: '99999999' }),
      expect: conflict({ form: 'That clearance does not exist or has already ended.' }),
    },
    { name: 'empty: whitespace-only reason', form: set({ reason: '   ' }), expect: bad({ reason: 'Say why the clearance ends early.' }) },
    { name: 'overlong: 501-character reason', form: set({ reason: long(501) }), expect: bad({ reason: 'Use at most 500 characters.' }) },
    { name: 'unicode: a NUL byte in the reason', form: set({ reason: `Withdrawn.${NUL}` }), expect: bad({ reason: CONTROL }) },
    ...extraFieldCases({ endedOn: daysAgo(100), fellowId: '1' }),
  ],
)

badInputSuite(
  'person: verify a license',
  {
    action: personRoute.action,
    ...personAt(() => fx.licenseHolder.id),
    user: () => fx.staff,
    echoIgnores: ['intent'],
    valid: () => ({ intent: 'verify-license', note: 'state board lookup' }),
  },
  [
    { name: 'empty: only the intent', form: only({ intent: 'verify-license' }), expect: bad({ note: 'Say how you verified it, e.g. "state board lookup".' }) },
    { name: 'empty: whitespace-only note', form: set({ note: '   ' }), expect: bad({ note: 'Say how you verified it, e.g. "state board lookup".' }) },
    { name: 'overlong: 201-character note', form: set({ note: long(201) }), expect: bad({ note: 'Use at most 200 characters.' }) },
    { name: 'unicode: a NUL byte in the note', form: set({ note: `board${NUL}` }), expect: bad({ note: CONTROL }) },
    ...extraFieldCases({ license_status: 'verified', supervisorId: '1' }),
  ],
)

badInputSuite(
  'person: mark a license lapsed',
  {
    action: personRoute.action,
    ...personAt(() => fx.licenseHolder.id),
    user: () => fx.staff,
    echoIgnores: ['intent'],
    valid: () => ({ intent: 'lapse-license', note: 'The board lists it as inactive.' }),
  },
  [
    {
      name: 'empty: only the intent',
      form: only({ intent: 'lapse-license' }),
      expect: bad({ note: 'Say why the license lapsed, e.g. "board lists it as inactive".' }),
    },
    { name: 'overlong: 501-character note', form: set({ note: long(501) }), expect: bad({ note: 'Use at most 500 characters.' }) },
    ...extraFieldCases({ license_status: 'lapsed' }),
  ],
)

badInputSuite(
  'person: join a cohort',
  {
    action: personRoute.action,
    ...personAt(() => fx.target.id),
    user: () => fx.staff,
    echoIgnores: ['intent'],
    valid: () => ({ intent: 'join-cohort', cohortId: String(fx.cohortB) }),
  },
  [
    ...malformedIdCases('cohortId', 'Choose a cohort.'),
    { name: 'forged id: a cohort that does not exist', form: set({ cohortId: '99999999' }), expect: conflict({ cohortId: 'There is no such cohort.' }) },
    {
      name: 'a cohort the person is already in',
      form: () => ({ intent: 'join-cohort', cohortId: String(fx.cohortA) }),
      expect: conflict({ form: 'This person is already in the cohort.' }),
    },
    ...extraFieldCases({ userId: '1', addedAt: '2020-01-01' }),
  ],
)

badInputSuite(
  'person: leave a cohort',
  {
    action: personRoute.action,
    ...personAt(() => fx.target.id),
    user: () => fx.staff,
    echoIgnores: ['intent'],
    valid: () => ({ intent: 'leave-cohort', cohortId: String(fx.cohortA) }),
  },
  [
    ...malformedIdCases('cohortId', 'Choose a cohort.'),
    {
      name: 'forged id: a cohort the person is not in',
      form: () => ({ intent: 'leave-cohort', cohortId: String(fx.cohortC) }),
      expect: conflict({ form: 'This person is not in the cohort.' }),
    },
    { name: 'forged id: a cohort that does not exist', form: set({ cohortId: '99999999' }), expect: conflict({ form: 'This person is not in the cohort.' }) },
    ...extraFieldCases({ userId: '1' }),
  ],
)

const CHOOSE_PROGRAM = 'Choose a program from the list.'
badInputSuite(
  'person: issue a certificate',
  {
    action: personRoute.action,
    ...personAt(() => fx.eligible.id),
    user: () => fx.staff,
    echoIgnores: ['intent'],
    valid: () => ({ intent: 'issue', program: fx.eligibleProgram }),
  },
  [
    { name: 'empty: no program', form: without('program'), expect: bad({ program: 'Choose a program.' }) },
    { name: 'empty: a blank program', form: set({ program: '' }), expect: bad({ program: CHOOSE_PROGRAM }) },
    ...[
      'PRACTITIONER-FELLOWSHIP',
      '../etc/passwd',
      long(61),
      SQL_OR,
      SQL_DROP,
      SCRIPT,
      `advanced-kap${NUL}`,
      `advanced${ZWJ}-kap`,
      `advanced-kap${EMOJI}`,
      'advanced_kap',
    ].map((program): Case => ({
      name: `forged program: ${JSON.stringify(program.slice(0, 30))}`,
      form: set({ program }),
      expect: bad({ program: CHOOSE_PROGRAM }),
    })),
    { name: 'wrong type: two programs', form: set({ program: ['advanced-kap', 'kap-experiential'] }), expect: bad({ program: 'Choose a program.' }) },
    { name: 'forged program: one that does not exist', form: set({ program: 'no-such-program' }), expect: conflict({ program: 'There is no such program.' }) },
    {
      name: 'a program the person already holds a valid certificate for',
      form: () => ({ intent: 'issue', program: fx.heldProgram }),
      expect: conflict({ program: /already holds a valid .+ certificate\. Revoke it first to issue a new one\.$/ }),
    },
    { name: 'forged id: a person who is not eligible', ...personAt(() => fx.fellowB.id), expect: conflict({ program: /^Not eligible for / }) },
    ...extraFieldCases({ serial: 'KAP-2000-1', code: 'ABCD-EFGH', holder_name: 'Someone Else', userId: '1', issuedAt: '2000-01-01' }),
  ],
)

// ---------------------------------------------------------------- staff: cohorts, certificates

badInputSuite(
  'create a cohort (staff)',
  {
    action: cohortsRoute.action,
    path: () => '/staff/cohorts',
    user: () => fx.staff,
    valid: () => ({ name: 'Cohort Bad Input Baseline', startsOn: '2027-01-15' }),
  },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ name: 'Name the cohort.', startsOn: 'Enter the start date.' }) },
    { name: 'empty: whitespace-only name', form: set({ name: '  ' }), expect: bad({ name: 'Name the cohort.' }) },
    { name: 'overlong: 101-character name', form: set({ name: long(101) }), expect: bad({ name: 'Use at most 100 characters.' }) },
    { name: 'overlong: 10,000-character name', form: set({ name: long(10_000) }), expect: bad({ name: 'Use at most 100 characters.' }) },
    { name: 'wrong type: two names', form: set({ name: ['A', 'B'] }), expect: bad({ name: 'Name the cohort.' }) },
    { name: 'unicode: a NUL byte in the name', form: set({ name: `Spring${NUL}2027` }), expect: bad({ name: CONTROL }) },
    {
      name: 'a name already taken',
      form: () => ({ name: fx.cohortAName, startsOn: '2027-01-15' }),
      expect: bad({ name: 'A cohort with this name already exists.' }),
    },
    { name: 'HTML: a script tag as the name, with a date in words', form: set({ name: SCRIPT, startsOn: 'next spring' }), expect: bad({ startsOn: YYYY }) },
    { name: 'start date left empty', form: set({ startsOn: '' }), expect: bad({ startsOn: 'Enter the start date.' }) },
    ...[
      ['words', 'tomorrow'],
      ['a 4-byte emoji', `2027-01-1${EMOJI}`],
      ['a NUL byte', `2027-01-15${NUL}`],
      ['SQL', `2027-01-15${SQL_OR}`],
      ['a lone surrogate', `2027-01-1${LONE_SURROGATE}`],
    ].map(([name, startsOn]): Case => ({ name: `start date with ${name}`, form: set({ startsOn: startsOn! }), expect: bad({ startsOn: YYYY }) })),
    { name: 'start date that does not exist', form: set({ startsOn: '2027-02-30' }), expect: bad({ startsOn: 'That date does not exist.' }) },
    { name: 'wrong type: two start dates', form: set({ startsOn: ['2027-01-15', '2027-01-16'] }), expect: bad({ startsOn: 'Enter the start date.' }) },
    ...extraFieldCases({ createdBy: '1', id: '1', members: '1' }),
    { name: 'forged role: a supervisor creates a cohort', as: () => fx.sup, expect: FORBIDDEN },
  ],
)

const cohortAt = (id: () => number | string) => ({ path: () => `/staff/cohorts/${encodeURIComponent(id())}`, params: () => ({ id: String(id()) }) })
badInputSuite(
  'cohort members (staff)',
  { action: cohortRoute.action, ...cohortAt(() => fx.cohortA), user: () => fx.staff, valid: () => ({ intent: 'add', userId: String(fx.newbie.id) }) },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ intent: SOME_MESSAGE, userId: 'Choose a person.' }) },
    { name: 'forged intent: promote', form: set({ intent: 'promote' }), expect: bad({ intent: SOME_MESSAGE }) },
    ...malformedIdCases('userId', 'Choose a person.'),
    { name: 'forged id: a person who does not exist', form: set({ userId: '99999999' }), expect: bad({ userId: 'There is no such person.' }) },
    {
      name: 'a person already in the cohort',
      form: () => ({ intent: 'add', userId: String(fx.fellow.id) }),
      expect: bad({ userId: 'This person is already in the cohort.' }),
    },
    {
      name: 'removing a person not in the cohort',
      form: () => ({ intent: 'remove', userId: String(fx.fellowB.id) }),
      expect: bad({ userId: 'This person is not in the cohort.' }),
    },
    ...extraFieldCases({ cohortId: '1', addedAt: '2020-01-01' }),
    { name: 'forged id: a cohort that does not exist', ...cohortAt(() => 99_999_999), expect: NOT_FOUND },
    { name: 'forged id: letters for the cohort', ...cohortAt(() => 'abc'), expect: NOT_FOUND },
    { name: 'forged id: SQL for the cohort', ...cohortAt(() => `1${SQL_OR}`), expect: NOT_FOUND },
    { name: 'forged role: a fellow adds someone', as: () => fx.fellow, expect: FORBIDDEN },
  ],
)

const certificateAt = (id: () => number | string) => ({ path: () => `/staff/certificates/${encodeURIComponent(id())}`, params: () => ({ id: String(id()) }) })
const REVOKE_REASON = 'Give the reason for revoking.'
badInputSuite(
  'revoke a certificate (staff)',
  {
    action: certificateRoute.action,
    ...certificateAt(() => fx.cert.valid),
    user: () => fx.staff,
    valid: () => ({ reason: 'Issued in error.', showReason: 'on' }),
  },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ reason: REVOKE_REASON }) },
    { name: 'empty: whitespace-only reason', form: set({ reason: ' \n ' }), expect: bad({ reason: REVOKE_REASON }) },
    { name: 'overlong: 1,001-character reason', form: set({ reason: long(1001) }), expect: bad({ reason: 'Use at most 1,000 characters.' }) },
    { name: 'overlong: 10,000-character reason', form: set({ reason: long(10_000) }), expect: bad({ reason: 'Use at most 1,000 characters.' }) },
    { name: 'wrong type: two reasons', form: set({ reason: ['a', 'b'] }), expect: bad({ reason: REVOKE_REASON }) },
    { name: 'unicode: a NUL byte in the reason', form: set({ reason: `Issued in error.${NUL}` }), expect: bad({ reason: CONTROL }) },
    ...['banana', 'yes', 'off', 'false', '1', SQL_OR, `on${NUL}`].map((showReason): Case => ({
      name: `wrong type: showReason=${JSON.stringify(showReason)}`,
      form: set({ showReason }),
      expect: bad({ showReason: 'Tick the box or leave it empty.' }),
    })),
    { name: 'wrong type: showReason twice', form: set({ showReason: ['on', 'on'] }), expect: bad({ showReason: 'Tick the box or leave it empty.' }) },
    ...extraFieldCases({ revoked_at: '2000-01-01', revokedBy: '1', reason_public: '1', certificateId: '1' }),
    {
      name: 'forged status: a certificate already revoked',
      ...certificateAt(() => fx.cert.revoked),
      expect: conflict({ form: 'This certificate is already revoked.' }),
    },
    { name: 'forged id: a certificate that does not exist', ...certificateAt(() => 99_999_999), expect: NOT_FOUND },
    { name: 'forged id: letters', ...certificateAt(() => 'abc'), expect: NOT_FOUND },
    { name: 'forged id: SQL', ...certificateAt(() => SQL_DROP), expect: NOT_FOUND },
    { name: 'forged role: the holder revokes', as: () => fx.fellow, expect: FORBIDDEN },
    { name: 'forged role: a supervisor revokes', as: () => fx.sup, expect: FORBIDDEN },
  ],
)

const SELECT_CERTIFICATE = 'Select at least one certificate.'
badInputSuite(
  'revoke selected certificates (staff)',
  {
    action: certificatesRoute.action,
    path: () => '/staff/certificates',
    user: () => fx.staff,
    valid: () => ({ intent: 'revoke-selected', selected: String(fx.cert.bulk), reason: 'Issued in error.', showReason: 'on' }),
  },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ intent: SOME_MESSAGE, selected: SELECT_CERTIFICATE, reason: REVOKE_REASON }) },
    { name: 'empty: nothing selected', form: without('selected'), expect: bad({ selected: SELECT_CERTIFICATE }) },
    { name: 'empty: whitespace-only reason', form: set({ reason: '   ' }), expect: bad({ reason: REVOKE_REASON }) },
    { name: 'overlong: 1,001-character reason', form: set({ reason: long(1001) }), expect: bad({ reason: 'Use at most 1,000 characters.' }) },
    {
      name: 'overlong: 101 certificates at once',
      form: (v) => ({ ...v, selected: Array.from({ length: 101 }, (_, i) => String(i + 1)) }),
      expect: bad({ selected: 'Select at most 100 certificates at a time.' }),
    },
    { name: 'wrong type: letters for an id', form: set({ selected: 'abc' }), expect: bad({ selected: 'Reload the page and try again.' }) },
    { name: 'wrong type: a negative id', form: set({ selected: '-1' }), expect: bad({ selected: 'Reload the page and try again.' }) },
    {
      name: 'wrong type: the same certificate twice',
      form: (v) => ({ ...v, selected: [String(fx.cert.bulk), String(fx.cert.bulk)] }),
      expect: bad({ selected: 'Select each certificate once.' }),
    },
    { name: 'wrong type: showReason=banana', form: set({ showReason: 'banana' }), expect: bad({ showReason: 'Tick the box or leave it empty.' }) },
    { name: 'SQL-looking: an id', form: set({ selected: `1${SQL_OR}` }), expect: bad({ selected: 'Reload the page and try again.' }) },
    { name: 'unicode: a NUL byte in the reason', form: set({ reason: `Issued in error.${NUL}` }), expect: bad({ reason: CONTROL }) },
    { name: 'forged intent', form: set({ intent: 'delete-selected' }), expect: bad({ intent: SOME_MESSAGE }) },
    ...extraFieldCases({ revoked_at: '2000-01-01', holderId: '1' }),
    {
      name: 'forged id: a certificate that does not exist (nothing revoked)',
      form: (v) => ({ ...v, selected: [String(fx.cert.bulk), '99999999'] }),
      expect: conflict({ form: 'Nothing was revoked. There is no such certificate.' }),
    },
    {
      name: 'forged status: one already revoked in the selection (nothing revoked)',
      form: (v) => ({ ...v, selected: [String(fx.cert.bulk), String(fx.cert.revoked)] }),
      expect: conflict({ form: /^Nothing was revoked\. Certificate KAP-\d{4}-\d+ is already revoked\.$/ }),
    },
    { name: 'forged role: a fellow revokes', as: () => fx.fellow, expect: FORBIDDEN },
    { name: 'forged role: a supervisor revokes', as: () => fx.sup, expect: FORBIDDEN },
  ],
)

// ---------------------------------------------------------------- practicum summaries

badInputSuite(
  'generate a practicum summary',
  { action: summariesRoute.action, path: () => '/summaries', user: () => fx.fellow, valid: () => ({ intent: 'generate' }) },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ intent: SOME_MESSAGE }) },
    ...['delete', 'Generate', SQL_OR, `generate${NUL}`].map((intent): Case => ({
      name: `forged intent: ${JSON.stringify(intent)}`,
      form: set({ intent }),
      expect: bad({ intent: SOME_MESSAGE }),
    })),
    { name: 'wrong type: two intents', form: set({ intent: ['generate', 'generate'] }), expect: bad({ intent: SOME_MESSAGE }) },
    ...extraFieldCases({ fellowId: '1', code: 'ABCD', holder_name: 'Someone Else' }),
    { name: 'forged id: another fellow’s summaries', path: () => `/summaries?fellow=${fx.fellowB.id}`, expect: FORBIDDEN },
    { name: 'forged id: letters for the fellow', path: () => '/summaries?fellow=abc', expect: NOT_FOUND },
    { name: 'forged id: SQL for the fellow', path: () => `/summaries?fellow=${encodeURIComponent(`1${SQL_OR}`)}`, expect: NOT_FOUND },
    { name: 'forged id: staff, for a fellow who does not exist', as: () => fx.staff, path: () => '/summaries?fellow=99999999', expect: NOT_FOUND },
    { name: 'forged role: a trainee (not a fellow)', as: () => fx.trainee, expect: FORBIDDEN },
    { name: 'forged role: a supervisor (not a fellow)', as: () => fx.sup, expect: FORBIDDEN },
  ],
)

// ---------------------------------------------------------------- documents

/** Extra fields beside a file: refused as on every form, and the file is not stored. */
const extraFieldsBesideFile = (field: string, file: () => File, fields: Form): Case[] =>
  Object.entries(fields).map(([name, value]) => ({
    name: `extra field: ${name}=${value}`,
    entries: (v: Form) => withFile(field, file(), [name, String(value)])(v),
    expect: bad({ form: extraField(name) }),
  }))

const attachAt = (id: () => number | string) => ({ path: () => `/hours/${encodeURIComponent(id())}/attachments`, params: () => ({ id: String(id()) }) })

badInputSuite(
  'attach a file to a record',
  {
    action: attachmentsRoute.action,
    ...attachAt(() => fx.rec.keptDraft),
    user: () => fx.fellow,
    valid: () => ({}),
    validEntries: () => [['file', upload(PDF_BYTES, 'Supervision agreement.pdf')]],
  },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ file: CHOOSE_FILE }) },
    ...badFileCases('file', (file) => withFile('file', file), CHOOSE_FILE),
    ...extraFieldsBesideFile('file', () => upload(PDF_BYTES, 'a.pdf'), {
      recordId: '1',
      owner_id: '1',
      kind: 'license_proof',
      content_type: 'application/pdf',
    }),
    {
      name: 'extra field: a second file under another name',
      entries: withFile('file', upload(PDF_BYTES, 'a.pdf'), ['proof', upload(PDF_BYTES, 'b.pdf')]),
      expect: bad({ form: extraField('proof') }),
    },
    {
      name: 'forged status: a submitted record',
      ...attachAt(() => fx.rec.stillSubmitted),
      entries: withFile('file', upload(PDF_BYTES, 'late.pdf')),
      expect: conflict({ file: /^This record is submitted: files can be attached while it is a draft or returned to you/ }),
    },
    {
      name: 'forged status: an approved record',
      ...attachAt(() => fx.rec.approved),
      entries: withFile('file', upload(PDF_BYTES, 'late.pdf')),
      expect: conflict({ file: /^This record is approved: / }),
    },
    { name: 'forged id: another fellow’s draft', ...attachAt(() => fx.rec.bDraft), entries: withFile('file', upload(PDF_BYTES, 'a.pdf')), expect: NOT_FOUND },
    {
      name: 'forged id: a record that does not exist',
      ...attachAt(() => 99_999_999),
      entries: withFile('file', upload(PDF_BYTES, 'a.pdf')),
      expect: NOT_FOUND,
    },
    { name: 'forged id: SQL', ...attachAt(() => `1${SQL_OR}`), entries: withFile('file', upload(PDF_BYTES, 'a.pdf')), expect: NOT_FOUND },
    { name: 'forged role: the assigned supervisor', as: () => fx.sup, entries: withFile('file', upload(PDF_BYTES, 'a.pdf')), expect: FORBIDDEN },
    { name: 'forged role: staff', as: () => fx.staff, entries: withFile('file', upload(PDF_BYTES, 'a.pdf')), expect: FORBIDDEN },
    { name: 'forged role: a trainee', as: () => fx.trainee, entries: withFile('file', upload(PDF_BYTES, 'a.pdf')), expect: FORBIDDEN },
  ],
)

badInputSuite(
  'license proof (settings)',
  {
    action: licenseProofRoute.action,
    path: () => '/settings/license-proof',
    user: () => fx.sup,
    valid: () => ({}),
    validEntries: () => [['proof', upload(PDF_BYTES, 'Board lookup.pdf')]],
  },
  [
    { name: 'empty: no fields at all', form: only({}), expect: bad({ proof: CHOOSE_FILE }) },
    ...badFileCases('proof', (file) => withFile('proof', file), CHOOSE_FILE),
    ...extraFieldsBesideFile('proof', () => upload(PDF_BYTES, 'a.pdf'), { ownerId: '1', userId: '1', verified: 'yes' }),
    { name: 'forged role: a fellow', as: () => fx.fellow, entries: withFile('proof', upload(PDF_BYTES, 'a.pdf')), expect: FORBIDDEN },
    { name: 'forged role: staff', as: () => fx.staff, entries: withFile('proof', upload(PDF_BYTES, 'a.pdf')), expect: FORBIDDEN },
  ],
)

describe('the snapshot the table relies on', () => {
  test('a read, and a write transaction rolled back, leave the checksum as it was; a commit changes it, as do a row changed in place and an index added', async () => {
    const before = await databaseChecksum()
    await db.selectFrom('records').selectAll().execute()
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .insertInto('outbox')
          .values({ to_address: 'nobody@example.test', subject: 'rolled back', body: '', created_at: new Date().toISOString() })
          .execute()
        throw new Error('roll back')
      }),
    ).rejects.toThrow('roll back')
    expect(await databaseChecksum()).toBe(before)
    // A commit lands in the WAL first: the image sees it all the same.
    await db.insertInto('outbox').values({ to_address: 'nobody@example.test', subject: 'committed', body: '', created_at: new Date().toISOString() }).execute()
    const committed = await databaseChecksum()
    expect(committed).not.toBe(before)
    // A row changed in place, and the schema changed alone (an index), count too.
    await db.updateTable('outbox').set({ subject: 'changed' }).where('subject', '=', 'committed').execute()
    const updated = await databaseChecksum()
    expect(updated).not.toBe(committed)
    await sql`create index outbox_subject_probe on outbox (subject)`.execute(db)
    expect(await databaseChecksum()).not.toBe(updated)
    await sql`drop index outbox_subject_probe`.execute(db)
  })
})

test('the table covers every form', () => {
  expect(formsCovered).toEqual([
    'login',
    'forgot password',
    'reset password',
    'accept invitation',
    'change password (settings)',
    'end a session (settings)',
    'license (settings)',
    'notifications (settings)',
    'knowledge check',
    'new record: experiential',
    'new record: sitter',
    'new record: practicum',
    'new record: supervision',
    'submit one record',
    'amend an approved record (staff)',
    'edit a record',
    'confirm or decline as co-sitter',
    'submit selected records',
    'decision on a record',
    'approve selected records',
    'invite someone (staff)',
    'person: roles (and any intent)',
    'person: deactivate',
    'person: reactivate',
    'person: assign a supervisor',
    'person: unassign a supervisor',
    'person: record a medical clearance',
    'person: end a medical clearance',
    'person: verify a license',
    'person: mark a license lapsed',
    'person: join a cohort',
    'person: leave a cohort',
    'person: issue a certificate',
    'create a cohort (staff)',
    'cohort members (staff)',
    'revoke a certificate (staff)',
    'revoke selected certificates (staff)',
    'generate a practicum summary',
    'attach a file to a record',
    'license proof (settings)',
  ])
  expect(casesCovered).toBeGreaterThan(900)
})
