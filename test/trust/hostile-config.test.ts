/**
 * Hostile configs, models and URLs: each is refused with its exit code and
 * one error line (the value shown), the database untouched and no file
 * written — a read command never creates a database, a write command on an
 * unreachable or misspelt URL writes nothing anywhere.
 */
import { describe, it } from 'vitest'
import type { RevisionFixture } from '../cli/cli-project.js'
import { TEST_PASSWORD, TEST_PASSWORD_AT, TEST_PASSWORD_PARAM } from '../support/test-secrets.js'
import { expectRefused, type HostileCase } from './hostile-case.js'

const A = 'aaaa00000001'
const one: RevisionFixture[] = [{ id: A, message: 'create ta', upgrade: "await op.execute('CREATE TABLE ta (id INTEGER)')", downgrade: "await op.execute('DROP TABLE ta')" }]
const upgrade = ['upgrade', 'head']
/** A config with `keys` (TypeScript source) besides the test database's URL. */
const withKeys = (keys: string) => (url: string) => `export default { url: ${JSON.stringify(url)}, ${keys} }\n`
const file = 'athanor.config.ts'

export const CONFIG_CASES: readonly HostileCase[] = [
  { name: 'a config with a syntax error', config: 'export default { url: \n', revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: /^cannot load athanor\.config\.ts: / },
  { name: 'a config that throws', config: "throw new Error('DATABASE_URL is not set')\n", revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: 'cannot load athanor.config.ts: DATABASE_URL is not set' },
  { name: 'a config importing a missing module', config: "import './nowhere.js'\nexport default {}\n", revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: /^cannot load athanor\.config\.ts: .*nowhere/ },
  { name: 'a config exporting a number', config: 'export default 42\n', revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: `${file}: the default export must be a config object, got 42`, hint: 'write `export default defineConfig({ … })`' },
  { name: 'a config exporting a list', config: 'export default [{}]\n', revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: `${file}: the default export must be a config object, got an array`, hint: 'write `export default defineConfig({ … })`' },
  { name: 'a misspelt key', config: withKeys("migratons: './migrations'"), revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: `${file}: unknown config key "migratons"`, hint: 'did you mean "migrations"?' },
  { name: 'a misspelt nested key', config: withKeys('compare: { tpyes: false }'), revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: `${file}: unknown config key "compare.tpyes"`, hint: 'did you mean "types"?' },
  { name: 'a url of a number', config: 'export default { url: 5432 }\n', revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: `${file}: "url" must be a string, got 5432` },
  { name: 'versionTable of a number', config: withKeys('versionTable: 7'), revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: `${file}: "versionTable" must be a string, got 7` },
  { name: 'transactionPerMigration of a string', config: withKeys("transactionPerMigration: 'yes'"), revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: `${file}: "transactionPerMigration" must be true or false, got "yes"` },
  { name: 'a negative lockTimeoutMs', config: withKeys('lockTimeoutMs: -5'), revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: `${file}: "lockTimeoutMs" must be a number of milliseconds ≥ 0, got -5` },
  { name: 'ddlLockTimeoutMs of a string', config: withKeys("ddlLockTimeoutMs: 'soon'"), revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: `${file}: "ddlLockTimeoutMs" must be a number of milliseconds ≥ 0, got "soon"` },
  { name: 'postWrite of a string, not a list', config: withKeys("postWrite: 'prettier --write'"), revisions: one, args: ['revision', '-m', 'x'], code: 2, errorCode: 'E_CONFIG', error: `${file}: "postWrite" must be an array of strings, got "prettier --write"` },
  { name: 'an empty list of migrations folders', config: withKeys('migrations: []'), revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: `${file}: "migrations" must be a folder or a non-empty array of folders, got an array` },
  { name: 'a migrations folder that does not exist', config: withKeys("migrations: './nowhere'"), revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: /^migrations folder not found: .*nowhere$/ },
  { name: 'a migrations folder that is a file', config: withKeys("migrations: './notes.txt'"), files: { 'notes.txt': 'hello\n' }, revisions: one, args: upgrade, code: 2, errorCode: 'E_CONFIG', error: /notes\.txt/ },
  { name: '-c naming a missing file', revisions: one, args: ['-c', 'nope.ts', 'upgrade', 'head'], code: 2, errorCode: 'E_CONFIG', error: 'config file not found: nope.ts', hint: 'check the -c/--config path' },
  { name: '-c naming a folder', revisions: one, args: ['-c', 'migrations', 'upgrade', 'head'], code: 2, errorCode: 'E_CONFIG', error: /migrations/ },
  { name: 'a malformed -x', revisions: one, args: ['-x', 'novalue', 'upgrade', 'head'], code: 2, errorCode: 'E_USAGE', error: /^-x expects key=value, got "novalue"/ },
  { name: 'an unknown option', revisions: one, args: ['upgrade', 'head', '--bogus'], code: 2, errorCode: 'E_USAGE', error: "unknown option '--bogus'" },
  { name: 'an unknown command', revisions: one, args: ['upgrad', 'head'], code: 2, errorCode: 'E_USAGE', error: /^unknown command 'upgrad'/ },
]

