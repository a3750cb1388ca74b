import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { ContentError, contentDir, parseContentFile } from '#app/curriculum/content.server.ts'
import { renderMarkdown } from '#app/curriculum/markdown.server.ts'
import { agreementContentText, agreementTemplateSchema, type AgreementTemplate } from './agreements.ts'

// The learning agreement's content file, read and validated once; and the hash a signature covers.
// No database here, so the demo seed and the content check can use it.

export const AGREEMENT_FILE = 'agreements/learning-agreement.md'

/** Reads and validates the agreement's fields from content/; a bad file throws a ContentError naming the field. */
export function loadAgreementTemplate(root = contentDir()): AgreementTemplate {
  const absolute = path.join(root, AGREEMENT_FILE)
  const file = path.relative(process.cwd(), absolute)
  if (!fs.existsSync(absolute)) throw new ContentError([{ file, field: '(file)', message: 'the learning agreement needs this file' }])
  const source = fs.readFileSync(absolute, 'utf8')
  const parsed = parseContentFile(file, source, agreementTemplateSchema)
  if (!parsed.ok) throw new ContentError(parsed.problems)
  return { ...parsed.data, file, introHtml: renderMarkdown(parsed.body).html, sha256: createHash('sha256').update(source.replace(/\r\n/g, '\n')).digest('hex') }
}

let cached: AgreementTemplate | undefined
export function getAgreementTemplate() {
  cached ??= loadAgreementTemplate()
  return cached
}

export function agreementContentSha256(row: { template_sha256: string; fellow_id: number; supervisor_id: number; answers: string }) {
  const text = agreementContentText({
    templateSha256: row.template_sha256,
    fellowId: row.fellow_id,
    supervisorId: row.supervisor_id,
    answers: JSON.parse(row.answers),
  })
  return createHash('sha256').update(text).digest('hex')
}
