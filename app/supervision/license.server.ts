import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import { db, nowIso, writeTransaction, type Database } from '#app/db.server.ts'
import { fail, type Failure } from '#app/utils/result.ts'
import type { License } from './license.ts'

/** A person's license as the rules read it, with who checked it; null for no such person. */
export async function licenseOf(userId: number, executor: Database = db): Promise<(License & { checkedByName: string | null }) | null> {
  const row = await executor
    .selectFrom('users')
    .leftJoin('users as checker', 'checker.id', 'users.license_checked_by')
    .select([
      'users.license_type',
      'users.license_number',
      'users.license_state',
      'users.license_expires_on',
      'users.license_status',
      'users.license_checked_at',
      'users.license_check_note',
      'checker.name as checked_by_name',
    ])
    .where('users.id', '=', userId)
    .executeTakeFirst()
  if (!row) return null
  return {
    type: row.license_type,
    number: row.license_number,
    jurisdiction: row.license_state,
    expiresOn: row.license_expires_on,
    status: row.license_status,
    checkedAt: row.license_checked_at,
    checkNote: row.license_check_note,
    checkedByName: row.checked_by_name,
  }
}

export type LicenseDetails = { licenseType: string; licenseNumber: string; licenseState: string; licenseExpiresOn: string }

/**
 * The supervisor's own details. Any change to them is a license staff have not seen: it goes
 * back to unverified, and approvals wait until staff verify it again.
 */
export async function saveOwnLicense(userId: number, details: LicenseDetails, context: AuditContext) {
  return writeTransaction(async (trx) => {
    const before = await licenseOf(userId, trx)
    const changed =
      before?.type !== details.licenseType ||
      before?.number !== details.licenseNumber ||
      before?.jurisdiction !== details.licenseState ||
      before?.expiresOn !== details.licenseExpiresOn
    if (!changed) return { changed: false, status: before!.status }
    await trx
      .updateTable('users')
      .set({
        license_type: details.licenseType,
        license_number: details.licenseNumber,
        license_state: details.licenseState,
        license_expires_on: details.licenseExpiresOn,
        license_status: 'unverified',
        license_checked_at: null,
        license_checked_by: null,
        license_check_note: null,
      })
      .where('id', '=', userId)
      .execute()
    await audit(context, { actorId: userId, action: 'license.update', subject: `user:${userId}`, detail: details }, trx)
    return { changed: true, status: 'unverified' as const }
  })
}

/**
 * Staff's finding on a supervisor's license: verified (and how, e.g. "state board lookup")
 * or lapsed (and why). Refused when there is nothing on file to check.
 */
export async function checkLicense(
  staffId: number,
  supervisorId: number,
  finding: { status: 'verified' | 'lapsed'; note: string },
  context: AuditContext,
): Promise<{ ok: true } | Failure> {
  return writeTransaction(async (trx) => {
    const license = await licenseOf(supervisorId, trx)
    if (!license) return fail('form', 'There is no such person.')
    if (!license.type || !license.number || !license.jurisdiction || !license.expiresOn) {
      return fail('form', 'There is no complete license on file to check: the supervisor enters type, number, jurisdiction and expiry in their settings first.')
    }
    await trx
      .updateTable('users')
      .set({ license_status: finding.status, license_checked_at: nowIso(), license_checked_by: staffId, license_check_note: finding.note })
      .where('id', '=', supervisorId)
      .execute()
    await audit(
      context,
      {
        actorId: staffId,
        action: finding.status === 'verified' ? 'license.verify' : 'license.lapse',
        subject: `user:${supervisorId}`,
        detail: { note: finding.note, type: license.type, number: license.number, jurisdiction: license.jurisdiction, expiresOn: license.expiresOn },
      },
      trx,
    )
    return { ok: true as const }
  })
}
