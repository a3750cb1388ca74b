import { z } from 'zod'

// One schema per content file kind. Messages name what is wrong in words an
// author can act on; the loader adds the file's path and the field.

const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a slug: lowercase letters, digits and hyphens')
const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)

export const courseFrontMatterSchema = z.strictObject({
  title: text(120),
  summary: text(400),
  level: z.enum(['introductory', 'advanced'], { error: 'must be "introductory" or "advanced"' }),
  prerequisites: z.array(slug).default([]),
  passMark: z.number().gt(0, 'must be above 0').max(1, 'must be a fraction, at most 1'),
  // After how many failed attempts at a lesson's check the feedback shows the correct answers (a pass always does).
  revealAfterFailures: z.number().int('must be a whole number').min(1, 'must be 1 or more').max(20, 'must be at most 20').default(2),
})

export const questionSchema = z
  .strictObject({
    prompt: text(1000),
    choices: z.array(text(500)).min(2, 'needs at least 2 choices').max(8, 'allows at most 8 choices'),
    answer: z.union([z.number().int().min(0), z.array(z.number().int().min(0)).min(1, 'lists at least one answer')]),
    explanation: text(2000),
  })
  .superRefine((q, ctx) => {
    const answers = Array.isArray(q.answer) ? q.answer : [q.answer]
    for (const a of answers) {
      if (a >= q.choices.length) {
        ctx.addIssue({ code: 'custom', path: ['answer'], message: `refers to choice ${a}, but there are only ${q.choices.length} choices (0-based)` })
      }
    }
    if (new Set(answers).size !== answers.length) ctx.addIssue({ code: 'custom', path: ['answer'], message: 'lists a choice twice' })
  })

export const lessonFrontMatterSchema = z.strictObject({
  title: text(160),
  order: z.number().int().min(1, 'must be 1 or more'),
  minutes: z.number().int().min(1).max(240),
  objectives: z.array(text(400)).min(1, 'needs at least one objective').max(10),
  questions: z.array(questionSchema).min(3, 'needs 3 to 6 questions').max(6, 'needs 3 to 6 questions'),
})

export const programFrontMatterSchema = z.strictObject({
  title: text(120),
  summary: text(400),
  order: z.number().int().min(1),
  requires: z.array(slug).default([]),
  courses: z.array(slug).default([]),
  experientialSessions: z.number().int().min(0),
  sitterSessions: z.number().int().min(0),
  practicumHours: z.number().min(0),
  supervisionHours: z.number().min(0),
  // The categories licensing boards count, each its own minimum (0: no requirement). Direct contact is part
  // of the practicum hours; individual and group supervision and consultation are parts of the supervision hours.
  directPracticumHours: z.number().min(0).default(0),
  individualSupervisionHours: z.number().min(0).default(0),
  groupSupervisionHours: z.number().min(0).default(0),
  consultationHours: z.number().min(0).default(0),
  validityMonths: z.number().int().min(1).max(240).optional(),
  // A passing final competency evaluation (content/rubrics/), signed by a supervisor, is a requirement.
  requiresFinalEvaluation: z.boolean({ error: 'must be true or false' }).default(false),
})

/** A version of the statement supervisors sign when they approve: `attestations/<version>.md`. */
export const attestationFrontMatterSchema = z.strictObject({
  version: z.string().regex(/^\d{4}-\d{2}(-\d+)?$/, 'is YYYY-MM, or YYYY-MM-N for a second version in a month'),
  effective: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'is a date, YYYY-MM-DD'),
  title: text(120),
})

export type CourseFrontMatter = z.infer<typeof courseFrontMatterSchema>
export type LessonFrontMatter = z.infer<typeof lessonFrontMatterSchema>
export type ProgramFrontMatter = z.infer<typeof programFrontMatterSchema>
export type AttestationFrontMatter = z.infer<typeof attestationFrontMatterSchema>
