import fs from 'node:fs'
import { createRequire } from 'node:module'
import type Axe from 'axe-core'
import type { Browser, Page } from '@playwright/test'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { generateToken, hashToken } from '#app/auth/tokens.ts'
import { generateVerificationCode } from '#app/certificates/codes.ts'
import { loadCatalog } from '#app/curriculum/content.server.ts'
import { VERIFIED } from '#tests/support/licenses.ts'
import { evaluation, signedAgreement } from '#tests/support/supervision.ts'
import { fillPattern, routeManifest } from '../support/route-manifest.ts'
import { createPerson, db, expect, signInAs, test, unique, type E2EUser } from './fixtures.ts'

/**
 * On a phone, every page: each role that can open it visits it at 390 × 844 and the
 * document must be no wider than the screen (nothing scrolls sideways), and axe must
 * find no violation of WCAG 2.0/2.1/2.2 A and AA (target size included). Pages with ids
 * are opened on realistic data: a cohort of 50, records of every status, a certificate,
 * a practicum summary. A route file without a row below fails the first test, so a new
 * page cannot be left out of the sweep.
 */

const PHONE = { width: 390, height: 844 }
// axe is put in each page before its own scripts, once per browser context: @axe-core/playwright's AxeBuilder
// evaluates its half-megabyte source again on every run (and by default opens a second page to finish it),
// several seconds a page on a busy machine, which a sweep of every page as every role cannot afford.
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
const AXE_OPTIONS: Axe.RunOptions = { resultTypes: ['violations'], rules: { 'target-size': { enabled: true } } }
test.use({ viewport: PHONE })

type Role = 'anon' | 'fellow' | 'supervisor' | 'staff'
const SIGNED_IN = ['fellow', 'supervisor', 'staff'] as const
const EVERYONE = ['anon', ...SIGNED_IN] as const

type World = Awaited<ReturnType<typeof arrangeWorld>>
type Visit = { params?: Record<string, string>; query?: string }
type Opens = Partial<Record<Role, (w: World) => Visit[]>>
type Row = { opens: Opens; status?: number } | { skip: string }

const RESOURCE = 'resource route: a file or JSON, no HTML page to lay out'
const one =
  (visit: Visit = {}) =>
  () => [visit]
const forRoles = (roles: readonly Role[], visits: (w: World) => Visit[]): Opens => Object.fromEntries(roles.map((r) => [r, visits]))
const id = (n: number) => ({ id: String(n) })

