/**
 * Attempts: a TCP connect, an HTTP request through Node's fetch, a WebSocket open (node:http is in node-http.ts, a
 * conversation in exchange.ts). They never throw; each returns an Outcome with what the client saw (its code, the
 * address it used, its own ephemeral port, how long it took). Each settles through `settle()` (settle.ts).
 */
// Named: a default import made esbuild copy every export of node:net into an object of its own at each start.
import { Socket, type LookupFunction, type NetConnectOpts } from 'node:net'
import type { WebSocket } from 'ws'
import type { Outcome } from '../core/events.js'
import { familyOf } from '../net/address.js'
import { now, since } from '../core/clock.js'
import { attach, bodyLimitOf, fail, settle, targetOf } from './settle.js'

export interface TcpAttemptOptions {
  host: string
  port: number
  /** Give up after this many ms with code `ETIMEDOUT` (our own client timeout). Default 2000. */
  timeoutMs?: number
  /** Node's Happy Eyeballs for names with several addresses. Default: Node's own default. */
  autoSelectFamily?: boolean
  /** Replace DNS resolution (e.g. to answer `localhost` with ::1 first, as many /etc/hosts do). */
  lookup?: LookupFunction
  /** Force one family when resolving a name. */
  family?: 4 | 6
  /** Keep the connection open and hand the socket back as `outcome.socket` (the caller then owns it). Default false. */
  keepOpen?: boolean
  signal?: AbortSignal
}

export type TcpOutcome = Outcome & { socket?: Socket }

/** Open a TCP connection; report both ends of it (the 4-tuple), or the error the kernel gave. */
export function tcpConnect (opts: TcpAttemptOptions): Promise<TcpOutcome> {
  const target = { host: opts.host, port: opts.port }
  let socket: Socket | undefined
  return settle<TcpOutcome>({
    timeoutMs: opts.timeoutMs,
    defaultTimeoutMs: 2000,
    signal: opts.signal,
    failure: (err, attempt) => fail('tcp', target, attempt.started, err),
    onTimeout: (attempt) => fail('tcp', target, attempt.started, Object.assign(new Error(`connect ETIMEDOUT ${opts.host}:${opts.port} (no answer within ${attempt.timeoutMs} ms)`), {
      code: 'ETIMEDOUT', syscall: 'connect', address: opts.host, port: opts.port,
    })),
    release: function tcpConnectRelease (outcome) {
      if (socket === undefined) return
      // Happy Eyeballs (several addresses for one name) leaves the list of what it tried on the socket.
      const tried = (socket as { autoSelectFamilyAttemptedAddresses?: string[] }).autoSelectFamilyAttemptedAddresses
      if (Array.isArray(tried) && tried.length > 0) outcome.attempted = [...tried]
      if (outcome.socket !== socket) socket.destroy()
    },
  }, function tcpConnectBody (attempt) {
    const connectOpts: NetConnectOpts = { host: opts.host, port: opts.port }
    if (opts.autoSelectFamily !== undefined) connectOpts.autoSelectFamily = opts.autoSelectFamily
    if (opts.lookup) connectOpts.lookup = opts.lookup
    if (opts.family) connectOpts.family = opts.family
    // The socket first, then connect: a connect that throws (a bad port) leaves a socket for release() to destroy.
    const s = socket = new Socket()
    s.once('connect', socketOnConnect)
    s.on('error', socketOnError)
    s.connect(connectOpts)

    function socketOnConnect (): void {
      const outcome: TcpOutcome = {
        client: 'tcp',
        ok: true,
        target,
        elapsedMs: since(attempt.started),
        localAddress: s.localAddress!,
        localPort: s.localPort!,
        remoteAddress: s.remoteAddress!,
        remotePort: s.remotePort!,
      }
      const family = familyOf(s.remoteAddress)
      if (family) outcome.family = family
      if (opts.keepOpen) {
        s.removeListener('error', socketOnError)
        attempt.done(attach(outcome, 'socket', s))
      } else {
        attempt.done(outcome)
      }
    }
    function socketOnError (err: Error): void {
      attempt.fail(err)
    }
  })
}

