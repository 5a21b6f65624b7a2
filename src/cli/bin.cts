#!/usr/bin/env node
/**
 * The `localhost-lab` bin once package.json names dist/cli/bin.cjs (built by tools/build/bundle.mjs): CommonJS, so
 * that the quick commands never start Node's ES module loader. On Node 20 that loader alone costs more than the
 * work of `ports`: an empty .mjs file took 1.27× the CPU of `node -e 0` here, and `ports` from a CommonJS bundle 52 ms
 * of CPU against 84 ms from the ES module chunks (medians of 11, side by side).
 *
 * Each quick command, and demo, is one CommonJS file of its own (dist/cli/quick-<name>.cjs: the whole CLI with only
 * that command in it). Every other command line, help and --version included, goes to the ES module bin
 * (dist/cli/main.js), whose chunks keep fastify and ws lazy.
 *
 * Each quick file runs with V8's code cache (./code-cache.cts), written after a run, on every Node: Node's own
 * compile cache (22.1+) keeps only what was compiled before the code ran, and explain on Node 22 took 68.7 ms with
 * it against 56.9 ms with ours (medians of 15, side by side). The compile cache is enabled here for main.js and its
 * chunks, before the first of them is compiled, which V8's code cache cannot do for ES modules.
 */
const quick: Record<string, string> = {
  ports: 'quick-ports.cjs',
  probe: 'quick-probe.cjs',
  check: 'quick-check.cjs',
  explain: 'quick-explain.cjs',
  demo: 'quick-demo.cjs',
}

/** Node 22.1+: its compile cache in the OS temp dir, as npm does; NODE_DISABLE_COMPILE_CACHE=1 turns it off. */
function enableNodeCompileCache (): void {
  try {
    (require('node:module') as { enableCompileCache?: () => unknown }).enableCompileCache?.()
  } catch {}
}

const name = process.argv[2]
if (name !== undefined && Object.hasOwn(quick, name)) {
  (require('./code-cache.cjs') as typeof import('./code-cache.cjs')).requireWithCodeCache(`${__dirname}/${quick[name]}`)
} else {
  enableNodeCompileCache()
  void import('./main.js')
}
