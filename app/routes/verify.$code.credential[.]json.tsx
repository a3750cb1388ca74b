import type { LoaderFunctionArgs } from '@remix-run/node'
import { certificateByCode } from '#app/certificates/certificates.server.ts'
import { isWellFormedCode } from '#app/certificates/codes.ts'
import { signedCredentialOf } from '#app/certificates/credentials.server.ts'
import { appOrigin } from '#app/env.server.ts'

const JSON_LD = { 'Content-Type': 'application/ld+json; charset=utf-8', 'Cache-Control': 'no-cache' }

// Public, like the verify page: the certificate as a signed Open Badges 3.0 credential, offered
// as a file to keep (a wallet or a licensing board checks it with any Data Integrity verifier).
export async function loader({ params }: LoaderFunctionArgs) {
  const code = params.code ?? ''
  const cert = isWellFormedCode(code) ? await certificateByCode(code) : undefined
  if (!cert) return new Response(JSON.stringify({ error: 'No certificate has this code.' }), { status: 404, headers: JSON_LD })
  const credential = await signedCredentialOf(cert, appOrigin())
  return new Response(JSON.stringify(credential, null, 2), {
    headers: { ...JSON_LD, 'Content-Disposition': `attachment; filename="${cert.serial}-credential.json"` },
  })
}
