import { randomInt } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import fontkit, { type Font } from '@pdf-lib/fontkit'
import bidiFactory from 'bidi-js'
import { degrees, type Color, type PDFDocument, type PDFFont, type PDFPage } from 'pdf-lib'

// Fonts ship in the repository (assets/fonts, free licences beside them): no network at run time.
const FONT_DIR = path.resolve(process.env.FONT_DIR ?? 'assets/fonts')

/**
 * Each face names its own font first, then the fonts that fill its gaps, in the order they are
 * tried. DejaVu covers Latin, Greek and Cyrillic (Sans also Arabic and Hebrew); Noto Naskh Arabic
 * and Noto Serif Hebrew give the serif faces those scripts in a style that sits beside DejaVu Serif;
 * DejaVu Sans catches the symbols the serifs lack (✓); WenQuanYi Micro Hei covers Chinese,
 * Japanese kana and Korean Hangul in one TrueType file.
 */
export const FACES = {
  serif: ['DejaVuSerif.ttf', 'NotoNaskhArabic-Regular.ttf', 'NotoSerifHebrew-Regular.ttf', 'DejaVuSans.ttf', 'WenQuanYiMicroHei.ttf'],
  serifBold: ['DejaVuSerif-Bold.ttf', 'NotoNaskhArabic-Bold.ttf', 'NotoSerifHebrew-Bold.ttf', 'DejaVuSans.ttf', 'WenQuanYiMicroHei.ttf'],
  sans: ['DejaVuSans.ttf', 'NotoNaskhArabic-Regular.ttf', 'NotoSerifHebrew-Regular.ttf', 'WenQuanYiMicroHei.ttf'],
} as const satisfies Record<string, readonly [string, ...string[]]>
export type Face = keyof typeof FACES

const parsed = new Map<string, { bytes: Buffer; font: Font }>()

/** A font file read and parsed once per process, for finding glyphs and measuring. */
export function loadFont(file: string) {
  let entry = parsed.get(file)
  if (!entry) {
    const bytes = fs.readFileSync(path.join(FONT_DIR, file))
    entry = { bytes, font: fontkit.create(bytes) }
    parsed.set(file, entry)
  }
  return entry
}

const bidi = bidiFactory()
// Embeddings and overrides are dropped: an override inside a name would print its letters in an
// order other than the one they were typed in.
const EMBEDDINGS = /[\u202A-\u202E]/g
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g
// pdf-lib advances by each glyph's own width, so an invisible character would print as a gap.
const INVISIBLE = /^\p{Default_Ignorable_Code_Point}$/u
const ZWNJ = '\u200C'
const WORD = /^[\p{L}\p{M}\p{N}]$/u
const FORMAT = /^\p{Cf}$/u
const ARABIC = /^\p{Script=Arabic}$/u
const HEBREW = /^\p{Script=Hebrew}$/u
const LETTER = /^\p{L}$/u

/**
 * User text placed inside a sentence: its direction is worked out on its own, and it cannot move
 * the words around it (an Arabic program title does not turn "— all requirements met" around).
 */
export function isolate(text: string) {
  return `\u2068${text.replace(BIDI_CONTROLS, '')}\u2069`
}

/** The paragraph direction of a text, from its first strong letter (left to right when none). */
export function baseDirection(text: string): 'ltr' | 'rtl' {
  return bidi.getEmbeddingLevels(text.replace(EMBEDDINGS, '')).paragraphs[0]?.level === 1 ? 'rtl' : 'ltr'
}

/** A piece of a line in one font: `text` is what goes to pdf-lib, `advance` its width in ems. */
export type Run = { text: string; file: string; level: number; advance: number }
export type Line = { runs: Run[]; advance: number }

type Char = { ch: string; level: number; file: string; breakBefore: boolean }

// fontkit turns a right-to-left run around itself, but only when it recognises the script as one
// and the font has OpenType (or AAT) layout tables; anything else comes back in logical order.
function fontkitReverses(font: Font, glyphDirection: string | null) {
  const tables = font as unknown as { GSUB?: unknown; GPOS?: unknown; morx?: unknown }
  return glyphDirection === 'rtl' && Boolean(tables.GSUB || tables.GPOS || tables.morx)
}

// Joining scripts are shaped by fontkit per run, with the shaper of the run's first script: a run
// never mixes Arabic and Hebrew letters.
function scriptOf(ch: string) {
  if (ARABIC.test(ch)) return 'arab'
  if (HEBREW.test(ch)) return 'hebr'
  return LETTER.test(ch) ? 'other' : undefined
}

