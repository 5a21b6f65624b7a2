/**
 * What a finished run left behind, read from the kernel (Linux /proc and `ip netns list`), not from our own
 * bookkeeping: processes that descend from it (or carry its marker in their environment), the sockets those hold,
 * and network namespaces named after its processes (`llab-<pid>-<role>`).
 *
 * An orphan is re-parented to init as soon as its parent exits, so "whose parent chain leads to the run" has to be
 * seen while the run is alive: `watchRun()` polls the process table during the run and keeps every descendant it saw
 * (pid and start time, so a recycled pid is not mistaken for ours). The environment marker catches what the polls
 * missed: children inherit the environment, so every process started by the run carries it.
 */
import { readFile } from 'node:fs/promises'
import { parseStat, processIds, type ProcEntry } from '../process/proc.js'
import { run } from '../process/tool.js'
import { parseProcNetTcp, socketInodesOf, type ProcSocket } from './ports/proc-net.js'
import { findEngine, type EngineName } from '../containers/engine.js'
import { listOwned } from '../containers/owned.js'

export async function processTable (): Promise<Map<number, ProcEntry>> {
  const table = new Map<number, ProcEntry>()
  await Promise.all(processIds().map(async (d) => {
    try {
      const e = parseStat(await readFile(`/proc/${d}/stat`, 'utf8'))
      if (e) table.set(e.pid, e)
    } catch {
      // It exited while we looked.
    }
  }))
  return table
}

/** Every process whose parent chain leads to `root` (not `root` itself). */
export function descendantsIn (table: Map<number, ProcEntry>, root: number): ProcEntry[] {
  const children = new Map<number, ProcEntry[]>()
  for (const e of table.values()) {
    const list = children.get(e.ppid) ?? []
    list.push(e)
    children.set(e.ppid, list)
  }
  const out: ProcEntry[] = []
  const todo = [root]
  while (todo.length > 0) {
    for (const c of children.get(todo.pop()!) ?? []) {
      out.push(c)
      todo.push(c.pid)
    }
  }
  return out
}

/** Processes whose environment holds `name=value` exactly. */
export async function processesWithEnv (name: string, value: string): Promise<number[]> {
  const needle = `${name}=${value}`
  const table = await processTable()
  const found: number[] = []
  await Promise.all([...table.keys()].map(async (pid) => {
    try {
      if ((await readFile(`/proc/${pid}/environ`, 'utf8')).split('\0').includes(needle)) found.push(pid)
    } catch {}
  }))
  return found
}

/** Names from `ip netns list`, or undefined when `ip` is not there to ask. */
export async function netnsList (): Promise<string[] | undefined> {
  const listed = await run('ip', ['netns', 'list'], { allowFail: true }).catch(() => undefined)
  if (listed === undefined || listed.exitCode !== 0) return undefined
  return listed.stdout.split('\n').map((l) => l.trim().split(/\s+/)[0] ?? '').filter(Boolean)
}

/** The TCP sockets a process holds, in its own network namespace's table (`/proc/<pid>/net/tcp`). */
export async function tcpSocketsInNetnsOf (pid: number): Promise<ProcSocket[]> {
  const [inodes, v4, v6] = await Promise.all([
    socketInodesOf(pid),
    readFile(`/proc/${pid}/net/tcp`, 'utf8').catch(() => ''),
    readFile(`/proc/${pid}/net/tcp6`, 'utf8').catch(() => ''),
  ])
  return [...parseProcNetTcp(v4, 'IPv4'), ...parseProcNetTcp(v6, 'IPv6')].filter((s) => inodes.has(s.inode))
}

/** SIGKILL is pending for the process (/proc/PID/status SigPnd or ShdPnd, bit 9): the kernel is ending it. */
export async function dying (pid: number): Promise<boolean> {
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8')
    return [...status.matchAll(/^(?:SigPnd|ShdPnd):\s*([0-9a-f]+)$/gm)].some((m) => (BigInt(`0x${m[1]!}`) & 0x100n) !== 0n)
  } catch {
    return false
  }
}

export interface Leftovers {
  /** Processes of the run still alive after it ended: `pid command`. */
  processes: string[]
  /** Sockets (any kind) those processes hold, and among them the TCP listeners as `LISTEN addr:port (pid)`. */
  sockets: number
  listeners: string[]
  /** `llab-*` network namespaces of the run's processes still present. */
  namespaces: string[]
  /** Containers, networks and images labelled as the run's (`container llab-…`), in every engine that is here. */
  containers: string[]
  /** Set when a check could not be made here (not Linux, no `ip`). */
  unchecked: string[]
  total: number
}

