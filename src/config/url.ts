/**
 * The URL facts config and the CLI use. Which schemes exist and how each is
 * read belong to the dialects (src/dialect/registry.ts); config asks the
 * registry and never names a scheme itself.
 *
 * @example
 * parseDatabaseUrl(config.url).dialect // the dialect the config's URL names
 */
export { type DatabaseUrl } from '../dialect/database-url.js'
export { maskPasswords, SecretMask } from '../dialect/secret-mask.js'
export { anchorEmbeddedPath, DEFAULT_DATABASE_URL, parseDatabaseUrl } from '../dialect/registry.js'
