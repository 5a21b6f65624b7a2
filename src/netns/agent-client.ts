/**
 * The lab's side of an agent (the child program ../process/children/agent.ts): start it inside a namespace
 * (optionally as another user, with chosen capabilities) through the one child-program mechanism, ask it to listen or
 * connect there, and turn every answer into an observation on the scenario's one stream, marked with the namespace it
 * happened in and the agent's pid.
 */
import { LabError } from '../core/errors.js'
import type { Family, InnerError, Outcome } from '../core/events.js'
import type { Lab } from '../core/lab.js'
import type { ProcSocket } from '../diagnose/ports/proc-net.js'
import { startProgram, type Program } from '../process/child.js'
import { hostPort } from '../net/address.js'
import type { DnsQuestion } from '../services/dns.js'
import type { CurlResult } from './curl.js'
import type { FileOverlay, Netns } from './namespace.js'
import type { AgentHello, ListenReply, LookupReply, Ops, OpName, Reply } from './protocol.js'

export interface AgentOptions {
  /** Run as this uid and gid (via `setpriv`), e.g. 65534 (nobody). Default: as the lab runs (root). */
  user?: number
  /** Capabilities to keep after switching user, e.g. `['net_bind_service']` (setpriv ambient caps). Default none. */
  caps?: string[]
  /** Files it reads in place of system files (`privateFiles()`: its own /etc/hosts, /etc/resolv.conf). Default none. */
  files?: FileOverlay[]
}

/** A service listening inside a namespace, held by an agent. */
export interface RemoteService {
  id: number
  name: string
  netns: string
  kind: 'http' | 'tcp'
  address: string
  port: number
  family: Family
  /** `http://198.18.0.2:8000` for HTTP services, `tcp://...` otherwise. */
  url: string
}

export class Agent {
  readonly ns: Netns
  readonly pid: number
  readonly uid: number
  /** Effective capabilities (hex bit mask, /proc/self/status). */
  readonly capEff: string
  private readonly lab: Lab
  private readonly program: Program<'agent'>
  private queue: Promise<unknown> = Promise.resolve()
  private nextId = 0

  constructor (lab: Lab, ns: Netns, program: Program<'agent'>, ready: AgentHello) {
    this.lab = lab
    this.ns = ns
    this.program = program
    this.pid = ready.pid
    this.uid = ready.uid
    this.capEff = ready.capEff
  }

  /** Does this agent hold CAP_NET_BIND_SERVICE (bit 10)? */
  get canBindLowPorts (): boolean {
    return this.capEff !== '' && (BigInt(`0x${this.capEff}`) & (1n << 10n)) !== 0n
  }

  /** One request at a time, in order: the agent's answers come back on one channel. */
  private call<K extends OpName> (op: K, args: Ops[K]['args']): Promise<Ops[K]['reply']> {
    const result = this.queue.then(async () => {
      this.nextId += 1
      const id = this.nextId
      this.program.child.process.send({ id, op, args })
      const reply = await this.program.child.message<Reply>()
      if (reply.id !== id) throw new Error(`agent in ${this.ns.name} answered request ${reply.id}, expected ${id}`)
      if (!reply.ok) throw new Error(`agent in ${this.ns.name}: ${reply.error}`)
      return reply.value as Ops[K]['reply']
    })
    this.queue = result.catch(() => {})
    return result
  }

  private attempt (outcome: Outcome): Outcome {
    const marked = { ...outcome, netns: this.ns.role }
    this.lab.observe({ kind: 'attempt', outcome: marked })
    return marked
  }

  private listened (kind: 'http' | 'tcp', name: string, reply: ListenReply, elapsedMs: number): RemoteService | undefined {
    const who = { service: kind, name, elapsedMs, pid: this.pid, netns: this.ns.role }
    if (!reply.ok) {
      this.lab.announce({ ...who, state: 'listen-error', tried: { host: reply.address, port: reply.port }, error: reply })
      return undefined
    }
    const scheme = kind === 'http' ? 'http' : 'tcp'
    const service: RemoteService = {
      id: reply.id, name, netns: this.ns.role, kind, address: reply.address, port: reply.port, family: reply.family,
      url: `${scheme}://${hostPort(reply.address, reply.port)}`,
    }
    this.lab.announce({ ...who, state: 'listening', at: service })
    return service
  }

  /** Try to listen inside the namespace. undefined when the listen failed (the `listen-error` carries the code). */
  async tryListen (kind: 'http' | 'tcp', opts: { host: string, port?: number, name: string }): Promise<RemoteService | undefined> {
    const t0 = this.lab.elapsed()
    const reply = await this.call('listen', { kind, host: opts.host, port: opts.port ?? 0, name: opts.name })
    return this.listened(kind, opts.name, reply, this.lab.elapsed() - t0)
  }

  /** Listen inside the namespace; the scenario stops (a failed check) if it cannot. */
  async listen (kind: 'http' | 'tcp', opts: { host: string, port?: number, name: string }): Promise<RemoteService> {
    return this.must(await this.tryListen(kind, opts), opts.name, opts.host, opts.port ?? 0)
  }

