import { data } from '@remix-run/node'
import { safeParse, type $ZodType, type output } from 'zod/v4/core'
import { echoValues, fieldErrorsOf, formDataToObject, type FieldErrors } from './forms.ts'

export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string | string[]> }
export type FormSuccess<T> = { ok: true; data: T; values: Record<string, string | string[]> }

/** Validates a POSTed form with the same schema the browser used. */
export async function parseForm<S extends $ZodType>(request: Request, schema: S): Promise<FormSuccess<output<S>> | FormFailure> {
  return parseFormData(await readFormData(request), schema)
}

/** The POSTed form, or a 400 page when the body is not a readable form (a broken multipart body, JSON). */
export async function readFormData(request: Request): Promise<FormData> {
  try {
    return await request.formData()
  } catch {
    throw data({ message: 'We could not read this form. Reload the page and send it again.' }, { status: 400 })
  }
}

export function parseFormData<S extends $ZodType>(formData: FormData, schema: S): FormSuccess<output<S>> | FormFailure {
  const raw = formDataToObject(formData)
  // zod's functional form works for classic and mini schemas alike.
  const result = safeParse(schema, raw)
  if (!result.success) return { ok: false, errors: fieldErrorsOf(result.error), values: echoValues(raw) }
  const control = controlCharacterErrors(raw)
  if (control) return { ok: false, errors: control, values: echoValues(raw) }
  return { ok: true, data: result.data, values: echoValues(raw) }
}

// C0 control characters (NUL and the like) other than tab, line feed and carriage return, plus DEL:
// nobody types them, and stored they break exports, PDFs and mail. Checked once the schema passed.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/

function controlCharacterErrors(raw: Record<string, unknown>): FieldErrors | null {
  const errors: FieldErrors = {}
  for (const [key, value] of Object.entries(raw)) {
    const strings = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string')
    if (strings.some((v) => CONTROL_CHARACTER.test(v))) errors[key] = 'Remove the invisible control characters (such as NUL) from this field.'
  }
  return Object.keys(errors).length ? errors : null
}

/** 400 with the field errors and what was typed (never passwords). */
export function invalid(errors: FieldErrors, values: Record<string, unknown> = {}, status = 400) {
  return data({ ok: false as const, errors, values: echoValues(values) }, { status })
}
