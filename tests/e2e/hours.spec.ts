import type { Browser, Page } from '@playwright/test'
import { formatDate } from '#app/utils/format.ts'
import { createPerson, db, expect, signInAs, signInWithForm, test, unique, waitForHydration } from './fixtures.ts'
import { VERIFIED } from '#tests/support/licenses.ts'

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10)

/** A fellow with a fresh supervisor (license on file) assigned to them. */
async function fellowWithSupervisor() {
  const fellow = await createPerson(['trainee', 'fellow'], `Fellow ${unique('f')}`)
  const supervisor = await createPerson(['supervisor'], `Supervisor ${unique('s')}`)
  await db
    .updateTable('users')
    .set({ license_type: 'LPCC', license_number: unique('L'), license_state: 'OR', ...VERIFIED })
    .where('id', '=', supervisor.id)
    .execute()
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: null })
    .execute()
  return { fellow, supervisor }
}

/** Another signed-in person in their own browser context, held to the same CSP / page-error standard as `page`. */
async function openAs(browser: Browser, problems: string[], sign: (page: Page) => Promise<void>) {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL })
  const page = await context.newPage()
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) problems.push(`CSP: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
  await sign(page)
  return { context, page }
}

async function recordsOf(fellowId: number) {
  return db
    .selectFrom('records')
    .select([
      'id',
      'kind',
      'status',
      'minutes',
      'occurred_on',
      'return_comment',
      'approver_name',
      'sitter_role',
      'started_at',
      'ended_at',
      'co_sitter_id',
      'participant_code',
      'practicum_contact',
      'supervision_type',
      'supervision_format',
      'group_size',
      'notes',
      'attestation_version',
      'signed_name',
    ])
    .where('fellow_id', '=', fellowId)
    .orderBy('id')
    .execute()
}

async function firstStaffContact() {
  const staff = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.name', 'users.email'])
    .where('user_roles.role', '=', 'staff')
    .where('users.active', '=', 1)
    .orderBy('users.id')
    .executeTakeFirstOrThrow()
  return `${staff.name} (${staff.email})`
}

test('a fellow logs two sessions, the clearance gate holds until staff record one, the supervisor returns one and approves both in the end', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000)
  const { fellow, supervisor } = await fellowWithSupervisor()
  const staff = await createPerson(['staff'], `Staff ${unique('st')}`)
  const problems: string[] = []
  const sitterDate = daysAgo(6)
  const experientialDate = daysAgo(4)
  const sitterCode = `P-${Math.floor(Math.random() * 9000 + 1000)}`
  const comment = `Please confirm your role (${unique('c')}).`

  await signInAs(page, fellow)

  // 1. A sitter session, saved and submitted through the form.
  await page.goto('/hours')
  await page.getByRole('link', { name: 'Log a record' }).click()
  await page
    .getByRole('navigation', { name: 'Kinds of record' })
    .getByRole('link', { name: /^Sitter session/ })
    .click()
  await expect(page.getByRole('heading', { level: 1, name: 'Log: sitter session' })).toBeVisible()
  await waitForHydration(page, 'Save and submit for review')
  await page.getByLabel('Date', { exact: true }).fill(sitterDate)
  // A sitter session is logged by the clock: its duration follows from the times.
  await expect(page.getByLabel('Duration (minutes)')).toHaveCount(0)
  await page.getByLabel('Start time').fill('09:00')
  await page.getByLabel('End time').fill('11:00')
  await page.getByRole('group', { name: 'Setting' }).getByLabel('In person').check()
  await page.getByLabel('Participant code').fill(sitterCode)
  await page.getByRole('group', { name: 'Your role' }).getByLabel('Lead sitter').check()
  // Nobody else sat with the fellow: the record goes straight to the supervisor.
  await expect(page.getByLabel('Other sitter')).toHaveValue('')
  await page.getByLabel('Notes').fill('Held silence; offered grounding once.')
  await page.getByRole('button', { name: 'Save and submit for review' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved and submitted to your supervisor.')
  await expect(page.getByRole('heading', { level: 1, name: `Sitter session · ${formatDate(sitterDate)}` })).toBeVisible()
  await expect(page.getByText('Submitted', { exact: true }).first()).toBeVisible()

  // 2. An experiential session: submitting is refused without a clearance; nothing is kept; saved as a draft instead.
  await page.goto('/hours/new?kind=experiential')
  await waitForHydration(page, 'Save and submit for review')
  await page.getByLabel('Date', { exact: true }).fill(experientialDate)
  await page.getByLabel('Duration (minutes)').fill('150')
  await page.getByRole('group', { name: 'Setting' }).getByLabel('In person').check()
  await page.getByLabel('Route of administration').selectOption({ label: 'Intramuscular (IM)' })
  await page.getByLabel('Prescriber or medical team').fill('Dr. Priya Natarajan, MD')
  await page.getByLabel('Preparation notes').fill('Intentions around steadiness.')
  await page.getByRole('button', { name: 'Save and submit for review' }).click()
  const refusal = page.getByRole('alert')
  await expect(refusal).toContainText(
    `An experiential session can be submitted only when a medical clearance recorded by institute staff covers its date (${experientialDate})`,
  )
  await expect(refusal).toContainText(`ask ${await firstStaffContact()} to record it`)
  await expect(page.getByLabel('Prescriber or medical team')).toHaveValue('Dr. Priya Natarajan, MD')
  expect((await recordsOf(fellow.id)).map((r) => r.kind)).toEqual(['sitter'])

  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved as a draft. Submit it when it is ready.')
  await expect(page.getByRole('heading', { level: 1, name: `Experiential session · ${formatDate(experientialDate)}` })).toBeVisible()
  const experientialUrl = page.url()
  await page.getByRole('button', { name: 'Submit for review' }).click()
  await expect(page.getByRole('alert')).toContainText('medical clearance recorded by institute staff')
  expect((await recordsOf(fellow.id)).map((r) => [r.kind, r.status])).toEqual([
    ['sitter', 'submitted'],
    ['experiential', 'draft'],
  ])

  // 3. Staff record a clearance on the fellow's page.
  const staffSide = await openAs(browser, problems, (p) => signInWithForm(p, staff.email))
  await staffSide.page.goto(`/staff/people/${fellow.id}`)
  await expect(staffSide.page.getByRole('heading', { level: 1, name: fellow.name })).toBeVisible()
  const clearances = staffSide.page.getByRole('region', { name: 'Medical clearances' })
  await expect(clearances.getByText('No clearance recorded.')).toBeVisible()
  await clearances.getByLabel('Granted on').fill(daysAgo(30))
  await clearances.getByLabel('Expires on').fill(daysAgo(-180))
  await clearances.getByLabel('Clinician or medical team').fill('Dr. E2E Clinician')
  await clearances.getByRole('button', { name: 'Record clearance' }).click()
  await expect(staffSide.page.getByRole('status')).toHaveText('Medical clearance recorded.')
  await expect(clearances.getByRole('listitem').filter({ hasText: 'Dr. E2E Clinician' })).toContainText('current')

  // 4. The fellow now submits the experiential session from its page.
  await page.goto(experientialUrl)
  await page.getByRole('button', { name: 'Submit for review' }).click()
  await expect(page.getByRole('status')).toHaveText('Submitted to your supervisor.')
  await expect(page.getByRole('button', { name: 'Submit for review' })).toHaveCount(0)
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0)

  // 5. The supervisor returns the sitter session with a comment and approves the experiential one.
  const supervisorSide = await openAs(browser, problems, (p) => signInAs(p, supervisor))
  const review = supervisorSide.page
  await review.goto('/review')
  await expect(review.getByRole('heading', { level: 2, name: '2 waiting' })).toBeVisible()
  const sitterLink = `Review ${fellow.name}’s sitter session of ${formatDate(sitterDate)}`
  const experientialLink = `Review ${fellow.name}’s experiential session of ${formatDate(experientialDate)}`
  await review.getByRole('link', { name: sitterLink }).click()
  await expect(review.getByRole('heading', { level: 1, name: `Sitter session · ${formatDate(sitterDate)}` })).toBeVisible()
  await expect(review.getByText(sitterCode)).toBeVisible()
  await waitForHydration(review, 'Return with comment')
  // Returning without a comment is caught before anything is sent.
  await review.getByRole('button', { name: 'Return with comment' }).click()
  await expect(review.getByText('Say what needs fixing: returning a record requires a comment.')).toBeVisible()
  await review.getByLabel('Comment', { exact: true }).fill(comment)
  await review.getByRole('button', { name: 'Return with comment' }).click()
  await expect(review.getByRole('status')).toHaveText('Record returned to the fellow with your comment.')
  await expect(review.getByRole('heading', { level: 2, name: '1 waiting' })).toBeVisible()
  await review.getByRole('link', { name: experientialLink }).click()
  await expect(review.getByText(`Dr. Priya Natarajan, MD`)).toBeVisible()
  // Approving is signing: the statement is on the page, and the signature is the supervisor's own name.
  await expect(review.getByRole('group', { name: 'Sign to approve' })).toContainText('I attest that I supervised the activity described in this record')
  await review.getByRole('button', { name: 'Sign and approve' }).click()
  await expect(review.getByText('Type your full name as on your license to sign.')).toBeVisible()
  await review.getByLabel('Your full name, as on your license').fill('Someone Else')
  await review.getByRole('button', { name: 'Sign and approve' }).click()
  await expect(review.getByText(`Type your full name as on your license (${supervisor.name}) to sign.`)).toBeVisible()
  await review.getByLabel('Your full name, as on your license').fill(supervisor.name)
  await review.getByRole('button', { name: 'Sign and approve' }).click()
  await expect(review.getByRole('status')).toHaveText('Record approved.')
  await expect(review.getByRole('heading', { level: 2, name: 'Nothing is waiting for you' })).toBeVisible()

  // 6. The fellow sees the returned record with the comment, edits it and resubmits.
  await page.goto('/hours')
  const sitterRow = page.getByRole('row').filter({ has: page.getByRole('link', { name: formatDate(sitterDate), exact: true }) })
  await expect(sitterRow).toContainText('Returned')
  await expect(sitterRow).toContainText(comment)
  await sitterRow.getByRole('link', { name: formatDate(sitterDate), exact: true }).click()
  await expect(page.getByRole('note')).toHaveText(`Returned for changes: ${comment}`)
  await page.getByRole('link', { name: 'Edit' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Edit: sitter session' })).toBeVisible()
  await expect(page.getByRole('note')).toHaveText(`Why it was returned: ${comment}`)
  await expect(page.getByLabel('Participant code')).toHaveValue(sitterCode)
  await expect(page.getByRole('group', { name: 'Your role' }).getByLabel('Lead sitter')).toBeChecked()
  await expect(page.getByLabel('Start time')).toHaveValue('09:00')
  await expect(page.getByLabel('End time')).toHaveValue('11:00')
  await waitForHydration(page, 'Save and submit for review')
  await page.getByRole('group', { name: 'Your role' }).getByLabel('Co-sitter').check()
  await page.getByLabel('End time').fill('11:15')
  await page.getByRole('button', { name: 'Save and submit for review' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved and submitted to your supervisor.')
  await expect(page.getByText('Co-sitter', { exact: true })).toBeVisible()

  // 7. The supervisor approves it.
  await review.goto('/review')
  await review.getByRole('link', { name: sitterLink }).click()
  await expect(review.getByText('2 h 15 min', { exact: true })).toBeVisible()
  // The history says what changed since the return, field by field.
  const history = review.getByRole('region', { name: 'History' })
  await expect(history).toContainText('Changed since it was returned:')
  await expect(history.getByRole('listitem').filter({ hasText: /^Duration: / })).toHaveText('Duration: 2 h → 2 h 15 min')
  await expect(history.getByRole('listitem').filter({ hasText: /^End time: / })).toHaveText('End time: 11:00 → 11:15')
  await expect(history.getByRole('listitem').filter({ hasText: /^Role: / })).toHaveText('Role: Lead sitter → Co-sitter')
  await review.getByLabel('Your full name, as on your license').fill(supervisor.name)
  await review.getByRole('button', { name: 'Sign and approve' }).click()
  await expect(review.getByRole('status')).toHaveText('Record approved.')

  // 8. Both count on the fellow's hours page.
  await page.goto('/hours')
  const glance = page.getByRole('region', { name: 'At a glance' })
  await expect(glance.getByRole('progressbar', { name: 'Experiential sessions approved: 1 of 12' })).toBeVisible()
  await expect(glance.getByRole('progressbar', { name: 'Sitter sessions approved: 1 of 12' })).toBeVisible()
  await expect(glance.locator('.meter').filter({ hasText: 'Experiential sessions approved' })).toContainText('1 / 12')
  await expect(glance.locator('.meter').filter({ hasText: 'Sitter sessions approved' })).toContainText('1 / 12')
  await expect(glance).toContainText('Medical clearance valid until')

  const stored = await recordsOf(fellow.id)
  expect(stored.map((r) => [r.kind, r.status, r.approver_name])).toEqual([
    ['sitter', 'approved', supervisor.name],
    ['experiential', 'approved', supervisor.name],
  ])
  expect(stored[0]).toMatchObject({ minutes: 135, started_at: '09:00', ended_at: '11:15', co_sitter_id: null, sitter_role: 'co-sitter' })
  expect(stored[0]).toMatchObject({ attestation_version: '2026-11', signed_name: supervisor.name })
  // The fellow's record shows who signed, under which statement.
  await page.goto(`/hours/${stored[0]!.id}`)
  const signature = page.getByRole('region', { name: 'Approval signature' })
  await expect(signature).toContainText(`by ${supervisor.name}, LPCC`)
  await expect(signature).toContainText(`Signed “${supervisor.name}” under the supervisor's attestation, version 2026-11`)
  const events = await db.selectFrom('record_events').select(['action']).where('record_id', '=', stored[0]!.id).orderBy('id').execute()
  expect(events.map((e) => e.action)).toEqual(['create', 'submit', 'return', 'edit', 'submit', 'approve'])

  await staffSide.context.close()
  await supervisorSide.context.close()
  expect(problems, 'no CSP violations or page errors in the staff and supervisor pages').toEqual([])
})

