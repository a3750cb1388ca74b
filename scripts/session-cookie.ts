import type { Database } from '#db/connection.ts'
import { newSession } from '#app/auth/session-rules.ts'

/**
 * A real session row for `userId` and the cookie value the app would set for it
 * (the app's cookie encodes the token as base64 JSON). For tests and benchmarks
 * that need a signed-in client without going through the form.
 */
export async function createSessionCookie(db: Database, userId: number, userAgent = 'script') {
  const { token, row } = newSession(userId, userAgent)
  await db.insertInto('sessions').values(row).execute()
  return { name: 'kap_session', value: encodeURIComponent(btoa(JSON.stringify(token))) }
}

/** A `Cookie` header signing in the person with this email: a new session of theirs, as createSessionCookie makes it. */
export async function cookieHeaderFor(db: Database, email: string, userAgent = 'script') {
  const user = await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()
  const cookie = await createSessionCookie(db, user.id, userAgent)
  return `${cookie.name}=${cookie.value}`
}
