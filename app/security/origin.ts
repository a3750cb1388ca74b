const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/**
 * CSRF defence: a state-changing request must carry an Origin header naming this
 * very host. Browsers always send Origin on cross-site and same-site POSTs; a
 * missing one means a non-browser client or a stripped header — refused either way.
 */
export function isAllowedOrigin(method: string, origin: string | undefined | null, host: string | undefined | null) {
  if (SAFE_METHODS.has(method.toUpperCase())) return true
  if (!origin || origin === 'null' || !host) return false
  try {
    return new URL(origin).host === host
  } catch {
    return false
  }
}
