/**
 * Settings read from the environment, in one place. Every absolute URL the app
 * builds (mails, QR codes, credentials, verify links) comes from `appOrigin()`,
 * never from the request: a forged Host header must not reach anyone's inbox.
 */

export class ConfigurationError extends Error {}

/** `https://kap.example.org` from APP_URL; in development `http://localhost:$PORT`. */
export function appOrigin(): string {
  const configured = process.env.APP_URL
  if (configured) return parseAppUrl(configured)
  if (process.env.NODE_ENV !== 'production') return `http://localhost:${process.env.PORT ?? 3000}`
  throw new ConfigurationError(missingAppUrlMessage())
}

export function missingAppUrlMessage() {
  return (
    'APP_URL is not set. A deployment must name its public address (for example APP_URL=https://kap.example.org): ' +
    'links in mails, QR codes and credentials are built from it, and requests for any other host are refused. ' +
    '`npm start` sets it to http://localhost:$PORT for the demo.'
  )
}

/** The origin of an APP_URL value, refusing anything that is not a bare http(s) origin. */
export function parseAppUrl(value: string): string {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    throw new ConfigurationError(`APP_URL "${value}" is not a URL; use the form https://kap.example.org`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigurationError(`APP_URL "${value}" must start with https:// (or http:// for local use)`)
  }
  if (url.username || url.password || url.search || url.hash || (url.pathname !== '/' && url.pathname !== '')) {
    throw new ConfigurationError(`APP_URL "${value}" must be an origin only, without a path, query or credentials`)
  }
  return url.origin
}

/** The host (with port) requests must be addressed to. */
export function appHost() {
  return new URL(appOrigin()).host
}

export function secureCookies() {
  return process.env.NODE_ENV === 'production' && process.env.INSECURE_COOKIES !== '1'
}
