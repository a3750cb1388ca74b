import { useActionData } from '@remix-run/react'
import { useEffect, useId, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import type { UseFormRegisterReturn } from 'react-hook-form'

type Common = {
  label: ReactNode
  error?: string
  hint?: ReactNode
  /** From `useValidatedForm`: with the field's starting value, so the server's HTML has it too. */
  registration: UseFormRegisterReturn & { defaultValue?: string }
}

function useFieldIds(error?: string, hint?: ReactNode) {
  const id = useId()
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined
  return { id, describedBy }
}

function Hint({ id, hint }: { id: string; hint?: ReactNode }) {
  return hint ? (
    <p className="hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null
}

function ErrorText({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p className="field-error" id={`${id}-error`}>
      {error}
    </p>
  ) : null
}

export function TextField({ label, error, hint, registration, ...input }: Common & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const { id, describedBy } = useFieldIds(error, hint)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <input id={id} type="text" aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} {...registration} />
      <ErrorText id={id} error={error} />
    </div>
  )
}

export function TextAreaField({ label, error, hint, registration, ...input }: Common & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  const { id, describedBy } = useFieldIds(error, hint)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <textarea id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...input} {...registration} />
      <ErrorText id={id} error={error} />
    </div>
  )
}

export type Option = { value: string; label: string }

export function SelectField({
  label,
  error,
  hint,
  registration,
  options,
  placeholder,
  ...select
}: Common & { options: Option[]; placeholder?: string } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>) {
  const { id, describedBy } = useFieldIds(error, hint)
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <Hint id={id} hint={hint} />
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...select} {...registration}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorText id={id} error={error} />
    </div>
  )
}

/** Radio buttons (one answer) or checkboxes (several), in a fieldset with a legend. */
export function ChoiceGroup({
  legend,
  error,
  hint,
  registration,
  options,
  multiple = false,
  defaultValue,
}: Omit<Common, 'label'> & {
  legend: ReactNode
  options: Option[]
  multiple?: boolean
  defaultValue?: string | string[]
}) {
  const { id, describedBy } = useFieldIds(error, hint)
  const chosen = new Set(Array.isArray(defaultValue) ? defaultValue : defaultValue ? [defaultValue] : [])
  // Each box has its own value; which are ticked is `defaultChecked`, never a default value.
  const { defaultValue: _default, ...choice } = registration
  return (
    <fieldset className="field" aria-describedby={describedBy} aria-invalid={error ? true : undefined}>
      <legend>{legend}</legend>
      <Hint id={id} hint={hint} />
      {options.map((o, i) => (
        <label className="choice" key={o.value} htmlFor={`${id}-${i}`}>
          <input id={`${id}-${i}`} type={multiple ? 'checkbox' : 'radio'} value={o.value} defaultChecked={chosen.has(o.value)} {...choice} />
          <span>{o.label}</span>
        </label>
      ))}
      <ErrorText id={id} error={error} />
    </fieldset>
  )
}

/**
 * A refusal of the whole form, at its top. It takes the focus (and so comes into view) when it
 * appears and again after each answer of the action: `autofocus` in the HTML when the page is the
 * answer (without JavaScript), an effect with it.
 */
export function FormError({ error }: { error?: string }) {
  const ref = useRef<HTMLDivElement>(null)
  const answer = useActionData()
  useEffect(() => {
    if (!error) return
    // After react-hook-form, which focuses the first invalid field on a timer of its own.
    const timer = setTimeout(() => ref.current?.focus())
    return () => clearTimeout(timer)
  }, [error, answer])
  return error ? (
    // eslint-disable-next-line jsx-a11y/no-autofocus -- the refusal is the answer to what the reader just did
    <div ref={ref} tabIndex={-1} autoFocus className="alert alert-error form-error" role="alert">
      {error}
    </div>
  ) : null
}

/** A new password and its repetition: the pair every password-setting form asks for. */
export function NewPasswordFields({
  name,
  label = 'New password',
  hint = 'At least 12 characters.',
  register,
  errorFor,
}: {
  name: string
  label?: string
  hint?: string
  register: (name: string) => UseFormRegisterReturn
  errorFor: (name: string) => string | undefined
}) {
  return (
    <>
      <TextField label={label} type="password" hint={hint} autoComplete="new-password" registration={register(name)} error={errorFor(name)} />
      <TextField
        label={`Repeat the ${label.toLowerCase()}`}
        type="password"
        autoComplete="new-password"
        registration={register('confirmPassword')}
        error={errorFor('confirmPassword')}
      />
    </>
  )
}
