/**
 * Feeds a whole SQL script (as `--sql` writes it) to a test database the way a
 * user would, through the database's own client with its default settings:
 * `psql -v ON_ERROR_STOP=1` for PostgreSQL, `mariadb` for MariaDB, the
 * `sqlite3` shell for SQLite; PGlite, which has no client, through its
 * multi-statement exec.
 */
import { execFile } from 'node:child_process'
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
    case 'sqlite':
      return pipe('sqlite3', ['-bail', url.path!], sql)
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
        // No --default-character-set: the script itself must say how it is encoded, as a user's client reads it.
        ['-h', url.host!, '-P', String(url.port), '-u', url.user ?? 'root', url.database!],
        sql,
      )
  }
}

function pipe(command: string, args: string[], input: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = execFile(command, args, (error, _stdout, stderr) => {
      // sqlite3 -bail reports an error on stderr but may still exit 0 when reading stdin.
      if (!error && stderr.trim() !== '') reject(new Error(`${command} failed: ${stderr}`))
      else if (error) reject(new Error(`${command} failed: ${stderr || error.message}`))
      else resolve()
    })
    child.stdin?.end(input)
  })
}
