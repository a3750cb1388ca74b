import type { AuditContext } from '#app/audit/audit.server.ts'
import { Throttle } from '#app/auth/throttle.server.ts'
import { waitMessage } from '#app/auth/throttle.ts'
import { db } from '#app/db.server.ts'

const HOUR = 3_600_000

// Serials run in order (KAP-2026-000001, …000002), so unlike the random codes they could be
// walked to list every holder. Lookups by serial are counted per IP: a verifier checks a few;
// VERIFY_SERIAL_LOOKUPS an hour (30 unless set) are allowed before a wait.
const serialThrottle = new Throttle('verify-serial', () => ({
  maxAttempts: Number(process.env.VERIFY_SERIAL_LOOKUPS ?? 30),
  baseDelayMs: 5 * 60_000,
  maxDelayMs: HOUR,
  windowMs: HOUR,
}))

// Checking a pasted credential costs tens of milliseconds of CPU (canonicalising and verifying a
// signature), so an address may ask VERIFY_CREDENTIAL_CHECKS an hour (60 unless set) before a wait.
const credentialThrottle = new Throttle('verify-credential', () => ({
  maxAttempts: Number(process.env.VERIFY_CREDENTIAL_CHECKS ?? 60),
  baseDelayMs: 5 * 60_000,
  maxDelayMs: HOUR,
  windowMs: HOUR,
}))

/** Counts one credential check from this address; a message when it must wait first. */
export async function allowCredentialCheck(context: AuditContext): Promise<{ ok: true } | { ok: false; message: string }> {
  const keys = [`ip:${context.ip ?? 'unknown'}`]
  const wait = await credentialThrottle.retryAfter(keys)
  if (wait > 0) return { ok: false, message: `${waitMessage(wait, 'credential checks from this address')} A certificate's code can be looked up at any time.` }
  await credentialThrottle.recordAttempt(keys)
  return { ok: true }
}

/** The verification code of the certificate with this serial, or why there is none to show. */
export async function codeForSerial(
  serial: string,
  context: AuditContext,
): Promise<{ ok: true; code: string } | { ok: false; status: 404 | 429; message: string }> {
  const keys = [`ip:${context.ip ?? 'unknown'}`]
  const wait = await serialThrottle.retryAfter(keys)
  if (wait > 0)
    return { ok: false, status: 429, message: `${waitMessage(wait, 'lookups by serial')} The verification code printed beside the serial works at any time.` }
  await serialThrottle.recordAttempt(keys)
  const cert = await db.selectFrom('certificates').select('code').where('serial', '=', serial).executeTakeFirst()
  return cert
    ? { ok: true, code: cert.code }
    : { ok: false, status: 404, message: `No certificate has the serial ${serial}. Check that it was typed exactly as printed.` }
}
