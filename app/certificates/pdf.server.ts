import { rgb } from 'pdf-lib'
import type { Certificate } from '#db/schema.ts'
import { ACCENT, createDocument, drawQrCode, INK, MUTED } from '#app/pdf/document.server.ts'
import { isolate } from '#app/pdf/text.server.ts'
import { formatDate } from '#app/utils/format.ts'

/** The certificate as a PDF: holder, program, date, serial, verification URL and its QR code. */
export async function certificatePdf(cert: Certificate, verifyUrl: string) {
  const { doc, pen } = await createDocument(`${cert.program_title} — ${cert.holder_name}`)
  doc.setSubject(`Certificate ${cert.serial}`)
  doc.setKeywords([cert.serial, cert.program_title, 'KAP Fellowship certificate'])
  const page = doc.addPage([842, 595]) // A4 landscape
  const { width, height } = page.getSize()
  const cx = width / 2

  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: ACCENT, borderWidth: 2 })
  page.drawRectangle({ x: 32, y: 32, width: width - 64, height: height - 64, borderColor: rgb(0.75, 0.82, 0.8), borderWidth: 0.75 })

  await pen.drawCentered(page, 'KAP FELLOWSHIP', { face: 'sans', size: 13, y: height - 90, centerX: cx, maxWidth: 600, color: ACCENT })
  await pen.drawCentered(page, 'Certificate of Completion', { face: 'serifBold', size: 32, y: height - 140, centerX: cx, maxWidth: 700, color: INK })
  await pen.drawCentered(page, 'This certifies that', { face: 'serif', size: 14, y: height - 195, centerX: cx, maxWidth: 600, color: MUTED })
  await pen.drawCentered(page, cert.holder_name, { face: 'serifBold', size: 30, y: height - 245, centerX: cx, maxWidth: 700, color: INK })
  await pen.drawCentered(page, 'has met every requirement of', { face: 'serif', size: 14, y: height - 290, centerX: cx, maxWidth: 600, color: MUTED })
  await pen.drawCentered(page, cert.program_title, { face: 'serifBold', size: 22, y: height - 330, centerX: cx, maxWidth: 700, color: ACCENT })
  await pen.drawCentered(page, `Issued ${formatDate(cert.issued_at)}${cert.expires_at ? ` · valid until ${formatDate(cert.expires_at)}` : ''}`, {
    face: 'serif',
    size: 13,
    y: height - 365,
    centerX: cx,
    maxWidth: 600,
    color: INK,
  })

  const left = 70
  await pen.drawText(page, `Serial: ${cert.serial}`, { face: 'sans', x: left, y: 130, size: 11, color: INK })
  await pen.drawText(page, `Issued by ${isolate(cert.issuer_name)} for the institute`, { face: 'sans', x: left, y: 112, size: 11, color: INK })
  await pen.drawText(page, 'Verify this certificate:', { face: 'sans', x: left, y: 88, size: 10, color: MUTED })
  await pen.drawText(page, verifyUrl, { face: 'sans', x: left, y: 72, size: 10, color: ACCENT })

  await drawQrCode(doc, page, verifyUrl, { x: width - 70 - 110, y: 60, size: 110 })
  return doc.save()
}
