import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import type { SignatureView } from './sign-off.server.ts'

/** Who signed a record's approval, under which statement and license, and whether it still covers the record as it stands. */
export function SignatureNote({ signature }: { signature: SignatureView | null }) {
  const { formatDate, formatDateTime } = useFormat()
  if (!signature) return null
  const { license } = signature
  const licenseText = [license.type, license.number, license.jurisdiction && `(${license.jurisdiction})`].filter(Boolean).join(' ')
  return (
    <section className="signature-note" aria-label="Approval signature">
      <p>
        Approved {formatDateTime(signature.signedAt)} by <strong>{signature.approverName}</strong>, {licenseText}
        {license.expiresOn ? `, license valid until ${formatDate(license.expiresOn)}` : ''}
        {license.verifiedAt ? `, verified by institute staff ${formatDate(license.verifiedAt)}` : ''}.
      </p>
      {signature.attestation ? (
        <details>
          <summary>
            Signed “{signature.signedName}” under the {signature.attestation.title.toLowerCase()}, version {signature.attestation.version}
          </summary>
          {signature.attestation.text?.split(/\n\s*\n/).map((paragraph, i) => <p key={i}>{paragraph}</p>) ?? (
            <p className="muted">The text of this version is no longer in the content folder; its SHA-256 is {signature.attestation.sha256}.</p>
          )}
        </details>
      ) : (
        <p className="muted small">Approved before approvals were signed with the attestation.</p>
      )}
      {signature.coversCurrentContent === false ? (
        <p className="alert alert-warning" role="note">
          This record was amended after it was signed: the signature covers the version before the amendment (see the history).
        </p>
      ) : null}
    </section>
  )
}
