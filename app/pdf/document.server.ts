import { PDFDocument, rgb, type PDFPage } from 'pdf-lib'
import QRCode from 'qrcode'
import { Pen } from '#app/pdf/text.server.ts'

export const INK = rgb(0.11, 0.16, 0.18)
export const MUTED = rgb(0.34, 0.39, 0.42)
export const ACCENT = rgb(0.14, 0.36, 0.35)

/** A new PDF and the pen that writes text on it, in any script (see text.server.ts). */
export async function createDocument(title: string) {
  const doc = await PDFDocument.create()
  doc.setTitle(title)
  doc.setAuthor('KAP Fellowship')
  doc.setCreator('KAP Fellowship')
  return { doc, pen: new Pen(doc) }
}

/** A QR code of `url`, as a PNG image (so any PDF reader, and a test, can read it back). */
export async function drawQrCode(doc: PDFDocument, page: PDFPage, url: string, { x, y, size }: { x: number; y: number; size: number }) {
  const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6, color: { dark: '#1c2a2fff', light: '#ffffffff' } })
  const image = await doc.embedPng(png)
  page.drawImage(image, { x, y, width: size, height: size })
}
