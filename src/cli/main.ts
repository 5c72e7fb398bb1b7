#!/usr/bin/env node
/**
 * The `athanor` executable. Everything lives in `runCli`; this file only hands
 * it the process and sets the exit code.
 */
import { runCli } from './program.js'

// `athanor history | head` closes the pipe early: the reader has what it wanted, so stop
// quietly instead of dying with an unhandled EPIPE stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0)
  throw error
})

process.exitCode = await runCli(process.argv.slice(2))
