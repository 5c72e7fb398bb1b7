/**
 * The blog's tables: what `athanor migrate` compares with the database.
 * Users write posts, posts have comments and tags (through post_tags).
 */
import { MetaData, sql, t, table } from 'athanor'

export const metadata = new MetaData()

export const users = table(
  'users',
  {
    id: t.integer().primaryKey().autoincrement(),
    name: t.string(100).notNull(),
    email: t.string(255).notNull().unique(),
  },
  { metadata },
)

export const posts = table(
  'posts',
  {
    id: t.integer().primaryKey().autoincrement(),
    authorId: t.integer().name('author_id').notNull().references(() => users.columns.id, { onDelete: 'cascade' }),
    title: t.string(200).notNull(),
    body: t.text().notNull(),
    status: t.string(20).notNull().serverDefault('published').index(),
    createdAt: t.datetime().name('created_at').notNull().serverDefault(sql`CURRENT_TIMESTAMP`),
  },
  { metadata },
)

export const comments = table(
  'comments',
  {
    id: t.integer().primaryKey().autoincrement(),
    postId: t.integer().name('post_id').notNull().references(() => posts.columns.id, { onDelete: 'cascade' }),
    authorId: t.integer().name('author_id').notNull().references(() => users.columns.id, { onDelete: 'cascade' }),
    body: t.text().notNull(),
    createdAt: t.datetime().name('created_at').notNull().serverDefault(sql`CURRENT_TIMESTAMP`),
  },
  { metadata },
)

export const tags = table(
  'tags',
  {
    id: t.integer().primaryKey().autoincrement(),
    name: t.string(50).notNull().unique(),
  },
  { metadata },
)

export const postTags = table(
  'post_tags',
  {
    postId: t.integer().name('post_id').primaryKey().references(() => posts.columns.id, { onDelete: 'cascade' }),
    tagId: t.integer().name('tag_id').primaryKey().references(() => tags.columns.id, { onDelete: 'cascade' }),
  },
  { metadata },
)
