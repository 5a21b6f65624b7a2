/**
 * Lab: the context of one scenario run. It hands out services, attempts and timers, owns every one of them in a
 * disposal stack, and turns everything it learns into events on the one stream.
 */
import type { Socket } from 'node:net'
import {
  httpRequest, tcpConnect, wsOpen,
  type HttpAttemptOptions, type TcpAttemptOptions, type TcpOutcome, type WsAttemptOptions, type WsOutcome,
} from '../clients/attempt.js'
import { tcpExchange, type TcpExchangeOptions } from '../clients/exchange.js'
import { http2Request, type Http2Options } from '../clients/http2.js'
import { nodeHttpRequest, type NodeHttpOptions } from '../clients/node-http.js'
import { LabError } from './errors.js'
import type { EventBody, Family, LabEvent, Observation, ObserveEvent, Outcome, ServiceKind, Sink } from './events.js'
import { startHttp, type HttpService, type HttpServiceOptions } from '../services/http.js'
import { startTcp, type TcpService, type TcpServiceOptions } from '../services/tcp.js'
import type { Service } from '../services/types.js'
import { startWs, type WsService, type WsServiceOptions } from '../services/ws.js'
import { startChild, type ChildOptions, type LabChild } from '../process/child.js'
import { dieWithLab, which } from '../process/tool.js'
import { waitForHttp, waitForPort, type WaitForHttpOptions, type WaitOptions, type WaitResult } from '../clients/wait-for.js'
import { familyOf, type ServiceAddress } from '../net/address.js'
import { now, since, storyTime } from '../core/clock.js'
import { unwrapError } from '../net/unwrap-error.js'

/** What a scenario file exports: its metadata first, then the story. */
export interface Scenario {
  /** Stable id: `npm run demo:<id>`, `localhost-lab demo <id>`. */
  id: string
  title: string
  /** The symptom as users see it, e.g. `connect ECONNREFUSED 127.0.0.1:3000`. */
  symptom: string
  /** The codes this scenario promises to reproduce. `done.ok` is false if any is not observed. */
  codes: string[]
  /**
   * Choices the user may make for this scenario (`demo <id> --<name> <choice>`), each with its default and one line of
   * help. The story reads them with `lab.option(name)`; the demo command declares the matching argument.
   */
  options?: Readonly<Record<string, ScenarioOption>>
  run (lab: Lab): Promise<void>
}

export interface ScenarioOption {
  choices: readonly string[]
  default: string
  description: string
}

export function defineScenario (s: Scenario): Scenario {
  return s
}

type Disposer = () => unknown

/** What `lab.announce()` is told: which service, who holds it, and where it listens or how its listen failed. */
export type Announcement = {
  service: ServiceKind
  /** For people; may hold numbers of the run. Consumers key on the fields, never on the name. */
  name: string
  elapsedMs: number
  /** The child process that holds the listener (omitted for the lab's own services). */
  pid?: number
  /** The role of the network namespace it is in, for scenarios that create them. */
  netns?: string
} & (
  | { state: 'listening' | 'closed', at: Pick<ServiceAddress, 'address' | 'port'> & { family?: Family } }
  | { state: 'listen-error', tried: { host: string, port: number }, error: unknown }
)

export interface LabOptions {
  /**
   * Awaited before each step (`demo --step`: "press Enter"). While it is pending, the step and every event after it
   * wait in order, and the story's next action (a listen, an attempt, a spawn, a close) waits too, so nothing of the
   * step happens or shows before the gate opens. Resolved at once when the run is aborted. Default: none (no pause).
   */
  beforeStep?: (n: number, title: string, signal: AbortSignal) => Promise<void>
  /** Values for the scenario's declared options (`Scenario.options`); a value it does not declare is ignored. */
  options?: Readonly<Record<string, string>>
}

/** Thrown by `lab.skip()`; ends the scenario with `done.ok = true` and `skipped`. */
export class SkipScenario extends Error {
  constructor (readonly reason: string) {
    super(reason)
  }
}

export class Lab {
  readonly scenario: Scenario
  readonly signal: AbortSignal
  private readonly sink: Sink
  private readonly started = now()
  private readonly stack: Disposer[] = []
  private readonly observedCodes: string[] = []
  private readonly closedServices = new WeakSet<Service>()
  private readonly listenedAt = new WeakMap<Service, number>()
  private stepNo = 0
  private storyOver = false
  private disposed = false
  private readonly beforeStep: LabOptions['beforeStep']
  private readonly options: Readonly<Record<string, string>>
  /** Time spent at step prompts that are over, and when the open one began (undefined: none is open). */
  private pausedBefore = 0
  private pauseStarted: number | undefined
  /** Set while a step gate (or events queued behind one) is pending; undefined otherwise (events go straight out). */
  private gate: Promise<void> | undefined

