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
