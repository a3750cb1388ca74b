import type { Kysely } from 'kysely'

export async function up(db: Kysely<any>) {
  await db.schema
    .createTable('quiz_attempts')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('lesson_slug', 'text', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('passed', 'integer', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute()
  await db.schema.createIndex('quiz_attempts_user_lesson').on('quiz_attempts').columns(['user_id', 'course_slug', 'lesson_slug', 'id']).execute()

  await db.schema
    .createTable('lesson_progress')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('course_slug', 'text', (c) => c.notNull())
    .addColumn('lesson_slug', 'text', (c) => c.notNull())
    .addColumn('best_score', 'real', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('completed_at', 'text')
    .addColumn('last_attempt_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('lesson_progress_pk', ['user_id', 'course_slug', 'lesson_slug'])
    .execute()
}

export async function down(db: Kysely<any>) {
  await db.schema.dropTable('lesson_progress').execute()
  await db.schema.dropTable('quiz_attempts').execute()
}
