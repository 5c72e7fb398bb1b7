/**
 * `op.createTable(…)` with its columns, table options and constraints, then
 * one `op.createIndex` per index: how Alembic writes a new table too.
 */
import type { CreateTableOp } from '../operations/ops/table-ops.js'
import type { Index } from '../schema/constraints.js'
import { constraintArgs, foreignKeyOptions, indexParts, nameArg, opCall, opCallOpening, optionsArg, schemaEntry, type Tracker } from './render-calls.js'
import { renderColumn, renderFragment, renderKey, renderOptions, renderString, renderValue } from './render-values.js'
import type { TableStorage } from '../schema/table-storage.js'

/** Options of the code renderer. */
export interface RenderOpOptions {
  /** Primary key names the database picks itself (`users_pkey`, `PRIMARY`) are left out when this says so. */
  readonly isDefaultPrimaryKeyName?: (table: string, name: string) => boolean
}

/**
 * The statements that create `op.table`.
 *
 * @example
 * renderCreateTable(new CreateTableOp(users), {}, tracker(imports)) // ["await op.createTable('users', {", …]
 */
export function renderCreateTable(op: CreateTableOp, options: RenderOpOptions, r: Tracker): string[] {
  const table = op.table
  const lines = [opCallOpening('createTable', [renderString(table.name)], '{')]
  // A partition's columns are its parent's: the database copies them, so the call states none.
  const columns = table.storage.partitionOf === undefined ? table.columnList : []
  for (const column of columns) lines.push(`  ${renderKey(column.name)}: ${r.scan(renderColumn(column))},`)
  const specs: string[] = []
  const pk = table.primaryKey
  const pkName = pk?.name && !options.isDefaultPrimaryKeyName?.(table.name, pk.name) ? pk.name : null
  // The columns' own `.primaryKey()` make a key in column order; any other order, or a name, needs the table-level form.
  const flagged = table.columnList.filter((c) => c.primaryKey).map((c) => c.name)
  if (pk && (pkName !== null || JSON.stringify(flagged) !== JSON.stringify(pk.columns))) {
    specs.push(r.use('primaryKey', `primaryKey(${pkName === null ? '' : renderString(pkName)}).on(${pk.columns.map(renderString).join(', ')})`))
  }
  for (const c of table.constraints) {
    if (c.kind === 'unique') specs.push(r.use('unique', `unique(${c.name === null ? '' : renderString(c.name)}).on(${c.columns.map(renderString).join(', ')})`))
    else if (c.kind === 'check') specs.push(r.use('check', `check(${nameArg(c.name)}, ${r.scan(renderFragment(c.expression))})`))
    else if (c.kind === 'exclude') specs.push(r.use('exclude', `exclude(${nameArg(c.name)}, ${r.scan(renderFragment(c.definition))})`))
    else {
      const target = c.referredSchema ? `${c.referredSchema}.${c.referredTable}` : c.referredTable
      const fkOptions = optionsArg(foreignKeyOptions(c))
      specs.push(
        r.use(
          'foreignKey',
          `foreignKey(${c.name === null ? '' : renderString(c.name)}).on(${c.columns.map(renderString).join(', ')}).references(${renderString(target)}, ${renderValue([...c.referredColumns])}${fkOptions ? `, ${fkOptions}` : ''})`,
        ),
      )
    }
  }
  const tableOptions = [
    ...schemaEntry(table),
    ...(table.comment ? [`comment: ${renderString(table.comment)}`] : []),
    ...(Object.keys(table.storage).length > 0 ? [`storage: ${renderStorage(table.storage)}`] : []),
    ...(op.options.ifNotExists ? ['ifNotExists: true'] : []),
  ]
  if (specs.length === 0 && tableOptions.length === 0) {
    lines.push('})')
  } else {
    lines.push('}, {')
    for (const option of tableOptions) lines.push(`  ${option},`)
    if (specs.length > 0) {
      lines.push('  constraints: () => [')
      for (const spec of specs) lines.push(`    ${spec},`)
      lines.push('  ],')
    }
    lines.push('})')
  }
  for (const index of table.indexes) lines.push(renderCreateIndex({ ...index, schema: table.schema }, [], r))
  return lines
}

/**
 * A table's storage as an options object, nested objects included.
 *
 * @example
 * renderStorage({ unlogged: true, parameters: { fillfactor: '50' } }) // "{ unlogged: true, parameters: { fillfactor: '50' } }"
 */
export function renderStorage(storage: TableStorage): string {
  const entries = Object.entries(storage).map(([key, value]) => `${renderKey(key)}: ${typeof value === 'object' ? renderOptions(value) : renderValue(value)}`)
  return `{ ${entries.join(', ')} }`
}

/** `await op.createIndex(name, table, [columns], { … })`, with `flags` (ifNotExists, concurrently) among the options. */
export function renderCreateIndex(index: Index, flags: readonly string[], r: Tracker): string {
  const { columns, options } = indexParts(index, r)
  const at = { name: index.table, schema: index.schema }
  return opCall('createIndex', [renderString(index.name), renderString(index.table), columns, optionsArg([...options, ...flags, ...schemaEntry(at)])])
}

/** The `create*` call of a constraint added to an existing table (`op.createUniqueConstraint`, …). */
export function renderAddConstraint(
  table: { name: string; schema: string | null },
  c: Parameters<typeof constraintArgs>[0],
  r: Tracker,
  flags: readonly string[] = [],
): string {
  const head = [nameArg(c.name), renderString(table.name), ...constraintArgs(c, r)]
  switch (c.kind) {
    case 'unique':
      return opCall('createUniqueConstraint', [...head, optionsArg(schemaEntry(table))])
    case 'primaryKey':
      return opCall('createPrimaryKey', [...head, optionsArg(schemaEntry(table))])
    case 'check':
      return opCall('createCheckConstraint', [...head, optionsArg([...flags, ...schemaEntry(table)])])
    case 'exclude':
      return opCall('createExcludeConstraint', [...head, optionsArg(schemaEntry(table))])
    case 'foreignKey':
      return opCall('createForeignKey', [
        ...head,
        optionsArg([
          ...foreignKeyOptions(c),
          ...flags,
          ...(table.schema ? [`sourceSchema: ${renderString(table.schema)}`] : []),
          ...(c.referredSchema ? [`referentSchema: ${renderString(c.referredSchema)}`] : []),
        ]),
      ])
  }
}
