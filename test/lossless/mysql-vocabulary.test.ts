/**
 * Issue 11 on MariaDB: FULLTEXT and SPATIAL indexes, key prefix lengths,
 * descending key parts, fractional-second precision, TIMESTAMP as distinct
 * from DATETIME, column collations, ON UPDATE, and a table's engine,
 * character set, collation and AUTO_INCREMENT start are part of the
 * vocabulary: created from the models, read back, compared, and written into
 * revision files.
 */
import { afterEach, describe, expect, it } from 'vitest'
import { reflect } from '../../src/dialect/reflector.js'
import { index, MetaData, sql, t, table } from '../../src/schema/index.js'
import { createTestDatabase, type TestDatabase } from '../support/databases.js'
import { revisionLoop, type RevisionLoop } from './revision-loop.js'

interface Version {
  readonly timestamps: boolean
  readonly precision: number
  readonly slugCollation: string
  readonly onUpdate: boolean
  readonly prefix: number
}

const V1: Version = { timestamps: true, precision: 6, slugCollation: 'utf8mb4_bin', onUpdate: true, prefix: 20 }

function models(v: Version = V1) {
  const metadata = new MetaData()
  const updatedAt = t.datetime({ timezone: v.timestamps }).name('updated_at').notNull().serverDefault(sql`CURRENT_TIMESTAMP`)
  table(
    'articles',
    {
      id: t.bigint().primaryKey().autoincrement(),
      title: t.string(200).notNull(),
      body: t.text(),
      slug: t.string(191).collate(v.slugCollation).notNull(),
      publishedAt: t.datetime({ timezone: true, precision: v.precision }).name('published_at'),
      editedAt: t.datetime({ precision: 3 }).name('edited_at'),
      duration: t.time({ precision: 2 }),
      updatedAt: v.onUpdate ? updatedAt.onUpdate(sql`CURRENT_TIMESTAMP`) : updatedAt,
      location: t.custom('POINT').notNull(),
    },
    {
      metadata,
      storage: { engine: 'InnoDB', collation: 'utf8mb4_unicode_ci', autoincrementStart: 1000 },
      indexes: (c) => [
        index('ix_articles_text').on(c.title, c.body).using('fulltext'),
        index('ix_articles_location').on(c.location).using('spatial'),
        index('ix_articles_title_prefix').on(c.title).prefixLengths(v.prefix),
        index('ix_articles_published').on(c.publishedAt, c.id).sortOrders('DESC', null),
      ],
    },
  )
  return metadata.tables
}

async function showCreate(loop: RevisionLoop): Promise<string> {
  const rows = await loop.conn.query('SHOW CREATE TABLE articles')
  return String(rows[0]!['Create Table'])
}