/** The environment variable that marks every process of one watched run. */
export const RUN_MARKER = 'LOCALHOST_LAB_RUN'

export interface RunWatch {
  /** Look at the process table now (call it while the run is alive, as often as you can afford). */
  poll (): Promise<void>
  /** Stop polling; after the run has exited, say what it left. */
  leftovers (): Promise<Leftovers>
}

/**
 * Watch a run (a process started with `env[RUN_MARKER] = marker`): poll its descendants every `everyMs` while it
 * lives, then report what outlived it.
 */
export function watchRun (pid: number, marker: string, opts: { everyMs?: number, namespacesBefore?: string[] } = {}): RunWatch {
  const seen = new Map<number, ProcEntry>()
  let stopped = false
  let polling: Promise<void> = Promise.resolve()
  async function aliveIn (table: Map<number, ProcEntry>): Promise<Set<number>> {
    const alive = new Set<number>()
    for (const e of seen.values()) {
      const now = table.get(e.pid)
      if (now && now.starttime === e.starttime && now.state !== 'Z') alive.add(e.pid)
    }
    for (const p of await processesWithEnv(RUN_MARKER, marker)) {
      if (p !== process.pid && table.get(p)?.state !== 'Z') alive.add(p)
    }
    return alive
  }
  async function poll (): Promise<void> {
    const table = await processTable()
    for (const e of descendantsIn(table, pid)) seen.set(e.pid, e)
  }
  function loop (): void {
    if (stopped) return
    polling = poll().finally(() => { if (!stopped) setTimeout(loop, opts.everyMs ?? 25).unref() })
  }
  loop()
  return {
    poll,
    async leftovers () {
      stopped = true
      await polling
      const unchecked: string[] = []
      if (process.platform !== 'linux') unchecked.push(`processes and sockets: /proc is Linux only (${process.platform})`)
      let table = await processTable()
      let alive = await aliveIn(table)
      // A process the kernel is killing (a death signal on its way: SIGKILL pending) is not left running; it may only
      // be finishing a disk read. It has a moment to go before it counts.
      for (let waited = 0; waited < 2000 && (await Promise.all([...alive].map(dying))).some(Boolean); waited += 20) {
        await new Promise((resolve) => setTimeout(resolve, 20))
        table = await processTable()
        alive = await aliveIn(table)
      }
      const processes = [...alive].map((p) => `${p} ${table.get(p)?.comm ?? '?'}`)
      let sockets = 0
      const listeners: string[] = []
      for (const p of alive) {
        sockets += (await socketInodesOf(p)).size
        for (const s of await tcpSocketsInNetnsOf(p)) if (s.state === 'LISTEN') listeners.push(`LISTEN ${s.localAddress}:${s.localPort} (${p})`)
      }
      const ours = new Set([pid, ...seen.keys()])
      const names = await netnsList()
      let namespaces: string[] = []
      if (names === undefined) unchecked.push('network namespaces: `ip` is not installed')
      else {
        namespaces = names.filter((n) => {
          if (!n.startsWith('llab-')) return false
          const owner = /^llab-(\d+)(?:-|$)/.exec(n)
          return owner ? ours.has(Number(owner[1])) : opts.namespacesBefore !== undefined && !opts.namespacesBefore.includes(n)
        })
      }
      const containers = await engineLeftovers(ours)
      return { processes, sockets, listeners, namespaces, containers, unchecked, total: processes.length + sockets + namespaces.length + containers.length }
    },
  }
}

/**
 * What the engines here hold with a `localhost-lab.owner` label naming one of `pids` (the reusable base image has no
 * owner and is never counted). No engine installed or usable: nothing to leave, nothing to say.
 */
export async function engineLeftovers (pids: ReadonlySet<number>): Promise<string[]> {
  const out: string[] = []
  for (const name of ['docker', 'podman'] as EngineName[]) {
    const found = await findEngine(name)
    if ('why' in found) continue
    for (const o of await listOwned(found.engine)) {
      const pid = Number(/^(\d+):/.exec(o.owner)?.[1])
      if (pids.has(pid)) out.push(`${name} ${o.kind} ${o.id}`)
    }
  }
  return out
}