test('with JavaScript off, the server checks the new-record form, shows the error beside the field and keeps what was typed', async ({ browser }) => {
  const { fellow } = await fellowWithSupervisor()
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL })
  const page = await context.newPage()
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    await signInAs(page, fellow)
    const date = daysAgo(3)
    const notes = `Quiet session ${unique('n')}`
    await page.goto('/hours/new?kind=sitter')
    await expect(page.getByRole('heading', { level: 1, name: 'Log: sitter session' })).toBeVisible()
    await page.getByLabel('Date', { exact: true }).fill(date)
    // Past midnight: 23:10 to 00:45 is 95 minutes.
    await page.getByLabel('Start time').fill('23:10')
    await page.getByLabel('End time').fill('00:45')
    await page.getByRole('group', { name: 'Setting' }).getByLabel('Virtual').check()
    await page.getByLabel('Participant code').fill('jo.participant@example.com')
    await page.getByRole('group', { name: 'Your role' }).getByLabel('Lead sitter').check()
    await page.getByLabel('Notes').fill(notes)

    const refused = page.waitForResponse((r) => r.request().method() === 'POST')
    await page.getByRole('button', { name: 'Save and submit for review' }).click()
    expect((await refused).status()).toBe(400)
    const message = 'This looks like an email address. Use a pseudonymous code, never contact details.'
    const code = page.getByLabel('Participant code')
    await expect(code).toHaveAccessibleDescription(new RegExp(message.replace(/\./g, '\\.')))
    await expect(code).toHaveAttribute('aria-invalid', 'true')
    await expect(page.getByText(message)).toBeVisible()
    // Everything typed is still there.
    await expect(code).toHaveValue('jo.participant@example.com')
    await expect(page.getByLabel('Date', { exact: true })).toHaveValue(date)
    await expect(page.getByLabel('Start time')).toHaveValue('23:10')
    await expect(page.getByLabel('End time')).toHaveValue('00:45')
    await expect(page.getByRole('group', { name: 'Setting' }).getByLabel('Virtual')).toBeChecked()
    await expect(page.getByRole('group', { name: 'Your role' }).getByLabel('Lead sitter')).toBeChecked()
    await expect(page.getByLabel('Notes')).toHaveValue(notes)
    expect(await recordsOf(fellow.id)).toEqual([])

    await code.fill('P-0314')
    await page.getByRole('button', { name: 'Save and submit for review' }).click()
    await expect(page.getByRole('status')).toHaveText('Saved and submitted to your supervisor.')
    await expect(page.getByRole('heading', { level: 1, name: `Sitter session · ${formatDate(date)}` })).toBeVisible()
    await expect(page.getByText('P-0314')).toBeVisible()
    const stored = await recordsOf(fellow.id)
    expect(stored).toEqual([
      expect.objectContaining({
        kind: 'sitter',
        status: 'submitted',
        minutes: 95,
        started_at: '23:10',
        ended_at: '00:45',
        occurred_on: date,
        participant_code: 'P-0314',
        sitter_role: 'lead',
        notes,
      }),
    ])
    expect(errors).toEqual([])
  } finally {
    await context.close()
  }
})

