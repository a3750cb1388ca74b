// Formatting shared by every page; fixed locale and time zone so server and
// browser render the same text (no hydration mismatch).
const dateFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' })
const dateTimeFormat = new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })

/**
 * Intl formatting costs microseconds a call, and a table formats the same dates on every row
 * and every request: the last results are kept, by the text formatted (at most a few thousand).
 */
function remembered(format: (value: string) => string) {
  const known = new Map<string, string>()
  return (value: string) => {
    let text = known.get(value)
    if (text === undefined) {
      if (known.size >= 5000) known.clear()
      text = format(value)
      known.set(value, text)
    }
    return text
  }
}

const dateText = remembered((value) => {
  const date = new Date(value.length === 10 ? `${value}T00:00:00Z` : value)
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date)
})

const dateTimeText = remembered((value) => {
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : `${dateTimeFormat.format(date)} UTC`
})

/** A calendar date (YYYY-MM-DD) or an instant, as "Nov 25, 2026". */
export function formatDate(value: string | null | undefined) {
  return value ? dateText(value) : '—'
}

export function formatDateTime(value: string | null | undefined) {
  return value ? dateTimeText(value) : '—'
}

/** Minutes as "1 h 30 min". */
export function formatMinutes(minutes: number) {
  const h = Math.floor(minutes / 60)
  const m = minutes % 60
  if (h === 0) return `${m} min`
  return m === 0 ? `${h} h` : `${h} h ${m} min`
}

/** Minutes as hours with one decimal: "12.5". */
export function hours(minutes: number) {
  return (Math.round((minutes / 60) * 10) / 10).toString()
}

export function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`
}
