import { db, nowIso, writeTransaction } from '#app/db.server.ts'
import { appOrigin } from '#app/env.server.ts'
import { awaitingDecisionBy } from '#app/hours/records.server.ts'
import { scheduleLeasedJob } from '#app/jobs/lease.server.ts'
import { queueMail } from '#app/mail/mail.server.ts'
import { notify } from '#app/notifications/notify.server.ts'
import { runNotificationSummaries } from '#app/notifications/summaries.server.ts'
import { expiresWithinNotice } from '#app/supervision/license.ts'
import { dayAfter, todayIn } from '#app/utils/dates.ts'
import { instituteTimeZone, timeZoneOf } from '#app/utils/time-zone.server.ts'
import { composeDigest, LICENSE_REMINDER_DAYS, type DigestCandidate, type ExpiringLicense } from './digest.ts'
import { holdsRole } from '#app/auth/roles.server.ts'

/**
 * Sends each person at most one digest per day (their day, in their zone), however often it
 * runs: the day's row in digest_log is written in the same transaction as the mail. Licenses
 * reach their reminder days on the institute's calendar.
 */
export async function runDigest({ now = new Date(), origin = appOrigin() } = {}) {
  const instituteDay = todayIn(instituteTimeZone(), now)
  const people = await db
    .selectFrom('users')
    .select([
      'users.id',
      'users.name',
      'users.email',
      'users.created_at',
      'users.time_zone',
      (eb) =>
        eb
          .selectFrom('digest_log')
          .select((d) => d.fn.max('digest_log.day').as('day'))
          .whereRef('digest_log.user_id', '=', 'users.id')
          .as('last_day'),
      (eb) => holdsRole(eb, 'fellow').as('is_fellow'),
      (eb) => holdsRole(eb, 'supervisor').as('is_supervisor'),
      (eb) => holdsRole(eb, 'staff').as('is_staff'),
    ])
    .where('users.active', '=', 1)
    .where('users.digest_opt_out', '=', 0)
    .execute()

  const expiring = await licensesOnReminderDay(instituteDay)
  await notifyExpiringLicenses(expiring, instituteDay)
  let sent = 0
  for (const person of people) {
    const timeZone = timeZoneOf({ timeZone: person.time_zone })
    const day = todayIn(timeZone, now)
    if (person.last_day && person.last_day >= day) continue
    const isFellow = Boolean(person.is_fellow)
    const [waiting, returned, last] = await Promise.all([
      person.is_supervisor
        ? awaitingDecisionBy(person.id)
            .innerJoin('users as fellow', 'fellow.id', 'records.fellow_id')
            .select(['fellow.name as fellowName', 'records.kind', 'records.occurred_on as occurredOn', 'records.submitted_at as submittedAt'])
            .orderBy('records.submitted_at')
            .limit(50)
            .execute()
        : [],
      isFellow
        ? db
            .selectFrom('records')
            .select(['id', 'kind', 'occurred_on as occurredOn', 'decided_at as decidedAt'])
            .where('fellow_id', '=', person.id)
            .where('status', '=', 'returned')
            .limit(50)
            .execute()
        : [],
      isFellow
        ? db
            .selectFrom('records')
            .select((eb) => eb.fn.max('created_at').as('at'))
            .where('fellow_id', '=', person.id)
            .executeTakeFirst()
        : undefined,
    ])
    const candidate: DigestCandidate = {
      userId: person.id,
      name: person.name,
      email: person.email,
      waiting: waiting.map((w) => ({ ...w, submittedAt: w.submittedAt ?? '' })),
      returned: returned.map((r) => ({ ...r, decidedAt: r.decidedAt ?? '' })),
      lastLoggedAt: (last?.at as string | null | undefined) ?? person.created_at,
      isFellow,
      ownLicense: person.is_supervisor ? (expiring.find((l) => l.supervisorId === person.id) ?? null) : null,
      expiringLicenses: person.is_staff ? expiring : [],
      timeZone,
    }
    const mail = composeDigest(candidate, now, origin)
    if (!mail) continue
    const delivered = await writeTransaction(async (trx) => {
      const claimed = await trx
        .insertInto('digest_log')
        .values({ user_id: person.id, day, sent_at: nowIso() })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst()
      if (Number(claimed.numInsertedOrUpdatedRows ?? 0) !== 1) return false
      await queueMail(trx, mail)
      return true
    })
    if (delivered) sent += 1
  }
  return { day: instituteDay, considered: people.length, sent }
}

/**
 * A license on a reminder day is also in the holder's and every staff member's notification list,
 * once per reminder day (however often the job runs). Its mail is the digest's, as before.
 */
async function notifyExpiringLicenses(expiring: ExpiringLicense[], day: string) {
  if (!expiring.length) return
  const staff = await db
    .selectFrom('users')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select('users.id')
    .where('user_roles.role', '=', 'staff')
    .where('users.active', '=', 1)
    .execute()
  await writeTransaction(async (trx) => {
    for (const l of expiring) {
      const { supervisorId, supervisorName, type, number, expiresOn, daysLeft } = l
      const facts = { kind: 'license_expiring' as const, supervisorId, supervisorName, type, number, expiresOn, daysLeft }
      const dedupeKey = `license:${supervisorId}:${expiresOn}:${day}`
      await notify(trx, supervisorId, { ...facts, own: true }, { mail: null, mailedElsewhere: true, dedupeKey })
      for (const s of staff.filter((s) => s.id !== supervisorId)) {
        await notify(trx, s.id, { ...facts, own: false }, { mail: null, mailedElsewhere: true, dedupeKey })
      }
    }
  })
}

/** Verified supervisor licenses whose days left fall on a reminder day. */
async function licensesOnReminderDay(day: string): Promise<ExpiringLicense[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'license_type', 'license_number', 'license_expires_on', 'license_status'])
    .where('license_status', '=', 'verified')
    .where('active', '=', 1)
    .where('license_expires_on', '>=', day)
    .where('license_expires_on', '<=', dayAfter(day, Math.max(...LICENSE_REMINDER_DAYS)))
    .orderBy('license_expires_on')
    .execute()
  return rows.flatMap((r) => {
    const daysLeft = expiresWithinNotice({ status: r.license_status, expiresOn: r.license_expires_on }, day)
    if (daysLeft === null || !LICENSE_REMINDER_DAYS.includes(daysLeft)) return []
    return [
      { supervisorId: r.id, supervisorName: r.name, type: r.license_type ?? '', number: r.license_number ?? '', expiresOn: r.license_expires_on!, daysLeft },
    ]
  })
}

const HOUR = 60 * 60_000
/** How often the notification summaries are looked for: an hourly summary is due within this of its hour's end. */
export const SUMMARY_TICK_MS = 5 * 60_000

/**
 * The in-server scheduler: the reminder digest hourly (it sends each person at most one a day)
 * and the notification summaries every five minutes (hourly and daily mails, see
 * app/notifications/preferences.ts). Off with DIGEST_SCHEDULER=off (run `npm run jobs:digest` from cron instead).
 */
export function startDigestScheduler() {
  if (process.env.DIGEST_SCHEDULER === 'off') return
  scheduleLeasedJob('digest', HOUR, () => runDigest())
  scheduleLeasedJob('notification-summaries', SUMMARY_TICK_MS, () => runNotificationSummaries())
}
