/**
 * A raw TCP exchange: connect, optionally send a few bytes, then read until the server closes. It tells apart the
 * three ways a server can hang up on you: it answered (ok, `body`), it closed without a byte (`EOF`: what
 * `curl: (52) Empty reply from server` means), or it reset the connection (`ECONNRESET`: `curl: (56)`).
 */
import net from 'node:net'
import type { Outcome } from '../events.js'
import { hostPort, now, since } from '../util/net.js'
import { fail } from './attempt.js'

export interface ExchangeOptions {
  host: string
  port: number
  /** Bytes to send once connected. Default: nothing (a client that waits for the server to speak first). */
  send?: string
  /** Give up after this many ms with `ETIMEDOUT`. Default 2000. */
  timeoutMs?: number
  signal?: AbortSignal
}

export function tcpExchange (opts: ExchangeOptions): Promise<Outcome> {
  const target = { host: opts.host, port: opts.port }
  const timeoutMs = opts.timeoutMs ?? 2000
  const started = now()
  return new Promise((resolve) => {
    const socket = net.connect({ host: opts.host, port: opts.port })
    const outcome: Outcome = { client: 'tcp', ok: false, target, elapsedMs: 0 }
    outcome.request = opts.send === undefined
      ? `tcp ${hostPort(opts.host, opts.port)}, send nothing, wait for the server`
      : `tcp ${hostPort(opts.host, opts.port)}, send ${JSON.stringify(opts.send.slice(0, 40))}, read the reply`
    let received = ''
    let connected = false
    let settled = false
    const timer = setTimeout(onTimeout, timeoutMs)
    opts.signal?.addEventListener('abort', onAbort, { once: true })

    function finish (): void {
      if (settled) return
      settled = true
      clearTimeout(timer)
      opts.signal?.removeEventListener('abort', onAbort)
      outcome.elapsedMs = since(started)
      socket.destroy()
      resolve(outcome)
    }
    function failWith (err: unknown): void {
      // The failure's fields (code, syscall, address ...) on top of what we know of the connection (its two ends).
      Object.assign(outcome, fail('tcp', target, started, err))
      finish()
    }
    function socketOnConnect (): void {
      connected = true
      outcome.localAddress = socket.localAddress!
      outcome.localPort = socket.localPort!
      outcome.remoteAddress = socket.remoteAddress!
      outcome.remotePort = socket.remotePort!
      if (opts.send !== undefined) socket.write(opts.send)
    }
    function socketOnData (chunk: Buffer): void {
      received += chunk.toString('latin1')
    }
    function socketOnEnd (): void {
      if (received.length > 0) {
        outcome.ok = true
        outcome.body = received.slice(0, 2000)
        finish()
        return
      }
      // The peer sent FIN without a byte: a clean close, and no reply. Node has no code for it; `EOF` is ours.
      failWith(Object.assign(new Error(`the server closed the connection without sending anything (EOF after ${since(started).toFixed(2)} ms)`), {
        code: 'EOF', syscall: 'read', address: opts.host, port: opts.port,
      }))
    }
    function onTimeout (): void {
      failWith(Object.assign(new Error(`no ${connected ? 'reply' : 'connection'} from ${opts.host}:${opts.port} within ${timeoutMs} ms`), {
        code: 'ETIMEDOUT', syscall: connected ? 'read' : 'connect', address: opts.host, port: opts.port,
      }))
    }
    function onAbort (): void {
      failWith(opts.signal?.reason ?? new Error('aborted'))
    }
    socket.once('connect', socketOnConnect)
    socket.on('data', socketOnData)
    socket.once('end', socketOnEnd)
    socket.on('error', failWith)
  })
}
