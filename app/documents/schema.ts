import { z } from 'zod'
import { MAX_DOCUMENT_BYTES, tooLarge } from './rules.ts'

// A file field, for the browser (react-hook-form holds the input's FileList) and the server
// (the posted form holds a File). The schema checks that one file was chosen and its size;
// what the bytes are is checked on the server, which alone reads them (readUpload).

/** What a posted file offers: a File from the request, or the one a FileList holds. */
export type ChosenFile = { name: string; size: number; type: string; arrayBuffer(): Promise<ArrayBuffer> }

const isChosenFile = (value: unknown): value is ChosenFile =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ChosenFile).size === 'number' &&
  typeof (value as ChosenFile).name === 'string' &&
  typeof (value as ChosenFile).arrayBuffer === 'function'

/**
 * The input's value as one file, or undefined when nothing was chosen: a browser posts an
 * empty input as a nameless, empty file (and as '' when a form is not multipart).
 */
function chosenFile(value: unknown) {
  if (typeof FileList !== 'undefined' && value instanceof FileList) return value.length > 1 ? [...value] : (value[0] ?? undefined)
  if (value === '' || (isChosenFile(value) && value.size === 0 && value.name === '')) return undefined
  return value
}

const EMPTY = 'This file is empty. Choose the file again.'

const oneFile = (message: string) =>
  z.custom<ChosenFile>(isChosenFile, { error: message }).superRefine((file, ctx) => {
    if (file.size === 0) ctx.addIssue({ code: 'custom', message: EMPTY })
    else if (file.size > MAX_DOCUMENT_BYTES) ctx.addIssue({ code: 'custom', message: tooLarge(file.size) })
  })

/** A file the form cannot do without. */
export const requiredDocument = (message = 'Choose a PDF, PNG or JPEG file.') => z.preprocess(chosenFile, oneFile(message))

/** A file the form may be sent without (a clearance recorded before its letter arrives). */
export const optionalDocument = (message = 'Choose one PDF, PNG or JPEG file, or none.') => z.preprocess(chosenFile, oneFile(message).optional())

/** Attaching a file to one of the fellow's own records. */
export const attachmentSchema = z.strictObject({ file: requiredDocument() })

/** A supervisor's proof of license (a scan of the license, or the board's lookup page saved as PDF). */
export const licenseProofSchema = z.strictObject({ proof: requiredDocument() })
