/**
 * The parent side of the service child program (./children/service.ts), started through the one child-program
 * mechanism (`startProgram`): the lab owns it (killed at the end), its hello says its pid and ports, and every listener
 * is announced with that pid. Wait for requests it holds, and send it signals, each reported as events (listening,
 * closed, facts).
 */
import type { Lab } from '../core/lab.js'
import { tcpSocketsOf } from '../diagnose/ports/proc-net.js'
import type { ServiceKind } from '../core/events.js'
import { startProgram, type LabChild, type Program, type ProcessState } from './child.js'
import { hostPort } from '../net/address.js'
import { now, since } from '../core/clock.js'
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

/** How a service child's listener is announced: its kind and its name for people. Undefined: the listen that failed. */
export type Announced = (l: ChildListener | undefined) => { service: ServiceKind, name: string }

/**
 * Wait for the service child's hello and announce it: every listener as `listening` with the child's pid, or the
 * failed listen as a `listen-error`, and then reject with the child's error (its `code` and `syscall`, as a listen in
 * this process would), so `lab.tryListen()` and `rejection()` treat both alike.
 */
export async function serviceListeners (lab: Lab, program: Program<'service'>, t0: number, who: Announced): Promise<ChildListener[]> {
  const hello = await program.hello
  const elapsedMs = since(t0)
  if (hello.type === 'listen-failed') {
    lab.announce({ ...who(undefined), state: 'listen-error', tried: hello.tried, error: hello.error, elapsedMs, pid: program.pid })
    throw Object.assign(new Error(hello.error.message), hello.error)
  }
  for (const l of hello.listeners) lab.announce({ ...who(l), state: 'listening', at: l, elapsedMs, pid: program.pid })
  return hello.listeners
}

export async function startChildService (lab: Lab, spec: ChildServiceSpec, label = 'service process'): Promise<ChildService> {
  const t0 = now()
  const program = await startProgram(lab, 'service', { spec })
  const child = program.child
  const pending: ChildMessage[] = []
  const named = (l: ChildListener | undefined): string => `${label} (pid ${child.pid})${l ? ` ${l.name}` : ''}`
  const who: Announced = (l) => ({ service: l?.kind ?? (spec.http ? 'http' : 'tcp'), name: named(l) })
  const listeners: ChildServiceListener[] = (await serviceListeners(lab, program, t0, who)).map((l) => {
    const out: ChildServiceListener = { ...l, url: `${l.kind}://${hostPort(l.address, l.port)}` }
    if (l.kind === 'http' && spec.http?.websocket) out.wsUrl = `ws://${hostPort(l.address, l.port)}`
    return out
  })

  async function nextInFlight (): Promise<InFlight> {
    for (;;) {
      const m = pending.shift() ?? await child.message<ChildMessage>()
      if (m.type === 'in-flight') return m
    }
  }

  function reportState (key: string, what: string, state: ProcessState | undefined): void {
    lab.fact(key, `${label} (pid ${child.pid}) ${what}`, state === undefined ? null : { pid: program.pid, state: `${state.letter} (${state.meaning})` }, state === undefined ? undefined : `/proc/${child.pid}/stat`)
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
      const exit = await program.kill(signal)
      const waitedMs = since(k0)
      lab.fact('process-exit', `${label} (pid ${child.pid}) exited`, { pid: program.pid, exit: exit.signal !== null ? `killed by ${exit.signal}` : `exit code ${exit.code}` })
      for (const l of listeners) lab.announce({ ...who(l), state: 'closed', at: l, elapsedMs: waitedMs, pid: program.pid })
      return { ...exit, at, waitedMs }
    },
    async pause () {
      const state = await program.stop()
      if (process.platform === 'linux') reportState('process-stopped', 'after SIGSTOP', state)
    },
    async resume () {
      const state = await program.resume()
      if (process.platform === 'linux') reportState('process-resumed', 'after SIGCONT', state)
    },
  }
}
