import type { AutoincrementOptions, SequenceOptions } from '../../schema/column.js'
import { sql } from '../../schema/sql.js'
import type { SqlType } from '../../schema/types.js'
import type { DatabaseConnection, Row } from '../dialect.js'
import {
  byQualifiedName,
  finishTable,
  indexElement,
  referentialAction,
  reflectedColumnOf,
  tableDraft,
  type AutoincrementKind,
  type ReflectedEnum,
  type ReflectedSchema,
  type ReflectedView,
  type TableDraft,
} from '../reflected-schema.js'
import type { Reflector, ReflectorResult, ResolvedReflectOptions } from '../reflector.js'
import { COLUMNS_SQL, CONSTRAINTS_SQL, ENUMS_SQL, INDEXES_SQL, RELATIONS_SQL } from './postgres-reflect-queries.js'
import { postgresTypeFromText } from './postgres-reflect-types.js'
import { isBookkeepingTable } from '../version-table-sql.js'
import type { NotCarriedFact } from '../not-carried.js'
import type { TableStorage } from '../../schema/table-storage.js'

const ACTIONS: Record<string, string> = { a: 'no action', r: 'restrict', c: 'cascade', n: 'set null', d: 'set default' }

const str = (value: unknown): string | null => (value === null || value === undefined ? null : String(value))
const bool = (value: unknown): boolean => value === true || value === 't' || value === 'true' || value === 1

/** pg parses `text[]`; some drivers hand back the literal `{a,b}`, which this reads too. */
function textArray(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => String(v))
  if (typeof value !== 'string' || value === '{}') return []
  return value
    .slice(1, -1)
    .match(/"(?:[^"\\]|\\.)*"|[^,]+/g)!
    .map((part) => (part.startsWith('"') ? part.slice(1, -1).replace(/\\(.)/g, '$1') : part))
}

/**
 * PostgreSQL (and PGlite) reflection over `pg_catalog`: one query for the
 * relations of the chosen schemas, then one each for columns, constraints,
 * indexes and enum types of the relations that passed the filters — five
 * queries however many tables there are.
 */
export const postgresReflector: Reflector = {
  dialect: 'postgres',
  async reflect(conn: DatabaseConnection, options: ResolvedReflectOptions): Promise<ReflectorResult> {
    const before = conn.statementCount
    const named = options.schemas.filter((s): s is string => s !== null)
    const wantDefault = options.schemas.includes(null)
    const relations = await conn.query(RELATIONS_SQL, [named, wantDefault])
    const defaultSchema = String(relations[0]?.default_schema ?? 'public')
    const schemaOf = (name: string): string | null => (name === defaultSchema ? null : name)
    const schemaAllowed = new Map<string, boolean>()
    const allowedSchema = (name: string): boolean => {
      if (!schemaAllowed.has(name)) schemaAllowed.set(name, options.includeName(name, 'schema', { schema: null }))
      return schemaAllowed.get(name)!
    }

    const drafts = new Map<string, TableDraft>()
    const notCarried: NotCarriedFact[] = []
    const views: ReflectedView[] = []
    for (const row of relations) {
      if (row.oid === null || row.oid === undefined) continue
      const rawSchema = String(row.schema)
      if (!allowedSchema(rawSchema)) continue
      const schema = schemaOf(rawSchema)
      const name = String(row.name)
      const relkind = String(row.relkind)
      if (relkind === 'v' || relkind === 'm') {
        if (options.includeName(name, 'view', { schema })) views.push({ schema, name, materialized: relkind === 'm' })
        continue
      }
      if (isBookkeepingTable(name, options.versionTable) || !options.includeName(name, 'table', { schema })) continue
      const draft = tableDraft(name, schema, str(row.comment))
      draft.storage = storageOf(row, schemaOf)
      const inherited = bool(row.is_partition) ? [] : textArray(row.parents)
      if (inherited.length > 0) notCarried.push({ table: name, schema, fact: `INHERITS (${inherited.join(', ')})` })
      drafts.set(String(row.oid), draft)
    }

    const oids = [...drafts.keys()]
    const enumRows = await conn.query(ENUMS_SQL, [named, wantDefault, oids])
    const enumsByOid = new Map<string, ReflectedEnum>()
    const enums: ReflectedEnum[] = []
    for (const row of enumRows) {
      const reflected: ReflectedEnum = Object.freeze({ schema: schemaOf(String(row.schema)), name: String(row.name), values: Object.freeze(textArray(row.labels)) })
      enumsByOid.set(String(row.oid), reflected)
      const inChosenSchema = named.includes(String(row.schema)) || (wantDefault && reflected.schema === null)
      if (inChosenSchema && allowedSchema(String(row.schema)) && options.includeName(reflected.name, 'enum', { schema: reflected.schema })) enums.push(reflected)
    }

    const columnNames = readColumns(await conn.query(COLUMNS_SQL, [oids]), drafts, enumsByOid)
    readConstraints(await conn.query(CONSTRAINTS_SQL, [oids]), drafts, schemaOf)
    readIndexes(await conn.query(INDEXES_SQL, [oids]), drafts, columnNames)

    return Object.freeze({
      dialect: 'postgres' as const,
      defaultSchema,
      tables: Object.freeze([...drafts.values()].sort(byQualifiedName).map(finishTable)),
      enums: Object.freeze(enums.sort(byQualifiedName)),
      views: Object.freeze(views.sort(byQualifiedName)),
      notCarried: Object.freeze(notCarried),
      queryCount: conn.statementCount - before,
    })
  },
}