// One row per route module: who opens it, on which data.
const PAGES: Record<string, Row> = {
  '$.tsx': { opens: forRoles(EVERYONE, one({ params: { '*': 'no/such/page' } })), status: 404 },
  '_index.tsx': { opens: forRoles(SIGNED_IN, one()) },
  'agreements.$fellowId.$supervisorId.tsx': {
    opens: forRoles(SIGNED_IN, (w) => [{ params: { fellowId: String(w.users.fellow.id), supervisorId: String(w.users.supervisor.id) } }]),
  },
  'calendar._index.tsx': { opens: forRoles(['fellow', 'supervisor'], one()) },
  'calendar.new.tsx': { opens: { fellow: () => ['', 'sitter', 'meeting'].map((kind) => ({ query: kind && `?kind=${kind}` })), supervisor: one() } },
  'calendar.$id.tsx': { opens: { fellow: (w) => [{ params: id(w.calendar.session) }], supervisor: (w) => [{ params: id(w.calendar.meeting) }] } },
  'calendar.feed.$file.tsx': { skip: RESOURCE },
  'certificates._index.tsx': { opens: { fellow: one() } },
  'certificates.$id._index.tsx': { opens: forRoles(['fellow', 'staff'], (w) => [{ params: id(w.certificate.id) }]) },
  'certificates.$id.pdf.tsx': { skip: RESOURCE },
  'credentials.status.$list.tsx': { skip: RESOURCE },
  '[.]well-known.did[.]json.tsx': { skip: RESOURCE },
  'documents.$id.tsx': { skip: RESOURCE },
  'evaluations.new.tsx': { opens: { supervisor: (w) => [{ query: `?fellow=${w.users.fellow.id}&stage=final` }] } },
  'evaluations.$id.tsx': {
    opens: {
      supervisor: (w) => [{ params: id(w.evaluations.draft) }],
      fellow: (w) => [{ params: id(w.evaluations.signed) }],
      staff: (w) => [{ params: id(w.evaluations.signed) }],
    },
  },
  'forgot-password.tsx': { opens: { anon: one() } },
  'hours.$id._index.tsx': {
    opens: {
      fellow: (w) => [w.records.draft, w.records.returned, w.records.approved].map((r) => ({ params: id(r) })),
      supervisor: (w) => [{ params: id(w.records.approved) }],
      staff: (w) => [{ params: id(w.records.approved) }],
    },
  },
  'hours.$id.attachments.tsx': { opens: { fellow: (w) => [{ params: id(w.records.draft) }] } },
  'hours.$id.edit.tsx': { opens: { fellow: (w) => [w.records.draft, w.records.returned].map((r) => ({ params: id(r) })) } },
  'hours._index.tsx': { opens: { fellow: one() } },
  'hours.co-sitting.tsx': { opens: { fellow: one() } },
  'hours.new.tsx': { opens: { fellow: () => ['', 'experiential', 'sitter', 'practicum', 'supervision'].map((kind) => ({ query: kind && `?kind=${kind}` })) } },
  'invite.$token.tsx': { opens: { anon: (w) => [{ params: { token: w.inviteToken } }] } },
  'learn.$course.$lesson.tsx': { opens: forRoles(SIGNED_IN, (w) => [{ params: { course: w.course.slug, lesson: w.course.lesson } }]) },
  'learn.$course._index.tsx': { opens: forRoles(SIGNED_IN, (w) => [{ params: { course: w.course.slug } }]) },
  'learn._index.tsx': { opens: forRoles(SIGNED_IN, one()) },
  'login.tsx': { opens: { anon: one() } },
  'logout.tsx': { skip: 'POST only: the Sign out button in the header' },
  'notifications._index.tsx': { opens: forRoles(SIGNED_IN, one()) },
  'programs.$slug.tsx': { opens: forRoles(EVERYONE, (w) => [{ params: { slug: w.program } }]) },
  'reset-password.$token.tsx': { opens: { anon: (w) => [{ params: { token: w.resetToken } }] } },
  'review.$id.tsx': { opens: { supervisor: (w) => [{ params: id(w.records.submitted) }] } },
  'review._index.tsx': { opens: { supervisor: one() } },
  'review.group-supervision._index.tsx': { opens: { supervisor: one() } },
  'review.group-supervision.new.tsx': { opens: { supervisor: one() } },
  'review.group-supervision.$id.tsx': { opens: { supervisor: (w) => [{ params: id(w.groupMeeting) }] } },
  'review.fellows.$fellowId.tsx': { opens: forRoles(['supervisor', 'staff'], (w) => [{ params: { fellowId: String(w.users.fellow.id) } }]) },
  'settings._index.tsx': { opens: forRoles(SIGNED_IN, one()) },
  'settings.license-proof.tsx': { opens: { supervisor: one() } },
  'settings.license.tsx': { opens: { supervisor: one() } },
  'settings.notifications.tsx': { opens: forRoles(SIGNED_IN, one()) },
  'settings.sessions.tsx': { opens: forRoles(SIGNED_IN, one()) },
  'settings.time-zone.tsx': { opens: forRoles(SIGNED_IN, one()) },
  'staff._index.tsx': { opens: { staff: one() } },
  'staff.audit.tsx': { opens: { staff: one() } },
  'staff.certificates.$id.tsx': { opens: { staff: (w) => [{ params: id(w.certificate.id) }] } },
  'staff.certificates._index.tsx': { opens: { staff: one() } },
  'staff.cohorts.$id.tsx': {
    opens: { staff: (w) => [{ params: id(w.cohort) }, { params: id(w.cohort), query: `?${new URLSearchParams({ q: w.users.outsider.name })}` }] },
  },
  'staff.cohorts._index.tsx': { opens: { staff: one() } },
  'staff.invitations.tsx': { opens: { staff: one() } },
  'staff.outbox.tsx': { opens: { staff: one() } },
  'staff.people.$id.tsx': { opens: { staff: (w) => [{ params: id(w.users.fellow.id) }, { params: id(w.users.supervisor.id) }] } },
  'staff.people._index.tsx': { opens: { staff: one() } },
  'staff.reports._index.tsx': { opens: { staff: one() } },
  'staff.reports.certificates[.]csv.tsx': { skip: RESOURCE },
  'staff.reports.cohort[.]csv.tsx': { skip: RESOURCE },
  'staff.reports.hours[.]csv.tsx': { skip: RESOURCE },
  'summaries.$id.csv.tsx': { skip: RESOURCE },
  'summaries.$id.pdf.tsx': { skip: RESOURCE },
  'summaries._index.tsx': { opens: { fellow: one(), staff: (w) => [{ query: `?fellow=${w.users.fellow.id}` }] } },
  'verify.$code._index.tsx': { opens: forRoles(EVERYONE, (w) => [{ params: { code: w.certificate.code } }]) },
  'verify.$code.credential[.]json.tsx': { skip: RESOURCE },
  'verify._index.tsx': { opens: forRoles(EVERYONE, one()) },
  'verify.summary.$code.credential[.]json.tsx': { skip: RESOURCE },
  'verify.summary.$code.tsx': { opens: forRoles(EVERYONE, (w) => [{ params: { code: w.summaryCode } }]) },
}

