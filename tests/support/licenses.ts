import { db } from '#app/db.server.ts'
import { createUser } from '#tests/helpers.ts'
import { signedAgreement } from '#tests/support/supervision.ts'

/** What staff's verification leaves on a supervisor's row: a license that may sign approvals until 2099. */
export const VERIFIED = {
  license_expires_on: '2099-12-31',
  license_status: 'verified',
  license_checked_at: '2026-01-05T09:00:00.000Z',
  license_check_note: 'state board lookup',
} as const

/** A signature as checkSignOff returns it, for tests that call the workflow directly (the routes check the real one). */
export function signOffBy(user: { name: string }) {
  return { attestationVersion: '2026-11', attestationSha256: 'f'.repeat(64), signedName: user.name }
}

/** The signature fields an approval form posts: the signer's name and the statement shown (content/attestations/2026-11.md). */
export function signed(user: { name: string }) {
  return { signature: user.name, attestationVersion: '2026-11' }
}

/** A supervisor with a verified LMFT license, assigned to `fellow` (by `assignedBy`, a staff member). */
export async function licensedSupervisorOf(fellow: { id: number }, assignedBy: { id: number }) {
  const supervisor = await createUser(['supervisor'])
  await db
    .updateTable('users')
    .set({ license_type: 'LMFT', license_number: '98765', license_state: 'CA', ...VERIFIED })
    .where('id', '=', supervisor.id)
    .execute()
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: assignedBy.id })
    .execute()
  // Past the learning agreement gate, as a pair at work is.
  await signedAgreement(fellow, supervisor)
  return supervisor
}
