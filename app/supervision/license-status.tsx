import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { LICENSE_STATUS_LABELS, type License } from './license.ts'

type Shown = License & { checkedByName: string | null }

/** Where a license stands, in one sentence: for the supervisor ("self") or for staff. */
export function LicenseStatusNote({ license, audience }: { license: Shown; audience: 'self' | 'staff' }) {
  const { formatDate } = useFormat()
  const badge = { verified: 'approved', unverified: 'submitted', lapsed: 'returned' }[license.status]
  const checked = license.checkedAt ? `${formatDate(license.checkedAt)}${license.checkedByName ? ` by ${license.checkedByName}` : ''}` : null
  const text =
    license.status === 'verified'
      ? `Verified ${checked}${license.checkNote ? ` (${license.checkNote})` : ''}; expires ${formatDate(license.expiresOn)}.`
      : license.status === 'lapsed'
        ? `Marked lapsed ${checked}${license.checkNote ? `: ${license.checkNote}` : ''}.`
        : !license.type
          ? audience === 'self'
            ? 'No license on file yet: add it below before approving records.'
            : 'No license on file yet.'
          : audience === 'self'
            ? 'Institute staff have not verified it yet: you can approve records once they have.'
            : 'Not verified yet: this supervisor cannot approve records until you check it.'
  return (
    <p role="status">
      <span className={`badge ${badge}`}>{LICENSE_STATUS_LABELS[license.status]}</span> {text}
    </p>
  )
}
