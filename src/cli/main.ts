#!/usr/bin/env node
/**
 * The `athanor` executable. Everything lives in `runCli`; this file only hands
 * it the process and sets the exit code.
 */
import { runCli } from './program.js'

process.exitCode = await runCli(process.argv.slice(2))
