/**
 * A TCP conversation: connect, write, and keep the socket until the other side ends it, so the outcome says HOW it
 * ended. `EOF` means the peer sent a FIN (a clean close: Node emits 'end', no error); `ECONNRESET` means an RST
 * (Node's 'error', `read ECONNRESET`). Never throws.
 */
import net from 'node:net'
import type { LookupFunction } from 'node:net'
import type { Outcome } from '../core/events.js'
import { hostPort } from '../net/address.js'
import { since } from '../core/clock.js'
import { endsOf, fail, settle } from './settle.js'

export interface TcpExchangeOptions {
  host: string
  port: number
  /** What to write once connected. Default: nothing. */
  send?: string | Buffer
  /**
   * Stop once the reply satisfies this (the outcome is then `ok`, and we close our side). Default: none, so the
   * conversation lasts until the other side ends it or the timeout fires, and the outcome is never `ok`.
   */
  until?: (received: Buffer) => boolean
  /** Give up after this many ms from the start with our own `ETIMEDOUT` (syscall `connect` or `read`). Default 2000. */
  timeoutMs?: number
  /** Called once `send` has been handed to the kernel (on loopback it is then in the peer's receive queue). */
  onSent?: () => void
  lookup?: LookupFunction
  family?: 4 | 6
  autoSelectFamily?: boolean
  signal?: AbortSignal
}

export function tcpExchange (opts: TcpExchangeOptions): Promise<Outcome> {
  const target = { host: opts.host, port: opts.port }
  const payload = opts.send === undefined ? undefined : Buffer.from(opts.send)
  const request = `TCP ${hostPort(opts.host, opts.port)}, ${payload ? `send ${payload.length} bytes` : 'send nothing'}, wait for the reply`
  const chunks: Buffer[] = []
  let socket: net.Socket | undefined
  let received = 0
  let sent = 0
  let connectedAt = 0
  let ends: Partial<Outcome> = {}
  return settle<Outcome>({
    timeoutMs: opts.timeoutMs,
    defaultTimeoutMs: 2000,
    signal: opts.signal,
    failure: (err, attempt) => fail('tcp', target, attempt.started, err),
    onTimeout: function exchangeOnTimeout (attempt) {
      const connected = connectedAt > 0
      const err = Object.assign(new Error(connected
        ? `read ETIMEDOUT ${hostPort(opts.host, opts.port)} (connected, no reply within ${attempt.timeoutMs} ms)`
        : `connect ETIMEDOUT ${hostPort(opts.host, opts.port)} (no answer within ${attempt.timeoutMs} ms)`), {
        code: 'ETIMEDOUT', syscall: connected ? 'read' : 'connect', address: socket?.remoteAddress ?? opts.host, port: opts.port,
      })
      return fail('tcp', target, attempt.started, err)
    },
    release: function exchangeRelease (outcome) {
      Object.assign(outcome, ends, { request, bytes: { sent, received } })
      if (received > 0) outcome.body = Buffer.concat(chunks).toString('utf8').slice(0, 2000)
      if (connectedAt > 0) outcome.timings = { ...outcome.timings, connectMs: connectedAt, afterConnectMs: Math.round((outcome.elapsedMs - connectedAt) * 1000) / 1000 }
      socket?.destroy()
    },
  }, function tcpExchangeBody (attempt) {
    const connectOpts: net.NetConnectOpts = { host: opts.host, port: opts.port }
    if (opts.lookup) connectOpts.lookup = opts.lookup
    if (opts.family) connectOpts.family = opts.family
    if (opts.autoSelectFamily !== undefined) connectOpts.autoSelectFamily = opts.autoSelectFamily
    // The socket first, then connect: a connect that throws (a bad port) leaves a socket for release() to destroy.
    const s = socket = new net.Socket()

    function socketOnConnect (): void {
      connectedAt = since(attempt.started)
      ends = endsOf(s)
      if (payload) {
        s.write(payload, (err) => {
          if (err) return
          sent = payload.length
          opts.onSent?.()
        })
      }
    }
    function socketOnData (chunk: Buffer): void {
      chunks.push(chunk)
      received += chunk.length
      if (opts.until?.(Buffer.concat(chunks))) {
        attempt.done({ client: 'tcp', ok: true, target, elapsedMs: since(attempt.started) })
      }
    }
    function socketOnEnd (): void {
      // A FIN: the peer will send nothing more. Node reports it as 'end', never as an error.
      attempt.done({
        client: 'tcp', ok: false, target, code: 'EOF', syscall: 'read', elapsedMs: since(attempt.started),
        address: s.remoteAddress ?? opts.host, port: s.remotePort ?? opts.port,
        message: received > 0
          ? `the server closed the connection after sending ${received} bytes (EOF)`
          : `the server closed the connection without sending anything (EOF after ${since(attempt.started).toFixed(2)} ms)`,
      })
    }
    function socketOnError (err: Error): void {
      attempt.fail(err)
    }
    s.once('connect', socketOnConnect)
    s.on('data', socketOnData)
    s.once('end', socketOnEnd)
    s.on('error', socketOnError)
    s.connect(connectOpts)
  })
}
