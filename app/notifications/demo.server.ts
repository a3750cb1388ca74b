import type { Database } from '#db/connection.ts'
import { describe, type NoteParams } from './texts.ts'

/**
 * The demo's notifications, made from its records as the events would have made them: Bianca's
 * returned record and an approval of several (one read), Dr. Reyes's new submissions from Bianca,
 * and Bianca's request to confirm Caleb's sitter session. All count as mailed already, so no
 * summary mail goes out for the demo's past.
 */
export async function seedDemoNotifications(db: Database, ids: Record<string, number>) {
  const bianca = ids['fellow2@kap.test']!
  const maya = ids['supervisor1@kap.test']!
  const caleb = ids['fellow3@kap.test']!
  const records = await db
    .selectFrom('records')
    .select(['id', 'kind', 'status', 'occurred_on', 'return_comment', 'co_sitter_id', 'fellow_id', 'submitted_at', 'decided_at'])
    .where('fellow_id', 'in', [bianca, caleb])
    .orderBy('occurred_on')
    .execute()
  const ref = (r: (typeof records)[number]) => ({ id: r.id, kind: r.kind, occurredOn: r.occurred_on })
  const notes: { userId: number; params: NoteParams; at: string; read: boolean }[] = []
  const approved = records.filter((r) => r.fellow_id === bianca && r.status === 'approved').slice(-3)
  if (approved.length) {
    notes.push({
      userId: bianca,
      params: { kind: 'approved', supervisorName: 'Dr. Maya Reyes', records: approved.map(ref) },
      at: approved.at(-1)!.decided_at!,
      read: true,
    })
  }
  const returned = records.find((r) => r.fellow_id === bianca && r.status === 'returned')
  if (returned) {
    notes.push({
      userId: bianca,
      params: { kind: 'returned', record: ref(returned), supervisorName: 'Dr. Maya Reyes', comment: returned.return_comment ?? '' },
      at: returned.decided_at!,
      read: false,
    })
  }
  const waiting = records.filter((r) => r.fellow_id === bianca && r.status === 'submitted' && r.co_sitter_id === null)
  if (waiting.length) {
    notes.push({
      userId: maya,
      params: { kind: 'submitted', fellowId: bianca, fellowName: 'Bianca Rossi', count: waiting.length },
      at: waiting.at(-1)!.submitted_at!,
      read: false,
    })
  }
  const toConfirm = records.find((r) => r.fellow_id === caleb && r.co_sitter_id === bianca && r.status === 'submitted')
  if (toConfirm) {
    notes.push({
      userId: bianca,
      params: { kind: 'co_sitter_request', fellowName: 'Caleb Moreno', occurredOn: toConfirm.occurred_on, startTime: null, endTime: null },
      at: toConfirm.submitted_at!,
      read: false,
    })
  }
  if (!notes.length) return
  await db
    .insertInto('notifications')
    .values(
      notes
        .sort((a, b) => a.at.localeCompare(b.at))
        .map((n) => ({
          user_id: n.userId,
          kind: n.params.kind,
          params: JSON.stringify(n.params),
          ...describe(n.params),
          created_at: n.at,
          read_at: n.read ? n.at : null,
          mailed_at: n.at,
        })),
    )
    .execute()
}
