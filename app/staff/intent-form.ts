import { useActionData } from '@remix-run/react'
import type { $ZodType } from 'zod/v4/core'
import { useValidatedForm } from '#app/utils/use-validated-form.ts'

/** A refused form's answer: its errors, and what was sent, its `intent` among them. */
export type IntentResult = { errors?: Record<string, string>; values?: Record<string, string | string[]> }

/**
 * The action's answer, when it concerns the form that posts `intent`: a page with
 * several forms and one action shows each refusal in the form it came from only.
 */
export function useIntentResult(intent: string): IntentResult | undefined {
  const actionData = useActionData<IntentResult>()
  return actionData?.values?.intent === intent ? actionData : undefined
}

/** `useValidatedForm` for one of a page's forms, posting its `intent` as a hidden field. */
export function useIntentForm<S extends $ZodType>(schema: S, intent: string, defaults: Record<string, unknown> = {}) {
  return useValidatedForm(schema, { serverResult: useIntentResult(intent), defaultValues: { intent, ...defaults } })
}