  constructor (scenario: Scenario, sink: Sink, signal: AbortSignal, opts: LabOptions = {}) {
    this.scenario = scenario
    this.sink = sink
    this.signal = signal
    this.beforeStep = opts.beforeStep
    this.options = opts.options ?? {}
  }

  /** The value of one of the scenario's declared options: the one given if it is a choice, else the default. */
  option (name: string): string {
    const spec = this.scenario.options?.[name]
    if (spec === undefined) throw new LabError('LAB_ERR_SCENARIO_THREW', { undeclaredOption: name, scenario: this.scenario.id })
    const given = this.options[name]
    return given !== undefined && spec.choices.includes(given) ? given : spec.default
  }

  /**
   * Milliseconds since this scenario started on the story's clock: time spent waiting at `--step` prompts does not
   * count (it stands still during one), so a figure measured across a pause is the lesson's, not the presenter's.
   */
  elapsed (): number {
    return Math.round((since(this.started) - this.paused()) * 1000) / 1000
  }

  /** Milliseconds spent at step prompts so far, the one still open included. */
  private paused (): number {
    const open = this.pauseStarted === undefined ? 0 : now() - this.pauseStarted
    return Math.round((this.pausedBefore + open) * 1000) / 1000
  }

  /** The distinct codes observed so far, in order of first appearance. */
  get observed (): readonly string[] {
    return this.observedCodes
  }

  emit (body: EventBody): LabEvent {
    const pausedMs = this.paused()
    const event = { scenario: this.scenario.id, t: since(this.started), ...(pausedMs > 0 || body.type === 'done' ? { pausedMs } : {}), ...body } as LabEvent
    // After an interrupt the story may still be running somewhere (a pending attempt settles late): its narration is
    // no longer true to what the user sees, so only the cleanup's `closed` observations and `done` go out.
    const afterTheStory = body.type === 'done' || (body.type === 'observe' && body.kind === 'closed')
    if (this.storyOver && !afterTheStory) return event
    if (this.gate === undefined) this.sink(event)
    // Queued behind a step prompt: if the run is stopped at that prompt (q, Ctrl-C), what the step would have shown
    // goes with it; the presenter never reached that step.
    else this.enqueue(() => { if (!this.signal.aborted || afterTheStory) this.sink(event) })
    return event
  }

  step (title: string): void {
    this.live()
    this.stepNo += 1
    const hook = this.beforeStep
    if (hook !== undefined) {
      const n = this.stepNo
      this.enqueue(async () => {
        const started = now()
        this.pauseStarted = started
        try {
          await untilAborted(hook(n, title, this.signal), this.signal)
        } finally {
          this.pauseStarted = undefined
          this.pausedBefore += now() - started
        }
      })
    }
    this.emit({ type: 'step', n: this.stepNo, title })
  }

  /** The runner calls this when the story has ended (finished, thrown or interrupted); later narration is dropped. */
  endStory (): void {
    this.storyOver = true
  }

  /** Resolves once every event has reached the sink (under `beforeStep`, once every pending step gate has opened). */
  async flush (): Promise<void> {
    while (this.gate !== undefined) await this.gate
  }

  private enqueue (fn: () => unknown): void {
    const link = (this.gate ?? Promise.resolve()).then(fn).then(noop, noop)
    this.gate = link
    void link.then(() => { if (this.gate === link) this.gate = undefined })
  }

  /** Before an action: wait for a pending step gate (no-op, not even a tick, when there is none). */
  private async ready (): Promise<void> {
    if (this.gate === undefined) return
    await this.flush()
    // Stopped at the prompt (q, Ctrl-C): the step the presenter never reached must not open or send anything.
    if (this.signal.aborted) throw new LabError('LAB_ERR_INTERRUPTED', { reason: String(this.signal.reason) })
    this.live()
  }

  say (text: string): void {
    this.emit({ type: 'say', text })
  }

  explain (text: string): void {
    this.emit({ type: 'explain', text })
  }

  fix (text: string): void {
    this.emit({ type: 'fix', text })
  }

