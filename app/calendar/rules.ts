// Who may change a planned item, and when: data in, decision out.

export type PlannedState = { ownerId: number; startsAt: string; cancelledAt: string | null; recordId: number | null }

/** Why `userId` cannot edit or cancel the item now, or null when they can. Not the owner: 'not-found' (the page says nothing about it). */
export function changeBlocker(item: PlannedState, userId: number, now = new Date()): 'not-found' | string | null {
  if (item.ownerId !== userId) return 'not-found'
  if (item.cancelledAt) return 'This was cancelled; plan it again if it is back on.'
  if (item.recordId !== null) return 'This session has passed and is now a draft record in your hours: complete it there.'
  if (item.startsAt <= now.toISOString()) return 'This has already started, so it can no longer be changed.'
  return null
}
