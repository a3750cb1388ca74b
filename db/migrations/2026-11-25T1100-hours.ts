import { sql, type Kysely } from 'kysely'
import { makeAppendOnly } from '../connection.ts'

export async function up(db: Kysely<any>) {
  // A supervisor's license, snapshotted onto each record they approve.
  await db.schema.alterTable('users').addColumn('license_type', 'text').execute()
  await db.schema.alterTable('users').addColumn('license_number', 'text').execute()
  await db.schema.alterTable('users').addColumn('license_state', 'text').execute()

  await db.schema
    .createTable('supervisor_assignments')
    .addColumn('fellow_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('supervisor_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('assigned_at', 'text', (c) => c.notNull())
    .addColumn('assigned_by', 'integer', (c) => c.references('users.id'))
    .addPrimaryKeyConstraint('supervisor_assignments_pk', ['fellow_id', 'supervisor_id'])
    .execute()
  await db.schema.createIndex('supervisor_assignments_supervisor').on('supervisor_assignments').columns(['supervisor_id', 'fellow_id']).execute()

  await db.schema
    .createTable('medical_clearances')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('fellow_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('granted_on', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('clinician', 'text', (c) => c.notNull())
    .addColumn('recorded_by', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .addColumn('ended_on', 'text')
    .addColumn('ended_by', 'integer', (c) => c.references('users.id'))
    .addColumn('end_reason', 'text')
    .execute()
  await db.schema.createIndex('medical_clearances_fellow').on('medical_clearances').columns(['fellow_id', 'granted_on']).execute()

  await db.schema
    .createTable('records')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('fellow_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('experiential', 'sitter', 'practicum', 'supervision')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('draft', 'submitted', 'approved', 'returned')`))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('occurred_on', 'text', (c) => c.notNull())
    .addColumn('minutes', 'integer', (c) => c.notNull().check(sql`minutes between 15 and 600`))
    .addColumn('setting', 'text', (c) => c.notNull().check(sql`setting in ('in_person', 'virtual')`))
    // experiential
    .addColumn('route', 'text')
    .addColumn('medical_team', 'text')
    .addColumn('preparation_notes', 'text')
    .addColumn('integration_notes', 'text')
    // sitter
    .addColumn('participant_code', 'text')
    .addColumn('sitter_role', 'text')
    // practicum
    .addColumn('phase', 'text')
    .addColumn('client_code', 'text')
    // supervision
    .addColumn('supervision_format', 'text')
    .addColumn('supervisor_name', 'text')
    // any kind
    .addColumn('notes', 'text')
    // workflow
    .addColumn('submitted_at', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('return_comment', 'text')
    .addColumn('approver_name', 'text')
    .addColumn('approver_license_type', 'text')
    .addColumn('approver_license_number', 'text')
    .addColumn('approver_license_state', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('records_fellow_date').on('records').columns(['fellow_id', 'occurred_on', 'id']).execute()
  await db.schema.createIndex('records_fellow_status').on('records').columns(['fellow_id', 'status', 'submitted_at']).execute()
  await db.schema.createIndex('records_fellow_kind_status').on('records').columns(['fellow_id', 'kind', 'status']).execute()
  await db.schema.createIndex('records_decided_by').on('records').columns(['decided_by', 'decided_at']).execute()

  await db.schema
    .createTable('record_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('record_id', 'integer', (c) => c.notNull().references('records.id'))
    .addColumn('actor_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('record_events_record').on('record_events').columns(['record_id', 'id']).execute()

  // The trail nobody can rewrite: the database refuses UPDATE and DELETE on it.
  await makeAppendOnly(db, 'record_events')
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('record_events').execute()
  await db.schema.dropTable('records').execute()
  await db.schema.dropTable('medical_clearances').execute()
  await db.schema.dropTable('supervisor_assignments').execute()
  for (const column of ['license_state', 'license_number', 'license_type']) {
    await db.schema.alterTable('users').dropColumn(column).execute()
  }
}
