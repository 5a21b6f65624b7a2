#!/usr/bin/env node
/**
 * The `localhost-lab` bin: thin. Everything it does lives in ./app.ts (importable without side effects); new commands
 * are registered in the `commands` table there.
 */
import module from 'node:module'
import { exitOnSignalUntilHandled } from './signals.js'
import { runCli } from './app.js'

// First thing: Ctrl-C from here on exits with 130 (see signals.ts). app.js and its one import are all that load before.
exitOnSignalUntilHandled()
// Node 22.1+: keep V8's compiled code of the modules loaded from here on (fastify, ws ...) in the OS temp dir, as npm
// does; later runs start faster. NODE_DISABLE_COMPILE_CACHE=1 turns it off. Node 20 has no such cache.
;(module as { enableCompileCache?: () => unknown }).enableCompileCache?.()
runCli(process.argv.slice(2))
