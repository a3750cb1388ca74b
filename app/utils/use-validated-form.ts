import { zodResolver } from '@hookform/resolvers/zod'
import { useNavigation, useSubmit } from '@remix-run/react'
import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react'
import { useForm, type FieldValues, type Path, type RegisterOptions, type Resolver, type UseFormRegisterReturn } from 'react-hook-form'
import type { $ZodType } from 'zod/v4/core'
import type { FieldErrors } from './forms.ts'

type ServerResult = { errors?: FieldErrors; values?: Record<string, string | string[]> } | undefined | null

/** A form's schema, or a function that loads it: then the schema's code is fetched when the form is first checked, not with the page. */
type FormSchema<S extends $ZodType> = S | (() => Promise<S>)

// The resolver's generics cannot see through a generic schema; the shape is checked where the schema is written.
const resolverOf = (schema: $ZodType) => zodResolver(schema as unknown as $ZodType<FieldValues, FieldValues>)

function resolverFor<S extends $ZodType>(schema: FormSchema<S>): Resolver<FieldValues> {
  if (typeof schema !== 'function') return resolverOf(schema)
  let loaded: Promise<Resolver<FieldValues> | null> | undefined
  return async (values, context, options) => {
    loaded ??= schema().then(resolverOf, () => {
      loaded = undefined
      return null
    })
    const resolver = await loaded
    // Not fetched (offline, or a newer release has replaced the file): the form posts, and the server checks it.
    return resolver ? resolver(values, context, options) : { values, errors: {} }
  }
}

/**
 * react-hook-form with the form's zod schema in the browser; the very same schema
 * runs in the action. Without JavaScript the form simply posts and the server's
 * errors render; with it, errors show before anything is sent. Server errors
 * arriving after a submit are handed to react-hook-form so they clear as fixed.
 */
export function useValidatedForm<S extends $ZodType>(
  schema: FormSchema<S>,
  { defaultValues, serverResult }: { defaultValues?: Record<string, unknown>; serverResult?: ServerResult },
) {
  const submit = useSubmit()
  const startingValues = { ...defaultValues, ...serverResult?.values }
  const resolver = useMemo(() => resolverFor(schema), [schema])
  const form = useForm<FieldValues>({
    resolver,
    defaultValues: startingValues,
    mode: 'onTouched',
  })
  const [syncedResult, setSyncedResult] = useState<ServerResult>(null)

  useEffect(() => {
    if (!serverResult?.errors) return
    for (const [name, message] of Object.entries(serverResult.errors)) {
      form.setError(name as Path<FieldValues>, { type: 'server', message })
    }
    // Marks which result react-hook-form now holds, so the render after it stops falling back to
    // the server's copy; that one extra render is the point, and only the effect knows when it is due.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSyncedResult(serverResult)
  }, [serverResult, form])

  // Once this form's submission has been answered with a redirect (saved), it starts again from what
  // the page now says, as the fresh page does without JavaScript: a second click records nothing twice.
  const navigation = useNavigation()
  const sent = useRef<HTMLFormElement | null>(null)
  const latest = useRef({ startingValues, serverResult })
  useEffect(() => {
    latest.current = { startingValues, serverResult }
  })
  useEffect(() => {
    if (navigation.state !== 'idle' || !sent.current) return
    const element = sent.current
    sent.current = null
    // An answer with data (a refusal keeps what was typed, beside its errors) is not a save.
    if (latest.current.serverResult) return
    element.reset()
    form.reset(latest.current.startingValues)
  }, [navigation.state, form])

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null
    const element = event.currentTarget
    // The clicked button's name/value (e.g. intent=submit) is part of what the schema checks.
    if (submitter?.name) form.setValue(submitter.name as Path<FieldValues>, submitter.value)
    void form.handleSubmit(() => {
      sent.current = element
      return submit(submitter ?? element)
    })(event)
  }

  /** The message to show beside `name`: the browser's check, or the server's before hydration. */
  function errorFor(name: string): string | undefined {
    const clientError = name.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], form.formState.errors)
    const clientMessage = (clientError as { message?: unknown } | undefined)?.message
    if (clientMessage) return String(clientMessage)
    if (syncedResult !== serverResult) return serverResult?.errors?.[name]
    return undefined
  }

  /**
   * react-hook-form writes a default into its input only from the ref callback, in the
   * browser; the server's HTML would carry none, so without JavaScript a hidden `intent`
   * or `version` posted empty. The page's own defaults go into the markup as well.
   * Only for names the page gave a default: an echoed checkbox value ("on") is not its
   * default, and lists and booleans belong to checkboxes, which say so with `defaultChecked`.
   */
  function register(name: string, options?: RegisterOptions<FieldValues>): UseFormRegisterReturn & { defaultValue?: string } {
    const registration = form.register(name as Path<FieldValues>, options)
    const value = defaultValues && Object.hasOwn(defaultValues, name) ? startingValues[name] : undefined
    return typeof value === 'string' || typeof value === 'number' ? { ...registration, defaultValue: String(value) } : registration
  }

  return { ...form, register, onSubmit, errorFor, formError: serverResult?.errors?.form }
}
