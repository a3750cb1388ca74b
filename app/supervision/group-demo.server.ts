import type { Database } from '#db/connection.ts'
import { daysAgo } from '#app/demo/program.server.ts'
import { currentAttestation, signedContentSha256 } from './sign-off.server.ts'

// The demo's group supervision and feedback: Dr. Jonah Lee recorded one group meeting with his
// fellows Caleb and Dana (each has a signed group record of size 2, written as the meeting page
// writes it), and Dr. Maya Reyes and Bianca have a thread on one of Bianca's pending
// experiential sessions.

const DAY = 86_400_000
const at = (days: number, hour: number) => new Date(new Date(`${daysAgo(days)}T00:00:00.000Z`).getTime() + hour * 3_600_000).toISOString()

export async function seedDemoGroupSupervision(db: Database, ids: Record<string, number>) {
  const id = (email: string) => ids[email]!
  const jonah = await db.selectFrom('users').selectAll().where('id', '=', id('supervisor2@kap.test')).executeTakeFirstOrThrow()
  const attestation = currentAttestation()
  const occurredOn = daysAgo(12)
  const recordedAt = at(11, 17)
  const topic = 'Set and setting for group integration circles: how to open and close the space, and what to do when one member floods.'
  const fellows = [id('fellow3@kap.test'), id('fellow4@kap.test')]

  const { id: meetingId } = await db
    .insertInto('group_meetings')
    .values({ supervisor_id: jonah.id, occurred_on: occurredOn, minutes: 90, setting: 'virtual', topic, created_at: recordedAt })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const fellowId of fellows) {
    const { id: recordId } = await db
      .insertInto('records')
      .values({
        fellow_id: fellowId,
        kind: 'supervision',
        status: 'approved',
        version: 2,
        occurred_on: occurredOn,
        minutes: 90,
        setting: 'virtual',
        supervision_type: 'supervision',
        supervision_format: 'group',
        group_size: fellows.length,
        supervisor_name: jonah.name,
        notes: topic,
        submitted_at: recordedAt,
        decided_at: recordedAt,
        decided_by: jonah.id,
        approver_name: jonah.name,
        approver_license_type: jonah.license_type,
        approver_license_number: jonah.license_number,
        approver_license_state: jonah.license_state,
        approver_license_expires_on: jonah.license_expires_on,
        approver_license_verified_at: jonah.license_checked_at,
        attestation_version: attestation.version,
        attestation_sha256: attestation.sha256,
        signed_name: jonah.name,
        created_at: recordedAt,
        updated_at: recordedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const row = await db.selectFrom('records').selectAll().where('id', '=', recordId).executeTakeFirstOrThrow()
    await db
      .updateTable('records')
      .set({ signed_content_sha256: signedContentSha256(row) })
      .where('id', '=', recordId)
      .execute()
    await db.insertInto('group_meeting_records').values({ meeting_id: meetingId, record_id: recordId }).execute()
    await db
      .insertInto('record_events')
      .values([
        {
          record_id: recordId,
          actor_id: jonah.id,
          action: 'group-record',
          from_status: null,
          to_status: 'submitted',
          comment: null,
          detail: JSON.stringify({ groupMeetingId: meetingId }),
          at: recordedAt,
        },
        {
          record_id: recordId,
          actor_id: jonah.id,
          action: 'approve',
          from_status: 'submitted',
          to_status: 'approved',
          comment: null,
          detail: null,
          at: recordedAt,
        },
      ])
      .execute()
  }

  // Feedback on a reflection: Maya asks, Bianca answers, Maya follows up.
  const bianca = id('fellow2@kap.test')
  const maya = id('supervisor1@kap.test')
  const pending = await db
    .selectFrom('records')
    .select(['id', 'occurred_on'])
    .where('fellow_id', '=', bianca)
    .where('kind', '=', 'experiential')
    .where('status', '=', 'submitted')
    .orderBy('occurred_on')
    .executeTakeFirst()
  if (!pending) return
  const base = new Date(`${pending.occurred_on}T22:00:00.000Z`).getTime()
  const thread: [number, string][] = [
    [maya, 'You wrote that you wanted to narrate the experience. What happened in your body when you let the narrating go?'],
    [bianca, 'My breathing slowed and my hands warmed. It felt less like losing control and more like being held by the room.'],
    [maya, 'Hold on to that image for your sitter work: it is what your presence offers the participant. Bring it to our next session.'],
  ]
  await db
    .insertInto('record_comments')
    .values(thread.map(([author, body], i) => ({ record_id: pending.id, author_id: author, body, created_at: new Date(base + (i + 1) * DAY).toISOString() })))
    .execute()
}
