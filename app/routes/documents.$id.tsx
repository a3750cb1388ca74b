import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireUser } from '#app/auth/guard.server.ts'
import { documentDownload } from '#app/documents/documents.server.ts'

// A stored document, as a download for those who may open it (see app/documents/access.ts).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request)
  return documentDownload(request, user, params.id)
}
