import { useRouteLoaderData } from '@remix-run/react'
import { formatterFor, type Formatter } from './format.ts'

type RootTimeZone = { timeZone?: string } | undefined

/** The zone of whoever reads the page (the root loader's: their own, or the institute's). */
export function useTimeZone(): string {
  const root = useRouteLoaderData('root') as RootTimeZone
  return root?.timeZone ?? 'UTC'
}

/** `formatDate`, `formatDateTime` and `formatTime` in the reader's zone: `const { formatDateTime } = useFormat()`. */
export function useFormat(): Formatter {
  return formatterFor(useTimeZone())
}
