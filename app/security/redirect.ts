// Control characters (browsers strip tab and newlines from URLs, so `/\t/evil.example`
// becomes `//evil.example`), backslashes (read as slashes) and a leading `//` (another host).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u001F\u007F\\]/

/**
 * Where to go after signing in: a path on this site, or `fallback`. The value is parsed
 * against the site's own origin and must stay on it; anything else goes to the dashboard.
 */
export function safeRedirect(to: unknown, siteOrigin: string, fallback = '/'): string {
  if (typeof to !== 'string' || !to.startsWith('/') || to.startsWith('//') || UNSAFE.test(to)) return fallback
  let url: URL
  try {
    url = new URL(to, siteOrigin)
  } catch {
    return fallback
  }
  if (url.origin !== new URL(siteOrigin).origin) return fallback
  const path = `${url.pathname}${url.search}${url.hash}`
  // The path as the browser will read it must itself be a plain same-site path.
  return path.startsWith('//') ? fallback : path
}
