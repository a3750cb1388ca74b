import type { RecordKind, RecordStatus } from '#db/schema.ts'
import { formatDate } from '#app/utils/format.ts'
import { intervalOf } from './clock.ts'
import { KIND_LABELS, STATUS_LABELS } from './labels.ts'

// When two of a fellow's records may describe the same session. One rule, used
// where a fellow saves a record (who is asked to confirm) and where a supervisor
// reviews one (who sees the flag), so the two never disagree.

/** What the rule compares. Start and end ("HH:MM") only where a kind of record has them. */
export type SessionFacts = {
  kind: RecordKind
  occurredOn: string
  /** Whom the session was with: the participant's or client's code, the supervisor's name; null for the fellow's own session. */
  subject: string | null
  startsAt?: string | null
  endsAt?: string | null
}

type RecordColumns = {
  kind: RecordKind
  occurred_on: string
  participant_code: string | null
  client_code: string | null
  supervisor_name: string | null
  started_at?: string | null
  ended_at?: string | null
}

/** A stored record's facts. */
export function sessionFactsOf(record: RecordColumns): SessionFacts {
  return {
    kind: record.kind,
    occurredOn: record.occurred_on,
    subject: record.participant_code ?? record.client_code ?? record.supervisor_name,
    startsAt: record.started_at ?? null,
    endsAt: record.ended_at ?? null,
  }
}

const sameSubject = (a: string | null, b: string | null) =>
  (a ?? '').trim().replace(/\s+/g, ' ').toLowerCase() === (b ?? '').trim().replace(/\s+/g, ' ').toLowerCase()

/**
 * Same kind, same day, with the same person, at overlapping times. A record without clock
 * times (every kind but sitter sessions, and older sitter records) may have been at any
 * time that day, so the same day counts as overlapping; when both records carry a start
 * and an end, the times must overlap as well (a session past midnight runs on).
 */
export function isPossibleDuplicate(a: SessionFacts, b: SessionFacts) {
  if (a.kind !== b.kind || a.occurredOn !== b.occurredOn || !sameSubject(a.subject, b.subject)) return false
  if (a.startsAt && a.endsAt && b.startsAt && b.endsAt) {
    const [aFrom, aTo] = intervalOf(a.startsAt, a.endsAt)
    const [bFrom, bTo] = intervalOf(b.startsAt, b.endsAt)
    return aFrom < bTo && bFrom < aTo
  }
  return true
}

export const DIFFERENT_SESSION_LABEL = 'Yes, this is a different session'

/** Whom two records of a kind share when the rule counts them as one session. */
export const WITH_WHOM: Record<RecordKind, string> = {
  experiential: '',
  sitter: ' with the same participant',
  practicum: ' with the same client',
  supervision: ' with the same supervisor',
}

/** What a supervisor reads beside the box when fellows marked present already have a supervision record with them that day (`names` not empty). */
export function groupDuplicateMessage(names: string[], occurredOn: string) {
  const who = names.length === 1 ? `${names[0]} already has` : `${names.slice(0, -1).join(', ')} and ${names.at(-1)} already have`
  return (
    `This may be a duplicate: ${who} a supervision record with you on ${formatDate(occurredOn)}. ` +
    `If this meeting is another session, tick “${DIFFERENT_SESSION_LABEL}” and record it again; if it is the same, untick them.`
  )
}

/** What a fellow reads beside the box when a record may duplicate others of theirs (`matches` not empty). */
export function possibleDuplicateMessage(matches: { kind: RecordKind; occurred_on: string; status: RecordStatus }[]) {
  const [first] = matches
  const noun = KIND_LABELS[first!.kind].toLowerCase()
  const what = matches.length === 1 ? `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun} record` : `${matches.length} ${noun} records`
  const statuses = matches.map((m) => STATUS_LABELS[m.status].toLowerCase()).join(', ')
  return (
    `This may be a duplicate: you already have ${what} on ${formatDate(first!.occurred_on)}${WITH_WHOM[first!.kind]} (${statuses}). ` +
    `If this is another session, tick “${DIFFERENT_SESSION_LABEL}” and save again.`
  )
}
