/** WebSocket messages on loopback, measured with the ws client against an echo service (the lab's ws service). */
import type { WebSocket } from 'ws'
import { wsOpen } from '../clients/attempt.js'
import { LabError } from '../core/errors.js'
import { now, since } from '../core/clock.js'
import { summarize, type LatencySummary } from './stats.js'
import type { ThroughputResult } from './tcp.js'

/** The WebSocket to measure on, opened as every attempt is (wsOpen); what is measured starts once it is open. */
async function open (url: string): Promise<WebSocket> {
  const opened = await wsOpen(url, { keepOpen: true })
  if (!opened.ws) throw new LabError('LAB_ERR_CHECK_FAILED', { measuring: url, got: opened.message ?? opened.code ?? `close ${opened.closeCode}` })
  opened.ws.on('error', () => {})
  return opened.ws
}

/** Waits for the n-th message in all. */
function counter (ws: WebSocket): (total: number) => Promise<void> {
  let received = 0
  let target = Infinity
  let wake: (() => void) | undefined
  let fail: ((err: Error) => void) | undefined
  let closed: Error | undefined
  ws.on('message', () => {
    received++
    if (received >= target && wake) { const w = wake; wake = undefined; w() }
  })
  ws.once('close', (code) => {
    closed = new Error(`the WebSocket closed (${code}) before the echo came back`)
    fail?.(closed)
  })
  return (total) => {
    if (received >= total) return Promise.resolve()
    if (closed) return Promise.reject(closed)
    target = total
    return new Promise((resolve, reject) => { wake = resolve; fail = reject })
  }
}

/** Send a `size`-byte text message, wait for its echo, `rounds` times (after `warmup` uncounted ones). */
export async function wsRoundTrips (url: string, opts: { rounds: number, warmup?: number, size?: number, signal?: AbortSignal }): Promise<LatencySummary> {
  const ws = await open(url)
  try {
    const until = counter(ws)
    const message = 'a'.repeat(opts.size ?? 64)
    const samples: number[] = []
    const warmup = opts.warmup ?? 20
    for (let i = 0; i < warmup + opts.rounds; i++) {
      opts.signal?.throwIfAborted()
      const t0 = now()
      ws.send(message)
      await until(i + 1)
      if (i >= warmup) samples.push(since(t0))
    }
    return summarize(samples)
  } finally {
    ws.terminate()
  }
}

/** Send `messages` back to back, then wait for every echo: messages per second. */
export async function wsThroughput (url: string, opts: { messages: number, size?: number, signal?: AbortSignal }): Promise<ThroughputResult> {
  const ws = await open(url)
  try {
    const until = counter(ws)
    const message = 'b'.repeat(opts.size ?? 64)
    const t0 = now()
    const all = until(opts.messages)
    all.catch(() => {})
    for (let i = 0; i < opts.messages; i++) ws.send(message)
    opts.signal?.throwIfAborted()
    await all
    const elapsedMs = since(t0)
    return { count: opts.messages, elapsedMs, perSecond: opts.messages / (elapsedMs / 1000) }
  } finally {
    ws.terminate()
  }
}
