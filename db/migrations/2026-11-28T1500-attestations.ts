import type { Kysely } from 'kysely'

// An approval is a signature: the statement's version and hash, the name the supervisor typed,
// and a hash of the record's content as it stood when signed (so a later amendment shows).
// A session remembers when its holder last proved who they are (sign-in or password again).
export async function up(db: Kysely<any>) {
  for (const column of ['attestation_version', 'attestation_sha256', 'signed_name', 'signed_content_sha256']) {
    await db.schema.alterTable('records').addColumn(column, 'text').execute()
  }
  await db.schema.alterTable('sessions').addColumn('authenticated_at', 'text').execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.alterTable('sessions').dropColumn('authenticated_at').execute()
  for (const column of ['signed_content_sha256', 'signed_name', 'attestation_sha256', 'attestation_version']) {
    await db.schema.alterTable('records').dropColumn(column).execute()
  }
}
