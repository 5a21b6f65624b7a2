/**
 * One CLI run in a fresh process, watched from outside: wall time, exit code, signals sent at chosen moments, and
 * what it left behind according to the kernel (src/diagnose/leftovers.ts). Shared by `npm run soak` and the tests.
 */
import { spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import { RUN_MARKER, netnsList, watchRun, type Leftovers } from '../src/diagnose/leftovers.js'
import { median } from '../src/measure/stats.js'
export { median, percentile } from '../src/measure/stats.js'

export interface WatchedRun {
  args: string[]
  pid: number
  code: number | null
  signal: NodeJS.Signals | null
  wallMs: number
  /** From the first signal we sent to the process's exit. */
  signalToExitMs?: number
  /**
   * The first signal went out before the run printed anything: it may have landed before Node ran our first line,
   * when the default action (die by the signal) still applies.
   */
  signalBeforeOutput?: boolean
  /** The signals actually sent (a run that ended before its moment gets none). */
  sent: NodeJS.Signals[]
  timedOut: boolean
  stdout: string
  stderr: string
  /** stdout parsed as NDJSON (non-JSON lines skipped). */
  events: Array<Record<string, unknown>>
  leftovers: Leftovers
}

export interface WatchOptions {
  /** The node binary. Default: this one. */
  node?: string
  /** Send these signals at these times: ms after spawn, or after stdout first contains `afterStdout`. */
  signals?: Array<{ atMs: number, signal: NodeJS.Signals, afterStdout?: string }>
  /** SIGKILL the run after this long and count it as timed out. Default 60 s. */
  timeoutMs?: number
  env?: NodeJS.ProcessEnv
}

export async function runWatched (cli: string, args: string[], opts: WatchOptions = {}): Promise<WatchedRun> {
  const marker = randomUUID()
  const namespacesBefore = await netnsList()
  const t0 = performance.now()
  const child = spawn(opts.node ?? process.execPath, [cli, ...args], {
    // As a user runs it: no loaders a test runner put in NODE_OPTIONS (unless asked for).
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, NODE_OPTIONS: undefined, ...opts.env, [RUN_MARKER]: marker },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const watch = watchRun(child.pid!, marker, namespacesBefore ? { namespacesBefore } : {})
  let stdout = ''
  let stderr = ''
  let firstOutputAt: number | undefined
  const sent: NodeJS.Signals[] = []
  let firstSignalAt: number | undefined
  let exited = false
  const timers: NodeJS.Timeout[] = []
  const waiting = (opts.signals ?? []).filter((s) => s.afterStdout !== undefined)
  function send (signal: NodeJS.Signals): void {
    if (exited) return
    firstSignalAt ??= performance.now()
    sent.push(signal)
    child.kill(signal)
  }
  for (const s of opts.signals ?? []) if (s.afterStdout === undefined) timers.push(setTimeout(send, s.atMs, s.signal))
  child.stdout.on('data', (d) => {
    stdout += d
    firstOutputAt ??= performance.now()
    for (const s of [...waiting]) {
      if (!stdout.includes(s.afterStdout!)) continue
      waiting.splice(waiting.indexOf(s), 1)
      timers.push(setTimeout(send, s.atMs, s.signal))
    }
  })
  child.stderr.on('data', (d) => { stderr += d })
  let timedOut = false
  const killer = setTimeout(() => { timedOut = true; child.kill('SIGKILL') }, opts.timeoutMs ?? 60_000)
  const { code, signal, at } = await new Promise<{ code: number | null, signal: NodeJS.Signals | null, at: number }>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (c, s) => {
      exited = true
      resolve({ code: c, signal: s, at: performance.now() })
    })
  })
  for (const t of timers) clearTimeout(t)
  clearTimeout(killer)
  // stdout may still hold the last lines: wait for the pipes to close.
  await new Promise<void>((resolve) => { if (child.stdout.closed && child.stderr.closed) resolve(); else child.once('close', () => resolve()) })
  const events: Array<Record<string, unknown>> = []
  for (const line of stdout.split('\n')) {
    if (!line.startsWith('{')) continue
    try { events.push(JSON.parse(line) as Record<string, unknown>) } catch {}
  }
  const run: WatchedRun = {
    args, pid: child.pid!, code, signal, wallMs: at - t0, sent, timedOut, stdout, stderr, events,
    leftovers: await watch.leftovers(),
  }
  if (firstSignalAt !== undefined) {
    run.signalToExitMs = at - firstSignalAt
    run.signalBeforeOutput = firstOutputAt === undefined || firstSignalAt < firstOutputAt
  }
  return run
}

