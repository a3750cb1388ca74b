import fs from 'node:fs'
import type { Browser, Locator, Page, Request } from '@playwright/test'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { generateToken, hashToken } from '#app/auth/tokens.ts'
import { generateVerificationCode } from '#app/certificates/codes.ts'
import { loadCatalog } from '#app/curriculum/content.server.ts'
import { createSessionCookie } from '../../scripts/session-cookie.ts'
import { fillPattern, routeManifest } from '../support/route-manifest.ts'
import { formatDate } from '#app/utils/format.ts'
import { createPerson, db, expect, signInAs, signInWithForm, test, unique, type E2EUser } from './fixtures.ts'
import { VERIFIED } from '#tests/support/licenses.ts'
import { evaluation, signedAgreement } from '#tests/support/supervision.ts'

/**
 * Every form works without JavaScript. For each role, every page of the route
 * manifest that role may open is loaded with JavaScript off, and every POST form
 * on it is submitted the way a browser without scripts does. A form whose hidden
 * fields only JavaScript fills in answers 400 "Unknown action" / "Reload the page";
 * that, a 5xx, or a refusal of a form the page itself offered, fails the test.
 *
 * Forms are submitted as the page renders them: required fields the browser would
 * insist on are filled, nothing else is chosen, so most forms come back with a
 * validation message and change nothing outside this test's own fresh data.
 */

test.use({ javaScriptEnabled: false })

type Role = 'anon' | 'trainee' | 'fellow' | 'supervisor' | 'staff'
const SIGNED_IN = ['trainee', 'fellow', 'supervisor', 'staff'] as const
const EVERYONE = ['anon', ...SIGNED_IN] as const

type World = Awaited<ReturnType<typeof arrangeWorld>>
type Visit = { params?: Record<string, string>; query?: string }
type Opens = Partial<Record<Role, (w: World) => Visit[]>>
/** Who opens the page, with which params; `status` when the page is not a 200 (the 404 page). */
type Row = { opens: Opens; status?: number } | { skip: string }

const RESOURCE = 'resource route: a file or JSON, no HTML and so no forms'
const one =
  (visit: Visit = {}) =>
  () => [visit]
const forRoles = (roles: readonly Role[], visits: (w: World) => Visit[]): Opens => Object.fromEntries(roles.map((r) => [r, visits]))
const id = (n: number) => ({ id: String(n) })