  /** A published port, the docker-proxy way: listen here, and for each connection dial `target`. */
  async forward (opts: { host: string, port?: number, target: { host: string, port: number }, name: string }): Promise<RemoteService> {
    const t0 = this.lab.elapsed()
    const reply = await this.call('forward', { host: opts.host, port: opts.port ?? 0, target: opts.target, name: opts.name })
    return this.must(this.listened('tcp', opts.name, reply, this.lab.elapsed() - t0), opts.name, opts.host, opts.port ?? 0)
  }

  private must (service: RemoteService | undefined, name: string, host: string, port: number): RemoteService {
    if (service === undefined) throw new LabError('LAB_ERR_CHECK_FAILED', { service: name, at: hostPort(host, port), namespace: this.ns.name })
    return service
  }

  async close (service: RemoteService): Promise<void> {
    const t0 = this.lab.elapsed()
    await this.call('close', { id: service.id })
    this.lab.announce({ state: 'closed', service: service.kind, name: service.name, at: service, elapsedMs: this.lab.elapsed() - t0, pid: this.pid, netns: this.ns.role })
  }

  /** What a forwarder saw when it dialled its target (the errors a proxy logs and the client never sees). */
  failures (service: RemoteService): Promise<InnerError[]> {
    return this.call('failures', { id: service.id })
  }

  async connect (host: string, port: number, opts: { keepOpen?: boolean, timeoutMs?: number, family?: 4 | 6 } = {}): Promise<Outcome> {
    return this.attempt(await this.call('connect', { host, port, ...opts }))
  }

  async fetch (url: string, opts: { timeoutMs?: number } = {}): Promise<Outcome> {
    return this.attempt(await this.call('fetch', { url, ...opts }))
  }

  /** Raw TCP: connect, optionally send, read until the server closes (`EOF`, `ECONNRESET` or a reply). */
  async exchange (host: string, port: number, opts: { send?: string, timeoutMs?: number } = {}): Promise<Outcome> {
    return this.attempt(await this.call('exchange', { host, port, ...opts }))
  }

  /** Open connections and keep them, until one fails or `max` are open. Every attempt is observed. */
  async exhaust (host: string, port: number, max: number): Promise<Outcome[]> {
    const outcomes = await this.call('exhaust', { host, port, max })
    return outcomes.map((o) => this.attempt(o))
  }

  /** Close every connection this agent keeps open, politely (FIN first). */
  async release (): Promise<number> {
    return (await this.call('release', {})).closed
  }

  /** `dns.lookup(name, { all: true, family })` in the namespace, through its C library and its files. */
  lookup (name: string, opts: { family?: 4 | 6 } = {}): Promise<LookupReply> {
    return this.call('lookup', { name, ...opts })
  }

  /**
   * A DNS server on the namespace's 127.0.0.1:53 (../services/dns.ts) that knows `names` and says NXDOMAIN for the
   * rest; started again with a new table, it replaces the first. Throws with the reason when port 53 cannot be had.
   */
  async serveDns (names: Record<string, string[]> = {}): Promise<{ address: string, port: number }> {
    const reply = await this.call('dnsServe', { names })
    if (!reply.ok) throw new LabError('LAB_ERR_CHECK_FAILED', { message: `a DNS server could not listen on 127.0.0.1:53 in ${this.ns.name}: ${reply.message}` })
    return reply
  }

  /** Stop the namespace's DNS server: from now on a question to 127.0.0.1:53 is refused (ICMP port unreachable). */
  async stopDns (): Promise<void> {
    await this.call('dnsStop', {})
  }

  /** The questions the DNS server was asked since the last call. */
  dnsQuestions (): Promise<DnsQuestion[]> {
    return this.call('dnsQuestions', {})
  }

  /** curl run by the agent, where it stands (its namespace, its files). undefined when curl is not installed. */
  async curl (url: string): Promise<CurlResult | undefined> {
    return await this.call('curl', { url }) ?? undefined
  }

  /** The namespace's TCP sockets, from its own /proc/net/tcp and tcp6. */
  sockets (): Promise<ProcSocket[]> {
    return this.call('sockets', {})
  }
}

/**
 * Start an agent inside `ns`. The lab owns it (killed at the end); it also exits by itself if the lab dies.
 * When it is to run as another user and cannot start (that user may not read the lab's files), the scenario is
 * skipped with the reason.
 */
export async function startAgent (lab: Lab, ns: Netns, opts: AgentOptions = {}): Promise<Agent> {
  const program = await startProgram(lab, 'agent', {
    netns: ns, ...(opts.user !== undefined && { user: opts.user }), ...(opts.caps && { caps: opts.caps }), ...(opts.files && { files: opts.files }),
  })
  let ready: AgentHello
  try {
    ready = await program.hello
  } catch (err) {
    const said = program.lastWords() || (err as Error).message
    if (opts.user !== undefined) lab.skip(`uid ${opts.user} cannot start the lab's agent here (${said}); the lab's files must be readable by that user`)
    throw new LabError('LAB_ERR_SCENARIO_THREW', { namespace: ns.name, agentSaid: said })
  }
  return new Agent(lab, ns, program, ready)
}
