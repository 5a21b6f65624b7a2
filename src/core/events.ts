/**
 * The one stream. Every scenario tells its story as these events; the console, the JSON output, the transcript,
 * the dashboard and the tests are all consumers of it. Nobody parses console text.
 *
 * Every event carries `scenario` (the scenario id) and `t` (milliseconds since the scenario started, wall time). Under
 * `demo --step`, events after a pause at a prompt also carry `pausedMs`: how long the run has waited at prompts so far.
 * The story's own clock (every figure in the narration, `done.durationMs`) leaves those waits out: `storyTime()`.
 */

export type Family = 'IPv4' | 'IPv6'
export type ClientKind = 'tcp' | 'http' | 'ws'
export type ServiceKind = 'http' | 'ws' | 'tcp' | 'process'

/** One end of a connection, as the kernel reports it. */
export interface Endpoint {
  address: string
  port: number
  family: Family
}

/** An inner error of fetch's `cause` chain or of a Happy-Eyeballs AggregateError. */
export interface InnerError {
  code?: string
  syscall?: string
  address?: string
  port?: number
  family?: Family
  message: string
}

/** What one attempt (a connect, a request, a WebSocket open) ended with. Attempts never throw; they return this. */
export interface Outcome {
  client: ClientKind
  ok: boolean
  /** What the attempt aimed at, as the caller named it (a host may be a name such as `localhost`). */
  target: { host: string; port: number }
  /** For HTTP and WebSocket attempts: the method and URL, e.g. `GET http://127.0.0.1:40123/`. */
  request?: string
  /** Node's error code (`ECONNREFUSED`, `ECONNRESET`, `ETIMEDOUT` ...), or `EOF` for a clean close with no reply. */
  code?: string
  syscall?: string
  /** The address the failing operation used (from the error, else the target). */
  address?: string
  port?: number
  family?: Family
  /** The client's own end of the connection (its ephemeral port), when a connection was made. */
  localAddress?: string
  localPort?: number
  remoteAddress?: string
  remotePort?: number
  elapsedMs: number
  /** The message exactly as this client prints it (`err.message`, e.g. `fetch failed`). */
  message?: string
  /** Unwrapped inner errors: fetch's `cause`, or each `AggregateError.errors` entry. */
  causes?: InnerError[]
  /** HTTP status, when a response arrived. */
  status?: number
  /** Response body or WebSocket echo, when small. */
  body?: string
  /** WebSocket close code (1000 normal, 1006 abnormal: no close frame). */
  closeCode?: number
  closeReason?: string
  /** Extra measured times, e.g. `{ roundTripMs }` for a WebSocket echo. */
  timings?: Record<string, number>
  /** The network namespace the client ran in (its role, e.g. `host`, `container`), for scenarios that create them. */
  netns?: string
  /** The client library that made the attempt when a kind has several: `fetch`, `node:http`. */
  via?: string
  /** The class of the thrown error when it says more than its message: `AggregateError` (whose message is empty). */
  errorName?: string
  /** Happy Eyeballs: every `address:port` Node tried, in order (`socket.autoSelectFamilyAttemptedAddresses`). */
  attempted?: string[]
  /** For a conversation (a TCP exchange): bytes written and bytes that came back before it ended. */
  bytes?: { sent: number; received: number }
}

interface Base {
  scenario: string
  /** Milliseconds since the scenario started: wall time, pauses at `--step` prompts included. */
  t: number
  /**
   * Milliseconds spent waiting at `--step` prompts before this event (omitted while there was none; `done` always has
   * it). `t - pausedMs` is the event's time on the story's clock, the one the narration's figures use.
   */
  pausedMs?: number
}

export interface StartEvent extends Base {
  type: 'start'
  title: string
  symptom: string
  codes: string[]
  node: string
  platform: NodeJS.Platform
}
export interface StepEvent extends Base {
  type: 'step'
  n: number
  title: string
}
export interface SayEvent extends Base {
  type: 'say'
  text: string
}
export interface ExplainEvent extends Base {
  type: 'explain'
  text: string
}
export interface FixEvent extends Base {
  type: 'fix'
  text: string
}

