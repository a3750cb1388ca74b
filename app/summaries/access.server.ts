import { forbidden, notFound, requireUser } from '#app/auth/guard.server.ts'
import { db } from '#app/db.server.ts'
import { summaryById } from './summaries.server.ts'
import { positiveId } from '#app/utils/ids.ts'

/**
 * Whose summaries the page is about: your own as a fellow, anyone's as staff
 * (`?fellow=`). Asking for another fellow's is refused (403, logged).
 */
export async function requireSummaryOwner(request: Request) {
  const user = await requireUser(request)
  const param = new URL(request.url).searchParams.get('fellow')
  const isStaff = user.roles.includes('staff')
  const fellowId = param === null ? user.id : positiveId(param)
  if (!fellowId) throw notFound('There is no such fellow.')
  if (fellowId !== user.id && !isStaff) throw await forbidden(request, user, 'summary of another fellow', `user:${fellowId}`)
  const fellow = await db.selectFrom('users').select(['id', 'name']).where('id', '=', fellowId).executeTakeFirst()
  if (!fellow) throw notFound('There is no such fellow.')
  if (fellowId === user.id && !user.roles.includes('fellow')) throw await forbidden(request, user, 'summaries are for fellows')
  return { user, fellow, isStaff }
}

/** The fellow and staff may download a summary; for anyone else it does not exist. */
export async function requireOwnSummary(request: Request, idParam: string | undefined) {
  const user = await requireUser(request)
  const id = positiveId(idParam)
  const summary = id ? await summaryById(id) : undefined
  if (!summary || (summary.user_id !== user.id && !user.roles.includes('staff'))) throw notFound('There is no such summary.')
  return summary
}
