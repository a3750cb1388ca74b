import { didDocument, didWebFor } from '#app/certificates/issuer.ts'
import { publishedKeys } from '#app/certificates/keys.server.ts'
import { appOrigin } from '#app/env.server.ts'

// Public: the institute's did:web document — every key it signs credentials with, so anyone can
// check a credential's signature without asking us. Retired keys stay listed: what they signed still verifies.
export async function loader() {
  const origin = appOrigin()
  const document = didDocument(didWebFor(origin), await publishedKeys())
  return new Response(JSON.stringify(document, null, 2), {
    headers: { 'Content-Type': 'application/did+json; charset=utf-8', 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' },
  })
}
