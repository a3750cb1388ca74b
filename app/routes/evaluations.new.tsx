import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { redirect } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { auditContext } from '#app/audit/audit.server.ts'
import { forbidden, notFound, requireRole } from '#app/auth/guard.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { db } from '#app/db.server.ts'
import { isAssigned } from '#app/supervision/assignments.server.ts'
import { evaluationFormSchema, newEvaluationQuerySchema, ratingsFromForm, STAGE_LABELS } from '#app/supervision/evaluations.ts'
import { createEvaluation, getRubric, openEvaluation } from '#app/supervision/evaluations.server.ts'
import { RatingsForm, RubricScale } from '#app/supervision/evaluations-form.tsx'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseForm } from '#app/utils/forms.server.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `${data ? `${data.stageLabel} of ${data.fellow.name}` : 'Evaluation'} · KAP Fellowship` },
]

/** Which fellow and stage, from the query: an unknown fellow 404, a fellow not assigned to this supervisor 403 (logged). */
async function subjectOf(request: Request, user: SessionUser) {
  const query = newEvaluationQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams))
  if (!query.success) throw notFound('Open a new evaluation from the fellow’s page: it names the fellow and the stage.')
  const fellowId = Number(query.data.fellow)
  if (!(await isAssigned(user.id, fellowId))) {
    const exists = await db.selectFrom('user_roles').select('user_id').where('user_id', '=', fellowId).where('role', '=', 'fellow').executeTakeFirst()
    if (!exists) throw notFound('There is no such fellow.')
    throw await forbidden(request, user, 'supervisor not assigned to this fellow', `user:${fellowId}`)
  }
  const fellow = await db.selectFrom('users').select(['id', 'name']).where('id', '=', fellowId).executeTakeFirstOrThrow()
  return { fellow, stage: query.data.stage }
}

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireRole(request, 'supervisor')
  const { fellow, stage } = await subjectOf(request, user)
  // One unsigned evaluation per fellow and stage: a second start continues the first.
  const open = await openEvaluation(user.id, fellow.id, stage)
  if (open) throw redirect(`/evaluations/${open.id}`)
  const rubric = getRubric()
  return {
    fellow,
    stage,
    stageLabel: STAGE_LABELS[stage],
    rubric: { title: rubric.title, introHtml: rubric.introHtml, passingRating: rubric.passingRating, scale: rubric.scale, competencies: rubric.competencies },
  }
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireRole(request, 'supervisor')
  const { fellow, stage } = await subjectOf(request, user)
  const rubric = getRubric()
  const form = await parseForm(request, evaluationFormSchema(rubric))
  if (!form.ok) return invalid(form.errors, form.values)
  const result = await createEvaluation(user, fellow.id, stage, ratingsFromForm(rubric, form.data), auditContext(request))
  if (!result.ok) return invalid({ [result.field]: result.message }, form.values, 409)
  return redirectWithFlash(`/evaluations/${result.id}`, 'Saved. Read it over, then sign it below; the fellow sees it once you have signed.')
}

export default function NewEvaluationPage() {
  const { fellow, stageLabel, rubric } = useLoaderData<typeof loader>()
  return (
    <>
      <PageHeader
        title={`${stageLabel} of ${fellow.name}`}
        breadcrumbs={[
          { to: '/review', label: 'Review' },
          { to: `/review/fellows/${fellow.id}`, label: fellow.name },
        ]}
        description={rubric.title}
      />
      <div className="prose muted" dangerouslySetInnerHTML={{ __html: rubric.introHtml }} />
      <section className="card">
        <RubricScale rubric={rubric} />
      </section>
      <section className="card">
        <RatingsForm rubric={rubric} values={{}} version={0} submitLabel="Save the evaluation" />
      </section>
      <p>
        <Link to={`/review/fellows/${fellow.id}`}>Back to {fellow.name}</Link>
      </p>
    </>
  )
}
