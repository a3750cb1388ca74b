import type { Database } from '#db/connection.ts'
import type { Role } from '#db/schema.ts'
import { hashPassword } from '#app/auth/password.server.ts'
import { seedDemoDocuments } from './documents.server.ts'
import { seedDemoCalendar } from '#app/calendar/demo.server.ts'
import { seedDemoSupervision } from '#app/supervision/agreements-demo.server.ts'
import { seedDemoGroupSupervision } from '#app/supervision/group-demo.server.ts'
import { seedDemoProgram } from './program.server.ts'
import { seedDemoNotifications } from '#app/notifications/demo.server.ts'

export const DEMO_PASSWORD = 'kap-demo-password'

export type DemoPerson = { email: string; name: string; roles: Role[] }

export const DEMO_PEOPLE: DemoPerson[] = [
  { email: 'staff@kap.test', name: 'Sam Okafor', roles: ['staff'] },
  { email: 'supervisor1@kap.test', name: 'Dr. Maya Reyes', roles: ['supervisor'] },
  { email: 'supervisor2@kap.test', name: 'Dr. Jonah Lee', roles: ['supervisor'] },
  { email: 'fellow1@kap.test', name: 'Avery Chen', roles: ['trainee', 'fellow'] },
  { email: 'fellow2@kap.test', name: 'Bianca Rossi', roles: ['trainee', 'fellow'] },
  { email: 'fellow3@kap.test', name: 'Caleb Moreno', roles: ['trainee', 'fellow'] },
  { email: 'fellow4@kap.test', name: 'Dana Whitfield', roles: ['trainee', 'fellow'] },
  { email: 'trainee1@kap.test', name: 'Elena Park', roles: ['trainee'] },
  { email: 'trainee2@kap.test', name: 'Farid Haddad', roles: ['trainee'] },
]

const DEMO_TIME_ZONES: Record<string, string> = { 'supervisor2@kap.test': 'America/New_York' }

/**
 * Loads (or reloads) the demo accounts: each gets the demo password and its
 * roles back; people who are new also get the demo program data.
 */
export async function seedDemo(db: Database, courses: { slug: string; lessons: string[] }[] = []) {
  const passwordHash = await hashPassword(DEMO_PASSWORD)
  const now = new Date().toISOString()
  const created: Record<string, number> = {}
  const ids: Record<string, number> = {}
  await db.transaction().execute(async (trx) => {
    for (const person of DEMO_PEOPLE) {
      const existing = await trx.selectFrom('users').select('id').where('email', '=', person.email).executeTakeFirst()
      let id: number
      if (existing) {
        id = existing.id
        await trx.updateTable('users').set({ password_hash: passwordHash, active: 1 }).where('id', '=', id).execute()
      } else {
        id = (
          await trx
            .insertInto('users')
            // Dr. Lee reads dates and times in New York time; the others have not chosen (the institute's zone, and the first-visit proposal).
            .values({ email: person.email, name: person.name, password_hash: passwordHash, created_at: now, time_zone: DEMO_TIME_ZONES[person.email] ?? null })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
        created[person.email] = id
      }
      ids[person.email] = id
      await trx.deleteFrom('user_roles').where('user_id', '=', id).execute()
      await trx
        .insertInto('user_roles')
        .values(person.roles.map((role) => ({ user_id: id, role })))
        .execute()
    }
  })
  // Program data only for a fresh demo: reloading never duplicates records.
  if (Object.keys(created).length === DEMO_PEOPLE.length) {
    await db.transaction().execute(async (trx) => {
      await seedDemoProgram(trx, ids, courses)
      await seedDemoDocuments(trx, ids)
      await seedDemoCalendar(trx, ids)
      await seedDemoSupervision(trx, ids)
      await seedDemoGroupSupervision(trx, ids)
      await seedDemoNotifications(trx, ids)
    })
  }
  return { ids, created }
}

export async function isEmpty(db: Database) {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n) === 0
}
