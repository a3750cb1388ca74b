import { forbidden, notFound } from '#app/auth/guard.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { db } from '#app/db.server.ts'
import { isAssigned, recordsOfAssignedFellows } from '#app/supervision/assignments.server.ts'
import { positiveId } from '#app/utils/ids.ts'
import { recordVisibility } from './access.ts'

/** The record named in the URL, if `user` may see it: else 404, or 403 (logged) for other supervisors. */
export async function requireVisibleRecord(request: Request, user: SessionUser, idParam: string | undefined) {
  const id = positiveId(idParam)
  if (!id) throw notFound('There is no such record.')
  const record = await db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst()
  if (!record) throw notFound('There is no such record.')
  const assigned = user.roles.includes('supervisor') ? await isAssigned(user.id, record.fellow_id) : false
  const visibility = recordVisibility(user, { fellowId: record.fellow_id, decidedBy: record.decided_by, status: record.status }, assigned)
  if (visibility === 'hidden') throw notFound('There is no such record.')
  if (visibility === 'forbidden') {
    throw await forbidden(request, user, 'supervisor not assigned to this fellow', `record:${record.id}`)
  }
  return { record, visibility, assigned }
}

/**
 * Bulk decisions refuse as single ones do: every id must be a record of a fellow assigned
 * to this supervisor. A missing id and another supervisor's record get the same logged 403,
 * so the answer never tells whether an id exists.
 */
export async function requireAssignedRecords(request: Request, supervisor: SessionUser, ids: number[]) {
  const found = await recordsOfAssignedFellows(supervisor.id).select('records.id').where('records.id', 'in', ids).execute()
  const assigned = new Set(found.map((row) => row.id))
  const refused = ids.filter((id) => !assigned.has(id))
  if (refused.length) {
    throw await forbidden(request, supervisor, 'records not assigned to this supervisor', refused.map((id) => `record:${id}`).join(','))
  }
}
