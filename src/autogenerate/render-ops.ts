/**
 * Ops written as `op.*` calls of the public API, one statement each (a new
 * table is its `createTable` followed by its `createIndex` calls).
 */
import type { TableName } from '../dialect/ddl-compiler.js'
import { BatchAlterTableOp } from '../operations/ops/batch-ops.js'
import { AddColumnOp, AlterColumnOp, DropColumnOp } from '../operations/ops/column-ops.js'
import { AddConstraintOp, DropConstraintOp } from '../operations/ops/constraint-ops.js'
import { AddEnumValueOp, CreateEnumOp, DropEnumOp } from '../operations/ops/enum-ops.js'
import { CreateIndexOp, DropIndexOp } from '../operations/ops/index-ops.js'
import type { MigrateOperation } from '../operations/ops/migrate-operation.js'
import { CreateTableCommentOp, CreateTableOp, DropTableCommentOp, DropTableOp, RenameTableOp } from '../operations/ops/table-ops.js'
import type { Constraint, Index } from '../schema/constraints.js'
import type { Table } from '../schema/table.js'
import { renderColumn, renderDefault, renderFragment, renderKey, renderString, renderType, renderValue } from './render-values.js'

/** What rendered code needs imported from `athanor`, beyond `Operations`. */
export type RenderedImport = 't' | 'sql' | 'unique' | 'check' | 'foreignKey' | 'primaryKey'

/** Source lines of one op, and the names they use. */
export interface RenderedOp {
  readonly lines: string[]
  readonly imports: ReadonlySet<RenderedImport>
}

/** Options of {@link renderOp}. */
export interface RenderOpOptions {
  /** Primary key names the database picks itself (`users_pkey`, `PRIMARY`) are left out when this says so. */
  readonly isDefaultPrimaryKeyName?: (table: string, name: string) => boolean
}

/**
 * The `await op.…` statement(s) for one op.
 *
 * @example
 * renderOp(new DropColumnOp({ name: 'users', schema: null }, 'legacy')).lines // ["await op.dropColumn('users', 'legacy')"]
 */
export function renderOp(
  operation: MigrateOperation,
  options: RenderOpOptions = {},
  notes: (inner: MigrateOperation) => readonly string[] = () => [],
): RenderedOp {
  const imports = new Set<RenderedImport>()
  const use = (name: RenderedImport, code: string) => {
    imports.add(name)
    return code
  }
  const type = (code: string) => use('t', code)
  const scan = (code: string) => {
    if (code.includes('sql`')) imports.add('sql')
    if (/\bt\./.test(code)) imports.add('t')
    return code
  }
  const tracker = { type, scan, use }
  const lines = operation instanceof BatchAlterTableOp ? renderBatch(operation, tracker, notes) : renderLines(operation, options, tracker)
  return { lines, imports }
}

interface Tracker {
  type(code: string): string
  scan(code: string): string
  use(name: RenderedImport, code: string): string
}

function schemaOption(table: TableName, extra: string[] = []): string {
  const entries = [...extra, ...(table.schema ? [`schema: ${renderString(table.schema)}`] : [])]
  return entries.length === 0 ? '' : `, { ${entries.join(', ')} }`
}

function renderLines(o: MigrateOperation, options: RenderOpOptions, r: Tracker): string[] {
  if (o instanceof CreateTableOp) return renderCreateTable(o.table, options, r)
  if (o instanceof DropTableOp) return [`await op.dropTable(${renderString(o.table.name)}${schemaOption(o.table)})`]
  if (o instanceof RenameTableOp) return [`await op.renameTable(${renderString(o.table.name)}, ${renderString(o.newName)}${schemaOption(o.table)})`]
  if (o instanceof AddColumnOp) {
    return [`await op.addColumn(${renderString(o.table.name)}, ${renderString(o.column.name)}, ${r.scan(renderColumn(o.column))}${schemaOption(o.table)})`]
  }
  if (o instanceof DropColumnOp) return [`await op.dropColumn(${renderString(o.table.name)}, ${renderString(o.column)}${schemaOption(o.table)})`]
  if (o instanceof AlterColumnOp) return renderAlterColumn(o, r)
  if (o instanceof CreateIndexOp) return [renderCreateIndex(o.index, r)]
  if (o instanceof DropIndexOp) return [`await op.dropIndex(${renderString(o.name)}, ${renderString(o.table.name)}${schemaOption(o.table)})`]
  if (o instanceof AddConstraintOp) return [renderAddConstraint(o.table, o.constraint, r)]
  if (o instanceof DropConstraintOp) {
    const kind = o.options.type ?? o.options.existing?.kind
    return [`await op.dropConstraint(${renderString(o.name)}, ${renderString(o.table.name)}${schemaOption(o.table, kind ? [`type: ${renderString(kind)}`] : [])})`]
  }
  if (o instanceof CreateTableCommentOp) {
    const extra = o.existingComment === null ? [] : [`existingComment: ${renderString(o.existingComment)}`]
    return [`await op.createTableComment(${renderString(o.table.name)}, ${renderString(o.comment)}${schemaOption(o.table, extra)})`]
  }
  if (o instanceof DropTableCommentOp) {
    const extra = o.existingComment === null ? [] : [`existingComment: ${renderString(o.existingComment)}`]
    return [`await op.dropTableComment(${renderString(o.table.name)}${schemaOption(o.table, extra)})`]
  }
  if (o instanceof AddEnumValueOp) {
    const place = [
      ...(o.options.before !== undefined ? [`before: ${renderString(o.options.before)}`] : []),
      ...(o.options.after !== undefined ? [`after: ${renderString(o.options.after)}`] : []),
    ]
    const call = `await op.addEnumValue(${renderString(o.name)}, ${renderString(o.value)}${schemaOption({ name: o.name, schema: o.schema }, place)})`
    // PostgreSQL refuses to use a value added in the same transaction, and before 12 refuses ADD VALUE in one at all.
    return ['await op.autocommitBlock(async () => {', `  ${call}`, '})']
  }
  if (o instanceof CreateEnumOp) return [`await op.createEnum(${renderString(o.name)}, ${renderValue([...o.values])}${schemaOption({ name: o.name, schema: o.schema })})`]
  if (o instanceof DropEnumOp) return [`await op.dropEnum(${renderString(o.name)}${schemaOption({ name: o.name, schema: o.schema })})`]
  return [`// ${o.kind}: no code form; write it by hand`]
}

