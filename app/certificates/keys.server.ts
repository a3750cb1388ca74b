import * as Ed25519Multikey from '@digitalbazaar/ed25519-multikey'
import { db, nowIso, writeTransaction, type Database } from '#app/db.server.ts'

// The institute's Ed25519 keys live in the database (issuer_keys), so a backup, a restore and
// db:copy carry them with the certificates they sign. The newest key signs; the others stay
// published in the DID document, so credentials signed before a rotation still verify.

async function newKeyRow() {
  const pair = await Ed25519Multikey.generate()
  const exported = await pair.export({ publicKey: true, secretKey: true })
  return { public_key_multibase: exported.publicKeyMultibase, secret_key_multibase: exported.secretKeyMultibase!, created_at: nowIso() }
}

/** Every key, oldest first: what the DID document publishes. Secret halves stay here. */
export async function publishedKeys(executor: Database = db) {
  return executor.selectFrom('issuer_keys').select(['id', 'public_key_multibase', 'created_at']).orderBy('id').execute()
}

/**
 * The key that signs now (the newest), made on first need: the server makes it when it first
 * starts (startup.server.ts), and a database that somehow has none gets one before its first
 * signature. Read on every use, so a rotation by `npm run keys:rotate` takes effect in every
 * running worker without a restart.
 */
export async function signingKey() {
  const newest = () => db.selectFrom('issuer_keys').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst()
  return (await newest()) ?? (await ensureIssuerKey())
}

/** Creates the first key when there is none (one writer at a time: two workers starting together make one key). */
export async function ensureIssuerKey() {
  return writeTransaction(async (trx) => {
    const existing = await trx.selectFrom('issuer_keys').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst()
    if (existing) return existing
    return trx
      .insertInto('issuer_keys')
      .values(await newKeyRow())
      .returningAll()
      .executeTakeFirstOrThrow()
  })
}

/** Adds a new key that signs from now on; the old ones stay published. */
export async function rotateIssuerKey() {
  const row = await newKeyRow()
  return writeTransaction((trx) => trx.insertInto('issuer_keys').values(row).returningAll().executeTakeFirstOrThrow(), { durable: true })
}
