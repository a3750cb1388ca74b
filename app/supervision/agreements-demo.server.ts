import type { Database } from '#db/connection.ts'
import type { EvaluationStage } from '#db/schema.ts'
import { agreementContentSha256, getAgreementTemplate } from './agreements-content.server.ts'
import { evaluationContentSha256, getRubric } from './evaluations-content.server.ts'
import { evaluationPasses, type Ratings } from './evaluations.ts'

// The demo's learning agreements and evaluations. Every demo pair has signed its agreement but
// Dana and Dr. Jonah Lee: Dana signed, Jonah has not yet, so Dana's dashboard shows why her
// practicum records cannot be submitted. Avery holds a passing final evaluation by Maya (the
// fellowship requires one), acknowledged with a response; Bianca's midpoint evaluation waits
// for her acknowledgement; Jonah's final evaluation of Caleb is an unsigned draft.

const DAY = 86_400_000
const at = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString()

const ANSWERS = {
  goals:
    'Lead preparation sessions on my own by the midpoint.\nSit dosing sessions with steady, non-directive presence.\nWrite integration plans within a CBT frame that clients can use.',
  meetingRhythm: 'One hour of individual supervision every week by video; group supervision on the first Monday of each month.',
  emergencyProcedure:
    'During a dosing session: call the prescriber on the clinic line first, then the supervisor on their mobile; if a client is in danger, call 911 before anyone else. Note the time of every call in the session record.',
  feedback: 'Written feedback on each record within a week; a standing ten minutes at the end of every supervision hour for the fellow’s questions.',
  otherCommitments: '',
}

function ratingsOf(ratings: number[], comment: (title: string, rating: number) => string): Ratings {
  const rubric = getRubric()
  return Object.fromEntries(
    rubric.competencies.map((c, i) => [c.key, { rating: ratings[i % ratings.length]!, comment: comment(c.title, ratings[i % ratings.length]!) }]),
  )
}

export async function seedDemoSupervision(db: Database, ids: Record<string, number>) {
  const template = getAgreementTemplate()
  const rubric = getRubric()
  const id = (email: string) => ids[email]!
  const names = new Map((await db.selectFrom('users').select(['id', 'name']).where('id', 'in', Object.values(ids)).execute()).map((u) => [u.id, u.name]))
  const maya = id('supervisor1@kap.test')
  const jonah = id('supervisor2@kap.test')

  const pairs: [string, number, 'both' | 'fellow'][] = [
    ['fellow1@kap.test', maya, 'both'],
    ['fellow1@kap.test', jonah, 'both'],
    ['fellow2@kap.test', maya, 'both'],
    ['fellow3@kap.test', jonah, 'both'],
    ['fellow4@kap.test', jonah, 'fellow'],
  ]
  for (const [email, supervisorId, signed] of pairs) {
    const fellowId = id(email)
    const row = {
      fellow_id: fellowId,
      supervisor_id: supervisorId,
      template_version: template.version,
      template_sha256: template.sha256,
      answers: JSON.stringify(ANSWERS),
    }
    const hash = agreementContentSha256(row)
    await db
      .insertInto('learning_agreements')
      .values({
        ...row,
        version: 3,
        created_at: at(120),
        updated_at: at(119),
        updated_by: fellowId,
        signed_content_sha256: hash,
        fellow_signed_name: names.get(fellowId)!,
        fellow_signed_at: at(119),
        supervisor_signed_name: signed === 'both' ? names.get(supervisorId)! : null,
        supervisor_signed_at: signed === 'both' ? at(118) : null,
      })
      .execute()
  }

  const evaluation = async (
    email: string,
    supervisorId: number,
    stage: EvaluationStage,
    ratings: Ratings,
    state: { signedDaysAgo?: number; acknowledgedDaysAgo?: number; response?: string },
  ) => {
    const row = { fellow_id: id(email), supervisor_id: supervisorId, stage, rubric_sha256: rubric.sha256, ratings: JSON.stringify(ratings) }
    const signed = state.signedDaysAgo !== undefined
    await db
      .insertInto('competency_evaluations')
      .values({
        ...row,
        rubric_version: rubric.version,
        passed: signed ? (evaluationPasses(rubric, ratings) ? 1 : 0) : null,
        version: signed ? 2 : 1,
        created_at: at((state.signedDaysAgo ?? 1) + 1),
        updated_at: at(state.acknowledgedDaysAgo ?? state.signedDaysAgo ?? 1),
        signed_name: signed ? names.get(supervisorId)! : null,
        signed_at: signed ? at(state.signedDaysAgo!) : null,
        signed_content_sha256: signed ? evaluationContentSha256(row) : null,
        acknowledged_at: state.acknowledgedDaysAgo !== undefined ? at(state.acknowledgedDaysAgo) : null,
        fellow_response: state.response ?? null,
      })
      .execute()
  }

  await evaluation(
    'fellow1@kap.test',
    maya,
    'midpoint',
    ratingsOf([3, 2, 3, 3, 2, 3], (t, r) =>
      r >= 3 ? `${t}: steady and reliable under routine supervision.` : `${t}: growing; still needs prompting on the checklist.`,
    ),
    { signedDaysAgo: 60, acknowledgedDaysAgo: 58 },
  )
  await evaluation(
    'fellow1@kap.test',
    maya,
    'final',
    ratingsOf([4, 3, 4, 4, 3, 4], (t, r) =>
      r === 4 ? `${t}: consistently independent, including in a difficult session.` : `${t}: competent and knows when to ask.`,
    ),
    { signedDaysAgo: 5, acknowledgedDaysAgo: 4, response: 'Thank you. I will keep working on the medical checklist with the prescriber at my new clinic.' },
  )
  await evaluation(
    'fellow2@kap.test',
    maya,
    'midpoint',
    ratingsOf([3, 3, 2, 2, 3, 3], (t, r) => (r >= 3 ? `${t}: on track.` : `${t}: emerging; we will focus on this before the final evaluation.`)),
    { signedDaysAgo: 3 },
  )
  await evaluation(
    'fellow3@kap.test',
    jonah,
    'final',
    ratingsOf([3, 3, 3, 2, 3, 3], (t) => `${t}: draft notes.`),
    {},
  )
}
