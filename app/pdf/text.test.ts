import bidiFactory from 'bidi-js'
import { describe, expect, test } from 'vitest'
import { NAMES } from '#tests/support/script-names.ts'
import { baseDirection, FACES, isolate, layoutLine, loadFont, measure, wrap, type Face } from './text.server.ts'

const bidi = bidiFactory()

const glyphsOf = (text: string, face: Face, direction?: 'ltr' | 'rtl') =>
  layoutLine(text, face, direction).runs.map((run) => ({ run, glyphs: loadFont(run.file).font.layout(run.text).glyphs }))

/** What a reader sees, left to right, one character per code point (a ligature spelled out in reading order). */
function visual(text: string, face: Face = 'serifBold', direction?: 'ltr' | 'rtl') {
  return glyphsOf(text, face, direction)
    .flatMap(({ run, glyphs }) => glyphs.map((g) => String.fromCodePoint(...(run.level % 2 ? [...g.codePoints].reverse() : g.codePoints))))
    .join('')
}

describe('fonts for every script', () => {
  test.each(Object.keys(FACES) as Face[])('%s: every character of every name has a real glyph (no .notdef)', (face) => {
    for (const [script, name] of Object.entries(NAMES)) {
      for (const { run, glyphs } of glyphsOf(name, face)) {
        expect(
          glyphs.map((g) => g.id),
          `${script} in ${run.file}`,
        ).not.toContain(0)
      }
      expect([...visual(name, face)].sort(), script).toEqual([...name].map((c) => bidi.getMirroredCharacter(c) ?? c).sort())
    }
  })

  test('each script goes to the font made for it, the face’s own font first', () => {
    const files = (text: string, face: Face) => [...new Set(layoutLine(text, face).runs.map((r) => r.file))]
    expect(files(NAMES.Latin, 'serifBold')).toEqual(['DejaVuSerif-Bold.ttf'])
    expect(files(NAMES.Greek, 'serif')).toEqual(['DejaVuSerif.ttf'])
    expect(files(NAMES.Cyrillic, 'sans')).toEqual(['DejaVuSans.ttf'])
    expect(files(NAMES.Arabic, 'serifBold')).toEqual(['NotoNaskhArabic-Bold.ttf'])
    expect(files(NAMES.Arabic, 'sans')).toEqual(['DejaVuSans.ttf'])
    expect(files(NAMES.Hebrew, 'serif')).toEqual(['NotoSerifHebrew-Regular.ttf'])
    for (const name of [NAMES['Chinese (simplified)'], NAMES['Chinese (traditional)'], NAMES.Korean])
      expect(files(name, 'serifBold')).toEqual(['WenQuanYiMicroHei.ttf'])
    // A symbol the serif lacks comes from DejaVu Sans, not from the CJK font.
    expect(layoutLine('✓ Done', 'serif').runs.map((r) => [r.file, r.text])).toEqual([
      ['DejaVuSans.ttf', '✓ '],
      ['DejaVuSerif.ttf', 'Done'],
    ])
  })

  test('a line splits into runs where the font changes, spaces staying with the text before them', () => {
    expect(layoutLine('Zoë 李小龙 Ngata', 'serifBold').runs.map((r) => [r.file, r.text])).toEqual([
      ['DejaVuSerif-Bold.ttf', 'Zoë '],
      ['WenQuanYiMicroHei.ttf', '李小龙 '],
      ['DejaVuSerif-Bold.ttf', 'Ngata'],
    ])
    // Arabic words and the spaces between them are one run, so they are shaped and ordered together.
    expect(layoutLine(NAMES.Arabic, 'serifBold').runs).toHaveLength(1)
  })

  test('a run is measured as the sum of its glyphs, so centring and wrapping see the fallback widths', () => {
    const line = layoutLine('Zoë 李小龙', 'serifBold')
    expect(measure('Zoë 李小龙', 'serifBold', 20)).toBeCloseTo(line.runs.reduce((sum, r) => sum + r.advance, 0) * 20)
    // A CJK character is about one em wide; with .notdef it would be DejaVu's narrow box.
    expect(measure('李小龙', 'serifBold', 10)).toBeGreaterThan(27)
  })
  test('Chinese and Japanese wrap between characters, having no spaces to wrap at', () => {
    const title = '氯胺酮辅助心理治疗奖学金课程（高级）'
    const lines = wrap(title, 'sans', 12, 100)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.join('')).toBe(title)
    for (const line of lines) expect(measure(line, 'sans', 12)).toBeLessThanOrEqual(100)
    // An opening bracket stays with what it opens.
    for (const line of lines) expect(line.endsWith('（')).toBe(false)
    // Latin words beside them still break only at spaces.
    expect(wrap('KAP 課程 Advanced', 'sans', 12, 60)).toEqual(['KAP 課程', 'Advanced'])
  })
})

