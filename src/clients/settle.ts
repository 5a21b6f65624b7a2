/**
 * How every attempt ends, in one place: a deadline, an AbortSignal, exactly one result, and a thrown error turned into
 * that result. tcpConnect, httpRequest (fetch), nodeHttpRequest (node:http), wsOpen, tcpExchange and the waiters'
 * pauses all settle through `settle()`, so none of them can throw or settle twice, whatever options they are given.
 *
 * Beware: Node's timers take whole milliseconds up to 2^31-1. `AbortSignal.timeout(468.769)` throws a RangeError, a
 * delay past 2^31-1 fires at once (TimeoutOverflowWarning), NaN and negatives are warned about and treated as 1. Every
 * delay here goes through `delayMs` first.
 */
import type { Socket } from 'node:net'
import type { Outcome } from '../core/events.js'
import { familyOf } from '../net/address.js'
import { now, since } from '../core/clock.js'
import { unwrapError } from '../net/unwrap-error.js'

/** The longest delay a Node timer keeps (about 24.8 days); a longer one would fire at once. */
export const MAX_DELAY_MS = 2 ** 31 - 1

/**
 * A delay as a timer takes it: whole ms, rounded up (a timer never fires before it was asked to), between `min` and
 * MAX_DELAY_MS; Infinity is the longest, NaN or a missing value means `fallback`.
 */
export function delayMs (value: number | undefined, fallback: number, min = 0): number {
  const ms = typeof value === 'number' && !Number.isNaN(value) ? value : fallback
  return Math.min(MAX_DELAY_MS, Math.max(min, Math.ceil(Number.isNaN(ms) ? min : ms)))
}

/** The running attempt, as its body sees it. */
export interface Settling<T> {
  /** `now()` when the attempt started: its `elapsedMs` counts from here. */
  readonly started: number
  /** The timeout in force: whole ms, at least 1. */
  readonly timeoutMs: number
  /** Aborted as soon as the attempt settles, whatever settled it: hand it to a client that takes a signal (fetch). */
  readonly signal: AbortSignal
  readonly settled: boolean
  /** Settle with this result; ignored once settled. */
  done (result: T): void
  /** Settle with the result `failure` makes of this error; ignored once settled. */
  fail (err: unknown): void
}

export interface SettleOptions<T> {
  /** The caller's timeout, as given (fractional, negative, NaN, huge: all taken). */
  timeoutMs?: number | undefined
  /** The timeout when `timeoutMs` is missing or NaN. */
  defaultTimeoutMs: number
  /**
   * The result when the time is up (the client's own wording: `connect ETIMEDOUT`, fetch's TimeoutError). Without it
   * there is no timer of ours: the client keeps its own (ws's handshakeTimeout), given `timeoutMs` from the Settling.
   */
  onTimeout?: (attempt: Settling<T>) => T
  /** The caller's signal: its abort settles the attempt with `failure(signal.reason)`. */
  signal?: AbortSignal | undefined
  /** The result for an error: one the client emitted, one thrown by the body, or the abort reason. */
  failure: (err: unknown, attempt: Settling<T>) => T
  /** Runs once, as the attempt settles and before its caller sees the result: add what only the body knows, release what it holds. */
  release?: (result: T, attempt: Settling<T>) => void
}

/**
 * Run one attempt. `body` starts it (a connect, a request) and calls `done` or `fail`; a throw or a rejection from
 * `body` is a `fail`. The promise always resolves, exactly once.
 */
export function settle<T> (opts: SettleOptions<T>, body: (attempt: Settling<T>) => unknown): Promise<T> {
  return new Promise<T>((resolve) => {
    // Made when the body asks for its signal (fetch does; a TCP connect does not): the first abort() of a process
    // builds a DOMException, 0.27 ms of a fresh Node 20 (in-process, medians of 5), for a signal nobody listens to.
    let controller: AbortController | undefined
    const signal = opts.signal
    let settled = false
    let timer: NodeJS.Timeout | undefined
    const attempt: Settling<T> = {
      started: now(),
      timeoutMs: delayMs(opts.timeoutMs, opts.defaultTimeoutMs, 1),
      get signal () {
        if (controller === undefined) {
          controller = new AbortController()
          if (settled) controller.abort()
        }
        return controller.signal
      },
      get settled () { return settled },
      done: settleWith,
      fail (err) {
        if (!settled) settleWith(safely(() => opts.failure(err, attempt)))
      },
    }

    function settleWith (result: T): void {
      if (settled) return
      settled = true
      if (timer !== undefined) clearTimeout(timer)
      signal?.removeEventListener('abort', signalOnAbort)
      try {
        opts.release?.(result, attempt)
      } catch {
        // Releasing what an attempt held must not keep its result from the caller.
      }
      controller?.abort()
      resolve(result)
    }
    function safely (make: () => T): T {
      try {
        return make()
      } catch (err) {
        // A failure hook that throws still owes the caller a result: the plain one.
        return opts.failure(err, attempt)
      }
    }
    function timerOnTimeout (): void {
      if (opts.onTimeout) settleWith(safely(() => opts.onTimeout!(attempt)))
    }
    function signalOnAbort (): void {
      attempt.fail(signal?.reason ?? new Error('aborted'))
    }

    if (signal?.aborted) {
      signalOnAbort()
      return
    }
    if (opts.onTimeout) timer = setTimeout(timerOnTimeout, attempt.timeoutMs)
    signal?.addEventListener('abort', signalOnAbort, { once: true })
    try {
      const running = body(attempt)
      if (running instanceof Promise) running.catch(attempt.fail)
    } catch (err) {
      attempt.fail(err)
    }
  })
}

