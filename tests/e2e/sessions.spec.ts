import type { Page } from '@playwright/test'
import type { Role } from '#db/schema.ts'
import { createPerson, db, expect, signInAs, test, unique } from './fixtures.ts'

// The idle limit end to end: the session row's last activity is set back in the database, and
// the next page load decides. Written against 30 minutes as a literal: raising the limit in
// the code must turn these red.
const MINUTE = 60_000

async function signedInIdleFor(page: Page, roles: Role[], idleMs: number) {
  const user = await createPerson(roles, `${roles.join(' ')} ${unique('idle')}`)
  await signInAs(page, user)
  const lastSeen = new Date(Date.now() - idleMs).toISOString()
  await db.updateTable('sessions').set({ last_seen_at: lastSeen }).where('user_id', '=', user.id).execute()
  return user
}

const sessionsOf = (userId: number) => db.selectFrom('sessions').select(['id', 'last_seen_at']).where('user_id', '=', userId).execute()

test('a supervisor idle for 31 minutes is sent to sign in on the next page load, and the session is gone', async ({ page }) => {
  const supervisor = await signedInIdleFor(page, ['supervisor'], 31 * MINUTE)
  await page.goto('/review')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Freview$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
  expect(await sessionsOf(supervisor.id)).toEqual([])
})

test('staff idle for 31 minutes are sent to sign in too', async ({ page }) => {
  await signedInIdleFor(page, ['staff'], 31 * MINUTE)
  await page.goto('/staff')
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fstaff$/)
  await expect(page.getByRole('heading', { level: 1, name: 'Sign in' })).toBeVisible()
})

test('a supervisor idle for 29 minutes is still signed in, and the activity is recorded', async ({ page }) => {
  const supervisor = await signedInIdleFor(page, ['supervisor'], 29 * MINUTE)
  const before = Date.now()
  await page.goto('/review')
  await expect(page.getByRole('heading', { level: 1, name: 'Review queue' })).toBeVisible()
  await expect(page).toHaveURL(/\/review$/)
  const [session] = await sessionsOf(supervisor.id)
  expect(new Date(session!.last_seen_at).getTime()).toBeGreaterThanOrEqual(before - 1000)
})

test('a fellow idle for 31 minutes is still signed in: the idle limit is for staff and supervisors', async ({ page }) => {
  const fellow = await signedInIdleFor(page, ['fellow'], 31 * MINUTE)
  await page.goto('/hours')
  await expect(page.getByRole('heading', { level: 1, name: 'Your hours' })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible()
  expect(await sessionsOf(fellow.id)).toHaveLength(1)
})
