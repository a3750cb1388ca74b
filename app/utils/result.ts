/** A refusal a person can act on: which field it concerns (`form` for the whole form) and why. */
export type Failure = { ok: false; field: string; message: string }

export function fail(field: string, message: string): Failure {
  return { ok: false, field, message }
}

/**
 * Carries a refusal out of a transaction so that everything written before it rolls
 * back; `refusalOf` turns it back into the Failure once outside.
 */
export class Refusal extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message)
  }
}

export function refuseWith(failure: Failure): never {
  throw new Refusal(failure)
}

/** For `.catch()` after a transaction: a Refusal becomes its Failure, anything else is rethrown. */
export function refusalOf(error: unknown): Failure {
  if (error instanceof Refusal) return error.failure
  throw error
}
