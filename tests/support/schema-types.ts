import path from 'node:path'
import type BetterSqlite3 from 'better-sqlite3'
import { DEFAULT_MIGRATION_LOCK_TABLE, DEFAULT_MIGRATION_TABLE } from 'kysely'
import ts from 'typescript'

// The hand-written Kysely types in db/schema.ts are only as good as their agreement with
// what the migrations actually build. This compares the two, column by column, the way a
// generator such as kysely-codegen would read the database, and says every disagreement.

type Kind = 'number' | 'string' | 'blob'

export interface DbColumn {
  name: string
  declaredType: string
  /** What SELECT can return: false only when SQLite itself guarantees a value. */
  nullable: boolean
  defaultSql: string | null
  /** INTEGER PRIMARY KEY: SQLite assigns the rowid when an insert leaves it out. */
  rowidAlias: boolean
  /** GENERATED ALWAYS AS: SQLite computes it and refuses a value for it. */
  generated: boolean
}

export interface DbTable {
  name: string
  /** Views and virtual tables report no constraints, so only names and declared types can be checked. */
  loose: boolean
  columns: DbColumn[]
}

const KYSELY_TABLES = new Set([DEFAULT_MIGRATION_TABLE, DEFAULT_MIGRATION_LOCK_TABLE])

export function introspectDatabase(sqlite: BetterSqlite3.Database): DbTable[] {
  const tables = sqlite
    .prepare(
      `select name, type, wr, strict from pragma_table_list
       where schema = 'main' and type in ('table', 'view', 'virtual') and name not like 'sqlite\\_%' escape '\\'
       order by name`,
    )
    .all() as { name: string; type: string; wr: number; strict: number }[]

  return tables
    .filter((table) => !KYSELY_TABLES.has(table.name))
    .map((table) => {
      const rows = sqlite.prepare('select * from pragma_table_xinfo(?) order by cid').all(table.name) as {
        name: string
        type: string
        notnull: number
        dflt_value: string | null
        pk: number
        hidden: number
      }[]
      // hidden = 1 marks a virtual table's hidden columns, which never appear in SELECT *.
      const visible = rows.filter((row) => row.hidden !== 1)
      const keyColumns = visible.filter((row) => row.pk > 0)
      const keyIsRowid = !table.wr && keyColumns.length === 1 && keyColumns[0]!.type.toUpperCase() === 'INTEGER'
      return {
        name: table.name,
        loose: table.type !== 'table',
        columns: visible.map((row) => {
          const rowidAlias = keyIsRowid && row.pk > 0
          // A PRIMARY KEY does not imply NOT NULL in an ordinary rowid table (an old SQLite
          // quirk kept for compatibility); it does in WITHOUT ROWID and STRICT tables.
          const keyNotNull = row.pk > 0 && (table.wr === 1 || table.strict === 1)
          return {
            name: row.name,
            declaredType: row.type,
            nullable: !(row.notnull || rowidAlias || keyNotNull),
            defaultSql: row.dflt_value,
            rowidAlias,
            generated: row.hidden === 2 || row.hidden === 3,
          }
        }),
      }
    })
}

/** SQLite's type-affinity rules (https://sqlite.org/datatype3.html, section 3.1), in their order. */
function expectedKind(declaredType: string): Kind {
  const type = declaredType.toUpperCase()
  if (type.includes('INT')) return 'number'
  if (/CHAR|CLOB|TEXT/.test(type)) return 'string'
  if (type.includes('BLOB') || type === '') return 'blob'
  return 'number'
}

const KIND_NAMES: Record<Kind, string> = {
  number: 'number (or number literals)',
  string: 'string (or string literals)',
  blob: 'Buffer or Uint8Array',
}

export interface TsColumn {
  name: string
  /** The property's type as written, for messages. */
  written: string
  select: ts.Type
  insert: ts.Type
  update: ts.Type
  optionalProperty: boolean
}

export interface TsTable {
  name: string
  interfaceName: string
  columns: TsColumn[]
}

export interface SchemaTypes {
  checker: ts.TypeChecker
  tables: TsTable[]
  /** Compiler errors in the schema file: an unresolved type reads as `any` and would hide drift. */
  errors: string[]
}

const COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  allowImportingTsExtensions: true,
  lib: ['lib.es2023.d.ts'],
  types: [],
}

// Node's types are most of the program's parse time and matter only to give a global Buffer
// (for a BLOB column) its meaning, so they are loaded only for a schema that names it.
const WITH_NODE_TYPES: ts.CompilerOptions = { ...COMPILER_OPTIONS, types: ['node'] }

// Library files parse once per process however many schemas a test file reads.
const sourceFileCache = new Map<string, ts.SourceFile | undefined>()

/**
 * Reads the `DB` interface of `file` with the type checker. `source`, when given, stands in
 * for the file's contents without touching the disk (imports still resolve from its folder).
 */
