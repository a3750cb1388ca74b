// What a fellow changed in a record, field by field: each edit keeps its own list in
// its event, and a resubmission after a return keeps the sum of the edits since that
// return, so the supervisor sees at once what is new. Private reflections are named,
// never copied: the history says "Notes: edited", the text stays in the record only.

/** One field's change; `from`/`to` are the form's values, absent for a private text field. */
export type FieldChange = { field: string; from?: string | null; to?: string | null }

/** The record form's fields in the order the form shows them, with the names people read. */
export const FIELD_LABELS: Record<string, string> = {
  occurredOn: 'Date',
  minutes: 'Duration',
  setting: 'Setting',
  route: 'Route',
  medicalTeam: 'Prescriber / medical team',
  startTime: 'Start time',
  endTime: 'End time',
  participantCode: 'Participant code',
  sitterRole: 'Role',
  coSitterId: 'Other sitter',
  phase: 'Phase',
  contact: 'Client contact',
  clientCode: 'Client code',
  supervisionType: 'Supervision or consultation',
  supervisionFormat: 'Format',
  groupSize: 'Group size',
  supervisorName: 'Supervisor / consultant',
  preparationNotes: 'Preparation notes',
  integrationNotes: 'Integration notes',
  notes: 'Notes',
}

export const PRIVATE_TEXT_FIELDS = new Set(['preparationNotes', 'integrationNotes', 'notes'])

type Values = Record<string, string | null | undefined>

/** The fields whose values differ, in the form's order (a blank field and an absent one are the same). */
export function changedFields(before: Values, after: Values): FieldChange[] {
  const changes: FieldChange[] = []
  for (const field of Object.keys(FIELD_LABELS)) {
    const from = before[field] || null
    const to = after[field] || null
    if (from === to) continue
    changes.push(PRIVATE_TEXT_FIELDS.has(field) ? { field } : { field, from, to })
  }
  return changes
}

/** Several edits' changes as one: each field from its first value to its last; a field put back as it was drops out. */
export function combineChanges(lists: FieldChange[][]): FieldChange[] {
  const combined = new Map<string, FieldChange>()
  for (const change of lists.flat()) {
    const earlier = combined.get(change.field)
    combined.set(change.field, earlier && 'from' in earlier ? { ...change, from: earlier.from } : change)
  }
  return Object.keys(FIELD_LABELS)
    .map((field) => combined.get(field))
    .filter((c): c is FieldChange => c !== undefined && (!('from' in c) || c.from !== c.to))
}

type EventLike = { action: string; detail: string | null }

/** The changes recorded by the edits after the latest return (events oldest first); null when the record was never returned. */
export function changesSinceReturn(events: EventLike[]): FieldChange[] | null {
  const lastReturn = events.findLastIndex((e) => e.action === 'return')
  if (lastReturn < 0) return null
  const edits = events.slice(lastReturn + 1).filter((e) => e.action === 'edit')
  return combineChanges(edits.map((e) => eventChanges(e.detail, 'changes') ?? []))
}

/** A list of changes kept in an event's detail under `key`, or null when there is none. */
export function eventChanges(detail: string | null, key: 'changes' | 'changesSinceReturn'): FieldChange[] | null {
  if (!detail) return null
  try {
    const parsed = JSON.parse(detail) as Record<string, unknown>
    const list = parsed[key]
    return Array.isArray(list) ? (list as FieldChange[]).filter((c) => typeof c?.field === 'string') : null
  } catch {
    // Details written before changes were kept, or by another feature: nothing to show.
    return null
  }
}
