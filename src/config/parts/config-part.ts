/**
 * The part of `athanor` a config file needs: a config that imports only
 * these names from `athanor` loads nothing more of the package (see
 * package-parts.ts).
 *
 * @example
 * import { defineConfig, xArg } from 'athanor'
 * export default defineConfig({ url: xArg('url', 'sqlite:./app.db') })
 */
export { defineConfig } from '../config-types.js'
export { xArg, getXArgs } from '../x-args.js'