  /** Emit an observation (counting its codes). Returns the event, so its `t` can be quoted exactly. */
  observe (observation: Observation): ObserveEvent {
    if (observation.kind === 'attempt') {
      const o = observation.outcome
      if (o.code !== undefined) this.record(o.code)
      // 1000 is a normal closure, not something that went wrong.
      if (o.closeCode !== undefined && o.closeCode !== 1000) this.record(String(o.closeCode))
    } else if (observation.kind === 'listen-error' && observation.code !== undefined) {
      this.record(observation.code)
    }
    return this.emit({ type: 'observe', ...observation } as EventBody) as ObserveEvent
  }

  /**
   * A measured fact: a setting or range read from the system, a count, a ratio. `key` is stable (lower-case words with
   * dashes, no numbers of the run: `ephemeral-range`), for every consumer to find it by; `name` is for people.
   */
  fact (key: string, name: string, value: Extract<Observation, { kind: 'fact' }>['value'], source?: string): ObserveEvent {
    if (!FACT_KEY.test(key)) throw new LabError('LAB_ERR_SCENARIO_THREW', { factKey: key })
    const obs: Observation = { kind: 'fact', key, name, value }
    if (source !== undefined) obs.source = source
    return this.observe(obs)
  }

  /** Count a code as observed (attempts and listen errors are counted on their own). */
  record (code: string): void {
    if (!this.observedCodes.includes(code)) this.observedCodes.push(code)
  }

  /** A check the story depends on. When it does not hold, the scenario stops and `done.ok` is false. */
  check (condition: unknown, message: string): void {
    if (!condition) throw new LabError('LAB_ERR_CHECK_FAILED', { message })
  }

  /** End the scenario here: it cannot run on this machine. Say why, and what the user would see. */
  skip (reason: string): never {
    throw new SkipScenario(reason)
  }

  /** Register cleanup the moment a resource exists. Runs last-in, first-out, on success, error and interrupt. */
  defer (dispose: Disposer): void {
    if (this.disposed) {
      void Promise.resolve().then(dispose).catch(() => {})
      throw new LabError('LAB_ERR_DISPOSED', { scenario: this.scenario.id })
    }
    this.stack.push(dispose)
  }

  // ---- services -------------------------------------------------------------------------------------------------

  private async serve<S extends Service> (start: () => Promise<S>, kind: Service['kind'], name: string, host: string, port: number): Promise<S> {
    this.live()
    if (this.gate !== undefined) await this.ready()
    const t0 = now()
    let service: S
    try {
      service = await start()
    } catch (err) {
      this.announce({ state: 'listen-error', service: kind, name, tried: { host, port }, error: err, elapsedMs: since(t0) })
      throw err
    }
    this.defer(() => this.close(service))
    const listening = this.announce({ state: 'listening', service: kind, name: service.name, at: service, elapsedMs: since(t0) })
    this.listenedAt.set(service, storyTime(listening))
    return service
  }

  /**
   * The one way to say that a service of ours is listening, has closed, or could not listen: from where it listens
   * (a `ServiceAddress`, a child's reported listener) or from the error its listen threw (Node's, or a child's
   * `{ code, syscall, message }`), with the child's `pid` and the namespace when there is one. Every service, in this
   * process, in a child or inside a namespace, is announced here.
   */
  announce (a: Announcement): ObserveEvent {
    const who = { service: a.service, name: a.name }
    const where = { ...(a.pid !== undefined && { pid: a.pid }), ...(a.netns !== undefined && { netns: a.netns }) }
    if (a.state === 'listen-error') {
      const e = unwrapError(a.error)
      const address = e.address ?? a.tried.host
      const obs: Observation = {
        kind: 'listen-error', ...who, address, port: e.port ?? a.tried.port,
        family: familyOf(address) ?? 'IPv4', message: e.message, elapsedMs: a.elapsedMs, ...where,
      }
      if (e.code !== undefined) obs.code = e.code
      if (e.syscall !== undefined) obs.syscall = e.syscall
      return this.observe(obs)
    }
    const { address, port } = a.at
    return this.observe({ kind: a.state, ...who, address, port, family: a.at.family ?? familyOf(address) ?? 'IPv4', elapsedMs: a.elapsedMs, ...where })
  }

  /** When a service of this lab started listening, on the story's clock (its `listening` event's `t` less the prompts). */
  listeningAt (service: Service): number | undefined {
    return this.listenedAt.get(service)
  }

