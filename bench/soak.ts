/**
 * The soak: many `demo --all` runs in fresh processes, one after another and then several at once, and Ctrl-C /
 * SIGTERM at random moments of random scenarios. After each run, what it left behind is read from the kernel
 * (bench/watched.ts). `npm run soak` runs it in full; test/soak.test.ts runs a short version.
 */
import { spawnSync } from 'node:child_process'
import { table } from './lib.js'
import { doneEvents, interruptProblems, median, percentile, problemsOf, runWatched, typicalWallTimes, type WatchedRun } from './watched.js'

export interface SoakOptions {
  /** The built CLI (dist/src/cli/main.js). */
  cli: string
  node?: string
  /** Consecutive `demo --all` runs. */
  runs: number
  /** Workers running catalogues at the same time, and runs each. */
  parallel: number
  parallelRuns: number
  /** Ctrl-C / SIGTERM trials. */
  interrupts: number
  /** Called with each finished run (for progress output). */
  onRun?: (phase: Phase, run: WatchedRun, problems: string[]) => void
}

export type Phase = 'consecutive' | 'parallel' | 'interrupts'

export interface PhaseResult {
  phase: Phase
  runs: number
  failures: number
  /** Runs that left something behind (a process, socket, listener or namespace). */
  leftovers: number
  medianMs: number
  p95Ms: number
  /** The problems, one line each, prefixed by the run. */
  problems: string[]
  /** For interrupts: how many really interrupted a running scenario, and the slowest exit after a signal. */
  interrupted?: number
  maxSignalToExitMs?: number
}

function catalogue (opts: SoakOptions): string[] {
  const r = spawnSync(opts.node ?? process.execPath, [opts.cli, 'list', '--json'], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`list --json failed: ${r.stderr}`)
  return (JSON.parse(r.stdout) as Array<{ id: string }>).map((s) => s.id)
}

function tally (phase: Phase, runs: Array<{ run: WatchedRun, problems: string[] }>): PhaseResult {
  const walls = runs.map((r) => r.run.wallMs)
  return {
    phase,
    runs: runs.length,
    failures: runs.filter((r) => r.problems.length > 0).length,
    leftovers: runs.filter((r) => r.run.leftovers.total > 0).length,
    medianMs: median(walls),
    p95Ms: percentile(walls, 95),
    problems: runs.flatMap((r, i) => r.problems.map((p) => `${phase} #${i + 1} (${r.run.args.join(' ')}): ${p}`)),
  }
}

export async function soak (opts: SoakOptions): Promise<PhaseResult[]> {
  const ids = catalogue(opts)
  const results: PhaseResult[] = []
  const watch = opts.node ? { node: opts.node, timeoutMs: 120_000 } : { timeoutMs: 120_000 }
  async function catalogueRun (phase: Phase): Promise<{ run: WatchedRun, problems: string[] }> {
    const run = await runWatched(opts.cli, ['demo', '--all', '--json'], watch)
    const problems = problemsOf(run, { expectOk: true })
    // Counted in leftovers.total already; named here, since the line above lists only the kernel's kinds.
    if (run.leftovers.containers.length > 0) problems.push(`left in a container engine: ${run.leftovers.containers.join(', ')}`)
    const done = doneEvents(run)
    if (done.length !== ids.length) problems.push(`${done.length} scenarios finished, the catalogue has ${ids.length}`)
    opts.onRun?.(phase, run, problems)
    return { run, problems }
  }

  const consecutive: Array<{ run: WatchedRun, problems: string[] }> = []
  for (let i = 0; i < opts.runs; i++) consecutive.push(await catalogueRun('consecutive'))
  if (opts.runs > 0) results.push(tally('consecutive', consecutive))

  const parallel: Array<{ run: WatchedRun, problems: string[] }> = []
  await Promise.all(Array.from({ length: opts.parallel }, async () => {
    for (let i = 0; i < opts.parallelRuns; i++) parallel.push(await catalogueRun('parallel'))
  }))
  if (opts.parallel * opts.parallelRuns > 0) results.push(tally('parallel', parallel))

  if (opts.interrupts > 0) {
    // A scenario's typical wall time as `demo <id>`, from the consecutive runs (one more if there were none).
    const typical = typicalWallTimes(consecutive.length > 0 ? consecutive.map((c) => c.run) : [await runWatched(opts.cli, ['demo', '--all', '--json'], watch)])
    const trials: Array<{ run: WatchedRun, problems: string[] }> = []
    let interrupted = 0
    for (let i = 0; i < opts.interrupts; i++) {
      const id = ids[Math.floor(Math.random() * ids.length)]!
      const signal = Math.random() < 0.5 ? 'SIGINT' : 'SIGTERM'
      const atMs = Math.random() * typical(id)
      const run = await runWatched(opts.cli, ['demo', id, '--json'], { ...watch, signals: [{ atMs, signal }] })
      const problems = interruptProblems(run)
      if (run.events.some((e) => e.type === 'done' && e.interrupted !== undefined)) interrupted++
      opts.onRun?.('interrupts', run, problems)
      const last = run.events.at(-1)
      const lastText = last === undefined ? 'no output' : `last event ${String(last.type)}${last.type === 'done' ? ` ok=${String(last.ok)}` : ''}`
      trials.push({ run, problems: problems.map((p) => `${p} (signal at ${atMs.toFixed(0)} ms; ${lastText})`) })
    }
    results.push({
      ...tally('interrupts', trials),
      interrupted,
      maxSignalToExitMs: Math.max(0, ...trials.flatMap((t) => t.run.signalToExitMs ?? [])),
    })
  }
  return results
}

export function soakTable (results: PhaseResult[]): string {
  return table(results.map((r) => ({
    phase: r.phase,
    runs: r.runs,
    failures: r.failures,
    leftovers: r.leftovers,
    'median ms': Math.round(r.medianMs),
    'p95 ms': Math.round(r.p95Ms),
    note: r.interrupted !== undefined ? `${r.interrupted} interrupted mid-scenario; slowest exit ${Math.round(r.maxSignalToExitMs!)} ms after the signal` : '',
  })))
}
