import { ConfigurationError } from '#app/env.server.ts'
import { codeFormatProblem, DEFAULT_CODE_FORMATS, type CodeFormats } from './codes.ts'

/**
 * The institute's participant and client code formats: PARTICIPANT_CODE_FORMAT and
 * CLIENT_CODE_FORMAT (`#` a digit), P-#### and C-#### when unset. A format that
 * cannot be used stops the start (startup checks it) rather than letting names in.
 */
export function codeFormats(): CodeFormats {
  return {
    participant: formatFrom('PARTICIPANT_CODE_FORMAT', DEFAULT_CODE_FORMATS.participant),
    client: formatFrom('CLIENT_CODE_FORMAT', DEFAULT_CODE_FORMATS.client),
  }
}

function formatFrom(variable: string, fallback: string) {
  const value = process.env[variable]?.trim()
  if (!value) return fallback
  const problem = codeFormatProblem(value)
  if (problem) throw new ConfigurationError(`${variable} "${value}" cannot be used: ${problem}. For example ${variable}=${fallback}`)
  return value.toUpperCase()
}
