import type { RecordKind, RecordStatus } from '#db/schema.ts'

export const KIND_LABELS: Record<RecordKind, string> = {
  experiential: 'Experiential session',
  sitter: 'Sitter session',
  practicum: 'Practicum',
  supervision: 'Supervision / consultation',
}

export const KIND_DESCRIPTIONS: Record<RecordKind, string> = {
  experiential: 'You received the medicine under a medical team’s clearance and prescription.',
  sitter: 'You sat with another participant who took the medicine.',
  practicum: 'Preparation, dosing support or integration work with a client.',
  supervision: 'Supervision or consultation you received, individually or in a group.',
}

export const STATUS_LABELS: Record<RecordStatus, string> = {
  draft: 'Draft',
  submitted: 'Submitted',
  approved: 'Approved',
  returned: 'Returned',
  withdrawn: 'Withdrawn',
}

export const ROUTE_LABELS: Record<string, string> = {
  intravenous: 'Intravenous (IV)',
  intramuscular: 'Intramuscular (IM)',
  sublingual: 'Sublingual / lozenge',
  intranasal: 'Intranasal',
  oral: 'Oral',
  other: 'Other',
}

export const SETTING_LABELS: Record<string, string> = { in_person: 'In person', virtual: 'Virtual' }
export const PHASE_LABELS: Record<string, string> = { preparation: 'Preparation', 'dosing-support': 'Dosing support', integration: 'Integration' }
export const SITTER_ROLE_LABELS: Record<string, string> = { lead: 'Lead sitter', 'co-sitter': 'Co-sitter' }
export const FORMAT_LABELS: Record<string, string> = { individual: 'Individual', group: 'Group' }
export const SUPERVISION_TYPE_LABELS: Record<string, string> = { supervision: 'Supervision', consultation: 'Consultation' }
export const CONTACT_LABELS: Record<string, string> = { direct: 'Direct client contact', indirect: 'Indirect (without the client)' }

export const EVENT_LABELS: Record<string, string> = {
  create: 'Created as a draft',
  edit: 'Edited',
  submit: 'Submitted for review',
  approve: 'Approved',
  return: 'Returned for changes',
  amend: 'Amended',
  confirm: 'Confirmed by the co-sitter',
  decline: 'Declined by the co-sitter',
  'group-record': 'Recorded by the supervisor at a group supervision meeting',
  dispute: 'Disputed by the fellow',
  withdraw: 'Withdrawn by the supervisor: not at the meeting',
}

export function options(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label }))
}

type CategoryColumns = {
  kind: string
  supervision_type: string | null
  supervision_format: string | null
  group_size: number | null
  practicum_contact: string | null
  started_at: string | null
  ended_at: string | null
  co_sitter_id: number | null
  co_sitter_confirmed_at: string | null
}

/** A record's board category in a few words ("Supervision, group of 6", "Direct client contact"); null for kinds without one. */
export function categoryOf(record: CategoryColumns): string | null {
  if (record.kind === 'supervision') {
    const type = (record.supervision_type && SUPERVISION_TYPE_LABELS[record.supervision_type]) || 'Supervision or consultation not told apart'
    const format = record.supervision_format === 'group' ? `group${record.group_size ? ` of ${record.group_size}` : ''}` : record.supervision_format
    return format ? `${type}, ${format}` : type
  }
  if (record.kind === 'practicum') return record.practicum_contact ? (CONTACT_LABELS[record.practicum_contact] ?? null) : 'Client contact not recorded'
  if (record.kind === 'sitter') {
    const time = record.started_at && record.ended_at ? `${record.started_at}–${record.ended_at}` : 'times not recorded'
    const other =
      record.co_sitter_id === null
        ? 'no other sitter'
        : record.co_sitter_confirmed_at
          ? 'confirmed by the other sitter'
          : 'not yet confirmed by the other sitter'
    return `${time}, ${other}`
  }
  return null
}
