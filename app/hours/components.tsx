import { Link } from '@remix-run/react'
import type { UseFormRegisterReturn } from 'react-hook-form'
import type { HoursRecord, RecordKind, RecordStatus } from '#db/schema.ts'
import { ProgressMeter } from '#app/components/progress-meter.tsx'
import { DocumentAnchor, type DocumentLink } from '#app/documents/components.tsx'
import { formatDate, formatMinutes, hours } from '#app/utils/format.ts'
import { useFormat } from '#app/utils/time-zone-hooks.tsx'
import { eventChanges, FIELD_LABELS, type FieldChange } from './changes.ts'
import {
  CONTACT_LABELS,
  EVENT_LABELS,
  FORMAT_LABELS,
  KIND_LABELS,
  PHASE_LABELS,
  ROUTE_LABELS,
  SETTING_LABELS,
  SITTER_ROLE_LABELS,
  STATUS_LABELS,
  SUPERVISION_TYPE_LABELS,
} from './labels.ts'
import type { KindTally } from './progress.ts'
import { ListLink } from '#app/components/list-link.tsx'

export function StatusBadge({ status }: { status: RecordStatus }) {
  return <span className={`badge ${status}`}>{STATUS_LABELS[status]}</span>
}

type Targets = { experiential: number; sitter: number; practicumHours: number; supervisionHours: number }

/** "Experiential 7 / 12 approved (2 pending)" and the hours against the program's minimums. */
export function HoursSummary({ tally, targets }: { tally: Record<RecordKind, KindTally>; targets: Targets }) {
  const pending = (n: number, unit = '') => (n ? `(${n}${unit} pending)` : undefined)
  return (
    <div className="hours-summary">
      <ProgressMeter
        label="Experiential sessions approved"
        value={tally.experiential.approved}
        max={targets.experiential}
        detail={pending(tally.experiential.pending)}
      />
      <ProgressMeter label="Sitter sessions approved" value={tally.sitter.approved} max={targets.sitter} detail={pending(tally.sitter.pending)} />
      <ProgressMeter
        label="Practicum hours approved"
        value={Number(hours(tally.practicum.approvedMinutes))}
        max={targets.practicumHours}
        detail={pending(Number(hours(tally.practicum.pendingMinutes)), ' h')}
      />
      <ProgressMeter
        label="Supervision hours approved"
        value={Number(hours(tally.supervision.approvedMinutes))}
        max={targets.supervisionHours}
        detail={pending(Number(hours(tally.supervision.pendingMinutes)), ' h')}
      />
    </div>
  )
}

/** The medical clearance covering today (with its letters), or that there is none: experiential sessions depend on it. */
export function ClearanceStatus({ clearance, letters }: { clearance: { expires_on: string; clinician: string } | null; letters: DocumentLink[] }) {
  if (!clearance) {
    return (
      <p className="small">
        <span className="badge returned">No current medical clearance</span> Experiential sessions can be submitted only for dates a clearance recorded by staff
        covers.
      </p>
    )
  }
  return (
    <p className="small">
      Medical clearance valid until <strong>{formatDate(clearance.expires_on)}</strong> ({clearance.clinician}).
      {letters.map((letter) => (
        <span key={letter.id}>
          {' '}
          Letter: <DocumentAnchor document={letter} />
        </span>
      ))}
    </p>
  )
}

type RecordRow = Pick<HoursRecord, 'id' | 'version' | 'kind' | 'status' | 'occurred_on' | 'minutes' | 'return_comment'>

type RecordsTableProps<R extends RecordRow> = {
  records: R[]
  caption?: string
  /** Where a record's date leads: a supervisor opens a submitted record to decide on it, everyone else to read it. */
  linkTo: (record: R) => `/${string}`
  /** Checkboxes for submitting several records at once, on the rows `selectable` allows. */
  selection?: { registration: UseFormRegisterReturn; selectable: (record: R) => boolean }
  /** The supervisor's comment under a returned record, for the fellow who has to act on it. */
  showReturnComments?: boolean
}

