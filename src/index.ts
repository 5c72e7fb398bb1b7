/**
 * athanor's public entry point: what `import … from 'athanor'` gives a config
 * file, a revision script, or an application.
 */
export { defineConfig } from './config/config-types.js'
export type { AthanorConfig, ResolvedConfig, IncludeObjectInfo } from './config/config-types.js'
export { xArg, getXArgs } from './config/x-args.js'
export { loadConfig } from './config/load-config.js'
export type { LoadConfigOptions } from './config/load-config.js'
export { parseDatabaseUrl, maskPasswords, DEFAULT_DATABASE_URL } from './config/url.js'
export type { DatabaseUrl } from './config/url.js'
export { AthanorError, UsageError, ConfigError, RevisionError, DatabaseError } from './errors.js'
export * from './operations/index.js'
export type { Revision } from './script/revision.js'
export { Athanor } from './api.js'
export type { AthanorOptions, HistoryEntry, RunOptions, RevisionDetails, NewRevisionOptions, MergeOptions, RunResult, StepResult } from './api.js'
export { initProject } from './config/init-project.js'
export type { InitProjectOptions, InitProjectResult } from './config/init-project.js'
export * from './schema/index.js'
export { reflect, reflectorFor } from './dialect/reflector.js'
export type { ReflectOptions, ReflectedNameKind, Reflector } from './dialect/reflector.js'
export * from './dialect/reflected-schema.js'
export { openConnection } from './dialect/connect.js'
export type { DatabaseConnection, Dialect, Row, SqlStatement } from './dialect/dialect.js'
