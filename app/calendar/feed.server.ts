import type { AuditContext } from '#app/audit/audit.server.ts'
import { audit } from '#app/audit/audit.server.ts'
import { generateToken, hashToken } from '#app/auth/tokens.ts'
import { rolesOf } from '#app/auth/session.server.ts'
import { db, nowIso, writeTransaction } from '#app/db.server.ts'
import { appHost, appOrigin } from '#app/env.server.ts'
import { calendarText, type CalendarEvent } from './ical.ts'
import { feedSummary } from './labels.ts'
import { visibleItems } from './calendar.server.ts'

// Each person's calendar as an iCalendar feed at a secret URL. The token is 160 random bits;
// only its SHA-256 is stored (as session tokens are), so it is shown once, when made. Making a
// new one replaces the old, whose URL then finds nothing. The feed says what and when: never
// a participant code, a meeting's topic or a client.

/** How far back a feed reaches, and how many events it holds at most. */
export const FEED_PAST_DAYS = 60
export const FEED_MAX_EVENTS = 500

export function feedUrl(token: string) {
  return `${appOrigin()}/calendar/feed/${token}.ics`
}

/** When the person's current feed link was made, or null when they have none. */
export async function feedCreatedAt(userId: number) {
  const row = await db.selectFrom('calendar_feeds').select('created_at').where('user_id', '=', userId).executeTakeFirst()
  return row?.created_at ?? null
}

/** A new secret link for `userId`'s feed; any earlier link stops working at once. */
export async function resetFeed(userId: number, context: AuditContext) {
  const token = generateToken()
  await writeTransaction(async (trx) => {
    const now = nowIso()
    const replaced = await trx.selectFrom('calendar_feeds').select('user_id').where('user_id', '=', userId).executeTakeFirst()
    await trx
      .insertInto('calendar_feeds')
      .values({ user_id: userId, token_hash: hashToken(token), created_at: now })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ token_hash: hashToken(token), created_at: now }))
      .execute()
    await audit(context, { actorId: userId, action: replaced ? 'calendar.feed.reset' : 'calendar.feed.create', subject: `user:${userId}` }, trx)
  })
  return token
}

/** The feed's text for a token, or null when no active person holds it. */
export async function feedText(token: string, now = new Date()) {
  if (!/^[a-z2-7]{16,64}$/.test(token)) return null
  const owner = await db
    .selectFrom('calendar_feeds')
    .innerJoin('users', 'users.id', 'calendar_feeds.user_id')
    .select(['users.id'])
    .where('calendar_feeds.token_hash', '=', hashToken(token))
    .where('users.active', '=', 1)
    .executeTakeFirst()
  if (!owner) return null
  const user = { id: owner.id, roles: await rolesOf(owner.id) }
  const rows = await visibleItems(user)
    .select(['p.id', 'p.kind', 'p.owner_id', 'p.co_sitter_id', 'p.starts_at', 'p.ends_at', 'p.updated_at', 'p.version', 'owner.name as owner_name'])
    .where('p.starts_at', '>=', new Date(now.getTime() - FEED_PAST_DAYS * 86_400_000).toISOString())
    .orderBy('p.starts_at')
    .orderBy('p.id')
    .limit(FEED_MAX_EVENTS)
    .execute()
  const host = appHost()
  const events: CalendarEvent[] = rows.map((r) => ({
    uid: `planned-${r.id}@${host}`,
    start: r.starts_at,
    end: r.ends_at,
    stamp: r.updated_at,
    // Someone else's session (a supervised fellow's, or one they sit with you): whose it is.
    summary: feedSummary(r.kind, r.kind !== 'meeting' && r.owner_id !== owner.id ? r.owner_name : null),
    sequence: r.version - 1,
  }))
  return calendarText({ productId: '-//KAP Fellowship//Calendar//EN', name: 'KAP Fellowship', events })
}
