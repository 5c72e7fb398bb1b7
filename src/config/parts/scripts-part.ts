/**
 * The part of `athanor` revision scripts and models use: the config names,
 * the ops and the schema vocabulary. A module that imports only these names
 * from `athanor` loads neither the API object, the integrations nor the CLI
 * (see package-parts.ts).
 *
 * @example
 * import { t, type Operations } from 'athanor'
 * export async function upgrade(op: Operations) { await op.addColumn('users', 'bio', t.text()) }
 */
export * from './config-part.js'
export * from '../../operations/index.js'
export * from '../../schema/index.js'
