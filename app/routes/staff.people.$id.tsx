import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import type { z } from 'zod'
import { auditContext, type AuditContext } from '#app/audit/audit.server.ts'
import { notFound, requirePermission } from '#app/auth/guard.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { issueCertificate } from '#app/certificates/certificates.server.ts'
import { FormError } from '#app/components/forms.tsx'
import { LicenseProofCard } from '#app/documents/components.tsx'
import { personDocuments, readUpload, type Upload } from '#app/documents/documents.server.ts'
import { PageHeader } from '#app/components/page-header.tsx'
import { addCohortMember, removeCohortMember } from '#app/staff/cohorts.server.ts'
import type { IntentResult } from '#app/staff/intent-form.ts'
import { endClearance, getPerson, recordClearance, setActive, setRoles } from '#app/staff/people.server.ts'
import {
  AccountCard,
  ClearancesCard,
  CohortsCard,
  CourseProgressCard,
  HoursProgressCard,
  RolesCard,
  SupervisedFellowsCard,
  SupervisorsCard,
} from '#app/staff/person-cards.tsx'
import { personPage } from '#app/staff/person-page.server.ts'
import { ProgramsCard } from '#app/staff/programs-card.tsx'
import { personPageFormSchemaIn } from '#app/staff/schemas.ts'
import { timeZoneOf } from '#app/utils/time-zone.server.ts'
import { SupervisionCard } from '#app/supervision/agreements-card.tsx'
import { supervisionOf } from '#app/supervision/agreements.server.ts'
import { assignSupervisor, unassignSupervisor } from '#app/supervision/assignments.server.ts'
import { LicenseCard } from '#app/supervision/license-card.tsx'
import { checkLicense } from '#app/supervision/license.server.ts'
import { redirectWithFlash } from '#app/utils/flash.server.ts'
import { invalid, parseFormData, readFormData } from '#app/utils/forms.server.ts'
import { positiveId } from '#app/utils/ids.ts'
import type { Failure } from '#app/utils/result.ts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.person.name ?? 'Person'} · People · KAP Fellowship` }]

const NO_SUCH_PERSON = 'There is no such person.'

async function requirePerson(idParam: string | undefined) {
  const id = positiveId(idParam)
  const person = id ? await getPerson(id) : null
  if (!person) throw notFound(NO_SUCH_PERSON)
  return person
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const staff = await requirePermission(request, 'people:manage:any')
  const id = positiveId(params.id)
  const page = id ? await personPage(id) : null
  if (!page) throw notFound(NO_SUCH_PERSON)
  const [documents, supervision] = await Promise.all([personDocuments(page.person), page.isFellow ? supervisionOf(page.person.id, staff) : null])
  return { ...page, documents, supervision }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const staff = await requirePermission(request, 'people:manage:any')
  const person = await requirePerson(params.id)
  const form = parseFormData(await readFormData(request), personPageFormSchemaIn(timeZoneOf(staff)))
  if (!form.ok) {
    // One intent that no form of the page posts: no form is there to show the error, so
    // the page as a whole says it. Several intents at once stay a refused field.
    if (form.errors.intent && !Array.isArray(form.values.intent)) return invalid({ form: form.errors.intent })
    return invalid(form.errors, form.values)
  }
  // A clearance's letter is read and checked before anything is written: a file that is not a
  // PDF, PNG or JPEG (by its bytes) is refused beside its field, and nothing is stored.
  const letter = form.data.intent === 'clearance' && form.data.letter ? await readUpload(form.data.letter) : undefined
  if (letter && !letter.ok) return invalid({ letter: letter.message }, form.values)
  const outcome = await perform(staff, person.id, form.data, auditContext(request), letter?.upload)
  // The echoed values carry the intent, so only the form that was sent shows the refusal.
  // The person is the page itself, so a refusal about them (`userId`) is for the whole page.
  if (!outcome.ok) return invalid({ [outcome.field === 'userId' ? 'form' : outcome.field]: outcome.message }, form.values, 409)
  return redirectWithFlash(outcome.to ?? `/staff/people/${person.id}`, outcome.message)
}

type Outcome = { ok: true; message: string; to?: string } | Failure

async function saying(message: string, pending: Promise<{ ok: true } | Failure>): Promise<Outcome> {
  const result = await pending
  return result.ok ? { ok: true, message } : result
}

