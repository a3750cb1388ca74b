import { createHash } from 'node:crypto'
import type { AuditContext } from '#app/audit/audit.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { db, type Database } from '#app/db.server.ts'
import type { SignOff } from '#app/supervision/sign-off.server.ts'
import { fail, refuseWith } from '#app/utils/result.ts'
import { fellowBacklogQuery } from './records.server.ts'
import { approveSelected } from './workflow.server.ts'

// "Approve all N submitted records of this fellow": the page shows N and a token of exactly
// those records (ids and versions); the approval recomputes both inside its transaction and
// approves only if they still agree, so nothing submitted, confirmed or changed after the
// page loaded is signed unseen.

/** A token of a set of records as they stand: their ids and versions, in id order. */
export function backlogToken(pairs: { id: number; version: number }[]) {
  const text = [...pairs]
    .sort((a, b) => a.id - b.id)
    .map((p) => `${p.id}:${p.version}`)
    .join(',')
  return createHash('sha256').update(text).digest('hex')
}

/** How many of the fellow's records wait for this supervisor, and the token the approval form carries. */
export async function fellowBacklog(supervisorId: number, fellowId: number, executor: Database = db) {
  const rows = await fellowBacklogQuery(supervisorId, fellowId, executor).execute()
  return { count: rows.length, token: backlogToken(rows), pairs: rows.map((r) => [r.id, r.version] as [number, number]) }
}

export function backlogChangedMessage(fellowName: string, seen: number, now: number) {
  const change = now === seen ? 'some of them changed' : `${now} wait now`
  return `Nothing was approved: ${fellowName}’s waiting records changed since you opened this page (you saw ${seen}, ${change}). Look at the list again and sign again.`
}

/** Approves every record of `fellow` waiting for `supervisor`, if they are still the ones the page counted. All or nothing. */
export async function approveAllOfFellow(
  supervisor: SessionUser,
  fellow: { id: number; name: string },
  seen: { count: number; token: string },
  context: AuditContext,
  signOff: SignOff,
) {
  return approveSelected(
    supervisor,
    async (trx) => {
      const now = await fellowBacklog(supervisor.id, fellow.id, trx)
      if (now.count !== seen.count || now.token !== seen.token) refuseWith(fail('form', backlogChangedMessage(fellow.name, seen.count, now.count)))
      return now.pairs
    },
    context,
    signOff,
  )
}
