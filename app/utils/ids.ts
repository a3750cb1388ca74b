/** A database id from a URL segment or query value: a positive safe integer, else null. */
export function positiveId(value: string | number | null | undefined): number | null {
  const id = Number(value)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}