const manifest = routeManifest()

test('every route module is swept on a phone by some role, or skipped with a reason', () => {
  const names = manifest.map((r) => r.name)
  const problems = [
    ...names.filter((n) => !(n in PAGES)).map((n) => `app/routes/${n} has no row in PAGES of phone-and-a11y.spec.ts: list the roles that open it, with data`),
    ...Object.keys(PAGES)
      .filter((n) => !names.includes(n))
      .map((n) => `PAGES has a row for ${n}, but there is no such route module`),
  ]
  for (const route of manifest) {
    const row = PAGES[route.name]
    if (!row) continue
    if ('opens' in row && Object.keys(row.opens).length === 0) problems.push(`${route.name}: no role opens it`)
    if ('skip' in row && row.skip === RESOURCE && /export default/.test(fs.readFileSync(route.file, 'utf8'))) {
      problems.push(`${route.name} is skipped as a resource route, but it renders a page`)
    }
  }
  expect(problems).toEqual([])
})

test.describe('every page at 390 px', () => {
  let world: World
  test.beforeAll(async ({ browser }) => {
    // Fifty cohort members and a summary the app computes: generous, on two shared cores.
    test.setTimeout(240_000)
    world = await arrangeWorld(browser)
  })

  // Longest first, so the two workers finish close together.
  for (const role of ['staff', 'fellow', 'supervisor', 'anon'] as const satisfies readonly Role[]) {
    test(`at 390 px, every page ${role === 'anon' ? 'a signed-out visitor' : `a ${role}`} can open fits the screen and axe finds nothing`, async ({ page }) => {
      // Generous: on two shared cores the sweep slows with whatever else runs.
      test.setTimeout(480_000)
      await page.context().addInitScript({ content: AXE_SOURCE })
      if (role !== 'anon') await signInAs(page, world.users[role])
      const failures: string[] = []
      let visited = 0
      for (const route of manifest) {
        const row = PAGES[route.name]
        if (!row || 'skip' in row) continue
        for (const visit of row.opens[role]?.(world) ?? []) {
          const url = fillPattern(route.pattern, visit.params ?? {}) + (visit.query ?? '')
          const t0 = Date.now()
          failures.push(...(await checkPage(page, url, row.status ?? 200)))
          if (process.env.PHONE_TIMING) console.log(`${role} ${url} ${Date.now() - t0} ms`)
          visited += 1
        }
      }
      expect(visited).toBeGreaterThan(0)
      expect(failures).toEqual([])
    })
  }
})

/** What is wrong with one page on a phone: its status, its width, and what axe says. */
async function checkPage(page: Page, url: string, status: number): Promise<string[]> {
  const t0 = Date.now()
  const response = await page.goto(url)
  const t1 = Date.now()
  if (response?.status() !== status) return [`GET ${url}: expected ${status}, got ${response?.status()} at ${page.url()}`]
  const problems: string[] = []
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  if (width > PHONE.width) problems.push(`${url}: the document is ${width} px wide${await widest(page)}`)
  // Every rule axe runs by default (WCAG A and AA, best practices such as landmarks and headings), and WCAG 2.2's target size, which it does not.
  const axe = await page.evaluate((options) => (window as unknown as { axe: typeof Axe }).axe.run(document, options), AXE_OPTIONS)
  if (process.env.PHONE_TIMING) console.log(`  goto ${t1 - t0} ms, axe ${Date.now() - t1} ms`)
  for (const v of axe.violations) {
    const where = v.nodes
      .slice(0, 3)
      .map((n) => n.target.join(' '))
      .join(' | ')
    problems.push(`${url}: axe ${v.id} (${v.impact}) ×${v.nodes.length}: ${v.help} — ${where}`)
  }
  return problems
}

