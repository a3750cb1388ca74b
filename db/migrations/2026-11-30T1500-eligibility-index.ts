import type { Kysely } from 'kysely'

// Eligibility reads every approved record of a page's people (a cohort of 50: about 1,800 rows)
// and only these columns. With them all in one index the rows come from the index alone, not
// from a table lookup each: the cohort page's largest query took half the time on the large seed.
export async function up(db: Kysely<any>) {
  await db.schema
    .createIndex('records_eligibility_facts')
    .on('records')
    .columns(['fellow_id', 'status', 'kind', 'occurred_on', 'minutes', 'approver_name', 'supervision_type', 'supervision_format', 'practicum_contact'])
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropIndex('records_eligibility_facts').execute()
}
