import { z } from 'zod'

// One schema per report form. The page validates with it in the browser; the
// CSV route validates the same query string on the server. Strict: a parameter
// the form does not have is refused rather than ignored.

const DATE_MESSAGE = 'Enter a date as YYYY-MM-DD.'

function isRealDate(value: string) {
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)
}

const reportDate = (missing: string) =>
  z
    .string({ error: missing })
    .min(1, missing)
    .regex(/^\d{4}-\d{2}-\d{2}$/, DATE_MESSAGE)
    .refine(isRealDate, 'That date does not exist.')
    .refine((d) => d >= '2000-01-01' && d <= '2100-12-31', 'Enter a date between 2000 and 2100.')

/** An empty date input means "no limit". */
const optionalReportDate = z.preprocess((v) => (v === '' ? undefined : v), reportDate(DATE_MESSAGE).optional())

export const cohortReportSchema = z.strictObject({
  cohort: z.string({ error: 'Choose a cohort.' }).regex(/^\d{1,9}$/, 'Choose a cohort.').transform(Number),
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

export type CohortReportParams = z.output<typeof cohortReportSchema>
export type HoursReportParams = z.output<typeof hoursReportSchema>
export type CertificatesReportParams = z.output<typeof certificatesReportSchema>
