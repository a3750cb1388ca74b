import { db, nowIso, type Database } from '#app/db.server.ts'
import { CLIENT_IP_HEADER } from './client-ip.ts'

export type AuditEntry = {
  actorId: number | null
  action: string
  /** what was acted on, as `kind:id` (e.g. `record:42`, `user:7`, `route:/staff`) */
  subject?: string
  detail?: Record<string, unknown>
  request?: Request
}


export function clientIp(request: Request | undefined) {
  return request?.headers.get(CLIENT_IP_HEADER) ?? null
}

export async function audit(entry: AuditEntry, executor: Database = db) {
  await executor
    .insertInto('audit_log')
    .values({
      at: nowIso(),
      actor_id: entry.actorId,
      action: entry.action,
      subject: entry.subject ?? null,
      detail: entry.detail ? JSON.stringify(entry.detail) : null,
      ip: clientIp(entry.request),
    })
    .execute()
}