/** Where a service of ours is (or was) listening, and how long the listen or close took. */
interface ServiceEndpoint {
  service: ServiceKind
  name: string
  address: string
  port: number
  family: Family
  elapsedMs: number
  /** The network namespace it happened in (its role), for scenarios that create them. */
  netns?: string
  /** The process that holds (held, or failed to open) the listener, when it is a child of the lab, not the lab itself. */
  pid?: number
}
/** A service of ours is listening: the address and port the OS gave it. */
export interface ListeningObservation extends ServiceEndpoint {
  kind: 'listening'
}
/** A service of ours stopped listening. */
export interface ClosedObservation extends ServiceEndpoint {
  kind: 'closed'
}
/** An attempt finished: connected, got a response, or failed with an error. */
export interface AttemptObservation {
  kind: 'attempt'
  outcome: Outcome
}
/** A measured fact that is not an attempt: a range read from the OS, a setting, a count. */
export interface FactObservation {
  kind: 'fact'
  /** Stable id of what was measured (`ephemeral-range`, `listeners-on-port`): consumers key on this, never on `name`. */
  key: string
  /** The same, in words for people (may hold numbers of this run: `listeners on port 37735`). */
  name: string
  value: string | number | boolean | null | Record<string, unknown> | unknown[]
  /** Where the value came from, e.g. `/proc/sys/net/ipv4/ip_local_port_range`. */
  source?: string
}
/** A listen that failed (EADDRINUSE, EACCES ...): where it was tried, and the error. */
export interface ListenErrorObservation extends ServiceEndpoint {
  kind: 'listen-error'
  code?: string
  syscall?: string
  message: string
}

/**
 * A client came to one of our services (the `serve` zoo narrates these): it `arrived` (the kernel handed us the
 * connection), sent a `request` (its first line, and what the service did about it), or `ended` (who closed, how long
 * it stayed, how many bytes went each way).
 */
export interface ConnectionObservation {
  kind: 'connection'
  phase: 'arrived' | 'request' | 'ended'
  service: ServiceKind
  /** The service's name, e.g. the zoo behaviour `hang`. */
  name: string
  /** Our end of the connection. */
  address: string
  port: number
  /** The client's end: its address and its ephemeral port. */
  remoteAddress: string
  remotePort: number
  family: Family
  /** The first line the client sent, e.g. `GET / HTTP/1.1` (printable characters only, at most 200). */
  request?: string
  /** What the service did, e.g. `answered 503 (1 of 2)`, `sent a reset (RST)`. */
  action?: string
  /** For `ended`: which side closed first. */
  closedBy?: 'client' | 'server'
  /** For `ended`: the socket error, if the connection ended with one (ECONNRESET when the client reset it). */
  code?: string
  /** For `ended`: how long the connection lasted. */
  durationMs?: number
  bytesIn?: number
  bytesOut?: number
}

export type Observation =
  | ListeningObservation
  | ClosedObservation
  | AttemptObservation
  | FactObservation
  | ListenErrorObservation
  | ConnectionObservation

export type ObserveEvent = Base & { type: 'observe' } & Observation

export interface DoneEvent extends Base {
  type: 'done'
  /** Did the scenario reproduce what it promised (every code in its metadata was observed, every check held)? */
  ok: boolean
  /** The distinct error codes and WebSocket close codes observed, in order of first appearance. */
  observed: string[]
  /** Codes the scenario promised but did not see. */
  missing: string[]
  /** Set when the scenario could not run here, with the reason. `ok` is then true. */
  skipped?: string
  /** Set when the scenario itself failed (a check that did not hold, or a thrown error). */
  error?: { code: string; message: string }
  /** Set when the run was interrupted (SIGINT / SIGTERM). */
  interrupted?: string
  /** How long the story ran, without the time spent waiting at `--step` prompts (`pausedMs`; `t` is the wall time). */
  durationMs: number
}

export type LabEvent = StartEvent | StepEvent | SayEvent | ExplainEvent | FixEvent | ObserveEvent | DoneEvent

export type LabEventType = LabEvent['type']

/** How one scenario of a `demo --all` run ended. */
export type SummaryResult = 'reproduced' | 'skipped' | 'failed' | 'interrupted' | 'not-run'

/** One row of the summary: a scenario, how it ended, the codes it showed and how long it ran. */
export interface SummaryRow {
  scenario: string
  result: SummaryResult
  /** For `skipped`, `failed` and `interrupted`: why, in one line. */
  reason?: string
  /** The codes observed (`done.observed`). */
  observed: string[]
  /** `done.durationMs` (prompts left out); 0 for a scenario that did not run. */
  durationMs: number
  /** `done.pausedMs`: time spent at `--step` prompts. */
  pausedMs: number
}

/**
 * The last line of `demo --all`: every scenario of the run in catalogue order, then the totals. Not a scenario's event
 * (no `scenario`, no `t`): it is made from the `done` events by `summarizeRun()` (src/core/summary.ts).
 */
export interface SummaryEvent {
  type: 'summary'
  scenarios: SummaryRow[]
  totals: { scenarios: number, durationMs: number, pausedMs: number } & Record<SummaryResult, number>
}

/** What `demo` writes: the scenarios' events and, after `--all`, the summary. */
export type StreamEvent = LabEvent | SummaryEvent

/** An event before the Lab stamps it with `scenario` and `t`. */
export type EventBody = LabEvent extends infer E ? (E extends LabEvent ? Omit<E, 'scenario' | 't'> : never) : never

/** A consumer of the stream. Called synchronously, in order. */
export type Sink = (event: LabEvent) => void

/** A consumer of `demo`'s whole output: the scenarios' events and the summary (console, JSON). */
export type StreamSink = (event: StreamEvent) => void
