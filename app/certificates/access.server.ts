import { notFound, requireUser } from '#app/auth/guard.server.ts'
import { certificateById } from './certificates.server.ts'
import { positiveId } from '#app/utils/ids.ts'

/** The holder and staff may open a certificate's page and PDF; for anyone else it does not exist. */
export async function requireOwnCertificate(request: Request, idParam: string | undefined) {
  const user = await requireUser(request)
  const id = positiveId(idParam)
  const cert = id ? await certificateById(id) : undefined
  if (!cert || (cert.user_id !== user.id && !user.roles.includes('staff'))) throw notFound('There is no such certificate.')
  return { user, cert }
}
