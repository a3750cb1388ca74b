// The rules of a signed approval. Plain data in, decisions out.

/** A sign-off within this many minutes of proving who you are (sign-in or password) needs no password again. */
export const FRESH_SIGN_IN_MINUTES = 30

/** Whether a signature needs the password again: the last proof of identity is more than 30 minutes old. */
export function passwordNeeded(lastAuthenticatedAt: string, now: Date) {
  return now.getTime() - Date.parse(lastAuthenticatedAt) > FRESH_SIGN_IN_MINUTES * 60_000
}

/** A name as people type it: case, spacing, dots and commas, and a leading "Dr" do not matter. */
function comparable(name: string) {
  return name.normalize('NFKC').toLocaleLowerCase('en').replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim().replace(/^dr /, '')
}

/** The typed signature is the signer's name as the institute holds it (their name as on the license). */
export function signatureMatches(typed: string, name: string) {
  const signed = comparable(typed)
  return signed.length > 0 && signed === comparable(name)
}

/** What a signature covers: the record's content fields, in a fixed order, so the same content always hashes the same. */
export const SIGNED_FIELDS = [
  'id',
  'fellow_id',
  'kind',
  'occurred_on',
  'minutes',
  'setting',
  'route',
  'medical_team',
  'preparation_notes',
  'integration_notes',
  'participant_code',
  'sitter_role',
  'phase',
  'client_code',
  'supervision_format',
  'supervisor_name',
  'notes',
  // The categories boards count, added later: appended, so content signed before them hashes as it did.
  'supervision_type',
  'group_size',
  'practicum_contact',
  'started_at',
  'ended_at',
  'co_sitter_id',
] as const

/** How many fields the first signatures covered: trailing empty fields past these are left out of the text. */
const FIRST_SIGNED_FIELDS = SIGNED_FIELDS.indexOf('notes') + 1

export type SignedContent = { [K in (typeof SIGNED_FIELDS)[number]]: string | number | null }

/** The canonical text that is hashed: one JSON array of the fields' values in SIGNED_FIELDS order (trailing empty later fields dropped). */
export function signedContentText(record: SignedContent) {
  const values = SIGNED_FIELDS.map((field) => record[field] ?? null)
  while (values.length > FIRST_SIGNED_FIELDS && values.at(-1) === null) values.pop()
  return JSON.stringify(values)
}
