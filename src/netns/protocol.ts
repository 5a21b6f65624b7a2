/** What the lab and an agent inside a namespace say to each other over the IPC channel. */
import type { Family, InnerError, Outcome } from '../core/events.js'
import type { ProcSocket } from '../diagnose/ports/proc-net.js'
import type { Hello } from '../process/children/protocol.js'
import type { DnsQuestion } from '../services/dns.js'
import type { CurlResult } from './curl.js'

/** The agent's hello: it runs (pid, as uid) with these capabilities; it listens nowhere until asked. */
export interface AgentHello extends Hello {
  uid: number
  /** The effective capability set, hex, as /proc/self/status prints it. */
  capEff: string
}

export type ListenReply =
  | { ok: true, id: number, address: string, port: number, family: Family }
  | { ok: false, code?: string, syscall?: string, address: string, port: number, message: string }

/** `dns.lookup(name, { all: true, family })` where the agent stands: the addresses, or the error as Node gave it. */
export type LookupReply =
  | { ok: true, addresses: Array<{ address: string, family: Family }>, elapsedMs: number }
  | { ok: false, code?: string, syscall?: string, message: string, elapsedMs: number }

export interface Ops {
  listen: { args: { kind: 'http' | 'tcp', host: string, port: number, name: string }, reply: ListenReply }
  forward: { args: { host: string, port: number, target: { host: string, port: number }, name: string }, reply: ListenReply }
  close: { args: { id: number }, reply: null }
  failures: { args: { id: number }, reply: InnerError[] }
  connect: { args: { host: string, port: number, keepOpen?: boolean, timeoutMs?: number, family?: 4 | 6 }, reply: Outcome }
  lookup: { args: { name: string, family?: 4 | 6 }, reply: LookupReply }
  dnsServe: { args: { names: Record<string, string[]> }, reply: { ok: true, address: string, port: number } | { ok: false, code?: string, message: string } }
  dnsStop: { args: Record<string, never>, reply: null }
  dnsQuestions: { args: Record<string, never>, reply: DnsQuestion[] }
  curl: { args: { url: string }, reply: CurlResult | null }
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