// One row per route module. A new route without a row fails the first test below.
const PAGES: Record<string, Row> = {
  '$.tsx': { opens: forRoles(EVERYONE, one({ params: { '*': 'no/such/page' } })), status: 404 },
  '_index.tsx': { opens: forRoles(SIGNED_IN, one()) },
  // The agreement's edit form is saved as it stands; its sign form, sent empty, comes back with the field's error. Staff only read it.
  'agreements.$fellowId.$supervisorId.tsx': {
    opens: forRoles(['fellow', 'supervisor', 'staff'], (w) => [
      { params: { fellowId: String(w.users.fellow.id), supervisorId: String(w.users.supervisor.id) } },
    ]),
  },
  'calendar._index.tsx': { opens: forRoles(['fellow', 'supervisor'], one()) },
  // Sent empty, each plan form comes back with its fields' errors; the item's page is edited (refused, empty) and then cancelled.
  'calendar.new.tsx': {
    opens: { fellow: () => ['', 'experiential', 'sitter', 'practicum', 'meeting'].map((kind) => ({ query: kind && `?kind=${kind}` })), supervisor: one() },
  },
  'calendar.$id.tsx': { opens: { fellow: (w) => [{ params: id(w.calendar.session) }], supervisor: (w) => [{ params: id(w.calendar.meeting) }] } },
  'calendar.feed.$file.tsx': { skip: RESOURCE },
  'certificates._index.tsx': { opens: forRoles(SIGNED_IN, one()) },
  'certificates.$id._index.tsx': { opens: forRoles(['fellow', 'staff'], (w) => [{ params: id(w.certificate.id) }]) },
  'certificates.$id.pdf.tsx': { skip: RESOURCE },
  'credentials.status.$list.tsx': { skip: RESOURCE },
  '[.]well-known.did[.]json.tsx': { skip: RESOURCE },
  'documents.$id.tsx': { skip: RESOURCE },
  // Sent empty, the ratings form comes back with each competency's errors.
  'evaluations.new.tsx': { opens: { supervisor: (w) => [{ query: `?fellow=${w.users.fellow.id}&stage=final` }] } },
  // The supervisor saves the draft's ratings as they stand and signs without a name (refused); the fellow acknowledges the signed one.
  'evaluations.$id.tsx': {
    opens: {
      supervisor: (w) => [{ params: id(w.supervision.draftEvaluation) }],
      fellow: (w) => [{ params: id(w.supervision.signedEvaluation) }],
      staff: (w) => [{ params: id(w.supervision.draftEvaluation) }, { params: id(w.supervision.signedEvaluation) }],
    },
  },
  'forgot-password.tsx': { opens: { anon: one() } },
  'hours.$id._index.tsx': {
    opens: {
      // The group record offers the dispute form; every submitted record, the comment thread.
      fellow: (w) => [w.records.draftToSubmit, w.records.approved, w.group.fellowRecord].map((r) => ({ params: id(r) })),
      supervisor: (w) => [{ params: id(w.records.approved) }],
      // Staff amend approved records.
      staff: (w) => [{ params: id(w.records.approved) }],
    },
  },
  // Sent without a file, the form comes back with the field's error (tests/e2e/documents.spec.ts uploads one without JavaScript).
  'hours.$id.attachments.tsx': { opens: { fellow: (w) => [{ params: id(w.records.draftToEdit) }] } },
  'hours.$id.edit.tsx': { opens: { fellow: (w) => [w.records.draftToEdit, w.records.returned].map((r) => ({ params: id(r) })) } },
  'hours._index.tsx': { opens: { fellow: one() } },
  // Two sessions wait for the fellow as co-sitter: one is confirmed, the other declined (without a reason: its error comes back).
  'hours.co-sitting.tsx': { opens: { fellow: one() } },
  'hours.new.tsx': { opens: { fellow: () => ['', 'experiential', 'sitter', 'practicum', 'supervision'].map((kind) => ({ query: kind && `?kind=${kind}` })) } },
  'invite.$token.tsx': { opens: { anon: (w) => [{ params: { token: w.inviteToken } }] } },
  'learn.$course.$lesson.tsx': { opens: forRoles(SIGNED_IN, (w) => [{ params: { course: w.course.slug, lesson: w.course.lesson } }]) },
  'learn.$course._index.tsx': { opens: forRoles(SIGNED_IN, (w) => [{ params: { course: w.course.slug } }]) },
  'learn._index.tsx': { opens: forRoles(SIGNED_IN, one()) },
  'login.tsx': { opens: { anon: one() } },
  'logout.tsx': { skip: 'POST only: its form is the Sign out button on every page, submitted last by each signed-in role' },
  // Each role has two unread notifications: "Mark read" on one, then "Mark all read".
  'notifications._index.tsx': { opens: forRoles(SIGNED_IN, one()) },
  'programs.$slug.tsx': { opens: forRoles(EVERYONE, (w) => [{ params: { slug: w.program } }]) },
  'reset-password.$token.tsx': { opens: { anon: (w) => [{ params: { token: w.resetToken } }] } },
  // Two records: deciding one takes the form away, so the other button is tried on the second.
  'review.$id.tsx': { opens: { supervisor: (w) => w.records.submitted.map((r) => ({ params: id(r) })) } },
  // Narrowed to the fellow, the queue offers "approve all of this fellow" beside "selected" and "this page".
  'review._index.tsx': { opens: { supervisor: (w) => [{}, { query: `?fellow=${w.users.fellow.id}&size=100` }] } },
  'review.fellows.$fellowId.tsx': { opens: forRoles(['supervisor', 'staff'], (w) => [{ params: { fellowId: String(w.users.fellow.id) } }]) },
  'review.group-supervision._index.tsx': { opens: { supervisor: one() } },
  // The supervisor has two fellows: the meeting form is offered, and sent empty it comes back with its fields' errors.
  'review.group-supervision.new.tsx': { opens: { supervisor: one() } },
  // Each attendee's "withdraw" form, sent without a reason, comes back with the field's error.
  'review.group-supervision.$id.tsx': { opens: { supervisor: (w) => [{ params: id(w.group.meeting) }] } },
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
  // The add form appears once a search found someone to add.
  'staff.cohorts.$id.tsx': {
    opens: { staff: (w) => [{ params: id(w.cohort) }, { params: id(w.cohort), query: `?${new URLSearchParams({ q: w.users.trainee.name })}` }] },
  },
  'staff.cohorts._index.tsx': { opens: { staff: one() } },
  'staff.invitations.tsx': { opens: { staff: one() } },
  'staff.outbox.tsx': { opens: { staff: one() } },
  // A fellow's page, and a supervisor's (whose license staff verify or mark lapsed).
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

test('every route module is either opened by some role or skipped with a reason', () => {
  const names = manifest.map((r) => r.name)
  const problems = [
    ...names.filter((n) => !(n in PAGES)).map((n) => `app/routes/${n} has no row in PAGES: list the roles that open it, or skip it with a reason`),
    ...Object.keys(PAGES)
      .filter((n) => !names.includes(n))
      .map((n) => `PAGES has a row for ${n}, but there is no such route module`),
  ]
  for (const route of manifest) {
    const row = PAGES[route.name]
    if (!row) continue
    if ('opens' in row && Object.keys(row.opens).length === 0) problems.push(`${route.name}: no role opens it`)
    // A page (default export) renders HTML that may hold forms: it cannot pass as a resource route.
    if ('skip' in row && row.skip === RESOURCE && /export default/.test(fs.readFileSync(route.file, 'utf8'))) {
      problems.push(`${route.name} is skipped as a resource route, but it renders a page`)
    }
  }
  expect(problems).toEqual([])
})

// Longest first, so the two workers finish close together.
for (const role of ['staff', 'fellow', 'supervisor', 'trainee', 'anon'] as const satisfies readonly Role[]) {
  test(`without JavaScript, every form on every page ${role === 'anon' ? 'a signed-out visitor' : `a ${role}`} can open is accepted`, async ({
    page,
    browser,
  }) => {
    // Generous: on two shared cores the walk slows with whatever else runs.
    test.setTimeout(150_000)
    const world = await arrangeWorld(browser)
    if (role !== 'anon') {
      const user = world.users[role]
      await signInAs(page, user)
      // Two other sessions, so the sessions page offers both "End session" and "Sign out all other devices".
      await createSessionCookie(db, user.id, 'another browser')
      await createSessionCookie(db, user.id, 'a third browser')
    }

    const failures: string[] = []
    for (const route of manifest) {
      const row = PAGES[route.name]
      if (!row || 'skip' in row) continue
      const visits = row.opens[role]?.(world) ?? []
      const submittedOnRoute = new Set<string>()
      const seenOnRoute = new Set<string>()
      for (const visit of visits) {
        const url = fillPattern(route.pattern, visit.params ?? {}) + (visit.query ?? '')
        await walkPage(page, url, row.status ?? 200, { submittedOnRoute, seenOnRoute, failures })
      }
      for (const key of seenOnRoute) {
        if (!submittedOnRoute.has(key)) failures.push(`${route.name}: the form ${key} went away before it was submitted; give the route another visit`)
      }
    }

    if (role !== 'anon') {
      // Last, as it ends the session every other submission needed.
      await page.goto('/settings')
      const signOut = page.getByRole('button', { name: 'Sign out' })
      const outcome = await submit(page, signOut)
      if (outcome.problem) failures.push(`Sign out: ${outcome.problem}`)
      await expect(page).toHaveURL(/\/login/)
    }

    expect(failures).toEqual([])
  })
}

// ---------------------------------------------------------------- walking a page

const SUBMITTERS = 'button:not([type]), button[type="submit"], input[type="submit"]'

type FormInfo = {
  index: number
  key: string
  logout: boolean
  noValidate: boolean
  /** Hidden inputs the server rendered without a value: nobody can fill them in without JavaScript. */
  emptyHidden: string[]
  buttons: { index: number; key: string; disabled: boolean }[]
}

/** The page's POST forms, each with a key that is the same for the same form on another record's page. */
async function describeForms(page: Page): Promise<FormInfo[]> {
  const forms = await page.locator('form').evaluateAll((elements, submitters) => {
    const here = location.pathname
    return elements.map((el, index) => {
      const form = el as HTMLFormElement
      const action = new URL(form.getAttribute('action') ?? '', location.href)
      const target = action.pathname === here ? '' : action.pathname
      const hidden = [...form.querySelectorAll<HTMLInputElement>('input[type="hidden"]')].map((i) => (i.name === 'intent' ? `intent=${i.value}` : i.name))
      const fields = [...form.querySelectorAll<HTMLInputElement>('input:not([type="hidden"]), select, textarea')].map((i) => i.name)
      // Counts in a label ("Sign out all other devices (2)") change as the walk goes; the button does not.
      const buttons = [...form.querySelectorAll<HTMLButtonElement>(submitters)].map((b, i) => ({
        index: i,
        key: `[${b.name ? `${b.name}=${b.value.replace(/\d+/g, '#')} ` : ''}"${(b.textContent ?? b.value).trim().replace(/\d+/g, '#')}"]`,
        disabled: b.disabled,
      }))
      return {
        index,
        post: (form.getAttribute('method') ?? 'get').toLowerCase() === 'post',
        key: `${target}{${[...hidden, ...[...new Set(fields)]].join(' ')}}`,
        logout: action.pathname === '/logout',
        noValidate: form.noValidate,
        emptyHidden: [...form.querySelectorAll<HTMLInputElement>('input[type="hidden"]')].filter((i) => !i.value).map((i) => i.name),
        buttons,
      }
    })
  }, SUBMITTERS)
  return forms.filter((f) => f.post).map(({ post: _post, ...f }) => f)
}

/**
 * Submits, one at a time, each form of the page not yet submitted on this route (so the
 * same form on a second record's page is not sent twice), reloading between them.
 */
async function walkPage(page: Page, url: string, status: number, state: { submittedOnRoute: Set<string>; seenOnRoute: Set<string>; failures: string[] }) {
  let current = false
  for (let first = true; ; first = false) {
    if (!current) {
      const response = await page.goto(url, { waitUntil: 'domcontentloaded' })
      if (response?.status() !== status || !samePage(page.url(), url)) {
        // Only the first opening must work: a submission may take the page itself away (a record submitted, say).
        if (first) state.failures.push(`GET ${url}: expected ${status}, got ${response?.status()} at ${page.url()}`)
        return
      }
    }
    const forms = (await describeForms(page)).filter((f) => !f.logout)
    for (const f of forms) {
      for (const name of f.emptyHidden) {
        const problem = `${url} ${f.key}: the hidden field "${name}" has no value in the page's HTML`
        if (!state.failures.includes(problem)) state.failures.push(problem)
      }
    }
    const candidates = forms.flatMap((form) => form.buttons.filter((b) => !b.disabled).map((button) => ({ form, button, key: `${form.key} ${button.key}` })))
    for (const c of candidates) state.seenOnRoute.add(c.key)
    const next = candidates.find((c) => !state.submittedOnRoute.has(c.key))
    if (!next) return
    state.submittedOnRoute.add(next.key)

    const form = page.locator('form').nth(next.form.index)
    if (!next.form.noValidate) await fillRequired(form)
    const outcome = await submit(page, form.locator(SUBMITTERS).nth(next.button.index))
    if (outcome.problem) state.failures.push(`POST ${url} ${next.key}: ${outcome.problem}`)
    // Landing back on the page (a redirect to itself, or its own validation errors) saves a reload.
    current = samePage(page.url(), url) && (outcome.status === status || outcome.status === 400 || outcome.status === 409)
  }
}

/** The same page: a form posting to an index route adds `?index`, which names no other page. */
function samePage(a: string, b: string) {
  const normal = (u: string) => {
    const url = new URL(u, 'http://x')
    url.searchParams.delete('index')
    return url.pathname + url.search
  }
  return normal(a) === normal(b)
}

/** What the browser insists on before it sends a form without `novalidate`. */
async function fillRequired(form: Locator) {
  for (const field of await form.locator('input[required]:not([type="hidden"]), textarea[required], select[required]').all()) {
    const tag = await field.evaluate((el) => el.tagName.toLowerCase())
    const type = (await field.getAttribute('type')) ?? 'text'
    if (tag === 'select') await field.selectOption({ index: 1 })
    else if (type === 'checkbox' || type === 'radio') await field.check()
    else if (!(await field.inputValue())) {
      const value =
        { email: `${unique('nojs')}@e2e.test`, date: daysAgo(1), number: '60', password: 'a-long-enough-password' }[type] ?? 'Sent without JavaScript'
      await field.fill(value)
    }
  }
}

/** Clicks a submit button as a browser without scripts would, and judges the response. */
async function submit(page: Page, button: Locator): Promise<{ problem?: string; status?: number }> {
  // A button folded away in a closed <details> is shown the way a person would: by opening it.
  for (let i = 0; i < 3 && !(await button.isVisible()); i++) {
    await button.locator('xpath=ancestor::details[not(@open)]').first().locator('summary').first().click()
  }
  const loaded = page.waitForEvent('domcontentloaded')
  const posted = page.waitForRequest((r) => r.isNavigationRequest() && r.method() === 'POST')
  await button.click()
  const request = await posted
  await loaded
  const first = await request.response()
  const final = await lastOf(request).response()
  if (!first || !final) return { problem: 'no response' }
  const status = first.status()
  const landed = { status: final.status() }
  if (status >= 500 || final.status() >= 500) return { ...landed, problem: `answered ${status}${final === first ? '' : ` then ${final.status()}`}` }
  // The page offered this form to this person: a refusal means it should not have.
  if ([403, 404, 405].includes(status)) return { ...landed, problem: `refused with ${status}` }
  if (status === 400) {
    const body = await page.content()
    const said = ['Unknown action', 'Reload the page'].find((text) => body.includes(text))
    if (said) return { ...landed, problem: `400 "${said}": a hidden field is missing or wrong without JavaScript` }
  }
  return landed
}

function lastOf(request: Request) {
  let r = request
  while (r.redirectedTo()) r = r.redirectedTo()!
  return r
}

// ---------------------------------------------------------------- the data

const catalog = loadCatalog()
let day = 0

/** Fresh people and records for one test, so what its submissions change is its own. */
async function arrangeWorld(browser: Browser) {
  const tag = unique('nojs')
  const staff = await createPerson(['staff'], `No-JS Staff ${tag}`)
  const trainee = await createPerson(['trainee'], `No-JS Trainee ${tag}`)
  const fellow = await createPerson(['trainee', 'fellow'], `No-JS Fellow ${tag}`)
  const supervisor = await createPerson(['supervisor'], `No-JS Supervisor ${tag}`)
  const license = { license_type: 'LMFT', license_number: unique('L'), license_state: 'CA', ...VERIFIED }
  await db.updateTable('users').set(license).where('id', '=', supervisor.id).execute()
  const now = new Date().toISOString()
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: now, assigned_by: staff.id })
    .execute()
  await db
    .insertInto('medical_clearances')
    .values({ fellow_id: fellow.id, granted_on: daysAgo(300), expires_on: daysAgo(-100), clinician: 'Dr. No-JS, MD', recorded_by: staff.id, recorded_at: now })
    .execute()

  // Each record on a day of its own, so no daily cap is in the way.
  const record = (status: 'draft' | 'submitted' | 'approved' | 'returned') =>
    insertRecord(
      db,
      {
        fellowId: fellow.id,
        kind: 'sitter',
        status,
        occurredOn: daysAgo(30 + (++day % 200)),
        minutes: 60,
        supervisor: { id: supervisor.id, name: supervisor.name, ...license },
      },
      day,
    )
  const returned = await record('returned')
  // A submitted twin of the returned record (same day, same participant): its edit page shows the "different session" box.
  const twin = await db.selectFrom('records').select(['occurred_on', 'participant_code']).where('id', '=', returned).executeTakeFirstOrThrow()
  await insertRecord(
    db,
    {
      fellowId: fellow.id,
      kind: 'sitter',
      status: 'submitted',
      occurredOn: twin.occurred_on,
      minutes: 60,
      supervisor: { id: supervisor.id, name: supervisor.name, ...license },
      fields: { participant_code: twin.participant_code },
    },
    ++day,
  )
  // Two unread notifications for each signed-in role, so /notifications offers "Mark read" and "Mark all read".
  for (const person of [staff, trainee, fellow, supervisor]) {
    await db
      .insertInto('notifications')
      .values([1, 2].map((n) => ({ user_id: person.id, kind: 'returned', params: '{}', text: `No-JS notification ${n}`, link: '/settings', created_at: now })))
      .execute()
  }
  // Another fellow's sitter sessions naming this fellow as the other sitter, waiting for the answer on /hours/co-sitting.
  const partner = await createPerson(['trainee', 'fellow'], `No-JS Partner ${tag}`)
  for (let i = 0; i < 2; i++) {
    await insertRecord(
      db,
      { fellowId: partner.id, kind: 'sitter', status: 'submitted', occurredOn: daysAgo(30 + (++day % 200)), minutes: 90, fields: { co_sitter_id: fellow.id } },
      day,
    )
  }
  const records = {
    draftToSubmit: await record('draft'),
    draftToEdit: await record('draft'),
    returned,
    submitted: [await record('submitted'), await record('submitted')],
    approved: await record('approved'),
    // Pages are walked in manifest order, so the lists (after the record pages) keep something to offer.
    forLists: [await record('draft'), await record('submitted')],
  }

  const code = generateVerificationCode()
  const { id: certificateId } = await db
    .insertInto('certificates')
    .values({
      serial: `NOJS-${tag}`,
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

  const { id: cohort } = await db
    .insertInto('cohorts')
    .values({ name: `No-JS cohort ${tag}`, starts_on: daysAgo(100), created_by: staff.id, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db.insertInto('cohort_members').values({ cohort_id: cohort, user_id: fellow.id, added_at: now }).execute()

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
    .values({ token_hash: hashToken(resetToken), user_id: trainee.id, expires_at: expires(3_600_000), created_at: now })
    .execute()

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
  // A group supervision meeting the supervisor recorded with the fellow and the partner (also theirs) present.
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: partner.id, supervisor_id: supervisor.id, assigned_at: now, assigned_by: staff.id })
    .execute()
  const groupDate = daysAgo(30 + (++day % 200))
  const { id: meeting } = await db
    .insertInto('group_meetings')
    .values({ supervisor_id: supervisor.id, occurred_on: groupDate, minutes: 60, setting: 'virtual', topic: 'No-JS group meeting', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  const groupRecords: number[] = []
  for (const attendee of [fellow, partner]) {
    const recordId = await insertRecord(
      db,
      {
        fellowId: attendee.id,
        kind: 'supervision',
        status: 'approved',
        occurredOn: groupDate,
        minutes: 60,
        supervisor: { id: supervisor.id, name: supervisor.name, ...license },
        fields: { supervision_type: 'supervision', supervision_format: 'group', group_size: 2, notes: 'No-JS group meeting' },
      },
      ++day,
    )
    await db.insertInto('group_meeting_records').values({ meeting_id: meeting, record_id: recordId }).execute()
    groupRecords.push(recordId)
  }
  const group = { meeting, fellowRecord: groupRecords[0]! }

  const calendar = { session: await planned(fellow.id, 'sitter'), meeting: await planned(supervisor.id, 'meeting') }
  await db.insertInto('planned_item_attendees').values({ item_id: calendar.meeting, user_id: fellow.id }).execute()

  const open = catalog.courses.find((c) => c.prerequisites.length === 0)!
  // A learning agreement filled in and not yet signed (its sign and edit forms), an unsigned midpoint
  // evaluation (the supervisor's ratings and sign forms) and a signed final one (the fellow's acknowledge form).
  await signedAgreement(fellow, supervisor, { by: 'none', db })
  const supervision = {
    draftEvaluation: await evaluation(fellow, supervisor, { stage: 'midpoint', signed: false, db }),
    signedEvaluation: await evaluation(fellow, supervisor, { stage: 'final', db }),
  }
  return {
    supervision,
    calendar,
    group,
    users: { staff, trainee, fellow, supervisor } satisfies Record<string, E2EUser>,
    records,
    certificate: { id: certificateId, code },
    cohort,
    inviteToken,
    resetToken,
    summaryCode: await (summaryCode ??= generateSummaryAs(browser, fellow)),
    course: { slug: open.slug, lesson: open.lessons[0]!.slug },
    program: catalog.programs[0]!.slug,
  }
}

// One per worker is enough: any summary's public page has the same forms.
let summaryCode: Promise<string> | undefined

/** A practicum summary is made only by the app (its content is computed), so the fellow asks for one. */
async function generateSummaryAs(browser: Browser, fellow: E2EUser) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL, javaScriptEnabled: false })
  try {
    const page = await context.newPage()
    await signInAs(page, fellow)
    await page.goto('/summaries')
    const outcome = await submit(page, page.getByRole('button', { name: 'Generate a new summary' }))
    expect(outcome.problem).toBeUndefined()
  } finally {
    await context.close()
  }
  const summary = await db.selectFrom('practicum_summaries').select('code').where('user_id', '=', fellow.id).orderBy('id', 'desc').executeTakeFirstOrThrow()
  return summary.code
}

