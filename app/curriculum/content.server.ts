import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { z } from 'zod'
import { renderMarkdown, type Heading } from './markdown.server.ts'
import {
  courseFrontMatterSchema,
  lessonFrontMatterSchema,
  programFrontMatterSchema,
  attestationFrontMatterSchema,
  type AttestationFrontMatter,
  type CourseFrontMatter,
  type LessonFrontMatter,
  type ProgramFrontMatter,
} from './schemas.ts'

export type Lesson = LessonFrontMatter & {
  slug: string
  courseSlug: string
  file: string
  html: string
  headings: Heading[]
}

export type Course = CourseFrontMatter & {
  slug: string
  file: string
  overviewHtml: string
  lessons: Lesson[]
}

export type Program = ProgramFrontMatter & { slug: string; file: string; descriptionHtml: string }

/** A statement supervisors sign, with the hash of its exact text (what a signature records). */
export type Attestation = AttestationFrontMatter & { file: string; text: string; sha256: string }

export type Catalog = {
  courses: Course[]
  programs: Program[]
  /** Oldest first; the one in force is the latest whose `effective` date has come. */
  attestations: Attestation[]
  course(slug: string): Course | undefined
  program(slug: string): Program | undefined
}

export type ContentProblem = { file: string; field: string; message: string }

/** Every problem found in `content/`, each with the file, the field and what is wrong. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `Invalid content (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.file}: ${p.field}: ${p.message}`).join('\n'),
    )
    this.name = 'ContentError'
  }
}

export function contentDir() {
  return process.env.CONTENT_DIR ?? path.resolve('content')
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/

/** Splits and validates one Markdown file's front matter with its kind's schema. */
export function parseContentFile<S extends z.ZodType>(
  file: string,
  source: string,
  schema: S,
): { ok: true; data: z.output<S>; body: string } | { ok: false; problems: ContentProblem[] } {
  const match = FRONT_MATTER.exec(source)
  if (!match) {
    return { ok: false, problems: [{ file, field: '(front matter)', message: 'the file must start with a --- fenced YAML block' }] }
  }
  let raw: unknown
  try {
    raw = parseYaml(match[1]!)
  } catch (error) {
    return { ok: false, problems: [{ file, field: '(front matter)', message: `is not valid YAML: ${(error as Error).message.split('\n')[0]}` }] }
  }
  const result = schema.safeParse(raw ?? {})
  if (!result.success) {
    return {
      ok: false,
      problems: result.error.issues.map((issue) => ({
        file,
        field: issue.path.length ? issue.path.map(String).join('.') : '(front matter)',
        message: issue.code === 'unrecognized_keys' ? `unknown field(s): ${issue.keys.join(', ')}` : issue.message,
      })),
    }
  }
  return { ok: true, data: result.data, body: match[2] ?? '' }
}

const LESSON_FILE = /^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/

function readMarkdownFiles(dir: string) {
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .sort()
    : []
}

