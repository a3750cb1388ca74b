// Who gets a reminder, and what it says. Plain data in, mails out: the job
// around it handles the database and the once-a-day guarantee.

import { formatterFor } from '#app/utils/format.ts'

export const WAITING_DAYS = 7
export const RETURNED_DAYS = 7
export const IDLE_DAYS = 30
const DAY = 86_400_000

export type WaitingRecord = { fellowName: string; kind: string; occurredOn: string; submittedAt: string }
export type ReturnedRecord = { id: number; kind: string; occurredOn: string; decidedAt: string }
/** A verified license on a reminder day (see licenseReminderDay), with its holder. */
export type ExpiringLicense = { supervisorId: number; supervisorName: string; type: string; number: string; expiresOn: string; daysLeft: number }

/** Days before expiry on which the holder and staff are reminded: from the 60-day notice to the day itself, not every day. */
export const LICENSE_REMINDER_DAYS = [60, 30, 14, 7, 1, 0]

export type DigestCandidate = {
  userId: number
  name: string
  email: string
  /** submitted records of the supervisor's fellows, any age (the rules pick the old ones) */
  waiting: WaitingRecord[]
  /** the fellow's records currently returned */
  returned: ReturnedRecord[]
  /** fellows only: when they last logged anything (or joined, if never) */
  lastLoggedAt: string | null
  isFellow: boolean
  /** supervisors: their own license, on a reminder day */
  ownLicense: ExpiringLicense | null
  /** staff: every supervisor's license on a reminder day */
  expiringLicenses: ExpiringLicense[]
  /** the recipient's IANA zone, for the days things were submitted (UTC when not given) */
  timeZone?: string
}

export type DigestMail = { userId: number; to: string; subject: string; body: string }

const olderThan = (iso: string, days: number, now: Date) => now.getTime() - new Date(iso).getTime() > days * DAY

export function composeDigest(c: DigestCandidate, now: Date, origin: string): DigestMail | null {
  // One format, in the recipient's zone; a record's date is a calendar day and does not shift.
  const { formatDate } = formatterFor(c.timeZone)
  const sections: string[] = []
  const waiting = c.waiting.filter((r) => olderThan(r.submittedAt, WAITING_DAYS, now))
  if (waiting.length) {
    sections.push(
      [
        `${waiting.length} record${waiting.length === 1 ? ' has' : 's have'} waited more than ${WAITING_DAYS} days for your review:`,
        ...waiting.map((r) => `  - ${r.fellowName}: ${r.kind} of ${formatDate(r.occurredOn)} (submitted ${formatDate(r.submittedAt)})`),
        `Review them: ${origin}/review`,
      ].join('\n'),
    )
  }
  if (c.isFellow) {
    const returned = c.returned.filter((r) => olderThan(r.decidedAt, RETURNED_DAYS, now))
    if (returned.length) {
      sections.push(
        [
          `${returned.length} of your records ${returned.length === 1 ? 'was' : 'were'} returned more than ${RETURNED_DAYS} days ago and not yet resubmitted:`,
          ...returned.map((r) => `  - ${r.kind} of ${formatDate(r.occurredOn)}: ${origin}/hours/${r.id}`),
        ].join('\n'),
      )
    }
    if (c.lastLoggedAt === null || olderThan(c.lastLoggedAt, IDLE_DAYS, now)) {
      sections.push(`You have not logged anything for ${IDLE_DAYS} days. Keeping your log current makes sign-off easy: ${origin}/hours/new`)
    }
  }
  if (c.ownLicense) {
    const l = c.ownLicense
    sections.push(
      `Your license (${l.type} ${l.number}) expires ${l.daysLeft === 0 ? 'today' : `on ${formatDate(l.expiresOn)}, in ${l.daysLeft} day${l.daysLeft === 1 ? '' : 's'}`}. ` +
        `After that you cannot approve records until the renewed license is entered and verified: ${origin}/settings/license`,
    )
  }
  if (c.expiringLicenses.length) {
    sections.push(
      [
        `${c.expiringLicenses.length} supervisor license${c.expiringLicenses.length === 1 ? ' expires' : 's expire'} soon:`,
        ...c.expiringLicenses.map(
          (l) => `  - ${l.supervisorName} (${l.type} ${l.number}): ${formatDate(l.expiresOn)}, in ${l.daysLeft} days: ${origin}/staff/people/${l.supervisorId}`,
        ),
      ].join('\n'),
    )
  }
  if (sections.length === 0) return null
  return {
    userId: c.userId,
    to: c.email,
    subject: 'Your KAP Fellowship reminders',
    body: [`Hello ${c.name},`, '', ...sections.flatMap((s) => [s, '']), `Turn these reminders off in your settings: ${origin}/settings/notifications`].join(
      '\n',
    ),
  }
}