export function readSchemaTypes(file: string, { source, root = 'DB' }: { source?: string; root?: string } = {}): SchemaTypes {
  const fileName = path.resolve(file)
  const text = source ?? ts.sys.readFile(fileName)
  if (text === undefined) throw new Error(`${file}: cannot read the schema file`)
  const options = /\bBuffer\b/.test(text) ? WITH_NODE_TYPES : COMPILER_OPTIONS
  const host = ts.createCompilerHost(options)
  const { getSourceFile, fileExists, readFile } = host
  host.fileExists = (name) => path.resolve(name) === fileName || fileExists.call(host, name)
  host.readFile = (name) => (path.resolve(name) === fileName ? text : readFile.call(host, name))
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    if (path.resolve(name) === fileName) return ts.createSourceFile(name, text, languageVersion, true)
    if (!sourceFileCache.has(name)) sourceFileCache.set(name, getSourceFile.call(host, name, languageVersion, onError, shouldCreate))
    return sourceFileCache.get(name)
  }

  const program = ts.createProgram({ rootNames: [fileName], options, host })
  const checker = program.getTypeChecker()
  const sourceFile = program.getSourceFile(fileName)!

  const errors = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)].map((diagnostic) => {
    const at = diagnostic.start === undefined ? '' : `:${sourceFile.getLineAndCharacterOfPosition(diagnostic.start).line + 1}`
    return `${path.basename(fileName)}${at}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
  })

  const moduleSymbol = checker.getSymbolAtLocation(sourceFile)
  const rootSymbol = moduleSymbol && checker.getExportsOfModule(moduleSymbol).find((symbol) => symbol.name === root)
  if (!rootSymbol) throw new Error(`${file}: no exported \`${root}\` interface`)

  const tables = checker.getPropertiesOfType(checker.getDeclaredTypeOfSymbol(rootSymbol)).map((tableSymbol): TsTable => {
    const tableType = checker.getTypeOfSymbol(tableSymbol)
    return {
      name: tableSymbol.name,
      interfaceName: checker.typeToString(tableType),
      columns: checker.getPropertiesOfType(tableType).map((columnSymbol) => {
        const type = checker.getTypeOfSymbol(columnSymbol)
        const declaration = columnSymbol.valueDeclaration
        const written = declaration && ts.isPropertySignature(declaration) && declaration.type ? declaration.type.getText() : checker.typeToString(type)
        // Kysely's ColumnType<S, I, U> (and Generated<S> = ColumnType<S, S | undefined, S>)
        // is a phantom object type whose __select__/__insert__/__update__ carry the three types.
        const part = (name: string) => {
          const property = type.getProperty(name)
          return property ? checker.getTypeOfSymbol(property) : undefined
        }
        const select = part('__select__')
        return {
          name: columnSymbol.name,
          written,
          select: select ?? type,
          insert: select ? part('__insert__')! : type,
          update: select ? part('__update__')! : type,
          optionalProperty: (columnSymbol.flags & ts.SymbolFlags.Optional) !== 0,
        }
      }),
    }
  })
  return { checker, tables, errors }
}

interface TypeShape {
  null: boolean
  undefined: boolean
  never: boolean
  /** Every non-null, non-undefined member, named by what SQLite could store it as. */
  kinds: Set<string>
}

function shapeOf(type: ts.Type, checker: ts.TypeChecker): TypeShape {
  const shape: TypeShape = { null: false, undefined: false, never: (type.flags & ts.TypeFlags.Never) !== 0, kinds: new Set() }
  for (const member of type.isUnion() ? type.types : [type]) {
    const flags = member.flags
    if (flags & ts.TypeFlags.Never) continue
    else if (flags & ts.TypeFlags.Null) shape.null = true
    else if (flags & ts.TypeFlags.Undefined) shape.undefined = true
    else if (flags & ts.TypeFlags.NumberLike) shape.kinds.add('number')
    else if (flags & ts.TypeFlags.StringLike) shape.kinds.add('string')
    else if (flags & ts.TypeFlags.BooleanLike) shape.kinds.add('boolean')
    else if (flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) shape.kinds.add(checker.typeToString(member))
    else if (isBinary(member, checker)) shape.kinds.add('blob')
    else shape.kinds.add(checker.typeToString(member))
  }
  return shape
}

function isBinary(type: ts.Type, checker: ts.TypeChecker): boolean {
  const name = type.getSymbol()?.name
  if (name === 'Uint8Array' || name === 'Buffer') return true
  const target = (type as ts.TypeReference).target ?? type
  if (!(target.flags & ts.TypeFlags.Object) || !((target as ts.ObjectType).objectFlags & ts.ObjectFlags.ClassOrInterface)) return false
  return (checker.getBaseTypes(target as ts.InterfaceType) ?? []).some((base) => isBinary(base, checker))
}