export interface HttpAttemptOptions {
  /** Keep at most this many characters of the response body in the Outcome. Default 2000. */
  bodyLimit?: number
  method?: string
  headers?: Record<string, string>
  body?: string
  /** Give up with fetch's own `TimeoutError` (what AbortSignal.timeout gives) after this many ms. Default 5000. */
  timeoutMs?: number
  signal?: AbortSignal
}

/** One HTTP request through Node's own fetch (undici), the client most Node code uses today. */
export function httpRequest (url: string, opts: HttpAttemptOptions = {}): Promise<Outcome> {
  const target = targetOf(url)
  const method = opts.method ?? 'GET'
  const request = `${method} ${url}`
  return settle<Outcome>({
    timeoutMs: opts.timeoutMs,
    defaultTimeoutMs: 5000,
    signal: opts.signal,
    failure: (err, attempt) => ({ ...fail('http', target, attempt.started, err), request, via: 'fetch' }),
    // What fetch rejects with when AbortSignal.timeout() fires: a DOMException named TimeoutError, no cause.
    onTimeout: (attempt) => ({ ...fail('http', target, attempt.started, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), request, via: 'fetch' }),
  }, async function httpRequestBody (attempt) {
    // attempt.signal aborts once the attempt settled (timeout, the caller's abort): fetch then lets go too.
    const init: RequestInit = { method, signal: attempt.signal }
    if (opts.headers) init.headers = opts.headers
    if (opts.body !== undefined) init.body = opts.body
    const res = await fetch(url, init)
    const text = await res.text()
    const outcome: Outcome = { client: 'http', ok: res.ok, target, request, via: 'fetch', elapsedMs: since(attempt.started), status: res.status, body: text.slice(0, bodyLimitOf(opts.bodyLimit)) }
    if (!res.ok) outcome.message = `HTTP ${res.status} ${res.statusText}`
    const family = familyOf(target.host)
    if (family) outcome.family = family
    attempt.done(outcome)
  })
}

export interface WsAttemptOptions {
  /** Give up on the opening handshake after this many ms (ws `handshakeTimeout`). Default 2000. */
  timeoutMs?: number
  /** Send this text once open and wait for the echo; the round trip is `timings.roundTripMs`. */
  send?: string
  /** Keep the WebSocket open and hand it back as `outcome.ws`. Default false: close it normally (1000). */
  keepOpen?: boolean
  headers?: Record<string, string>
  /** Replace DNS resolution for the host (passed through ws to net.connect). */
  lookup?: LookupFunction
  /** Force one family when resolving a name. */
  family?: 4 | 6
  /** Node's Happy Eyeballs for names with several addresses. Default: Node's own default. */
  autoSelectFamily?: boolean
  /**
   * Once open (and `send` sent), stay open until the connection ends and report how: the close code (1006 when it
   * ended without a close frame), and the error if there was one. `ok` is then true only for a 1000 or 1001 close.
   * Default false.
   */
  untilClose?: boolean
  signal?: AbortSignal
}

export type WsOutcome = Outcome & { ws?: WebSocket }