describe('right to left', () => {
  test('Arabic and Hebrew come out in visual order, the same as the Unicode algorithm gives', () => {
    expect(visual(NAMES.Hebrew)).toBe('ןהכ דוד')
    for (const text of [NAMES.Arabic, NAMES.Hebrew, NAMES.Persian, 'محمد عبد الله (KAP-2026-000001)', 'abc אבג def', 'שלום, Dana! 2026', 'رخصة ١٢٣ (CA)']) {
      expect(visual(text, 'sans'), text).toBe(bidi.getReorderedString(text, bidi.getEmbeddingLevels(text)))
    }
  })

  test('mixed text: a name with its serial keeps the serial left to right and the brackets facing the right way', () => {
    expect(visual('محمد عبد الله (KAP-2026-000001)')).toBe('(KAP-2026-000001) هللا دبع دمحم')
    expect(visual('محمد عبد الله (KAP-2026-000001)', 'serifBold', 'ltr')).toBe('هللا دبع دمحم (KAP-2026-000001)')
  })

  test('Arabic is shaped: joined letters use other glyphs than the letters standing alone', () => {
    const runs = glyphsOf('محمد', 'serifBold')
    expect(runs).toHaveLength(1)
    const { run, glyphs } = runs[0]!
    const { font } = loadFont(run.file)
    const isolated = [...'محمد'].reverse().map((c) => font.glyphForCodePoint(c.codePointAt(0)!).id)
    expect(glyphs).toHaveLength(4)
    // Right to left: the last glyph drawn is the first letter, an initial meem, then medial hah and meem.
    for (const i of [1, 2, 3]) expect(glyphs[i]!.id, `glyph ${i}`).not.toBe(isolated[i])
  })

  test('Arabic-Indic digits read left to right even though fontkit treats them as Arabic', () => {
    expect(visual('No. ١٢٣', 'sans')).toBe('No. ١٢٣')
  })

  test('user text inside a sentence is isolated: it cannot turn the sentence around', () => {
    const title = 'زمالة العلاج النفسي'
    expect(baseDirection(`✓ ${title} — all requirements met`)).toBe('rtl')
    expect(baseDirection(`✓ ${isolate(title)} — all requirements met`)).toBe('ltr')
    expect(visual(`✓ ${isolate(title)} — all requirements met`, 'sans')).toBe(`✓ ${[...title].reverse().join('')} — all requirements met`)
    // Isolating a Latin name in a Latin sentence still draws one run.
    expect(layoutLine(`Issued by ${isolate('Pat Issuer')} for the institute`, 'sans').runs.map((r) => r.text)).toEqual([
      'Issued by Pat Issuer for the institute',
    ])
  })

  test('overrides and invisible characters leave no trace: letters print in typed order, without gaps', () => {
    expect(visual('\u202Eabc\u202C', 'sans')).toBe('abc')
    expect(visual(`${isolate('\u202Edef')} ghi`, 'sans')).toBe('def ghi')
    const zwnj = 'علی\u200Cرضا'
    const runs = layoutLine(zwnj, 'sans').runs
    expect(runs.map((r) => r.text).join('')).not.toContain('\u200C')
    // The non-joiner still keeps the two halves apart: two runs, each shaped on its own.
    expect(runs).toHaveLength(2)
  })

  test('a wrapped right-to-left paragraph keeps its direction on every line', () => {
    const text = 'برنامج الزمالة في العلاج النفسي بمساعدة الكيتامين (KAP) للأطباء المرخصين'
    const lines = wrap(text, 'sans', 12, 150)
    expect(lines.length).toBeGreaterThan(1)
    expect(lines.join(' ')).toBe(text)
    for (const line of lines) expect(measure(line, 'sans', 12, 'rtl')).toBeLessThanOrEqual(150)
    // The line holding "(KAP)" is laid out right to left even though it is not first.
    const withKap = lines.find((l) => l.includes('(KAP)'))!
    expect(visual(withKap, 'sans', 'rtl')).toBe(bidi.getReorderedString(withKap, bidi.getEmbeddingLevels(withKap, 'rtl')))
  })
})
