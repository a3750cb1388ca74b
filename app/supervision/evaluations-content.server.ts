import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import type { EvaluationStage } from '#db/schema.ts'
import { ContentError, contentDir, parseContentFile } from '#app/curriculum/content.server.ts'
import { renderMarkdown } from '#app/curriculum/markdown.server.ts'
import { evaluationContentText, rubricSchema, type Ratings, type Rubric } from './evaluations.ts'

// The competency rubric's content file, read and validated once; and the hash a signature covers.
// No database here, so the demo seed and the content check can use it.

export const ratingsOf = (row: { ratings: string }) => JSON.parse(row.ratings) as Ratings

export const RUBRIC_FILE = 'rubrics/kap-competencies.md'

export function loadRubric(root = contentDir()): Rubric {
  const absolute = path.join(root, RUBRIC_FILE)
  const file = path.relative(process.cwd(), absolute)
  if (!fs.existsSync(absolute)) throw new ContentError([{ file, field: '(file)', message: 'competency evaluations need this rubric' }])
  const source = fs.readFileSync(absolute, 'utf8')
  const parsed = parseContentFile(file, source, rubricSchema)
  if (!parsed.ok) throw new ContentError(parsed.problems)
  return { ...parsed.data, file, introHtml: renderMarkdown(parsed.body).html, sha256: createHash('sha256').update(source.replace(/\r\n/g, '\n')).digest('hex') }
}

let cached: Rubric | undefined
export function getRubric() {
  cached ??= loadRubric()
  return cached
}

export function evaluationContentSha256(row: { rubric_sha256: string; fellow_id: number; supervisor_id: number; stage: EvaluationStage; ratings: string }) {
  const text = evaluationContentText({
    rubricSha256: row.rubric_sha256,
    fellowId: row.fellow_id,
    supervisorId: row.supervisor_id,
    stage: row.stage,
    ratings: ratingsOf(row),
  })
  return createHash('sha256').update(text).digest('hex')
}