// ---------------------------------------------------------------- the co-sitter's answer, step by step

test('without JavaScript, a co-sitter’s decline without a reason is refused beside the field and the page stays; a confirmation goes through', async ({
  page,
}) => {
  test.setTimeout(60_000)
  // Two demo fellows: Caleb logs a sitter session naming Dana, who sat it with him.
  const date = daysAgo(2)
  const code = `P-${Math.floor(Math.random() * 4000 + 5000)}`
  await signInWithForm(page, 'fellow3@kap.test')
  await page.goto('/hours/new?kind=sitter')
  await page.getByLabel('Date', { exact: true }).fill(date)
  await page.getByLabel('Start time').fill('20:00')
  await page.getByLabel('End time').fill('22:30')
  await page.getByRole('group', { name: 'Setting' }).getByLabel('In person').check()
  await page.getByLabel('Participant code').fill(code)
  await page.getByRole('group', { name: 'Your role' }).getByLabel('Lead sitter').check()
  await page.getByLabel('Other sitter').selectOption({ label: 'Dana Whitfield' })
  await page.getByRole('button', { name: 'Save and submit for review' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved and submitted. It goes to your supervisor once the other sitter confirms it (they have been told).')
  await expect(page.getByText('Dana Whitfield, whose confirmation is awaited before a supervisor can decide')).toBeVisible()
  const id = Number(/\/hours\/(\d+)$/.exec(new URL(page.url()).pathname)?.[1])
  expect(await db.selectFrom('records').select(['status', 'minutes', 'co_sitter_confirmed_at']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
    status: 'submitted',
    minutes: 150,
    co_sitter_confirmed_at: null,
  })

  await page.context().clearCookies()
  await signInWithForm(page, 'fellow4@kap.test')
  await page.goto('/hours/co-sitting')
  await expect(page.getByRole('heading', { level: 1, name: 'Sessions to confirm as co-sitter' })).toBeVisible()
  const session = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 2, name: `Caleb Moreno · ${formatDate(date)}` }) })
    .filter({ hasText: code })
  await expect(session).toContainText('20:00–22:30')
  await expect(session).toContainText('2 h 30 min')

  // Declining needs a reason: the server says so beside the box, on the same page, and nothing changes.
  const refused = page.waitForResponse((r) => r.request().method() === 'POST')
  await session.getByRole('button', { name: 'Decline with reason' }).click()
  expect((await refused).status()).toBe(400)
  await expect(page).toHaveURL(/\/hours\/co-sitting$/)
  const again = page.getByRole('listitem').filter({ hasText: code })
  const reason = again.getByLabel('If something is not right, say what')
  await expect(reason).toHaveAccessibleDescription(/Say what is not right, so the fellow can correct it\./)
  await expect(reason).toHaveAttribute('aria-invalid', 'true')
  expect(await db.selectFrom('records').select(['status', 'version', 'co_sitter_confirmed_at']).where('id', '=', id).executeTakeFirstOrThrow()).toEqual({
    status: 'submitted',
    version: 2,
    co_sitter_confirmed_at: null,
  })

  // Confirming sends it on to Caleb's supervisor.
  await again.getByRole('button', { name: 'Confirm: I sat this session' }).click()
  await expect(page.getByRole('status')).toHaveText('Confirmed. The session now goes to the fellow’s supervisor.')
  await expect(page.getByRole('listitem').filter({ hasText: code })).toHaveCount(0)
  await expect(page.getByRole('region', { name: 'Recently confirmed by you' })).toContainText(`Caleb Moreno, ${formatDate(date)} (20:00–22:30)`)
  const stored = await db.selectFrom('records').select(['status', 'co_sitter_confirmed_at']).where('id', '=', id).executeTakeFirstOrThrow()
  expect(stored.status).toBe('submitted')
  expect(stored.co_sitter_confirmed_at).toBeTruthy()
  const events = await db.selectFrom('record_events').select(['action', 'actor_id']).where('record_id', '=', id).orderBy('id').execute()
  expect(events.map((e) => e.action)).toEqual(['create', 'submit', 'confirm'])
})

