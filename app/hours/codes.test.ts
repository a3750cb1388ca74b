import { describe, expect, test } from 'vitest'
import { codeFormatProblem, codeProblem, DEFAULT_CODE_FORMATS, exampleCode, matchesCodeFormat, normalizeRecordCode } from './codes.ts'

describe('the default formats', () => {
  test('are P-#### for participants and C-#### for clients', () => {
    expect(DEFAULT_CODE_FORMATS).toEqual({ participant: 'P-####', client: 'C-####' })
  })

  test.each(['P-0042', 'P-0000', 'P-9999', 'p-0042', '  P-0042  '])('P-#### accepts %j', (code) => {
    expect(matchesCodeFormat('P-####', code)).toBe(true)
  })

  test.each(['Jane Doe', 'JD', 'J.D.', 'P-042', 'P-00420', 'P0042', 'P-00A2', 'C-0042', 'P–0042', 'P-٠٠٤٢', ''])('P-#### refuses %j', (code) => {
    expect(matchesCodeFormat('P-####', code)).toBe(false)
  })
})

describe('other formats', () => {
  test('# is a digit and every other character stands for itself, letters in any case', () => {
    expect(matchesCodeFormat('KAP-##.#', 'kap-12.3')).toBe(true)
    expect(matchesCodeFormat('KAP-##.#', 'KAP-12-3')).toBe(false)
    expect(matchesCodeFormat('########', '12345678')).toBe(true)
  })

  test('an example fills the digits with 42', () => {
    expect(exampleCode('P-####')).toBe('P-0042')
    expect(exampleCode('c-###')).toBe('C-042')
    expect(exampleCode('X#')).toBe('X2')
    expect(exampleCode('AB-##-##')).toBe('AB-00-42')
  })

  test.each([
    ['P-XXXX', /at least one #/],
    [`P-${'#'.repeat(39)}`, /at most 40 characters/],
    ['P #', /only letters, digits/],
    ['P-^##', /only letters, digits/],
  ])('a format that cannot be used is explained: %j', (format, problem) => {
    expect(codeFormatProblem(format)).toMatch(problem)
  })

  test('usable formats have no problem', () => {
    expect(codeFormatProblem('P-####')).toBeNull()
    expect(codeFormatProblem('KAP_2026.###')).toBeNull()
  })
})

describe('codeProblem', () => {
  const FORMAT = 'Use the institute’s participant code format, P-#### (# is a digit), for example P-0042. Never a name or initials.'
  test('names and initials get the format, contact details their own reason', () => {
    expect(codeProblem('P-####', 'Jane Doe', 'participant')).toBe(FORMAT)
    expect(codeProblem('P-####', 'JD', 'participant')).toBe(FORMAT)
    expect(codeProblem('C-####', 'JD', 'client')).toMatch(/^Use the institute’s client code format, C-####/)
    expect(codeProblem('P-####', 'jd@example.com', 'participant')).toMatch(/^This looks like an email address\./)
    expect(codeProblem('P-####', '555 123 4567', 'participant')).toMatch(/^This looks like a phone number\./)
  })

  test('a code in the format passes, even one with as many digits as a phone number', () => {
    expect(codeProblem('P-####', 'P-0042', 'participant')).toBeNull()
    expect(codeProblem('#########', '123456789', 'client')).toBeNull()
  })

  test('codes are stored trimmed and in capitals', () => {
    expect(normalizeRecordCode('  p-0042 ')).toBe('P-0042')
  })
})
