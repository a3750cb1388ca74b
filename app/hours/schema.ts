import { z } from 'zod'
import { CODE_MAX, codeProblem, normalizeRecordCode, type CodeFormats } from './codes.ts'
import { identifyingDetailIn } from './privacy.ts'
import { isFutureDate, MAX_MINUTES, MIN_SESSION_MINUTES, NOTES_MAX } from './rules.ts'
import { calendarDateField } from '#app/utils/dates.ts'
import { intentField, versionField } from '#app/utils/hidden-fields.ts'
import { requireSignature, signOffFields } from '#app/supervision/sign-off-fields.ts'

// One schema per form, run by react-hook-form in the browser and by the action
// on the server. Strict: a field the form does not have (a forged status, an
// owner id) is refused, never ignored or stored.

export const calendarDate = calendarDateField()

const sessionDate = calendarDate.refine((d) => !isFutureDate(d), 'The date cannot be in the future.')

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

/** The box a fellow ticks when the server asked whether a possible duplicate is another session: `yes`, or unticked (false). */
const differentSession = z
  .union([z.literal('yes'), z.literal(false)], { error: 'Tick the box or leave it empty.' })
  .optional()
  .transform((v) => v === 'yes')

const common = {
  occurredOn: sessionDate,
  setting: z.enum(['in_person', 'virtual'], { error: 'Choose in person or virtual.' }),
  notes: recordNotes(),
  intent: z.enum(['save', 'submit'], { error: 'Choose to save a draft or submit.' }).default('save'),
  version: versionField.optional(),
  differentSession,
}

export const ADMINISTRATION_ROUTES = ['intravenous', 'intramuscular', 'sublingual', 'intranasal', 'oral', 'other'] as const

/**
 * The record form, for the institute's code formats: the server builds it from its
 * configuration (`codeFormats()`), the page from the formats its loader sends.
 */
export const recordSchemaFor = (codes: CodeFormats) =>
  z.discriminatedUnion(
    'kind',
    [
      z.strictObject({
        kind: z.literal('experiential'),
        ...common,
        minutes: minutesField(MIN_SESSION_MINUTES.experiential),
        route: z.enum(ADMINISTRATION_ROUTES, { error: 'Choose the route of administration.' }),
        medicalTeam: recordText(200, 'Name the prescriber or medical team.'),
        preparationNotes: recordNotes(),
        integrationNotes: recordNotes(),
      }),
      z.strictObject({
        kind: z.literal('sitter'),
        ...common,
        minutes: minutesField(MIN_SESSION_MINUTES.sitter),
        participantCode: pseudonymousCode(codes.participant, 'participant'),
        sitterRole: z.enum(['lead', 'co-sitter'], { error: 'Choose lead or co-sitter.' }),
      }),
      z.strictObject({
        kind: z.literal('practicum'),
        ...common,
        minutes: minutesField(MIN_SESSION_MINUTES.practicum),
        phase: z.enum(['preparation', 'dosing-support', 'integration'], { error: 'Choose the phase of the work.' }),
        clientCode: pseudonymousCode(codes.client, 'client'),
      }),
      z.strictObject({
        kind: z.literal('supervision'),
        ...common,
        minutes: minutesField(MIN_SESSION_MINUTES.supervision),
        supervisionFormat: z.enum(['individual', 'group'], { error: 'Choose individual or group.' }),
        supervisorName: recordText(120, 'Name who gave the supervision or consultation.'),
      }),
    ],
    { error: (issue) => (issue.code === 'invalid_union' ? 'Choose a kind of record: experiential, sitter, practicum or supervision.' : undefined) },
  )

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
const selectedRecords = z.preprocess(
  (v) => (v === undefined || v === '' || v === false ? [] : Array.isArray(v) ? v : [v]),
  z
    .array(z.unknown(), { error: 'Select at least one record.' })
    .min(1, 'Select at least one record.')
    .max(100, 'Select at most 100 records at a time.')
    // Checked on the whole list so the message sits on `selected`, where the page shows it, not on `selected.0`.
    .refine((list) => list.every((pair) => typeof pair === 'string' && /^\d{1,9}:\d{1,9}$/.test(pair)), 'Reload the page and try again.')
    .transform((list) => (list as string[]).map((pair) => pair.split(':').map(Number) as [number, number])),
)

export const bulkApproveSchema = z
  .strictObject({ intent: intentField('approve-selected'), selected: selectedRecords, ...signOffFields })
  .superRefine(requireSignature)
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
