/**
 * A TCP conversation: connect, write, and keep the socket until the other side ends it, so the outcome says HOW it
 * ended. `EOF` means the peer sent a FIN (a clean close: Node emits 'end', no error); `ECONNRESET` means an RST
 * (Node's 'error', `read ECONNRESET`). Never throws.
 */
import net from 'node:net'
import type { LookupFunction } from 'node:net'
import type { Outcome } from '../core/events.js'
import { hostPort, now, since } from '../net/address.js'
import { fail } from './attempt.js'
import { endsOf, guard } from './settle.js'

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
  const timeoutMs = opts.timeoutMs ?? 2000
  const payload = opts.send === undefined ? undefined : Buffer.from(opts.send)
  const request = `TCP ${hostPort(opts.host, opts.port)}, ${payload ? `send ${payload.length} bytes` : 'send nothing'}, wait for the reply`
  const started = now()
  return new Promise((resolve) => {
    const connectOpts: net.NetConnectOpts = { host: opts.host, port: opts.port }
    if (opts.lookup) connectOpts.lookup = opts.lookup
    if (opts.family) connectOpts.family = opts.family
    if (opts.autoSelectFamily !== undefined) connectOpts.autoSelectFamily = opts.autoSelectFamily
    const socket = net.connect(connectOpts)
    const chunks: Buffer[] = []
    let received = 0
    let sent = 0
    let connectedAt = 0
    let ends: Partial<Outcome> = {}
    const once = guard(timeoutMs, onTimeout, opts.signal, onAbort)

    function finish (outcome: Outcome): void {
      if (!once.settle()) return
      Object.assign(outcome, ends, { request, bytes: { sent, received } })
      if (received > 0) outcome.body = Buffer.concat(chunks).toString('utf8').slice(0, 2000)
      if (connectedAt > 0) outcome.timings = { ...outcome.timings, connectMs: connectedAt, afterConnectMs: Math.round((outcome.elapsedMs - connectedAt) * 1000) / 1000 }
      socket.destroy()
      resolve(outcome)
    }
    function socketOnConnect (): void {
      connectedAt = since(started)
      ends = endsOf(socket)
      if (payload) {
        socket.write(payload, (err) => {
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
        finish({ client: 'tcp', ok: true, target, elapsedMs: since(started) })
      }
    }
    function socketOnEnd (): void {
      // A FIN: the peer will send nothing more. Node reports it as 'end', never as an error.
      const outcome: Outcome = {
        client: 'tcp', ok: false, target, code: 'EOF', syscall: 'read', elapsedMs: since(started),
        address: socket.remoteAddress ?? opts.host, port: socket.remotePort ?? opts.port,
        message: received > 0
          ? `the server closed the connection after sending ${received} bytes (EOF)`
          : `the server closed the connection without sending anything (EOF after ${since(started).toFixed(2)} ms)`,
      }
      finish(outcome)
    }
    function socketOnError (err: Error): void {
      finish(fail('tcp', target, started, err))
    }
    function onTimeout (): void {
      const connected = connectedAt > 0
      const err = Object.assign(new Error(connected
        ? `read ETIMEDOUT ${hostPort(opts.host, opts.port)} (connected, no reply within ${timeoutMs} ms)`
        : `connect ETIMEDOUT ${hostPort(opts.host, opts.port)} (no answer within ${timeoutMs} ms)`), {
        code: 'ETIMEDOUT', syscall: connected ? 'read' : 'connect', address: socket.remoteAddress ?? opts.host, port: opts.port,
      })
      finish(fail('tcp', target, started, err))
    }
    function onAbort (): void {
      finish(fail('tcp', target, started, opts.signal?.reason ?? new Error('aborted')))
    }
    socket.once('connect', socketOnConnect)
    socket.on('data', socketOnData)
    socket.once('end', socketOnEnd)
    socket.on('error', socketOnError)
  })
}
