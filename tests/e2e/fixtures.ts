import { test as base, expect, type Page } from '@playwright/test'
import { openEngine } from '#db/connection.ts'
import type { Role } from '#db/schema.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { createSessionCookie } from '../../scripts/session-cookie.ts'

export { expect }

export const DEMO_PASSWORD = 'kap-demo-password'

// The e2e server's database: the tests arrange data in it directly and read it back.
export const { db } = openEngine(process.env.E2E_DATABASE_URL || process.env.E2E_DATABASE_PATH!)

let counter = 0
/**
 * A marker unique to this call, in letters only: free text refuses a run of seven digits as a
 * phone number, and on a machine with seven-digit process ids a marker holding the pid was one.
 */
export function unique(prefix: string) {
  counter += 1
  return `${prefix}-${inLetters(process.pid)}-${inLetters(Date.now())}-${inLetters(counter)}`
}

/** `n` written in base 26 with the letters a–z as digits. */
function inLetters(n: number) {
  let text = ''
  do {
    text = String.fromCharCode(97 + (n % 26)) + text
    n = Math.floor(n / 26)
  } while (n > 0)
  return text
}

let passwordHash: Promise<string> | undefined
export type E2EUser = { id: number; email: string; name: string; password: string }

export async function createPerson(roles: Role[], name = `${roles[0] ?? 'Person'} ${unique('n')}`): Promise<E2EUser> {
  passwordHash ??= hashPassword(DEMO_PASSWORD)
  const email = `${unique(roles[0] ?? 'person')}@e2e.test`
  const { id } = await db
    .insertInto('users')
    .values({ email, name, password_hash: await passwordHash, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('user_roles')
    .values(roles.map((role) => ({ user_id: id, role })))
    .execute()
  return { id, email, name, password: DEMO_PASSWORD }
}

/** Signs in through a real session row and cookie, as the app's session module makes them. */
export async function signInAs(page: Page, user: { id: number }) {
  const cookie = await createSessionCookie(db, user.id, 'playwright')
  const baseURL = test.info().project.use.baseURL!
  await page.context().addCookies([{ ...cookie, url: baseURL, httpOnly: true, sameSite: 'Lax' }])
}

/** Signs in with the real login form. */
export async function signInWithForm(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/login')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
}

// Every page runs under the real CSP: a violation or an uncaught error fails the test.
export const test = base.extend<{ page: Page }>({
  page: async ({ page }, use) => {
    const problems: string[] = []
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) {
        problems.push(`CSP: ${message.text()}`)
      }
    })
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`))
    await use(page)
    expect(problems, 'no CSP violations or page errors').toEqual([])
  },
})

/**
 * Waits until React has hydrated the submit button whose text is `label` (trimmed, exactly) or
 * matches it, so a click goes through the browser's checks and router rather than a plain post.
 */
export async function waitForHydration(page: Page, label: string | RegExp) {
  const wanted = typeof label === 'string' ? { exact: label } : { source: label.source, flags: label.flags }
  await page.waitForFunction((w: { exact: string } | { source: string; flags: string }) => {
    const matches = (text: string) => ('exact' in w ? text === w.exact : new RegExp(w.source, w.flags).test(text))
    const button = [...document.querySelectorAll('button[type="submit"]')].find((b) => matches(b.textContent?.trim() ?? ''))
    return !!button && Object.keys(button).some((key) => key.startsWith('__reactProps'))
  }, wanted)
}
