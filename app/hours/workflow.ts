import type { RecordStatus } from '#db/schema.ts'

/**
 * The hours workflow as data:
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved (locked)
 *     ▲                  │
 *     └──── edit ◀── returned (with the supervisor's comment)
 *
 * `edit` keeps the status; `amend` is staff's only way to change an approved record.
 */
export const WORKFLOW = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'owner' },
  edit: { from: ['draft', 'returned'], to: null, by: 'owner' },
  approve: { from: ['submitted'], to: 'approved', by: 'supervisor' },
  return: { from: ['submitted'], to: 'returned', by: 'supervisor' },
  amend: { from: ['approved'], to: null, by: 'staff' },
} as const satisfies Record<string, { from: readonly RecordStatus[]; to: RecordStatus | null; by: Actor }>

export type WorkflowAction = keyof typeof WORKFLOW
export type Actor = 'owner' | 'supervisor' | 'staff'

/** How the person acting relates to the record. */
export type Standing = { isOwner: boolean; isAssignedSupervisor: boolean; isStaff: boolean }

export type Decision = { ok: true; to: RecordStatus } | { ok: false; reason: string }

const ACTION_WORDS: Record<WorkflowAction, string> = {
  submit: 'submitted',
  edit: 'edited',
  approve: 'approved',
  return: 'returned',
  amend: 'amended',
}

/** Whether `action` may happen to a record in `status`, done by someone with `standing`. */
export function transition(action: WorkflowAction, status: RecordStatus, standing: Standing, { comment }: { comment?: string | null } = {}): Decision {
  const rule = WORKFLOW[action]
  const allowedActor =
    (rule.by === 'owner' && standing.isOwner) ||
    (rule.by === 'supervisor' && standing.isAssignedSupervisor && !standing.isOwner) ||
    (rule.by === 'staff' && standing.isStaff)
  if (!allowedActor) {
    const who = { owner: 'the fellow who logged it', supervisor: 'an assigned supervisor', staff: 'institute staff' }[rule.by]
    return { ok: false, reason: `Only ${who} can do that.` }
  }
  if (!(rule.from as readonly RecordStatus[]).includes(status)) {
    return {
      ok: false,
      reason: status === 'approved' ? 'This record is approved and locked.' : `A ${status} record cannot be ${ACTION_WORDS[action]}.`,
    }
  }
  if ((action === 'return' || action === 'amend') && !comment?.trim()) {
    return { ok: false, reason: action === 'return' ? 'Say what needs fixing: returning a record requires a comment.' : 'An amendment requires a reason.' }
  }
  return { ok: true, to: rule.to ?? status }
}

export function isEditable(status: RecordStatus) {
  return (WORKFLOW.edit.from as readonly RecordStatus[]).includes(status)
}