function renderCreateTable(table: Table, options: RenderOpOptions, r: Tracker): string[] {
  const lines = [`await op.createTable(${renderString(table.name)}, {`]
  for (const column of table.columnList) lines.push(`  ${renderKey(column.name)}: ${r.scan(renderColumn(column))},`)
  const specs: string[] = []
  const pk = table.primaryKey
  if (pk?.name && !options.isDefaultPrimaryKeyName?.(table.name, pk.name)) {
    specs.push(r.use('primaryKey', `primaryKey(${renderString(pk.name)}).on(${pk.columns.map(renderString).join(', ')})`))
  }
  for (const c of table.constraints) {
    if (c.kind === 'unique') specs.push(r.use('unique', `unique(${c.name === null ? '' : renderString(c.name)}).on(${c.columns.map(renderString).join(', ')})`))
    else if (c.kind === 'check') specs.push(r.use('check', `check(${c.name === null ? 'null' : renderString(c.name)}, ${r.scan(renderFragment(c.expression))})`))
    else if (c.kind === 'foreignKey') {
      const target = c.referredSchema ? `${c.referredSchema}.${c.referredTable}` : c.referredTable
      const fkOptions = foreignKeyOptions(c)
      specs.push(
        r.use(
          'foreignKey',
          `foreignKey(${c.name === null ? '' : renderString(c.name)}).on(${c.columns.map(renderString).join(', ')}).references(${renderString(target)}, ${renderValue([...c.referredColumns])}${fkOptions.length ? `, { ${fkOptions.join(', ')} }` : ''})`,
        ),
      )
    }
  }
  const tableOptions = [
    ...(table.schema ? [`schema: ${renderString(table.schema)}`] : []),
    ...(table.comment ? [`comment: ${renderString(table.comment)}`] : []),
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
  for (const index of table.indexes) lines.push(renderCreateIndex({ ...index, schema: table.schema }, r))
  return lines
}

function foreignKeyOptions(c: Extract<Constraint, { kind: 'foreignKey' }>): string[] {
  return [
    ...(c.onDelete ? [`onDelete: ${renderString(c.onDelete)}`] : []),
    ...(c.onUpdate ? [`onUpdate: ${renderString(c.onUpdate)}`] : []),
    ...(c.deferrable === true ? ['deferrable: true'] : c.deferrable === 'initiallyDeferred' ? [`deferrable: 'initiallyDeferred'`] : []),
  ]
}

function renderCreateIndex(index: Index, r: Tracker): string {
  const columns = index.expressions.map((e) => (typeof e === 'string' ? renderString(e) : r.scan(renderFragment(e))))
  const extra = [...(index.unique ? ['unique: true'] : []), ...(index.where ? [`where: ${r.scan(renderFragment(index.where))}`] : [])]
  return `await op.createIndex(${renderString(index.name)}, ${renderString(index.table)}, [${columns.join(', ')}]${schemaOption({ name: index.table, schema: index.schema }, extra)})`
}

function renderAddConstraint(table: TableName, c: Constraint, r: Tracker): string {
  const name = c.name === null ? 'null' : renderString(c.name)
  const tableArg = renderString(table.name)
  switch (c.kind) {
    case 'unique':
      return `await op.createUniqueConstraint(${name}, ${tableArg}, ${renderValue([...c.columns])}${schemaOption(table)})`
    case 'primaryKey':
      return `await op.createPrimaryKey(${name}, ${tableArg}, ${renderValue([...c.columns])}${schemaOption(table)})`
    case 'check':
      return `await op.createCheckConstraint(${name}, ${tableArg}, ${r.scan(renderFragment(c.expression))}${schemaOption(table)})`
    case 'foreignKey': {
      const extra = [
        ...foreignKeyOptions(c),
        ...(table.schema ? [`sourceSchema: ${renderString(table.schema)}`] : []),
        ...(c.referredSchema ? [`referentSchema: ${renderString(c.referredSchema)}`] : []),
      ]
      return `await op.createForeignKey(${name}, ${tableArg}, ${renderString(c.referredTable)}, ${renderValue([...c.columns])}, ${renderValue([...c.referredColumns])}${extra.length ? `, { ${extra.join(', ')} }` : ''})`
    }
  }
}

function renderAlterColumn(o: AlterColumnOp, r: Tracker): string[] {
  const a = o.alteration
  const entries: string[] = []
  if (a.newName !== undefined) entries.push(`newName: ${renderString(a.newName)}`)
  if (a.type !== undefined) entries.push(`type: ${r.type(renderType(a.type))}`)
  if (a.nullable !== undefined) entries.push(`nullable: ${a.nullable}`)
  if (a.serverDefault !== undefined) entries.push(`serverDefault: ${a.serverDefault === null ? 'null' : r.scan(renderDefault(a.serverDefault))}`)
  if (a.comment !== undefined) entries.push(`comment: ${a.comment === null ? 'null' : renderString(a.comment)}`)
  if (a.existingType !== undefined) entries.push(`existingType: ${r.type(renderType(a.existingType))}`)
  if (a.existingNullable !== undefined) entries.push(`existingNullable: ${a.existingNullable}`)
  if (a.existingServerDefault !== undefined && a.existingServerDefault !== null) entries.push(`existingServerDefault: ${r.scan(renderDefault(a.existingServerDefault))}`)
  if (a.existingComment !== undefined && a.existingComment !== null) entries.push(`existingComment: ${renderString(a.existingComment)}`)
  if (a.existingAutoincrement) entries.push('existingAutoincrement: true')
  if (o.table.schema) entries.push(`schema: ${renderString(o.table.schema)}`)
  const head = `await op.alterColumn(${renderString(o.table.name)}, ${renderString(a.column)}, {`
  return [head, ...entries.map((e) => `  ${e},`), '})']
}

/**
 * `op.batchAlterTable(table, (b) => { … })`: each change as a `b.*` call,
 * with its notes (review, data loss) as comments above it.
 */
function renderBatch(o: BatchAlterTableOp, r: Tracker, notes: (inner: MigrateOperation) => readonly string[]): string[] {
  const lines = [`await op.batchAlterTable(${renderString(o.table.name)}, (b) => {`]
  for (const inner of o.ops) {
    for (const note of notes(inner)) lines.push(`  ${note}`)
    for (const line of renderBatchLines(inner, r)) lines.push(`  ${line}`)
  }
  lines.push(`}${schemaOption(o.table)})`)
  return lines
}

function renderBatchLines(o: MigrateOperation, r: Tracker): string[] {
  if (o instanceof AddColumnOp) return [`b.addColumn(${renderString(o.column.name)}, ${r.scan(renderColumn(o.column))})`]
  if (o instanceof DropColumnOp) return [`b.dropColumn(${renderString(o.column)})`]
  if (o instanceof AlterColumnOp) {
    const [, ...body] = renderAlterColumn(o, r).filter((line) => !line.startsWith('  schema: '))
    return [`b.alterColumn(${renderString(o.alteration.column)}, {`, ...body]
  }
  if (o instanceof CreateIndexOp) {
    const index = o.index
    const columns = index.expressions.map((e) => (typeof e === 'string' ? renderString(e) : r.scan(renderFragment(e))))
    const extra = [...(index.unique ? ['unique: true'] : []), ...(index.where ? [`where: ${r.scan(renderFragment(index.where))}`] : [])]
    return [`b.createIndex(${renderString(index.name)}, [${columns.join(', ')}]${extra.length ? `, { ${extra.join(', ')} }` : ''})`]
  }
  if (o instanceof DropIndexOp) return [`b.dropIndex(${renderString(o.name)})`]
  if (o instanceof AddConstraintOp) {
    const c = o.constraint
    const name = c.name === null ? 'null' : renderString(c.name)
    switch (c.kind) {
      case 'unique':
        return [`b.createUniqueConstraint(${name}, ${renderValue([...c.columns])})`]
      case 'primaryKey':
        return [`b.createPrimaryKey(${name}, ${renderValue([...c.columns])})`]
      case 'check':
        return [`b.createCheckConstraint(${name}, ${r.scan(renderFragment(c.expression))})`]
      case 'foreignKey': {
        const extra = [...foreignKeyOptions(c), ...(c.referredSchema ? [`referentSchema: ${renderString(c.referredSchema)}`] : [])]
        return [`b.createForeignKey(${name}, ${renderString(c.referredTable)}, ${renderValue([...c.columns])}, ${renderValue([...c.referredColumns])}${extra.length ? `, { ${extra.join(', ')} }` : ''})`]
      }
    }
  }
  if (o instanceof DropConstraintOp) {
    const kind = o.options.type ?? o.options.existing?.kind
    return [`b.dropConstraint(${renderString(o.name)}${kind ? `, { type: ${renderString(kind)} }` : ''})`]
  }
  return [`// ${o.kind}: no batch form; write it by hand`]
}