const models = (text: string) => ({ 'src/models.ts': text })
const withModels = withKeys("models: './src/models.ts'")

export const MODEL_CASES: readonly HostileCase[] = [
  { name: 'check with no models in the config', revisions: one, prepare: (ctx) => ctx.ok(upgrade), args: ['check'], code: 2, errorCode: 'E_CONFIG', error: /models/ },
  { name: 'a models module that does not exist', config: withModels, revisions: one, prepare: (ctx) => ctx.ok(upgrade), args: ['check'], code: 2, errorCode: 'E_CONFIG', error: /src\/models\.ts/ },
  { name: 'a models module that throws', config: withModels, files: models("throw new Error('models broke')\n"), revisions: one, prepare: (ctx) => ctx.ok(upgrade), args: ['check'], code: 2, errorCode: 'E_CONFIG', error: /^cannot load the models module .*models\.ts: models broke$/, hint: 'fix the module, or `models` in the config' },
  { name: 'a models module with a syntax error', config: withModels, files: models('export const = 1\n'), revisions: one, prepare: (ctx) => ctx.ok(upgrade), args: ['check'], code: 2, errorCode: 'E_CONFIG', error: /^cannot load the models module .*models\.ts: / },
  { name: 'a models module exporting no table', config: withModels, files: models('export const answer = 42\n'), revisions: one, prepare: (ctx) => ctx.ok(upgrade), args: ['check'], code: 2, errorCode: 'E_CONFIG', error: /^the models module .*models\.ts exports no table and no MetaData$/ },
  { name: 'a models module defining one table twice', config: withModels, files: models("import { t, table } from 'athanor'\nexport const a = table('users', { id: t.integer() })\nexport const b = table('users', { id: t.integer() })\n"), revisions: one, prepare: (ctx) => ctx.ok(upgrade), args: ['check'], code: 2, errorCode: 'E_CONFIG', error: 'the models define table "users" twice' },
  { name: 'autogenerate on a database behind the head', config: withModels, files: models("import { t, table } from 'athanor'\nexport const users = table('users', { id: t.integer() })\n"), revisions: one, args: ['revision', '--autogenerate', '-m', 'x'], code: 1, errorCode: 'E_NOT_AT_HEAD', error: /not .*head/ },
  { name: 'a revision --head that no file defines', revisions: one, args: ['revision', '-m', 'x', '--head', 'ffff00000009'], code: 2, errorCode: 'E_USAGE', error: /ffff00000009/ },
  { name: 'a --rev-id that exists already', revisions: one, args: ['revision', '-m', 'x', '--rev-id', A], code: 2, errorCode: 'E_USAGE', error: /aaaa00000001/ },
  { name: 'a --rev-id with a slash', revisions: one, args: ['revision', '-m', 'x', '--rev-id', '../evil'], code: 2, errorCode: 'E_USAGE', error: /\.\.\/evil/ },
  { name: 'a merge of one revision', revisions: one, args: ['merge', A, '-m', 'x'], code: 2, errorCode: 'E_USAGE', error: /two/ },
]

const unreachable = 'postgres://postgres@127.0.0.1:1/x'

