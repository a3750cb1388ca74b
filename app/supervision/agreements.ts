import { z } from 'zod'
import { intentField, versionField } from '#app/utils/hidden-fields.ts'
import { signatureMatches } from './signature.ts'
import { formatDate } from '#app/utils/format.ts'

// The learning agreement between a fellow and a supervisor. Its fields are the institute's
// to change (content/agreements/learning-agreement.md); this module validates that file and
// builds the form's schema from it, so the browser and the server check the same rules.
// Plain data in, decision out: no database, no Remix.

const fieldKey = z.string().regex(/^[a-z][a-zA-Z0-9]{0,39}$/, 'must be a camelCase key: a lowercase letter, then letters or digits (at most 40)')
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)

export const agreementFieldSchema = z.strictObject({
  key: fieldKey,
  label: text(120),
  help: text(400).optional(),
  required: z.boolean({ error: 'must be true or false' }),
  maxLength: z.number().int().min(10, 'must be at least 10').max(5000, 'must be at most 5000'),
  multiline: z.boolean().default(true),
})

export const agreementTemplateSchema = z
  .strictObject({
    title: text(120),
    version: z.string().regex(/^\d{4}-\d{2}(-\d+)?$/, 'is YYYY-MM, or YYYY-MM-N for a second version in a month'),
    fields: z.array(agreementFieldSchema).min(1, 'needs at least one field').max(20, 'allows at most 20 fields'),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>()
    t.fields.forEach((f, i) => {
      if (seen.has(f.key)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `"${f.key}" is used by another field` })
      if (['intent', 'version', 'signature'].includes(f.key)) ctx.addIssue({ code: 'custom', path: ['fields', i, 'key'], message: `"${f.key}" is reserved` })
      seen.add(f.key)
    })
  })

export type AgreementField = z.infer<typeof agreementFieldSchema>
export type AgreementTemplateFrontMatter = z.infer<typeof agreementTemplateSchema>
/** The template as the pages use it: the front matter, its introduction (HTML) and the SHA-256 of the file. */
export type AgreementTemplate = AgreementTemplateFrontMatter & { file: string; introHtml: string; sha256: string }

/** The form's schema, built from the template's fields: the same in the browser and in the action. */
export function agreementFormSchema(fields: AgreementField[]) {
  const shape: Record<string, z.ZodType> = { intent: intentField('save'), version: versionField }
  for (const f of fields) {
    const max = z
      .string()
      .trim()
      .max(f.maxLength, `Use at most ${f.maxLength.toLocaleString('en-US')} characters.`)
    shape[f.key] = f.required
      ? z
          .string({ error: `Fill in “${f.label}”.` })
          .trim()
          .min(1, `Fill in “${f.label}”.`)
          .pipe(max)
      : max.optional().default('')
  }
  return z.strictObject(shape)
}

export type AgreementAnswers = Record<string, string>

export type AgreementState = {
  answers: AgreementAnswers | null
  fellowSignedAt: string | null
  supervisorSignedAt: string | null
}

/** Signed by both: the only state in which the fellow's practicum records go to that supervisor. */
export function isFullySigned(a: Pick<AgreementState, 'fellowSignedAt' | 'supervisorSignedAt'> | null | undefined) {
  return !!a?.fellowSignedAt && !!a.supervisorSignedAt
}

export type AgreementStatus = 'not-started' | 'draft' | 'awaiting-fellow' | 'awaiting-supervisor' | 'signed'

export function agreementStatus(a: Pick<AgreementState, 'fellowSignedAt' | 'supervisorSignedAt'> | null | undefined): AgreementStatus {
  if (!a) return 'not-started'
  if (a.fellowSignedAt && a.supervisorSignedAt) return 'signed'
  if (a.fellowSignedAt) return 'awaiting-supervisor'
  if (a.supervisorSignedAt) return 'awaiting-fellow'
  return 'draft'
}

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = {
  'not-started': 'Not started',
  draft: 'Filled in, not signed',
  'awaiting-fellow': 'Signed by the supervisor; waiting for the fellow',
  'awaiting-supervisor': 'Signed by the fellow; waiting for the supervisor',
  signed: 'Signed by both',
}

/** Which required fields are still empty: an agreement is signed only when complete. */
export function missingAnswers(fields: AgreementField[], answers: AgreementAnswers | null) {
  return fields.filter((f) => f.required && !answers?.[f.key]?.trim()).map((f) => f.label)
}

/** The canonical text a signature covers: the template's hash, the pair, and each answer in the template's order. */
export function agreementContentText(input: { templateSha256: string; fellowId: number; supervisorId: number; answers: AgreementAnswers }) {
  const keys = Object.keys(input.answers).sort()
  return JSON.stringify([input.templateSha256, input.fellowId, input.supervisorId, keys.map((k) => [k, input.answers[k] ?? ''])])
}

export type Party = 'fellow' | 'supervisor'

/** Whether `party` may sign now, and why not. */
export function signBlocker(
  party: Party,
  state: AgreementState,
  fields: AgreementField[],
  typedName: string,
  signerName: string,
): { field: 'signature' | 'form'; message: string } | null {
  if (!state.answers) return { field: 'form', message: 'Fill in the agreement before signing it.' }
  const missing = missingAnswers(fields, state.answers)
  if (missing.length) return { field: 'form', message: `Fill in every required field before signing: ${missing.join(', ')}.` }
  if ((party === 'fellow' ? state.fellowSignedAt : state.supervisorSignedAt) !== null)
    return { field: 'form', message: 'You have already signed this agreement.' }
  if (!signatureMatches(typedName, signerName)) return { field: 'signature', message: `Type your name as on your account (${signerName}) to sign.` }
  return null
}

/** The message a fellow reads when a practicum record is held back by unsigned agreements. */
export function agreementGateMessage(occurredOn: string, supervisors: string[]) {
  const names = supervisors.length === 1 ? supervisors[0] : `${supervisors.slice(0, -1).join(', ')} and ${supervisors.at(-1)}`
  return (
    `Record of ${formatDate(occurredOn)}: practicum records go to your supervisors only once your learning agreement with each of them is signed by both of you, ` +
    `and the agreement with ${names} is not signed yet. Open it from your dashboard (Learning agreements). You can save the record as a draft meanwhile.`
  )
}
