import { z } from 'zod'

// Fields the page fills in itself. A wrong or missing value means a stale page or a
// crafted request, so the message says what a person can do about it.
const RELOAD = 'Reload the page and try again.'

/** Which form of a page was sent (one of several, when its buttons or rows say which). */
export const intentField = <const T extends string>(...values: [T, ...T[]]) => z.literal(values, { error: RELOAD })

/** The record version the page was showing, for the "changed since you opened it" check. */
export const versionField = z
  .string({ error: RELOAD })
  .regex(/^\d{1,9}$/, RELOAD)
  .transform(Number)
