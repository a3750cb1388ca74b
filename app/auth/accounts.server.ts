import type { Role } from '#db/schema.ts'
import { db, nowIso, writeTransaction } from '#app/db.server.ts'
import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import { appOrigin } from '#app/env.server.ts'
import { queueMail } from '#app/mail/mail.server.ts'
import { hashPassword, verifyAgainstDecoy, verifyPassword } from './password.server.ts'
import { createSession, invalidateUserSessions } from './session.server.ts'
import { Throttle } from './throttle.server.ts'
import { waitMessage } from './throttle.ts'
import { generateToken, hashToken } from './tokens.ts'

const HOUR = 3_600_000
export const INVITATION_LIFETIME_MS = 7 * 24 * HOUR
export const PASSWORD_RESET_LIFETIME_MS = HOUR

// Failed sign-ins, per account and per client IP.
const signInThrottle = new Throttle('sign-in', () => ({
  maxAttempts: Number(process.env.LOGIN_MAX_FAILURES ?? 5),
  baseDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
  windowMs: HOUR,
}))

// Every reset request counts (each one mails a link), per address and per client IP.
const resetThrottle = new Throttle('password-reset', () => ({
  maxAttempts: Number(process.env.RESET_MAX_REQUESTS ?? 3),
  baseDelayMs: 5 * 60_000,
  maxDelayMs: HOUR,
  windowMs: HOUR,
}))

export type LoginResult =
  { ok: true; token: string; expiresAt: Date } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterMs: number }

/** The same answer for an unknown email, a wrong password and a deactivated account. */
export async function login({ email, password }: { email: string; password: string }, context: AuditContext): Promise<LoginResult> {
  const keys = throttleKeys(email, context)
  const retryAfterMs = await signInThrottle.retryAfter(keys)
  if (retryAfterMs > 0) return { ok: false, reason: 'throttled', retryAfterMs }

  const user = await db.selectFrom('users').select(['id', 'password_hash', 'active']).where('email', '=', email).executeTakeFirst()
  const passwordOk = user ? await verifyPassword(user.password_hash, password) : await verifyAgainstDecoy(password)
  if (!user || !passwordOk || !user.active) {
    await signInThrottle.recordAttempt(keys)
    return { ok: false, reason: 'invalid' }
  }
  await signInThrottle.reset(keys)
  const session = await writeTransaction(async (trx) => {
    const created = await createSession(user.id, context.userAgent, trx)
    await audit(context, { actorId: user.id, action: 'session.sign-in', subject: `user:${user.id}` }, trx)
    return created
  })
  return { ok: true, ...session }
}

function throttleKeys(email: string, context: AuditContext) {
  return [`email:${email}`, `ip:${context.ip ?? 'unknown'}`]
}

export function throttledMessage(retryAfterMs: number) {
  return waitMessage(retryAfterMs, 'failed sign-in attempts')
}

export async function emailTaken(email: string) {
  return !!(await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())
}

