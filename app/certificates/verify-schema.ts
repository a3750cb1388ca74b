import { z } from 'zod'

// The /verify form for a credential itself: pasted into the text box, or its file chosen. One
// schema for the browser (react-hook-form) and the action; the action alone reads the file's
// bytes and asks whether the signature holds.

/** A credential is a few kilobytes; the whole form must fit the site's 64 KB limit for forms. */
export const MAX_CREDENTIAL_CHARS = 60_000

/** What a posted or chosen file offers: a File from the request, or the one a FileList holds. */
export type ChosenFile = { name: string; size: number; text(): Promise<string> }

const isFile = (value: unknown): value is ChosenFile =>
  typeof value === 'object' && value !== null && typeof (value as ChosenFile).size === 'number' && typeof (value as ChosenFile).text === 'function'

/** The file input's value as one file, or undefined when none was chosen (a browser posts an empty input as a nameless, empty file). */
function chosenFile(value: unknown) {
  if (typeof FileList !== 'undefined' && value instanceof FileList) return value[0] ?? undefined
  if (value === '' || value === undefined || (isFile(value) && value.size === 0 && value.name === '')) return undefined
  return value
}

/** The pasted text as a JSON object, or the reason it is not one. */
export function parseCredentialText(text: string): { ok: true; document: Record<string, unknown> } | { ok: false; message: string } {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    return { ok: false, message: 'This is not JSON: paste the whole credential file, from its first { to its last }.' }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, message: 'This JSON is not a credential: a credential is one object, { … }.' }
  return { ok: true, document: parsed as Record<string, unknown> }
}

export const credentialCheckSchema = z
  .strictObject({
    credential: z
      .string()
      .trim()
      .max(MAX_CREDENTIAL_CHARS, `A credential is at most ${MAX_CREDENTIAL_CHARS.toLocaleString('en')} characters; this is not one of ours.`)
      .optional()
      .default(''),
    file: z.preprocess(
      chosenFile,
      z
        .custom<ChosenFile>(isFile, { error: 'Choose the credential’s .json file.' })
        .refine((file) => file.size <= MAX_CREDENTIAL_CHARS, { error: 'This file is too large to be a credential (at most 60 KB).' })
        .optional(),
    ),
  })
  .superRefine((form, ctx) => {
    if (!form.credential && !form.file) {
      ctx.addIssue({ code: 'custom', path: ['credential'], message: 'Paste the credential here, or choose its file below.' })
    } else if (form.credential && form.file) {
      ctx.addIssue({ code: 'custom', path: ['file'], message: 'Paste the credential or choose its file, not both.' })
    } else if (form.credential) {
      const parsed = parseCredentialText(form.credential)
      if (!parsed.ok) ctx.addIssue({ code: 'custom', path: ['credential'], message: parsed.message })
    }
  })
