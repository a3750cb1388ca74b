import { createPerson, DEMO_PASSWORD, expect, signInAs, signInWithForm, test, unique } from './fixtures.ts'

test('staff invites a fellow, who sets a password from the outbox link, signs in and out', async ({ page, browser }) => {
  const staff = await createPerson(['staff'], 'Invite Staff')
  await signInWithForm(page, staff.email)

  const email = `${unique('invited')}@e2e.test`
  await page.getByRole('link', { name: 'Staff' }).click()
  await page.getByRole('link', { name: /Invitations/ }).click()
  await page.getByLabel('Email').fill(email)
  await page.getByLabel(/^Fellow/).check()
  await page.getByLabel(/^Trainee/).check()
  await page.getByRole('button', { name: 'Send invitation' }).click()
  await expect(page.getByRole('status')).toContainText(`Invitation sent to ${email}`)

  await page.goto(`/staff/outbox?to=${encodeURIComponent(email)}`)
  const mail = page.getByRole('article', { name: 'You are invited to KAP Fellowship' })
  const link = await mail.getByRole('link', { name: /\/invite\// }).getAttribute('href')
  expect(link).toBeTruthy()

  const context = await browser.newContext()
  const invitee = await context.newPage()
  await invitee.goto(link!)
  await expect(invitee.getByRole('heading', { name: 'Set up your account' })).toBeVisible()
  await invitee.getByLabel('Your full name').fill('Nia Invited')
  await invitee.getByLabel('Password', { exact: true }).fill('short')
  await invitee.getByLabel('Repeat the password').fill('short')
  await invitee.getByRole('button', { name: 'Create my account' }).click()
  await expect(invitee.getByText('Use at least 12 characters.')).toBeVisible()
  await invitee.getByLabel('Password', { exact: true }).fill('a strong new password')
  await invitee.getByLabel('Repeat the password').fill('a strong new password')
  await invitee.getByRole('button', { name: 'Create my account' }).click()
  await expect(invitee.getByRole('heading', { name: /Welcome, Nia Invited/ })).toBeVisible()
  await invitee.getByRole('button', { name: 'Sign out' }).click()
  await expect(invitee.getByRole('heading', { name: 'Sign in' })).toBeVisible()

  // Signs in again with the new password and sees the fellow dashboard.
  await signInWithForm(invitee, email, 'a strong new password')
  await expect(invitee.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Hours' })).toBeVisible()
  await invitee.getByRole('button', { name: 'Sign out' }).click()
  await expect(invitee).toHaveURL(/\/login/)
  await invitee.goto('/')
  await expect(invitee).toHaveURL(/\/login\?redirectTo=%2F/)

  // The link is spent.
  await invitee.goto(link!)
  await expect(invitee.getByRole('heading', { name: 'This invitation link no longer works' })).toBeVisible()
  await context.close()
})

test('a wrong password keeps the email and says so beside the field', async ({ page }) => {
  const fellow = await createPerson(['fellow'])
  await page.goto('/login')
  await page.getByLabel('Email').fill(fellow.email)
  await page.getByLabel('Password').fill('not the password')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('The email or password is incorrect.')).toBeVisible()
  await expect(page.getByLabel('Email')).toHaveValue(fellow.email)
  await expect(page.getByLabel('Password')).toHaveValue('not the password') // still in the browser; never sent back
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
})

test('a malformed email is caught in the browser before anything is sent', async ({ page }) => {
  await page.goto('/login')
  await page.getByLabel('Email').fill('not-an-email')
  await page.getByLabel('Password').fill('whatever')
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByText('Enter a valid email address, like name@example.com.')).toBeVisible()
})

test('a fellow opening /staff gets the 403 page', async ({ page }) => {
  const fellow = await createPerson(['fellow', 'trainee'])
  await signInAs(page, fellow)
  const response = await page.goto('/staff')
  expect(response?.status()).toBe(403)
  await expect(page.getByRole('heading', { name: 'You do not have access to this page' })).toBeVisible()
})

test('an unknown page gets the 404 page', async ({ page }) => {
  const response = await page.goto('/no-such-page')
  expect(response?.status()).toBe(404)
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible()
})

test('a POST without a matching Origin is refused', async ({ request }) => {
  const foreign = await request.post('/login', {
    form: { email: 'staff@kap.test', password: DEMO_PASSWORD },
    headers: { Origin: 'https://evil.example' },
    maxRedirects: 0,
  })
  expect(foreign.status()).toBe(403)
  const missing = await request.post('/logout', { maxRedirects: 0 })
  expect(missing.status()).toBe(403)
})

test('the CSP carries a fresh nonce on every page', async ({ request }) => {
  const a = (await request.get('/login')).headers()['content-security-policy']
  const b = (await request.get('/login')).headers()['content-security-policy']
  expect(a).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
  expect(a).not.toBe(b)
  expect(a).not.toContain('unsafe-inline')
})
