// npm run keys:rotate — a new Ed25519 key signs the institute's credentials from now on. The old
// keys stay in the database and in /.well-known/did.json, so credentials they signed still verify.
import { migrateToLatest } from '#db/migrate.ts'
import { didWebFor, keyIdOf } from '#app/certificates/issuer.ts'
import { ensureIssuerKey, publishedKeys, rotateIssuerKey } from '#app/certificates/keys.server.ts'
import { db, engine } from '#app/db.server.ts'
import { appOrigin } from '#app/env.server.ts'

await migrateToLatest(db)
await ensureIssuerKey()
const key = await rotateIssuerKey()
const did = didWebFor(appOrigin())
const keys = await publishedKeys()
console.log(`Database: ${engine.location}`)
console.log(`New signing key: ${keyIdOf(did, key.id)} (${key.public_key_multibase})`)
console.log(`Published keys (all still verify what they signed): ${keys.map((k) => `#key-${k.id}`).join(', ')}`)
await db.destroy()
