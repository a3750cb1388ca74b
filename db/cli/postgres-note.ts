import { redactedUrl } from '../engines/postgres.ts'

const HOW = {
  backup: 'pg_dump --format=custom --file=kap-$(date +%F).dump "$DATABASE_URL"',
  restore: 'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" kap-YYYY-MM-DD.dump',
}

/**
 * db:backup and db:restore copy the SQLite file. With DATABASE_URL set the data lives in
 * PostgreSQL, whose own tools do this job (online, consistent): say so and stop.
 */
export function refuseOnPostgres(verb: keyof typeof HOW) {
  const url = process.env.DATABASE_URL
  if (!url) return
  console.error(
    `DATABASE_URL is set, so the institute's data is in PostgreSQL (${redactedUrl(url)}), not in an SQLite file.\n` +
      `npm run db:${verb} works on the SQLite file only. Use PostgreSQL's own tool instead:\n\n  ${HOW[verb]}\n\n` +
      'See "Backups" in the README.',
  )
  process.exit(2)
}
