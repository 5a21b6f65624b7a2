/**
 * The lab's side of an agent: start it inside a namespace (optionally as another user, with chosen capabilities), ask
 * it to listen or connect there, and turn every answer into an observation on the scenario's one stream, marked with
 * the namespace it happened in.
 */
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { LabError } from '../core/errors.js'
import type { Family, InnerError, Outcome } from '../core/events.js'
import type { Lab } from '../core/lab.js'
import type { ProcSocket } from '../diagnose/ports/proc-net.js'
import type { LabChild } from '../process/child.js'
import { familyOf, hostPort } from '../net/address.js'
import { ip, type Netns } from './namespace.js'
import type { ListenReply, Ops, OpName, Ready, Reply } from './protocol.js'
import { which } from '../process/tool.js'

export interface AgentOptions {
  /** Run as this uid and gid (via `setpriv`), e.g. 65534 (nobody). Default: as the lab runs (root). */
  user?: number
  /** Capabilities to keep after switching user, e.g. `['net_bind_service']` (setpriv ambient caps). Default none. */
  caps?: string[]
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

const here = fileURLToPath(import.meta.url)
const fromSource = here.endsWith('.ts')

/** The agent program, and what node needs to run it (tsx when the lab itself runs from TypeScript sources). */
function agentCommand (): string[] {
  const script = join(dirname(here), fromSource ? 'agent.ts' : 'agent.js')
  if (!existsSync(script)) throw new LabError('LAB_ERR_SCENARIO_THREW', `the namespace agent is missing: ${script} (run \`npm run build\`)`)
  return fromSource ? [process.execPath, `--import=${import.meta.resolve('tsx')}`, script] : [process.execPath, script]
}

export class Agent {
  readonly ns: Netns
  readonly pid: number
  readonly uid: number
  /** Effective capabilities (hex bit mask, /proc/self/status). */
  readonly capEff: string
  private readonly lab: Lab
  private readonly child: LabChild
  private queue: Promise<unknown> = Promise.resolve()
  private nextId = 0

  constructor (lab: Lab, ns: Netns, child: LabChild, ready: Ready) {
    this.lab = lab
    this.ns = ns
    this.child = child
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
      this.child.process.send({ id, op, args })
      const reply = await this.child.message<Reply>()
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
    if (!reply.ok) {
      const obs = {
        kind: 'listen-error' as const, service: kind, name, address: reply.address, port: reply.port,
        family: familyOf(reply.address) ?? 'IPv4', message: reply.message, elapsedMs, netns: this.ns.role,
        ...(reply.code !== undefined && { code: reply.code }), ...(reply.syscall !== undefined && { syscall: reply.syscall }),
      }
      this.lab.observe(obs)
      return undefined
    }
    const scheme = kind === 'http' ? 'http' : 'tcp'
    const service: RemoteService = {
      id: reply.id, name, netns: this.ns.role, kind, address: reply.address, port: reply.port, family: reply.family,
      url: `${scheme}://${hostPort(reply.address, reply.port)}`,
    }
    this.lab.observe({ kind: 'listening', service: kind, name, address: service.address, port: service.port, family: service.family, elapsedMs, netns: this.ns.role })
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
    if (service === undefined) throw new LabError('LAB_ERR_CHECK_FAILED', `${name} could not listen on ${hostPort(host, port)} in ${this.ns.name}`)
    return service
  }

  async close (service: RemoteService): Promise<void> {
    const t0 = this.lab.elapsed()
    await this.call('close', { id: service.id })
    this.lab.observe({ kind: 'closed', service: service.kind, name: service.name, address: service.address, port: service.port, family: service.family, elapsedMs: this.lab.elapsed() - t0, netns: this.ns.role })
  }

  /** What a forwarder saw when it dialled its target (the errors a proxy logs and the client never sees). */
  failures (service: RemoteService): Promise<InnerError[]> {
    return this.call('failures', { id: service.id })
  }

  async connect (host: string, port: number, opts: { keepOpen?: boolean, timeoutMs?: number } = {}): Promise<Outcome> {
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
  const as: string[] = []
  if (opts.user !== undefined) {
    const setpriv = await which('setpriv') ?? 'setpriv'
    as.push(setpriv, `--reuid=${opts.user}`, `--regid=${opts.user}`, '--clear-groups')
    if (opts.caps && opts.caps.length > 0) {
      const list = opts.caps.map((c) => `+${c}`).join(',')
      as.push(`--inh-caps=${list}`, `--ambient-caps=${list}`)
    }
  }
  const child = await lab.spawn(await ip(), ['netns', 'exec', ns.name, ...as, ...agentCommand()], { ipc: true })
  let ready: Ready
  try {
    ready = await child.message<Ready>()
  } catch (err) {
    const said = child.output().stderr.trim().split('\n').filter(Boolean).at(-1) ?? (err as Error).message
    if (opts.user !== undefined) lab.skip(`uid ${opts.user} cannot start the lab's agent here (${said}); the lab's files must be readable by that user`)
    throw new LabError('LAB_ERR_SCENARIO_THREW', `the agent in ${ns.name} did not start: ${said}`)
  }
  return new Agent(lab, ns, child, ready)
}
