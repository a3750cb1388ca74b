import { createCookie } from '@remix-run/node'
import type { Role } from '#db/schema.ts'
import { db, type Database } from '#app/db.server.ts'
import { secureCookies } from '#app/env.server.ts'
import { judgeSession, newSession } from './session-rules.ts'
import { hashToken } from './tokens.ts'

export type SessionUser = {
  id: number
  email: string
  name: string
  roles: Role[]
  /** their chosen IANA zone, or null (the institute's zone applies) */
  timeZone?: string | null
}

export type ValidSession = {
  sessionId: string
  expiresAt: Date
  /** true when the expiry moved and the cookie must be sent again */
  renewed: boolean
  user: SessionUser
}

const sessionCookie = createCookie('kap_session', {
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  secure: secureCookies(),
})

export async function readSessionToken(request: Request): Promise<string | null> {
  const value = await sessionCookie.parse(request.headers.get('Cookie'))
  return typeof value === 'string' && value.length > 0 ? value : null
}

export function sessionCookieHeader(token: string, expiresAt: Date) {
  return sessionCookie.serialize(token, { expires: expiresAt })
}

export function clearSessionCookieHeader() {
  return sessionCookie.serialize('', { maxAge: 0 })
}

export async function rolesOf(userId: number, executor: Database = db): Promise<Role[]> {
  const rows = await executor
    .selectFrom('user_roles')
    .innerJoin('roles', 'roles.name', 'user_roles.role')
    .select('user_roles.role')
    .where('user_roles.user_id', '=', userId)
    .orderBy('roles.position')
    .execute()
  return rows.map((r) => r.role)
}

/** A fresh token for `userId`; only its hash is stored. */
export async function createSession(userId: number, userAgent: string | null, executor: Database = db): Promise<{ token: string; expiresAt: Date }> {
  const { token, expiresAt, row } = newSession(userId, userAgent)
  await executor.insertInto('sessions').values(row).execute()
  return { token, expiresAt }
}

export async function validateSessionToken(token: string, now = new Date()): Promise<ValidSession | null> {
  const sessionId = hashToken(token)
  // Every request asks this, so the session, its user and the user's roles come in one query:
  // a row per role, in the roles' order (one row with no role for a person who holds none).
  const rows = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .leftJoin('user_roles', 'user_roles.user_id', 'users.id')
    .leftJoin('roles', 'roles.name', 'user_roles.role')
    .select([
      'sessions.id',
      'sessions.expires_at',
      'sessions.last_seen_at',
      'users.id as user_id',
      'users.email',
      'users.name',
      'users.active',
      'users.time_zone',
      'user_roles.role',
    ])
    .where('sessions.id', '=', sessionId)
    .orderBy('roles.position')
    .execute()
  const row = rows[0]
  if (!row) return null
  if (!row.active) {
    await invalidateSession(sessionId)
    return null
  }
  const roles = rows.flatMap((r) => (r.role ? [r.role] : []))
  const verdict = judgeSession({ expiresAt: new Date(row.expires_at), lastSeenAt: new Date(row.last_seen_at) }, roles, now)
  if (!verdict.valid) {
    await invalidateSession(sessionId)
    return null
  }
  const expiresAt = verdict.renewTo ?? new Date(row.expires_at)
  if (verdict.touch) {
    await db.updateTable('sessions').set({ last_seen_at: now.toISOString(), expires_at: expiresAt.toISOString() }).where('id', '=', sessionId).execute()
  }
  return {
    sessionId,
    expiresAt,
    renewed: verdict.renewTo !== undefined,
    user: { id: row.user_id, email: row.email, name: row.name, roles, timeZone: row.time_zone },
  }
}

export async function invalidateSession(sessionId: string) {
  await db.deleteFrom('sessions').where('id', '=', sessionId).execute()
}

/** Ends every session of a user, or every one but `keepSessionId`. */
export async function invalidateUserSessions(userId: number, { keepSessionId, executor = db }: { keepSessionId?: string; executor?: Database } = {}) {
  let query = executor.deleteFrom('sessions').where('user_id', '=', userId)
  if (keepSessionId) query = query.where('id', '!=', keepSessionId)
  await query.execute()
}

export async function listSessions(userId: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'created_at', 'last_seen_at', 'expires_at', 'user_agent'])
    .where('user_id', '=', userId)
    .where('expires_at', '>', new Date().toISOString())
    .orderBy('last_seen_at', 'desc')
    .execute()
}
