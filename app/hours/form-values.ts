import type { HoursRecord } from '#db/schema.ts'

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
    phase: record.phase,
    clientCode: record.client_code,
    supervisionFormat: record.supervision_format,
    supervisorName: record.supervisor_name,
  }
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null)) as Record<string, string>
}
