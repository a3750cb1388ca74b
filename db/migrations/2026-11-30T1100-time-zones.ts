import { sql, type Kysely } from 'kysely'

// Each person's time zone (an IANA name such as Europe/Berlin), chosen in Settings: every date
// and time they read is shown in it, and "not in the future" is judged in it. Null until they
// choose: they see the institute's zone (INSTITUTE_TIME_ZONE) meanwhile. The app checks the
// name against the zones it knows; the column only bounds its length, the same on both engines.
export async function up(db: Kysely<any>) {
  await db.schema
    .alterTable('users')
    .addColumn('time_zone', 'text', (c) => c.check(sql`length(time_zone) between 1 and 64`))
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('users').dropColumn('time_zone').execute()
}
