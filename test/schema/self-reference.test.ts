/**
 * The documented `references(() => …)` pattern, for a table that refers to
 * itself and for two tables that refer to each other, written without type
 * annotations. This file must type-check under strict mode (TS7022/TS7024
 * would otherwise reject it) and resolve the keys at run time.
 */
import { describe, expect, it } from 'vitest'
import { foreignKey } from '../../src/schema/constraints.js'
import { t } from '../../src/schema/t.js'
import { table } from '../../src/schema/table.js'

const employees = table('employees', {
  id: t.integer().primaryKey(),
  managerId: t.integer().name('manager_id').references(() => employees.columns.id, { onDelete: 'set null' }),
})

const teams = table('teams', {
  id: t.integer().primaryKey(),
  leadId: t.integer().name('lead_id').references(() => members.columns.id),
})

const members = table('members', {
  id: t.integer().primaryKey(),
  teamId: t.integer().name('team_id').references(() => teams.columns.id),
})

const nodes = table(
  'nodes',
  { id: t.integer().primaryKey(), tree: t.integer().primaryKey(), parentId: t.integer().name('parent_id'), parentTree: t.integer().name('parent_tree') },
  { constraints: (c) => [foreignKey('fk_nodes_parent').on(c.parentId, c.parentTree).references(() => [nodes.columns.id, nodes.columns.tree])] },
)

describe('a foreign key thunk', () => {
  it('lets a table refer to itself', () => {
    expect(employees.foreignKeys).toEqual([
      expect.objectContaining({ columns: ['manager_id'], referredTable: 'employees', referredColumns: ['id'], onDelete: 'set null' }),
    ])
  })

  it('lets two tables refer to each other', () => {
    expect(teams.foreignKeys[0]).toMatchObject({ columns: ['lead_id'], referredTable: 'members' })
    expect(members.foreignKeys[0]).toMatchObject({ columns: ['team_id'], referredTable: 'teams' })
  })

  it('lets a composite key refer to its own table', () => {
    expect(nodes.foreignKeys[0]).toMatchObject({ name: 'fk_nodes_parent', columns: ['parent_id', 'parent_tree'], referredTable: 'nodes', referredColumns: ['id', 'tree'] })
  })

  it('that returns something other than a column is refused when the table resolves', () => {
    const broken = table('broken', { id: t.integer().references(() => 'employees.id') })
    expect(() => broken.foreignKeys).toThrow(/must return a column/)
  })
})
