import { createHash } from 'node:crypto'
import zlib from 'node:zlib'
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib'
import type { Database } from '#db/connection.ts'

// Small, valid sample files made in code (no binaries in the repository): the demo's documents,
// and the files the tests upload.

/** A one-page PDF letter: a heading and a few lines of text. */
export async function samplePdf(title: string, lines: string[]) {
  const pdf = await PDFDocument.create()
  pdf.setTitle(title)
  // A fixed date, so the same letter is the same bytes every time.
  pdf.setCreationDate(new Date('2026-01-05T09:00:00Z'))
  pdf.setModificationDate(new Date('2026-01-05T09:00:00Z'))
  const page = pdf.addPage([595, 842])
  const regular = await pdf.embedFont(StandardFonts.Helvetica)
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold)
  page.drawText(title, { x: 60, y: 760, size: 18, font: bold, color: rgb(0.1, 0.2, 0.3) })
  lines.forEach((line, i) => page.drawText(line, { x: 60, y: 720 - i * 20, size: 11, font: regular }))
  return Buffer.from(await pdf.save())
}

/** A PNG of `width` × `height`: a coloured band over a light card, like a scanned ID card. */
export function samplePng(width = 240, height = 150, band: [number, number, number] = [40, 90, 140]) {
  const row = (y: number) => {
    const pixels = Buffer.alloc(1 + width * 3)
    // Each row starts with its filter type: 0, none.
    for (let x = 0; x < width; x++) {
      const color = y < height / 4 ? band : x < 8 || x >= width - 8 || y >= height - 8 ? [180, 180, 180] : [245, 242, 235]
      pixels.set(color, 1 + x * 3)
    }
    return pixels
  }
  const raw = Buffer.concat(Array.from({ length: height }, (_, y) => row(y)))
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4)
    length.writeUInt32BE(data.length)
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
    const crc = Buffer.alloc(4)
    crc.writeUInt32BE(zlib.crc32(body) >>> 0)
    return Buffer.concat([length, body, crc])
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 2, 0, 0, 0], 8) // 8 bits per channel, RGB, deflate, no filter method, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')

/**
 * The demo's documents: Avery's medical clearance letter (staff see it on her page), Maya's
 * license proof, and a supervision agreement attached to one of Avery's supervision records.
 */
export async function seedDemoDocuments(db: Database, ids: Record<string, number>) {
  const staff = ids['staff@kap.test']!
  const avery = ids['fellow1@kap.test']!
  const maya = ids['supervisor1@kap.test']!
  const now = new Date().toISOString()
  const clearance = await db
    .selectFrom('medical_clearances')
    .select(['id', 'granted_on', 'expires_on', 'clinician'])
    .where('fellow_id', '=', avery)
    .orderBy('id')
    .executeTakeFirst()
  const supervision = await db
    .selectFrom('records')
    .select(['id', 'occurred_on'])
    .where('fellow_id', '=', avery)
    .where('kind', '=', 'supervision')
    .orderBy('occurred_on')
    .executeTakeFirst()

  const rows = []
  if (clearance) {
    const letter = await samplePdf('Medical clearance', [
      'To the KAP Fellowship institute:',
      '',
      'Avery Chen has been screened for ketamine-assisted psychotherapy training sessions',
      `and is medically cleared from ${clearance.granted_on} until ${clearance.expires_on}.`,
      '',
      clearance.clinician,
    ])
    rows.push({
      owner_id: avery,
      kind: 'clearance_letter' as const,
      clearance_id: clearance.id,
      record_id: null,
      content_type: 'application/pdf',
      original_name: 'Clearance letter - Avery Chen.pdf',
      content: letter,
      uploaded_by: staff,
    })
  }
  rows.push({
    owner_id: maya,
    kind: 'license_proof' as const,
    clearance_id: null,
    record_id: null,
    content_type: 'image/png',
    original_name: 'LMFT license card.png',
    content: samplePng(),
    uploaded_by: maya,
  })
  if (supervision) {
    const agreement = await samplePdf('Supervision agreement', [
      'Supervisee: Avery Chen',
      'Supervisor: Dr. Maya Reyes, LMFT 98765 (CA)',
      `Effective from ${supervision.occurred_on}: one hour of individual supervision every two weeks,`,
      'case consultation on KAP preparation, support and integration sessions.',
    ])
    rows.push({
      owner_id: avery,
      kind: 'record_attachment' as const,
      clearance_id: null,
      record_id: supervision.id,
      content_type: 'application/pdf',
      original_name: 'Supervision agreement.pdf',
      content: agreement,
      uploaded_by: avery,
    })
  }
  await db
    .insertInto('documents')
    .values(rows.map((row) => ({ ...row, size: row.content.length, sha256: sha256(row.content), uploaded_at: now })))
    .execute()
}