// ---------------------------------------------------------------- /verify: a pasted credential, without JavaScript

test('without JavaScript, /verify checks a pasted credential; text that is not JSON is refused beside the field and kept', async ({ page, request }) => {
  const holder = await createPerson(['trainee', 'fellow'], `No-JS Holder ${unique('c')}`)
  const code = generateVerificationCode()
  await db
    .insertInto('certificates')
    .values({
      serial: `KAP-2002-${String(100000 + ((Date.now() + process.pid) % 800000)).padStart(6, '0')}`,
      code,
      user_id: holder.id,
      program_slug: 'introductory-kap',
      program_title: 'Introductory KAP',
      holder_name: holder.name,
      issued_at: new Date(Date.now() - 86_400_000).toISOString(),
      issued_by: holder.id,
      issuer_name: 'No-JS staff',
      requirements: '{}',
    })
    .execute()
  const text = await (await request.get(`/verify/${code}/credential.json`)).text()
  await page.goto('/verify')
  const box = page.getByLabel('Credential (paste the JSON)')
  await box.fill('not a credential')
  await page.getByRole('button', { name: 'Check credential' }).click()
  await expect(page.getByText(/^This is not JSON/)).toBeVisible()
  await expect(box).toHaveValue('not a credential')
  await box.fill(text)
  await page.getByRole('button', { name: 'Check credential' }).click()
  await expect(page.getByRole('status').getByRole('heading', { name: /^Valid credential/ })).toBeVisible()
})

