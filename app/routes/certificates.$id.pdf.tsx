import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireOwnCertificate } from '#app/certificates/access.server.ts'
import { verifyUrl } from '#app/certificates/certificates.server.ts'
import { certificatePdf } from '#app/certificates/pdf.server.ts'
import { appOrigin } from '#app/env.server.ts'
import { timeZoneOf } from '#app/utils/time-zone.server.ts'

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cert, user } = await requireOwnCertificate(request, params.id)
  const pdf = await certificatePdf(cert, verifyUrl(appOrigin(), cert.code), timeZoneOf(user))
  return new Response(Buffer.from(pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      // A revoked certificate's file says so in its name too.
      'Content-Disposition': `attachment; filename="${cert.serial}${cert.revoked_at ? '-REVOKED' : ''}.pdf"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
