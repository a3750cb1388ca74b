import { data } from '@remix-run/node'
import type { z } from 'zod'
import { echoValues, fieldErrorsOf, formDataToObject, type FieldErrors } from './forms.ts'

export type FormFailure = { ok: false; errors: FieldErrors; values: Record<string, string | string[]> }
export type FormSuccess<T> = { ok: true; data: T; values: Record<string, string | string[]> }

/** Validates a POSTed form with the same schema the browser used. */
export async function parseForm<S extends z.ZodType>(
  request: Request,
  schema: S,
): Promise<FormSuccess<z.output<S>> | FormFailure> {
  const formData = await request.formData()
  return parseFormData(formData, schema)
}

export function parseFormData<S extends z.ZodType>(
  formData: FormData,
  schema: S,
): FormSuccess<z.output<S>> | FormFailure {
  const raw = formDataToObject(formData)
  const result = schema.safeParse(raw)
  if (!result.success) return { ok: false, errors: fieldErrorsOf(result.error), values: echoValues(raw) }
  return { ok: true, data: result.data, values: echoValues(raw) }
}

/** 400 with the field errors and what was typed (never passwords). */
export function invalid(errors: FieldErrors, values: Record<string, unknown> = {}, status = 400) {
  return data({ ok: false as const, errors, values: echoValues(values) }, { status })
}
