import { rgb } from 'pdf-lib'
import type { Certificate } from '#db/schema.ts'
import { ACCENT, createDocument, drawQrCode, INK, MUTED } from '#app/pdf/document.server.ts'
import { isolate, layoutLine, wrap } from '#app/pdf/text.server.ts'
import { formatterFor } from '#app/utils/format.ts'
import { revocationNotice } from './codes.ts'

const REVOKED_RED = rgb(0.69, 0.13, 0.11)

/**
 * The certificate as a PDF: holder, program, date, serial, verification URL and its QR code.
 * A revoked one says so across the page and, in a box, when and (if public) why.
 */
/** `timeZone`: the reader's, for the issue, expiry and revocation dates. */
export async function certificatePdf(cert: Certificate, verifyUrl: string, timeZone = 'UTC') {
  const { formatDate } = formatterFor(timeZone)
  const notice = revocationNotice(cert)
  const { doc, pen } = await createDocument(`${notice ? 'REVOKED: ' : ''}${cert.program_title} — ${cert.holder_name}`)
  doc.setSubject(`${notice ? 'Revoked certificate' : 'Certificate'} ${cert.serial}`)
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

  if (notice) {
    // Across the page, under nothing: whoever holds a copy sees at once that it no longer counts.
    const stamp = layoutLine(notice.heading, 'serifBold')
    const size = 100
    const angle = Math.atan2(height, width)
    const half = (stamp.advance * size) / 2
    await pen.drawLine(page, stamp, {
      x: cx - half * Math.cos(angle) + (size / 3) * Math.sin(angle),
      y: height / 2 - half * Math.sin(angle) - (size / 3) * Math.cos(angle),
      size,
      color: REVOKED_RED,
      rotate: (angle * 180) / Math.PI,
      opacity: 0.22,
    })
    // The box between the date line and the serial: when, and why if staff made the reason public.
    const box = { x: left, y: 146, width: width - left - 70 - 110 - 24, height: 74 }
    page.drawRectangle({ ...box, borderColor: REVOKED_RED, borderWidth: 1.5, color: rgb(1, 0.96, 0.95) })
    await pen.drawText(page, `${notice.heading} on ${formatDate(notice.date)}`, {
      face: 'serifBold',
      x: box.x + 12,
      y: box.y + box.height - 22,
      size: 14,
      color: REVOKED_RED,
    })
    const lines = wrap(notice.reason, 'sans', 10, box.width - 24)
    const shown = lines.length > 3 ? [...lines.slice(0, 2), `${lines[2]}…`] : lines
    for (const [i, line] of shown.entries()) {
      await pen.drawText(page, line, { face: 'sans', x: box.x + 12, y: box.y + box.height - 40 - i * 13, size: 10, color: INK })
    }
  }
  return doc.save()
}