test('practicum and supervision records say what boards count: client contact, supervision or consultation and a group’s size, refilled on the edit page', async ({
  page,
}) => {
  const { fellow } = await fellowWithSupervisor()
  const date = daysAgo(8)
  let posted = 0
  page.on('request', (r) => void (r.method() === 'POST' && posted++))
  await signInAs(page, fellow)

  // Practicum: direct or indirect contact is asked for; the browser says so before anything is sent.
  await page.goto('/hours/new?kind=practicum')
  await waitForHydration(page, 'Save draft')
  await page.getByLabel('Date', { exact: true }).fill(date)
  await page.getByLabel('Duration (minutes)').fill('50')
  await page.getByRole('group', { name: 'Setting' }).getByLabel('Virtual').check()
  await page.getByLabel('Phase').selectOption({ label: 'Integration' })
  await page.getByLabel('Client code').fill('C-0777')
  await page.getByRole('button', { name: 'Save draft' }).click()
  const contact = page.getByRole('group', { name: 'Client contact' })
  await expect(contact).toHaveAccessibleDescription(/Choose direct or indirect client contact\./)
  expect(posted).toBe(0)
  await contact.getByLabel('Indirect (without the client)').check()
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved as a draft. Submit it when it is ready.')
  await expect(page.getByText('Indirect (without the client)', { exact: true })).toBeVisible()
  await page.getByRole('link', { name: 'Edit' }).click()
  await expect(page.getByRole('group', { name: 'Client contact' }).getByLabel('Indirect (without the client)')).toBeChecked()

  // Group consultation: the group's size is asked for, 2 to 50 people.
  await page.goto('/hours/new?kind=supervision')
  await waitForHydration(page, 'Save draft')
  await page.getByLabel('Date', { exact: true }).fill(date)
  await page.getByLabel('Duration (minutes)').fill('90')
  await page.getByRole('group', { name: 'Setting' }).getByLabel('Virtual').check()
  await page.getByRole('group', { name: 'Supervision or consultation' }).getByLabel('Consultation').check()
  await page.getByRole('group', { name: 'Format' }).getByLabel('Group', { exact: true }).check()
  await page.getByLabel('Supervisor or consultant').fill('Dr. Jonah Lee')
  posted = 0
  await page.getByRole('button', { name: 'Save draft' }).click()
  const size = page.getByLabel('Group size')
  await expect(size).toHaveAccessibleDescription(/Enter how many people were in the group, you included\./)
  await size.fill('1')
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(size).toHaveAccessibleDescription(/A group has at least 2 people, you included\./)
  expect(posted).toBe(0)
  await size.fill('6')
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved as a draft. Submit it when it is ready.')
  await expect(page.getByText('Group (6 people)', { exact: true })).toBeVisible()
  await expect(page.getByText('Consultation', { exact: true })).toBeVisible()

  // The edit page refills all three; made individual, the size left in the field is not kept.
  await page.getByRole('link', { name: 'Edit' }).click()
  await expect(page.getByRole('group', { name: 'Supervision or consultation' }).getByLabel('Consultation')).toBeChecked()
  await expect(page.getByRole('group', { name: 'Format' }).getByLabel('Group', { exact: true })).toBeChecked()
  await expect(page.getByLabel('Group size')).toHaveValue('6')
  await waitForHydration(page, 'Save draft')
  await page.getByRole('group', { name: 'Format' }).getByLabel('Individual').check()
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('status')).toHaveText('Changes saved.')
  await expect(page.getByText('Individual', { exact: true })).toBeVisible()

  // Individual supervision, the group's size left empty as the form shows it.
  await page.goto('/hours/new?kind=supervision')
  await waitForHydration(page, 'Save draft')
  await page.getByLabel('Date', { exact: true }).fill(daysAgo(9))
  await page.getByLabel('Duration (minutes)').fill('60')
  await page.getByRole('group', { name: 'Setting' }).getByLabel('In person').check()
  await page.getByRole('group', { name: 'Supervision or consultation' }).getByLabel('Supervision', { exact: true }).check()
  await page.getByRole('group', { name: 'Format' }).getByLabel('Individual').check()
  await page.getByLabel('Supervisor or consultant').fill('Dr. Maya Reyes')
  await expect(page.getByLabel('Group size')).toHaveValue('')
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved as a draft. Submit it when it is ready.')

  expect((await recordsOf(fellow.id)).map((r) => [r.kind, r.practicum_contact, r.supervision_type, r.supervision_format, r.group_size])).toEqual([
    ['practicum', 'indirect', null, null, null],
    ['supervision', null, 'consultation', 'individual', null],
    ['supervision', null, 'supervision', 'individual', null],
  ])
})