export const URL_CASES: readonly HostileCase[] = [
  { name: 'an unknown URL scheme', revisions: one, args: ['--url', 'oracle://db/x', 'upgrade', 'head'], code: 2, errorCode: 'E_CONFIG', error: /oracle/ },
  { name: 'an http URL', revisions: one, args: ['--url', 'http://example.com/db', 'current'], code: 2, errorCode: 'E_CONFIG', error: /http/ },
  { name: 'an empty --url', revisions: one, args: ['--url', '', 'upgrade', 'head'], code: 2, errorCode: 'E_CONFIG', error: /URL/i },
  { name: 'a URL without a scheme', revisions: one, args: ['--url', 'app.db', 'upgrade', 'head'], code: 2, errorCode: 'E_CONFIG', error: /app\.db/ },
  { name: 'a SQLite file that does not exist, read', revisions: one, args: ['--url', 'sqlite:./missing.db', 'current'], code: 2, errorCode: 'E_CONFIG', error: /no such database file/ },
  { name: 'a SQLite file that does not exist, checked', config: withModels, files: models("import { t, table } from 'athanor'\nexport const users = table('users', { id: t.integer() })\n"), revisions: one, args: ['--url', 'sqlite:./missing.db', 'check'], code: 1, errorCode: 'E_NOT_AT_HEAD', error: /^the database is not up to date: it is at base/ },
  { name: 'a PGlite folder that does not exist, read', revisions: one, args: ['--url', 'pglite:./missing-pg', 'current'], code: 2, errorCode: 'E_CONFIG', error: /no such database/ },
  { name: 'a SQLite path that is a folder', revisions: one, args: ['--url', 'sqlite:./migrations', 'upgrade', 'head'], code: 1, errorCode: 'E_DATABASE', error: /migrations/ },
  { name: 'a file that is not a SQLite database', revisions: one, files: { 'junk.db': 'this is not a database, just text that is long enough to be a header\n'.repeat(20) }, args: ['--url', 'sqlite:./junk.db', 'upgrade', 'head'], code: 1, errorCode: 'E_DATABASE', error: /not a database/ },
  { name: 'PostgreSQL on a port nobody listens on', revisions: one, args: ['--url', unreachable, 'upgrade', 'head'], code: 1, errorCode: 'E_DATABASE', error: /127\.0\.0\.1:1/ },
  { name: 'MariaDB on a port nobody listens on', revisions: one, args: ['--url', 'mysql://root@127.0.0.1:1/x', 'current'], code: 1, errorCode: 'E_DATABASE', error: /127\.0\.0\.1:1/ },
  { name: 'a PostgreSQL database that does not exist', revisions: one, args: ['--url', 'postgres://postgres@127.0.0.1:5432/athanor_no_such_db', 'upgrade', 'head'], code: 1, errorCode: 'E_DATABASE', error: /athanor_no_such_db/ },
  { name: 'a MariaDB database that does not exist', revisions: one, args: ['--url', 'mysql://root@127.0.0.1:3306/athanor_no_such_db', 'upgrade', 'head'], code: 1, errorCode: 'E_DATABASE', error: /athanor_no_such_db/ },
  { name: 'a password in the URL is masked in the error', revisions: one, args: ['--url', `postgres://app:${TEST_PASSWORD}@127.0.0.1:1/x`, 'upgrade', 'head'], code: 1, errorCode: 'E_DATABASE', error: /postgres:\/\/app:\*\*\*@127\.0\.0\.1:1\/x|127\.0\.0\.1:1/ },
  { name: 'an unencoded @ in the password is masked whole', revisions: one, args: ['--url', `postgres://app:${TEST_PASSWORD_AT}@127.0.0.1:1/x`, 'current'], code: 1, errorCode: 'E_DATABASE', error: /127\.0\.0\.1:1/ },
  { name: 'a ?password= parameter is masked', revisions: one, args: ['--url', `postgres://app@127.0.0.1:1/x?password=${TEST_PASSWORD_PARAM}`, 'current'], code: 1, errorCode: 'E_DATABASE', error: /127\.0\.0\.1:1/ },
  { name: 'a wrong password for MariaDB', revisions: one, args: ['--url', `mysql://nobody_here:${TEST_PASSWORD}@127.0.0.1:3306/x`, 'upgrade', 'head'], code: 1, errorCode: 'E_DATABASE', error: /nobody_here/ },
]

describe('hostile configs on sqlite', () => {
  it.each(CONFIG_CASES)('$name', (c) => expectRefused(c, 'sqlite'))
})

describe('hostile models on sqlite', () => {
  it.each(MODEL_CASES)('$name', (c) => expectRefused(c, 'sqlite'))
})

describe('hostile URLs', () => {
  it.each(URL_CASES)('$name', (c) => expectRefused(c, 'sqlite'))
})
