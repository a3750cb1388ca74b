import { encodeBase32LowerCaseNoPadding } from '@oslojs/encoding'

/** 16 random bytes: 128 bits (well over the 80 required), 26 URL-safe base32 characters. */
export const CODE_BYTES = 16
const CODE_PATTERN = /^[a-z2-7]{26}$/

export function generateVerificationCode() {
  const bytes = new Uint8Array(CODE_BYTES)
  crypto.getRandomValues(bytes)
  return encodeBase32LowerCaseNoPadding(bytes)
}

/** A code's shape, checked before any lookup: odd characters never reach the database. */
export function isWellFormedCode(code: string | undefined): code is string {
  return typeof code === 'string' && CODE_PATTERN.test(code)
}

/** KAP-2026-000123: the year of issue and a number that runs on within it. */
export function formatSerial(year: number, n: number) {
  return `KAP-${year}-${String(n).padStart(6, '0')}`
}

/** The serial after the year's last one (or the first of the year). */
export function nextSerial(lastSerialThisYear: string | null | undefined, year: number) {
  const last = lastSerialThisYear ? Number(/^KAP-\d{4}-(\d{6,})$/.exec(lastSerialThisYear)?.[1] ?? 0) : 0
  return formatSerial(year, last + 1)
}

export type CertificateStatus = 'valid' | 'revoked' | 'expired'

export function certificateStatus(cert: { revoked_at: string | null; expires_at: string | null }, now = new Date()): CertificateStatus {
  if (cert.revoked_at) return 'revoked'
  if (cert.expires_at && cert.expires_at <= now.toISOString()) return 'expired'
  return 'valid'
}

/** The expiry of a certificate issued at `issuedAt` for a program valid `months` months (none when unset). */
export function expiryFor(issuedAt: Date, months: number | undefined) {
  if (!months) return null
  const d = new Date(issuedAt)
  const day = d.getUTCDate()
  d.setUTCDate(1)
  d.setUTCMonth(d.getUTCMonth() + months)
  // Clamp to the month's last day: issued on Jan 31 + 1 month = Feb 28/29.
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate()
  d.setUTCDate(Math.min(day, lastDay))
  return d.toISOString()
}

/** What a person typed, as a code: case and separators ignored. Null when empty. */
export function normalizeCode(typed: string) {
  const code = typed
    .toLowerCase()
    .replace(/[\s-]+/g, '')
    .slice(0, 100)
  return code || null
}

/** A typed serial as printed (KAP-2026-000001), case, spaces and dashes aside; null when it is not one. */
export function parseSerial(typed: string) {
  const match = /^\s*kap[\s\-‐‑–—]*(\d{4})[\s\-‐‑–—]*(\d{6,9})\s*$/i.exec(typed)
  return match ? `KAP-${match[1]}-${match[2]}` : null
}

type Revocable = { revoked_at: string | null; revocation_reason: string | null; reason_public: number }

/**
 * What a revoked certificate's PDF says about its revocation: the date, and the reason when
 * staff made it public (a PDF travels; a private reason stays with the institute). Null when valid.
 */
export function revocationNotice(cert: Revocable) {
  if (!cert.revoked_at) return null
  return {
    heading: 'REVOKED',
    date: cert.revoked_at,
    reason: cert.reason_public && cert.revocation_reason ? `Reason: ${cert.revocation_reason}` : 'The institute has not published the reason.',
  }
}
