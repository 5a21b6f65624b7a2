/**
 * What the lab and its child programs say to each other over IPC, and the few helpers every child program uses to
 * say it. A child never uses a fixed port: it listens on port 0 and reports what the OS gave it. `Programs` is the
 * table of child programs: each name is a file `./<name>.ts`, with the spec it is given (JSON in argv) and the hello
 * it answers with. Read ../child.ts for how to add one. The spec travels in the environment (`SPEC_VARIABLE`), which
 * `ip netns exec`, `unshare` and `setpriv` pass on, so the command line stays `node …/children/<name>.js [label]`.
 */
import type { Family } from '../../core/events.js'
import type { AgentHello } from '../../netns/protocol.js'
import type { MisbehaviourName } from '../../services/behaviours/misbehave.js'

/** What the service child serves. */
export interface ChildServiceSpec {
  /** The loopback address to bind. Default `127.0.0.1`. */
  host?: string
  /** The port of the HTTP listener. Default 0 (let the OS pick); TCP listeners always use 0. */
  port?: number
  /** The listen backlog of every listener (Node turns 0 into 511). Default: Node's (511). */
  backlog?: number
  /**
   * An HTTP service (node:http). `ok` answers every request with 200 and a small JSON body; `hold` takes each request
   * and never responds (reported as `in-flight`). With `websocket`, WebSocket upgrades on the same port are accepted
   * (ws); `ok` echoes messages, `hold` reports the first one and never answers.
   */
  http?: { respond: 'ok' | 'hold', websocket?: boolean }
  /**
   * Raw TCP listeners, one per entry, each with a misbehaviour, or `echo` (every byte straight back, Nagle off: the
   * other end of a latency measurement). `pauseOnConnect` leaves client bytes unread.
   */
  tcp?: Array<{ name: string, behaviour: MisbehaviourName | 'echo', pauseOnConnect?: boolean }>
}

export interface ChildListener {
  name: string
  kind: 'http' | 'tcp'
  address: string
  port: number
  family: Family
}

/** The first message of every child program: it runs (its pid), and listens where it says. */
export interface Hello {
  type: 'hello'
  pid: number
  listeners: ChildListener[]
}

/** The first message of a child whose listen failed, instead of its hello: the error as Node gave it. */
export interface ListenFailed {
  type: 'listen-failed'
  pid: number
  tried: { host: string, port: number }
  error: { code?: string, syscall?: string, address?: string, port?: number, message: string }
}

/** Messages of the service child after its hello. */
export type ChildMessage =
  /**
   * The child holds a request: an HTTP request it will not answer, a WebSocket message it will not answer, TCP bytes
   * it read (`bytes`), or a TCP connection it accepted but does not read (`bytes` absent).
   */
  | { type: 'in-flight', listener: string, kind: 'http' | 'ws' | 'tcp', bytes?: number, remotePort?: number }

/** One bind tried inside a fresh namespace: `holder` listened on port 0, then `second` tried the same port. */
export interface BindTry {
  holder: string
  second: string
  port?: number
  holderMs?: number
  holderError?: ListenFailed['error']
  ok?: boolean
  error?: ListenFailed['error']
  elapsedMs?: number
}

/** The table of child programs: file name, what it is given, what it says first. */
export interface Programs {
  /** HTTP (+ WebSocket) and TCP listeners in a process of their own: killed, frozen, resumed by the lessons. */
  service: { spec: ChildServiceSpec, hello: Hello | ListenFailed }
  /** Lives inside a network namespace and listens, connects and reads /proc there on request (../../netns/protocol.ts). */
  agent: { spec: undefined, hello: AgentHello }
  /** Tries pairs of binds inside a private namespace (`0.0.0.0` then `127.0.0.1` on one port ...). */
  'bind-conflicts': { spec: Array<[string, string]>, hello: Hello & { netns: string, lo: string, results: BindTry[] } }
  /** A Node process with its inspector open on 127.0.0.1 (what `node --inspect=127.0.0.1:0` leaves running). */
  inspector: { spec: undefined, hello: Hello | ListenFailed }
}

export type ProgramName = keyof Programs

// ---- for the child programs themselves -------------------------------------------------------------------------------

/** Where a child program finds its spec: JSON in this environment variable. */
export const SPEC_VARIABLE = 'LOCALHOST_LAB_SPEC'

/** The spec the lab passed (JSON in `SPEC_VARIABLE`), or `fallback`. Exits with a clear line when started without an IPC channel. */
export function programSpec<N extends ProgramName> (name: N, fallback: Programs[N]['spec']): Programs[N]['spec'] {
  if (typeof process.send !== 'function') {
    process.stderr.write(`localhost-lab ${name}: start me with an IPC channel (the lab does this: startProgram); exiting\n`)
    process.exit(2)
  }
  const raw = process.env[SPEC_VARIABLE]
  // Its own children (the `ip` a program runs) have no use for it.
  delete process.env[SPEC_VARIABLE]
  return raw === undefined ? fallback : JSON.parse(raw) as Programs[N]['spec']
}

/** The lab went away (finished, crashed or was killed): nothing of ours may outlive it. */
export function leaveWithParent (): void {
  process.on('disconnect', function programOnDisconnect () { process.exit(0) })
}

/** Send the first message, typed for this program. */
export function sayHello<N extends ProgramName> (_name: N, hello: Programs[N]['hello']): void {
  process.send?.(hello)
}

/** A failed listen, as the first message (the lab announces it as a `listen-error`); the child then exits 1. */
export function sayListenFailed (err: NodeJS.ErrnoException & { address?: string, port?: number }, tried: { host: string, port: number }): void {
  const error: ListenFailed['error'] = { message: err.message }
  if (err.code !== undefined) error.code = err.code
  if (err.syscall !== undefined) error.syscall = err.syscall
  if (err.address !== undefined) error.address = err.address
  if (err.port !== undefined) error.port = err.port
  process.send?.({ type: 'listen-failed', pid: process.pid, tried, error } satisfies ListenFailed, () => process.exit(1))
}