  /** An HTTP service (fastify) on 127.0.0.1, port 0 unless told otherwise. */
  http (opts: HttpServiceOptions = {}): Promise<HttpService> {
    return this.serve(() => startHttp(opts), 'http', opts.name ?? 'http', opts.host ?? '127.0.0.1', opts.port ?? 0)
  }

  /** A WebSocket echo service (ws) on 127.0.0.1, port 0 unless told otherwise. */
  ws (opts: WsServiceOptions = {}): Promise<WsService> {
    return this.serve(() => startWs(opts), 'ws', opts.name ?? 'ws', opts.host ?? '127.0.0.1', opts.port ?? 0)
  }

  /** A raw TCP service (node:net, echo by default) on 127.0.0.1, port 0 unless told otherwise. */
  tcp (opts: TcpServiceOptions = {}): Promise<TcpService> {
    return this.serve(() => startTcp(opts), 'tcp', opts.name ?? 'tcp', opts.host ?? '127.0.0.1', opts.port ?? 0)
  }

  /** Close one service now (it is also closed at the end if still open). Emits a `closed` observation. */
  async close (service: Service): Promise<void> {
    if (this.closedServices.has(service)) return
    if (this.gate !== undefined) await this.ready()
    this.closedServices.add(service)
    const t0 = now()
    await service.close()
    this.announce({ state: 'closed', service: service.kind, name: service.name, at: service, elapsedMs: since(t0) })
  }

  /**
   * Try to listen and report the outcome instead of throwing: the `listen-error` observation carries EADDRINUSE,
   * EACCES ... Returns the service, or undefined when the listen failed.
   */
  async tryListen<S extends Service> (start: (lab: Lab) => Promise<S>): Promise<S | undefined> {
    try {
      return await start(this)
    } catch (err) {
      if (err instanceof LabError) throw err
      return undefined
    }
  }

  // ---- attempts -------------------------------------------------------------------------------------------------

  private attempt<T extends Outcome> (outcome: T): T {
    this.observe({ kind: 'attempt', outcome })
    return outcome
  }

  /** A TCP connect. Never throws: the outcome carries the code. With `keepOpen`, the lab owns the socket. */
  async connect (host: string, port: number, opts: Omit<TcpAttemptOptions, 'host' | 'port'> = {}): Promise<TcpOutcome> {
    this.live()
    if (this.gate !== undefined) await this.ready()
    const outcome = await tcpConnect({ signal: this.signal, ...opts, host, port })
    const socket: Socket | undefined = outcome.socket
    if (socket) this.defer(() => socket.destroy())
    return this.attempt(outcome)
  }

  /** An HTTP request with Node's fetch. Never throws. */
  async fetch (url: string, opts: HttpAttemptOptions = {}): Promise<Outcome> {
    this.live()
    if (this.gate !== undefined) await this.ready()
    return this.attempt(await httpRequest(url, { signal: this.signal, ...opts }))
  }

  /**
   * An HTTP request with node:http (`socket hang up` where fetch says `fetch failed`), which sends any header it is
   * given, `Host` included (fetch refuses to): what a browser sends after a DNS rebinding. Never throws.
   */
  async request (url: string, opts: NodeHttpOptions = {}): Promise<Outcome> {
    this.live()
    if (this.gate !== undefined) await this.ready()
    return this.attempt(await nodeHttpRequest(url, { signal: this.signal, ...opts }))
  }

  /** A GET with node:http2 (prior knowledge to an http: URL, `ERR_HTTP2_ERROR` from an HTTP/1.1 server). Never throws. */
  async http2 (url: string, opts: Http2Options = {}): Promise<Outcome> {
    this.live()
    if (this.gate !== undefined) await this.ready()
    return this.attempt(await http2Request(url, { signal: this.signal, ...opts }))
  }

  /** Open a WebSocket with the ws client (optionally echo one message). Never throws. */
  async wsOpen (url: string, opts: WsAttemptOptions = {}): Promise<WsOutcome> {
    this.live()
    if (this.gate !== undefined) await this.ready()
    const outcome = await wsOpen(url, { signal: this.signal, ...opts })
    const ws = outcome.ws
    if (ws) this.defer(() => ws.terminate())
    return this.attempt(outcome)
  }

  /**
   * Wait until a TCP connect to host:port succeeds: backoff with jitter under an overall deadline (see
   * src/clients/wait-for.ts). Every attempt is an `attempt` observation; `timings.startedAtMs` is on the scenario clock.
   */
  async waitForPort (host: string, port: number, opts: WaitOptions = {}): Promise<WaitResult> {
    this.live()
    return this.waited(await waitForPort({ signal: this.signal, ...opts, host, port, clock: () => this.elapsed(), onAttempt: this.onWaitAttempt(opts) }))
  }

