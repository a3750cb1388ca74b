import type { Kysely } from 'kysely'

// The institute's Ed25519 signing keys for Open Badges credentials (Multikey, multibase-encoded),
// kept with the data so one backup (or one db:copy) carries them. The newest key signs; older
// keys stay so that credentials they signed still verify after a rotation. The first key is
// made by the app at its first start (a migration never imports app code).
export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('issuer_keys')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('public_key_multibase', 'text', (c) => c.notNull().unique())
    .addColumn('secret_key_multibase', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('issuer_keys').execute()
}
