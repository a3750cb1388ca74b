import { z } from 'zod'
import { requiredText } from '#app/hours/schema.ts'
import { calendarDateField, todayIn } from '#app/utils/dates.ts'
import { intentField } from '#app/utils/hidden-fields.ts'

/** The supervisor's own license, in Settings; "has passed" is judged in their `timeZone`. */
export const licenseSchemaIn = (timeZone: string) =>
  z.strictObject({
    licenseType: requiredText(40, 'Enter the license type, e.g. LMFT.'),
    licenseNumber: requiredText(40, 'Enter the license number.'),
    licenseState: z
      .string({ error: 'Enter the state or jurisdiction.' })
      .trim()
      .min(2, 'Enter the state or jurisdiction, e.g. CA.')
      .max(40, 'Use at most 40 characters.'),
    licenseExpiresOn: calendarDateField('Enter the date the license expires.').refine(
      (d) => d >= todayIn(timeZone),
      'That date has passed: enter the expiry of the current (renewed) license.',
    ),
  })

/** Staff's finding on a supervisor's license, on the person page. */
export const verifyLicenseFormSchema = z.strictObject({
  intent: intentField('verify-license'),
  note: requiredText(200, 'Say how you verified it, e.g. "state board lookup".'),
})

export const lapseLicenseFormSchema = z.strictObject({
  intent: intentField('lapse-license'),
  note: requiredText(500, 'Say why the license lapsed, e.g. "board lists it as inactive".'),
})
