/**
 * Attempts: a TCP connect, an HTTP request through Node's fetch, a WebSocket open. They never throw; each returns an
 * Outcome with what the client saw (its code, the address it used, its own ephemeral port, how long it took).
 */
import type http from 'node:http'
import net from 'node:net'
import type { LookupFunction, Socket } from 'node:net'
import type { WebSocket } from 'ws'
import type { Outcome } from '../core/events.js'
import { familyOf, now, since, unwrapError } from '../net/address.js'
import { endsOf } from './settle.js'

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

/** Attaches a live object to an outcome without making it part of the (serialisable) event. */
export function attach<T extends object, K extends string, V> (outcome: T, key: K, value: V): T & Record<K, V> {
  Object.defineProperty(outcome, key, { value, enumerable: false, configurable: true })
  return outcome as T & Record<K, V>
}

/** Open a TCP connection; report both ends of it (the 4-tuple), or the error the kernel gave. */
export function tcpConnect (opts: TcpAttemptOptions): Promise<TcpOutcome> {
  const target = { host: opts.host, port: opts.port }
  const timeoutMs = opts.timeoutMs ?? 2000
  const started = now()
  return new Promise((resolve) => {
    const connectOpts: net.NetConnectOpts = { host: opts.host, port: opts.port }
    if (opts.autoSelectFamily !== undefined) connectOpts.autoSelectFamily = opts.autoSelectFamily
    if (opts.lookup) connectOpts.lookup = opts.lookup
    if (opts.family) connectOpts.family = opts.family
    const socket = net.connect(connectOpts)
    let settled = false
    const timer = setTimeout(onTimeout, timeoutMs)
    opts.signal?.addEventListener('abort', onAbort, { once: true })

    function finish (outcome: Outcome, keep = false): void {
      if (settled) return
      settled = true
      clearTimeout(timer)
      // Happy Eyeballs (several addresses for one name) leaves the list of what it tried on the socket.
      const tried = (socket as { autoSelectFamilyAttemptedAddresses?: string[] }).autoSelectFamilyAttemptedAddresses
      if (Array.isArray(tried) && tried.length > 0) outcome.attempted = [...tried]
      opts.signal?.removeEventListener('abort', onAbort)
      socket.removeListener('connect', socketOnConnect)
      if (keep) {
        resolve(attach(outcome, 'socket', socket))
        return
      }
      socket.destroy()
      resolve(outcome)
    }
    function socketOnConnect (): void {
      const outcome: Outcome = {
        client: 'tcp',
        ok: true,
        target,
        elapsedMs: since(started),
        localAddress: socket.localAddress!,
        localPort: socket.localPort!,
        remoteAddress: socket.remoteAddress!,
        remotePort: socket.remotePort!,
      }
      const family = familyOf(socket.remoteAddress)
      if (family) outcome.family = family
      if (opts.keepOpen) socket.removeListener('error', socketOnError)
      finish(outcome, opts.keepOpen)
    }
    function socketOnError (err: Error): void {
      finish(fail('tcp', target, started, err))
    }
    function onTimeout (): void {
      const err = Object.assign(new Error(`connect ETIMEDOUT ${opts.host}:${opts.port} (no answer within ${timeoutMs} ms)`), {
        code: 'ETIMEDOUT', syscall: 'connect', address: opts.host, port: opts.port,
      })
      finish(fail('tcp', target, started, err))
    }
    function onAbort (): void {
      finish(fail('tcp', target, started, opts.signal?.reason ?? new Error('aborted')))
    }
    socket.once('connect', socketOnConnect)
    socket.on('error', socketOnError)
  })
}

export interface HttpAttemptOptions {
  /** Keep at most this many characters of the response body in the Outcome. Default 2000. */
  bodyLimit?: number
  method?: string
  headers?: Record<string, string>
  body?: string
  /** Abort with `TimeoutError` after this many ms (AbortSignal.timeout). Default 5000. */
  timeoutMs?: number
  signal?: AbortSignal
}

