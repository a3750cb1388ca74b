const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF defence: a state-changing request must carry an Origin header naming this
 * site exactly — scheme, host and port. Browsers always send Origin on cross-site
 * and same-site POSTs; a missing one means a non-browser client or a stripped
 * header — refused either way.
 */
export function isAllowedOrigin(method: string, origin: string | undefined | null, siteOrigin: string) {
  if (SAFE_METHODS.has(method.toUpperCase())) return true
  if (!origin || origin === 'null') return false
  try {
    return new URL(origin).origin === new URL(siteOrigin).origin
  } catch {
    return false
  }
}

/** The host a request was addressed to: the forwarded one only behind a trusted proxy. */
export function requestedHost(headers: { host?: string; 'x-forwarded-host'?: string | string[] }, trustProxy: boolean) {
  const forwarded = headers['x-forwarded-host']
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim()
  return ((trustProxy && first) || headers.host || '').toLowerCase()
}
