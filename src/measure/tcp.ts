/**
 * Raw TCP on loopback, measured: round trips of a small message over one connection (ping-pong), and a bulk echo
 * for throughput. Real sockets against an echo server (ours, in this process or another); nothing simulated.
 */
import net from 'node:net'
import type { Socket } from 'node:net'
import { now, since } from '../core/clock.js'
import { summarize, type LatencySummary } from './stats.js'

export interface RoundTripOptions {
  /** Round trips to measure. */
  rounds: number
  /** Round trips to run first and not count (JIT, buffers, caches). Default 20. */
  warmup?: number
  /** Bytes per message. Default 64. */
  size?: number
  signal?: AbortSignal
}

export interface RoundTripResult extends LatencySummary {
  /** The client's own end of the connection. */
  localPort: number
}

export interface ThroughputResult {
  /** Bytes (or messages) that made the whole trip. */
  count: number
  elapsedMs: number
  /** count per second. */
  perSecond: number
}

/** An echo that does not wait to fill a segment: what a latency test's server side should do. */
export function echoNoDelay (socket: Socket): void {
  socket.setNoDelay(true)
  socket.pipe(socket)
}

function aborted (signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error(String(signal.reason ?? 'aborted'))
}

function connect (host: string, port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port, noDelay: true })
    socket.once('connect', () => { socket.removeListener('error', reject); resolve(socket) })
    socket.once('error', reject)
  })
}

/** Counts echoed bytes; `until(n)` resolves once n bytes in all have come back. */
function receiver (socket: Socket): { until (total: number): Promise<void> } {
  let received = 0
  let target = Infinity
  let wake: (() => void) | undefined
  let fail: ((err: Error) => void) | undefined
  let ended: Error | undefined
  socket.on('data', (chunk: Buffer) => {
    received += chunk.length
    if (received >= target && wake) { const w = wake; wake = undefined; w() }
  })
  const onEnd = (err?: Error): void => {
    ended ??= err ?? new Error('the echo server closed the connection')
    fail?.(ended)
  }
  socket.once('error', onEnd)
  socket.once('close', () => onEnd())
  return {
    until (total) {
      if (received >= total) return Promise.resolve()
      if (ended) return Promise.reject(ended)
      target = total
      return new Promise((resolve, reject) => { wake = resolve; fail = reject })
    },
  }
}

/** Ping-pong: write `size` bytes, wait until all of them are back, repeat `rounds` times. */
export async function tcpRoundTrips (host: string, port: number, opts: RoundTripOptions): Promise<RoundTripResult> {
  const socket = await connect(host, port)
  try {
    const size = opts.size ?? 64
    const payload = Buffer.alloc(size, 0x61)
    const rx = receiver(socket)
    const samples: number[] = []
    const warmup = opts.warmup ?? 20
    let expected = 0
    for (let i = 0; i < warmup + opts.rounds; i++) {
      aborted(opts.signal)
      const t0 = now()
      socket.write(payload)
      expected += size
      await rx.until(expected)
      if (i >= warmup) samples.push(since(t0))
    }
    return { ...summarize(samples), localPort: socket.localPort! }
  } finally {
    socket.destroy()
  }
}

/** Bulk echo: write `bytes` in `chunk`-sized writes (respecting backpressure) and time until all came back. */
export async function tcpThroughput (host: string, port: number, opts: { bytes: number, chunk?: number, signal?: AbortSignal }): Promise<ThroughputResult> {
  const socket = await connect(host, port)
  try {
    const chunk = Buffer.alloc(opts.chunk ?? 64 * 1024, 0x62)
    const rx = receiver(socket)
    const t0 = now()
    const back = rx.until(opts.bytes)
    back.catch(() => {})
    for (let sent = 0; sent < opts.bytes; sent += chunk.length) {
      aborted(opts.signal)
      const piece = opts.bytes - sent < chunk.length ? chunk.subarray(0, opts.bytes - sent) : chunk
      if (!socket.write(piece)) await new Promise((resolve) => socket.once('drain', resolve))
    }
    await back
    const elapsedMs = since(t0)
    return { count: opts.bytes, elapsedMs, perSecond: opts.bytes / (elapsedMs / 1000) }
  } finally {
    socket.destroy()
  }
}

/** One turn of the event loop (a setImmediate hop), measured `rounds` times: the floor under every callback. */
export async function eventLoopTurns (rounds: number): Promise<LatencySummary> {
  const samples: number[] = []
  for (let i = 0; i < rounds; i++) {
    const t0 = now()
    await new Promise((resolve) => setImmediate(resolve))
    samples.push(since(t0))
  }
  return summarize(samples)
}
