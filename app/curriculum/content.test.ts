import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, test } from 'vitest'
import { ContentError, loadCatalog, parseContentFile, type ContentProblem } from './content.server.ts'
import { renderMarkdown } from './markdown.server.ts'
import { courseFrontMatterSchema, lessonFrontMatterSchema } from './schemas.ts'

/** Words a reader reads: tokens with a letter or digit in them (Markdown punctuation like `#`, `|`, `-` is not a word). */
function wordCount(markdown: string) {
  return markdown.split(/\s+/).filter((token) => /[\p{L}\p{N}]/u.test(token)).length
}

describe('the real content/ tree', () => {
  const catalog = loadCatalog()

  test('loads without a single problem', () => {
    expect(() => loadCatalog()).not.toThrow()
    expect(catalog.courses.map((c) => c.slug).sort()).toEqual(['advanced-kap', 'intro-kap'])
  })

  test('both courses have at least 8 lessons, ordered 1..n, and Advanced requires Introductory', () => {
    for (const course of catalog.courses) {
      expect(course.lessons.length, course.slug).toBeGreaterThanOrEqual(8)
      expect(course.lessons.map((l) => l.order)).toEqual(course.lessons.map((_, i) => i + 1))
      expect(course.passMark).toBeGreaterThan(0)
    }
    expect(catalog.course('intro-kap')!.prerequisites).toEqual([])
    expect(catalog.course('advanced-kap')!.prerequisites).toContain('intro-kap')
  })

  test('every lesson has 3–6 questions whose answers point at real choices', () => {
    for (const lesson of catalog.courses.flatMap((c) => c.lessons)) {
      expect(lesson.questions.length, lesson.file).toBeGreaterThanOrEqual(3)
      expect(lesson.questions.length, lesson.file).toBeLessThanOrEqual(6)
      for (const q of lesson.questions) {
        const answers = Array.isArray(q.answer) ? q.answer : [q.answer]
        expect(answers.length, `${lesson.file}: ${q.prompt}`).toBeGreaterThan(0)
        for (const a of answers) expect(a, `${lesson.file}: ${q.prompt}`).toBeLessThan(q.choices.length)
        expect(q.explanation.trim(), lesson.file).not.toBe('')
      }
    }
  })

  test('every lesson body is at least 1,000 words, has a table of contents and ends with references', () => {
    for (const lesson of catalog.courses.flatMap((c) => c.lessons)) {
      const parsed = parseContentFile(lesson.file, fs.readFileSync(lesson.file, 'utf8'), lessonFrontMatterSchema)
      if (!parsed.ok) throw new Error(`${lesson.file} did not parse: ${JSON.stringify(parsed.problems)}`)
      expect(wordCount(parsed.body), lesson.file).toBeGreaterThanOrEqual(1000)
      expect(lesson.headings.filter((h) => h.depth === 2).length, lesson.file).toBeGreaterThanOrEqual(2)
      expect(
        lesson.headings.map((h) => h.text),
        lesson.file,
      ).toContain('References')
      expect(lesson.html, lesson.file).not.toMatch(/<script|javascript:|\son\w+=/i)
    }
  })

  test('the four programs exist', () => {
    expect(catalog.programs.map((p) => p.slug).sort()).toEqual(['advanced-kap', 'introductory-kap', 'kap-experiential', 'practitioner-fellowship'].sort())
    for (const slug of ['introductory-kap', 'advanced-kap', 'kap-experiential', 'practitioner-fellowship']) {
      expect(catalog.program(slug), slug).toBeDefined()
    }
    expect(catalog.program('practitioner-fellowship')!.requires.sort()).toEqual(['advanced-kap', 'introductory-kap', 'kap-experiential'])
  })
})

const QUESTION = `  - prompt: "Which is right?"
    choices: ["A", "B", "C"]
    answer: 1
    explanation: "B is right."
`
function lessonSource({ minutes = '15', questions = QUESTION.repeat(3), extra = '' } = {}) {
  return `---
title: "A lesson"
order: 1
minutes: ${minutes}
objectives:
  - "Learn something."
${extra}questions:
${questions}---

## Body

Some text.
`
}

