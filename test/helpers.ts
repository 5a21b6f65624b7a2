/** Test helpers: run scenarios and the real CLI, and read what the kernel says we still hold. */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { DoneEvent, LabEvent, ObserveEvent, Outcome } from '../src/core/events.js'
import type { Scenario } from '../src/core/lab.js'
import { runScenario, type RunOptions } from '../src/core/run.js'
import { tcpSocketsOf } from '../src/diagnose/ports/proc-net.js'

/**
 * The bin users run (package.json's "bin"): dist/cli/bin.cjs, which runs ports, probe, check and explain from their
 * CommonJS files and every other command from the ES module bundle (both built by tools/build/bundle.mjs).
 */
export const CLI = fileURLToPath(new URL('../dist/cli/bin.cjs', import.meta.url))
/**
 * tsc's output of the same CLI, one file per module: for the tests that watch which packages a command loads (a bundle
 * inlines them, so a loader hook cannot see them there).
 */
export const CLI_MODULES = fileURLToPath(new URL('../dist/src/cli/main.js', import.meta.url))

export interface Run {
  events: LabEvent[]
  done: DoneEvent
  observations: ObserveEvent[]
  attempts: Outcome[]
  /** Every `say`, `explain` and `fix` text, for checking that numbers in the narration are the measured ones. */
  narration: string
}

export function summarize (events: LabEvent[]): Run {
  const done = events.at(-1) as DoneEvent
  const observations = events.filter((e): e is ObserveEvent => e.type === 'observe')
  const attempts = observations.flatMap((o) => o.kind === 'attempt' ? [o.outcome] : [])
  const narration = events.flatMap((e) => e.type === 'say' || e.type === 'explain' || e.type === 'fix' ? [e.text] : []).join('\n')
  return { events, done, observations, attempts, narration }
}

/** Run a scenario in this process and collect its events (the same stream the CLI renders). */
export async function collect (scenario: Scenario, opts: RunOptions = {}): Promise<Run> {
  const events: LabEvent[] = []
  await runScenario(scenario, (e) => { events.push(structuredClone(e)) }, opts)
  return summarize(events)
}

export interface CliResult {
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** stdout parsed as NDJSON (lines that are not JSON are skipped). */
  events: LabEvent[]
}

/** Run the built CLI as a user would: a fresh node process. */
export function cli (args: string[], opts: { env?: NodeJS.ProcessEnv, input?: string, onSpawn?: (pid: number) => void, nodePath?: string, bin?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(opts.nodePath ?? process.execPath, [opts.bin ?? CLI, ...args], {
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...opts.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('error', reject)
    if (child.pid !== undefined) opts.onSpawn?.(child.pid)
    child.stdin.end(opts.input ?? '')
    child.on('close', (code, signal) => {
      const events: LabEvent[] = []
      for (const line of stdout.split('\n')) {
        if (!line.startsWith('{')) continue
        try { events.push(JSON.parse(line) as LabEvent) } catch {}
      }
      resolve({ code, signal, stdout, stderr, events })
    })
  })
}

/** TCP sockets this test process still holds, read from /proc (the kernel's view, not our bookkeeping). */
export async function ourSockets (state?: string): Promise<string[]> {
  const sockets = await tcpSocketsOf(process.pid)
  return sockets.filter((s) => state === undefined || s.state === state).map((s) => `${s.state} ${s.localAddress}:${s.localPort}`)
}

/**
 * Node handles that would keep a process alive: servers and sockets (stdio pipes aside). libuv finishes closing a
 * handle in the loop's close phase, after `server.close()`'s callback, so let one loop turn pass before looking.
 */
export async function liveNetHandles (): Promise<string[]> {
  await new Promise((resolve) => setImmediate(resolve))
  await new Promise((resolve) => setTimeout(resolve, 0))
  return process.getActiveResourcesInfo().filter((r) => /TCP|UDP/i.test(r))
}

export const isLinux = process.platform === 'linux'

/** The observations of one kind, typed: `ofKind(run, 'listening')`. */
export function ofKind<K extends ObserveEvent['kind']> (run: Run, kind: K): Array<Extract<ObserveEvent, { kind: K }>> {
  return run.observations.filter((o): o is Extract<ObserveEvent, { kind: K }> => o.kind === kind)
}

/** Run a scenario and assert it reproduced what it promises: `done.ok`, and every code of its metadata observed. */
export async function reproduce (t: { equal (a: unknown, b: unknown, msg: string): unknown, ok (v: unknown, msg: string): unknown }, scenario: Scenario): Promise<Run> {
  const run = await collect(scenario)
  t.equal(run.done.ok, true, run.done.error?.message ?? `reproduced ${scenario.id}`)
  for (const code of scenario.codes) t.ok(run.done.observed.includes(code), `${code} observed`)
  return run
}

/** The attempts made during step `n` (numbered from 1), in the order they finished. */
export function attemptsInStep (run: Run, n: number): Outcome[] {
  let step = 0
  const out: Outcome[] = []
  for (const e of run.events) {
    if (e.type === 'step') step = e.n
    else if (step === n && e.type === 'observe' && e.kind === 'attempt') out.push(e.outcome)
  }
  return out
}

/** The value of the first fact with this key. */
export function factValue (run: Run, key: string): unknown {
  const f = run.observations.find((o) => o.kind === 'fact' && o.key === key)
  return f && f.kind === 'fact' ? f.value : undefined
}

/** Is this process still alive? (signal 0 only checks.) */
export function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
