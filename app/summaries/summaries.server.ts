import { audit, type AuditContext } from '#app/audit/audit.server.ts'
import type { SessionUser } from '#app/auth/session.server.ts'
import { generateVerificationCode } from '#app/certificates/codes.ts'
import { db, nowIso, writeTransaction } from '#app/db.server.ts'
import { eligibilityFor } from '#app/programs/eligibility.server.ts'
import { getCatalog } from '#app/curriculum/content.server.ts'
import { buildSummary, SUMMARY_COLUMNS, summaryRecordOf, type PracticumSummary } from './summary.ts'

export function summaryVerifyUrl(origin: string, code: string) {
  return `${origin}/verify/summary/${code}`
}

/** Builds the summary from approved records now and keeps it, with a verification code. */
export async function generateSummary(actor: SessionUser, fellowId: number, context: AuditContext) {
  const fellow = await db.selectFrom('users').select(['id', 'name']).where('id', '=', fellowId).executeTakeFirstOrThrow()
  const [records, eligibility] = await Promise.all([
    db.selectFrom('records').select(SUMMARY_COLUMNS).where('fellow_id', '=', fellowId).where('status', '=', 'approved').orderBy('occurred_on').execute(),
    eligibilityFor(fellowId),
  ])
  const generatedAt = nowIso()
  const summary = buildSummary(
    records.map(summaryRecordOf),
    eligibility.map((p) => ({
      title: p.title,
      met: p.eligible,
      requirements: p.requirements.map((r) => ({
        label: r.label,
        met: r.met,
        detail: r.met ? (r.need > 1 ? `${r.have} / ${r.need}` : 'met') : (r.missing ?? ''),
      })),
    })),
    fellow.name,
    generatedAt,
    // The statements' texts as the catalog holds them, for the versions signed (matched by hash).
    getCatalog().attestations,
  )
  const code = generateVerificationCode()
  return writeTransaction(async (trx) => {
    const { id } = await trx
      .insertInto('practicum_summaries')
      .values({ code, user_id: fellowId, generated_by: actor.id, generated_at: generatedAt, holder_name: fellow.name, content: JSON.stringify(summary) })
      .returning('id')
      .executeTakeFirstOrThrow()
    await audit(context, { actorId: actor.id, action: 'summary.generate', subject: `summary:${id}`, detail: { fellowId } }, trx)
    return { id, code }
  })
}

export async function summariesOf(fellowId: number) {
  return db
    .selectFrom('practicum_summaries')
    .select(['id', 'code', 'generated_at', 'generated_by'])
    .where('user_id', '=', fellowId)
    .orderBy('id', 'desc')
    .limit(100)
    .execute()
}

export async function summaryById(id: number) {
  return db.selectFrom('practicum_summaries').selectAll().where('id', '=', id).executeTakeFirst()
}

export async function summaryByCode(code: string) {
  return db.selectFrom('practicum_summaries').selectAll().where('code', '=', code).executeTakeFirst()
}

/** A summary is superseded once a newer one exists for the same fellow. */
export async function newerSummary(summary: { id: number; user_id: number }) {
  return db
    .selectFrom('practicum_summaries')
    .select(['id', 'generated_at'])
    .where('user_id', '=', summary.user_id)
    .where('id', '>', summary.id)
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

export function parseSummary(content: string) {
  return JSON.parse(content) as PracticumSummary
}
