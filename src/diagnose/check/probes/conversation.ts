/**
 * The one way a probe talks to a listener: connect (plain TCP, or TLS without checking the certificate), write a few
 * bytes, read until the answer is complete, the peer closes, a byte cap or a deadline, then destroy the socket. Bytes,
 * not text: a MySQL greeting, a PostgreSQL reply and a MongoDB document are binary. Never throws; every wait settles
 * through the clients' `settle()` (src/clients/settle.ts), so nothing outlives its deadline.
 *
 * tcpExchange (src/clients/exchange.ts) is for lessons that watch how a connection ends, and keeps text; a probe needs
 * several turns on one connection (SSLRequest, then the startup message) and the raw bytes of each.
 */
import { createRequire } from 'node:module'
import net from 'node:net'
import type tls from 'node:tls'
import { settle } from '../../../clients/settle.js'

/**
 * node:tls at the first TLS probe, not at import: every lesson of the catalogue is loaded with `demo`, and importing
 * it there loaded node:tls for lessons that never probe (issue 15).
 */
const tlsModule = (): typeof tls => createRequire(import.meta.url)('node:tls') as typeof tls

/** How much a probe reads from one connection, at most: enough for a banner, a page head or a certificate. */
export const MAX_BYTES = 16 * 1024

export interface OpenOptions {
  host: string
  port: number
  /** Wrap the connection in TLS (no certificate check, no SNI: we ask what it is, not whom to trust). Default false. */
  tls?: boolean
  /** Give up connecting (and, with `tls`, the handshake) after this many ms. */
  timeoutMs: number
  signal?: AbortSignal | undefined
}

export interface Reading {
  /** Everything received since the previous read (at most MAX_BYTES over the whole conversation). */
  bytes: Buffer
  /** The peer closed (FIN or RST) or the connection failed. */
  ended: boolean
  /** The deadline came first. */
  timedOut: boolean
  /** Node's error code when the connection failed while reading (ECONNRESET …). */
  code?: string
}

export interface Conversation {
  readonly socket: net.Socket | tls.TLSSocket
  /** Write bytes; a failed write shows up as `ended` on the next read. */
  write (bytes: Buffer | string): void
  /** Wait until `enough(all bytes so far)` holds, the peer closes, the byte cap or `timeoutMs`. */
  read (enough: (received: Buffer) => boolean, timeoutMs: number): Promise<Reading>
  /** Upgrade this connection to TLS in place (PostgreSQL's SSLRequest answered `S`); false when the handshake failed. */
  startTls (timeoutMs: number): Promise<boolean>
  close (): void
}

export type Opened = { ok: true, conversation: Conversation } | { ok: false, code: string, message: string }

function codeOf (err: unknown): string {
  const code = (err as NodeJS.ErrnoException | null)?.code
  return typeof code === 'string' ? code : 'ERROR'
}

/** Connect, and hand back a Conversation, or the error code the connect ended with. */
export function open (opts: OpenOptions): Promise<Opened> {
  let socket: net.Socket | undefined
  return settle<Opened>({
    timeoutMs: opts.timeoutMs,
    defaultTimeoutMs: 300,
    signal: opts.signal,
    failure: (err) => ({ ok: false, code: codeOf(err), message: err instanceof Error ? err.message : String(err) }),
    onTimeout: (attempt) => ({ ok: false, code: 'ETIMEDOUT', message: `no ${opts.tls ? 'TLS handshake' : 'connection'} within ${attempt.timeoutMs} ms` }),
    release: function openRelease (result) {
      if (!result.ok) socket?.destroy()
    },
  }, function openBody (attempt) {
    const s = socket = opts.tls
      ? tlsModule().connect({ host: opts.host, port: opts.port, rejectUnauthorized: false, servername: '' })
      : net.connect({ host: opts.host, port: opts.port })
    s.once(opts.tls ? 'secureConnect' : 'connect', function socketOnConnect () {
      s.removeListener('error', socketOnError)
      attempt.done({ ok: true, conversation: converse(s, opts.signal) })
    })
    s.on('error', socketOnError)
    function socketOnError (err: Error): void {
      attempt.fail(err)
    }
  })
}