function describeKinds(kinds: Set<string>) {
  const names = [...kinds].map((kind) => (kind === 'blob' ? 'Buffer/Uint8Array' : kind))
  return names.length ? names.join(' | ') : 'nothing'
}

/** `table.column: what differs`, one line per disagreement; empty when types and database agree. */
export function compareSchema(database: DbTable[], types: SchemaTypes): string[] {
  const { checker } = types
  const problems = types.errors.map((error) => `(schema file) ${error}`)
  const typeTables = new Map(types.tables.map((table) => [table.name, table]))
  const dbTables = new Map(database.map((table) => [table.name, table]))

  for (const table of database) {
    if (!typeTables.has(table.name)) problems.push(`${table.name}: table is in the database but not in the DB interface`)
  }
  for (const table of types.tables) {
    if (!dbTables.has(table.name)) problems.push(`${table.name}: in the DB interface (${table.interfaceName}) but the database has no such table`)
  }

  for (const dbTable of database) {
    const typeTable = typeTables.get(dbTable.name)
    if (!typeTable) continue
    const typeColumns = new Map(typeTable.columns.map((column) => [column.name, column]))
    const dbColumnNames = new Set(dbTable.columns.map((column) => column.name))

    for (const column of dbTable.columns) {
      const where = `${dbTable.name}.${column.name}`
      const typed = typeColumns.get(column.name)
      if (!typed) {
        problems.push(`${where}: column is in the database but not in ${typeTable.interfaceName}`)
        continue
      }
      const describe = `${typeTable.interfaceName}.${column.name} is \`${typed.written}\``
      if (typed.optionalProperty) {
        problems.push(`${where}: ${describe}, an optional property; a column an insert may leave out is written Generated<…>`)
      }

      const select = shapeOf(typed.select, checker)
      const insert = shapeOf(typed.insert, checker)
      const update = shapeOf(typed.update, checker)
      const kind = dbTable.loose && column.declaredType === '' ? undefined : expectedKind(column.declaredType)
      const sqlType = column.declaredType || '(untyped)'

      if (kind && !(select.kinds.size === 1 && select.kinds.has(kind))) {
        const hint = select.kinds.has('boolean') ? '; booleans are stored and read back as 0/1, so type them number' : ''
        problems.push(`${where}: ${sqlType} column wants ${KIND_NAMES[kind]}, but ${describe} (reads as ${describeKinds(select.kinds)})${hint}`)
      }
      if (!dbTable.loose) {
        if (column.nullable && !select.null) problems.push(`${where}: column may be NULL in the database, but ${describe}, which has no \`| null\``)
        if (!column.nullable && select.null) problems.push(`${where}: column is NOT NULL in the database, but ${describe}, which allows null`)
      }
      if (select.undefined && !typed.optionalProperty) problems.push(`${where}: ${describe}; SQLite never returns undefined`)

      // A ColumnType's insert and update types may be narrower than its select type, never a
      // different kind nor nullable where the database refuses NULL. What the select type
      // already got wrong has been said once above.
      for (const [operation, shape] of [
        ['insert', insert],
        ['update', update],
      ] as const) {
        if (shape.never) continue
        if (kind && [...shape.kinds].some((k) => k !== kind && !select.kinds.has(k))) {
          problems.push(`${where}: ${sqlType} column wants ${KIND_NAMES[kind]}, but the ${operation} type of ${describe} takes ${describeKinds(shape.kinds)}`)
        }
        if (!dbTable.loose && !column.nullable && shape.null && !select.null) {
          problems.push(`${where}: column is NOT NULL in the database, but the ${operation} type of ${describe} takes null`)
        }
      }

      if (!dbTable.loose) {
        const databaseFills = column.defaultSql !== null || column.rowidAlias || column.generated
        const insertMayOmit = insert.undefined || insert.never || typed.optionalProperty
        const why = column.generated
          ? 'it is a generated column'
          : column.rowidAlias
            ? 'it is an INTEGER PRIMARY KEY (SQLite assigns the rowid)'
            : `it has DEFAULT ${column.defaultSql}`
        if (databaseFills && !insertMayOmit) {
          problems.push(`${where}: ${why}, but ${describe}, which every insert must supply; write Generated<…>`)
        }
        if (!databaseFills && insertMayOmit) {
          problems.push(`${where}: no DEFAULT and not an INTEGER PRIMARY KEY, but ${describe}, which lets an insert leave it out as if the database filled it`)
        }
      }
    }

    for (const column of typeTable.columns) {
      if (!dbColumnNames.has(column.name)) {
        problems.push(`${dbTable.name}.${column.name}: in ${typeTable.interfaceName} but the database has no such column`)
      }
    }
  }
  return problems
}
