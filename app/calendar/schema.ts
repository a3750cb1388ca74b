import { z } from 'zod'
import type { PlannedKind } from '#db/schema.ts'
import { CODE_MAX, codeProblem, normalizeRecordCode, type CodeFormats } from '#app/hours/codes.ts'
import { CLOCK_TIME } from '#app/hours/clock.ts'
import { identifyingDetailIn } from '#app/hours/privacy.ts'
import { MAX_MINUTES, MIN_MINUTES, MIN_SESSION_MINUTES } from '#app/hours/rules.ts'
import { calendarDateField } from '#app/utils/dates.ts'
import { intentField, versionField } from '#app/utils/hidden-fields.ts'
import { isKnownTimeZone } from '#app/utils/format.ts'
import { zonedToUtc } from './zones.ts'

// The plan form (a session or a supervision meeting), run by react-hook-form in the browser
// and by the action on the server. Strict: a field the kind does not have is refused.

/** How far ahead something can be planned. */
export const PLAN_AHEAD_DAYS = 366
export const TOPIC_MAX = 500
/** A meeting has at most this many people invited besides the one planning it. */
export const MAX_ATTENDEES = 50

export const PLANNED_MIN_MINUTES: Record<PlannedKind, number> = {
  experiential: MIN_SESSION_MINUTES.experiential,
  sitter: MIN_SESSION_MINUTES.sitter,
  practicum: MIN_SESSION_MINUTES.practicum,
  meeting: MIN_MINUTES,
}

const DECIMAL = /^\s*[-+]?\d+(\.\d*)?\s*$/

const minutesField = (min: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v === '' ? undefined : v),
    z
      .number({ error: 'Enter the duration in whole minutes.' })
      .int('Enter the duration in whole minutes.')
      .min(min, `At least ${min} minutes for this kind of session.`)
      .max(MAX_MINUTES, `At most ${MAX_MINUTES} minutes (10 hours).`),
  )

/** A pseudonymous code, optional when planning (it is asked again when the record is completed). */
const optionalCode = (format: string, what: 'participant' | 'client') =>
  z
    .string()
    .trim()
    .max(CODE_MAX, `Use at most ${CODE_MAX} characters.`)
    .optional()
    .superRefine((code, ctx) => {
      const problem = code ? codeProblem(format, code, what) : null
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
    .transform((code) => (code ? normalizeRecordCode(code) : null))

const optionalPersonId = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v),
  z.number({ error: 'Choose a fellow from the list.' }).int().positive().nullable(),
)

/** Ticked boxes: none (absent, or react-hook-form's false), one, or several ids. */
const attendeeIds = z.preprocess(
  (v) => (v === undefined || v === '' || v === false ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(
      z
        .string()
        .regex(/^\d{1,9}$/, 'Reload the page and try again.')
        .transform(Number),
      { error: 'Reload the page and try again.' },
    )
    .min(1, 'Choose who attends.')
    .max(MAX_ATTENDEES, `At most ${MAX_ATTENDEES} people.`),
)

const topic = z
  .string()
  .max(TOPIC_MAX, `Use at most ${TOPIC_MAX} characters.`)
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : null))
  .superRefine((text, ctx) => {
    const problem = text ? identifyingDetailIn(text) : null
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  })

const when = {
  date: calendarDateField(),
  time: z.string({ error: 'Enter the start time, such as 09:30.' }).trim().regex(CLOCK_TIME, 'Enter the start time, such as 09:30.'),
  timeZone: z.string({ error: 'Choose the time zone.' }).refine(isKnownTimeZone, 'Choose the time zone.'),
  setting: z.enum(['in_person', 'virtual'], { error: 'Choose in person or virtual.' }),
  version: versionField.optional(),
}

/** Starts after `now` and within the planning horizon: the message goes beside the date. */
function ahead(now: () => number) {
  return (input: { date: string; time: string; timeZone: string }, ctx: z.RefinementCtx) => {
    if (!CLOCK_TIME.test(input.time) || !/^\d{4}-\d{2}-\d{2}$/.test(input.date) || !isKnownTimeZone(input.timeZone)) return
    const startsAt = Date.parse(zonedToUtc(input.date, input.time, input.timeZone))
    if (Number.isNaN(startsAt)) return
    if (startsAt <= now()) ctx.addIssue({ code: 'custom', path: ['date'], message: 'That time has passed. Plan a date and time that are still ahead.' })
    else if (startsAt > now() + PLAN_AHEAD_DAYS * 86_400_000) ctx.addIssue({ code: 'custom', path: ['date'], message: 'Plan at most a year ahead.' })
  }
}

export const planSchemaFor = (codes: CodeFormats, now: () => number = Date.now) =>
  z
    .discriminatedUnion(
      'kind',
      [
        z.strictObject({ kind: z.literal('experiential'), ...when, minutes: minutesField(PLANNED_MIN_MINUTES.experiential) }),
        z.strictObject({
          kind: z.literal('sitter'),
          ...when,
          minutes: minutesField(PLANNED_MIN_MINUTES.sitter),
          participantCode: optionalCode(codes.participant, 'participant'),
          coSitterId: optionalPersonId,
        }),
        z.strictObject({
          kind: z.literal('practicum'),
          ...when,
          minutes: minutesField(PLANNED_MIN_MINUTES.practicum),
          participantCode: optionalCode(codes.client, 'client'),
        }),
        z.strictObject({ kind: z.literal('meeting'), ...when, minutes: minutesField(PLANNED_MIN_MINUTES.meeting), topic, attendeeIds }),
      ],
      {
        error: (issue) =>
          issue.code === 'invalid_union' ? 'Choose what to plan: an experiential, sitter or practicum session, or a supervision meeting.' : undefined,
      },
    )
    .superRefine(ahead(now))
    .transform((input) => ({ ...input, startsAt: zonedToUtc(input.date, input.time, input.timeZone) }))

export type PlanInput = z.output<ReturnType<typeof planSchemaFor>>

/** Cancelling an item: the version the page showed. */
export const cancelSchema = z.strictObject({ intent: intentField('cancel'), version: versionField })

/** The calendar page's feed buttons. */
export const feedSchema = z.strictObject({ intent: intentField('create-feed', 'reset-feed') })
