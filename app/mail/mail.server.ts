import nodemailer, { type Transporter } from 'nodemailer'
import { db, nowIso, type Database } from '#app/db.server.ts'

export type Mail = { to: string; subject: string; body: string }

/**
 * Every mail lands in the outbox table, inside the caller's transaction, so a
 * rolled-back change never sends one. With SMTP_URL set, `deliverPending` sends
 * what is queued after the commit. Returns the outbox ids, in the order given.
 */
export async function queueMail(executor: Database, mails: Mail | Mail[]): Promise<number[]> {
  const list = Array.isArray(mails) ? mails : [mails]
  if (list.length === 0) return []
  const at = nowIso()
  const rows = await executor
    .insertInto('outbox')
    .values(list.map((m) => ({ to_address: m.to, subject: m.subject, body: m.body, created_at: at })))
    .returning('id')
    .execute()
  if (process.env.SMTP_URL) queueMicrotask(() => void deliverPending())
  return rows.map((r) => r.id)
}

let transport: Transporter | undefined
let delivering = false

export async function deliverPending() {
  const url = process.env.SMTP_URL
  if (!url || delivering) return
  delivering = true
  try {
    transport ??= nodemailer.createTransport(url)
    const pending = await db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).where('error', 'is', null).orderBy('id').limit(50).execute()
    for (const mail of pending) {
      try {
        await transport.sendMail({
          from: process.env.MAIL_FROM ?? 'KAP Fellowship <no-reply@kap-fellowship.local>',
          to: mail.to_address,
          subject: mail.subject,
          text: mail.body,
        })
        await db.updateTable('outbox').set({ sent_at: nowIso() }).where('id', '=', mail.id).execute()
      } catch (error) {
        await db
          .updateTable('outbox')
          .set({ error: String(error).slice(0, 500) })
          .where('id', '=', mail.id)
          .execute()
      }
    }
  } finally {
    delivering = false
  }
}
