// CSV as spreadsheets read it: RFC 4180 (CRLF, quoted fields, doubled quotes),
// UTF-8 with a byte-order mark so accents survive Excel, and no formulas: a text
// cell that a spreadsheet would evaluate (=, +, -, @, tab, carriage return first)
// is prefixed with a single quote. Numbers are written as numbers.

export type CsvCell = string | number | null | undefined

const BOM = '\uFEFF'
const FORMULA_START = /^[=+\-@\t\r]/
const NEEDS_QUOTES = /[",\r\n]/

/** One cell as CSV text: escaped against formulas (text only), then quoted when needed. */
export function csvCell(value: CsvCell): string {
  if (value === null || value === undefined) return ''
  let text: string
  if (typeof value === 'number') {
    // A number is data, never a formula: -2 stays -2. NaN/Infinity have no CSV form.
    text = Number.isFinite(value) ? String(value) : ''
  } else {
    text = FORMULA_START.test(value) ? `'${value}` : value
  }
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** The whole file: BOM, header line, one line per row, every line ended by CRLF. */
export function toCsv(header: string[], rows: CsvCell[][]): string {
  const lines = [header, ...rows].map((row) => row.map(csvCell).join(','))
  return BOM + lines.map((line) => `${line}\r\n`).join('')
}

/** A safe ASCII file name: letters, digits, dots, dashes and underscores only. */
export function csvFilename(name: string) {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120)
  const safe = base || 'report'
  return safe.toLowerCase().endsWith('.csv') ? safe : `${safe}.csv`
}

/** The download: UTF-8 CSV, as an attachment, never cached (reports hold personal data). */
export function csvResponse(filename: string, csv: string) {
  const name = csvFilename(filename)
  return new Response(csv, {
    status: 200,
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${name}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  })
}
