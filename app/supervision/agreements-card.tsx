import { Link } from '@remix-run/react'
import type { EvaluationStage } from '#db/schema.ts'
import { formatDateTime } from '#app/utils/format.ts'
import { AGREEMENT_STATUS_LABELS, type AgreementStatus } from './agreements.ts'
import { STAGE_LABELS } from './evaluations.ts'

type Props = {
  fellowId: number
  agreements: { supervisorId: number; supervisorName: string; status: AgreementStatus; href: string }[]
  evaluations: {
    id: number
    stage: EvaluationStage
    signed_at: string | null
    passed: number | null
    acknowledged_at: string | null
    supervisor_name: string
  }[]
  canEvaluate: boolean
}

/** A fellow's learning agreements and competency evaluations, on the supervisor's and staff's pages of the fellow. */
export function SupervisionCard({ fellowId, agreements, evaluations, canEvaluate }: Props) {
  return (
    <section className="card" aria-labelledby="supervision-heading">
      <h2 id="supervision-heading">Learning agreement and evaluations</h2>
      <h3>Learning agreement</h3>
      {agreements.length ? (
        <ul>
          {agreements.map((a) => (
            <li key={a.supervisorId}>
              <Link to={a.href}>With {a.supervisorName}</Link>: {AGREEMENT_STATUS_LABELS[a.status]}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No supervisor is assigned, so there is no agreement.</p>
      )}
      <h3>Competency evaluations</h3>
      {evaluations.length ? (
        <ul>
          {evaluations.map((e) => (
            <li key={e.id}>
              <Link to={`/evaluations/${e.id}`}>
                {STAGE_LABELS[e.stage]} by {e.supervisor_name}
              </Link>
              :{' '}
              {e.signed_at
                ? `${e.passed ? 'passing' : 'not yet passing'}, signed ${formatDateTime(e.signed_at)}${e.acknowledged_at ? ', acknowledged' : ', not yet acknowledged'}`
                : 'not signed yet'}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">No evaluations yet.</p>
      )}
      {canEvaluate ? (
        <p>
          <Link className="button secondary" to={`/evaluations/new?fellow=${fellowId}&stage=midpoint`}>
            Start a midpoint evaluation
          </Link>{' '}
          <Link className="button secondary" to={`/evaluations/new?fellow=${fellowId}&stage=final`}>
            Start a final evaluation
          </Link>
        </p>
      ) : null}
    </section>
  )
}
