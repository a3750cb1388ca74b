import { z } from 'zod'
import { calendarDate, differentSession, requiredText } from '#app/hours/schema.ts'
import { identifyingDetailIn } from '#app/hours/privacy.ts'
import { isFutureDate, MAX_MINUTES, MIN_SESSION_MINUTES } from '#app/hours/rules.ts'
import { intentField, versionField } from '#app/utils/hidden-fields.ts'
import { requireSignature, signOffFields } from './sign-off-fields.ts'

// Group supervision recorded once: the forms' schemas (shared by the page and its action) and
// the rules of a correction. Plain data in, decisions out.

/** A group is the fellows present (2–50: the records' group size counts them). */
export const MIN_ATTENDEES = 2
export const MAX_ATTENDEES = 50
export const TOPIC_MAX = 500
export const REASON_MAX = 2000

const RELOAD = 'Reload the page and try again.'

const withoutIdentifyingDetails = (text: string, ctx: z.RefinementCtx) => {
  const problem = identifyingDetailIn(text)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}

/** Ticked boxes arrive as nothing, one value or several (and react-hook-form sends `false` for none). */
const fellowIds = z.preprocess(
  (v) => (v === undefined || v === '' || v === false ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.unknown())
    .min(MIN_ATTENDEES, `Tick at least ${MIN_ATTENDEES} fellows: a group has at least ${MIN_ATTENDEES}.`)
    .max(MAX_ATTENDEES, `At most ${MAX_ATTENDEES} fellows in a group.`)
    .refine((list) => list.every((id) => typeof id === 'string' && /^\d{1,9}$/.test(id)), RELOAD)
    .refine((list) => new Set(list).size === list.length, RELOAD)
    .transform((list) => (list as string[]).map(Number)),
)

const DECIMAL = /^\s*\d+\s*$/
const minutes = z.preprocess(
  (v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v === '' ? undefined : v),
  z
    .number({ error: 'Enter the duration in whole minutes.' })
    .int('Enter the duration in whole minutes.')
    .min(MIN_SESSION_MINUTES.supervision, `At least ${MIN_SESSION_MINUTES.supervision} minutes.`)
    .max(MAX_MINUTES, `At most ${MAX_MINUTES} minutes (10 hours).`),
)

/** The meeting form: when (not after today in the supervisor's `timeZone`), how long, what about, who was there, and the supervisor's signature. */
export const groupMeetingSchemaIn = (timeZone?: string) =>
  z
    .strictObject({
      occurredOn: calendarDate.refine((d) => !isFutureDate(d, new Date(), timeZone), 'The date cannot be in the future.'),
      minutes,
      setting: z.enum(['in_person', 'virtual'], { error: 'Choose in person or virtual.' }),
      topic: requiredText(TOPIC_MAX, 'Say what the meeting was about.').superRefine(withoutIdentifyingDetails),
      fellowIds,
      differentSession,
      ...signOffFields,
    })
    .superRefine(requireSignature)

export type GroupMeetingInput = z.output<ReturnType<typeof groupMeetingSchemaIn>>

/** A fellow's dispute of a group record: they were not there, and say so. */
export const disputeSchema = z.strictObject({
  intent: intentField('dispute'),
  version: versionField,
  reason: requiredText(REASON_MAX, 'Say why this record is wrong, for your supervisor.').superRefine(withoutIdentifyingDetails),
})

/** The supervisor's correction: this fellow was not at the meeting. */
export const withdrawSchema = z.strictObject({
  intent: intentField('withdraw'),
  recordId: z
    .string({ error: RELOAD })
    .regex(/^\d{1,9}$/, RELOAD)
    .transform(Number),
  version: versionField,
  reason: requiredText(REASON_MAX, 'Say why this fellow is removed from the meeting.').superRefine(withoutIdentifyingDetails),
})

/**
 * What the others' records become once a fellow is removed: the group is the attendees left.
 * One fellow left alone with the supervisor was in individual supervision.
 */
export function correctedFormat(remaining: number): { supervisionFormat: 'group' | 'individual'; groupSize: number | null } {
  return remaining >= MIN_ATTENDEES ? { supervisionFormat: 'group', groupSize: remaining } : { supervisionFormat: 'individual', groupSize: null }
}

/** The dispute events of a record, newest last: open while the record stands. */
export function openDispute(status: string, events: { action: string; comment: string | null; at: string }[]) {
  if (status !== 'approved') return null
  const disputes = events.filter((e) => e.action === 'dispute')
  return disputes.at(-1) ?? null
}
