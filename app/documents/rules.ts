// What a document may be, decided from its bytes: no Remix, no database. The server
// module stores what passes; the request-body limit and the form schemas read the size.

/** The largest file accepted: 10 MB (10 × 1024 × 1024 bytes). */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

export const DOCUMENT_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const
export type DocumentType = (typeof DOCUMENT_TYPES)[number]

export const DOCUMENT_KINDS = ['clearance_letter', 'license_proof', 'record_attachment'] as const
export type DocumentKind = (typeof DOCUMENT_KINDS)[number]

export const KIND_LABELS: Record<DocumentKind, string> = {
  clearance_letter: 'Medical clearance letter',
  license_proof: 'License proof',
  record_attachment: 'Attachment',
}

const EXTENSIONS: Record<DocumentType, string> = { 'application/pdf': 'pdf', 'image/png': 'png', 'image/jpeg': 'jpg' }
const TYPE_LABELS: Record<DocumentType, string> = { 'application/pdf': 'PDF', 'image/png': 'PNG', 'image/jpeg': 'JPEG' }

export function typeLabel(type: string) {
  return TYPE_LABELS[type as DocumentType] ?? type
}

/** What the file input offers to choose; a hint for the picker only, the bytes decide. */
export const ACCEPT = DOCUMENT_TYPES.join(',')

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) => prefix.every((b, i) => bytes[at + i] === b)
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0))

const PDF = ascii('%PDF-')
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]
const PNG_HEADER_CHUNK = ascii('IHDR')
const JPEG = [0xff, 0xd8, 0xff]

/**
 * The type the bytes themselves say, or null. The name and the browser's claimed type play no
 * part: a PNG named `.pdf` is a PNG, and a web page named `.pdf` is refused.
 * - PDF: `%PDF-` then a version digit, at the very start (ISO 32000 §7.5.2).
 * - PNG: the eight-byte signature, then the IHDR chunk that must come first.
 * - JPEG: the SOI marker (FF D8) followed by another marker (FF xx).
 */
export function sniffType(bytes: Uint8Array): DocumentType | null {
  if (startsWith(bytes, PDF) && bytes[5] !== undefined && bytes[5] >= 0x31 && bytes[5] <= 0x39) return 'application/pdf'
  if (startsWith(bytes, PNG) && startsWith(bytes, PNG_HEADER_CHUNK, 12)) return 'image/png'
  if (startsWith(bytes, JPEG) && bytes[3] !== undefined && bytes[3] >= 0xc0 && bytes[3] !== 0xff) return 'image/jpeg'
  return null
}

/** A guess at what a refused file is, so the refusal can say what to do instead. */
function looksLike(bytes: Uint8Array): string | null {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, 512)).trimStart().toLowerCase()
  if (head.startsWith('<!doctype html') || head.startsWith('<html') || /^<(head|body|script|meta|svg)\b/.test(head)) return 'a web page or other markup'
  if (startsWith(bytes, ascii('PK\u0003\u0004'))) return 'a ZIP archive or an office document (Word, Excel, Pages)'
  if (startsWith(bytes, ascii('GIF8'))) return 'a GIF image'
  if (startsWith(bytes, ascii('RIFF')) && startsWith(bytes, ascii('WEBP'), 8)) return 'a WebP image'
  if (startsWith(bytes, ascii('ftyp'), 4) && /^(heic|heix|hevc|mif1)/.test(String.fromCharCode(...bytes.subarray(8, 12)))) return 'an HEIC photo'
  if (bytes.length && bytes.subarray(0, 512).every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b !== 0x7f))) return 'plain text'
  return null
}

export type Checked = { ok: true; type: DocumentType } | { ok: false; message: string }

const PLEASE =
  'Only PDF, PNG and JPEG files are accepted, and the file’s content is checked, not its name: save or scan the document as a PDF (or as a PNG or JPEG image) and choose it again.'

/** The verdict on a chosen file: its type by content, within the size limit, or why not. */
export function checkDocument(bytes: Uint8Array): Checked {
  if (bytes.length === 0) return { ok: false, message: 'This file is empty. Choose the file again.' }
  if (bytes.length > MAX_DOCUMENT_BYTES) return { ok: false, message: tooLarge(bytes.length) }
  const type = sniffType(bytes)
  if (type) return { ok: true, type }
  const guess = looksLike(bytes)
  return { ok: false, message: `This file is ${guess ? `${guess}, ` : ''}not a PDF, PNG or JPEG. ${PLEASE}` }
}

export function tooLarge(size: number) {
  const exact = size < 11 * 1024 * 1024 ? `${size.toLocaleString('en-US')} bytes` : formatBytes(size)
  return `This file is ${exact}, over the limit of 10 MB (${MAX_DOCUMENT_BYTES.toLocaleString('en-US')} bytes). Reduce it (a scan at a lower resolution, or a compressed PDF) and choose it again.`
}

/** Why a record takes no more files: what the supervisor reviews and signs must not change under them. */
export function attachmentClosed(status: string) {
  return `This record is ${status}: files can be attached while it is a draft or returned to you, so what your supervisor signs does not change after they have seen it.`
}

/** "120 KB", "3.4 MB": sizes as people read them (1 KB = 1024 bytes). */
export function formatBytes(size: number) {
  if (size < 1024) return `${size} bytes`
  if (size < 1024 * 1024) return `${Math.max(1, Math.round(size / 1024))} KB`
  const mb = size / (1024 * 1024)
  return `${mb >= 10 ? mb.toFixed(0) : mb.toFixed(1).replace(/\.0$/, '')} MB`
}

// Control characters (C0, DEL, C1), bidi overrides and isolates, zero-width characters, and the
// separators of paths; quotes and backslashes would end or escape the header's quoted string.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff"\\/:*?<>|]/g
const MAX_NAME = 120

/**
 * The name a person gave the file, safe to keep and to put in a Content-Disposition header:
 * no folders, no control or direction-changing characters, no quotes, at most 120 characters
 * (the extension kept), never empty.
 */
export function sanitizeFileName(name: string) {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? ''
  let clean = base.replace(/\s+/g, ' ').replace(UNSAFE_IN_NAME, '_').trim().replace(/^\.+/, '')
  if ([...clean].length > MAX_NAME) {
    const dot = clean.lastIndexOf('.')
    const extension = dot > 0 && clean.length - dot <= 8 ? clean.slice(dot) : ''
    clean = [...clean.slice(0, clean.length - extension.length)].slice(0, MAX_NAME - extension.length).join('') + extension
  }
  return clean || 'document'
}

/** The name to download under: the stored name, with the extension its content calls for. */
export function downloadName(storedName: string, type: DocumentType) {
  const extension = EXTENSIONS[type]
  const dot = storedName.lastIndexOf('.')
  const stem = dot > 0 ? storedName.slice(0, dot) : storedName
  const current = dot > 0 ? storedName.slice(dot + 1).toLowerCase() : ''
  if (current === extension || (type === 'image/jpeg' && current === 'jpeg')) return storedName
  return `${stem}.${extension}`
}

/**
 * `attachment`, with the name twice (RFC 6266): an ASCII-only fallback in `filename` for old
 * clients, and the exact name in `filename*` (RFC 8187, UTF-8, percent-encoded).
 */
export function contentDisposition(name: string) {
  const fallback = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]|["\\%;]/g, '_')
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`
}
