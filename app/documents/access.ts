import type { RecordStatus, Role } from '#db/schema.ts'
import { recordVisibility } from '#app/hours/access.ts'
import { can } from '#app/auth/permissions.ts'

export type DocumentAccess = 'allowed' | 'forbidden' | 'hidden'

/**
 * Who may open a document: its owner (the fellow whose clearance or record it supports, the
 * supervisor whose license it proves), staff, and the owner's assigned supervisors. A file
 * attached to a record follows the record itself, so a draft's attachment stays the fellow's
 * until it is submitted. Another supervisor is refused (403, logged); anyone else is told
 * there is no such document (404), as for records.
 */
export function documentAccess(
  viewer: { id: number; roles: readonly Role[] },
  document: { ownerId: number; record: { fellowId: number; decidedBy: number | null; status: RecordStatus } | null },
  viewerIsAssignedToOwner: boolean,
): DocumentAccess {
  if (document.record) {
    const visibility = recordVisibility(viewer, document.record, viewerIsAssignedToOwner)
    return visibility === 'forbidden' ? 'forbidden' : visibility === 'hidden' ? 'hidden' : 'allowed'
  }
  if (document.ownerId === viewer.id) return 'allowed'
  if (can(viewer, 'document:read:any')) return 'allowed'
  if (can(viewer, 'document:read:assigned')) return viewerIsAssignedToOwner ? 'allowed' : 'forbidden'
  return 'hidden'
}
