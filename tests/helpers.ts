import type { Role } from '#db/schema.ts'
import type { AuditContext } from '#app/audit/audit.server.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { createSession, sessionCookieHeader } from '#app/auth/session.server.ts'
import { db } from '#app/db.server.ts'

export const TEST_PASSWORD = 'correct horse battery staple'
let passwordHash: Promise<string> | undefined
let counter = 0

export function uniqueEmail(prefix = 'person') {
  counter += 1
  return `${prefix}-${process.pid}-${Date.now()}-${counter}@example.test`
}

export type TestUser = { id: number; email: string; name: string; roles: Role[] }

/** A real user row with the test password (hashed once per file: argon2 is slow on purpose). */
export async function createUser(roles: Role[], fields: { name?: string; email?: string; active?: boolean } = {}): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD)
  const email = fields.email ?? uniqueEmail(roles[0] ?? 'person')
  const name = fields.name ?? `Test ${roles.join('/') || 'person'} ${++counter}`
  const { id } = await db
    .insertInto('users')
    .values({ email, name, password_hash: await passwordHash, created_at: new Date().toISOString(), active: fields.active === false ? 0 : 1 })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (roles.length)
    await db
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: id, role })))
      .execute()
  return { id, email, name, roles }
}

/** A cohort created by `staff` with these members, under a name (`prefix` and a number) no other test uses. */
export async function createCohort(staff: { id: number }, memberIds: number[], prefix = 'Cohort') {
  const now = new Date().toISOString()
  counter += 1
  const { id } = await db
    .insertInto('cohorts')
    .values({ name: `${prefix} ${process.pid}-${Date.now()}-${counter}`, starts_on: '2026-01-01', created_by: staff.id, created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow()
  if (memberIds.length)
    await db
      .insertInto('cohort_members')
      .values(memberIds.map((userId) => ({ cohort_id: id, user_id: userId, added_at: now })))
      .execute()
  return id
}

const ORIGIN = 'http://localhost:3000'

/** What a server function called straight from a test is audited with: no client address, as for a request the server never stamped. */
export const NO_CLIENT: AuditContext = { ip: null, userAgent: null }

/** A `Cookie` header for a fresh real session of `user`. */
export async function signInCookie(user: { id: number }) {
  const { token, expiresAt } = await createSession(user.id, 'vitest')
  return (await sessionCookieHeader(token, expiresAt)).split(';')[0]!
}

/** A GET or form POST as the browser would send it, signed in as `user` when given. */
export async function request(
  path: string,
  { user, form, method, headers }: { user?: TestUser; form?: Record<string, string | string[]>; method?: string; headers?: Record<string, string> } = {},
) {
  const h = new Headers(headers)
  if (user) {
    h.set('Cookie', await signInCookie(user))
  }
  let body: FormData | undefined
  if (form) {
    body = new FormData()
    for (const [key, value] of Object.entries(form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v)
    }
    h.set('Origin', ORIGIN)
  }
  return new Request(`${ORIGIN}${path}`, { method: method ?? (form ? 'POST' : 'GET'), headers: h, body })
}

// `data` is whatever the route answered; tests read into it directly and let the assertion be the check.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Outcome = { status: number; data: any; headers: Headers; location: string | null }

/**
 * Runs a loader or action and normalises what Remix would send: a returned or
 * thrown Response, a `data()` result, or a plain object.
 */
export async function run(
  fn: (args: { request: Request; params: Record<string, string>; context: Record<string, unknown> }) => unknown,
  req: Request,
  params: Record<string, string> = {},
): Promise<Outcome> {
  let result: unknown
  try {
    result = await fn({ request: req, params, context: {} })
  } catch (thrown) {
    result = thrown
  }
  if (result instanceof Response) {
    const text = await result.text()
    let data: unknown = text
    try {
      data = JSON.parse(text)
    } catch {
      // Not JSON: the text as it came.
    }
    return { status: result.status, data, headers: result.headers, location: result.headers.get('Location') }
  }
  if (result && typeof result === 'object' && (result as { type?: string }).type === 'DataWithResponseInit') {
    const { data, init } = result as { data: unknown; init?: ResponseInit | null }
    const headers = new Headers(init?.headers)
    return { status: init?.status ?? 200, data, headers, location: headers.get('Location') }
  }
  if (result instanceof Error) throw result
  return { status: 200, data: result, headers: new Headers(), location: null }
}

/** The session cookie value a response sets, to continue as that person. */
export function cookieFrom(outcome: Outcome) {
  const setCookie = outcome.headers.get('Set-Cookie') ?? ''
  const match = /kap_session=([^;]*)/.exec(setCookie)
  return match ? `kap_session=${match[1]}` : null
}

export async function count(table: 'users' | 'sessions' | 'invitations' | 'password_resets' | 'outbox' | 'audit_log' | 'records') {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}
