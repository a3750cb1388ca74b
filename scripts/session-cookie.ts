import type { Database } from '#db/connection.ts'
import { SESSION_LIFETIME_MS } from '#app/auth/session-rules.ts'
import { generateToken, hashToken } from '#app/auth/tokens.ts'

/**
 * A real session row for `userId` and the cookie value the app would set for it
 * (the app's cookie encodes the token as base64 JSON). For tests and benchmarks
 * that need a signed-in client without going through the form.
 */
export async function createSessionCookie(db: Database, userId: number, userAgent = 'script') {
  const token = generateToken()
  const now = new Date()
  await db
    .insertInto('sessions')
    .values({
      id: hashToken(token),
      user_id: userId,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + SESSION_LIFETIME_MS).toISOString(),
      user_agent: userAgent,
    })
    .execute()
  return { name: 'kap_session', value: encodeURIComponent(btoa(JSON.stringify(token))) }
}
