import type { LoaderFunctionArgs } from '@remix-run/node'
import { certificateByCode } from '#app/certificates/certificates.server.ts'
import { certificateStatus, isWellFormedCode } from '#app/certificates/codes.ts'
import { criteriaOf, openBadgeCredential } from '#app/certificates/open-badges.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { appOrigin } from '#app/env.server.ts'

const JSON_LD = { 'Content-Type': 'application/ld+json; charset=utf-8', 'Cache-Control': 'no-cache' }

// Public, like the verify page: the certificate as an Open Badges 3.0 credential.
export async function loader({ params }: LoaderFunctionArgs) {
  const code = params.code ?? ''
  const cert = isWellFormedCode(code) ? await certificateByCode(code) : undefined
  if (!cert) return new Response(JSON.stringify({ error: 'No certificate has this code.' }), { status: 404, headers: JSON_LD })
  const catalog = getCatalog()
  const program = catalog.program(cert.program_slug)
  const titleOf = (slug: string) => catalog.program(slug)?.title ?? catalog.course(slug)?.title ?? slug
  const credential = openBadgeCredential({
    origin: appOrigin(),
    code: cert.code,
    serial: cert.serial,
    holderName: cert.holder_name,
    issuedAt: cert.issued_at,
    expiresAt: cert.expires_at,
    status: certificateStatus(cert),
    revokedAt: cert.revoked_at,
    program: {
      slug: cert.program_slug,
      title: cert.program_title,
      summary: program?.summary ?? cert.program_title,
      criteria: program ? criteriaOf(program, titleOf) : [],
    },
  })
  return new Response(JSON.stringify(credential, null, 2), { headers: JSON_LD })
}
