import { sql, type Kysely } from 'kysely'

// A supervisor's license as a licensing board checks it: an expiry date, and institute staff's
// verification (who, when, how), or their finding that it lapsed. Licenses entered before this
// start unverified: approvals wait for staff to check them.
export async function up(db: Kysely<any>) {
  await db.schema.alterTable('users').addColumn('license_expires_on', 'text').execute()
  await db.schema
    .alterTable('users')
    .addColumn('license_status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('unverified')
        .check(sql`license_status in ('unverified', 'verified', 'lapsed')`),
    )
    .execute()
  await db.schema.alterTable('users').addColumn('license_checked_at', 'text').execute()
  await db.schema
    .alterTable('users')
    .addColumn('license_checked_by', 'integer', (c) => c.references('users.id'))
    .execute()
  await db.schema.alterTable('users').addColumn('license_check_note', 'text').execute()
  // The approval's snapshot carries the expiry and the verification it relied on.
  await db.schema.alterTable('records').addColumn('approver_license_expires_on', 'text').execute()
  await db.schema.alterTable('records').addColumn('approver_license_verified_at', 'text').execute()
}

export async function down(db: Kysely<any>) {
  for (const column of ['approver_license_verified_at', 'approver_license_expires_on']) await db.schema.alterTable('records').dropColumn(column).execute()
  for (const column of ['license_check_note', 'license_checked_by', 'license_checked_at', 'license_status', 'license_expires_on']) {
    await db.schema.alterTable('users').dropColumn(column).execute()
  }
}
