import { z } from 'zod'
import { CODE_MAX, codeProblem, normalizeRecordCode, type CodeFormats } from './codes.ts'
import { identifyingDetailIn } from './privacy.ts'
import { CLOCK_TIME, minutesBetween } from './clock.ts'
import { isFutureDate, MAX_MINUTES, MIN_SESSION_MINUTES, NOTES_MAX } from './rules.ts'
import { calendarDateField } from '#app/utils/dates.ts'
import { intentField, versionField } from '#app/utils/hidden-fields.ts'
import { requireSignature, signOffFields } from '#app/supervision/sign-off-fields.ts'

// One schema per form, run by react-hook-form in the browser and by the action
// on the server. Strict: a field the form does not have (a forged status, an
// owner id) is refused, never ignored or stored.

export const calendarDate = calendarDateField()

/** A session's date: not after today in the fellow's zone (with no zone given, not after today anywhere on Earth). */
const sessionDateIn = (timeZone?: string) => calendarDate.refine((d) => !isFutureDate(d, new Date(), timeZone), 'The date cannot be in the future.')
const sessionDate = sessionDateIn()

/** What a number input can send: decimal digits (a sign, a fraction, an exponent), never `0x78` or `Infinity`. */
const DECIMAL = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/

function minutesField(min: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v === '' ? undefined : v),
    z
      .number({ error: 'Enter the duration in whole minutes.' })
      .int('Enter the duration in whole minutes.')
      .min(min, `At least ${min} minutes for this kind of record.`)
      .max(MAX_MINUTES, `At most ${MAX_MINUTES} minutes (10 hours) per record.`),
  )
}

const optionalText = (max: number) =>
  z
    .string()
    .max(max, `Use at most ${max.toLocaleString('en-US')} characters.`)
    .optional()
    .transform((v) => (v?.trim() ? v.trim() : null))

export const requiredText = (max: number, message: string) => z.string({ error: message }).trim().min(1, message).max(max, `Use at most ${max} characters.`)

/** A record's free text holds no email address, phone number or date of birth: refused with the reason, beside the field. */
function withoutIdentifyingDetails<T extends string | null>(text: T, ctx: z.RefinementCtx) {
  const problem = text ? identifyingDetailIn(text) : null
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
}
const recordNotes = () => optionalText(NOTES_MAX).superRefine(withoutIdentifyingDetails)
const recordText = (max: number, message: string) => requiredText(max, message).superRefine(withoutIdentifyingDetails)

/** A participant's or client's code, in the institute's format (stored in capitals). */
const pseudonymousCode = (format: string, what: 'participant' | 'client') =>
  z
    .string({ error: 'Enter a pseudonymous code.' })
    .trim()
    .min(1, 'Enter a pseudonymous code.')
    .max(CODE_MAX, `Use at most ${CODE_MAX} characters.`)
    .superRefine((code, ctx) => {
      const problem = codeProblem(format, code, what)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    })
    .transform(normalizeRecordCode)

const clockTime = (message: string) => z.string({ error: message }).trim().regex(CLOCK_TIME, message)

/** A person chosen from a list by id; the empty choice is nobody. */
const optionalPersonId = z.preprocess(
  (v) => (v === '' || v === undefined || v === null ? null : typeof v === 'string' && /^\d{1,9}$/.test(v) ? Number(v) : v),
  z.number({ error: 'Choose a fellow from the list.' }).int().positive().nullable(),
)

/** Whole people in a group: the supervisee and at least one other, at most a large seminar. */
const groupSize = z.preprocess(
  (v) => (v === '' || v === undefined ? undefined : typeof v === 'string' && DECIMAL.test(v) ? Number(v) : v),
  z
    .number({ error: 'Enter how many people were in the group, you included.' })
    .int('Enter a whole number of people.')
    .min(2, 'A group has at least 2 people, you included.')
    .max(50, 'At most 50 people in a group.')
    // Optional here (an individual session leaves the box empty); the supervision schema asks for it for a group.
    .optional(),
)

/** The box a fellow ticks when the server asked whether a possible duplicate is another session: `yes`, or unticked (false). */
export const differentSession = z
  .union([z.literal('yes'), z.literal(false)], { error: 'Tick the box or leave it empty.' })
  .optional()
  .transform((v) => v === 'yes')

