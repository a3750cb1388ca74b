import { rgb } from 'pdf-lib'
import type { Certificate } from '#db/schema.ts'
import { ACCENT, createDocument, drawCentered, drawQrCode, INK, MUTED } from '#app/pdf/document.server.ts'
import { formatDate } from '#app/utils/format.ts'

/** The certificate as a PDF: holder, program, date, serial, verification URL and its QR code. */
export async function certificatePdf(cert: Certificate, verifyUrl: string) {
  const { doc, fonts } = await createDocument(`${cert.program_title} — ${cert.holder_name}`)
  doc.setSubject(`Certificate ${cert.serial}`)
  doc.setKeywords([cert.serial, cert.program_title, 'KAP Fellowship certificate'])
  const page = doc.addPage([842, 595]) // A4 landscape
  const { width, height } = page.getSize()
  const cx = width / 2

  page.drawRectangle({ x: 24, y: 24, width: width - 48, height: height - 48, borderColor: ACCENT, borderWidth: 2 })
  page.drawRectangle({ x: 32, y: 32, width: width - 64, height: height - 64, borderColor: rgb(0.75, 0.82, 0.8), borderWidth: 0.75 })

  drawCentered(page, 'KAP FELLOWSHIP', { font: fonts.sans, size: 13, y: height - 90, centerX: cx, maxWidth: 600, color: ACCENT })
  drawCentered(page, 'Certificate of Completion', { font: fonts.serifBold, size: 32, y: height - 140, centerX: cx, maxWidth: 700 })
  drawCentered(page, 'This certifies that', { font: fonts.serif, size: 14, y: height - 195, centerX: cx, maxWidth: 600, color: MUTED })
  drawCentered(page, cert.holder_name, { font: fonts.serifBold, size: 30, y: height - 245, centerX: cx, maxWidth: 700 })
  drawCentered(page, 'has met every requirement of', { font: fonts.serif, size: 14, y: height - 290, centerX: cx, maxWidth: 600, color: MUTED })
  drawCentered(page, cert.program_title, { font: fonts.serifBold, size: 22, y: height - 330, centerX: cx, maxWidth: 700, color: ACCENT })
  drawCentered(page, `Issued ${formatDate(cert.issued_at)}${cert.expires_at ? ` · valid until ${formatDate(cert.expires_at)}` : ''}`, {
    font: fonts.serif,
    size: 13,
    y: height - 365,
    centerX: cx,
    maxWidth: 600,
  })

  const left = 70
  page.drawText(`Serial: ${cert.serial}`, { x: left, y: 130, size: 11, font: fonts.sans, color: INK })
  page.drawText(`Issued by ${cert.issuer_name} for the institute`, { x: left, y: 112, size: 11, font: fonts.sans, color: INK })
  page.drawText('Verify this certificate:', { x: left, y: 88, size: 10, font: fonts.sans, color: MUTED })
  page.drawText(verifyUrl, { x: left, y: 72, size: 10, font: fonts.sans, color: ACCENT })

  await drawQrCode(doc, page, verifyUrl, { x: width - 70 - 110, y: 60, size: 110 })
  return doc.save()
}