/** A fellow's records, one row each with its date, kind, duration and status. */
export function RecordsTable<R extends RecordRow>({ records, caption, linkTo, selection, showReturnComments = false }: RecordsTableProps<R>) {
  return (
    <div className="table-wrap">
      <table>
        {caption ? <caption className="visually-hidden">{caption}</caption> : null}
        <thead>
          <tr>
            {selection ? (
              <th scope="col">
                <span className="visually-hidden">Select</span>
              </th>
            ) : null}
            <th scope="col">Date</th>
            <th scope="col">Kind</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {records.map((r) => (
            <tr key={r.id}>
              {selection ? (
                <td>
                  {selection.selectable(r) ? (
                    <input
                      type="checkbox"
                      value={`${r.id}:${r.version}`}
                      aria-label={`Select ${KIND_LABELS[r.kind]} of ${formatDate(r.occurred_on)}`}
                      {...selection.registration}
                    />
                  ) : null}
                </td>
              ) : null}
              <td>
                <ListLink to={linkTo(r)}>{formatDate(r.occurred_on)}</ListLink>
              </td>
              <td>{KIND_LABELS[r.kind]}</td>
              <td className="num">{formatMinutes(r.minutes)}</td>
              <td>
                <StatusBadge status={r.status} />
                {showReturnComments && r.status === 'returned' && r.return_comment ? <div className="small muted">“{r.return_comment}”</div> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export type RecordView = Pick<
  HoursRecord,
  | 'id'
  | 'kind'
  | 'status'
  | 'occurred_on'
  | 'minutes'
  | 'setting'
  | 'route'
  | 'medical_team'
  | 'preparation_notes'
  | 'integration_notes'
  | 'participant_code'
  | 'sitter_role'
  | 'phase'
  | 'client_code'
  | 'supervision_format'
  | 'supervisor_name'
  | 'supervision_type'
  | 'group_size'
  | 'practicum_contact'
  | 'started_at'
  | 'ended_at'
  | 'co_sitter_id'
  | 'co_sitter_confirmed_at'
  | 'notes'
  | 'submitted_at'
  | 'decided_at'
  | 'return_comment'
  | 'approver_name'
  | 'approver_license_type'
  | 'approver_license_number'
  | 'approver_license_state'
>

/** Where a sitter record stands with the co-sitter it names. */
function coSitterLine(record: RecordView, coSitterName: string | null | undefined, formatDateTime: (instant: string) => string) {
  if (record.co_sitter_id === null) return record.kind === 'sitter' && record.started_at ? 'None named' : null
  const name = coSitterName ?? 'A fellow'
  if (record.co_sitter_confirmed_at) return `${name}, who confirmed it on ${formatDateTime(record.co_sitter_confirmed_at)}`
  return record.status === 'submitted' ? `${name}, whose confirmation is awaited before a supervisor can decide` : `${name} (confirms it once it is submitted)`
}

/** Every field of a record, as a definition list. */
export function RecordDetails({ record, fellowName, coSitterName }: { record: RecordView; fellowName?: string; coSitterName?: string | null }) {
  // Instants in the reader's zone; a record's date is a calendar day and never shifts.
  const { formatDateTime } = useFormat()
  const label = (labels: Record<string, string>, value: string | null) => (value ? (labels[value] ?? value) : null)
  const rows: [string, string | null][] = [
    ['Fellow', fellowName ?? null],
    ['Kind', KIND_LABELS[record.kind]],
    ['Date', formatDate(record.occurred_on)],
    ['Time', record.started_at && record.ended_at ? `${record.started_at}–${record.ended_at}` : null],
    ['Duration', formatMinutes(record.minutes)],
    ['Setting', SETTING_LABELS[record.setting] ?? record.setting],
    ['Route', record.route ? (ROUTE_LABELS[record.route] ?? record.route) : null],
    ['Prescriber / medical team', record.medical_team],
    ['Participant code', record.participant_code],
    ['Role', label(SITTER_ROLE_LABELS, record.sitter_role)],
    ['Other sitter', coSitterLine(record, coSitterName, formatDateTime)],
    ['Phase', label(PHASE_LABELS, record.phase)],
    ['Client contact', record.kind === 'practicum' ? (label(CONTACT_LABELS, record.practicum_contact) ?? 'Not recorded') : null],
    ['Client code', record.client_code],
    ['Supervision or consultation', record.kind === 'supervision' ? (label(SUPERVISION_TYPE_LABELS, record.supervision_type) ?? 'Not recorded') : null],
    [
      'Format',
      record.supervision_format ? `${label(FORMAT_LABELS, record.supervision_format)}${record.group_size ? ` (${record.group_size} people)` : ''}` : null,
    ],
    ['Supervisor / consultant', record.supervisor_name],
    ['Submitted', record.submitted_at ? formatDateTime(record.submitted_at) : null],
  ]
  return (
    <>
      <dl className="facts">
        {rows
          .filter(([, value]) => value)
          .map(([label, value]) => (
            <div key={label} className="contents">
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        <dt>Status</dt>
        <dd>
          <StatusBadge status={record.status} />
        </dd>
      </dl>
      {[
        ['Preparation notes', record.preparation_notes],
        ['Integration notes', record.integration_notes],
        ['Notes', record.notes],
      ]
        .filter(([, text]) => text)
        .map(([label, text]) => (
          <section key={label} aria-label={label ?? undefined}>
            <h3>{label}</h3>
            <p className="pre-line">{text}</p>
          </section>
        ))}
    </>
  )
}

export type HistoryEvent = {
  id: number
  action: string
  from_status: string | null
  to_status: string
  comment: string | null
  detail: string | null
  at: string
  actor_name: string
}

const VALUE_LABELS: Record<string, Record<string, string>> = {
  setting: SETTING_LABELS,
  route: ROUTE_LABELS,
  sitterRole: SITTER_ROLE_LABELS,
  phase: PHASE_LABELS,
  contact: CONTACT_LABELS,
  supervisionType: SUPERVISION_TYPE_LABELS,
  supervisionFormat: FORMAT_LABELS,
}

function changedValue(field: string, value: string | null | undefined) {
  if (!value) return 'empty'
  if (field === 'occurredOn') return formatDate(value)
  if (field === 'minutes') return formatMinutes(Number(value))
  return VALUE_LABELS[field]?.[value] ?? value
}

/** "Duration: 1 h 30 min → 2 h", one line per field; a private text field only says it was edited. */
function FieldChanges({ changes, heading }: { changes: FieldChange[]; heading: string }) {
  return (
    <div className="small">
      <p className="muted">{heading}</p>
      <ul className="field-changes">
        {changes.map((c) => (
          <li key={c.field}>
            <strong>{FIELD_LABELS[c.field] ?? c.field}</strong>:{' '}
            {'from' in c ? `${changedValue(c.field, c.from)} → ${changedValue(c.field, c.to)}` : 'edited (the new text is shown with the record)'}
          </li>
        ))}
      </ul>
    </div>
  )
}

/** The records a fellow said this one is not a duplicate of, from an event's detail. */
function confirmedDifferentFrom(detail: string | null): number[] {
  if (!detail) return []
  try {
    const ids = (JSON.parse(detail) as { confirmedDifferentFrom?: unknown }).confirmedDifferentFrom
    return Array.isArray(ids) ? ids.filter((id): id is number => Number.isInteger(id)) : []
  } catch {
    return []
  }
}

/** Whether a resubmission after `events[index]` (and before any new return) lists the changes since the return. */
function summedUpLater(events: HistoryEvent[], index: number) {
  for (const later of events.slice(index + 1)) {
    if (later.action === 'return') return false
    if (later.action === 'submit') return eventChanges(later.detail, 'changesSinceReturn') !== null
  }
  return false
}

/** The record's trail, oldest first. */
export function RecordHistory({ events }: { events: HistoryEvent[] }) {
  const { formatDateTime } = useFormat()
  return (
    <ol className="timeline">
      {events.map((e, i) => {
        const change = e.action === 'amend' && e.detail ? (JSON.parse(e.detail) as { before: Record<string, unknown>; after: Record<string, unknown> }) : null
        // An edit's own list, unless the resubmission after it sums it up already.
        const edited = e.action === 'edit' && !summedUpLater(events, i) ? eventChanges(e.detail, 'changes') : null
        const sinceReturn = e.action === 'submit' ? eventChanges(e.detail, 'changesSinceReturn') : null
        const differentFrom = confirmedDifferentFrom(e.detail)
        return (
          <li key={e.id}>
            <strong>{EVENT_LABELS[e.action] ?? e.action}</strong>{' '}
            <span className="muted small">
              by {e.actor_name} · {formatDateTime(e.at)}
            </span>
            {e.comment ? <blockquote className="comment">{e.comment}</blockquote> : null}
            {change ? (
              <p className="small muted">
                {Object.keys(change.after)
                  .filter((k) => change.before[k] !== change.after[k])
                  .map((k) => `${k}: ${String(change.before[k])} → ${String(change.after[k])}`)
                  .join('; ') || 'No values changed.'}
              </p>
            ) : null}
            {edited?.length ? <FieldChanges heading="Changed:" changes={edited} /> : null}
            {sinceReturn ? (
              sinceReturn.length ? (
                <FieldChanges heading="Changed since it was returned:" changes={sinceReturn} />
              ) : (
                <p className="small muted">Resubmitted without changes since it was returned.</p>
              )
            ) : null}
            {differentFrom.length ? (
              <p className="small muted">
                The fellow confirmed this is a different session from{' '}
                {differentFrom.map((id, i) => (
                  <span key={id}>
                    {i ? ', ' : ''}
                    <Link to={`/hours/${id}`}>record {id}</Link>
                  </span>
                ))}
                .
              </p>
            ) : null}
          </li>
        )
      })}
    </ol>
  )
}