/** One HTTP request through Node's own fetch (undici), the client most Node code uses today. */
export async function httpRequest (url: string, opts: HttpAttemptOptions = {}): Promise<Outcome> {
  const parsed = new URL(url)
  const target = { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || (parsed.protocol === 'https:' ? 443 : 80)) }
  const request = `${opts.method ?? 'GET'} ${url}`
  const timeout = AbortSignal.timeout(opts.timeoutMs ?? 5000)
  const signal = opts.signal ? AbortSignal.any([timeout, opts.signal]) : timeout
  const started = now()
  try {
    const init: RequestInit = { method: opts.method ?? 'GET', signal }
    if (opts.headers) init.headers = opts.headers
    if (opts.body !== undefined) init.body = opts.body
    const res = await fetch(url, init)
    const text = await res.text()
    const outcome: Outcome = { client: 'http', ok: res.ok, target, request, via: 'fetch', elapsedMs: since(started), status: res.status, body: text.slice(0, opts.bodyLimit ?? 2000) }
    if (!res.ok) outcome.message = `HTTP ${res.status} ${res.statusText}`
    const family = familyOf(target.host)
    if (family) outcome.family = family
    return outcome
  } catch (err) {
    return { ...fail('http', target, started, err), request, via: 'fetch' }
  }
}

/** As for fetch, but `headers` may hold any header, `Host` and `Origin` included (fetch forbids setting `Host`). */
export interface NodeHttpAttemptOptions extends Omit<HttpAttemptOptions, 'timeoutMs'> {
  /** Give up after this many ms with code `ETIMEDOUT` (our own client timeout). Default 5000. */
  timeoutMs?: number
}

/**
 * One HTTP request through node:http. Unlike fetch it sends the headers it is given, `Host` included, so it can send
 * what a browser sends after a DNS rebinding: a request to 127.0.0.1:P that says `Host: attacker.example:P`.
 * `request` names the Host header when it differs from the URL's.
 */
