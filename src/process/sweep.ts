/**
 * What a lab killed with SIGKILL leaves behind, and the sweep that removes it at the start of the next `demo`.
 *
 * A lab that gets SIGKILL runs no cleanup. Two layers make sure nothing it started outlives it:
 * 1. At once, by the kernel: every child program is exec'd through `setpriv --pdeathsig KILL` (./child.ts), so the
 *    kernel sends it SIGKILL the moment the lab dies. SIGKILL needs no cooperation, so a SIGSTOPped child dies too
 *    (a stopped process never sees its IPC channel close: `leaveWithParent()` cannot help it). No extra process per
 *    run, nothing that can itself be killed first, as a watchdog could.
 * 2. Later, by the next run: what the kernel could not catch (no `setpriv`, a bare `lab.spawn()` of any command, the
 *    lab dying before setpriv armed the signal) carries `OWNER_MARKER=<lab pid>:<its start time>` in its
 *    environment, set by `startChild()`. `sweepAtStart()` finds such processes in /proc and kills them only when the lab that started
 *    them is dead: a live lab's children (tap runs tests in parallel, the soak runs 4 catalogues at once) are never
 *    touched. The start time names the lab for good, so a pid recycled by another program does not keep an
 *    orphan alive. The same sweep removes `llab-<pid>-*` namespaces of dead labs (../netns/namespace.ts), and the
 *    containers, networks and images a dead lab left in a container engine (../containers/owned.ts: by their
 *    `localhost-lab.owner` label, asked of the engine only when a dead lab's marker file says it used one).
 *
 * Cost: one readdir of /proc and one read of each process's environ (EACCES for other users' processes, at once),
 * and the stat of an owner only when its marker is found; test/sweep.test.ts prints the figure (2-4 ms for ~100-200
 * processes on a quiet machine, 10-40 ms on a loaded one).
 */
import { readFileSync } from 'node:fs'
import { now } from '../core/clock.js'
import { parseStat, processIds } from './proc.js'
import { labNamespaces, sweepLeftovers } from '../netns/namespace.js'
import { which } from './tool.js'
import { sweepDeadLabs } from '../containers/owned.js'

/** The environment variable every process the lab starts carries: `<lab pid>:<lab start time>`. */
export const OWNER_MARKER = 'LOCALHOST_LAB_OWNER'

let mark: string | undefined

/** This process as an owner: its pid and (Linux) its start time in clock ticks since boot, from /proc/self/stat. */
export function ownerMark (): string {
  mark ??= `${process.pid}:${statOf('self')?.starttime ?? ''}`
  return mark
}

/** A process's start time from /proc/<pid>/stat, or undefined when it is gone, a zombie, or there is no /proc. */
function statOf (pid: number | 'self'): { starttime: number } | undefined {
  try {
    const entry = parseStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
    return entry === undefined || entry.state === 'Z' ? undefined : entry
  } catch {
    return undefined
  }
}

/** Is the lab named by `value` (`pid:starttime`) still running? A value we cannot read counts as alive: never guess. */
export function ownerAlive (value: string): boolean {
  const m = /^(\d+):(\d*)$/.exec(value)
  if (m === null) return true
  const owner = statOf(Number(m[1]))
  if (owner === undefined) return false
  return m[2] === '' || owner.starttime === Number(m[2])
}

/** What one sweep did, and what it cost. */
export interface SweepReport {
  /** Pids of orphaned lab processes that were killed. */
  killed: number[]
  /** `llab-*` namespaces of dead labs that were removed. */
  namespaces: string[]
  /** `container <name>`, `network <name>`, `image <id>` of dead labs that were removed from an engine. */
  containers: string[]
  elapsedMs: number
}

/**
 * Kill every process that carries our marker while the lab that started it is dead. Linux only (/proc).
 * Synchronous on purpose: a few hundred small reads in a row take a few ms, where the same reads through the thread
 * pool took 15-25 ms on a busy machine; and nothing else runs yet when a command starts.
 */
export function sweepOrphans (): number[] {
  if (process.platform !== 'linux') return []
  const prefix = `${OWNER_MARKER}=`
  const killed: number[] = []
  for (const pid of processIds()) {
    if (pid === process.pid) continue
    let environ: string
    try {
      environ = readFileSync(`/proc/${pid}/environ`, 'latin1')
    } catch {
      continue // Another user's, or gone.
    }
    const at = environ.indexOf(prefix)
    if (at < 0 || (at > 0 && environ[at - 1] !== '\0')) continue
    const end = environ.indexOf('\0', at)
    if (ownerAlive(environ.slice(at + prefix.length, end < 0 ? undefined : end))) continue
    try {
      // SIGKILL ends a stopped process too; no SIGCONT needed first.
      process.kill(pid, 'SIGKILL')
      killed.push(pid)
    } catch {
      // It exited meanwhile, or it is not ours to signal.
    }
  }
  return killed
}

/**
 * The sweep every `demo` starts with: orphans of dead labs, then their namespaces (only when there are `llab-*`
 * names and `ip` is installed; no `ip`, nothing to do and no error). Never throws: a sweep must not fail a run.
 */
export async function sweepAtStart (): Promise<SweepReport> {
  // The lab's clock, not the `performance` global: that loads node:perf_hooks, about 0.8 ms of a start on Node 20.
  const t0 = now()
  let killed: number[] = []
  try {
    killed = sweepOrphans()
  } catch {}
  let namespaces: string[] = []
  if ((await labNamespaces()).length > 0 && await which('ip') !== undefined) namespaces = await sweepLeftovers().catch(() => [])
  const containers = await sweepDeadLabs(ownerAlive)
  return { killed, namespaces, containers, elapsedMs: now() - t0 }
}
