/**
 * An HTTP GET with node:http, the client underneath axios, got and most older code. It words failures differently
 * from fetch: a connection that ends before the response is `socket hang up` with code ECONNRESET, whether the peer
 * sent a FIN or an RST. Never throws. (A GET through `nodeHttpRequest`, which also sends any headers, Host included.)
 */
import type { Outcome } from '../core/events.js'
import { nodeHttpRequest } from './attempt.js'

export interface NodeHttpOptions {
  /** Give up after this many ms with our own `ETIMEDOUT`. Default 5000. */
  timeoutMs?: number
  signal?: AbortSignal
}

export function httpGet (url: string, opts: NodeHttpOptions = {}): Promise<Outcome> {
  return nodeHttpRequest(url, { ...opts, method: 'GET' })
}