describe('a broken front matter names the file and the field', () => {
  const FILE = 'content/courses/demo/01-broken.md'

  function problemsOf(source: string): ContentProblem[] {
    const parsed = parseContentFile(FILE, source, lessonFrontMatterSchema)
    if (parsed.ok) throw new Error('expected the file to be refused')
    return parsed.problems
  }

  test('a valid lesson parses, with the body after the front matter', () => {
    const parsed = parseContentFile(FILE, lessonSource(), lessonFrontMatterSchema)
    expect(parsed.ok).toBe(true)
    if (parsed.ok) {
      expect(parsed.data.minutes).toBe(15)
      expect(parsed.data.questions).toHaveLength(3)
      expect(parsed.body).toContain('## Body')
      expect(parsed.body).not.toContain('objectives')
    }
  })

  test('minutes given as a string', () => {
    const problems = problemsOf(lessonSource({ minutes: '"twenty"' }))
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatchObject({ file: FILE, field: 'minutes' })
    expect(problems[0]!.message).toBeTruthy()
  })

  test('an answer index beyond the choices', () => {
    const outOfRange = QUESTION.replace('answer: 1', 'answer: 3')
    const problems = problemsOf(lessonSource({ questions: outOfRange + QUESTION + QUESTION }))
    expect(problems).toEqual([{ file: FILE, field: 'questions.0.answer', message: 'refers to choice 3, but there are only 3 choices (0-based)' }])
    const inList = QUESTION.replace('answer: 1', 'answer: [0, 5]')
    expect(problemsOf(lessonSource({ questions: QUESTION + inList + QUESTION }))).toEqual([
      { file: FILE, field: 'questions.1.answer', message: 'refers to choice 5, but there are only 3 choices (0-based)' },
    ])
  })

  test('an unknown field, at the top or inside a question', () => {
    const top = problemsOf(lessonSource({ extra: 'difficulty: hard\n' }))
    expect(top).toEqual([{ file: FILE, field: '(front matter)', message: 'unknown field(s): difficulty' }])
    const inQuestion = QUESTION.replace('    explanation:', '    hint: "psst"\n    explanation:')
    const nested = problemsOf(lessonSource({ questions: QUESTION + QUESTION + inQuestion }))
    expect(nested).toEqual([{ file: FILE, field: 'questions.2', message: 'unknown field(s): hint' }])
  })

  test('every problem is reported, not just the first', () => {
    const problems = problemsOf(lessonSource({ minutes: '"x"', questions: QUESTION.replace('answer: 1', 'answer: 9') + QUESTION, extra: 'colour: red\n' }))
    const fields = problems.map((p) => p.field)
    expect(fields).toEqual(expect.arrayContaining(['minutes', 'questions.0.answer', 'questions', '(front matter)']))
    for (const p of problems) {
      expect(p.file).toBe(FILE)
      expect(p.message.length).toBeGreaterThan(0)
    }
  })

  test('a file without front matter, or with broken YAML, says so', () => {
    expect(problemsOf('# Just a heading\n')).toEqual([{ file: FILE, field: '(front matter)', message: 'the file must start with a --- fenced YAML block' }])
    const yaml = problemsOf('---\ntitle: [unclosed\n---\nbody\n')
    expect(yaml[0]).toMatchObject({ file: FILE, field: '(front matter)' })
    expect(yaml[0]!.message).toMatch(/^is not valid YAML/)
  })
})

describe('when a course reveals the correct answers', () => {
  const FILE = 'content/courses/demo/course.md'
  const course = { title: 'Demo', summary: 'A demo course.', level: 'introductory', passMark: 0.8 }
  const problems = (input: unknown) => {
    const parsed = parseContentFile(FILE, `---\n${JSON.stringify(input)}\n---\n`, courseFrontMatterSchema)
    return parsed.ok ? [] : parsed.problems
  }

  test('after 2 failed attempts unless the course says otherwise', () => {
    const parsed = parseContentFile(FILE, `---\n${JSON.stringify(course)}\n---\n`, courseFrontMatterSchema)
    expect(parsed.ok && parsed.data.revealAfterFailures).toBe(2)
    const three = parseContentFile(FILE, `---\n${JSON.stringify({ ...course, revealAfterFailures: 3 })}\n---\n`, courseFrontMatterSchema)
    expect(three.ok && three.data.revealAfterFailures).toBe(3)
  })

  test('a count that is not a whole number from 1 to 20 is refused by name', () => {
    expect(problems({ ...course, revealAfterFailures: 0 })).toEqual([{ file: FILE, field: 'revealAfterFailures', message: 'must be 1 or more' }])
    expect(problems({ ...course, revealAfterFailures: 21 })).toEqual([{ file: FILE, field: 'revealAfterFailures', message: 'must be at most 20' }])
    expect(problems({ ...course, revealAfterFailures: 1.5 })).toEqual([{ file: FILE, field: 'revealAfterFailures', message: 'must be a whole number' }])
  })
})

describe('loadCatalog on a directory with a bad lesson', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-content-'))
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

  const courseDir = path.join(root, 'courses', 'demo')
  fs.mkdirSync(courseDir, { recursive: true })
  fs.writeFileSync(
    path.join(courseDir, 'course.md'),
    '---\ntitle: Demo\nsummary: A demo course.\nlevel: introductory\nprerequisites: []\npassMark: 0.8\n---\nOverview.\n',
  )
  fs.writeFileSync(path.join(courseDir, '01-first.md'), lessonSource())
  fs.mkdirSync(path.join(root, 'attestations'))
  fs.writeFileSync(path.join(root, 'attestations', '2026-11.md'), '---\nversion: 2026-11\neffective: 2026-11-01\ntitle: Attestation\n---\nI attest.\n')

  test('a good tree loads, and one bad lesson then stops the load with its path and field', () => {
    const good = loadCatalog(root)
    expect(good.course('demo')!.lessons.map((l) => l.slug)).toEqual(['first'])

    const badFile = path.join(courseDir, '02-second.md')
    fs.writeFileSync(badFile, lessonSource({ minutes: '"a quarter hour"' }).replace('order: 1', 'order: 2'))
    let thrown: unknown
    try {
      loadCatalog(root)
    } catch (error) {
      thrown = error
    }
    expect(thrown).toBeInstanceOf(ContentError)
    const error = thrown as ContentError
    const shown = path.relative(process.cwd(), badFile)
    expect(error.message).toContain(shown)
    expect(error.message).toContain(`${shown}: minutes:`)
    expect(error.problems).toEqual([expect.objectContaining({ file: shown, field: 'minutes' })])
  })
})

