/** What the lab and an agent inside a namespace say to each other over the IPC channel. */
import type { Family, InnerError, Outcome } from '../core/events.js'
import type { ProcSocket } from '../diagnose/ports/proc-net.js'
import type { Hello } from '../process/children/protocol.js'

/** The agent's hello: it runs (pid, as uid) with these capabilities; it listens nowhere until asked. */
export interface AgentHello extends Hello {
  uid: number
  /** The effective capability set, hex, as /proc/self/status prints it. */
  capEff: string
}

export type ListenReply =
  | { ok: true, id: number, address: string, port: number, family: Family }
  | { ok: false, code?: string, syscall?: string, address: string, port: number, message: string }

export interface Ops {
  listen: { args: { kind: 'http' | 'tcp', host: string, port: number, name: string }, reply: ListenReply }
  forward: { args: { host: string, port: number, target: { host: string, port: number }, name: string }, reply: ListenReply }
  close: { args: { id: number }, reply: null }
  failures: { args: { id: number }, reply: InnerError[] }
  connect: { args: { host: string, port: number, keepOpen?: boolean, timeoutMs?: number }, reply: Outcome }
  fetch: { args: { url: string, timeoutMs?: number }, reply: Outcome }
  exchange: { args: { host: string, port: number, send?: string, timeoutMs?: number }, reply: Outcome }
  exhaust: { args: { host: string, port: number, max: number }, reply: Outcome[] }
  release: { args: Record<string, never>, reply: { closed: number } }
  sockets: { args: Record<string, never>, reply: ProcSocket[] }
}

export type OpName = keyof Ops

export interface Request<K extends OpName = OpName> {
  id: number
  op: K
  args: Ops[K]['args']
}

export type Reply =
  | { id: number, ok: true, value: unknown }
  | { id: number, ok: false, error: string }