// ---------------------------------------------------------------- a group supervision meeting, step by step

test('without JavaScript, a group meeting with one fellow ticked is refused beside the list, keeping what was typed; with two it signs both records', async ({
  page,
}) => {
  test.setTimeout(60_000)
  const supervisor = await createPerson(['supervisor'], `No-JS Group Supervisor ${unique('g')}`)
  await db
    .updateTable('users')
    .set({ license_type: 'LMFT', license_number: unique('L'), license_state: 'CA', ...VERIFIED })
    .where('id', '=', supervisor.id)
    .execute()
  const fellows = [await createPerson(['trainee', 'fellow'], `No-JS Ana ${unique('g')}`), await createPerson(['trainee', 'fellow'], `No-JS Ben ${unique('g')}`)]
  for (const fellow of fellows) {
    await db
      .insertInto('supervisor_assignments')
      .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: null })
      .execute()
  }
  const topic = `Consent conversations ${unique('t')}`
  await signInAs(page, supervisor)
  await page.goto('/review/group-supervision/new')
  await page.getByLabel('Date').fill(daysAgo(2))
  await page.getByLabel('Duration (minutes)').fill('75')
  await page.getByLabel('Topic').fill(topic)
  const attended = page.getByRole('group', { name: 'Fellows who attended' })
  await attended.getByLabel(fellows[0]!.name).check()
  await page.getByLabel('Your full name, as on your license').fill(supervisor.name)
  const refused = await submit(page, page.getByRole('button', { name: 'Sign and record the meeting' }))
  expect(refused.status).toBe(400)
  await expect(attended.getByText('Tick at least 2 fellows: a group has at least 2.')).toBeVisible()
  await expect(page.getByLabel('Topic')).toHaveValue(topic)
  await expect(page.getByLabel('Duration (minutes)')).toHaveValue('75')
  await expect(attended.getByLabel(fellows[0]!.name)).toBeChecked()
  expect(await db.selectFrom('group_meetings').select('id').where('supervisor_id', '=', supervisor.id).execute()).toEqual([])

  await attended.getByLabel(fellows[1]!.name).check()
  await page.getByLabel('Your full name, as on your license').fill(supervisor.name)
  const saved = await submit(page, page.getByRole('button', { name: 'Sign and record the meeting' }))
  expect(saved.problem).toBeUndefined()
  await expect(page.getByRole('status')).toHaveText('Meeting recorded: 2 signed group supervision records, one in each fellow’s hours.')
  const records = await db
    .selectFrom('records')
    .select(['fellow_id', 'status', 'group_size', 'minutes', 'signed_name'])
    .where(
      'fellow_id',
      'in',
      fellows.map((f) => f.id),
    )
    .orderBy('fellow_id')
    .execute()
  expect(records).toEqual(fellows.map((f) => ({ fellow_id: f.id, status: 'approved', group_size: 2, minutes: 75, signed_name: supervisor.name })))
})
