import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { requireUser } from '#app/auth/guard.server.ts'
import { ProgressMeter } from '#app/components/progress-meter.tsx'
import { dashboardFor } from '#app/dashboard/dashboard.server.ts'
import { HoursSummary } from '#app/hours/components.tsx'
import { AGREEMENT_STATUS_LABELS } from '#app/supervision/agreements.ts'
import { STAGE_LABELS } from '#app/supervision/evaluations.ts'
import { plural } from '#app/utils/format.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'

export const meta: MetaFunction = () => [{ title: 'Dashboard · KAP Fellowship' }]

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return { user, ...(await dashboardFor(user)) }
}

export default function Dashboard() {
  const { formatDateTime } = useFormat()
  const { user, learning, fellow, supervisor, staff } = useLoaderData<typeof loader>()
  return (
    <>
      <h1>Welcome, {user.name}</h1>
      <p className="muted">Here is what to do next.</p>
      {fellow && fellow.toConfirm > 0 ? (
        <p className="alert alert-info" role="note">
          {plural(fellow.toConfirm, 'sitter session')} you sat with another fellow {fellow.toConfirm === 1 ? 'waits' : 'wait'} for your confirmation.{' '}
          <Link to="/hours/co-sitting">Confirm or decline</Link>.
        </p>
      ) : null}
      {fellow && (fellow.returned > 0 || fellow.drafts > 0) ? (
        <div className="alert alert-warning" role="note">
          {fellow.returned > 0 ? (
            <>
              <strong>{plural(fellow.returned, 'record')} returned</strong> for changes: fix and resubmit.{' '}
              <Link to="/hours?status=returned">Open returned records</Link>.{' '}
            </>
          ) : null}
          {fellow.drafts > 0 ? (
            <>
              {plural(fellow.drafts, 'draft')} not yet submitted. <Link to="/hours?status=draft">Review drafts</Link>.
            </>
          ) : null}
        </div>
      ) : null}
      {fellow && fellow.agreements.some((a) => !a.signed) ? (
        <div className="alert alert-warning" role="note">
          <strong>Your practicum records cannot be submitted yet.</strong> They go to your supervisors only once the learning agreement with each of them is
          signed by both of you:{' '}
          {fellow.agreements
            .filter((a) => !a.signed)
            .map((a, i) => (
              <span key={a.supervisorId}>
                {i > 0 ? ', ' : ''}
                <Link to={a.href}>learning agreement with {a.supervisorName}</Link> ({AGREEMENT_STATUS_LABELS[a.status].toLowerCase()})
              </span>
            ))}
          .
        </div>
      ) : null}
      <div className="columns">
        {supervisor ? (
          <section className="card" aria-labelledby="review-heading">
            <h2 id="review-heading">Review</h2>
            <p className="stat">{supervisor.waiting}</p>
            <p>
              {supervisor.waiting === 1 ? 'record is' : 'records are'} waiting for your decision
              {supervisor.oldestSubmittedAt ? `; the oldest since ${formatDateTime(supervisor.oldestSubmittedAt)}` : ''}. You supervise{' '}
              {plural(supervisor.fellows, 'fellow')}.
            </p>
            <Link className="button" to="/review">
              Open the review queue
            </Link>
          </section>
        ) : null}
        {staff ? (
          <section className="card" aria-labelledby="staff-heading">
            <h2 id="staff-heading">Program</h2>
            <ul>
              <li>{plural(staff.people, 'active account')}</li>
              <li>{plural(staff.pendingInvitations, 'invitation')} not yet accepted</li>
              <li>{staff.unassignedFellows === 0 ? 'Every fellow has a supervisor' : `${plural(staff.unassignedFellows, 'fellow')} without a supervisor`}</li>
              <li>{plural(staff.expiring, 'certificate')} expiring within 90 days</li>
            </ul>
            <p>
              <Link to="/staff/people">People</Link> · <Link to="/staff/cohorts">Cohorts</Link> · <Link to="/staff/certificates">Certificates</Link> ·{' '}
              <Link to="/staff/invitations">Invite someone</Link>
            </p>
          </section>
        ) : null}
        {learning ? (
          <section className="card" aria-labelledby="learning-heading">
            <h2 id="learning-heading">Curriculum</h2>
            {learning.map((c) => (
              <div key={c.slug}>
                <ProgressMeter label={c.title} value={c.completed} max={c.total} />
                <p className="small">
                  {c.complete ? (
                    'Complete.'
                  ) : c.locked ? (
                    <span className="muted">{c.locked}</span>
                  ) : c.next ? (
                    <>
                      Next: <Link to={`/learn/${c.slug}/${c.next.slug}`}>{c.next.title}</Link>
                    </>
                  ) : null}
                </p>
              </div>
            ))}
          </section>
        ) : null}
        {fellow ? (
          <section className="card" aria-labelledby="hours-heading">
            <h2 id="hours-heading">Hours</h2>
            <HoursSummary tally={fellow.tally} targets={fellow.targets} />
            <Link className="button" to="/hours/new">
              Log a record
            </Link>
          </section>
        ) : null}
      </div>
      {fellow ? (
        <section className="card" aria-labelledby="programs-heading">
          <h2 id="programs-heading">Your programs</h2>
          <p className="muted small">Computed from approved records and passed lessons only.</p>
          <div className="columns">
            {fellow.eligibility.map((p) => (
              <article key={p.slug} className="program" aria-labelledby={`p-${p.slug}`}>
                <h3 id={`p-${p.slug}`}>
                  {p.title} {p.eligible ? <span className="badge met">requirements met</span> : null}
                </h3>
                <ul className="requirements">
                  {p.requirements.map((r) => (
                    <li key={r.key} className={r.met ? 'met' : 'unmet'}>
                      <span aria-hidden="true">{r.met ? '✓' : '○'}</span> {r.met ? r.label : r.missing}
                    </li>
                  ))}
                </ul>
              </article>
            ))}
          </div>
          <Link to="/certificates">Your certificates</Link>
        </section>
      ) : null}
      {fellow && (fellow.agreements.length > 0 || fellow.evaluations.length > 0) ? (
        <section className="card" aria-labelledby="supervision-heading">
          <h2 id="supervision-heading">Supervision</h2>
          <h3>Learning agreements</h3>
          {fellow.agreements.length ? (
            <ul>
              {fellow.agreements.map((a) => (
                <li key={a.supervisorId}>
                  <Link to={a.href}>With {a.supervisorName}</Link>: {AGREEMENT_STATUS_LABELS[a.status]}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No supervisor is assigned to you yet.</p>
          )}
          <h3>Competency evaluations</h3>
          {fellow.evaluations.length ? (
            <ul>
              {fellow.evaluations.map((e) => (
                <li key={e.id}>
                  <Link to={`/evaluations/${e.id}`}>
                    {STAGE_LABELS[e.stage]} by {e.supervisor_name}
                  </Link>
                  : {e.passed ? 'passing' : 'not yet passing'}, signed {formatDateTime(e.signed_at!)}
                  {e.acknowledged_at ? ' · acknowledged' : ' · waiting for your acknowledgement'}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">No evaluation has been signed yet. Your supervisors evaluate you at the midpoint and at the end of the fellowship.</p>
          )}
        </section>
      ) : null}
    </>
  )
}
