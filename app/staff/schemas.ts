import { z } from 'zod'
import { asList, rolesField } from '#app/auth/schemas.ts'
import { optionalDocument } from '#app/documents/schema.ts'
import { calendarDate, requiredText } from '#app/hours/schema.ts'
import { isFutureDate } from '#app/hours/rules.ts'
import { calendarDateField } from '#app/utils/dates.ts'
import { intentField } from '#app/utils/hidden-fields.ts'
import { lapseLicenseFormSchema, verifyLicenseFormSchema } from '#app/supervision/schema.ts'

// One schema per staff form. Each form posts an `intent`, so one action can
// serve the several forms of a page while each is validated on its own terms.

const id = (message = 'Choose from the list.') =>
  z
    .string({ error: message })
    .regex(/^\d{1,9}$/, message)
    .transform(Number)

export const rolesFormSchema = z.strictObject({
  intent: intentField('roles'),
  roles: rolesField('A person needs at least one role.'),
})

export const activeFormSchema = z.strictObject({ intent: z.enum(['deactivate', 'reactivate']) })

export const assignFormSchema = z.strictObject({ intent: intentField('assign'), supervisorId: id('Choose a supervisor.') })
export const unassignFormSchema = z.strictObject({ intent: intentField('unassign'), supervisorId: id('Choose a supervisor.') })

/** A clearance staff record; "in the future" is judged in the staff member's `timeZone`. */
export const recordClearanceFormSchemaIn = (timeZone: string) =>
  z
    .strictObject({
      intent: intentField('clearance'),
      grantedOn: calendarDate.refine((d) => !isFutureDate(d, new Date(), timeZone), 'The grant date cannot be in the future.'),
      expiresOn: calendarDate,
      clinician: requiredText(200, 'Name the clinician or medical team who cleared the fellow.'),
      // The clinician's letter, when staff have it; its bytes are checked by the action (readUpload).
      letter: optionalDocument(),
    })
    .refine((v) => v.expiresOn >= v.grantedOn, { path: ['expiresOn'], message: 'The expiry must be on or after the grant date.' })

export const endClearanceFormSchema = z.strictObject({
  intent: intentField('end-clearance'),
  clearanceId: id('Choose a clearance.'),
  reason: z.string({ error: 'Say why the clearance ends early.' }).trim().min(1, 'Say why the clearance ends early.').max(500, 'Use at most 500 characters.'),
})

export const cohortMembershipFormSchema = z.strictObject({ intent: intentField('join-cohort'), cohortId: id('Choose a cohort.') })
export const leaveCohortFormSchema = z.strictObject({ intent: intentField('leave-cohort'), cohortId: id('Choose a cohort.') })

export const createCohortSchema = z.strictObject({
  name: z.string({ error: 'Name the cohort.' }).trim().min(1, 'Name the cohort.').max(100, 'Use at most 100 characters.'),
  startsOn: calendarDateField('Enter the start date.'),
})

export const cohortMemberFormSchema = z.strictObject({ intent: intentField('add', 'remove'), userId: id('Choose a person.') })

export const issueCertificateSchema = z.strictObject({
  intent: intentField('issue'),
  program: z.string({ error: 'Choose a program.' }).regex(/^[a-z0-9-]{1,60}$/, 'Choose a program from the list.'),
})

/**
 * Every form of a person's page, told apart by its `intent`. An intent no form
 * posts (a stale page, a crafted request) fails on `intent` with this message.
 */
export const personPageFormSchemaIn = (timeZone: string) =>
  z.discriminatedUnion(
    'intent',
    [
      rolesFormSchema,
      activeFormSchema,
      assignFormSchema,
      unassignFormSchema,
      recordClearanceFormSchemaIn(timeZone),
      endClearanceFormSchema,
      cohortMembershipFormSchema,
      leaveCohortFormSchema,
      issueCertificateSchema,
      verifyLicenseFormSchema,
      lapseLicenseFormSchema,
    ],
    { error: 'Unknown action. Reload the page and try again.' },
  )

const revocationFields = {
  reason: z.string({ error: 'Give the reason for revoking.' }).trim().min(1, 'Give the reason for revoking.').max(1000, 'Use at most 1,000 characters.'),
  // The checkbox posts "on" or nothing (react-hook-form: "on" or false); anything else is refused, not read as "no".
  showReason: z
    .preprocess((v) => (v === true || v === 'on' || v === 'true' ? true : v === false ? false : v), z.boolean({ error: 'Tick the box or leave it empty.' }))
    .optional(),
}

export const revokeCertificateSchema = z.strictObject(revocationFields)

export const bulkRevokeSchema = z.strictObject({
  ...revocationFields,
  intent: intentField('revoke-selected'),
  selected: z.preprocess(
    asList,
    z
      .array(z.string(), { error: 'Select at least one certificate.' })
      .min(1, 'Select at least one certificate.')
      .max(100, 'Select at most 100 certificates at a time.')
      .refine((list) => list.every((v) => /^\d{1,9}$/.test(v)), 'Reload the page and try again.')
      .refine((list) => new Set(list).size === list.length, 'Select each certificate once.')
      .transform((list) => list.map(Number)),
  ),
})
