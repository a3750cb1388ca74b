import type { $ZodError } from 'zod/v4/core'

export type FieldErrors = Record<string, string>

export type FormValue = FormDataEntryValue | FormDataEntryValue[]

/**
 * FormData as a plain object: repeated names become arrays. Nothing is dropped:
 * no form takes a file, so a file stays a file for the schema to refuse, and a
 * field named `__proto__` becomes an own key (plain assignment would swallow it)
 * for a strict schema to refuse.
 */
export function formDataToObject(formData: FormData): Record<string, FormValue> {
  const result: Record<string, FormValue> = {}
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key)
    Object.defineProperty(result, key, { value: values.length === 1 ? values[0]! : values, enumerable: true, writable: true, configurable: true })
  }
  return result
}

/** The first message per field, keyed by dotted path; form-wide errors under `form`. */
export function fieldErrorsOf(error: $ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : 'form'
    // A field the form does not have: someone crafted the request. Say so plainly.
    const message =
      issue.code === 'unrecognized_keys'
        ? `This form does not have the field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.join(', ')}. Reload the page and try again.`
        : issue.message
    errors[key] ??= message
  }
  return errors
}

/** What the user typed, to put back in the form; secrets are never echoed. */
export function echoValues(values: Record<string, unknown>) {
  const echoed: Record<string, string | string[]> = {}
  for (const [key, value] of Object.entries(values)) {
    if (/password/i.test(key) || key === '__proto__') continue
    if (typeof value === 'string') echoed[key] = value.slice(0, 20_000)
    else if (Array.isArray(value)) echoed[key] = value.filter((v) => typeof v === 'string').slice(0, 100)
  }
  return echoed
}

/** A value to repeat a field's input on a server round trip (no-JavaScript path). */
export function valueOf(values: Record<string, string | string[]> | undefined, key: string) {
  const value = values?.[key]
  return Array.isArray(value) ? value[0] : value
}