export async function createInvitation({ email, roles }: { email: string; roles: Role[] }, invitedBy: number, context: AuditContext) {
  const token = generateToken()
  const now = new Date()
  await writeTransaction(async (trx) => {
    const { id } = await trx
      .insertInto('invitations')
      .values({
        token_hash: hashToken(token),
        email,
        roles: roles.join(','),
        invited_by: invitedBy,
        expires_at: new Date(now.getTime() + INVITATION_LIFETIME_MS).toISOString(),
        created_at: now.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await queueMail(trx, {
      to: email,
      subject: 'You are invited to KAP Fellowship',
      body: [
        'Hello,',
        '',
        `You have been invited to KAP Fellowship as ${roles.join(', ')}.`,
        'Open this link to choose your name and password (it works once, for 7 days):',
        '',
        `${appOrigin()}/invite/${token}`,
        '',
        'If you did not expect this invitation, you can ignore this message.',
      ].join('\n'),
    })
    await audit(context, { actorId: invitedBy, action: 'invitation.create', subject: `invitation:${id}`, detail: { email, roles } }, trx)
  })
}

export async function findOpenInvitation(token: string) {
  const invitation = await db.selectFrom('invitations').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst()
  if (!invitation || invitation.used_at || invitation.expires_at <= nowIso()) return null
  return { ...invitation, roles: invitation.roles.split(',') as Role[] }
}

export type AcceptResult = { ok: true; userId: number } | { ok: false; reason: 'gone' | 'email-taken' }

/** Creates the account; the invitation is spent in the same transaction, so it works once. */
export async function acceptInvitation(token: string, { name, password }: { name: string; password: string }, context: AuditContext): Promise<AcceptResult> {
  const passwordHash = await hashPassword(password)
  return writeTransaction(async (trx): Promise<AcceptResult> => {
    const now = nowIso()
    const invitation = await trx
      .selectFrom('invitations')
      .selectAll()
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst()
    if (!invitation) return { ok: false, reason: 'gone' }
    const taken = await trx.selectFrom('users').select('id').where('email', '=', invitation.email).executeTakeFirst()
    if (taken) return { ok: false, reason: 'email-taken' }
    await trx.updateTable('invitations').set({ used_at: now }).where('id', '=', invitation.id).execute()
    const { id } = await trx
      .insertInto('users')
      .values({ email: invitation.email, name, password_hash: passwordHash, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow()
    const roles = invitation.roles.split(',') as Role[]
    await trx
      .insertInto('user_roles')
      .values(roles.map((role) => ({ user_id: id, role })))
      .execute()
    await audit(context, { actorId: id, action: 'invitation.accept', subject: `user:${id}`, detail: { invitation: invitation.id, roles } }, trx)
    return { ok: true, userId: id }
  })
}

export type ResetRequestResult = { ok: true } | { ok: false; retryAfterMs: number; message: string }

/**
 * Queues a reset link when the account exists; the caller answers the same either way.
 * Requests are throttled whether or not the account exists, so the limit reveals nothing.
 * A new link ends every older one of the account.
 */
export async function requestPasswordReset(email: string, context: AuditContext): Promise<ResetRequestResult> {
  const keys = throttleKeys(email, context)
  const retryAfterMs = await resetThrottle.retryAfter(keys)
  if (retryAfterMs > 0) return { ok: false, retryAfterMs, message: waitMessage(retryAfterMs, 'password reset requests') }
  await resetThrottle.recordAttempt(keys)
  const user = await db.selectFrom('users').select(['id', 'name']).where('email', '=', email).where('active', '=', 1).executeTakeFirst()
  if (!user) return { ok: true }
  const token = generateToken()
  const now = new Date()
  await writeTransaction(async (trx) => {
    await trx.updateTable('password_resets').set({ used_at: now.toISOString() }).where('user_id', '=', user.id).where('used_at', 'is', null).execute()
    await trx
      .insertInto('password_resets')
      .values({
        token_hash: hashToken(token),
        user_id: user.id,
        expires_at: new Date(now.getTime() + PASSWORD_RESET_LIFETIME_MS).toISOString(),
        created_at: now.toISOString(),
      })
      .execute()
    await queueMail(trx, {
      to: email,
      subject: 'Reset your KAP Fellowship password',
      body: [
        `Hello ${user.name},`,
        '',
        'Someone (hopefully you) asked to reset your password. This link works once, for one hour:',
        '',
        `${appOrigin()}/reset-password/${token}`,
        '',
        'If you did not ask for this, ignore this message: your password stays as it is. Any earlier reset link no longer works.',
      ].join('\n'),
    })
  })
  return { ok: true }
}

export async function findOpenReset(token: string) {
  const reset = await db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select(['password_resets.id', 'password_resets.user_id', 'users.email'])
    .where('password_resets.token_hash', '=', hashToken(token))
    .where('password_resets.used_at', 'is', null)
    .where('password_resets.expires_at', '>', nowIso())
    .where('users.active', '=', 1)
    .executeTakeFirst()
  return reset ?? null
}

/** Sets the password, ends every session of the account, and opens a new one. */
export async function resetPassword(token: string, password: string, context: AuditContext) {
  const passwordHash = await hashPassword(password)
  const userId = await writeTransaction(async (trx) => {
    const now = nowIso()
    const reset = await trx
      .selectFrom('password_resets')
      .select(['id', 'user_id'])
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst()
    if (!reset) return null
    await trx.updateTable('password_resets').set({ used_at: now }).where('id', '=', reset.id).execute()
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', reset.user_id).execute()
    await invalidateUserSessions(reset.user_id, { executor: trx })
    await audit(context, { actorId: reset.user_id, action: 'password.reset', subject: `user:${reset.user_id}` }, trx)
    return reset.user_id
  })
  if (userId === null) return null
  return createSession(userId, context.userAgent)
}

export type ChangePasswordResult = { ok: true; token: string; expiresAt: Date } | { ok: false }

/** A password change ends every other session and rotates this one's token. */
export async function changePassword(
  userId: number,
  { currentPassword, newPassword }: { currentPassword: string; newPassword: string },
  context: AuditContext,
): Promise<ChangePasswordResult> {
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirstOrThrow()
  if (!(await verifyPassword(user.password_hash, currentPassword))) return { ok: false }
  const passwordHash = await hashPassword(newPassword)
  await writeTransaction(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', userId).execute()
    await invalidateUserSessions(userId, { executor: trx })
    await audit(context, { actorId: userId, action: 'password.change', subject: `user:${userId}` }, trx)
  })
  const session = await createSession(userId, context.userAgent)
  return { ok: true, ...session }
}
