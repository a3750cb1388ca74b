import type { LicenseStatus } from '#db/schema.ts'
import { formatDate } from '#app/utils/format.ts'

export type License = {
  type: string | null
  number: string | null
  jurisdiction: string | null
  expiresOn: string | null
  status: LicenseStatus
  checkedAt: string | null
  checkNote: string | null
}

/** Days before expiry when the supervisor and staff start being reminded. */
export const EXPIRY_NOTICE_DAYS = 60

function hasDetails(license: License) {
  return Boolean(license.type && license.number && license.jurisdiction && license.expiresOn)
}

function daysBetween(fromIso: string, toIso: string) {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / 86_400_000)
}

/**
 * Why this license cannot sign an approval on `today`, or null when it can: every detail on
 * file, verified by staff, not marked lapsed, and not expired (the expiry day itself still counts).
 * `contact` is the staff member to ask.
 */
export function approvalBlocker(license: License, today: string, contact: string): string | null {
  if (!hasDetails(license)) {
    return 'Add your license (type, number, jurisdiction and expiry date) in Settings before approving: each approval keeps a copy of it.'
  }
  if (license.status === 'lapsed') {
    return `Institute staff marked your license lapsed${license.checkNote ? ` (${license.checkNote})` : ''}, so you cannot approve records. When it is renewed, update it in Settings and ask ${contact} to verify it.`
  }
  if (license.expiresOn! < today) {
    return `Your license expired on ${formatDate(license.expiresOn)}, so you cannot approve records. Update it in Settings when it is renewed, and ask ${contact} to verify it.`
  }
  if (license.status !== 'verified') {
    return `Institute staff have not verified your license yet, so you cannot approve records. Ask ${contact} to verify it.`
  }
  return null
}

/** Days until a verified license expires when that is within the notice period (0 = today), else null. */
export function expiresWithinNotice(license: Pick<License, 'expiresOn' | 'status'>, today: string): number | null {
  if (license.status !== 'verified' || !license.expiresOn) return null
  const days = daysBetween(today, license.expiresOn)
  return days >= 0 && days <= EXPIRY_NOTICE_DAYS ? days : null
}

export const LICENSE_STATUS_LABELS: Record<LicenseStatus, string> = {
  unverified: 'Not yet verified',
  verified: 'Verified',
  lapsed: 'Lapsed',
}
