import { describe, expect, it } from 'vitest'
import { tablesInDependencyOrder } from '../../src/schema/dependency-order.js'
import { t, table } from '../../src/schema/index.js'

describe('tablesInDependencyOrder', () => {
  it('puts a referred table before the tables referring to it', () => {
    const account = table('account', { id: t.integer().primaryKey() })
    const invoice = table('invoice', { id: t.integer().primaryKey(), accountId: t.integer().references(() => account.columns.id) })
    expect(tablesInDependencyOrder([invoice, account]).map((x) => x.name)).toEqual(['account', 'invoice'])
  })

  it('tells apart tables of the same name in different schemas', () => {
    const billingAccount = table('account', { id: t.integer().primaryKey() }, { schema: 'billing' })
    const account = table('account', { id: t.integer().primaryKey() })
    const invoice = table('invoice', { id: t.integer().primaryKey(), accountId: t.integer().references(() => billingAccount.columns.id) }, { schema: 'billing' })
    expect(tablesInDependencyOrder([invoice, account, billingAccount])).toEqual([billingAccount, invoice, account])
  })

  it('ignores a self-reference and breaks a cycle at the key that closes it', () => {
    const node = table('node', { id: t.integer().primaryKey(), parentId: t.integer().references(() => node.columns.id) })
    const a = table('a', { id: t.integer().primaryKey(), bId: t.integer().references(() => b.columns.id) })
    const b = table('b', { id: t.integer().primaryKey(), aId: t.integer().references(() => a.columns.id) })
    expect(tablesInDependencyOrder([node, a, b]).map((x) => x.name)).toEqual(['node', 'b', 'a'])
  })
})
