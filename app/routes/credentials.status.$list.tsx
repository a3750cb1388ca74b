import type { LoaderFunctionArgs } from '@remix-run/node'
import { signedStatusList } from '#app/certificates/credentials.server.ts'
import { appOrigin } from '#app/env.server.ts'

const JSON_LD = { 'Content-Type': 'application/vc+ld+json; charset=utf-8', 'Cache-Control': 'no-cache', 'Access-Control-Allow-Origin': '*' }

// Public: the signed Bitstring Status List every certificate's credential points to; a revoked
// certificate's bit is set. Verifiers fetch it to learn whether a credential was revoked.
export async function loader({ params }: LoaderFunctionArgs) {
  const list = /^[1-9]\d{0,5}$/.test(params.list ?? '') ? Number(params.list) : null
  const credential = list ? await signedStatusList(list, appOrigin()) : null
  if (!credential) return new Response(JSON.stringify({ error: 'There is no such status list.' }), { status: 404, headers: JSON_LD })
  return new Response(JSON.stringify(credential, null, 2), { headers: JSON_LD })
}
