import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import { describe, expect, test } from 'vitest'
import { engine } from '#app/db.server.ts'
import { compareSchema, introspectDatabase, readSchemaTypes } from '#tests/support/schema-types.ts'

// A migration that drifts from db/schema.ts compiles cleanly and fails only at run time,
// on whichever query first meets the difference; this test meets it first.
const SCHEMA_FILE = path.resolve(import.meta.dirname, '../../db/schema.ts')

// Known, accepted disagreements, each spelled exactly as reported. SQLite lets a PRIMARY KEY
// that is not INTEGER hold NULL in an ordinary rowid table (several NULL keys, even), and these
// were created that way. The app never writes NULL there, so the types state the intent; the
// database will match only after a migration rebuilds the tables with NOT NULL, and then a line
// here no longer matches and fails the test until it is deleted.
const KNOWN_DRIFT = [
  'roles.name: column may be NULL in the database, but RolesTable.name is `Role`, which has no `| null`',
  'sessions.id: column may be NULL in the database, but SessionsTable.id is `string`, which has no `| null`',
]

// SQLite's affinities are what this compares; tests/integration/engines.test.ts holds PostgreSQL's schema to SQLite's.
describe.skipIf(engine.name !== 'sqlite')('db/schema.ts against the migrated database', () => {
  const sqlite = engine.name === 'sqlite' ? engine.sqlite : (null as never)
  test('every table and column agrees: names, nullability, value kind, and what an insert may leave out', () => {
    expect(compareSchema(introspectDatabase(sqlite), readSchemaTypes(SCHEMA_FILE))).toEqual(KNOWN_DRIFT)
  })

  test('a drifted copy of the real schema is caught (the check above can fail)', () => {
    const real = fs.readFileSync(SCHEMA_FILE, 'utf8')
    const drifted = real.replace(/(interface UsersTable \{[^}]*?\n\s*name: )string\n/, '$1string | null\n')
    expect(drifted, 'UsersTable.name is no longer a plain `string`: pick another column to drift').not.toBe(real)
    const problems = compareSchema(introspectDatabase(sqlite), readSchemaTypes(SCHEMA_FILE, { source: drifted }))
    expect(problems.filter((problem) => !KNOWN_DRIFT.includes(problem))).toEqual([
      'users.name: column is NOT NULL in the database, but UsersTable.name is `string | null`, which allows null',
    ])
  })
})

describe('the comparison itself', () => {
  // A small database with one of each case the real schema has, or could grow into.
  function inlineDatabase() {
    const memory = new Database(':memory:')
    memory.exec(`
      create table kysely_migration (name varchar(255) not null primary key, timestamp varchar(255) not null);
      create table kysely_migration_lock (id varchar(255) not null primary key, is_locked integer not null default 0);
      create table widgets (
        id integer primary key autoincrement,
        name text not null,
        note text,
        weight real not null,
        active integer not null default 1,
        flag integer not null,
        status text not null check (status in ('on', 'off')),
        payload blob,
        created_at text not null default (datetime('now'))
      );
      create table tags (widget_id integer not null references widgets (id), tag text not null, primary key (widget_id, tag));
      create table counters (key text primary key, n integer not null) without rowid;
      create table loose_keys (code text primary key);
    `)
    try {
      return introspectDatabase(memory)
    } finally {
      memory.close()
    }
  }

  // Virtual files placed beside db/schema.ts so `kysely` resolves as it does for the real one.
  const virtualFile = path.resolve(import.meta.dirname, '../../db/schema-types-self-test.ts')

  const MATCHING = `
    import type { ColumnType, Generated } from 'kysely'
    export type Status = 'on' | 'off'
    export interface WidgetsTable {
      id: Generated<number>
      name: string
      note: string | null
      weight: number
      active: Generated<0 | 1>
      flag: number
      status: Status
      payload: Uint8Array | null
      created_at: ColumnType<string, string | undefined, never>
    }
    export interface TagsTable { widget_id: number; tag: string }
    export interface CountersTable { key: string; n: number }
    export interface LooseKeysTable { code: string | null }
    export interface DB { widgets: WidgetsTable; tags: TagsTable; counters: CountersTable; loose_keys: LooseKeysTable }
  `

  test('a schema that matches reports nothing (literal unions, ColumnType, Uint8Array, composite and WITHOUT ROWID keys)', () => {
    expect(compareSchema(inlineDatabase(), readSchemaTypes(virtualFile, { source: MATCHING }))).toEqual([])
  })

  test('every kind of drift is reported at once, by table.column', () => {
    const drifted = `
      import type { ColumnType, Generated } from 'kysely'
      export interface WidgetsTable {
        id: number
        name: string | null
        note: string
        weight: string
        active: number
        flag: boolean
        status: 'on' | 'off'
        created_at: ColumnType<string, number | undefined, never>
        colour: string
      }
      export interface TagsTable { widget_id: number; tag: Generated<string> }
      export interface LooseKeysTable { code: string }
      export interface GadgetsTable { id: Generated<number> }
      export interface DB { widgets: WidgetsTable; tags: TagsTable; loose_keys: LooseKeysTable; gadgets: GadgetsTable }
    `
    const problems = compareSchema(inlineDatabase(), readSchemaTypes(virtualFile, { source: drifted }))
    expect(problems).toEqual([
      'counters: table is in the database but not in the DB interface',
      'gadgets: in the DB interface (GadgetsTable) but the database has no such table',
      expect.stringMatching(/^loose_keys\.code: column may be NULL in the database, but LooseKeysTable\.code is `string`/),
      expect.stringMatching(/^tags\.tag: no DEFAULT and not an INTEGER PRIMARY KEY, but TagsTable\.tag is `Generated<string>`/),
      expect.stringMatching(/^widgets\.id: it is an INTEGER PRIMARY KEY .*WidgetsTable\.id is `number`, which every insert must supply/),
      expect.stringMatching(/^widgets\.name: column is NOT NULL in the database, but WidgetsTable\.name is `string \| null`/),
      expect.stringMatching(/^widgets\.note: column may be NULL in the database, but WidgetsTable\.note is `string`/),
      expect.stringMatching(/^widgets\.weight: REAL column wants number .*WidgetsTable\.weight is `string` \(reads as string\)/),
      expect.stringMatching(/^widgets\.active: it has DEFAULT 1, but WidgetsTable\.active is `number`/),
      expect.stringMatching(/^widgets\.flag: INTEGER column wants number .*reads as boolean\).*0\/1/),
      expect.stringMatching(/^widgets\.payload: column is in the database but not in WidgetsTable$/),
      expect.stringMatching(/^widgets\.created_at: TEXT column wants string .*the insert type of WidgetsTable\.created_at .* takes number$/),
      expect.stringMatching(/^widgets\.colour: in WidgetsTable but the database has no such column$/),
    ])
  })

  test('a schema file that does not compile is reported, since its unresolved types would read as any', () => {
    const broken = `export interface DB { widgets: { id: Missing } }`
    const problems = compareSchema(inlineDatabase(), readSchemaTypes(virtualFile, { source: broken }))
    expect(problems[0]).toMatch(/^\(schema file\) schema-types-self-test\.ts:1: Cannot find name 'Missing'/)
  })
})
