import { db, nowIso, type Database } from '#app/db.server.ts'
import { CLIENT_IP_HEADER } from './client-ip.ts'

/**
 * Where a request came from, read once per request so server functions need not take the
 * whole `Request` to record it. The User-Agent is here for the session row a sign-in opens.
 */
export type AuditContext = { ip: string | null; userAgent: string | null }

export function auditContext(request: Request): AuditContext {
  return { ip: request.headers.get(CLIENT_IP_HEADER), userAgent: request.headers.get('User-Agent') }
}

export type AuditEntry = {
  actorId: number | null
  action: string
  /** what was acted on, as `kind:id` (e.g. `record:42`, `user:7`, `route:/staff`) */
  subject?: string
  detail?: Record<string, unknown>
}

export async function audit(context: AuditContext, entry: AuditEntry, executor: Database = db) {
  await executor
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      actor_id: entry.actorId,
      action: entry.action,
      subject: entry.subject ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip: context.ip,
    })
    .execute()
}
