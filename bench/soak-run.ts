/**
 * `npm run soak`: N consecutive `demo --all` runs (default 100), then P catalogues in parallel × M runs (4 × 25),
 * then K Ctrl-C / SIGTERM trials (50). Prints the counts; exits 1 if any run failed or left something behind.
 *
 *   npm run soak -- --runs 20 --parallel 2 --parallel-runs 5 --interrupts 10
 *   SOAK_RUNS=20 npm run soak
 */
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { soak, soakTable } from './soak.js'

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: process.env.SOAK_RUNS ?? '100' },
    parallel: { type: 'string', default: process.env.SOAK_PARALLEL ?? '4' },
    'parallel-runs': { type: 'string', default: process.env.SOAK_PARALLEL_RUNS ?? '25' },
    interrupts: { type: 'string', default: process.env.SOAK_INTERRUPTS ?? '50' },
    node: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
})
if (values.help) {
  process.stdout.write(`Usage: npm run soak -- [--runs N] [--parallel P] [--parallel-runs M] [--interrupts K] [--node PATH]

  --runs N            consecutive demo --all runs (default 100, env SOAK_RUNS)
  --parallel P        catalogues running at the same time (default 4, env SOAK_PARALLEL)
  --parallel-runs M   runs per parallel worker (default 25, env SOAK_PARALLEL_RUNS)
  --interrupts K      SIGINT/SIGTERM trials at random moments of random scenarios (default 50, env SOAK_INTERRUPTS)
  --node PATH         the node binary to run the CLI with (default: this one)
`)
  process.exit(0)
}
const count = (name: string, v: string | undefined): number => {
  const n = Number(v)
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`soak: --${name} must be a whole number, got '${v}'\n`)
    process.exit(2)
  }
  return n
}
const opts = {
  cli: fileURLToPath(new URL('../src/cli/main.js', import.meta.url)),
  runs: count('runs', values.runs),
  parallel: count('parallel', values.parallel),
  parallelRuns: count('parallel-runs', values['parallel-runs']),
  interrupts: count('interrupts', values.interrupts),
  ...(values.node ? { node: values.node } : {}),
}
process.stdout.write(`localhost-lab soak: node ${process.version}; ${opts.runs} consecutive, ${opts.parallel} × ${opts.parallelRuns} parallel, ${opts.interrupts} interrupts\n`)
let last = ''
const results = await soak({
  ...opts,
  onRun (phase, _run, problems) {
    if (phase !== last) process.stdout.write(`${last ? '\n' : ''}${phase}: `)
    last = phase
    process.stdout.write(problems.length > 0 ? 'F' : '.')
  },
})
process.stdout.write(`\n\n${soakTable(results)}\n`)
const problems = results.flatMap((r) => r.problems)
if (problems.length > 0) process.stdout.write(`\n${problems.join('\n')}\n`)
const failures = results.reduce((n, r) => n + r.failures, 0)
const leftovers = results.reduce((n, r) => n + r.leftovers, 0)
process.stdout.write(`\nruns ${results.reduce((n, r) => n + r.runs, 0)}, failures ${failures}, leftovers ${leftovers}\n`)
process.exitCode = failures + leftovers > 0 ? 1 : 0