/** Open a WebSocket with the `ws` client; optionally echo one message; report the close code. */
export function wsOpen (url: string, opts: WsAttemptOptions = {}): Promise<WsOutcome> {
  const target = targetOf(url)
  const outcome: WsOutcome = { client: 'ws', ok: false, target, request: `GET ${url} (Upgrade: websocket)`, elapsedMs: 0 }
  let ws: WebSocket | undefined
  return settle<WsOutcome>({
    timeoutMs: opts.timeoutMs,
    defaultTimeoutMs: 2000,
    signal: opts.signal,
    // No timer of ours: ws's own handshakeTimeout is the client's timeout (its error has no code, then 1006).
    failure: (err, attempt) => Object.assign(outcome, fail('ws', target, attempt.started, err)),
    release: function wsOpenRelease (result, attempt) {
      result.elapsedMs = since(attempt.started)
      // Settled early (an abort, a throw): the socket is ours to end. A kept WebSocket is the caller's.
      if (ws !== undefined && result.ws !== ws) ws.terminate()
    },
  }, async function wsOpenBody (attempt) {
    const { default: WebSocketClient } = await import('ws')
    if (attempt.settled) return
    // ws hands these options on to http.request and net.connect, lookup and autoSelectFamily included.
    const clientOpts: import('ws').ClientOptions & { lookup?: LookupFunction, autoSelectFamily?: boolean } = { handshakeTimeout: attempt.timeoutMs }
    if (opts.headers) clientOpts.headers = opts.headers
    if (opts.lookup) clientOpts.lookup = opts.lookup
    if (opts.family) clientOpts.family = opts.family
    if (opts.autoSelectFamily !== undefined) clientOpts.autoSelectFamily = opts.autoSelectFamily
    const socket = ws = new WebSocketClient(url, clientOpts)
    let openedAt = 0

    function finish (): void {
      if (opts.keepOpen && !opts.untilClose && outcome.ok) {
        socket.removeListener('error', wsOnError)
        socket.removeListener('close', wsOnClose)
        attempt.done(attach(outcome, 'ws', socket))
        return
      }
      attempt.done(outcome)
    }
    function wsOnUpgrade (res: import('node:http').IncomingMessage): void {
      const s = res.socket
      outcome.localAddress = s.localAddress!
      outcome.localPort = s.localPort!
      outcome.remoteAddress = s.remoteAddress!
      outcome.remotePort = s.remotePort!
      outcome.status = res.statusCode!
      const family = familyOf(s.remoteAddress)
      if (family) outcome.family = family
    }
    function wsOnOpen (): void {
      if (attempt.settled) return
      openedAt = now()
      outcome.ok = true
      outcome.timings = { openMs: since(attempt.started) }
      if (opts.untilClose) {
        if (opts.send !== undefined) socket.send(opts.send)
        socket.on('message', function wsOnMessage (data) { outcome.body = `${outcome.body ?? ''}${String(data)}`.slice(0, 2000) })
        return
      }
      if (opts.send !== undefined) {
        socket.send(opts.send)
        socket.once('message', function wsOnEcho (data) {
          outcome.timings!.roundTripMs = since(openedAt)
          outcome.body = String(data).slice(0, 2000)
          if (opts.keepOpen) finish()
          else socket.close(1000, 'done')
        })
      } else if (opts.keepOpen) {
        finish()
      } else {
        socket.close(1000, 'done')
      }
    }
    function wsOnError (err: Error): void {
      // After an abort or a throw the outcome is already out: what ws says while it winds down is not news.
      if (attempt.settled) return
      const failed = fail('ws', target, attempt.started, err)
      Object.assign(outcome, failed, { ok: false, timings: outcome.timings })
      if (outcome.timings === undefined) delete outcome.timings
      // ws emits 'close' (1006) after an error; settle there so the close code is part of the outcome.
      if (socket.readyState === socket.CLOSED) finish()
    }
    function wsOnClose (code: number, reason: Buffer): void {
      if (attempt.settled) return
      outcome.closeCode = code
      if (reason.length > 0) outcome.closeReason = reason.toString()
      if (opts.untilClose && openedAt > 0) {
        outcome.ok = outcome.code === undefined && (code === 1000 || code === 1001)
        outcome.timings = { ...outcome.timings, openForMs: since(openedAt) }
      }
      finish()
    }
    socket.on('upgrade', wsOnUpgrade)
    socket.on('open', wsOnOpen)
    socket.on('error', wsOnError)
    socket.on('close', wsOnClose)
  })
}
