import type { Mail } from '#app/mail/mail.server.ts'
import { formatDate } from '#app/utils/format.ts'

// The texts of the hours workflow's mails: plain functions, so the wording is read and tested in one place.

const plural = (n: number) => `${n} record${n === 1 ? '' : 's'}`

export function submittedMail(supervisor: { name: string; email: string }, fellowName: string, count: number, origin: string): Mail {
  return {
    to: supervisor.email,
    subject: `${fellowName} submitted ${plural(count)} for review`,
    body: [`Hello ${supervisor.name},`, '', `${fellowName} submitted ${plural(count)} for your review.`, `Open your review queue: ${origin}/review`].join('\n'),
  }
}

export function returnedMail(
  fellow: { name: string; email: string },
  record: { id: number; kind: string; occurredOn: string },
  supervisorName: string,
  comment: string,
  origin: string,
): Mail {
  return {
    to: fellow.email,
    subject: `Your ${record.kind} record of ${formatDate(record.occurredOn)} was returned`,
    body: [
      `Hello ${fellow.name},`,
      '',
      `${supervisorName} returned your ${record.kind} record of ${formatDate(record.occurredOn)} with this comment:`,
      '',
      comment,
      '',
      `Fix it and submit it again: ${origin}/hours/${record.id}`,
    ].join('\n'),
  }
}

export function coSitterMail(
  coSitter: { name: string; email: string },
  fellowName: string,
  record: { occurredOn: string; startTime: string | null; endTime: string | null },
  origin: string,
): Mail {
  const when = record.startTime && record.endTime ? `${formatDate(record.occurredOn)}, ${record.startTime}–${record.endTime}` : formatDate(record.occurredOn)
  return {
    to: coSitter.email,
    subject: `${fellowName} named you as co-sitter: please confirm`,
    body: [
      `Hello ${coSitter.name},`,
      '',
      `${fellowName} logged a sitter session on ${when} and named you as the co-sitter.`,
      'It reaches their supervisor once you confirm it. If something is not right, decline it and say what.',
      `Confirm or decline: ${origin}/hours/co-sitting`,
    ].join('\n'),
  }
}

export function declinedMail(
  fellow: { name: string; email: string },
  record: { id: number; occurredOn: string },
  coSitterName: string,
  reason: string,
  origin: string,
): Mail {
  return {
    to: fellow.email,
    subject: `${coSitterName} declined your sitter record of ${formatDate(record.occurredOn)}`,
    body: [
      `Hello ${fellow.name},`,
      '',
      `${coSitterName}, whom you named as co-sitter, did not confirm your sitter record of ${formatDate(record.occurredOn)}:`,
      '',
      reason,
      '',
      `Correct it and submit it again: ${origin}/hours/${record.id}`,
    ].join('\n'),
  }
}

/** One mail per decision batch: approving 30 records of a fellow at once is one mail listing them. */
export function approvedMail(
  fellow: { name: string; email: string },
  supervisorName: string,
  records: { id: number; kind: string; occurredOn: string }[],
  origin: string,
): Mail {
  const shown = records.slice(0, 50)
  return {
    to: fellow.email,
    subject: `${supervisorName} approved ${records.length === 1 ? `your ${records[0]!.kind} record of ${formatDate(records[0]!.occurredOn)}` : `${records.length} of your records`}`,
    body: [
      `Hello ${fellow.name},`,
      '',
      `${supervisorName} approved ${plural(records.length)} of yours:`,
      ...shown.map((r) => `  - ${r.kind} of ${formatDate(r.occurredOn)}: ${origin}/hours/${r.id}`),
      ...(records.length > shown.length ? [`  - and ${records.length - shown.length} more`] : []),
      '',
      `Your hours: ${origin}/hours`,
    ].join('\n'),
  }
}
