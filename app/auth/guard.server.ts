import { data, redirect } from '@remix-run/node'
import type { Role } from '#db/schema.ts'
import { audit, auditContext } from '#app/audit/audit.server.ts'
import { can, type Permission } from './permissions.ts'
import { readSessionToken, validateSessionToken, type SessionUser, type ValidSession } from './session.server.ts'

// Root and route loaders of one request share one lookup.
const perRequest = new WeakMap<Request, Promise<ValidSession | null>>()

export function getSession(request: Request): Promise<ValidSession | null> {
  let pending = perRequest.get(request)
  if (!pending) {
    pending = readSessionToken(request).then((token) => (token ? validateSessionToken(token) : null))
    perRequest.set(request, pending)
  }
  return pending
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  return (await getSession(request))?.user ?? null
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request)
  if (!user) {
    const url = new URL(request.url)
    const redirectTo = url.pathname + url.search
    throw redirect(`/login?${new URLSearchParams({ redirectTo })}`)
  }
  return user
}

export async function requireAnonymous(request: Request) {
  if (await getOptionalUser(request)) throw redirect('/')
}

/** Signed in and holding one of `roles`; otherwise the 403 page, and the attempt is logged. */
export async function requireRole(request: Request, roles: Role | readonly Role[]): Promise<SessionUser> {
  const user = await requireUser(request)
  const wanted: readonly Role[] = typeof roles === 'string' ? [roles] : roles
  if (!user.roles.some((role) => wanted.includes(role))) {
    throw await forbidden(request, user, `requires role ${wanted.join(' or ')}`)
  }
  return user
}

export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request)
  if (!can(user, permission)) throw await forbidden(request, user, `requires ${permission}`)
  return user
}

/** Logs the refusal (who, what) and returns the 403 response to throw. */
export async function forbidden(request: Request, user: SessionUser, reason: string, subject?: string) {
  const url = new URL(request.url)
  await audit(auditContext(request), {
    actorId: user.id,
    action: 'access.denied',
    subject: subject ?? `route:${url.pathname}`,
    detail: { method: request.method, path: url.pathname, reason },
  })
  return data({ message: 'You do not have access to this page.' }, { status: 403 })
}

export function notFound(message = 'We could not find that page.') {
  return data({ message }, { status: 404 })
}