describe('renderMarkdown', () => {
  test('raw HTML and dangerous links never reach the page', () => {
    const { html } = renderMarkdown(
      [
        'Intro paragraph.',
        '',
        '<script>alert(1)</script>',
        '',
        'Inline <img src=x onerror=alert(1)> image and a [click](javascript:alert(1)) link and <a href="javascript:alert(2)">raw</a>.',
        '',
        '<iframe src="https://evil.example/"></iframe>',
        '',
        '[also](JAVASCRIPT:alert(3)) <div onclick="alert(4)">div</div> <style>body{display:none}</style>',
        '',
        'Closing paragraph.',
      ].join('\n'),
    )
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/onerror/i)
    expect(html).not.toMatch(/onclick/i)
    expect(html).not.toMatch(/javascript:/i)
    expect(html).not.toMatch(/<iframe/i)
    expect(html).not.toMatch(/<style/i)
    expect(html).not.toMatch(/<img/i)
    // The harmless text around it survives.
    expect(html).toContain('<p>Intro paragraph.</p>')
    expect(html).toContain('<p>Closing paragraph.</p>')
    expect(html).toContain('click')
  })

  test('tables, footnotes and links render', () => {
    const { html } = renderMarkdown(
      [
        'See [the trial](https://example.org/trial?id=1) for details.[^1]',
        '',
        '| Route | Onset |',
        '| --- | --- |',
        '| IV | minutes |',
        '',
        '[^1]: Berman et al., 2000.',
      ].join('\n'),
    )
    expect(html).toContain('<a href="https://example.org/trial?id=1">the trial</a>')
    expect(html).toMatch(/<table>[\s\S]*<th>Route<\/th>[\s\S]*<td>IV<\/td>[\s\S]*<\/table>/)
    expect(html).toMatch(/<section[^>]*data-footnotes[^>]*>[\s\S]*Berman et al., 2000\.[\s\S]*<\/section>/)

    // The footnote call and its back-link lead somewhere: each `#target` is an id on the page.
    const ids = new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]))
    const ref = /<a href="#([^"]+)"[^>]*data-footnote-ref/.exec(html)
    const backref = /<a href="#([^"]+)"[^>]*data-footnote-backref/.exec(html)
    expect(ref, 'a footnote call').not.toBeNull()
    expect(backref, 'a back-link from the footnote').not.toBeNull()
    expect(ids).toContain(ref![1])
    expect(ids).toContain(backref![1])
  })

  test('h2 and h3 headings get ids and are returned for the table of contents', () => {
    const { html, headings } = renderMarkdown(
      ['# Title', '', '## Set and setting', '', 'Text.', '', '### The room', '', '#### Too deep', '', '## Set and setting'].join('\n'),
    )
    expect(html).toContain('<h2 id="set-and-setting">Set and setting</h2>')
    expect(html).toContain('<h3 id="the-room">The room</h3>')
    expect(headings).toEqual([
      { id: 'set-and-setting', text: 'Set and setting', depth: 2 },
      { id: 'the-room', text: 'The room', depth: 3 },
      { id: 'set-and-setting-1', text: 'Set and setting', depth: 2 },
    ])
    for (const h of headings) expect(html).toContain(`id="${h.id}"`)
  })
})

describe('the attestation statements', () => {
  test('the real one loads with the hash of its exact text', () => {
    const [statement] = loadCatalog().attestations
    expect(statement).toMatchObject({ version: '2026-11', effective: '2026-11-01' })
    expect(statement!.text).toMatch(/^I attest that I supervised the activity described in this record/)
    expect(statement!.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  test('a tree without one, or with a version that is not its file name, stops the load', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kap-content-'))
    try {
      expect(() => loadCatalog(root)).toThrow(/approvals need a statement to sign: add at least one/)
      fs.mkdirSync(path.join(root, 'attestations'))
      fs.writeFileSync(path.join(root, 'attestations', '2026-12.md'), '---\nversion: 2026-11\neffective: 2026-12-01\ntitle: Attestation\n---\nI attest.\n')
      expect(() => loadCatalog(root)).toThrow(/must match the file name \(2026-12\)/)
    } finally {
      fs.rmSync(root, { recursive: true, force: true })
    }
  })
})
