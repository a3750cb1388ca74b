import type { Updateable } from 'kysely'
import type { UsersTable } from '#db/schema.ts'
import { daysAgo, insertRecord } from '#app/demo/program.server.ts'
import { db } from '#app/db.server.ts'
import { createUser } from '#tests/helpers.ts'

/** A fellow's submitted sitter record, and an assigned supervisor whose license columns are `license`. */
export async function submittedToSupervisor(license: Updateable<UsersTable>, supervisorName?: string) {
  const fellow = await createUser(['trainee', 'fellow'])
  const supervisor = await createUser(['supervisor'], supervisorName ? { name: supervisorName } : {})
  await db.updateTable('users').set(license).where('id', '=', supervisor.id).execute()
  await db
    .insertInto('supervisor_assignments')
    .values({ fellow_id: fellow.id, supervisor_id: supervisor.id, assigned_at: new Date().toISOString(), assigned_by: null })
    .execute()
  const id = await insertRecord(db, { fellowId: fellow.id, kind: 'sitter', status: 'submitted', occurredOn: daysAgo(3), minutes: 120 }, 1)
  return { fellow, supervisor, id }
}