/** Every `done` event of a `--json` run, and whether each was ok. */
export function doneEvents (run: WatchedRun): Array<{ scenario: string, ok: boolean, durationMs: number }> {
  return run.events.filter((e) => e.type === 'done').map((e) => ({ scenario: String(e.scenario), ok: e.ok === true, durationMs: Number(e.durationMs) }))
}

const SIGNAL_EXIT: Partial<Record<NodeJS.Signals, number>> = { SIGINT: 130, SIGTERM: 143 }

/** What went wrong with one run: empty when it exited cleanly and left nothing. */
export function problemsOf (run: WatchedRun, opts: { expectOk?: boolean } = {}): string[] {
  const problems: string[] = []
  if (run.timedOut) problems.push('did not exit: killed after the timeout')
  if (run.leftovers.total > 0) {
    const l = run.leftovers
    problems.push(`left behind: ${[...l.processes.map((p) => `process ${p}`), ...l.listeners, ...l.namespaces.map((n) => `netns ${n}`), l.sockets > 0 ? `${l.sockets} sockets` : ''].filter(Boolean).join(', ')}`)
  }
  if (/\n\s+at |internal error/.test(run.stderr)) problems.push(`stack trace or internal error on stderr: ${run.stderr.split('\n')[0]}`)
  if (opts.expectOk) {
    if (run.code !== 0) problems.push(`exit ${run.code ?? run.signal} (expected 0): ${run.stderr.trim().split('\n')[0] ?? ''}`)
    for (const d of doneEvents(run)) if (!d.ok) problems.push(`${d.scenario}: done.ok false`)
  }
  return problems
}

/**
 * The promise of Ctrl-C / SIGTERM: exit within `boundMs` of the signal with 130 / 143 and leave nothing. A run that
 * ended before its signal was due (or while the process was already exiting) must simply have succeeded. A signal that went out before the run printed
 * anything may have beaten Node to its first line of ours; dying by that signal is then what the shell also reports
 * as 130 / 143.
 */
export function interruptProblems (run: WatchedRun, boundMs = 1000): string[] {
  const problems = problemsOf(run)
  const first = run.sent[0]
  if (first === undefined) {
    if (run.code !== 0) problems.push(`finished before the signal, but exit ${run.code ?? run.signal}`)
    return problems
  }
  const want = SIGNAL_EXIT[first]
  const code = run.code ?? (run.signal === first && run.signalBeforeOutput ? want : undefined)
  // The story had ended (every done ok, none interrupted) and the process was on its way out: Node then either
  // ignores the signal (exit 0) or, late in its teardown, dies by it. Both are a run that finished first.
  const done = doneEvents(run)
  const finishedFirst = (run.code === 0 || run.signal === first) && done.length > 0 && done.every((d) => d.ok) &&
    !run.events.some((e) => e.interrupted !== undefined)
  if (code !== want && !finishedFirst) problems.push(`${first}: exit ${run.code ?? run.signal}, expected ${want}`)
  if (run.signalToExitMs! > boundMs) problems.push(`${first}: exited ${run.signalToExitMs!.toFixed(0)} ms after the signal (bound ${boundMs} ms)`)
  return problems
}

/**
 * How long `demo <id>` typically takes, from `demo --all --json` runs: Node's start and our imports (the run's wall
 * time minus its scenarios), plus that scenario's own duration. Medians; `fallbackMs` for an id never seen.
 */
export function typicalWallTimes (runs: WatchedRun[], fallbackMs = 1000): (id: string) => number {
  const durations = new Map<string, number[]>()
  const startups: number[] = []
  for (const run of runs) {
    let total = 0
    for (const d of doneEvents(run)) {
      durations.set(d.scenario, [...(durations.get(d.scenario) ?? []), d.durationMs])
      total += d.durationMs
    }
    startups.push(Math.max(0, run.wallMs - total))
  }
  const start = startups.length > 0 ? median(startups) : 300
  return (id) => start + (durations.has(id) ? median(durations.get(id)!) : fallbackMs)
}
