import fs from 'node:fs'
import path from 'node:path'
import fontkit from '@pdf-lib/fontkit'
import { PDFDocument, rgb, type PDFFont, type PDFPage } from 'pdf-lib'
import QRCode from 'qrcode'

// Fonts ship in the repository (assets/fonts, DejaVu, free licence): no network at run time.
const FONT_DIR = path.resolve(process.env.FONT_DIR ?? 'assets/fonts')
const fontCache = new Map<string, Buffer>()
function fontBytes(file: string) {
  let bytes = fontCache.get(file)
  if (!bytes) {
    bytes = fs.readFileSync(path.join(FONT_DIR, file))
    fontCache.set(file, bytes)
  }
  return bytes
}

export const INK = rgb(0.11, 0.16, 0.18)
export const MUTED = rgb(0.34, 0.39, 0.42)
export const ACCENT = rgb(0.14, 0.36, 0.35)

export type Fonts = { serif: PDFFont; serifBold: PDFFont; sans: PDFFont }

export async function createDocument(title: string) {
  const doc = await PDFDocument.create()
  doc.registerFontkit(fontkit)
  doc.setTitle(title)
  doc.setAuthor('KAP Fellowship')
  doc.setCreator('KAP Fellowship')
  const fonts: Fonts = {
    serif: await doc.embedFont(fontBytes('DejaVuSerif.ttf'), { subset: true }),
    serifBold: await doc.embedFont(fontBytes('DejaVuSerif-Bold.ttf'), { subset: true }),
    sans: await doc.embedFont(fontBytes('DejaVuSans.ttf'), { subset: true }),
  }
  return { doc, fonts }
}

/** Text centred on `centerX`, shrunk until it fits `maxWidth`. */
export function drawCentered(page: PDFPage, text: string, { font, size, y, centerX, maxWidth, color = INK }: { font: PDFFont; size: number; y: number; centerX: number; maxWidth: number; color?: ReturnType<typeof rgb> }) {
  let s = size
  while (s > 8 && font.widthOfTextAtSize(text, s) > maxWidth) s -= 1
  page.drawText(text, { x: centerX - font.widthOfTextAtSize(text, s) / 2, y, size: s, font, color })
}

/** Splits text into lines no wider than `maxWidth`. */
export function wrap(text: string, font: PDFFont, size: number, maxWidth: number) {
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word
    if (font.widthOfTextAtSize(candidate, size) <= maxWidth || !line) line = candidate
    else {
      lines.push(line)
      line = word
    }
  }
  if (line) lines.push(line)
  return lines
}

/** A QR code of `url`, as a PNG image (so any PDF reader, and a test, can read it back). */
export async function drawQrCode(doc: PDFDocument, page: PDFPage, url: string, { x, y, size }: { x: number; y: number; size: number }) {
  const png = await QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale: 6, color: { dark: '#1c2a2fff', light: '#ffffffff' } })
  const image = await doc.embedPng(png)
  page.drawImage(image, { x, y, width: size, height: size })
}
