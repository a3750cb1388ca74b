import type { NotifyMail } from '#db/schema.ts'
import { formatDate } from '#app/utils/format.ts'

// What each kind of notification says and where it leads, and the summary mail that gathers
// several: plain functions, so the wording is read and tested in one place.

export type RecordRef = { id: number; kind: string; occurredOn: string }

export type NoteParams =
  | { kind: 'submitted'; fellowId: number; fellowName: string; count: number }
  | { kind: 'returned'; record: RecordRef; supervisorName: string; comment: string }
  | { kind: 'approved'; supervisorName: string; records: RecordRef[] }
  | { kind: 'co_sitter_request'; fellowName: string; occurredOn: string; startTime: string | null; endTime: string | null }
  | { kind: 'co_sitter_declined'; record: RecordRef; coSitterName: string; reason: string }
  /** A new comment in a record's thread; never its text (it follows the record's privacy), only who wrote and where. */
  | { kind: 'record_comment'; record: RecordRef; authorName: string; link: string }
  | { kind: 'certificate_issued'; certificateId: number; programTitle: string; serial: string }
  | { kind: 'certificate_revoked'; certificateId: number; programTitle: string; serial: string; reason: string }
  | {
      kind: 'license_expiring'
      own: boolean
      supervisorId: number
      supervisorName: string
      type: string
      number: string
      expiresOn: string
      daysLeft: number
    }

export type NoteKind = NoteParams['kind']

export const KIND_LABELS: Record<NoteKind, string> = {
  submitted: 'New submissions',
  returned: 'Returned',
  approved: 'Approved',
  co_sitter_request: 'Co-sitter request',
  co_sitter_declined: 'Co-sitter declined',
  record_comment: 'Comment on a record',
  certificate_issued: 'Certificate',
  certificate_revoked: 'Certificate revoked',
  license_expiring: 'License expiring',
}

const records = (n: number) => `${n} record${n === 1 ? '' : 's'}`
const inDays = (days: number, on: string) => (days === 0 ? 'today' : `on ${formatDate(on)}, in ${days} day${days === 1 ? '' : 's'}`)

/** The line shown in the list (and in a summary mail), and the page it leads to. */
export function describe(p: NoteParams): { text: string; link: string } {
  switch (p.kind) {
    case 'submitted':
      return { text: `${p.fellowName} submitted ${records(p.count)} for your review`, link: '/review' }
    case 'returned':
      return {
        text: `${p.supervisorName} returned your ${p.record.kind} record of ${formatDate(p.record.occurredOn)}: “${p.comment}”`,
        link: `/hours/${p.record.id}`,
      }
    case 'approved':
      return p.records.length === 1
        ? {
            text: `${p.supervisorName} approved your ${p.records[0]!.kind} record of ${formatDate(p.records[0]!.occurredOn)}`,
            link: `/hours/${p.records[0]!.id}`,
          }
        : { text: `${p.supervisorName} approved ${p.records.length} of your records`, link: '/hours' }
    case 'co_sitter_request': {
      const when = p.startTime && p.endTime ? `${formatDate(p.occurredOn)}, ${p.startTime}–${p.endTime}` : formatDate(p.occurredOn)
      return { text: `${p.fellowName} named you as co-sitter of a session on ${when}: please confirm or decline`, link: '/hours/co-sitting' }
    }
    case 'co_sitter_declined':
      return { text: `${p.coSitterName} declined your sitter record of ${formatDate(p.record.occurredOn)}: “${p.reason}”`, link: `/hours/${p.record.id}` }
    case 'record_comment':
      return { text: `${p.authorName} commented on the ${p.record.kind} record of ${formatDate(p.record.occurredOn)}`, link: p.link }
    case 'certificate_issued':
      return { text: `Your ${p.programTitle} certificate was issued (${p.serial})`, link: `/certificates/${p.certificateId}` }
    case 'certificate_revoked':
      return { text: `Your ${p.programTitle} certificate (${p.serial}) was revoked: ${p.reason}`, link: `/certificates/${p.certificateId}` }
    case 'license_expiring':
      return p.own
        ? { text: `Your license (${p.type} ${p.number}) expires ${inDays(p.daysLeft, p.expiresOn)}`, link: '/settings/license' }
        : {
            text: `${p.supervisorName}’s license (${p.type} ${p.number}) expires ${inDays(p.daysLeft, p.expiresOn)}`,
            link: `/staff/people/${p.supervisorId}`,
          }
  }
}

export type SummaryItem = { text: string; link: string; params: NoteParams }

/**
 * One mail gathering a person's notifications not yet mailed. New submissions are summed per
 * fellow ("Bianca: 37 records"), so a burst of submissions reads as one line each.
 */
export function summaryMail(person: { name: string; email: string }, items: SummaryItem[], cadence: NotifyMail, origin: string) {
  const submittedBy = new Map<string, number>()
  const others: SummaryItem[] = []
  for (const item of items) {
    if (item.params.kind === 'submitted') submittedBy.set(item.params.fellowName, (submittedBy.get(item.params.fellowName) ?? 0) + item.params.count)
    else others.push(item)
  }
  const submittedTotal = [...submittedBy.values()].reduce((a, b) => a + b, 0)
  const sections: string[] = []
  if (submittedTotal) {
    sections.push(
      [
        `${records(submittedTotal)} ${submittedTotal === 1 ? 'was' : 'were'} submitted for your review:`,
        ...[...submittedBy].map(([name, n]) => `  - ${name}: ${records(n)}`),
        `Open your review queue: ${origin}/review`,
      ].join('\n'),
    )
  }
  if (others.length) sections.push([`What else happened:`, ...others.map((o) => `  - ${o.text}: ${origin}${o.link}`)].join('\n'))
  const subject =
    !others.length && submittedTotal
      ? `${records(submittedTotal)} submitted for your review`
      : `${items.length} new notification${items.length === 1 ? '' : 's'} from KAP Fellowship`
  const how = cadence === 'daily' ? 'once a day' : cadence === 'hourly' ? 'at most once an hour' : 'as things happen'
  return {
    to: person.email,
    subject,
    body: [
      `Hello ${person.name},`,
      '',
      ...sections.flatMap((s) => [s, '']),
      `All your notifications: ${origin}/notifications`,
      `You are mailed ${how}; change it in your settings: ${origin}/settings/notifications`,
    ].join('\n'),
  }
}