function chooseFonts(chars: Char[], chain: readonly [string, ...string[]]) {
  const has = (file: string, ch: string) => loadFont(file).font.hasGlyphForCodePoint(ch.codePointAt(0)!)
  const first = (ch: string) => chain.find((file) => has(file, ch))
  for (let i = 0; i < chars.length;) {
    const c = chars[i]!
    const prev = chars[i - 1]?.file
    if (!WORD.test(c.ch)) {
      // Spaces and punctuation stay in the font of the text before them, so that a run of
      // Arabic words is one run and `(` does not change face when the font next to it has one.
      c.file = prev && (FORMAT.test(c.ch) || has(prev, c.ch)) ? prev : (first(c.ch) ?? prev ?? chain[0])
      i += 1
      continue
    }
    let end = i
    while (end < chars.length && WORD.test(chars[end]!.ch)) end += 1
    const word = chars.slice(i, end)
    // A word keeps one font when some font has all of it: shaping and style need the whole word.
    const whole = chain.find((file) => word.every((w) => has(file, w.ch)))
    for (const w of word) w.file = whole ?? first(w.ch) ?? chain[0]
    i = end
  }
}

// UAX #9 rule L2 over whole runs: from the highest level down to the lowest odd one, reverse every
// stretch of runs at that level or above.
function visualOrder<T extends { level: number }>(runs: T[]) {
  const order = [...runs]
  if (!order.length) return order
  const highest = Math.max(...order.map((r) => r.level))
  const lowest = Math.min(...order.map((r) => r.level))
  for (let level = highest; level >= (lowest % 2 ? lowest : lowest + 1); level--) {
    for (let i = 0; i < order.length;) {
      if (order[i]!.level < level) {
        i += 1
        continue
      }
      let end = i
      while (end < order.length && order[end]!.level >= level) end += 1
      order.splice(i, end - i, ...order.slice(i, end).reverse())
      i = end
    }
  }
  return order
}

/**
 * One line of text, in any script, as runs in visual (left to right) order, each in the first
 * font of the face that has its glyphs. `direction` is the paragraph's (its first strong letter's
 * when not given): a wrapped paragraph passes its own so that every line agrees.
 */
export function layoutLine(text: string, face: Face, direction?: 'ltr' | 'rtl'): Line {
  const logical = text.replace(EMBEDDINGS, '').trim()
  const { levels } = bidi.getEmbeddingLevels(logical, direction)
  const mirrored = bidi.getMirroredCharactersMap(logical, levels)
  const chars: Char[] = []
  let at = 0
  let breakBefore = false
  for (const ch of logical) {
    const index = at
    at += ch.length
    if (INVISIBLE.test(ch)) {
      // Without the character, a non-joiner still has to keep the letters either side apart.
      if (ch === ZWNJ) breakBefore = true
      continue
    }
    chars.push({ ch: mirrored.get(index) ?? ch, level: levels[index]!, file: '', breakBefore })
    breakBefore = false
  }
  chooseFonts(chars, FACES[face])

  type Piece = { text: string; file: string; level: number; script: string | undefined }
  const logicalRuns: Piece[] = []
  for (const c of chars) {
    const last = logicalRuns.at(-1)
    const script = scriptOf(c.ch)
    if (last && !c.breakBefore && last.file === c.file && last.level === c.level && (!script || !last.script || script === last.script)) {
      last.text += c.ch
      last.script ??= script
    } else logicalRuns.push({ text: c.ch, file: c.file, level: c.level, script })
  }

  // Neighbouring left-to-right runs in one font and script draw as one (an isolated Latin name in
  // a Latin sentence comes back together), which keeps the PDF's text in whole lines.
  const pieces: Piece[] = []
  for (const run of visualOrder(logicalRuns)) {
    const last = pieces.at(-1)
    if (last && last.level % 2 === 0 && run.level % 2 === 0 && last.file === run.file && (last.script ?? run.script) === (run.script ?? last.script)) {
      last.text += run.text
      last.script ??= run.script
    } else pieces.push({ ...run })
  }

  const runs = pieces.map(({ text: logicalText, file, level }): Run => {
    const { font } = loadFont(file)
    let glyphs = font.layout(logicalText)
    let drawn = logicalText
    // Right-to-left runs are shaped in logical order and come out mirrored left to right; when
    // fontkit would not turn this run (or would turn a left-to-right one, such as Arabic-Indic
    // digits), the text goes in turned around so that the glyphs still land in visual order.
    if ((level % 2 === 1) !== fontkitReverses(font, glyphs.direction)) {
      drawn = Array.from(logicalText).reverse().join('')
      glyphs = font.layout(drawn)
    }
    const advance = glyphs.glyphs.reduce((sum, g) => sum + g.advanceWidth, 0) / font.unitsPerEm
    return { text: drawn, file, level, advance }
  })
  return { runs, advance: runs.reduce((sum, r) => sum + r.advance, 0) }
}