  /** Wait until `GET url + path` answers 200 (readiness, not just an open port). Attempts are observed as above. */
  async waitForHttp (url: string, opts: WaitForHttpOptions = {}): Promise<WaitResult> {
    this.live()
    return this.waited(await waitForHttp(url, { signal: this.signal, ...opts, clock: () => this.elapsed(), onAttempt: this.onWaitAttempt(opts) }))
  }

  private onWaitAttempt (opts: WaitOptions): (outcome: Outcome) => void {
    return (outcome) => {
      opts.onAttempt?.(outcome)
      this.attempt(outcome)
    }
  }

  private waited (result: WaitResult): WaitResult {
    const value: Record<string, unknown> = { target: result.target, ready: result.ok, attempts: result.attempts.length, elapsedMs: result.elapsedMs, deadlineMs: result.deadlineMs }
    if (result.reason !== undefined) value.reason = result.reason
    this.fact('waited', `waited for ${result.target}`, value)
    return result
  }

  /**
   * A TCP conversation: connect, send, and keep the socket until the other side ends it (`EOF` for a FIN,
   * `ECONNRESET` for an RST), a reply satisfies `until`, or the timeout fires. Never throws.
   */
  async exchange (host: string, port: number, opts: Omit<TcpExchangeOptions, 'host' | 'port'> = {}): Promise<Outcome> {
    this.live()
    if (this.gate !== undefined) await this.ready()
    return this.attempt(await tcpExchange({ signal: this.signal, ...opts, host, port }))
  }

  // ---- processes ------------------------------------------------------------------------------------------------

  /**
   * Start a real child process the lab owns (killed with SIGKILL at the end if still running): any command. It runs
   * under `setpriv --pdeathsig KILL` (exec'd in place: the same pid), so the kernel kills it even when the lab itself
   * is SIGKILLed. A helper program of ours (a service, the namespace agent) is started with `startProgram(lab, name,
   * ...)` (src/process/child.ts), which comes through here and adds the typed hello, signals and namespaces.
   */
  async spawn (command: string, args: string[], opts: ChildOptions = {}): Promise<LabChild> {
    this.live()
    if (this.gate !== undefined) await this.ready()
    const { diesWithLab, ...rest } = opts
    const wrapper = diesWithLab === true ? [] : await dieWithLab()
    // Under setpriv a missing command is only its exit 127: say ENOENT as spawn itself would.
    if (wrapper.length > 0 && await which(command) === undefined) throw Object.assign(new Error(`spawn ${command} ENOENT`), { code: 'ENOENT', syscall: `spawn ${command}`, path: command })
    const child = wrapper.length === 0 ? await startChild(command, args, rest) : await startChild(wrapper[0]!, [...wrapper.slice(1), command, ...args], rest)
    this.defer(() => child.kill('SIGKILL'))
    return child
  }

  // ---- timers ---------------------------------------------------------------------------------------------------

  /** Run `fn` after `ms`, unless the scenario ends first. */
  after (ms: number, fn: () => unknown): void {
    const timer = setTimeout(() => { void Promise.resolve().then(fn).catch(() => {}) }, ms)
    this.defer(() => clearTimeout(timer))
  }

  // ---- lifecycle ------------------------------------------------------------------------------------------------

  private live (): void {
    if (this.disposed) throw new LabError('LAB_ERR_DISPOSED', { scenario: this.scenario.id })
  }

  /** Release everything, last first. Never throws; safe to call twice. */
  async dispose (): Promise<void> {
    if (this.disposed) return
    this.disposed = true
    while (this.stack.length > 0) {
      const dispose = this.stack.pop()!
      try {
        await dispose()
      } catch {
        // One failed cleanup must not keep the others from running.
      }
    }
  }
}

/** A fact's key: lower-case words joined by dashes, no digits (nothing of one run, such as a port, belongs in it). */
const FACT_KEY = /^[a-z]+(-[a-z]+)*$/

function noop (): void {}

/** `p`, or nothing once `signal` aborts: an interrupt must not wait for a presenter's Enter. */
function untilAborted (p: Promise<void>, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve()
  return new Promise<void>((resolve) => {
    const onAbort = (): void => resolve()
    signal.addEventListener('abort', onAbort, { once: true })
    p.then(resolve, resolve).finally(() => signal.removeEventListener('abort', onAbort))
  })
}
