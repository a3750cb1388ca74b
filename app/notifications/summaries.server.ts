import type { NotifyMail } from '#db/schema.ts'
import { db, writeTransaction } from '#app/db.server.ts'
import { appOrigin } from '#app/env.server.ts'
import { queueMail } from '#app/mail/mail.server.ts'
import { timeZoneOf } from '#app/utils/time-zone.server.ts'
import { cadenceOf, summaryDue } from './preferences.ts'
import { summaryMail, type NoteParams } from './texts.ts'
import { holdsRole } from '#app/auth/roles.server.ts'

/**
 * The summary job: for each person with notifications not yet mailed whose hourly or daily
 * summary is due (preferences.ts), one mail with all of them, marked mailed in the same
 * transaction. Runs from the scheduler (under a lease, so once across workers) or from cron
 * (`npm run jobs:digest`); running it twice in a row sends nothing the second time.
 */
export async function runNotificationSummaries({ now = new Date(), origin = appOrigin() } = {}) {
  const waiting = await db
    .selectFrom('notifications')
    .innerJoin('users', 'users.id', 'notifications.user_id')
    .select([
      'users.id',
      'users.notify_mail',
      'users.time_zone',
      (eb) => eb.fn.min<string>('notifications.created_at').as('oldest'),
      (eb) => holdsRole(eb, 'supervisor').as('is_supervisor'),
    ])
    .where('notifications.mailed_at', 'is', null)
    .where('users.active', '=', 1)
    .groupBy(['users.id', 'users.notify_mail', 'users.time_zone'])
    .execute()
  let sent = 0
  for (const person of waiting) {
    const cadence = cadenceOf(person.notify_mail, person.is_supervisor ? ['supervisor'] : [])
    if (!summaryDue(cadence, person.oldest, now, timeZoneOf({ timeZone: person.time_zone }))) continue
    if (await sendSummary(person.id, cadence, now, origin)) sent += 1
  }
  return { considered: waiting.length, sent }
}

async function sendSummary(userId: number, cadence: NotifyMail, now: Date, origin: string) {
  return writeTransaction(async (trx) => {
    const items = await trx
      .selectFrom('notifications')
      .select(['id', 'text', 'link', 'params'])
      .where('user_id', '=', userId)
      .where('mailed_at', 'is', null)
      .orderBy('id')
      .execute()
    if (!items.length) return false
    const at = now.toISOString()
    const ids = items.map((i) => i.id)
    // Writes run one at a time (on both engines), so what was read unmailed above is still unmailed here.
    await trx.updateTable('notifications').set({ mailed_at: at }).where('id', 'in', ids).where('mailed_at', 'is', null).execute()
    const person = await trx.selectFrom('users').select(['name', 'email']).where('id', '=', userId).executeTakeFirstOrThrow()
    await queueMail(
      trx,
      summaryMail(
        person,
        items.map((i) => ({ text: i.text, link: i.link, params: JSON.parse(i.params) as NoteParams })),
        cadence,
        origin,
      ),
    )
    await trx.updateTable('users').set({ notify_summary_at: at }).where('id', '=', userId).execute()
    return true
  })
}