function converse (first: net.Socket, signal: AbortSignal | undefined): Conversation {
  let socket: net.Socket = first
  let received = Buffer.alloc(0)
  let total = 0
  let ended = false
  let code: string | undefined
  let wake: (() => void) | undefined

  function listen (s: net.Socket): void {
    s.on('data', function socketOnData (chunk: Buffer) {
      const room = MAX_BYTES - total
      if (room <= 0) return
      const kept = chunk.length > room ? chunk.subarray(0, room) : chunk
      received = Buffer.concat([received, kept])
      total += kept.length
      wake?.()
    })
    s.on('end', function socketOnEnd () { ended = true; wake?.() })
    s.on('close', function socketOnClose () { ended = true; wake?.() })
    s.on('error', function socketOnError (err: Error) { ended = true; code ??= codeOf(err); wake?.() })
  }
  listen(socket)

  const conversation: Conversation = {
    get socket () { return socket },
    write (bytes) {
      if (!ended && !socket.destroyed) socket.write(bytes)
    },
    read (enough, timeoutMs) {
      return settle<Reading>({
        timeoutMs,
        defaultTimeoutMs: 300,
        signal,
        failure: () => take(true, false),
        onTimeout: () => take(false, true),
        release: function readRelease () { wake = undefined },
      }, function readBody (attempt) {
        function check (): void {
          if (enough(received) || ended || total >= MAX_BYTES) attempt.done(take(false, false))
        }
        wake = check
        check()
      })
    },
    startTls (timeoutMs) {
      const plain = socket
      plain.removeAllListeners('data')
      plain.removeAllListeners('end')
      plain.removeAllListeners('close')
      plain.removeAllListeners('error')
      // Errors on the plain socket now surface through the TLS socket; a listener keeps them from being unhandled.
      plain.on('error', () => {})
      let secure: tls.TLSSocket | undefined
      return settle<boolean>({
        timeoutMs,
        defaultTimeoutMs: 300,
        signal,
        failure: () => false,
        onTimeout: () => false,
        release: function startTlsRelease (ok) {
          if (!ok) { ended = true; secure?.destroy() }
        },
      }, function startTlsBody (attempt) {
        const s = secure = tlsModule().connect({ socket: plain, rejectUnauthorized: false, servername: '' })
        socket = s
        listen(s)
        s.once('secureConnect', () => attempt.done(true))
        s.once('error', (err) => attempt.fail(err))
      })
    },
    close () {
      socket.destroy()
      if (socket !== first) first.destroy()
    },
  }

  /** What arrived since the last read, and how the wait ended. */
  function take (failed: boolean, timedOut: boolean): Reading {
    const bytes = received
    received = Buffer.alloc(0)
    const reading: Reading = { bytes, ended: ended || failed, timedOut }
    if (code !== undefined) reading.code = code
    return reading
  }
  return conversation
}

/**
 * One turn on a fresh connection: connect, write `send` (if any), read until `enough`, close. The time limit covers
 * the whole turn. Never throws.
 */
export async function oneTurn (opts: OpenOptions & { send?: Buffer | string, enough: (received: Buffer) => boolean }): Promise<Reading & { connected: boolean, connectCode?: string }> {
  const started = Date.now()
  const opened = await open(opts)
  if (!opened.ok) return { bytes: Buffer.alloc(0), ended: true, timedOut: opened.code === 'ETIMEDOUT', connected: false, connectCode: opened.code, code: opened.code }
  const c = opened.conversation
  try {
    if (opts.send !== undefined) c.write(opts.send)
    const left = Math.max(1, opts.timeoutMs - (Date.now() - started))
    return { ...await c.read(opts.enough, left), connected: true }
  } finally {
    c.close()
  }
}

/**
 * Several turns on one connection: connect, run `talk` with the time left of `timeoutMs` (for each read), close.
 * Undefined when the connection could not be made, or when `talk` says the listener is not what it looked for.
 */
export async function withConversation<T> (opts: OpenOptions, talk: (c: Conversation, left: () => number) => Promise<T | undefined>): Promise<T | undefined> {
  const started = Date.now()
  const left = (): number => Math.max(1, opts.timeoutMs - (Date.now() - started))
  const opened = await open(opts)
  if (!opened.ok) return undefined
  try {
    return await talk(opened.conversation, left)
  } finally {
    opened.conversation.close()
  }
}
