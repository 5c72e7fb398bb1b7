/**
 * seed users and tags
 *
 * Revision ID: 6199e2473a8a
 * Revises: 3cedf71d64b6
 * Create Date: 2026-12-02T12:48:54.821Z
 */
import { type Operations, t, table } from 'athanor'

/** The rows this revision writes, shared by upgrade and downgrade. */
const seedUsers = [
  { name: 'Ada Lovelace', email: 'ada@example.org' },
  { name: 'Grace Hopper', email: 'grace@example.org' },
]
const seedTags = [{ name: 'migrations' }, { name: 'typescript' }, { name: 'databases' }]
const seedPosts = [
  { email: 'ada@example.org', title: 'Notes on the analytical engine', body: 'A schema is a program too: it deserves a history.', tags: ['migrations', 'databases'] },
  { email: 'grace@example.org', title: 'Shipping on a Friday', body: 'Every revision applied once, however many instances start.', tags: ['typescript'] },
]

export const revision = '6199e2473a8a'
export const downRevision: string | string[] | null = '3cedf71d64b6'
export const branchLabels: string[] | null = null
export const dependsOn: string[] | null = null

export async function upgrade(op: Operations) {
  // Ad-hoc tables: only the columns written, so this revision does not depend on the models of the day.
  await op.bulkInsert(table('users', { name: t.string(100), email: t.string(255) }), seedUsers)
  await op.bulkInsert(table('tags', { name: t.string(50) }), seedTags)
  // Ids are the database's to choose, so posts and their tags are linked by what the seed rows name.
  for (const post of seedPosts) {
    await op.execute('INSERT INTO posts (author_id, title, body) SELECT id, ?, ? FROM users WHERE email = ?', [post.title, post.body, post.email])
    for (const tag of post.tags) {
      await op.execute('INSERT INTO post_tags (post_id, tag_id) SELECT p.id, t.id FROM posts p, tags t WHERE p.title = ? AND t.name = ?', [post.title, tag])
    }
  }
  await op.execute(
    'INSERT INTO comments (post_id, author_id, body) SELECT p.id, u.id, ? FROM posts p, users u WHERE p.title = ? AND u.email = ?',
    ['Friday is as good as any day with a lock.', 'Shipping on a Friday', 'ada@example.org'],
  )
}

export async function downgrade(op: Operations) {
  const emails = seedUsers.map((u) => u.email)
  const marks = emails.map(() => '?').join(', ')
  // Children first: a database without ON DELETE CASCADE enforcement (SQLite's default) keeps no orphans either.
  await op.execute(`DELETE FROM post_tags WHERE post_id IN (SELECT p.id FROM posts p JOIN users u ON u.id = p.author_id WHERE u.email IN (${marks}))`, emails)
  await op.execute(`DELETE FROM comments WHERE author_id IN (SELECT id FROM users WHERE email IN (${marks}))`, emails)
  await op.execute(`DELETE FROM comments WHERE post_id IN (SELECT p.id FROM posts p JOIN users u ON u.id = p.author_id WHERE u.email IN (${marks}))`, emails)
  await op.execute(`DELETE FROM posts WHERE author_id IN (SELECT id FROM users WHERE email IN (${marks}))`, emails)
  await op.execute(`DELETE FROM tags WHERE name IN (${seedTags.map(() => '?').join(', ')})`, seedTags.map((t) => t.name))
  await op.execute(`DELETE FROM users WHERE email IN (${marks})`, emails)
}
