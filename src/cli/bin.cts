#!/usr/bin/env node
/**
 * The `localhost-lab` bin once package.json names dist/cli/bin.cjs (built by tools/build/bundle.mjs): CommonJS, so
 * that the quick commands never start Node's ES module loader. On Node 20 that loader alone costs more than the
 * work of `ports`: an empty .mjs file took 1.27× the CPU of `node -e 0` here, and `ports` from a CommonJS bundle 52 ms
 * of CPU against 84 ms from the ES module chunks (medians of 11, side by side).
 *
 * Each quick command is one CommonJS file of its own (dist/cli/quick-<name>.cjs: the whole CLI with only that
 * command in it). Every other command line, help and --version included, goes to the ES module bin (dist/cli/main.js),
 * whose chunks keep the lessons, fastify and ws lazy.
 */
const quick: Record<string, () => unknown> = {
  ports: () => require('./quick-ports.cjs'),
  probe: () => require('./quick-probe.cjs'),
  check: () => require('./quick-check.cjs'),
  explain: () => require('./quick-explain.cjs'),
}

const name = process.argv[2]
if (name !== undefined && Object.hasOwn(quick, name)) quick[name]!()
else void import('./main.js')
