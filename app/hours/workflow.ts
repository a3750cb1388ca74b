import type { RecordStatus } from '#db/schema.ts'

/**
 * The hours workflow as data:
 *
 *   draft ──submit──▶ submitted ──approve──▶ approved (locked)
 *     ▲                  │
 *     └──── edit ◀── returned (with the supervisor's comment)
 *
 * `edit` keeps the status; `amend` is staff's only way to change an approved record.
 * A sitter session that names a co-sitter waits, once submitted, for the co-sitter to
 * `confirm` it from their own account (status unchanged) before a supervisor may decide;
 * the co-sitter may `decline` it instead, which returns it to the fellow with the reason.
 * `withdraw` takes back a group supervision record of a fellow who was not at the meeting.
 */
export const WORKFLOW = {
  submit: { from: ['draft', 'returned'], to: 'submitted', by: 'owner' },
  edit: { from: ['draft', 'returned'], to: null, by: 'owner' },
  approve: { from: ['submitted'], to: 'approved', by: 'supervisor' },
  return: { from: ['submitted'], to: 'returned', by: 'supervisor' },
  amend: { from: ['approved'], to: null, by: 'staff' },
  confirm: { from: ['submitted'], to: null, by: 'co-sitter' },
  decline: { from: ['submitted'], to: 'returned', by: 'co-sitter' },
  // A group supervision record of a fellow marked present by mistake: the supervisor takes it back, with the reason.
  withdraw: { from: ['approved'], to: 'withdrawn', by: 'supervisor' },
} as const satisfies Record<string, { from: readonly RecordStatus[]; to: RecordStatus | null; by: Actor }>

export type WorkflowAction = keyof typeof WORKFLOW
export type Actor = 'owner' | 'supervisor' | 'staff' | 'co-sitter'

/** How the person acting relates to the record. */
export type Standing = { isOwner: boolean; isAssignedSupervisor: boolean; isStaff: boolean; isCoSitter?: boolean }

export type Decision = { ok: true; to: RecordStatus } | { ok: false; reason: string }

const ACTION_WORDS: Record<WorkflowAction, string> = {
  submit: 'submitted',
  edit: 'edited',
  approve: 'approved',
  return: 'returned',
  amend: 'amended',
  confirm: 'confirmed',
  decline: 'declined',
  withdraw: 'withdrawn',
}

/** Whether `action` may happen to a record in `status`, done by someone with `standing`. */
export function transition(action: WorkflowAction, status: RecordStatus, standing: Standing, { comment }: { comment?: string | null } = {}): Decision {
  const rule = WORKFLOW[action]
  const allowedActor =
    (rule.by === 'owner' && standing.isOwner) ||
    (rule.by === 'supervisor' && standing.isAssignedSupervisor && !standing.isOwner) ||
    (rule.by === 'staff' && standing.isStaff) ||
    (rule.by === 'co-sitter' && !!standing.isCoSitter && !standing.isOwner)
  if (!allowedActor) {
    const who = { owner: 'the fellow who logged it', supervisor: 'an assigned supervisor', staff: 'institute staff', 'co-sitter': 'the co-sitter it names' }[
      rule.by
    ]
    return { ok: false, reason: `Only ${who} can do that.` }
  }
  if (!(rule.from as readonly RecordStatus[]).includes(status)) {
    return {
      ok: false,
      reason: status === 'approved' ? 'This record is approved and locked.' : `A ${status} record cannot be ${ACTION_WORDS[action]}.`,
    }
  }
  if ((action === 'return' || action === 'amend' || action === 'decline' || action === 'withdraw') && !comment?.trim()) {
    const reasons = {
      return: 'Say what needs fixing: returning a record requires a comment.',
      amend: 'An amendment requires a reason.',
      decline: 'Say what is not right, so the fellow can correct it.',
      withdraw: 'Say why the fellow is removed from the meeting.',
    }
    return { ok: false, reason: reasons[action] }
  }
  return { ok: true, to: rule.to ?? status }
}

export function isEditable(status: RecordStatus) {
  return (WORKFLOW.edit.from as readonly RecordStatus[]).includes(status)
}

/** A sitter session whose named co-sitter has not yet confirmed it: no supervisor may approve it. */
export function awaitsCoSitter(record: { kind: string; co_sitter_id: number | null; co_sitter_confirmed_at: string | null }) {
  return record.kind === 'sitter' && record.co_sitter_id !== null && record.co_sitter_confirmed_at === null
}
