import { describe, expect, test } from 'vitest'
import { csvCell, csvFilename, csvResponse, toCsv } from './csv.ts'

const BOM = '\uFEFF'

describe('toCsv', () => {
  test('starts with a BOM and ends every line with CRLF', () => {
    const csv = toCsv(
      ['Name', 'Hours'],
      [
        ['Avery', 12],
        ['Bianca', 3.5],
      ],
    )
    expect(csv).toBe(`${BOM}Name,Hours\r\nAvery,12\r\nBianca,3.5\r\n`)
    expect(csv.charCodeAt(0)).toBe(0xfeff)
    expect(csv.split('\r\n')).toHaveLength(4) // three lines and the empty rest after the last CRLF
    expect(csv.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/)
  })

  test('quotes fields with commas, quotes, CR or LF and doubles inner quotes', () => {
    expect(csvCell('Lee, Jonah')).toBe('"Lee, Jonah"')
    expect(csvCell('the "quiet" one')).toBe('"the ""quiet"" one"')
    expect(csvCell('line one\nline two')).toBe('"line one\nline two"')
    expect(csvCell('line one\r\nline two')).toBe('"line one\r\nline two"')
    expect(csvCell('plain text')).toBe('plain text')
    expect(toCsv(['a', 'b'], [['x,y', 'z']])).toBe(`${BOM}a,b\r\n"x,y",z\r\n`)
  })

  test('the header is escaped like any other line', () => {
    expect(toCsv(['Total, hours', '=cmd'], [])).toBe(`${BOM}"Total, hours",'=cmd\r\n`)
  })

  test('text a spreadsheet would evaluate is prefixed with a single quote', () => {
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)")
    expect(csvCell('+1')).toBe("'+1")
    expect(csvCell('-2')).toBe("'-2")
    expect(csvCell('@cmd')).toBe("'@cmd")
    expect(csvCell('\tTAB')).toBe("'\tTAB")
    expect(csvCell('\r=1')).toBe(`"'\r=1"`) // escaped, then quoted for the CR
    expect(csvCell('=HYPERLINK("http://evil.example","click")')).toBe(`"'=HYPERLINK(""http://evil.example"",""click"")"`)
    expect(csvCell('=1,2')).toBe(`"'=1,2"`) // the quote prefix lives inside the quotes
  })

  test('"=1" inside quotes is text starting with a quote mark, not a formula', () => {
    expect(csvCell('"=1"')).toBe('"""=1"""')
  })

  test('a formula character later in the text is left alone', () => {
    expect(csvCell('a=b')).toBe('a=b')
    expect(csvCell('x-ray')).toBe('x-ray')
    expect(csvCell('name@example.com')).toBe('name@example.com')
  })

  test('numbers are written as numbers, negative ones included', () => {
    expect(csvCell(-2)).toBe('-2')
    expect(csvCell(0)).toBe('0')
    expect(csvCell(12.5)).toBe('12.5')
    expect(csvCell(Number.NaN)).toBe('')
    expect(toCsv(['n'], [[-2], [1.25]])).toBe(`${BOM}n\r\n-2\r\n1.25\r\n`)
  })

  test('null and undefined are empty cells', () => {
    expect(toCsv(['a', 'b', 'c'], [[null, undefined, '']])).toBe(`${BOM}a,b,c\r\n,,\r\n`)
  })

  test('unicode is kept as is', () => {
    expect(toCsv(['Nom'], [['Zoë Müller-Łukasz'], ['渡辺 健'], ['🌿']])).toBe(`${BOM}Nom\r\nZoë Müller-Łukasz\r\n渡辺 健\r\n🌿\r\n`)
  })
})

describe('csvResponse', () => {
  test('a UTF-8 CSV attachment, BOM bytes first, not cached', async () => {
    const response = csvResponse('approved-hours.csv', toCsv(['Name'], [['Zoë']]))
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8')
    expect(response.headers.get('Content-Disposition')).toBe('attachment; filename="approved-hours.csv"')
    expect(response.headers.get('Cache-Control')).toBe('no-store')
    const bytes = new Uint8Array(await response.arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes)).toBe(`${BOM}Name\r\nZoë\r\n`)
  })

  test('file names are reduced to safe ASCII', () => {
    expect(csvFilename('Cohort Été 2026 "north"')).toBe('Cohort-Ete-2026-north.csv')
    expect(csvFilename('../../etc/passwd')).toBe('etc-passwd.csv')
    expect(csvFilename('report.csv')).toBe('report.csv')
    expect(csvFilename('***')).toBe('report.csv')
  })
})
