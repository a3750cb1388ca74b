import { useId } from 'react'
import type { Option } from './forms.tsx'

/** A select for a GET filter form: "all" first, then the options; no validation needed. */
export function FilterSelect({
  name,
  label,
  allLabel,
  options,
  defaultValue,
}: {
  name: string
  label: string
  allLabel: string
  options: Option[]
  defaultValue?: string | null
}) {
  const id = useId()
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={defaultValue ?? ''}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  )
}
