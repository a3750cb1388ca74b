import type { UseFormRegisterReturn } from 'react-hook-form'
import { TextAreaField } from '#app/components/forms.tsx'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import type { CertificateStatus } from './codes.ts'

export function CertificateStatusBadge({ status }: { status: CertificateStatus }) {
  return <span className={`badge ${status}`}>{status}</span>
}

type Snapshot = {
  requirements?: { label: string; have: number; need: number }[]
  experientialSessions?: number
  sitterSessions?: number
  practicumHours?: number
  supervisionHours?: number
  supervisors?: string[]
}

/** What the certificate recorded as met on the day it was issued; its heading one level below the section it sits in. */
export function RequirementsSnapshot({ json, issuedAt, headingLevel = 3 }: { json: string; issuedAt: string; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const { formatDate } = useFormat()
  const snapshot = JSON.parse(json) as Snapshot
  return (
    <section aria-labelledby="snapshot-heading">
      <Heading id="snapshot-heading">Requirements met on {formatDate(issuedAt)}</Heading>
      <ul className="requirements">
        {(snapshot.requirements ?? []).map((r) => (
          <li key={r.label} className="met">
            <span aria-hidden="true">✓</span> {r.label}
            {r.need > 1 ? ` (${r.have} / ${r.need})` : ''}
          </li>
        ))}
      </ul>
      {snapshot.supervisors?.length ? <p className="small muted">Approving supervisors: {snapshot.supervisors.join(', ')}</p> : null}
    </section>
  )
}

/** The reason for revoking and whether the public may read it: the same for one certificate or several. */
export function RevocationFields({
  reason,
  showReason,
  errors,
  defaultReason,
  several,
}: {
  reason: UseFormRegisterReturn
  showReason: UseFormRegisterReturn
  errors: { reason?: string; showReason?: string }
  defaultReason?: string
  several: boolean
}) {
  return (
    <>
      <TextAreaField label="Reason" defaultValue={defaultReason} registration={reason} error={errors.reason} />
      <label className="choice">
        <input type="checkbox" value="on" {...showReason} />
        <span>Show the reason on the public verify page{several ? 's' : ''}</span>
      </label>
      <p className="field-error">{errors.showReason}</p>
    </>
  )
}
