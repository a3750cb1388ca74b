import { formatDate } from '#app/utils/format.ts'
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

/** What the certificate recorded as met on the day it was issued. */
export function RequirementsSnapshot({ json, issuedAt }: { json: string; issuedAt: string }) {
  const snapshot = JSON.parse(json) as Snapshot
  return (
    <section aria-labelledby="snapshot-heading">
      <h3 id="snapshot-heading">Requirements met on {formatDate(issuedAt)}</h3>
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
