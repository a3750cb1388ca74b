// A record's free text (notes, reflections, names of the medical team or the
// supervisor) never holds details that identify a person: an email address, a
// phone number or a date of birth is refused with the reason, beside the field.
// These are heuristics, tuned against the tables in privacy.test.ts: they catch
// the usual ways of writing each detail and leave clinical numbers (doses,
// minutes, session dates) alone.

export const EMAIL_IN_TEXT = 'This contains an email address. Remove it: records never hold contact details.'
export const PHONE_IN_TEXT = 'This contains a phone number. Remove it: records never hold contact details.'
export const BIRTH_DATE_IN_TEXT = 'This contains a date of birth. Remove it: records never hold details that identify a person.'

// Anchored at the start of a word, so a long run of letters without an @ is read once, not once per letter.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+/u

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?!\\p{L})'
/** A calendar date with a day and a month: 1985-03-04, 4/3/85, 04.03.1985, 4 March 1985, March 4th, 1985, the 4th of March. */
const DATE = `(?:\\d{4}-\\d{1,2}-\\d{1,2}|\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}|(?:the\\s+)?\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?${MONTH}\\.?(?:,?\\s+\\d{2,4})?|${MONTH}\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{2,4})?)`
/** Dates standing alone: not the first or last groups of a longer run such as 06.12.34.56.78. */
const DATES = new RegExp(`(?<![\\d./-])${DATE}(?![./-]?\\d)`, 'giu')
/** A word that announces a birth date, then (within a few words) the date itself. */
const BIRTH_DATE = new RegExp(
  `\\b(?:d\\.?\\s?o\\.?\\s?b|date\\s+of\\s+birth|birth\\s?date|birthday|born)\\b[^\\p{L}\\p{N}]{0,4}(?:[\\p{L}]+\\s+){0,2}${DATE}`,
  'iu',
)

/** Runs of digits joined by single separators (a space, a dash, a dot, parentheses), optionally after a `+`. */
const DIGIT_RUNS = /\+?\(?\d+(?:(?:[ .-]|\) ?|[ .-]?\()\d+)*/g

/** Whether a run of digits reads as a phone number rather than a dose, a duration or a count. */
function isPhoneLike(run: string) {
  const groups = run.match(/\d+/g) ?? []
  const digits = groups.join('').length
  if (digits < 7 || digits > 15) return false
  if (run.startsWith('+') || run.startsWith('(')) return true
  // One unbroken number of 7 or more digits, or one that starts with a trunk 0 (06 12 34 56 78).
  if (groups.length === 1 || (run.startsWith('0') && groups[0]!.length >= 2)) return true
  // The North American shapes: 555-1234, 555 123 4567.
  const last = groups.at(-1)!
  const beforeLast = groups.at(-2)!
  return last.length === 4 && beforeLast.length === 3
}

/** The reason a free-text field must be changed, or null when it holds none of these details. */
export function identifyingDetailIn(text: string): string | null {
  if (EMAIL.test(text)) return EMAIL_IN_TEXT
  if (BIRTH_DATE.test(text)) return BIRTH_DATE_IN_TEXT
  // Dates are taken out first, so "2026-01-10 90 minutes" is not read as one long number.
  const withoutDates = text.replace(DATES, ' ; ')
  for (const run of withoutDates.match(DIGIT_RUNS) ?? []) {
    if (isPhoneLike(run)) return PHONE_IN_TEXT
  }
  return null
}
