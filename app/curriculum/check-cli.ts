import { loadAgreementTemplate } from '#app/supervision/agreements-content.server.ts'
import { loadRubric } from '#app/supervision/evaluations-content.server.ts'
import { ContentError, contentDir, loadCatalog } from './content.server.ts'

try {
  const catalog = loadCatalog()
  for (const course of catalog.courses) {
    const questions = course.lessons.reduce((n, l) => n + l.questions.length, 0)
    console.log(`✓ ${course.slug}: ${course.lessons.length} lessons, ${questions} questions`)
  }
  for (const program of catalog.programs) console.log(`✓ program ${program.slug}`)
  console.log(`✓ learning agreement: ${loadAgreementTemplate().fields.length} fields`)
  console.log(`✓ rubric: ${loadRubric().competencies.length} competencies`)
  console.log(`Content in ${contentDir()} is valid.`)
} catch (error) {
  if (error instanceof ContentError) {
    console.error(error.message)
    process.exit(1)
  }
  throw error
}