/** Reads and validates the whole tree; throws a ContentError listing every problem. */
export function loadCatalog(root = contentDir()): Catalog {
  const problems: ContentProblem[] = []
  const rel = (file: string) => path.relative(process.cwd(), file)
  const courses: Course[] = []

  const coursesDir = path.join(root, 'courses')
  const courseSlugs = fs.existsSync(coursesDir)
    ? fs
        .readdirSync(coursesDir)
        .filter((d) => fs.statSync(path.join(coursesDir, d)).isDirectory())
        .sort()
    : []
  for (const courseSlug of courseSlugs) {
    const dir = path.join(coursesDir, courseSlug)
    const courseFile = path.join(dir, 'course.md')
    if (!fs.existsSync(courseFile)) {
      problems.push({ file: rel(dir), field: 'course.md', message: 'every course folder needs a course.md' })
      continue
    }
    const parsedCourse = parseContentFile(rel(courseFile), fs.readFileSync(courseFile, 'utf8'), courseFrontMatterSchema)
    if (!parsedCourse.ok) {
      problems.push(...parsedCourse.problems)
      continue
    }
    const lessons: Lesson[] = []
    for (const name of readMarkdownFiles(dir).filter((f) => f !== 'course.md')) {
      const file = rel(path.join(dir, name))
      const nameMatch = LESSON_FILE.exec(name)
      if (!nameMatch) {
        problems.push({ file, field: '(file name)', message: 'lesson files are named NN-lesson-slug.md' })
        continue
      }
      const parsed = parseContentFile(file, fs.readFileSync(path.join(dir, name), 'utf8'), lessonFrontMatterSchema)
      if (!parsed.ok) {
        problems.push(...parsed.problems)
        continue
      }
      // Rendered when first read: the Markdown pipeline takes some 25 ms a lesson, and most readers of the
      // catalog (eligibility, progress, a test's set-up) never read a lesson's text.
      let rendered: ReturnType<typeof renderMarkdown> | undefined
      const body = parsed.body
      const render = () => (rendered ??= renderMarkdown(body))
      lessons.push({
        ...parsed.data,
        slug: nameMatch[2]!,
        courseSlug,
        file,
        get html() {
          return render().html
        },
        get headings() {
          return render().headings
        },
      })
    }
    lessons.sort((a, b) => a.order - b.order)
    lessons.forEach((lesson, i) => {
      if (lesson.order !== i + 1) {
        problems.push({ file: lesson.file, field: 'order', message: `expected ${i + 1}: lesson orders run 1, 2, 3… without gaps or repeats` })
      }
    })
    if (lessons.length === 0) problems.push({ file: rel(dir), field: '(lessons)', message: 'a course needs at least one lesson' })
    courses.push({
      ...parsedCourse.data,
      slug: courseSlug,
      file: rel(courseFile),
      overviewHtml: renderMarkdown(parsedCourse.body).html,
      lessons,
    })
  }

  const programs: Program[] = []
  const programsDir = path.join(root, 'programs')
  for (const name of readMarkdownFiles(programsDir)) {
    const file = rel(path.join(programsDir, name))
    const parsed = parseContentFile(file, fs.readFileSync(path.join(programsDir, name), 'utf8'), programFrontMatterSchema)
    if (!parsed.ok) {
      problems.push(...parsed.problems)
      continue
    }
    // A category minimum is a part of its kind's total: it cannot ask for more than the whole.
    const p = parsed.data
    if (p.directPracticumHours > p.practicumHours) {
      problems.push({ file, field: 'directPracticumHours', message: `is part of practicumHours, so at most ${p.practicumHours}` })
    }
    const supervisionParts = p.individualSupervisionHours + p.groupSupervisionHours + p.consultationHours
    if (supervisionParts > p.supervisionHours) {
      problems.push({
        file,
        field: 'individualSupervisionHours',
        message: `individual, group and consultation hours (${supervisionParts} together) are parts of supervisionHours, so at most ${p.supervisionHours}`,
      })
    }
    programs.push({ ...parsed.data, slug: name.replace(/\.md$/, ''), file, descriptionHtml: renderMarkdown(parsed.body).html })
  }
  programs.sort((a, b) => a.order - b.order)

  const attestations: Attestation[] = []
  const attestationsDir = path.join(root, 'attestations')
  for (const name of readMarkdownFiles(attestationsDir)) {
    const file = rel(path.join(attestationsDir, name))
    const parsed = parseContentFile(file, fs.readFileSync(path.join(attestationsDir, name), 'utf8'), attestationFrontMatterSchema)
    if (!parsed.ok) {
      problems.push(...parsed.problems)
      continue
    }
    if (`${parsed.data.version}.md` !== name) problems.push({ file, field: 'version', message: `must match the file name (${name.replace(/\.md$/, '')})` })
    const text = parsed.body.trim().replace(/\r\n/g, '\n')
    if (!text) problems.push({ file, field: '(body)', message: 'the statement itself is the body of the file, and it is empty' })
    attestations.push({ ...parsed.data, file, text, sha256: createHash('sha256').update(text).digest('hex') })
  }
  attestations.sort((a, b) => a.effective.localeCompare(b.effective) || a.version.localeCompare(b.version))
  if (attestations.length === 0)
    problems.push({ file: rel(attestationsDir), field: '(attestations)', message: 'approvals need a statement to sign: add at least one' })
  const LEVELS = ['introductory', 'advanced']
  courses.sort((a, b) => LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || a.title.localeCompare(b.title))

  // References between files.
  const courseSet = new Set(courses.map((c) => c.slug))
  const programSet = new Set(programs.map((p) => p.slug))
  for (const course of courses) {
    course.prerequisites.forEach((slug, i) => {
      if (!courseSet.has(slug)) problems.push({ file: course.file, field: `prerequisites.${i}`, message: `no course "${slug}"` })
    })
  }
  for (const program of programs) {
    program.courses.forEach((slug, i) => {
      if (!courseSet.has(slug)) problems.push({ file: program.file, field: `courses.${i}`, message: `no course "${slug}"` })
    })
    program.requires.forEach((slug, i) => {
      if (!programSet.has(slug)) problems.push({ file: program.file, field: `requires.${i}`, message: `no program "${slug}"` })
    })
  }

  if (problems.length) throw new ContentError(problems)
  const courseMap = new Map(courses.map((c) => [c.slug, c]))
  const programMap = new Map(programs.map((p) => [p.slug, p]))
  return { courses, programs, attestations, course: (slug) => courseMap.get(slug), program: (slug) => programMap.get(slug) }
}

let cached: Catalog | undefined

/** The validated curriculum, loaded once per process. */
export function getCatalog(): Catalog {
  cached ??= loadCatalog()
  return cached
}

/** Course and lesson slugs only: what the demo seed needs to mark progress. */
export function courseOutline(catalog: Catalog) {
  return catalog.courses.map((c) => ({ slug: c.slug, lessons: c.lessons.map((l) => l.slug) }))
}
