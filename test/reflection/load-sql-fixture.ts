/**
 * Loads SQL fixture files with each database's own shell (psql, mariadb) or,
 * for SQLite, better-sqlite3's `exec`, so fixtures are read exactly as a
 * user's dump would be, not through athanor's own code.
 */
import { execFileSync } from 'node:child_process'
import Database from 'better-sqlite3'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { TestDatabase } from '../support/databases.js'

/** The repository root (fixtures outside the repo are named relative to it). */
export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')

/** A path relative to the repository root, made absolute. */
export function repoPath(relative: string): string {
  return join(REPO_ROOT, relative)
}

/**
 * Runs a SQL file against a test database with the database's own client.
 *
 * @example
 * await loadSqlFixture(db, 'test/fixtures/reflection/postgres-shop.sql')
 */
export async function loadSqlFixture(db: TestDatabase, relativePath: string): Promise<void> {
  const file = repoPath(relativePath)
  const url = new URL(db.kind === 'sqlite' ? 'file:///' : db.url)
  const database = url.pathname.replace(/^\//, '')
  if (db.kind === 'postgres') {
    execFileSync('psql', ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres', '-d', database, '-q', '-v', 'ON_ERROR_STOP=1', '-f', file], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
  } else if (db.kind === 'mysql') {
    execFileSync('mariadb', [`-h${url.hostname}`, `-P${url.port || '3306'}`, `-u${url.username || 'root'}`, database], {
      input: readFileSync(file),
      stdio: ['pipe', 'ignore', 'pipe'],
    })
  } else if (db.kind === 'sqlite') {
    const sqlite = new Database(db.url.replace(/^sqlite:/, ''))
    try {
      sqlite.exec(readFileSync(file, 'utf8'))
    } finally {
      sqlite.close()
    }
  } else {
    throw new Error(`no SQL shell for ${db.kind}`)
  }
}
