import { z } from 'zod'
import { isFutureDate, looksIdentifying, MAX_MINUTES, MIN_SESSION_MINUTES, NOTES_MAX } from './rules.ts'
import { calendarDateField } from '#app/utils/dates.ts'
import { intentField, versionField } from '#app/utils/hidden-fields.ts'

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

const pseudonymousCode = z
  .string({ error: 'Enter a pseudonymous code.' })
  .trim()
  .min(1, 'Enter a pseudonymous code.')
  .max(40, 'Use at most 40 characters.')
  .superRefine((code, ctx) => {
    const problem = looksIdentifying(code)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
    else if (!/^[\p{L}\p{N}][\p{L}\p{N} ._-]*$/u.test(code)) {
      ctx.addIssue({ code: 'custom', message: 'Use letters, digits, spaces, dots, dashes or underscores.' })
    }
  })

const common = {
  occurredOn: sessionDate,
  setting: z.enum(['in_person', 'virtual'], { error: 'Choose in person or virtual.' }),
  notes: optionalText(NOTES_MAX),
  intent: z.enum(['save', 'submit'], { error: 'Choose to save a draft or submit.' }).default('save'),
  version: versionField.optional(),
}

export const ADMINISTRATION_ROUTES = ['intravenous', 'intramuscular', 'sublingual', 'intranasal', 'oral', 'other'] as const

export const recordSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('experiential'),
      ...common,
      minutes: minutesField(MIN_SESSION_MINUTES.experiential),
      route: z.enum(ADMINISTRATION_ROUTES, { error: 'Choose the route of administration.' }),
      medicalTeam: requiredText(200, 'Name the prescriber or medical team.'),
      preparationNotes: optionalText(NOTES_MAX),
      integrationNotes: optionalText(NOTES_MAX),
    }),
    z.strictObject({
      kind: z.literal('sitter'),
      ...common,
      minutes: minutesField(MIN_SESSION_MINUTES.sitter),
      participantCode: pseudonymousCode,
      sitterRole: z.enum(['lead', 'co-sitter'], { error: 'Choose lead or co-sitter.' }),
    }),
    z.strictObject({
      kind: z.literal('practicum'),
      ...common,
      minutes: minutesField(MIN_SESSION_MINUTES.practicum),
      phase: z.enum(['preparation', 'dosing-support', 'integration'], { error: 'Choose the phase of the work.' }),
      clientCode: pseudonymousCode,
    }),
    z.strictObject({
      kind: z.literal('supervision'),
      ...common,
      minutes: minutesField(MIN_SESSION_MINUTES.supervision),
      supervisionFormat: z.enum(['individual', 'group'], { error: 'Choose individual or group.' }),
      supervisorName: requiredText(120, 'Name who gave the supervision or consultation.'),
    }),
  ],
  { error: (issue) => (issue.code === 'invalid_union' ? 'Choose a kind of record: experiential, sitter, practicum or supervision.' : undefined) },
)

export type RecordInput = z.output<typeof recordSchema>

export const decisionSchema = z
  .strictObject({
    decision: z.enum(['approve', 'return'], { error: 'Choose approve or return.' }),
    version: versionField,
    comment: z
      .string()
      .max(2000, 'Use at most 2,000 characters.')
      .optional()
      .transform((v) => v?.trim() || null),
  })
  .superRefine((value, ctx) => {
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

export const bulkApproveSchema = z.strictObject({ intent: intentField('approve-selected'), selected: selectedRecords })
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
