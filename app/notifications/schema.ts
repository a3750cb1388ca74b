import { z } from 'zod'
import { NOTIFY_MAIL } from '#db/schema.ts'

// The forms of Settings › Notifications and of the notification list: one schema each, used by the
// browser (useValidatedForm) and by the action (parseForm).

export const mailCadenceSchema = z.strictObject({
  intent: z.literal('mail', { error: 'Unknown action.' }),
  mail: z.enum(NOTIFY_MAIL, { error: 'Choose immediately, hourly or daily.' }),
})

/** The daily reminder digest, on or off (the form without an intent is this one, as it always was). */
export const digestSchema = z.strictObject({
  intent: z.literal('digest', { error: 'Unknown action.' }).optional(),
  digest: z.enum(['on', 'off'], { error: 'Choose on or off.' }),
})

const notificationId = z
  .string({ error: 'Reload the page and try again.' })
  .regex(/^\d{1,12}$/, 'Reload the page and try again.')
  .transform(Number)

/** "Mark read" on one notification, or "Mark all read". */
export const markReadSchema = z.discriminatedUnion(
  'intent',
  [z.strictObject({ intent: z.literal('read'), id: notificationId }), z.strictObject({ intent: z.literal('read-all') })],
  { error: (issue) => (issue.code === 'invalid_union' ? 'Unknown action. Reload the page and try again.' : undefined) },
)
