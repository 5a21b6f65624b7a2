/**
 * The parent side of a service run as a real child process (src/services/children/service.ts): start it through the
 * lab (which kills it at the end), learn its ports over IPC, wait for requests it holds, and send it signals, each
 * reported as events (listening, closed, facts).
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import type { Lab } from '../core/lab.js'
import { tcpSocketsOf } from '../diagnose/ports/proc-net.js'
import type { LabChild } from './child.js'
import { hostPort, now, since } from '../net/address.js'
import type { ChildListener, ChildMessage, ChildServiceSpec } from './children/protocol.js'

export type { ChildListener, ChildMessage, ChildServiceSpec } from './children/protocol.js'

export type InFlight = Extract<ChildMessage, { type: 'in-flight' }>

export interface ChildServiceListener extends ChildListener {
  /** `http://127.0.0.1:P` or `tcp://127.0.0.1:P`. */
  url: string
  /** `ws://127.0.0.1:P` for an HTTP listener that accepts WebSocket upgrades. */
  wsUrl?: string
}

export interface Killed {
  /** How the process ended, as the OS reports it (a SIGKILLed process has `signal: 'SIGKILL'`, `code: null`). */
  signal: NodeJS.Signals | null
  code: number | null
  /** Scenario time (lab.elapsed()) when the signal was sent. */
  at: number
  /** From sending the signal to the exit event. */
  waitedMs: number
}

export interface ChildService {
  pid: number
  child: LabChild
  label: string
  listeners: ChildServiceListener[]
  /** The listener with this name (`http`, or a TCP entry's name). Throws if there is none. */
  listener (name: string): ChildServiceListener
  /** Wait for the next `count` in-flight reports: requests the child now holds. */
  inFlight (count: number): Promise<InFlight[]>
  /**
   * Linux: the bytes clients sent on this listener's connections that the child has not read, from /proc/net/tcp
   * (the kernel's receive queue). Waits, briefly, until at least `atLeast` are there. Undefined elsewhere.
   */
  unread (name: string, atLeast?: number): Promise<number | undefined>
  /**
   * Linux: the connections waiting in this listener's accept queue, from /proc/net/tcp: the kernel completed their
   * handshake, the child has not called accept() yet. Undefined elsewhere.
   */
  queued (name: string): Promise<number | undefined>
  /** SIGKILL or SIGTERM: send it, wait for the exit, report the exit and every listener the kernel closed with it. */
  kill (signal?: 'SIGKILL' | 'SIGTERM'): Promise<Killed>
  /** SIGSTOP (what Ctrl-Z does in a terminal, without the chance to refuse) and SIGCONT. Reports the process state. */
  pause (): Promise<void>
  resume (): Promise<void>
}

/**
 * The child script and the node arguments to run it. From dist/ it is plain JavaScript; from the TypeScript sources
 * (tests run through tsx) the child needs tsx too.
 */
export function childScript (name: string): string[] {
  const fromSource = import.meta.url.endsWith('.ts')
  const file = fileURLToPath(new URL(`./children/${name}.${fromSource ? 'ts' : 'js'}`, import.meta.url))
  return fromSource ? ['--import', import.meta.resolve('tsx'), file] : [file]
}

/** The state letter of a process from /proc/<pid>/stat (`S` sleeping, `R` running, `T` stopped), or undefined. */
export async function processState (pid: number): Promise<string | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8')
    // The command name is in parentheses and may hold spaces; the state follows the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0]
  } catch {
    return undefined
  }
}

const STATES: Record<string, string> = { R: 'running', S: 'sleeping', D: 'waiting on disk', T: 'stopped', t: 'stopped by a tracer', Z: 'zombie' }

