/**
 * Another program that takes a port of a lesson's at the moment that hurts: a second Node process listening on
 * `address`:`port`, answering every connection by closing it. Tests start it in a step gate (the step waits for it),
 * so the lesson meets it exactly where a busy machine would hand someone else the number.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import type { LabEvent } from '../src/core/events.js'
import type { Scenario } from '../src/core/lab.js'
import { runScenario } from '../src/core/run.js'
import { summarize, type Run } from './helpers.js'

export interface PortHolder {
  pid: number
  /** SIGKILL, and wait until the process is gone (its listener with it). */
  release (): Promise<void>
}

/** Resolves once the second process listens; rejects with its error (EADDRINUSE ...) printed if it could not. */
export async function holdPort (port: number, address: string): Promise<PortHolder> {
  const script = `require('node:net').createServer((s) => s.destroy()).listen(${port}, ${JSON.stringify(address)}, () => console.log('held'))`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = once(child, 'exit')
  const held = once(child.stdout!, 'data')
  const first = await Promise.race([held.then(() => 'held'), exited.then(() => 'exited')])
  if (first !== 'held') throw new Error(`the holder could not listen on ${address}:${port}`)
  return {
    pid: child.pid!,
    async release () {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}

/** A run of `scenario` in which a second process takes a port of the lesson's in the gate before one step. */
export interface TakenRun {
  run: Run
  /** The port the second process held. */
  held: number
  /** The lesson's narration after it said `line`: nothing there may name the held port. */
  after (line: string): string
}

/**
 * Run `scenario`; in the gate before the step `at` picks (by number and title), take `port(events so far)` on
 * `address` from a second process, and release it once the run is over.
 */
export async function runTaking (scenario: Scenario, at: (n: number, title: string) => boolean, port: (events: readonly LabEvent[]) => number | undefined, address = '127.0.0.1'): Promise<TakenRun> {
  const events: LabEvent[] = []
  let holder: PortHolder | undefined
  let held: number | undefined
  try {
    await runScenario(scenario, (e) => { events.push(structuredClone(e)) }, {
      async beforeStep (n, title) {
        if (holder !== undefined || !at(n, title)) return
        held = port(events)
        if (held === undefined) throw new Error(`no port to take before step ${n}`)
        holder = await holdPort(held, address)
      },
    })
  } finally {
    await holder?.release()
  }
  if (held === undefined) throw new Error('the step to take a port before never came')
  const run = summarize(events)
  return { run, held, after: (line) => run.narration.slice(run.narration.indexOf(line) + line.length) }
}
