import express from 'express'
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

const readers = new Map<number, express.RequestHandler>()
function readerFor(limit: number) {
  let reader = readers.get(limit)
  if (!reader) {
    // Refuses by Content-Length before reading, and counts while reading (a chunked
    // or lying body is cut off at the limit): nothing larger is ever buffered.
    reader = express.raw({ type: () => true, limit, inflate: false })
    readers.set(limit, reader)
  }
  return reader
}

/**
 * Reads a request's body into memory within its route's limit, so the app gets a
 * bounded, complete body; refuses what no form of this site sends.
 */
export function boundedBody(): express.RequestHandler {
  return (req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next()
    const type = req.headers['content-type'] ?? ''
    if (!FORM_TYPES.test(type)) {
      return refuse(res, 400, 'This request could not be read', 'This address accepts form submissions from its own pages only. Reload the page and send the form again.')
    }
    readerFor(bodyLimitFor(req.path))(req, res, next)
  }
}

/** Turns body-reading failures into pages a person can act on; other errors pass on. */
export const bodyErrors: express.ErrorRequestHandler = (error, req, res, next) => {
  const type = (error as { type?: string }).type
  if (type === 'entity.too.large') {
    const kb = Math.round(bodyLimitFor(req.path) / 1024)
    // The rest of the upload is not read; closing the connection stops the sender.
    res.set('Connection', 'close')
    return refuse(res, 413, 'Too much to send', `This form accepts at most ${kb} KB. Shorten what you typed and send it again.`)
  }
  if (type === 'encoding.unsupported') {
    return refuse(res, 400, 'This request could not be read', 'Compressed form submissions are not accepted. Send the form from the page again.')
  }
  if (type === 'request.aborted' || type === 'request.size.invalid' || type === 'charset.unsupported') {
    return refuse(res, 400, 'This request could not be read', 'The form arrived incomplete. Reload the page and send it again.')
  }
  next(error)
}
