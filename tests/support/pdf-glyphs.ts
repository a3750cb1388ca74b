import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib'

/** A font as the PDF embeds it: its name, its font program and its glyph-to-text map. */
export type EmbeddedFont = { baseFont: string; program: Uint8Array | null; toUnicode: Map<number, string> }

/** One text-showing operation: the glyph ids it draws, in drawing order, where it starts and in which font. */
export type DrawnRun = { page: number; font: EmbeddedFont; size: number; x: number; y: number; gids: number[]; chars: string[] }

function streamBytes(stream: unknown) {
  return stream instanceof PDFRawStream ? decodePDFRawStream(stream).decode() : null
}

function readFont(dict: PDFDict): EmbeddedFont {
  const baseFont = dict.lookup(PDFName.of('BaseFont'), PDFName).decodeText()
  const toUnicode = new Map<number, string>()
  const cmap = streamBytes(dict.lookup(PDFName.of('ToUnicode')))
  if (cmap) {
    for (const block of new TextDecoder().decode(cmap).matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
      for (const [, gid, uni] of block[1]!.matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g)) {
        toUnicode.set(parseInt(gid!, 16), String.fromCharCode(...uni!.match(/.{4}/g)!.map((h) => parseInt(h, 16))))
      }
    }
  }
  const descendant = dict.lookupMaybe(PDFName.of('DescendantFonts'), PDFArray)?.lookup(0, PDFDict)
  const descriptor = (descendant ?? dict).lookupMaybe(PDFName.of('FontDescriptor'), PDFDict)
  const program = streamBytes(descriptor?.lookup(PDFName.of('FontFile2')))
  return { baseFont, program, toUnicode }
}

/**
 * Every glyph a PDF draws, run by run, with the embedded fonts: enough to tell which font drew a
 * character, whether a glyph is .notdef (id 0), and the left-to-right order a reader sees.
 */
export async function pdfGlyphs(bytes: Uint8Array) {
  const doc = await PDFDocument.load(bytes)
  const runs: DrawnRun[] = []
  const fonts = new Map<string, EmbeddedFont>()
  doc.getPages().forEach((page, index) => {
    const resources = new Map<string, EmbeddedFont>()
    for (const [name, ref] of page.node.Resources()?.lookup(PDFName.of('Font'), PDFDict)?.entries() ?? []) {
      const key = ref.toString()
      const font = fonts.get(key) ?? readFont(doc.context.lookup(ref, PDFDict))
      fonts.set(key, font)
      resources.set(name.decodeText(), font)
    }
    const contents = page.node.Contents()
    const streams = contents instanceof PDFArray ? contents.asArray().map((r) => doc.context.lookup(r)) : [contents]
    const ops = streams.map((s) => (streamBytes(s) ? new TextDecoder('latin1').decode(streamBytes(s)!) : '')).join('\n')
    let font: EmbeddedFont | undefined
    let size = 0
    let x = 0
    let y = 0
    const op = /\/([^\s/]+)\s+([\d.]+)\s+Tf|[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+[-\d.]+\s+([-\d.]+)\s+([-\d.]+)\s+Tm|<([0-9a-fA-F]*)>\s*Tj/g
    for (const m of ops.matchAll(op)) {
      if (m[1]) {
        font = resources.get(m[1])
        size = Number(m[2])
      } else if (m[3]) {
        x = Number(m[3])
        y = Number(m[4])
      } else if (font) {
        const gids = (m[5]!.match(/.{4}/g) ?? []).map((h) => parseInt(h, 16))
        runs.push({ page: index, font, size, x, y, gids, chars: gids.map((g) => font!.toUnicode.get(g) ?? '\uFFFD') })
      }
    }
  })
  return { runs, fonts: [...fonts.values()] }
}

/** The runs drawn on one baseline, left to right. */
export function runsOnLine(runs: DrawnRun[], y: number) {
  return runs.filter((r) => Math.abs(r.y - y) < 0.01).sort((a, b) => a.x - b.x)
}