export async function startChildService (lab: Lab, spec: ChildServiceSpec, label = 'service process'): Promise<ChildService> {
  const t0 = now()
  const child = await lab.spawn(process.execPath, [...childScript('service'), JSON.stringify(spec)], { ipc: true })
  const pending: ChildMessage[] = []
  const first = await child.message<ChildMessage>()
  if (first.type !== 'listening') throw new Error(`${label} (pid ${child.pid}) said ${first.type} before it was listening`)
  const startedMs = since(t0)
  const listeners: ChildServiceListener[] = first.listeners.map((l) => {
    const out: ChildServiceListener = { ...l, url: `${l.kind}://${hostPort(l.address, l.port)}` }
    if (l.kind === 'http' && spec.http?.websocket) out.wsUrl = `ws://${hostPort(l.address, l.port)}`
    return out
  })
  for (const l of listeners) {
    lab.observe({ kind: 'listening', service: l.kind, name: `${label} (pid ${child.pid}) ${l.name}`, address: l.address, port: l.port, family: l.family, elapsedMs: startedMs })
  }

  async function nextInFlight (): Promise<InFlight> {
    for (;;) {
      const m = pending.shift() ?? await child.message<ChildMessage>()
      if (m.type === 'in-flight') return m
    }
  }

  async function reportState (key: string, what: string): Promise<void> {
    const state = await processState(child.pid)
    lab.fact(key, `${label} (pid ${child.pid}) ${what}`, state === undefined ? null : `${state} (${STATES[state] ?? 'unknown'})`, state === undefined ? undefined : `/proc/${child.pid}/stat`)
  }

  /** After SIGSTOP / SIGCONT, the kernel changes the state soon but not within the kill() call: look until it has. */
  async function settle (want: (s: string | undefined) => boolean): Promise<void> {
    for (let i = 0; i < 200 && !want(await processState(child.pid)); i++) await new Promise((resolve) => setImmediate(resolve))
  }

  function listenerNamed (name: string): ChildServiceListener {
    const l = listeners.find((x) => x.name === name)
    if (!l) throw new Error(`${label} has no listener named '${name}' (it has ${listeners.map((x) => x.name).join(', ')})`)
    return l
  }

  return {
    pid: child.pid,
    child,
    label,
    listeners,
    listener: listenerNamed,
    async inFlight (count) {
      const out: InFlight[] = []
      while (out.length < count) out.push(await nextInFlight())
      return out
    },
    async unread (name, atLeast = 1) {
      if (process.platform !== 'linux') return undefined
      const port = listenerNamed(name).port
      const count = async (): Promise<number> => (await tcpSocketsOf(child.pid))
        .filter((s) => s.localPort === port && s.state !== 'LISTEN')
        .reduce((sum, s) => sum + (s.rxQueue ?? 0), 0)
      let n = await count()
      for (let i = 0; i < 200 && n < atLeast; i++) {
        await new Promise((resolve) => setImmediate(resolve))
        n = await count()
      }
      return n
    },
    async queued (name) {
      if (process.platform !== 'linux') return undefined
      const port = listenerNamed(name).port
      const listening = (await tcpSocketsOf(child.pid)).find((s) => s.localPort === port && s.state === 'LISTEN')
      return listening?.rxQueue
    },
    async kill (signal = 'SIGKILL') {
      const k0 = now()
      const at = lab.elapsed()
      const exit = await child.kill(signal)
      const waitedMs = since(k0)
      lab.fact('process-exit', `${label} (pid ${child.pid}) exited`, exit.signal !== null ? `killed by ${exit.signal}` : `exit code ${exit.code}`)
      for (const l of listeners) {
        lab.observe({ kind: 'closed', service: l.kind, name: `${label} (pid ${child.pid}) ${l.name}`, address: l.address, port: l.port, family: l.family, elapsedMs: waitedMs })
      }
      return { ...exit, at, waitedMs }
    },
    async pause () {
      child.process.kill('SIGSTOP')
      if (process.platform === 'linux') {
        await settle((s) => s === 'T' || s === undefined)
        await reportState('process-stopped', 'after SIGSTOP')
      }
    },
    async resume () {
      child.process.kill('SIGCONT')
      if (process.platform === 'linux') {
        await settle((s) => s !== 'T')
        await reportState('process-resumed', 'after SIGCONT')
      }
    },
  }
}
