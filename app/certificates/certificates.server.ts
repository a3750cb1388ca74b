import { sql } from 'kysely'
import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { db, nowIso, writeTransaction, type Database } from '#app/db.server.ts'
import { appOrigin } from '#app/env.server.ts'
import { notify } from '#app/notifications/notify.server.ts'
import { eligibilityFor } from '#app/programs/eligibility.server.ts'
import { PAGE_SIZE } from '#app/utils/pagination.ts'
import { fail, refusalOf, refuseWith } from '#app/utils/result.ts'
import { certificateStatus, expiryFor, generateVerificationCode, nextSerial } from './codes.ts'

export function verifyUrl(origin: string, code: string) {
  return `${origin}/verify/${code}`
}

/** A valid (not revoked, not expired) certificate the person already holds for the program. */
async function currentCertificate(executor: Database, userId: number, programSlug: string) {
  const rows = await executor
    .selectFrom('certificates')
    .select(['id', 'serial', 'revoked_at', 'expires_at'])
    .where('user_id', '=', userId)
    .where('program_slug', '=', programSlug)
    .where('revoked_at', 'is', null)
    .execute()
  return rows.find((c) => certificateStatus(c) === 'valid') ?? null
}

/**
 * Issues a certificate after checking eligibility again on the server (a forged
 * POST for an ineligible person is refused) and that no valid one exists.
 */