const commonIn = (timeZone?: string) => ({
  occurredOn: sessionDateIn(timeZone),
  setting: z.enum(['in_person', 'virtual'], { error: 'Choose in person or virtual.' }),
  notes: recordNotes(),
  intent: z.enum(['save', 'submit'], { error: 'Choose to save a draft or submit.' }).default('save'),
  version: versionField.optional(),
  differentSession,
})

export const ADMINISTRATION_ROUTES = ['intravenous', 'intramuscular', 'sublingual', 'intranasal', 'oral', 'other'] as const

/**
 * The record form, for the institute's code formats: the server builds it from its
 * configuration (`codeFormats()`), the page from the formats its loader sends; its date is
 * judged in the fellow's time zone (`timeZone`).
 */
export const recordSchemaFor = (codes: CodeFormats, timeZone?: string) =>
  z
    .discriminatedUnion(
      'kind',
      [
        z.strictObject({
          kind: z.literal('experiential'),
          ...commonIn(timeZone),
          minutes: minutesField(MIN_SESSION_MINUTES.experiential),
          route: z.enum(ADMINISTRATION_ROUTES, { error: 'Choose the route of administration.' }),
          medicalTeam: recordText(200, 'Name the prescriber or medical team.'),
          preparationNotes: recordNotes(),
          integrationNotes: recordNotes(),
        }),
        z
          .strictObject({
            kind: z.literal('sitter'),
            ...commonIn(timeZone),
            // The duration is the time between start and end, never typed.
            startTime: clockTime('Enter the start time, such as 09:30.'),
            endTime: clockTime('Enter the end time, such as 14:00.'),
            participantCode: pseudonymousCode(codes.participant, 'participant'),
            sitterRole: z.enum(['lead', 'co-sitter'], { error: 'Choose lead or co-sitter.' }),
            coSitterId: optionalPersonId,
          })
          .superRefine(({ startTime, endTime }, ctx) => {
            // A time that is not a time has its own message; no duration is worked out from it.
            if (!CLOCK_TIME.test(startTime) || !CLOCK_TIME.test(endTime)) return
            const minutes = minutesBetween(startTime, endTime)
            const min = MIN_SESSION_MINUTES.sitter
            if (minutes < min || minutes > MAX_MINUTES) {
              ctx.addIssue({
                code: 'custom',
                path: ['endTime'],
                message: `A sitter session lasts ${min}–${MAX_MINUTES} minutes; ${startTime} to ${endTime} is ${minutes} minutes. (An end before the start is the next day.)`,
              })
            }
          }),
        z.strictObject({
          kind: z.literal('practicum'),
          ...commonIn(timeZone),
          minutes: minutesField(MIN_SESSION_MINUTES.practicum),
          phase: z.enum(['preparation', 'dosing-support', 'integration'], { error: 'Choose the phase of the work.' }),
          contact: z.enum(['direct', 'indirect'], { error: 'Choose direct or indirect client contact.' }),
          clientCode: pseudonymousCode(codes.client, 'client'),
        }),
        z
          .strictObject({
            kind: z.literal('supervision'),
            ...commonIn(timeZone),
            minutes: minutesField(MIN_SESSION_MINUTES.supervision),
            supervisionType: z.enum(['supervision', 'consultation'], { error: 'Choose supervision or consultation.' }),
            supervisionFormat: z.enum(['individual', 'group'], { error: 'Choose individual or group.' }),
            groupSize,
            supervisorName: recordText(120, 'Name who gave the supervision or consultation.'),
          })
          .superRefine(({ supervisionFormat, groupSize }, ctx) => {
            if (supervisionFormat === 'group' && groupSize === undefined) {
              ctx.addIssue({ code: 'custom', path: ['groupSize'], message: 'Enter how many people were in the group, you included.' })
            }
          })
          // An individual session has no group: a size left in the form from an earlier choice is not kept.
          .transform((input) => ({ ...input, groupSize: input.supervisionFormat === 'group' ? (input.groupSize ?? null) : null })),
      ],
      { error: (issue) => (issue.code === 'invalid_union' ? 'Choose a kind of record: experiential, sitter, practicum or supervision.' : undefined) },
    )
    // Every record carries its minutes; a sitter session's are its clock times'.
    .transform((input) => (input.kind === 'sitter' ? { ...input, minutes: minutesBetween(input.startTime, input.endTime) } : input))

export type RecordInput = z.output<ReturnType<typeof recordSchemaFor>>

