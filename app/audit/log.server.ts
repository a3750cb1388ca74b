import { dayAfter } from '#app/utils/dates.ts'
import { db } from '#app/db.server.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'

// Reading the audit trail. The log is append-only (the database refuses UPDATE
// and DELETE), so this module only ever selects. Pages are keyset-paginated by
// id, newest first: `before` is the smallest id already shown. Every query is
// bounded by LIMIT and served by an index — audit_log_actor (actor_id, id),
// audit_log_action (action, id), audit_log_at (at, id) or the rowid itself.

export type AuditLogFilters = {
  /** the actor's user id, or `none` for entries without a signed-in person */
  actor?: number | 'none'
  /** part of the actor's name or email */
  q?: string
  /** an exact action, e.g. `record.approve` */
  action?: string
  /** first day (YYYY-MM-DD, UTC), inclusive */
  from?: string
  /** last day (YYYY-MM-DD, UTC), inclusive */
  to?: string
}

/** At most this many people match a name/email search; the search is meant to narrow, not to list. */
export const PERSON_MATCH_LIMIT = 50
const OPTION_LIMIT = 500

/** `%`, `_` and `\` typed by a person are matched literally. */
function likePattern(text: string) {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/** Ids of the people whose name or email contains `q` (case-insensitive). */
export async function peopleMatching(q: string) {
  const pattern = likePattern(q)
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['name']), 'like', eb.val(pattern)).$castTo<boolean>(),
        eb(eb.fn('lower', ['email']), 'like', eb.val(pattern)).$castTo<boolean>(),
      ]),
    )
    .orderBy('id')
    .limit(PERSON_MATCH_LIMIT)
    .execute()
  return rows.map((r) => r.id)
}

/** The page query, not yet run (tests read its plan). */
export function auditLogQuery(filters: AuditLogFilters, before: number | null) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users', 'users.id', 'audit_log.actor_id')
    .select([
      'audit_log.id',
      'audit_log.at',
      'audit_log.actor_id',
      'audit_log.action',
      'audit_log.subject',
      'audit_log.detail',
      'audit_log.ip',
      'users.name as actor_name',
      'users.email as actor_email',
    ])
  if (filters.actor === 'none') query = query.where('audit_log.actor_id', 'is', null)
  else if (filters.actor !== undefined) query = query.where('audit_log.actor_id', '=', filters.actor)
  if (filters.action) query = query.where('audit_log.action', '=', filters.action)
  if (filters.from) query = query.where('audit_log.at', '>=', filters.from)
  if (filters.to) query = query.where('audit_log.at', '<', dayAfter(filters.to))
  if (before !== null) query = query.where('audit_log.id', '<', before)
  return query.orderBy('audit_log.id', 'desc').limit(PAGE_SIZE + 1)
}

export type AuditLogEntry = Awaited<ReturnType<ReturnType<typeof auditLogQuery>['execute']>>[number]

/**
 * One page of entries, newest first, and the `before` cursor of the next (older)
 * page. A name/email search resolves to at most PERSON_MATCH_LIMIT people; each
 * one's newest entries come from audit_log_actor with the same LIMIT, and the
 * page is the newest of those — bounded work however long the log grows.
 */
export async function auditLogPage(filters: AuditLogFilters, before: number | null) {
  let rows: AuditLogEntry[]
  if (filters.q) {
    const matching = await peopleMatching(filters.q)
    const actorIds = filters.actor === undefined ? matching : matching.filter((id) => id === filters.actor)
    const perActor = await Promise.all(actorIds.map((actor) => auditLogQuery({ ...filters, actor }, before).execute()))
    rows = perActor
      .flat()
      .sort((a, b) => b.id - a.id)
      .slice(0, PAGE_SIZE + 1)
  } else {
    rows = await auditLogQuery(filters, before).execute()
  }
  const entries = rows.slice(0, PAGE_SIZE)
  const olderBefore = rows.length > PAGE_SIZE ? entries[entries.length - 1]!.id : null
  return { entries, olderBefore }
}

/** The people who appear in the log as actors, by name (one index probe each). */
export async function auditActors() {
  return db
    .selectFrom('users')
    .select(['users.id', 'users.name', 'users.email'])
    .where(({ exists, selectFrom }) => exists(selectFrom('audit_log').select('audit_log.id').whereRef('audit_log.actor_id', '=', 'users.id')))
    .orderBy('users.name')
    .orderBy('users.id')
    .limit(OPTION_LIMIT)
    .execute()
}

/**
 * The distinct actions present, in order. A loose index scan over
 * audit_log_action: each step asks the index for the next action after the
 * previous one, so the cost follows the number of actions, not of entries.
 */
export async function auditActions() {
  const rows = await db
    .withRecursive('actions(action)', (qb) =>
      qb
        .selectFrom('audit_log')
        .select((eb) => eb.fn.min<string | null>('audit_log.action').as('action'))
        .unionAll(
          qb
            .selectFrom('actions')
            .select((eb) =>
              eb
                .selectFrom('audit_log')
                .select((inner) => inner.fn.min<string | null>('audit_log.action').as('next'))
                .whereRef('audit_log.action', '>', 'actions.action')
                .as('action'),
            )
            .where('actions.action', 'is not', null),
        ),
    )
    .selectFrom('actions')
    .select('actions.action')
    .where('actions.action', 'is not', null)
    .limit(OPTION_LIMIT)
    .execute()
  return rows.map((r) => r.action).filter((a): a is string => typeof a === 'string')
}

const DETAIL_VALUE_MAX = 80
const DETAIL_MAX = 240

/**
 * The JSON detail as one short line (`key: value · key: value`) and, when that
 * line had to be shortened, the whole JSON pretty-printed.
 */
export function summarizeDetail(detail: string | null): { text: string; full: string | null } | null {
  if (!detail) return null
  let shortened = false
  const clip = (text: string, max: number) => {
    if (text.length <= max) return text
    shortened = true
    return `${text.slice(0, max - 1)}…`
  }
  let parsed: unknown
  try {
    parsed = JSON.parse(detail)
  } catch {
    const text = clip(detail, DETAIL_MAX)
    return { text, full: shortened ? detail : null }
  }
  const valueText = (value: unknown) => clip(typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value)), DETAIL_VALUE_MAX)
  const line =
    parsed && typeof parsed === 'object' && !Array.isArray(parsed)
      ? Object.entries(parsed)
          .map(([key, value]) => `${key}: ${valueText(value)}`)
          .join(' · ')
      : valueText(parsed)
  const text = clip(line, DETAIL_MAX)
  return { text, full: shortened ? JSON.stringify(parsed, null, 2) : null }
}
