/**
 * Feeds a whole SQL script (as `--sql` writes it) to a test database the way a
 * user would: `psql` for PostgreSQL, the `mariadb` client for MariaDB, and the
 * embedded engines' multi-statement exec for SQLite and PGlite.
 */
import { execFile } from 'node:child_process'
import Database from 'better-sqlite3'
import { parseDatabaseUrl } from '../../src/config/url.js'
import type { TestDatabase } from './databases.js'

/**
 * Runs `sql` on the test database, failing on the first error.
 *
 * @example
 * await runSqlScript(db, (await runUpgrade(script, 'base:head', { ...options, sql: true })).sql!)
 */
export async function runSqlScript(db: TestDatabase, sql: string): Promise<void> {
  const url = parseDatabaseUrl(db.url)
  switch (db.kind) {
    case 'sqlite': {
      const file = new Database(url.path!)
      try {
        file.exec(sql)
      } finally {
        file.close()
      }
      return
    }
    case 'pglite': {
      const conn = await db.connect()
      try {
        await conn.execute(sql)
      } finally {
        await conn.close()
      }
      return
    }
    case 'postgres':
      return pipe('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', db.url, '-f', '-'], sql)
    case 'mysql':
      return pipe(
        'mariadb',
        ['-h', url.host!, '-P', String(url.port), '-u', url.user ?? 'root', '--default-character-set=utf8mb4', url.database!],
        sql,
      )
  }
}

function pipe(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr || error.message}`))
      else resolve()
    })
    child.stdin?.end(input)
  })
}
