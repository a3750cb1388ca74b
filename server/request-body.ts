import type express from 'express'
import { MAX_DOCUMENT_BYTES } from '../app/documents/rules.ts'
import { refuse } from './refusals.ts'

/** Ordinary forms: a few fields of text. */
export const FORM_BODY_LIMIT = 64 * 1024

/** A form with a file: the largest file accepted, plus room for the other fields and the multipart framing. */
export const UPLOAD_BODY_LIMIT = MAX_DOCUMENT_BYTES + FORM_BODY_LIMIT

/**
 * The pages whose forms carry a file, by path (with or without the `.data` that Remix's
 * client adds to a submission). Only a multipart body gets the larger limit there: the
 * same page's url-encoded forms are text, and every other page's forms keep FORM_BODY_LIMIT.
 */
export const UPLOAD_PATHS: RegExp[] = [
  // A clearance recorded with its letter.
  /^\/staff\/people\/[^/]+\/?$/,
  // A file attached to a record.
  /^\/hours\/[^/]+\/attachments(\.data)?\/?$/,
  // A supervisor's proof of license.
  /^\/settings\/license-proof(\.data)?\/?$/,
]

const MULTIPART = /^multipart\/form-data\s*(;|$)/i

export function bodyLimitFor(path: string, contentType = '') {
  return MULTIPART.test(contentType) && UPLOAD_PATHS.some((route) => route.test(path)) ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT
}

const FORM_TYPES = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i

const UNREADABLE = 'This request could not be read'

/** How long a refused sender may go on sending (read and discarded) before the connection is cut. */
const LINGER_MS = 30_000

/**
 * Closes the connection once the refusal has gone out, without leaving the sender's unread
 * bytes behind: closing a socket with unread data resets it, and a client still sending the
 * body (a browser uploading a large file) would then report a dropped connection instead of
 * the page that says why. So the server half-closes at once (the answer, then end of
 * stream), and goes on reading and discarding what still arrives until the sender closes,
 * as web servers' "lingering close" does; a sender that never stops is cut after 30 s.
 */
function closeAfterRefusal(req: express.Request, res: express.Response) {
  const socket = req.socket
  // Node answers a `Connection: close` request by calling destroySoon() once the answer is written,
  // which destroys the socket with the sender's bytes unread: the very reset this avoids. Ending it
  // is enough here; the lingering below closes it.
  socket.destroySoon = () => void socket.end()
  res.once('finish', () => {
    const cut = setTimeout(() => socket.destroy(), LINGER_MS)
    socket.once('close', () => clearTimeout(cut))
    req.resume()
    socket.end()
  })
}

/**
 * Reads a request's body into memory within its route's limit, so the app gets a bounded,
 * complete body, and refuses what no form of this site sends. Too large is refused from the
 * Content-Length alone when it says so, else as soon as the count passes the limit; either
 * way the rest is discarded unread and the connection is closed.
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
    const limit = bodyLimitFor(req.path, req.headers['content-type'])
    const tooLarge = () => {
      closeAfterRefusal(req, res)
      refuse(
        res,
        413,
        'Too much to send',
        limit === UPLOAD_BODY_LIMIT
          ? `This form accepts a file of at most ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB. Choose a smaller file (a scan at a lower resolution, or a compressed PDF) and send it again.`
          : `This form accepts at most ${Math.round(limit / 1024)} KB. Shorten what you typed and send it again.`,
      )
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
        chunks.length = 0
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
