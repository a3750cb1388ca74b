import type { RecordStatus, Role } from '#db/schema.ts'

export type Visibility = 'owner' | 'supervisor' | 'staff' | 'forbidden' | 'hidden'

/**
 * Who may open a record (with its reflections): the fellow who logged it, staff,
 * and a supervisor assigned to the fellow or who decided it (drafts excepted).
 * Any other supervisor is refused (403, logged); anyone else is told it does
 * not exist (404).
 */
export function recordVisibility(
  viewer: { id: number; roles: readonly Role[] },
  record: { fellowId: number; decidedBy: number | null; status: RecordStatus },
  viewerIsAssigned: boolean,
): Visibility {
  if (record.fellowId === viewer.id) return 'owner'
  if (viewer.roles.includes('staff')) return 'staff'
  if (viewer.roles.includes('supervisor')) {
    if (!viewerIsAssigned && record.decidedBy !== viewer.id) return 'forbidden'
    // A draft is the fellow's own working note until it is submitted.
    return record.status === 'draft' ? 'hidden' : 'supervisor'
  }
  return 'hidden'
}
