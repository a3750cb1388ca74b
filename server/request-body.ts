import type express from 'express'
import { refuse } from './refusals.ts'

/** Ordinary forms: a few fields of text. */
export const FORM_BODY_LIMIT = 64 * 1024

/**
 * Routes whose forms carry more than text (none today; uploads will), by path.
 * Everything else gets FORM_BODY_LIMIT.
 */
const LARGER_BODIES: { path: RegExp; bytes: number }[] = []

export function bodyLimitFor(path: string) {
  return LARGER_BODIES.find((route) => route.path.test(path))?.bytes ?? FORM_BODY_LIMIT
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i

const UNREADABLE = 'This request could not be read'

/**
 * Reads a request's body into memory within its route's limit, so the app gets a bounded,
 * complete body, and refuses what no form of this site sends. Too large is refused from the
 * Content-Length alone when it says so, else as soon as the count passes the limit; either
 * way the rest is never read and the connection is closed.
 */
export function boundedBody(): express.RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    if (!FORM_TYPES.test(req.headers['content-type'] ?? '')) {
      return refuse(res, 400, UNREADABLE, 'This address accepts form submissions from its own pages only. Reload the page and send the form again.')
    }
    const encoding = req.headers['content-encoding']
    if (encoding && encoding !== 'identity') {
      return refuse(res, 400, UNREADABLE, 'Compressed form submissions are not accepted. Send the form from the page again.')
    }
    const limit = bodyLimitFor(req.path)
    const tooLarge = () => {
      res.set('Connection', 'close')
      refuse(res, 413, 'Too much to send', `This form accepts at most ${Math.round(limit / 1024)} KB. Shorten what you typed and send it again.`)
    }
    if (Number(req.headers['content-length'] ?? 0) > limit) return tooLarge()

    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    req.on('data', (chunk: Buffer) => {
      if (settled) return
      size += chunk.length
      if (size > limit) {
        settled = true
        req.pause()
        return tooLarge()
      }
      chunks.push(chunk)
    })
    req.on('end', () => {
      if (settled) return
      settled = true
      req.body = Buffer.concat(chunks, size)
      next()
    })
    req.on('error', () => {
      if (settled) return
      settled = true
      refuse(res, 400, UNREADABLE, 'The form arrived incomplete. Reload the page and send it again.')
    })
  }
}
