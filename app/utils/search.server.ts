import { sql } from 'kysely'

/** `%text%` for LIKE, with the wildcards and the escape character someone might type taken literally. */
export function containsPattern(text: string) {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
}

/**
 * `column LIKE pattern`, blind to case on both engines: lower() on both sides, since LIKE
 * ignores case in SQLite but not in PostgreSQL. `pattern` comes from containsPattern.
 */
export function likeIgnoringCase(column: string, pattern: string) {
  return sql<boolean>`lower(${sql.ref(column)}) like lower(${pattern}) escape '\\'`
}
