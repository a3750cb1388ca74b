import { Link } from '@remix-run/react'
import { useId, type ReactNode } from 'react'
import type { UseFormRegisterReturn } from 'react-hook-form'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { ACCEPT, formatBytes, typeLabel } from './rules.ts'

/** A document as lists show it: what it is, never its bytes. */
export type DocumentLink = { id: number; name: string; contentType: string; size: number; uploadedAt: string; uploadedBy: string | null }

/**
 * A link that downloads the document. A plain anchor, not a client-side navigation: the
 * answer is a file, and every download goes through the server's check and audit.
 */
export function DocumentAnchor({ document }: { document: DocumentLink }) {
  return (
    <a href={`/documents/${document.id}`} download={document.name}>
      {document.name}
    </a>
  )
}

export function DocumentMeta({ document }: { document: DocumentLink }) {
  const { formatDateTime } = useFormat()
  return (
    <span className="muted small">
      {typeLabel(document.contentType)}, {formatBytes(document.size)} · uploaded {formatDateTime(document.uploadedAt)}
      {document.uploadedBy ? ` by ${document.uploadedBy}` : ''}
    </span>
  )
}

export function DocumentList({ documents, empty }: { documents: DocumentLink[]; empty?: ReactNode }) {
  if (!documents.length) return empty ? <p className="muted">{empty}</p> : null
  return (
    <ul className="plain-list">
      {documents.map((d) => (
        <li key={d.id}>
          <DocumentAnchor document={d} />
          <br />
          <DocumentMeta document={d} />
        </li>
      ))}
    </ul>
  )
}

export const FILE_HINT = 'PDF, PNG or JPEG, at most 10 MB. The file’s content is checked, not its name.'

/**
 * A file input with its label, hint and error. Its form must post `multipart/form-data`.
 * Without JavaScript a refused form comes back without the file (a browser never refills a
 * file input), so the hint asks for it again when there is an error.
 */
export function FileField({
  label,
  error,
  hint = FILE_HINT,
  registration,
}: {
  label: ReactNode
  error?: string
  hint?: ReactNode
  registration: UseFormRegisterReturn & { defaultValue?: string }
}) {
  const id = useId()
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ')
  // A file input takes no value from the page: only the registration's handlers and name.
  const { defaultValue: _ignored, ...input } = registration
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p className="hint" id={`${id}-hint`}>
        {hint}
      </p>
      <input id={id} type="file" accept={ACCEPT} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} />
      {error ? (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  )
}

/** A supervisor's license proofs on their staff page, newest first: what staff open to verify the license. */
export function LicenseProofCard({ proofs }: { proofs: DocumentLink[] }) {
  return (
    <section className="card" aria-labelledby="license-proof-heading">
      <h2 id="license-proof-heading">License proof</h2>
      <DocumentList documents={proofs} empty="No proof uploaded: the supervisor uploads it under Settings → Professional license." />
    </section>
  )
}

/**
 * The files attached to a record, on its pages (the fellow's, the reviewer's, staff's). `attachUrl`
 * when the reader may add one: the fellow, while the record is theirs to change.
 */
export function AttachmentsCard({ attachments, attachUrl }: { attachments: DocumentLink[]; attachUrl?: string }) {
  return (
    <section className="card" aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">Attachments</h2>
      <DocumentList documents={attachments} empty="No files attached." />
      {attachUrl ? (
        <p>
          <Link className="button secondary small" to={attachUrl}>
            Attach a file
          </Link>
        </p>
      ) : null}
    </section>
  )
}