/** A relation row's storage: persistence, `WITH (…)` parameters, partition key, partition parent and bound. */
function storageOf(row: Row, schemaOf: (name: string) => string | null): TableStorage {
  const parameters = Object.fromEntries(
    textArray(row.parameters).map((entry) => {
      const at = entry.indexOf('=')
      return [entry.slice(0, at), entry.slice(at + 1)]
    }),
  )
  const parent = bool(row.is_partition) ? textArray(row.parents)[0] : undefined
  const dot = parent?.indexOf('.') ?? -1
  return {
    ...(row.persistence === 'u' ? { unlogged: true } : {}),
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    ...(str(row.partition_by) ? { partitionBy: str(row.partition_by)! } : {}),
    ...(parent !== undefined ? { partitionOf: { schema: schemaOf(parent.slice(0, dot)), table: parent.slice(dot + 1), bound: str(row.partition_bound) ?? 'DEFAULT' } } : {}),
  }
}

function columnType(row: Row, enumsByOid: Map<string, ReflectedEnum>): SqlType {
  const nativeType = String(row.native_type)
  const enumType = enumsByOid.get(String(row.base_type_oid))
  if (enumType === undefined) return postgresTypeFromText(nativeType)
  const base: SqlType = { kind: 'enum', name: enumType.name, values: [...enumType.values] }
  return bool(row.is_array) ? { kind: 'array', of: base } : base
}

const TYPE_RANGES: Record<string, readonly [bigint, bigint]> = {
  smallint: [-32768n, 32767n],
  integer: [-2147483648n, 2147483647n],
  bigint: [-9223372036854775808n, 9223372036854775807n],
}

/** A sequence value as a number when it is exact as one, else a bigint. */
function sequenceValue(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value
}

/**
 * The options of a column's owned sequence that differ from what the
 * database would choose for that column's type (start at the minimum,
 * increment 1, the type's range, cache 1, no cycle).
 */
function ownedSequenceOptions(row: Row, typeName: string): SequenceOptions {
  if (row.seq_increment === null || row.seq_increment === undefined) return {}
  const seqType = String(row.seq_type ?? typeName)
  const range = TYPE_RANGES[seqType] ?? TYPE_RANGES.bigint!
  const increment = BigInt(String(row.seq_increment))
  const min = BigInt(String(row.seq_min))
  const max = BigInt(String(row.seq_max))
  const start = BigInt(String(row.seq_start))
  const cache = BigInt(String(row.seq_cache))
  const ascending = increment > 0n
  const defaultMin = ascending ? 1n : range[0]
  const defaultMax = ascending ? range[1] : -1n
  const options: { -readonly [K in keyof SequenceOptions]: SequenceOptions[K] } = {}
  if (seqType !== typeName && (seqType === 'smallint' || seqType === 'integer' || seqType === 'bigint')) options.dataType = seqType
  if (increment !== 1n) options.increment = sequenceValue(increment)
  if (min !== defaultMin) options.minValue = sequenceValue(min)
  if (max !== defaultMax) options.maxValue = sequenceValue(max)
  if (start !== (ascending ? min : max)) options.start = sequenceValue(start)
  if (cache !== 1n) options.cache = sequenceValue(cache)
  if (bool(row.seq_cycle)) options.cycle = true
  return options
}

/** The vocabulary's statement of how an autoincrement column generates values; null for a plain identity BY DEFAULT. */
function autoincrementOptionsOf(kind: AutoincrementKind | null, row: Row, type: SqlType): AutoincrementOptions | null {
  if (kind === null) return null
  const options: AutoincrementOptions = {
    ...(kind === 'serial' ? { as: 'serial' as const } : kind === 'identityAlways' ? { as: 'identityAlways' as const } : {}),
    ...ownedSequenceOptions(row, type.kind),
  }
  return Object.keys(options).length === 0 ? null : Object.freeze(options)
}

function autoincrementOf(row: Row): { kind: AutoincrementKind | null; sequence: string | null; dropDefault: boolean } {
  const identity = str(row.identity) ?? ''
  const sequence = str(row.owned_sequence)
  if (identity === 'a') return { kind: 'identityAlways', sequence, dropDefault: false }
  if (identity === 'd') return { kind: 'identityByDefault', sequence, dropDefault: false }
  const fallback = str(row.default_expr) ?? ''
  // A serial: its default draws from a sequence the column owns. The default is
  // the serial's mechanism, not something a model states, so it is not reported.
  if (sequence !== null && fallback.startsWith('nextval(')) return { kind: 'serial', sequence, dropDefault: true }
  return { kind: null, sequence: null, dropDefault: false }
}

