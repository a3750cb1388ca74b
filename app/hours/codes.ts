import { looksIdentifying } from './rules.ts'

// Participant and client codes follow the institute's format, so a name or initials
// ("Jane Doe", "JD") cannot be entered where a pseudonym belongs. A format is a
// template: `#` stands for one digit, every other character for itself (letters
// without regard to case; a code is stored in capitals).

export type CodeFormats = { participant: string; client: string }

export const DEFAULT_CODE_FORMATS: CodeFormats = { participant: 'P-####', client: 'C-####' }
export const CODE_MAX = 40

/** Why a configured format cannot be used, or null when it can. */
export function codeFormatProblem(format: string): string | null {
  if (!format.includes('#')) return 'it needs at least one # (a digit), so that a name cannot match it'
  if (format.length > CODE_MAX) return `it may be at most ${CODE_MAX} characters long`
  if (!/^[A-Za-z0-9#._-]+$/.test(format)) return 'use only letters, digits, # (a digit), dots, dashes and underscores'
  return null
}

/** A typed code as it is compared and stored: trimmed, in capitals. */
export function normalizeRecordCode(code: string) {
  return code.trim().toUpperCase()
}

export function matchesCodeFormat(format: string, code: string) {
  const typed = normalizeRecordCode(code)
  const template = format.toUpperCase()
  if (typed.length !== template.length) return false
  for (let i = 0; i < template.length; i++) {
    const ok = template[i] === '#' ? typed[i]! >= '0' && typed[i]! <= '9' : typed[i] === template[i]
    if (!ok) return false
  }
  return true
}

/** A code in the format, for hints and messages: P-#### → P-0042. */
export function exampleCode(format: string) {
  const slots = (format.match(/#/g) ?? []).length
  const digits = '42'.padStart(slots, '0').slice(-slots)
  let next = 0
  return format.toUpperCase().replace(/#/g, () => digits[next++]!)
}

/** The refusal for a typed code, or null when it fits the format. */
export function codeProblem(format: string, code: string, what: 'participant' | 'client') {
  if (matchesCodeFormat(format, code)) return null
  return (
    looksIdentifying(code) ??
    `Use the institute’s ${what} code format, ${format.toUpperCase()} (# is a digit), for example ${exampleCode(format)}. Never a name or initials.`
  )
}