/** Width of a line of text at `size` points. */
export function measure(text: string, face: Face, size: number, direction?: 'ltr' | 'rtl') {
  return layoutLine(text, face, direction).advance * size
}

// Chinese and Japanese are written without spaces: a line may break before any ideograph or kana
// (but not right after an opening bracket), as well as at spaces.
const BREAK_BEFORE_IDEOGRAPH = /(?<!\p{Ps})(?=[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}])/u

/** Splits text into lines no wider than `maxWidth` (a piece wider than that gets a line of its own). */
export function wrap(text: string, face: Face, size: number, maxWidth: number) {
  const direction = baseDirection(text)
  const lines: string[] = []
  let line = ''
  for (const word of text.split(/\s+/).filter(Boolean)) {
    word.split(BREAK_BEFORE_IDEOGRAPH).forEach((piece, i) => {
      const candidate = line ? `${line}${i === 0 ? ' ' : ''}${piece}` : piece
      if (!line || measure(candidate, face, size, direction) <= maxWidth) line = candidate
      else {
        lines.push(line)
        line = piece
      }
    })
  }
  if (line) lines.push(line)
  return lines
}

// PDF readers recognise a subset font by a six-letter tag before its name (ISO 32000-1, 9.6.4);
// pdf-lib's own names carry a number instead.
function subsetName(font: Font) {
  const tag = Array.from({ length: 6 }, () => String.fromCharCode(65 + randomInt(26))).join('')
  return `${tag}+${font.postscriptName ?? 'Font'}`
}

/**
 * Draws text on a document's pages. A fallback font goes into the document only once some text
 * needs it, and every font goes in as a subset of the glyphs drawn.
 */
export class Pen {
  private readonly embedded = new Map<string, Promise<PDFFont>>()

  constructor(private readonly doc: PDFDocument) {
    // pdf-lib parses its own copy of each font it embeds: fontkit caches glyphs with the
    // characters they were first asked for, so a parse shared between documents could give one
    // document's glyphs another's text in the PDF's ToUnicode map.
    doc.registerFontkit(fontkit)
  }

  private font(file: string) {
    let font = this.embedded.get(file)
    if (!font) {
      const { bytes, font: parsedFont } = loadFont(file)
      font = this.doc.embedFont(bytes, { subset: true, customName: subsetName(parsedFont) })
      this.embedded.set(file, font)
    }
    return font
  }

  /** Draws a laid-out line starting at (`x`, `y`), turned `rotate` degrees counter-clockwise about that point. */
  async drawLine(
    page: PDFPage,
    line: Line,
    { x, y, size, color, rotate = 0, opacity }: { x: number; y: number; size: number; color: Color; rotate?: number; opacity?: number },
  ) {
    const [cos, sin] = [Math.cos((rotate * Math.PI) / 180), Math.sin((rotate * Math.PI) / 180)]
    let along = 0
    for (const run of line.runs) {
      page.drawText(run.text, { x: x + along * cos, y: y + along * sin, size, font: await this.font(run.file), color, rotate: degrees(rotate), opacity })
      along += run.advance * size
    }
  }

  /** Draws one line; `x` is its left edge, right edge or centre as `align` says. Returns its width. */
  async drawText(
    page: PDFPage,
    text: string,
    {
      face,
      size,
      x,
      y,
      color,
      align = 'left',
      direction,
    }: { face: Face; size: number; x: number; y: number; color: Color; align?: 'left' | 'right' | 'center'; direction?: 'ltr' | 'rtl' },
  ) {
    const line = layoutLine(text, face, direction)
    const width = line.advance * size
    const left = align === 'left' ? x : align === 'right' ? x - width : x - width / 2
    await this.drawLine(page, line, { x: left, y, size, color })
    return width
  }

  /** Text centred on `centerX`, shrunk until it fits `maxWidth`. */
  async drawCentered(
    page: PDFPage,
    text: string,
    { face, size, y, centerX, maxWidth, color }: { face: Face; size: number; y: number; centerX: number; maxWidth: number; color: Color },
  ) {
    const line = layoutLine(text, face)
    let s = size
    while (s > 8 && line.advance * s > maxWidth) s -= 1
    await this.drawLine(page, line, { x: centerX - (line.advance * s) / 2, y, size: s, color })
  }
}