export async function nodeHttpRequest (url: string, opts: NodeHttpAttemptOptions = {}): Promise<Outcome> {
  // Loaded on first use, like ws: commands that never send such a request do not pay for node:http.
  const { request: httpRequestRaw } = await import('node:http')
  const parsed = new URL(url)
  const target = { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 80) }
  const method = opts.method ?? 'GET'
  const headers = opts.headers ?? {}
  const hostHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'host')?.[1]
  const request = `${method} ${url} (node:http${hostHeader !== undefined && hostHeader !== parsed.host ? `, Host: ${hostHeader}` : ''})`
  const timeoutMs = opts.timeoutMs ?? 5000
  const started = now()
  return new Promise((resolve) => {
    let settled = false
    const req = httpRequestRaw({ host: target.host, port: target.port, path: `${parsed.pathname}${parsed.search}`, method, headers, agent: false })
    const timer = setTimeout(onTimeout, timeoutMs)
    opts.signal?.addEventListener('abort', onAbort, { once: true })

    function finish (outcome: Outcome): void {
      if (settled) return
      settled = true
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      outcome.via = 'node:http'
      req.destroy()
      resolve(outcome)
    }
    function reqOnResponse (res: http.IncomingMessage): void {
      const s = res.socket
      const outcome: Outcome = {
        client: 'http', ok: res.statusCode! >= 200 && res.statusCode! < 300, target, request, elapsedMs: 0, status: res.statusCode!,
        localAddress: s.localAddress!, localPort: s.localPort!, remoteAddress: s.remoteAddress!, remotePort: s.remotePort!,
      }
      if (!outcome.ok) outcome.message = `HTTP ${res.statusCode} ${res.statusMessage}`
      const family = familyOf(s.remoteAddress)
      if (family) outcome.family = family
      let body = ''
      res.setEncoding('utf8')
      const limit = opts.bodyLimit ?? 2000
      res.on('data', (chunk: string) => { if (body.length < limit) body += chunk })
      res.on('end', () => {
        outcome.body = body.slice(0, limit)
        outcome.elapsedMs = since(started)
        finish(outcome)
      })
      res.on('error', reqOnError)
    }
    function reqOnError (err: Error): void {
      // The socket's ends, while it still has them (a destroyed socket forgets its addresses).
      const { family: _family, ...ends } = req.socket ? endsOf(req.socket) : {}
      finish({ ...fail('http', target, started, err), request, ...ends })
    }
    function onTimeout (): void {
      reqOnError(Object.assign(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT', address: target.host, port: target.port }))
    }
    function onAbort (): void {
      reqOnError(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error(String(opts.signal?.reason ?? 'aborted')))
    }
    req.on('response', reqOnResponse)
    req.on('error', reqOnError)
    req.end(opts.body)
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
export async function wsOpen (url: string, opts: WsAttemptOptions = {}): Promise<WsOutcome> {
  const { default: WebSocketClient } = await import('ws')
  const parsed = new URL(url)
  const target = { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 80) }
  const started = now()
  return new Promise((resolve) => {
    // ws hands these options on to http.request and net.connect, lookup and autoSelectFamily included.
    const clientOpts: import('ws').ClientOptions & { lookup?: LookupFunction, autoSelectFamily?: boolean } = { handshakeTimeout: opts.timeoutMs ?? 2000 }
    if (opts.headers) clientOpts.headers = opts.headers
    if (opts.lookup) clientOpts.lookup = opts.lookup
    if (opts.family) clientOpts.family = opts.family
    if (opts.autoSelectFamily !== undefined) clientOpts.autoSelectFamily = opts.autoSelectFamily
    const ws = new WebSocketClient(url, clientOpts)
    const outcome: Outcome = { client: 'ws', ok: false, target, request: `GET ${url} (Upgrade: websocket)`, elapsedMs: 0 }
    let settled = false
    let openedAt = 0
    opts.signal?.addEventListener('abort', onAbort, { once: true })

    function finish (): void {
      if (settled) return
      settled = true
      opts.signal?.removeEventListener('abort', onAbort)
      outcome.elapsedMs = since(started)
      if (opts.keepOpen && !opts.untilClose && outcome.ok) {
        ws.removeListener('error', wsOnError)
        ws.removeListener('close', wsOnClose)
        resolve(attach(outcome, 'ws', ws))
        return
      }
      resolve(outcome)
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
      openedAt = now()
      outcome.ok = true
      outcome.timings = { openMs: since(started) }
      if (opts.untilClose) {
        if (opts.send !== undefined) ws.send(opts.send)
        ws.on('message', (data) => { outcome.body = `${outcome.body ?? ''}${String(data)}`.slice(0, 2000) })
        return
      }
      if (opts.send !== undefined) {
        ws.send(opts.send)
        ws.once('message', (data) => {
          outcome.timings!.roundTripMs = since(openedAt)
          outcome.body = String(data).slice(0, 2000)
          if (opts.keepOpen) finish()
          else ws.close(1000, 'done')
        })
      } else if (opts.keepOpen) {
        finish()
      } else {
        ws.close(1000, 'done')
      }
    }
    function wsOnError (err: Error): void {
      const failed = fail('ws', target, started, err)
      Object.assign(outcome, failed, { ok: false, timings: outcome.timings })
      if (outcome.timings === undefined) delete outcome.timings
      // ws emits 'close' (1006) after an error; settle there so the close code is part of the outcome.
      if (ws.readyState === ws.CLOSED) finish()
    }
    function wsOnClose (code: number, reason: Buffer): void {
      outcome.closeCode = code
      if (reason.length > 0) outcome.closeReason = reason.toString()
      if (opts.untilClose && openedAt > 0) {
        outcome.ok = outcome.code === undefined && (code === 1000 || code === 1001)
        outcome.timings = { ...outcome.timings, openForMs: since(openedAt) }
      }
      finish()
    }
    function onAbort (): void {
      ws.terminate()
      Object.assign(outcome, fail('ws', target, started, opts.signal?.reason ?? new Error('aborted')))
      finish()
    }
    ws.on('upgrade', wsOnUpgrade)
    ws.on('open', wsOnOpen)
    ws.on('error', wsOnError)
    ws.on('close', wsOnClose)
  })
}
