/**
 * Waiting for a service that is still starting: try, and on failure pause and try again, each pause longer than the
 * last (exponential backoff) and randomised (jitter, so many clients do not retry in lockstep), all under one overall
 * deadline. Every attempt is returned as an Outcome; the helpers never throw.
 *
 * - `waitForPort`: ready means "a TCP connect succeeds". That only proves the port is open.
 * - `waitForHttp`: ready means "GET <path> answers 200", which is what a client actually needs.
 *
 * Any option is taken (fractional, zero, negative, huge, NaN): every time goes through settle.ts's `delayMs` once, at
 * the start, and each attempt and pause settles through `settle()`, so no timer ever sees a value it would reject.
 */
import type { Outcome } from '../core/events.js'
import { hostPort } from '../net/address.js'
import { now, since } from '../core/clock.js'
import { httpRequest, tcpConnect } from './attempt.js'
import { delayMs, pause } from './settle.js'

export interface WaitOptions {
  /** Give up this many ms after the first attempt started. Default 10000. */
  deadlineMs?: number
  /** The pause after the first failed attempt. Default 25. */
  initialDelayMs?: number
  /** The longest pause. Default 1000. */
  maxDelayMs?: number
  /** Each pause is the previous one times this. Default 2; 1 gives a fixed interval. */
  factor?: number
  /** Shorten each pause by a random part of up to this fraction of it: 0 none, 0.5 gives 50-100 %. Default 0.5. */
  jitter?: number
  /** One attempt may take at most this long (and never past the deadline). Default 1000. */
  attemptTimeoutMs?: number
  /** Stop waiting (the result says `aborted`). */
  signal?: AbortSignal
  /** Called with each attempt as soon as it finished. */
  onAttempt?: (outcome: Outcome) => void
  /** The clock for `timings.startedAtMs`. Default: ms since the wait began. */
  clock?: () => number
}

export interface WaitForPortOptions extends WaitOptions {
  host: string
  port: number
}

export interface WaitForHttpOptions extends WaitOptions {
  /** Appended to the URL. Default `/health`. */
  path?: string
  /** The status that means ready, or `2xx` for any success. Default 200. */
  status?: number | '2xx'
}

export interface WaitResult {
  ok: boolean
  /** What was waited for: `127.0.0.1:41234 (port open)`, `GET http://127.0.0.1:41234/health (answers 200)`. */
  target: string
  /**
   * Every attempt, in order. `timings.startedAtMs` is when it started (on `clock`), `timings.pauseMs` the pause
   * before it (0 for the first).
   */
  attempts: Outcome[]
  /** The last attempt: the one that succeeded, or the last failure. */
  last: Outcome
  elapsedMs: number
  deadlineMs: number
  /** Why it stopped without success. */
  reason?: 'deadline' | 'aborted'
  /** One line for a person: what was ready when, or why it gave up and what the last attempt said. */
  message: string
}

const defaults = { deadlineMs: 10000, initialDelayMs: 25, maxDelayMs: 1000, factor: 2, jitter: 0.5, attemptTimeoutMs: 1000 }

/** The options as the loop uses them: whole, in-range ms; a factor of 0 or more; a jitter between 0 and 1. */
function normalised (opts: WaitOptions): typeof defaults {
  const within = (v: number | undefined, fallback: number, lo: number, hi: number): number =>
    typeof v === 'number' && !Number.isNaN(v) ? Math.min(hi, Math.max(lo, v)) : fallback
  return {
    deadlineMs: delayMs(opts.deadlineMs, defaults.deadlineMs),
    initialDelayMs: delayMs(opts.initialDelayMs, defaults.initialDelayMs),
    maxDelayMs: delayMs(opts.maxDelayMs, defaults.maxDelayMs),
    factor: within(opts.factor, defaults.factor, 0, Number.MAX_VALUE),
    jitter: within(opts.jitter, defaults.jitter, 0, 1),
    attemptTimeoutMs: delayMs(opts.attemptTimeoutMs, defaults.attemptTimeoutMs, 1),
  }
}

