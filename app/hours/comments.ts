import { z } from 'zod'
import type { RecordStatus } from '#db/schema.ts'
import { intentField } from '#app/utils/hidden-fields.ts'
import { identifyingDetailIn } from './privacy.ts'
import { requiredText } from './schema.ts'

// Feedback on reflections: a thread on a record between the fellow and the supervisors assigned
// to them. The form's schema (browser and server) and who may write in the thread.

export const COMMENT_MAX = 2000

export const commentSchema = z.strictObject({
  intent: intentField('comment'),
  body: requiredText(COMMENT_MAX, 'Write your comment.').superRefine((text, ctx) => {
    const problem = identifyingDetailIn(text)
    if (problem) ctx.addIssue({ code: 'custom', message: problem })
  }),
})

/**
 * Who may comment: the fellow whose record it is, and a supervisor assigned to that fellow
 * (before or after deciding). Staff read the thread; nobody else sees it. A draft is the
 * fellow's own working note until it is submitted: no thread yet.
 */
export function commentStanding(viewer: { id: number; isSupervisor: boolean }, record: { fellowId: number; status: RecordStatus }, viewerIsAssigned: boolean) {
  const role = record.fellowId === viewer.id ? ('fellow' as const) : viewer.isSupervisor && viewerIsAssigned ? ('supervisor' as const) : null
  if (!role) return { may: false as const, role: null }
  if (record.status === 'draft') return { may: false as const, role, reason: 'Comments open once the record is submitted.' }
  return { may: true as const, role }
}
