/**
 * HTTP on loopback, measured with Node's fetch (undici). fetch keeps connections alive by default: after the first
 * request, every round trip reuses the same TCP connection, so what is measured is HTTP itself, not the handshake.
 * The URL should answer with JSON that names the client's port (the lab's fastify service does, on `/`): that is
 * how the keep-alive is proven rather than assumed.
 */
import { now, since } from '../util/net.js'
import { summarize, type LatencySummary } from './stats.js'
import type { ThroughputResult } from './tcp.js'

export interface HttpRoundTripResult extends LatencySummary {
  /** Distinct client ports the server saw: 1 means every request rode one kept-alive connection. */
  connections: number
}

async function get (url: string, signal?: AbortSignal): Promise<number | undefined> {
  const res = await fetch(url, signal ? { signal } : {})
  const text = await res.text()
  if (!res.ok) throw new Error(`HTTP ${res.status} from ${url}`)
  try {
    return (JSON.parse(text) as { client?: { port?: number } }).client?.port
  } catch {
    return undefined
  }
}

/** `rounds` requests one after another (after `warmup` uncounted ones). */
export async function httpRoundTrips (url: string, opts: { rounds: number, warmup?: number, signal?: AbortSignal }): Promise<HttpRoundTripResult> {
  const samples: number[] = []
  const ports = new Set<number>()
  const warmup = opts.warmup ?? 20
  for (let i = 0; i < warmup + opts.rounds; i++) {
    opts.signal?.throwIfAborted()
    const t0 = now()
    const port = await get(url, opts.signal)
    if (i >= warmup) {
      samples.push(since(t0))
      if (port !== undefined) ports.add(port)
    }
  }
  return { ...summarize(samples), connections: ports.size }
}

/** `requests` in all, `concurrency` in flight at a time: requests per second. */
export async function httpThroughput (url: string, opts: { requests: number, concurrency?: number, signal?: AbortSignal }): Promise<ThroughputResult & { connections: number }> {
  let left = opts.requests
  const ports = new Set<number>()
  async function worker (): Promise<void> {
    while (left > 0) {
      left--
      opts.signal?.throwIfAborted()
      const port = await get(url, opts.signal)
      if (port !== undefined) ports.add(port)
    }
  }
  const t0 = now()
  await Promise.all(Array.from({ length: opts.concurrency ?? 8 }, worker))
  const elapsedMs = since(t0)
  return { count: opts.requests, elapsedMs, perSecond: opts.requests / (elapsedMs / 1000), connections: ports.size }
}
