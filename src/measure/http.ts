/**
 * HTTP on loopback, measured with Node's fetch (undici) by default, or node:http with a keep-alive Agent. fetch keeps
 * connections alive by default: after the first request, round trips reuse open TCP connections, so what is
 * measured is HTTP itself, not the handshake.
 * The URL should answer with JSON that names the client's port (the lab's fastify service does, on `/`): that is
 * how the keep-alive is proven rather than assumed.
 */
import http from 'node:http'
import { LabError } from '../core/errors.js'
import { now, since } from '../core/clock.js'
import { summarize, type LatencySummary } from './stats.js'
import type { ThroughputResult } from './tcp.js'

export interface HttpRoundTripResult extends LatencySummary {
  /** Distinct client ports the server saw: 1 means every request rode one kept-alive connection. */
  connections: number
}

/** Which HTTP client to measure: Node's fetch (undici), or node:http with a keep-alive Agent. */
export type HttpClient = 'fetch' | 'node:http'

/**
 * One GET of the measured client, bare: not an attempt (httpRequest, nodeHttpRequest), whose settling and Outcome
 * would be part of every sample, and whose node:http attempt opens a fresh connection where this keeps one alive.
 */
type Get = (url: string, signal?: AbortSignal) => Promise<number | undefined>

function clientPort (status: number, text: string, url: string): number | undefined {
  if (status < 200 || status > 299) throw new LabError('LAB_ERR_CHECK_FAILED', { measuring: url, got: `HTTP ${status}` })
  try {
    return (JSON.parse(text) as { client?: { port?: number } }).client?.port
  } catch {
    return undefined
  }
}

async function fetchGet (url: string, signal?: AbortSignal): Promise<number | undefined> {
  const res = await fetch(url, signal ? { signal } : {})
  return clientPort(res.status, await res.text(), url)
}

/** node:http with an Agent of our own that keeps connections alive, as many as requests in flight. */
function agentGet (agent: http.Agent): Get {
  return (url, signal) => new Promise((resolve, reject) => {
    const req = http.get(url, signal ? { agent, signal } : { agent }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => { text += d })
      res.on('end', () => { try { resolve(clientPort(res.statusCode ?? 0, text, url)) } catch (err) { reject(err) } })
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

/** A GET function for the chosen client, and how to release what it holds. */
function clientFor (client: HttpClient = 'fetch', concurrency = 1): { get: Get, close (): void } {
  if (client === 'fetch') return { get: fetchGet, close () {} }
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency })
  return { get: agentGet(agent), close: () => agent.destroy() }
}

/** `rounds` requests one after another (after `warmup` uncounted ones). */
export async function httpRoundTrips (url: string, opts: { rounds: number, warmup?: number, client?: HttpClient, signal?: AbortSignal }): Promise<HttpRoundTripResult> {
  const { get, close } = clientFor(opts.client)
  try {
    return await roundTrips(get, url, opts)
  } finally {
    close()
  }
}

async function roundTrips (get: Get, url: string, opts: { rounds: number, warmup?: number, signal?: AbortSignal }): Promise<HttpRoundTripResult> {
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

/**
 * `requests` in all, `concurrency` in flight at a time: requests per second. `warmup` uncounted requests first
 * (default 0): a client's first few hundred requests run its code before V8 has optimized it (fetch's most of all).
 */
export async function httpThroughput (url: string, opts: { requests: number, concurrency?: number, warmup?: number, client?: HttpClient, signal?: AbortSignal }): Promise<ThroughputResult & { connections: number }> {
  const { get, close } = clientFor(opts.client, opts.concurrency ?? 8)
  try {
    if (opts.warmup) await throughput(get, url, { ...opts, requests: opts.warmup })
    return await throughput(get, url, opts)
  } finally {
    close()
  }
}

async function throughput (get: Get, url: string, opts: { requests: number, concurrency?: number, signal?: AbortSignal }): Promise<ThroughputResult & { connections: number }> {
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
