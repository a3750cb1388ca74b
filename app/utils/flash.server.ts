import { createCookie, redirect } from '@remix-run/node'
import { secureCookies } from '#app/env.server.ts'

export type Flash = { kind: 'success' | 'info' | 'error'; message: string }

// A short-lived cookie read once by the root loader: "saved" survives the redirect.
const flashCookie = createCookie('kap_flash', {
  httpOnly: true,
  sameSite: 'lax',
  path: '/',
  maxAge: 60,
  secure: secureCookies(),
})

export async function redirectWithFlash(url: string, flash: Flash | string, init: ResponseInit = {}) {
  const headers = new Headers(init.headers)
  const value: Flash = typeof flash === 'string' ? { kind: 'success', message: flash } : flash
  headers.append('Set-Cookie', await flashCookie.serialize(value))
  return redirect(url, { ...init, headers })
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; clearHeader: string | null }> {
  const value = await flashCookie.parse(request.headers.get('Cookie'))
  if (!value || typeof value !== 'object' || typeof value.message !== 'string') {
    return { flash: null, clearHeader: null }
  }
  const kind = ['success', 'info', 'error'].includes(value.kind) ? value.kind : 'info'
  return {
    flash: { kind, message: String(value.message).slice(0, 300) },
    clearHeader: await flashCookie.serialize('', { maxAge: 0 }),
  }
}
