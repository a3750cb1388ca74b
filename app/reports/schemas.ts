import { z } from 'zod'
import { calendarDateField } from '#app/utils/dates.ts'

// One schema per report form. The page validates with it in the browser; the
// CSV route validates the same query string on the server. Strict: a parameter
// the form does not have is refused rather than ignored.

const reportDate = calendarDateField

/** An empty date input means "no limit". */
const optionalReportDate = z.preprocess((v) => (v === '' ? undefined : v), reportDate('Enter a date as YYYY-MM-DD.').optional())

export const cohortReportSchema = z.strictObject({
  cohort: z
    .string({ error: 'Choose a cohort.' })
    .regex(/^\d{1,9}$/, 'Choose a cohort.')
    .transform(Number),
})

export const hoursReportSchema = z
  .strictObject({
    from: reportDate('Enter the first day of the period.'),
    to: reportDate('Enter the last day of the period.'),
    // A checked box sends `yes`; react-hook-form reports an unchecked one as `false`.
    includeNotes: z
      .union([z.literal('yes'), z.literal(false)], { error: 'Tick the box or leave it empty.' })
      .optional()
      .transform((v) => v === 'yes'),
  })
  .refine((v) => v.from <= v.to, { path: ['to'], message: 'The last day must be on or after the first day.' })

export const certificatesReportSchema = z
  .strictObject({
    from: optionalReportDate,
    to: optionalReportDate,
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { path: ['to'], message: 'The last day must be on or after the first day.' })