/** Wait `ms` (made a whole, in-range delay by `delayMs`) unless `signal` aborts first: true when the time passed. */
export function pause (ms: number, signal?: AbortSignal): Promise<boolean> {
  return settle<boolean>({ timeoutMs: delayMs(ms, 0), defaultTimeoutMs: 0, signal, onTimeout: () => true, failure: () => false }, noop)
}

function noop (): void {}

/** The Outcome of an attempt that failed with `err`: its innermost code, address and family, and every inner error. */
export function fail (client: Outcome['client'], target: Outcome['target'], started: number, err: unknown): Outcome {
  const e = unwrapError(err)
  const outcome: Outcome = { client, ok: false, target, elapsedMs: since(started), message: e.message }
  const name = (err as { name?: unknown } | null)?.name
  if (typeof name === 'string' && name !== 'Error') outcome.errorName = name
  if (e.code !== undefined) outcome.code = e.code
  if (e.syscall !== undefined) outcome.syscall = e.syscall
  outcome.address = e.address ?? target.host
  outcome.port = e.port ?? target.port
  const family = e.family ?? familyOf(outcome.address)
  if (family) outcome.family = family
  if (e.causes.length > 0) outcome.causes = e.causes
  return outcome
}

/**
 * The settle options an HTTP request attempt of node:http, node:https or node:http2 takes: a failure that keeps the
 * socket's ends while it still has them (a destroyed socket forgets its addresses), our own ETIMEDOUT after
 * `opts.timeoutMs` (5000 unless told) worded `<what>: no answer within N ms`, and `release` as the attempt settles.
 */
export function requestSettling (
  target: Outcome['target'], request: string, what: string, socketOf: () => Socket | undefined,
  opts: { timeoutMs?: number | undefined, signal?: AbortSignal | undefined }, release: (outcome: Outcome) => void,
): SettleOptions<Outcome> {
  function failure (err: unknown, attempt: Settling<Outcome>): Outcome {
    const socket = socketOf()
    const { family: _family, ...ends } = socket ? endsOf(socket) : {}
    return { ...fail('http', target, attempt.started, err), request, ...ends }
  }
  return {
    timeoutMs: opts.timeoutMs,
    defaultTimeoutMs: 5000,
    signal: opts.signal,
    failure,
    onTimeout: (attempt) => failure(Object.assign(new Error(`${what}: no answer within ${attempt.timeoutMs} ms`), { code: 'ETIMEDOUT', address: target.host, port: target.port }), attempt),
    release,
  }
}

/** Attaches a live object to an outcome without making it part of the (serialisable) event. */
export function attach<T extends object, K extends string, V> (outcome: T, key: K, value: V): T & Record<K, V> {
  Object.defineProperty(outcome, key, { value, enumerable: false, configurable: true })
  return outcome as T & Record<K, V>
}

/**
 * Host and port of a URL, brackets off an IPv6 host. A URL that does not parse is still a target (its text, port 0),
 * so the attempt can report the parse error as its Outcome.
 */
export function targetOf (url: string): Outcome['target'] {
  try {
    const parsed = new URL(url)
    const port = parsed.port || ({ 'https:': '443', 'wss:': '443' } as Record<string, string>)[parsed.protocol] || '80'
    return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(port) }
  } catch {
    return { host: String(url), port: 0 }
  }
}

/** How much of a body to keep: a whole, non-negative count (2000 unless told). */
export function bodyLimitOf (limit: number | undefined): number {
  return typeof limit === 'number' && limit >= 0 ? Math.floor(Math.min(limit, Number.MAX_SAFE_INTEGER)) : 2000
}

/** Both ends of a connected socket (the 4-tuple) and its family, as outcome fields. */
export function endsOf (socket: Socket): Pick<Outcome, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort' | 'family'> {
  const ends: Pick<Outcome, 'localAddress' | 'localPort' | 'remoteAddress' | 'remotePort' | 'family'> = {}
  if (socket.localAddress !== undefined) ends.localAddress = socket.localAddress
  if (socket.localPort !== undefined) ends.localPort = socket.localPort
  if (socket.remoteAddress !== undefined) ends.remoteAddress = socket.remoteAddress
  if (socket.remotePort !== undefined) ends.remotePort = socket.remotePort
  const family = familyOf(socket.remoteAddress)
  if (family) ends.family = family
  return ends
}
