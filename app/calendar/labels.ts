import type { PlannedKind } from '#db/schema.ts'

export const PLANNED_LABELS: Record<PlannedKind, string> = {
  experiential: 'Experiential session',
  sitter: 'Sitter session',
  practicum: 'Practicum session',
  meeting: 'Supervision meeting',
}

export const PLANNED_DESCRIPTIONS: Record<PlannedKind, string> = {
  experiential: 'A session in which you receive the medicine under your medical team’s clearance.',
  sitter: 'A session in which you sit with a participant, with or without a co-sitter.',
  practicum: 'Preparation, dosing support or integration work with a client.',
  meeting: 'Supervision with your supervisor, or with your fellows if you supervise.',
}

export const SETTING_LABELS = { in_person: 'In person', virtual: 'Virtual' } as const

/** What a feed's event is called: the kind only, never a code, a topic or a client. A supervisor's feed adds the fellow's name. */
export function feedSummary(kind: PlannedKind, fellowName: string | null) {
  return fellowName ? `${PLANNED_LABELS[kind]} · ${fellowName}` : PLANNED_LABELS[kind]
}