export async function issueCertificate(staff: SessionUser, userId: number, programSlug: string, context: AuditContext) {
  const program = getCatalog().program(programSlug)
  if (!program) return fail('program', 'There is no such program.')
  const holder = await db.selectFrom('users').select(['id', 'name', 'email']).where('id', '=', userId).executeTakeFirst()
  if (!holder) return fail('form', 'There is no such person.')
  const eligibility = (await eligibilityFor(userId)).find((e) => e.slug === programSlug)!
  if (!eligibility.eligible) {
    const missing = eligibility.requirements.filter((r) => !r.met).map((r) => r.missing)
    return fail('program', `Not eligible for ${program.title} yet: ${missing.join('; ')}.`)
  }
  const issuer = await db.selectFrom('users').select('name').where('id', '=', staff.id).executeTakeFirstOrThrow()
  const issuedAt = new Date()
  const year = issuedAt.getUTCFullYear()
  const code = generateVerificationCode()
  const result = await writeTransaction(
    async (trx) => {
      if (await currentCertificate(trx, userId, programSlug)) {
        return fail('program', `${holder.name} already holds a valid ${program.title} certificate. Revoke it first to issue a new one.`)
      }
      const last = await trx
        .selectFrom('certificates')
        .select('serial')
        .where('serial', 'like', `KAP-${year}-%`)
        // By length first: as text, KAP-2026-999999 sorts after KAP-2026-1000000.
        .orderBy(sql`length(serial)`, 'desc')
        .orderBy('serial', 'desc')
        .executeTakeFirst()
      const serial = nextSerial(last?.serial, year)
      const { id } = await trx
        .insertInto('certificates')
        .values({
          serial,
          code,
          user_id: userId,
          program_slug: program.slug,
          program_title: program.title,
          holder_name: holder.name,
          issued_at: issuedAt.toISOString(),
          issued_by: staff.id,
          issuer_name: issuer.name,
          requirements: JSON.stringify({
            requirements: eligibility.requirements.map(({ label, have, need }) => ({ label, have, need })),
            ...eligibility.snapshot,
          }),
          expires_at: expiryFor(issuedAt, program.validityMonths),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await audit(
        context,
        { actorId: staff.id, action: 'certificate.issue', subject: `certificate:${id}`, detail: { serial, userId, program: program.slug } },
        trx,
      )
      await notify(
        trx,
        userId,
        { kind: 'certificate_issued', certificateId: id, programTitle: program.title, serial },
        {
          mail: {
            to: holder.email,
            subject: `Your ${program.title} certificate`,
            body: [
              `Hello ${holder.name},`,
              '',
              `Congratulations: the institute has issued your ${program.title} certificate (${serial}).`,
              `Download it: ${appOrigin()}/certificates/${id}`,
              `Anyone can check it is genuine at ${verifyUrl(appOrigin(), code)}`,
            ].join('\n'),
          },
        },
      )
      return { ok: true as const, id, serial }
    },
    { durable: true },
  )
  return result
}

type Revocation = { reason: string; showReason: boolean }

/** Revokes one certificate inside `trx`: kept, marked, audited, and the holder told. */
async function revokeWithin(trx: Database, staff: SessionUser, certificateId: number, { reason, showReason }: Revocation, context: AuditContext, bulk = false) {
  const cert = await trx
    .selectFrom('certificates')
    .innerJoin('users', 'users.id', 'certificates.user_id')
    .select([
      'certificates.id',
      'certificates.serial',
      'certificates.program_title',
      'certificates.revoked_at',
      'users.id as userId',
      'users.name',
      'users.email',
    ])
    .where('certificates.id', '=', certificateId)
    .executeTakeFirst()
  if (!cert) return fail('form', 'There is no such certificate.')
  if (cert.revoked_at) return fail('form', bulk ? `Certificate ${cert.serial} is already revoked.` : 'This certificate is already revoked.')
  await trx
    .updateTable('certificates')
    .set({ revoked_at: nowIso(), revoked_by: staff.id, revocation_reason: reason, reason_public: showReason ? 1 : 0 })
    .where('id', '=', certificateId)
    .where('revoked_at', 'is', null)
    .execute()
  await audit(
    context,
    {
      actorId: staff.id,
      action: 'certificate.revoke',
      subject: `certificate:${certificateId}`,
      detail: { serial: cert.serial, reason, showReason, ...(bulk ? { bulk: true } : {}) },
    },
    trx,
  )
  const revoked = { kind: 'certificate_revoked' as const, certificateId, programTitle: cert.program_title, serial: cert.serial, reason }
  await notify(trx, cert.userId, revoked, {
    mail: {
      to: cert.email,
      subject: `Your ${cert.program_title} certificate was revoked`,
      body: [
        `Hello ${cert.name},`,
        '',
        `The institute revoked your ${cert.program_title} certificate (${cert.serial}).`,
        `Reason: ${reason}`,
        '',
        'If you have questions, reply to institute staff.',
      ].join('\n'),
    },
  })
  return null
}

export async function revokeCertificate(staff: SessionUser, certificateId: number, revocation: Revocation, context: AuditContext) {
  return writeTransaction(async (trx) => (await revokeWithin(trx, staff, certificateId, revocation, context)) ?? { ok: true as const }, { durable: true })
}

/** Several certificates, one reason: all of them or none (a stale selection changes nothing). */
export async function revokeCertificates(staff: SessionUser, ids: number[], revocation: Revocation, context: AuditContext) {
  return writeTransaction(
    async (trx) => {
      for (const id of ids) {
        const failure = await revokeWithin(trx, staff, id, revocation, context, true)
        if (failure) refuseWith({ ...failure, message: `Nothing was revoked. ${failure.message}` })
      }
      return { ok: true as const, count: ids.length }
    },
    { durable: true },
  ).catch(refusalOf)
}

export async function certificatesOf(userId: number) {
  return db.selectFrom('certificates').selectAll().where('user_id', '=', userId).orderBy('issued_at', 'desc').execute()
}

export async function certificateById(id: number) {
  return db.selectFrom('certificates').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function certificateByCode(code: string) {
  return db.selectFrom('certificates').selectAll().where('code', '=', code).executeTakeFirst()
}

export async function certificatesPage(page: number) {
  return db
    .selectFrom('certificates')
    .select(['id', 'serial', 'holder_name', 'user_id', 'program_title', 'issued_at', 'expires_at', 'revoked_at'])
    .orderBy('issued_at', 'desc')
    .orderBy('id', 'desc')
    .limit(PAGE_SIZE + 1)
    .offset((page - 1) * PAGE_SIZE)
    .execute()
}

/** Valid certificates whose expiry falls within the next `days` days, soonest first. */
export async function expiringCertificates(days: number, now = new Date()) {
  const until = new Date(now.getTime() + days * 86_400_000).toISOString()
  return db
    .selectFrom('certificates')
    .select(['id', 'serial', 'holder_name', 'user_id', 'program_title', 'expires_at'])
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .where('expires_at', '<=', until)
    .orderBy('expires_at')
    .limit(200)
    .execute()
}