/** Fills each draft's columns; returns column names by table oid and attnum for the index query. */
function readColumns(rows: Row[], drafts: Map<string, TableDraft>, enumsByOid: Map<string, ReflectedEnum>): Map<string, Map<number, string>> {
  const names = new Map<string, Map<number, string>>()
  for (const row of rows) {
    const oid = String(row.oid)
    const draft = drafts.get(oid)
    if (!draft) continue
    const auto = autoincrementOf(row)
    const generatedKind = str(row.generated) ?? ''
    const expression = str(row.default_expr)
    const generated = generatedKind === 's' && expression !== null ? { expression, stored: true } : null
    const name = String(row.name)
    const type = columnType(row, enumsByOid)
    draft.columns.push(
      reflectedColumnOf(draft, {
        name,
        type,
        autoincrementOptions: autoincrementOptionsOf(auto.kind, row, type),
        nativeType: String(row.native_type),
        nullable: !bool(row.not_null),
        serverDefault: auto.dropDefault || generated ? null : expression,
        comment: str(row.comment),
        autoincrementKind: auto.kind,
        sequence: auto.sequence,
        generated,
        collation: str(row.collation),
      }),
    )
    if (!names.has(oid)) names.set(oid, new Map())
    names.get(oid)!.set(Number(row.num), name)
  }
  return names
}

function readConstraints(rows: Row[], drafts: Map<string, TableDraft>, schemaOf: (name: string) => string | null): void {
  for (const row of rows) {
    const draft = drafts.get(String(row.oid))
    if (!draft) continue
    const name = String(row.name)
    const columns = Object.freeze(textArray(row.columns))
    switch (row.type) {
      case 'p':
        draft.primaryKey = Object.freeze({ kind: 'primaryKey', name, columns })
        break
      case 'u':
        draft.uniques.push(Object.freeze({ kind: 'unique', name, columns }))
        break
      case 'x':
        draft.exclusions.push(Object.freeze({ kind: 'exclude', name, definition: sql.raw(String(row.definition).replace(/^EXCLUDE\s+/, '')) }))
        break
      case 'c':
        draft.checks.push(Object.freeze({ kind: 'check', name, expression: sql.raw(String(row.check_expr)), notValid: !bool(row.validated) }))
        break
      case 'f': {
        const match = str(row.match)
        draft.foreignKeys.push(
          Object.freeze({
            kind: 'foreignKey',
            name,
            columns,
            referredSchema: schemaOf(String(row.referred_schema)),
            referredTable: String(row.referred_table),
            referredColumns: Object.freeze(textArray(row.referred_columns)),
            onDelete: referentialAction(ACTIONS[String(row.on_delete)]),
            onUpdate: referentialAction(ACTIONS[String(row.on_update)]),
            deferrable: bool(row.deferrable) ? (bool(row.deferred) ? 'initiallyDeferred' : true) : false,
            notValid: !bool(row.validated),
            match: match === 'f' ? 'full' : match === 'p' ? 'partial' : null,
          }),
        )
        break
      }
    }
  }
}

function sortOrder(option: number): string | null {
  const desc = (option & 1) !== 0
  const nullsFirst = (option & 2) !== 0
  if (desc) return nullsFirst ? 'DESC' : 'DESC NULLS LAST'
  return nullsFirst ? 'NULLS FIRST' : null
}

function readIndexes(rows: Row[], drafts: Map<string, TableDraft>, columnNames: Map<string, Map<number, string>>): void {
  for (const row of rows) {
    const oid = String(row.oid)
    const draft = drafts.get(oid)
    if (!draft) continue
    const elements = textArray(row.elements)
    const keys = textArray(row.keys).map(Number)
    const keyCount = Number(row.key_count)
    const names = columnNames.get(oid) ?? new Map<number, string>()
    const columnAt = (i: number): string | null => (keys[i] === 0 ? null : names.get(keys[i]!) ?? null)
    const keyIndexes = [...Array(keyCount).keys()]
    const predicate = str(row.predicate)
    const canOrder = bool(row.can_order)
    const opclasses = textArray(row.opclasses)
    const options = textArray(row.options).map(Number)
    draft.indexes.push(
      Object.freeze({
        kind: 'index' as const,
        name: String(row.name),
        table: draft.name,
        schema: draft.schema,
        expressions: Object.freeze(keyIndexes.map((i) => indexElement(columnAt(i), elements[i]!))),
        unique: bool(row.is_unique),
        where: predicate === null ? null : sql.raw(predicate),
        method: str(row.method),
        opclasses: Object.freeze(keyIndexes.map((i) => opclasses[i] || null)),
        sortOrders: Object.freeze(keyIndexes.map((i) => (canOrder ? sortOrder(options[i] ?? 0) : null))),
        include: Object.freeze(elements.slice(keyCount).map((text, j) => columnAt(keyCount + j) ?? text)),
        ...(bool(row.nulls_not_distinct) ? { nullsNotDistinct: true } : {}),
        comment: str(row.comment),
      }),
    )
  }
}