// No default branch: a form added to the schema without a case here does not compile.
async function perform(
  staff: SessionUser,
  personId: number,
  form: z.output<ReturnType<typeof personPageFormSchemaIn>>,
  context: AuditContext,
  upload?: Upload,
): Promise<Outcome> {
  switch (form.intent) {
    case 'roles':
      return saying('Roles saved.', setRoles(staff, personId, form.roles, context))
    case 'deactivate':
      return saying('Account deactivated; every session of it has ended. Records are kept.', setActive(staff, personId, false, context))
    case 'reactivate':
      return saying('Account reactivated.', setActive(staff, personId, true, context))
    case 'assign':
      return saying('Supervisor assigned.', assignSupervisor(staff, personId, form.supervisorId, context))
    case 'unassign':
      return saying('Supervisor unassigned. Their past decisions stay on the records.', unassignSupervisor(staff, personId, form.supervisorId, context))
    case 'clearance': {
      const { grantedOn, expiresOn, clinician } = form
      return saying(
        upload ? 'Medical clearance recorded with its letter.' : 'Medical clearance recorded.',
        recordClearance(staff, personId, { grantedOn, expiresOn, clinician }, context, upload),
      )
    }
    case 'end-clearance':
      return saying('Clearance ended as of today.', endClearance(staff, personId, form.clearanceId, form.reason, context))
    case 'join-cohort':
      return saying('Added to the cohort.', addCohortMember(staff, form.cohortId, personId, context))
    case 'leave-cohort':
      return saying('Removed from the cohort.', removeCohortMember(staff, form.cohortId, personId, context))
    case 'verify-license':
      return saying(
        'License verified: this supervisor can approve records until it expires.',
        checkLicense(staff.id, personId, { status: 'verified', note: form.note }, context),
      )
    case 'lapse-license':
      return saying(
        'License marked lapsed: this supervisor cannot approve records until it is verified again.',
        checkLicense(staff.id, personId, { status: 'lapsed', note: form.note }, context),
      )
    case 'issue': {
      const issued = await issueCertificate(staff, personId, form.program, context)
      return issued.ok ? { ok: true, message: `Certificate ${issued.serial} issued.`, to: `/staff/certificates/${issued.id}` } : issued
    }
  }
}

export default function PersonPage() {
  const data = useLoaderData<typeof loader>()
  const actionData = useActionData<IntentResult>()
  const { person, isFellow } = data
  return (
    <>
      <PageHeader
        title={person.name}
        breadcrumbs={[
          { to: '/staff', label: 'Staff' },
          { to: '/staff/people', label: 'People' },
        ]}
        description={
          <>
            {person.email} · {person.roles.join(', ')} ·{' '}
            {person.active ? <span className="badge approved">active</span> : <span className="badge inactive">deactivated</span>}
          </>
        }
        actions={
          isFellow ? (
            <div className="row">
              <Link className="button secondary" to={`/review/fellows/${person.id}`}>
                See their records
              </Link>
              <Link className="button secondary" to={`/summaries?fellow=${person.id}`}>
                Practicum summaries
              </Link>
            </div>
          ) : null
        }
      />
      <FormError error={actionData?.errors?.form} />
      <div className="columns">
        <RolesCard roles={person.roles} />
        <AccountCard active={person.active === 1} />
      </div>
      {isFellow ? (
        <div className="columns">
          <SupervisorsCard supervisors={data.supervisors} options={data.supervisorOptions} />
          <ClearancesCard clearances={data.clearances} letters={data.documents.letters} />
        </div>
      ) : null}
      {data.supervision ? <SupervisionCard fellowId={person.id} {...data.supervision} canEvaluate={false} /> : null}
      {data.license ? <LicenseCard license={data.license} /> : null}
      {person.roles.includes('supervisor') ? <LicenseProofCard proofs={data.documents.licenseProofs} /> : null}
      {data.fellows.length ? <SupervisedFellowsCard fellows={data.fellows} /> : null}
      <div className="columns">
        <CourseProgressCard courses={data.courses} />
        {isFellow ? <HoursProgressCard tally={data.tally} targets={data.targets} /> : null}
      </div>
      {data.isLearner || data.cohorts.length ? <CohortsCard cohorts={data.cohorts} options={data.cohortOptions} /> : null}
      <ProgramsCard programs={data.programs} certificates={data.certificates} />
    </>
  )
}