describe('the MariaDB vocabulary', () => {
  let db: TestDatabase | undefined
  let loop: RevisionLoop | undefined
  afterEach(async () => {
    loop?.remove()
    await db?.drop()
  })

  it('round-trips every fact through a revision file on mysql', async () => {
    db = await createTestDatabase('mysql')
    loop = await revisionLoop(db)
    const first = await loop.autogenerate(models())
    for (const written of [
      ".collate('utf8mb4_bin')",
      '.onUpdate(sql`CURRENT_TIMESTAMP`)',
      't.datetime({ timezone: true, precision: 6 })',
      "engine: 'InnoDB'",
      "collation: 'utf8mb4_unicode_ci'",
      'autoincrementStart: 1000',
      "method: 'fulltext'",
      'prefixLengths: [20]',
      "sortOrders: ['DESC']",
    ]) {
      expect(first.source).toContain(written)
    }
    await loop.upgrade()
    const ddl = await showCreate(loop)
    for (const stated of [
      '`slug` varchar(191) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL',
      '`published_at` timestamp(6) NULL DEFAULT NULL',
      '`edited_at` datetime(3) DEFAULT NULL',
      '`duration` time(2) DEFAULT NULL',
      '`updated_at` timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp()',
      'FULLTEXT KEY `ix_articles_text` (`title`,`body`)',
      'SPATIAL KEY `ix_articles_location` (`location`)',
      'KEY `ix_articles_title_prefix` (`title`(20))',
      'KEY `ix_articles_published` (`published_at` DESC,`id`)',
      'ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci',
    ]) {
      expect(ddl).toContain(stated)
    }
    const reflected = await reflect(loop.conn)
    expect(reflected.notCarried).toEqual([])
    expect(reflected.tables[0]!.storage).toEqual({ engine: 'InnoDB', charset: 'utf8mb4', collation: 'utf8mb4_unicode_ci', autoincrementStart: 1000 })
    expect(await loop.diffs(models())).toEqual([])
    // The reflected table used as the model finds nothing either.
    expect(await loop.diffs(reflected.tables)).toEqual([])
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })

  it('finds, applies and reverts a change of each column and index fact on mysql', async () => {
    db = await createTestDatabase('mysql')
    loop = await revisionLoop(db)
    await loop.autogenerate(models())
    await loop.upgrade()
    const v2 = models({ timestamps: false, precision: 3, slugCollation: 'utf8mb4_general_ci', onUpdate: false, prefix: 30 })
    const found = await loop.diffs(v2)
    expect(found.map((d) => `${d.kind}:${d.column ?? d.name}:${d.detail ?? ''}`).sort()).toEqual([
      'add_index:ix_articles_title_prefix:',
      'modify_default:updated_at:ON UPDATE current_timestamp() -> none',
      'modify_type:published_at:TIMESTAMP(6) -> TIMESTAMP(3)',
      'modify_type:slug:COLLATE utf8mb4_bin -> utf8mb4_general_ci',
      'modify_type:updated_at:TIMESTAMP -> DATETIME',
      'remove_index:ix_articles_title_prefix:',
    ])
    await loop.autogenerate(v2)
    await loop.upgrade()
    expect(await loop.diffs(v2)).toEqual([])
    expect(await showCreate(loop)).toContain('`updated_at` datetime NOT NULL DEFAULT current_timestamp(),')
    await loop.downgrade('-1')
    expect(await loop.diffs(models())).toEqual([])
    await loop.downgrade()
    expect(await loop.tableNames()).toEqual([])
  })

  it('tells TIMESTAMP from DATETIME on mysql', async () => {
    db = await createTestDatabase('mysql')
    loop = await revisionLoop(db)
    await loop.conn.execute('CREATE TABLE events (id INT PRIMARY KEY, at TIMESTAMP NULL, local_at DATETIME(3) NULL)')
    const metadata = new MetaData()
    table('events', { id: t.integer().primaryKey(), at: t.datetime(), localAt: t.datetime({ precision: 3 }).name('local_at') }, { metadata })
    expect((await loop.diffs(metadata.tables)).map((d) => `${d.kind}:${d.column}:${d.detail}`)).toEqual(['modify_type:at:TIMESTAMP -> DATETIME'])
  })

  it('finds, applies and reverts a changed table engine and default collation on mysql', async () => {
    db = await createTestDatabase('mysql')
    loop = await revisionLoop(db)
    const notes = (storage: { engine: string; collation: string }) => {
      const metadata = new MetaData()
      table('notes', { id: t.integer().primaryKey(), body: t.text() }, { metadata, storage })
      return metadata.tables
    }
    const v1 = notes({ engine: 'InnoDB', collation: 'utf8mb4_general_ci' })
    await loop.autogenerate(v1)
    await loop.upgrade()
    expect(await loop.diffs(v1)).toEqual([])
    const v2 = notes({ engine: 'Aria', collation: 'utf8mb4_unicode_ci' })
    expect((await loop.diffs(v2)).map((d) => `${d.kind}:${d.detail}`)).toEqual([
      'modify_table_storage:engine InnoDB, collation utf8mb4_general_ci -> engine Aria, collation utf8mb4_unicode_ci',
    ])
    await loop.autogenerate(v2)
    await loop.upgrade()
    const rows = await loop.conn.query('SHOW CREATE TABLE notes')
    expect(String(rows[0]!['Create Table'])).toMatch(/ENGINE=Aria .*COLLATE=utf8mb4_unicode_ci/)
    expect(await loop.diffs(v2)).toEqual([])
    await loop.downgrade('-1')
    expect(await loop.diffs(v1)).toEqual([])
  })
})