export const decisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'return'], { error: 'Choose approve or return.' }),
    version: versionField,
    ...signOffFields,
    comment: z
      .string()
      .max(2000, 'Use at most 2,000 characters.')
      .optional()
      .transform((v) => v?.trim() || null),
  })
  .superRefine((value, ctx) => {
    if (value.decision === 'approve') requireSignature(value, ctx)
    if (value.decision === 'return' && !value.comment) {
      ctx.addIssue({ code: 'custom', path: ['comment'], message: 'Say what needs fixing: returning a record requires a comment.' })
    }
  })

/** "id:version" pairs, so a bulk action also refuses records that changed since the page was opened. */
const selectedList = (min: number) =>
  z.preprocess(
    (v) => (v === undefined || v === '' || v === false ? [] : Array.isArray(v) ? v : [v]),
    z
      .array(z.unknown(), { error: 'Select at least one record.' })
      .min(min, 'Select at least one record.')
      .max(100, 'Select at most 100 records at a time.')
      // Checked on the whole list so the message sits on `selected`, where the page shows it, not on `selected.0`.
      .refine((list) => list.every((pair) => typeof pair === 'string' && /^\d{1,9}:\d{1,9}$/.test(pair)), 'Reload the page and try again.')
      .transform((list) => (list as string[]).map((pair) => pair.split(':').map(Number) as [number, number])),
  )
const selectedRecords = selectedList(1)

const RELOAD = 'Reload the page and try again.'
/** Fields the review queue fills in itself: the page's records ("id:version id:version …") and the fellow-wide count and token. */
const queueHidden = {
  shown: z
    .string()
    .regex(/^\d{1,9}:\d{1,9}( \d{1,9}:\d{1,9}){0,99}$/, RELOAD)
    .transform((list) => list.split(' ').map((pair) => pair.split(':').map(Number) as [number, number]))
    .optional(),
  fellowId: z
    .string()
    .regex(/^\d{1,9}$/, RELOAD)
    .transform(Number)
    .optional(),
  fellowCount: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, RELOAD)
    .transform(Number)
    .optional(),
  fellowToken: z
    .string()
    .regex(/^[0-9a-f]{64}$/, RELOAD)
    .optional(),
}

/**
 * The review queue's one form, three buttons: approve the ticked records, every record on the page,
 * or every record of the fellow the queue is filtered to (as counted when the page loaded). Each is
 * signed with the attestation. The hidden fields the page fills in are checked by the action.
 */
export const bulkApproveSchema = z
  .strictObject({
    intent: intentField('approve-selected', 'approve-page', 'approve-fellow'),
    selected: selectedList(0),
    ...queueHidden,
    ...signOffFields,
  })
  .superRefine((value, ctx) => {
    if (value.intent === 'approve-selected' && value.selected.length === 0)
      ctx.addIssue({ code: 'custom', path: ['selected'], message: 'Select at least one record.' })
    requireSignature(value, ctx)
  })
export const bulkSubmitSchema = z.strictObject({ intent: intentField('submit-selected'), selected: selectedRecords })

export const amendSchema = z.strictObject({
  version: versionField,
  occurredOn: sessionDate,
  minutes: minutesField(15),
  setting: z.enum(['in_person', 'virtual'], { error: 'Choose in person or virtual.' }),
  reason: z
    .string({ error: 'Give the reason for the amendment.' })
    .trim()
    .min(1, 'Give the reason for the amendment.')
    .max(2000, 'Use at most 2,000 characters.'),
})

const recordIdField = z
  .string({ error: 'Reload the page and try again.' })
  .regex(/^\d{1,9}$/, 'Reload the page and try again.')
  .transform(Number)

/** A co-sitter's answer to a sitter record that names them: confirm it, or decline it with the reason. */
export const coSitterAnswerSchema = z.discriminatedUnion(
  'intent',
  [
    // The page has one form per session with both buttons, so a confirmation posts the (unused) reason box too.
    z.strictObject({
      intent: intentField('confirm'),
      id: recordIdField,
      version: versionField,
      reason: z.string().max(2000, 'Use at most 2,000 characters.').optional(),
    }),
    z.strictObject({
      intent: intentField('decline'),
      id: recordIdField,
      version: versionField,
      reason: requiredText(2000, 'Say what is not right, so the fellow can correct it.').superRefine(withoutIdentifyingDetails),
    }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'Choose to confirm or to decline. Reload the page and try again.' : undefined) },
)