async function waitFor (target: string, attempt: (timeoutMs: number) => Promise<Outcome>, ready: (o: Outcome) => boolean, opts: WaitOptions): Promise<WaitResult> {
  const o = normalised(opts)
  const started = now()
  const clock = opts.clock ?? (() => since(started))
  const attempts: Outcome[] = []
  let delay = o.initialDelayMs
  let pausedMs = 0
  let final = false

  const result = (ok: boolean, reason?: WaitResult['reason']): WaitResult => {
    const last = attempts.at(-1)!
    const elapsedMs = since(started)
    const n = `${attempts.length} attempt${attempts.length === 1 ? '' : 's'}`
    const said = last.message ?? last.code ?? (last.status !== undefined ? `HTTP ${last.status}` : 'failed')
    const message = ok
      ? `${target}: ready after ${elapsedMs.toFixed(1)} ms, ${n}`
      : reason === 'aborted'
        ? `${target}: stopped waiting after ${elapsedMs.toFixed(1)} ms (aborted), ${n}; the last said: ${said}`
        : `${target}: not ready within the ${o.deadlineMs} ms deadline (gave up after ${elapsedMs.toFixed(1)} ms, ${n}); the last said: ${said}`
    const r: WaitResult = { ok, target, attempts, last, elapsedMs, deadlineMs: o.deadlineMs, message }
    if (reason !== undefined) r.reason = reason
    return r
  }

  for (;;) {
    const startedAtMs = clock()
    const left = o.deadlineMs - since(started)
    const outcome = await attempt(Math.max(1, Math.min(o.attemptTimeoutMs, left)))
    outcome.timings = { ...outcome.timings, startedAtMs, pauseMs: pausedMs }
    attempts.push(outcome)
    opts.onAttempt?.(outcome)
    if (ready(outcome)) return result(true)
    if (opts.signal?.aborted) return result(false, 'aborted')
    const remaining = o.deadlineMs - since(started)
    if (final || remaining < 1) return result(false, 'deadline')
    pausedMs = delayMs(delay * (1 - o.jitter * Math.random()), 0)
    if (pausedMs >= remaining) {
      // Cut the last pause short: one final attempt at the deadline, then give up. (+1: a timer may fire up to a
      // millisecond early by performance.now(); the last attempt must not come before the deadline.)
      pausedMs = Math.ceil(remaining) + 1
      final = true
    }
    if (!await pause(pausedMs, opts.signal)) return result(false, 'aborted')
    delay = delayMs(Math.min(o.maxDelayMs, delay * o.factor), o.maxDelayMs)
  }
}

/** Wait until a TCP connect to host:port succeeds. Fast, but an open port is not a ready service. */
export function waitForPort (opts: WaitForPortOptions): Promise<WaitResult> {
  const { host, port } = opts
  return waitFor(`${hostPort(host, port)} (port open)`, (timeoutMs) => tcpConnect({ host, port, timeoutMs, ...signalOf(opts) }), (o) => o.ok, opts)
}

/** Wait until `GET url + path` answers `status` (200). Refusals, resets, timeouts and 503s all mean "not yet". */
export function waitForHttp (url: string, opts: WaitForHttpOptions = {}): Promise<WaitResult> {
  const full = `${url.replace(/\/$/, '')}${opts.path ?? '/health'}`
  const status = opts.status ?? 200
  const ready = (o: Outcome): boolean => status === '2xx' ? o.status !== undefined && o.status >= 200 && o.status < 300 : o.status === status
  return waitFor(`GET ${full} (answers ${status})`, (timeoutMs) => httpRequest(full, { timeoutMs, ...signalOf(opts) }), ready, opts)
}

function signalOf (opts: WaitOptions): { signal?: AbortSignal } {
  return opts.signal ? { signal: opts.signal } : {}
}