test('names, initials and contact details are refused beside their fields; a second record of the same session asks first, with and without JavaScript', async ({
  page,
  browser,
}) => {
  const { fellow, supervisor } = await fellowWithSupervisor()
  const date = daysAgo(9)
  const PHONE = 'This contains a phone number. Remove it: records never hold contact details.'
  const FORMAT = 'Use the institute’s participant code format, P-#### (# is a digit), for example P-0042. Never a name or initials.'
  const DUPLICATE = `This may be a duplicate: you already have a sitter session record on ${formatDate(date)} with the same participant (submitted). If this is another session, tick “Yes, this is a different session” and save again.`
  const fillSitter = async (p: Page, notes: string, code = 'P-0042') => {
    await p.getByLabel('Date', { exact: true }).fill(date)
    await p.getByLabel('Start time').fill('13:00')
    await p.getByLabel('End time').fill('15:00')
    await p.getByRole('group', { name: 'Setting' }).getByLabel('In person').check()
    await p.getByLabel('Participant code').fill(code)
    await p.getByRole('group', { name: 'Your role' }).getByLabel('Co-sitter').check()
    await p.getByLabel('Notes').fill(notes)
  }

  // Without JavaScript: the server refuses initials and a phone number, each beside its field, and keeps what was typed.
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: test.info().project.use.baseURL })
  const noJs = await context.newPage()
  try {
    await signInAs(noJs, fellow)
    await noJs.goto('/hours/new?kind=sitter')
    await fillSitter(noJs, 'Asked me to call 555-123-4567 afterwards.', 'JD')
    await noJs.getByRole('button', { name: 'Save and submit for review' }).click()
    await expect(noJs.getByLabel('Notes')).toHaveAccessibleDescription(new RegExp(PHONE.replace(/\./g, '\\.')))
    await expect(noJs.getByLabel('Participant code')).toHaveAccessibleDescription(new RegExp(`${FORMAT.replace(/[.()#]/g, '\\$&')}$`))
    await expect(noJs.getByLabel('Notes')).toHaveValue('Asked me to call 555-123-4567 afterwards.')
    expect(await recordsOf(fellow.id)).toEqual([])
    await noJs.getByLabel('Participant code').fill('P-0042')
    await noJs.getByLabel('Notes').fill('Held silence.')
    await noJs.getByRole('button', { name: 'Save and submit for review' }).click()
    await expect(noJs.getByRole('status')).toHaveText('Saved and submitted to your supervisor.')

    // The same session again: asked, nothing saved; ticked, the second submit saves it.
    await noJs.goto('/hours/new?kind=sitter')
    await fillSitter(noJs, 'The afternoon session.')
    await noJs.getByRole('button', { name: 'Save and submit for review' }).click()
    const box = noJs.getByRole('group', { name: 'Possible duplicate' })
    await expect(box).toContainText(DUPLICATE)
    expect(await recordsOf(fellow.id)).toHaveLength(1)
    await expect(noJs.getByLabel('Notes')).toHaveValue('The afternoon session.')
    await box.getByLabel('Yes, this is a different session').check()
    await noJs.getByRole('button', { name: 'Save and submit for review' }).click()
    await expect(noJs.getByRole('status')).toHaveText('Saved and submitted to your supervisor.')
    expect((await recordsOf(fellow.id)).map((r) => [r.participant_code, r.notes])).toEqual([
      ['P-0042', 'Held silence.'],
      ['P-0042', 'The afternoon session.'],
    ])
  } finally {
    await context.close()
  }

  // With JavaScript: the browser's own check catches the phone number before anything is sent; the server asks about the duplicate.
  await signInAs(page, fellow)
  await page.goto('/hours/new?kind=sitter')
  await waitForHydration(page, 'Save draft')
  await fillSitter(page, 'Phone (555) 123-4567.')
  let posted = 0
  page.on('request', (r) => void (r.method() === 'POST' && posted++))
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByText(PHONE)).toBeVisible()
  expect(posted).toBe(0)
  await page.getByLabel('Notes').fill('A third sitting.')
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('group', { name: 'Possible duplicate' })).toContainText('This may be a duplicate: you already have 2 sitter session records on')
  expect(await recordsOf(fellow.id)).toHaveLength(2)
  await page.getByRole('group', { name: 'Possible duplicate' }).getByLabel('Yes, this is a different session').check()
  await page.getByRole('button', { name: 'Save draft' }).click()
  await expect(page.getByRole('status')).toHaveText('Saved as a draft. Submit it when it is ready.')
  expect(await recordsOf(fellow.id)).toHaveLength(3)

  // The supervisor's queue flags both submitted ones; the review page names the other, and the history the confirmation.
  await signInAs(page, supervisor)
  await page.goto('/review')
  const rows = page.getByRole('row').filter({ hasText: fellow.name })
  await expect(rows).toHaveCount(2)
  for (const row of await rows.all()) await expect(row).toContainText('possible duplicate')
  await rows
    .last()
    .getByRole('link', { name: /^Review / })
    .click()
  const first = (await recordsOf(fellow.id))[0]!
  await expect(page.getByRole('note').filter({ hasText: 'Possible duplicate' })).toContainText(`record ${first.id} (submitted)`)
  await expect(page.getByRole('region', { name: 'History' })).toContainText(`The fellow confirmed this is a different session from record ${first.id}.`)
})

