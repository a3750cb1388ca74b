import { z } from 'zod'

// Time zones a person may choose: the IANA names this server's Intl knows, and UTC.

let zones: readonly string[] | undefined

/** Every zone on offer, UTC first, then by name. */
export function timeZoneNames(): readonly string[] {
  zones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')]
  return zones
}

let known: Set<string> | undefined

export function isOfferedTimeZone(value: string) {
  known ??= new Set(timeZoneNames())
  return known.has(value)
}

export const timeZoneField = z
  .string({ error: 'Choose a time zone from the list.' })
  .min(1, 'Choose a time zone from the list.')
  .refine(isOfferedTimeZone, 'Choose a time zone from the list.')

/** The time zone form: the zone, and where to go back to (the first-visit proposal posts it from any page). */
export const timeZoneSchema = z.strictObject({
  timeZone: timeZoneField,
  redirectTo: z.string().max(2000).optional(),
})
