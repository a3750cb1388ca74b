import type { HoursRecord } from '#db/schema.ts'
import type { RecordInput } from './schema.ts'

// The two directions between a record's form and its row: what the form sent becomes columns
// (the kind's own, the others cleared), and a stored row refills the edit form.

/** The form's values for a stored record (for the edit form). */
export function formValuesOf(record: HoursRecord): Record<string, string> {
  const values: Record<string, string | null> = {
    kind: record.kind,
    occurredOn: record.occurred_on,
    minutes: String(record.minutes),
    setting: record.setting,
    notes: record.notes,
    route: record.route,
    medicalTeam: record.medical_team,
    preparationNotes: record.preparation_notes,
    integrationNotes: record.integration_notes,
    participantCode: record.participant_code,
    sitterRole: record.sitter_role,
    startTime: record.started_at,
    endTime: record.ended_at,
    coSitterId: record.co_sitter_id === null ? null : String(record.co_sitter_id),
    phase: record.phase,
    contact: record.practicum_contact,
    clientCode: record.client_code,
    supervisionType: record.supervision_type,
    supervisionFormat: record.supervision_format,
    groupSize: record.group_size === null ? null : String(record.group_size),
    supervisorName: record.supervisor_name,
  }
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as Record<string, string>
}

/** The edit form's starting values: a sitter session's duration follows its clock times and is not a field of its form. */
export function editFormValues(record: HoursRecord): Record<string, string> {
  const values = formValuesOf(record)
  if (record.kind !== 'sitter') return values
  const { minutes: _duration, ...fields } = values
  return fields
}

/** The columns a form's input sets: the kind's own fields, every other kind's cleared. */
export function columnsFor(input: RecordInput) {
  const base = {
    kind: input.kind,
    occurred_on: input.occurredOn,
    minutes: input.minutes,
    setting: input.setting,
    notes: input.notes,
    route: null as string | null,
    medical_team: null as string | null,
    preparation_notes: null as string | null,
    integration_notes: null as string | null,
    participant_code: null as string | null,
    sitter_role: null as string | null,
    started_at: null as string | null,
    ended_at: null as string | null,
    co_sitter_id: null as number | null,
    phase: null as string | null,
    practicum_contact: null as 'direct' | 'indirect' | null,
    client_code: null as string | null,
    supervision_type: null as 'supervision' | 'consultation' | null,
    supervision_format: null as string | null,
    group_size: null as number | null,
    supervisor_name: null as string | null,
  }
  switch (input.kind) {
    case 'experiential':
      return {
        ...base,
        route: input.route,
        medical_team: input.medicalTeam,
        preparation_notes: input.preparationNotes,
        integration_notes: input.integrationNotes,
      }
    case 'sitter':
      return {
        ...base,
        participant_code: input.participantCode,
        sitter_role: input.sitterRole,
        started_at: input.startTime,
        ended_at: input.endTime,
        co_sitter_id: input.coSitterId,
      }
    case 'practicum':
      return { ...base, phase: input.phase, practicum_contact: input.contact, client_code: input.clientCode }
    case 'supervision':
      return {
        ...base,
        supervision_type: input.supervisionType,
        supervision_format: input.supervisionFormat,
        group_size: input.groupSize,
        supervisor_name: input.supervisorName,
      }
  }
}