test('a fellow cannot open another fellow’s record, and an unassigned supervisor gets the 403 page', async ({ page, browser }) => {
  const { fellow } = await fellowWithSupervisor()
  const date = daysAgo(2)
  const created = new Date().toISOString()
  const { id } = await db
    .insertInto('records')
    .values({
      fellow_id: fellow.id,
      kind: 'practicum',
      status: 'submitted',
      version: 2,
      occurred_on: date,
      minutes: 60,
      setting: 'virtual',
      phase: 'integration',
      client_code: 'C-0404',
      submitted_at: created,
      created_at: created,
      updated_at: created,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  const other = await createPerson(['trainee', 'fellow'])
  await signInAs(page, other)
  const notFound = await page.goto(`/hours/${id}`)
  expect(notFound?.status()).toBe(404)
  await expect(page.getByText('C-0404')).toHaveCount(0)

  const problems: string[] = []
  const outsider = await createPerson(['supervisor'])
  const side = await openAs(browser, problems, (p) => signInAs(p, outsider))
  const forbidden = await side.page.goto(`/review/${id}`)
  expect(forbidden?.status()).toBe(403)
  await expect(side.page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible()
  await expect(side.page.getByText('C-0404')).toHaveCount(0)
  await side.context.close()
  expect(problems).toEqual([])
})
