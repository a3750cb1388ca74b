import type { Mail } from '#app/mail/mail.server.ts'

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
    subject: `Your ${record.kind} record of ${record.occurredOn} was returned`,
    body: [
      `Hello ${fellow.name},`,
      '',
      `${supervisorName} returned your ${record.kind} record of ${record.occurredOn} with this comment:`,
      '',
      comment,
      '',
      `Fix it and submit it again: ${origin}/hours/${record.id}`,
    ].join('\n'),
  }
}
