import { Form, Link } from '@remix-run/react'
import { FormError } from '#app/components/forms.tsx'
import { useIntentResult } from '#app/staff/intent-form.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'

type ProgramView = {
  slug: string
  title: string
  eligible: boolean
  holdsValid: boolean
  requirements: { key: string; label: string; met: boolean; have: number; need: number; missing: string | null }[]
}

export function ProgramsCard({
  programs,
  certificates,
}: {
  programs: ProgramView[]
  certificates: { id: number; serial: string; program_title: string; issued_at: string; status: string }[]
}) {
  const { formatDate } = useFormat()
  const issueError = useIntentResult('issue')?.errors?.program
  return (
    <section className="card" aria-labelledby="programs-heading">
      <h2 id="programs-heading">Programs and certificates</h2>
      <FormError error={issueError} />
      <div className="columns">
        {programs.map((p) => {
          const reason = p.holdsValid
            ? 'Already holds a valid certificate for this program.'
            : p.eligible
              ? null
              : 'Not eligible yet: see what is missing above.'
          return (
            <article key={p.slug} className="program" aria-labelledby={`program-${p.slug}`}>
              <h3 id={`program-${p.slug}`}>
                {p.title} {p.eligible ? <span className="badge met">eligible</span> : <span className="badge">not yet eligible</span>}
              </h3>
              <ul className="requirements">
                {p.requirements.map((r) => (
                  <li key={r.key} className={r.met ? 'met' : 'unmet'}>
                    <span aria-hidden="true">{r.met ? '✓' : '○'}</span> {r.label}
                    {r.need > 1 ? ` (${r.have} / ${r.need})` : ''}
                    {r.missing ? <span className="muted small"> — {r.missing}</span> : null}
                  </li>
                ))}
              </ul>
              <Form method="post">
                <input type="hidden" name="intent" value="issue" />
                <input type="hidden" name="program" value={p.slug} />
                <button type="submit" className="button small" disabled={!!reason} aria-describedby={reason ? `reason-${p.slug}` : undefined}>
                  Issue certificate
                </button>
                {reason ? (
                  <p className="muted small" id={`reason-${p.slug}`}>
                    {reason}
                  </p>
                ) : null}
              </Form>
            </article>
          )
        })}
      </div>
      <h3>Certificates</h3>
      {certificates.length === 0 ? (
        <p className="muted">None issued.</p>
      ) : (
        <ul className="plain-list">
          {certificates.map((c) => (
            <li key={c.id}>
              <Link to={`/staff/certificates/${c.id}`}>{c.serial}</Link> · {c.program_title} · issued {formatDate(c.issued_at)}{' '}
              <span className={`badge ${c.status}`}>{c.status}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
