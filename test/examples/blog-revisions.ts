/**
 * The example blog's revisions, read from its migrations folder, and ways to
 * put a test database at one of them (or at one the blog does not have).
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Athanor } from '../../src/api.js'
import { BLOG_DIR } from './blog-process.js'

/** The blog's revision ids, oldest first. */
export async function blogRevisions(): Promise<string[]> {
  const athanor = new Athanor({ migrations: join(BLOG_DIR, 'migrations') })
  return (await athanor.history()).map((entry) => entry.revision).reverse()
}

/** Upgrades the database at `url` with the blog's own migrations to `target`. */
export async function upgradeBlogDatabase(url: string, target: string): Promise<void> {
  const athanor = new Athanor({ url, migrations: join(BLOG_DIR, 'migrations') })
  await athanor.upgrade(target)
  await athanor.close()
}

/**
 * Upgrades the database at `url` with newer code than the blog's: its
 * migrations plus revision `id` on top, which the blog does not have.
 */
export async function upgradeBeyondBlog(url: string, id: string): Promise<void> {
  const heads = await blogRevisions()
  const dir = mkdtempSync(join(tmpdir(), 'athanor-blog-newer-'))
  try {
    cpSync(join(BLOG_DIR, 'migrations'), join(dir, 'migrations'), { recursive: true })
    writeFileSync(
      join(dir, 'migrations', 'versions', `${id}_newer_code.ts`),
      [
        `export const revision = '${id}'`,
        `export const downRevision: string | string[] | null = '${heads[heads.length - 1]}'`,
        'export const branchLabels: string[] | null = null',
        'export const dependsOn: string[] | null = null',
        'export async function upgrade() {}',
        'export async function downgrade() {}',
        '',
      ].join('\n'),
    )
    const athanor = new Athanor({ url, migrations: join(dir, 'migrations') })
    await athanor.upgrade('head')
    await athanor.close()
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
