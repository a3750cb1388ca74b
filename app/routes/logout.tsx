import { redirect, type ActionFunctionArgs } from '@remix-run/node'
import { getSession } from '#app/auth/guard.server.ts'
import { clearSessionCookieHeader, invalidateSession } from '#app/auth/session.server.ts'

export async function loader() {
  return redirect('/')
}

export async function action({ request }: ActionFunctionArgs) {
  const session = await getSession(request)
  if (session) await invalidateSession(session.sessionId)
  return redirect('/login', { headers: { 'Set-Cookie': await clearSessionCookieHeader() } })
}
