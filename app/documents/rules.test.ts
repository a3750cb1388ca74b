import { describe, expect, test } from 'vitest'
import { checkDocument, contentDisposition, downloadName, formatBytes, MAX_DOCUMENT_BYTES, sanitizeFileName, sniffType } from './rules.ts'
import { documentAccess } from './access.ts'

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))))
const PNG_START = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]

describe('the type, from the bytes', () => {
  test.each([
    ['a PDF', bytes('%PDF-1.7\n'), 'application/pdf'],
    ['a PDF 2.0', bytes('%PDF-2.0\n'), 'application/pdf'],
    ['a PNG', bytes(PNG_START, 'IHDR'), 'image/png'],
    ['a JPEG (JFIF)', bytes([0xff, 0xd8, 0xff, 0xe0]), 'image/jpeg'],
    ['a JPEG (Exif)', bytes([0xff, 0xd8, 0xff, 0xe1]), 'image/jpeg'],
  ])('%s is recognised', (_name, content, type) => {
    expect(sniffType(content)).toBe(type)
  })

  test.each([
    ['"%PDF-" without a version', bytes('%PDF-x')],
    ['a PDF signature after a preamble', bytes(' %PDF-1.7')],
    ['the PNG signature without its header chunk', bytes(PNG_START, 'IDAT')],
    ['two JPEG bytes only', bytes([0xff, 0xd8])],
    ['a JPEG start with a fill byte where a marker belongs', bytes([0xff, 0xd8, 0xff, 0xff])],
    ['a web page', bytes('<!doctype html><title>x</title>')],
    ['nothing', bytes()],
  ])('%s is not a document', (_name, content) => {
    expect(sniffType(content)).toBeNull()
  })

  test('the verdict says what the file seems to be, and what to do', () => {
    expect(checkDocument(bytes('  <HTML><body>hi'))).toEqual({
      ok: false,
      message: expect.stringMatching(/^This file is a web page or other markup, not a PDF/),
    })
    expect(checkDocument(bytes('just words\r\n'))).toEqual({ ok: false, message: expect.stringMatching(/^This file is plain text, not a PDF/) })
    expect(checkDocument(bytes([0, 1, 2, 3]))).toEqual({
      ok: false,
      message: expect.stringMatching(/^This file is not a PDF, PNG or JPEG\. Only PDF, PNG and JPEG/),
    })
    expect(checkDocument(bytes([0, 0, 0, 0x18], 'ftypheic'))).toEqual({ ok: false, message: expect.stringMatching(/^This file is an HEIC photo, not/) })
  })

  test('at most 10 MB: 10,485,760 bytes pass, one more does not', () => {
    expect(MAX_DOCUMENT_BYTES).toBe(10_485_760)
    const atLimit = Buffer.alloc(10_485_760, 0x20)
    atLimit.write('%PDF-1.4')
    expect(checkDocument(atLimit)).toEqual({ ok: true, type: 'application/pdf' })
    expect(checkDocument(Buffer.concat([atLimit, Buffer.from(' ')]))).toEqual({
      ok: false,
      message: expect.stringMatching(/^This file is 10,485,761 bytes, over the limit of 10 MB \(10,485,760 bytes\)\./),
    })
  })

  test('sizes read as people say them', () => {
    expect([formatBytes(900), formatBytes(2048), formatBytes(1_572_864), formatBytes(25 * 1024 * 1024)]).toEqual(['900 bytes', '2 KB', '1.5 MB', '25 MB'])
  })
})

describe('names', () => {
  test.each([
    ['Clearance letter.pdf', 'Clearance letter.pdf'],
    ['C:\\Users\\ana\\scan.pdf', 'scan.pdf'],
    ['../../etc/passwd', 'passwd'],
    ['"quoted".pdf', '_quoted_.pdf'],
    ['tab\there.pdf', 'tab here.pdf'],
    ['evil\u202Efdp.exe', 'evil_fdp.exe'],
    ['.hidden.pdf', 'hidden.pdf'],
    ['', 'document'],
    ['///', 'document'],
    ['Zoë Müller – Schein.pdf', 'Zoë Müller – Schein.pdf'],
  ])('%j is kept as %j', (given, kept) => {
    expect(sanitizeFileName(given)).toBe(kept)
  })

  test('a long name is cut to 120 characters, its extension kept', () => {
    const kept = sanitizeFileName(`${'a'.repeat(300)}.pdf`)
    expect(kept).toHaveLength(120)
    expect(kept.endsWith('a.pdf')).toBe(true)
  })

  test('the download name carries the extension the content calls for', () => {
    expect(downloadName('scan.pdf', 'image/png')).toBe('scan.png')
    expect(downloadName('scan', 'application/pdf')).toBe('scan.pdf')
    expect(downloadName('photo.JPEG', 'image/jpeg')).toBe('photo.JPEG')
    expect(downloadName('photo.jpg', 'image/jpeg')).toBe('photo.jpg')
  })

  test('Content-Disposition: attachment, an ASCII fallback and the exact name (RFC 6266, RFC 8187)', () => {
    expect(contentDisposition('letter.pdf')).toBe(`attachment; filename="letter.pdf"; filename*=UTF-8''letter.pdf`)
    expect(contentDisposition('Zoë (final) 100%.pdf')).toBe(`attachment; filename="Zoe (final) 100_.pdf"; filename*=UTF-8''Zo%C3%AB%20%28final%29%20100%25.pdf`)
    expect(contentDisposition('証明書.png')).toBe(`attachment; filename="___.png"; filename*=UTF-8''%E8%A8%BC%E6%98%8E%E6%9B%B8.png`)
  })
})

describe('who may open a document', () => {
  const fellow = { id: 1, roles: ['trainee', 'fellow'] as const }
  const otherFellow = { id: 2, roles: ['trainee', 'fellow'] as const }
  const supervisor = { id: 3, roles: ['supervisor'] as const }
  const staff = { id: 4, roles: ['staff'] as const }
  const letter = { ownerId: 1, record: null }
  const onRecord = (status: 'draft' | 'submitted' | 'approved', decidedBy: number | null = null) => ({ ownerId: 1, record: { fellowId: 1, decidedBy, status } })

  test('a clearance letter or a license proof: the owner, staff, the owner’s supervisors', () => {
    expect(documentAccess(fellow, letter, false)).toBe('allowed')
    expect(documentAccess(staff, letter, false)).toBe('allowed')
    expect(documentAccess(supervisor, letter, true)).toBe('allowed')
    expect(documentAccess(supervisor, letter, false)).toBe('forbidden')
    expect(documentAccess(otherFellow, letter, false)).toBe('hidden')
    expect(documentAccess({ id: 9, roles: [] }, letter, false)).toBe('hidden')
  })

  test("a record's file follows the record: a draft's is the fellow's alone, a decider keeps sight of what they decided", () => {
    expect(documentAccess(supervisor, onRecord('submitted'), true)).toBe('allowed')
    expect(documentAccess(supervisor, onRecord('draft'), true)).toBe('hidden')
    expect(documentAccess(supervisor, onRecord('approved', supervisor.id), false)).toBe('allowed')
    expect(documentAccess(supervisor, onRecord('approved'), false)).toBe('forbidden')
    expect(documentAccess(staff, onRecord('draft'), false)).toBe('allowed')
    expect(documentAccess(fellow, onRecord('draft'), false)).toBe('allowed')
    expect(documentAccess(otherFellow, onRecord('submitted'), false)).toBe('hidden')
  })
})