/** What reaches furthest right, to say what pushes the page out. */
async function widest(page: Page) {
  return page.evaluate(() => {
    let found = ''
    let right = 0
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect()
      if (box.right > right && box.width > 0) {
        right = box.right
        found = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : ''}`
      }
    }
    return ` (widest: ${found}, to ${Math.round(right)} px)`
  })
}

// ---------------------------------------------------------------- the data

const FIRST = ['Alexandria', 'Bartholomew', 'Constance', 'Demetrius', 'Evangeline', 'Fitzgerald', 'Guinevere', 'Hyacinth', 'Ignatius', 'Josephine']
const LAST = ['Featherstonehaugh', 'Vandermeulen-Okonkwo', 'Castellanos Ibarra', 'Nakashima-Whitfield', 'Abernathy']

/** One fellow with records of every status, their supervisor, staff, a cohort of 50, a certificate and a summary. */
async function arrangeWorld(browser: Browser) {
  const tag = unique('phone')
  const staff = await createPerson(['staff'], `Phone Staff ${tag}`)
  const fellow = await createPerson(['trainee', 'fellow'], `Marguerite Featherstonehaugh-Castellanos ${tag}`)
  const supervisor = await createPerson(['supervisor'], `Dr. Bartholomew Vandermeulen ${tag}`)
  const outsider = await createPerson(['trainee'], `Phone Outsider ${tag}`)
  const license = { license_type: 'LMFT', license_number: unique('L'), license_state: 'CA', ...VERIFIED }
  await db.updateTable('users').set(license).where('id', '=', supervisor.id).execute()
  const now = new Date().toISOString()
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: now, assigned_by: staff.id })
    .execute()
  await db
    .insertInto('medical_clearances')
    .values({
      fellow_id: fellow.id,
      granted_on: daysAgo(300),
      expires_on: daysAgo(-100),
      clinician: 'Dr. Priya Natarajan, MD',
      recorded_by: staff.id,
      recorded_at: now,
    })
    .execute()

  let day = 0
  const sup = { id: supervisor.id, name: supervisor.name, ...license }
  const record = (status: 'draft' | 'submitted' | 'approved' | 'returned', kind: 'sitter' | 'practicum' | 'supervision' = 'sitter') =>
    insertRecord(db, { fellowId: fellow.id, kind, status, occurredOn: daysAgo(20 + ++day), minutes: 90, supervisor: sup }, day)
  const records = {
    draft: await record('draft'),
    returned: await record('returned'),
    submitted: await record('submitted'),
    approved: await record('approved'),
  }
  // A queue and a list of some length, of every kind.
  const statuses = ['submitted', 'approved', 'draft'] as const
  const kinds = ['sitter', 'practicum', 'supervision'] as const
  for (let i = 0; i < 12; i++) await record(statuses[i % 3]!, kinds[i % 3]!)
  // Someone else's sitter session naming this fellow, to confirm on /hours/co-sitting.
  const partner = await createPerson(['trainee', 'fellow'], `Phone Partner ${tag}`)
  await insertRecord(
    db,
    { fellowId: partner.id, kind: 'sitter', status: 'submitted', occurredOn: daysAgo(60), minutes: 90, fields: { co_sitter_id: fellow.id } },
    ++day,
  )

  const code = generateVerificationCode()
  const { id: certificateId } = await db
    .insertInto('certificates')
    .values({
      serial: `PHONE-${tag}`,
      code,
      user_id: fellow.id,
      program_slug: 'introductory-kap',
      program_title: 'Introductory KAP',
      holder_name: fellow.name,
      issued_at: now,
      issued_by: staff.id,
      issuer_name: staff.name,
      requirements: JSON.stringify({ courses: ['intro-kap'] }),
      expires_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  // A cohort of 50: its progress table is the widest page there is.
  const { id: cohort } = await db
    .insertInto('cohorts')
    .values({ name: `Phone cohort ${tag}`, starts_on: daysAgo(100), created_by: staff.id, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  const members = [fellow]
  for (let i = 0; members.length < 50; i++) {
    members.push(await createPerson(['trainee', 'fellow'], `${FIRST[i % FIRST.length]} ${LAST[i % LAST.length]} ${i + 1}`))
  }
  await db
    .insertInto('cohort_members')
    .values(members.map((m) => ({ cohort_id: cohort, user_id: m.id, added_at: now })))
    .execute()

  const inviteToken = generateToken()
  const expires = (ms: number) => new Date(Date.now() + ms).toISOString()
  await db
    .insertInto('invitations')
    .values({
      token_hash: hashToken(inviteToken),
      email: `${unique('invitee')}@e2e.test`,
      roles: 'fellow',
      invited_by: staff.id,
      expires_at: expires(86_400_000),
      created_at: now,
    })
    .execute()
  const resetToken = generateToken()
  await db
    .insertInto('password_resets')
    .values({ token_hash: hashToken(resetToken), user_id: outsider.id, expires_at: expires(3_600_000), created_at: now })
    .execute()

  // Unread notifications for everyone signed in: the list and the header's count.
  for (const person of [staff, fellow, supervisor]) {
    await db
      .insertInto('notifications')
      .values(
        [1, 2, 3].map((n) => ({
          user_id: person.id,
          kind: 'returned',
          params: '{}',
          text: `A record of yours was returned (${n})`,
          link: '/hours',
          created_at: now,
        })),
      )
      .execute()
  }
  // Planned a week ahead: the fellow's sitter session, and the supervisor's meeting with the fellow.
  const planned = async (ownerId: number, kind: 'sitter' | 'meeting') => {
    const startsAt = new Date(Date.now() + 7 * 86_400_000)
    const { id } = await db
      .insertInto('planned_items')
      .values({
        owner_id: ownerId,
        kind,
        starts_at: startsAt.toISOString(),
        ends_at: new Date(startsAt.getTime() + 3_600_000).toISOString(),
        time_zone: 'UTC',
        minutes: 60,
        setting: 'in_person',
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    return id
  }
  const calendar = { session: await planned(fellow.id, 'sitter'), meeting: await planned(supervisor.id, 'meeting') }
  await db.insertInto('planned_item_attendees').values({ item_id: calendar.meeting, user_id: fellow.id }).execute()
  // A group supervision meeting with the fellow present.
  const groupDate = daysAgo(20 + ++day)
  const { id: groupMeeting } = await db
    .insertInto('group_meetings')
    .values({
      supervisor_id: supervisor.id,
      occurred_on: groupDate,
      minutes: 60,
      setting: 'virtual',
      topic: 'Holding silence in the dosing room',
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const groupRecord = await insertRecord(
    db,
    {
      fellowId: fellow.id,
      kind: 'supervision',
      status: 'approved',
      occurredOn: groupDate,
      minutes: 60,
      supervisor: sup,
      fields: { supervision_type: 'supervision', supervision_format: 'group', group_size: 2, notes: 'Holding silence in the dosing room' },
    },
    day,
  )
  await db.insertInto('group_meeting_records').values({ meeting_id: groupMeeting, record_id: groupRecord }).execute()
  // A learning agreement signed by the fellow only, a draft midpoint evaluation and a signed final one.
  await signedAgreement(fellow, supervisor, { by: 'fellow', db })
  const evaluations = {
    draft: await evaluation(fellow, supervisor, { stage: 'midpoint', signed: false, db }),
    signed: await evaluation(fellow, supervisor, { stage: 'final', db }),
  }

  const catalog = loadCatalog()
  const open = catalog.courses.find((c) => c.prerequisites.length === 0)!
  return {
    users: { staff, fellow, supervisor, outsider } satisfies Record<string, E2EUser>,
    calendar,
    groupMeeting,
    evaluations,
    records,
    certificate: { id: certificateId, code },
    cohort,
    inviteToken,
    resetToken,
    summaryCode: await generateSummaryAs(browser, fellow),
    course: { slug: open.slug, lesson: open.lessons[0]!.slug },
    program: catalog.programs[0]!.slug,
  }
}

/** A practicum summary is made only by the app (its content is computed), so the fellow asks for one. */
async function generateSummaryAs(browser: Browser, fellow: E2EUser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL })
  try {
    const page = await context.newPage()
    await signInAs(page, fellow)
    await page.goto('/summaries')
    await page.getByRole('button', { name: 'Generate a new summary' }).click()
    await expect(page.getByRole('status')).toBeVisible()
  } finally {
    await context.close()
  }
  const summary = await db.selectFrom('practicum_summaries').select('code').where('user_id', '=', fellow.id).orderBy('id', 'desc').executeTakeFirstOrThrow()
  return summary.code
}
