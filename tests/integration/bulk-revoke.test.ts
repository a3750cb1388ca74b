import { describe, expect, test } from 'vitest'
import { db } from '#app/db.server.ts'
import * as certificatesRoute from '#app/routes/staff.certificates._index.tsx'
import * as verifyRoute from '#app/routes/verify.$code._index.tsx'
import { generateVerificationCode } from '#app/certificates/codes.ts'
import { count, createUser, request, run, type TestUser } from '#tests/helpers.ts'

let serial = 0
async function certificate(holder: TestUser, issuer: TestUser, fields: { expires_at?: string | null; revoked_at?: string | null } = {}) {
  serial += 1
  return db
    .insertInto('certificates')
    .values({
      serial: `KAP-2001-${String(serial).padStart(6, '0')}`,
      code: generateVerificationCode(),
      user_id: holder.id,
      program_slug: 'introductory-kap',
      program_title: 'Introductory KAP',
      holder_name: holder.name,
      issued_at: new Date(Date.now() - 86_400_000).toISOString(),
      issued_by: issuer.id,
      issuer_name: issuer.name,
      requirements: '{"requirements":[]}',
      expires_at: fields.expires_at ?? null,
      revoked_at: fields.revoked_at ?? null,
    })
    .returning(['id', 'code', 'serial'])
    .executeTakeFirstOrThrow()
}

const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString()

describe('bulk revoke', () => {
  test('several certificates, one reason: each kept and marked, audited, its holder mailed; the verify page says revoked', async () => {
    const staff = await createUser(['staff'])
    const [a, b] = [await createUser(['fellow']), await createUser(['fellow'])]
    const first = await certificate(a, staff)
    const second = await certificate(b, staff)
    const outboxBefore = await count('outbox')
    const result = await run(
      certificatesRoute.action,
      await request('/staff/certificates', {
        user: staff,
        form: { intent: 'revoke-selected', selected: [String(first.id), String(second.id)], reason: 'Issued in error', showReason: 'on' },
      }),
    )
    expect(result.status).toBe(302)
    const rows = await db
      .selectFrom('certificates')
      .select(['id', 'revoked_at', 'revocation_reason', 'reason_public', 'revoked_by'])
      .where('id', 'in', [first.id, second.id])
      .execute()
    expect(rows).toHaveLength(2)
    for (const row of rows) expect(row).toMatchObject({ revocation_reason: 'Issued in error', reason_public: 1, revoked_by: staff.id })
    const audits = await db
      .selectFrom('audit_log')
      .select(['subject', 'detail'])
      .where('actor_id', '=', staff.id)
      .where('action', '=', 'certificate.revoke')
      .execute()
    expect(audits.map((r) => r.subject).sort()).toEqual([`certificate:${first.id}`, `certificate:${second.id}`].sort())
    expect(JSON.parse(audits[0]!.detail!)).toMatchObject({ reason: 'Issued in error', bulk: true })
    expect((await count('outbox')) - outboxBefore).toBe(2)
    const verify = await run(verifyRoute.loader, await request(`/verify/${first.code}`), { code: first.code })
    expect(verify.data).toMatchObject({ status: 'revoked', reason: 'Issued in error' })
  })

  test('all or nothing: one already revoked in the selection leaves every other untouched', async () => {
    const staff = await createUser(['staff'])
    const holder = await createUser(['fellow'])
    const fresh = await certificate(holder, staff)
    const gone = await certificate(holder, staff, { revoked_at: days(-1) })
    const before = { audit: await count('audit_log'), outbox: await count('outbox') }
    const result = await run(
      certificatesRoute.action,
      await request('/staff/certificates', {
        user: staff,
        form: { intent: 'revoke-selected', selected: [String(fresh.id), String(gone.id)], reason: 'Batch' },
      }),
    )
    expect(result.status).toBe(409)
    expect(result.data.errors.form).toMatch(/^Nothing was revoked\. Certificate KAP-2001-\d+ is already revoked\.$/)
    const row = await db.selectFrom('certificates').select('revoked_at').where('id', '=', fresh.id).executeTakeFirstOrThrow()
    expect(row.revoked_at).toBeNull()
    expect(await count('audit_log')).toBe(before.audit)
    expect(await count('outbox')).toBe(before.outbox)
  })

  test('a reason and at least one certificate are required', async () => {
    const staff = await createUser(['staff'])
    const holder = await createUser(['fellow'])
    const one = await certificate(holder, staff)
    const noReason = await run(
      certificatesRoute.action,
      await request('/staff/certificates', { user: staff, form: { intent: 'revoke-selected', selected: String(one.id), reason: ' ' } }),
    )
    expect(noReason.status).toBe(400)
    expect(noReason.data.errors.reason).toBe('Give the reason for revoking.')
    const none = await run(certificatesRoute.action, await request('/staff/certificates', { user: staff, form: { intent: 'revoke-selected', reason: 'x' } }))
    expect(none.data.errors.selected).toBe('Select at least one certificate.')
    const forged = await run(
      certificatesRoute.action,
      await request('/staff/certificates', { user: staff, form: { intent: 'revoke-selected', selected: '1 OR 1=1', reason: 'x' } }),
    )
    expect(forged.data.errors.selected).toBe('Reload the page and try again.')
    expect((await db.selectFrom('certificates').select('revoked_at').where('id', '=', one.id).executeTakeFirstOrThrow()).revoked_at).toBeNull()
  })

  test('the page lists valid certificates expiring within 90 days, soonest first', async () => {
    const staff = await createUser(['staff'])
    const holder = await createUser(['fellow'], { name: 'Expiring Holder' })
    const soon = await certificate(holder, staff, { expires_at: days(30) })
    const sooner = await certificate(holder, staff, { expires_at: days(10) })
    const later = await certificate(holder, staff, { expires_at: days(120) })
    const revoked = await certificate(holder, staff, { expires_at: days(20), revoked_at: days(-1) })
    const page = await run(certificatesRoute.loader, await request('/staff/certificates', { user: staff }))
    const ids = page.data.expiring.map((c: { id: number }) => c.id)
    expect(ids.indexOf(sooner.id)).toBeLessThan(ids.indexOf(soon.id))
    expect(ids).toContain(soon.id)
    expect(ids).not.toContain(later.id)
    expect(ids).not.toContain(revoked.id)
  })
})
