/**
 * An HTTP GET with node:http, the client underneath axios, got and most older code. It words failures differently
 * from fetch: a connection that ends before the response is `socket hang up` with code ECONNRESET, whether the peer
 * sent a FIN or an RST. Never throws.
 */
import http from 'node:http'
import type { Outcome } from '../events.js'
import { familyOf, now, since } from '../util/net.js'
import { fail } from './attempt.js'
import { endsOf, guard } from './guard.js'

export interface NodeHttpOptions {
  /** Give up after this many ms with our own `ETIMEDOUT`. Default 5000. */
  timeoutMs?: number
  signal?: AbortSignal
}

export function httpGet (url: string, opts: NodeHttpOptions = {}): Promise<Outcome> {
  const parsed = new URL(url)
  const target = { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: Number(parsed.port || 80) }
  const request = `GET ${url} (node:http)`
  const timeoutMs = opts.timeoutMs ?? 5000
  const started = now()
  return new Promise((resolve) => {
    // agent: false, so no keep-alive pool (Node 19+ keeps connections alive by default) outlives the attempt.
    const req = http.get(url, { agent: false })
    const once = guard(timeoutMs, onTimeout, opts.signal, onAbort)

    function finish (outcome: Outcome): void {
      if (!once.settle()) return
      outcome.request = request
      outcome.via = 'node:http'
      // The socket's ends, while it still has them (a destroyed socket forgets its addresses).
      const { family: _family, ...ends } = req.socket ? endsOf(req.socket) : {}
      resolve(Object.assign(outcome, ends))
    }
    function onTimeout (): void {
      req.destroy(Object.assign(new Error(`ETIMEDOUT: no response from ${url} within ${timeoutMs} ms`), { code: 'ETIMEDOUT' }))
    }
    function onAbort (): void {
      req.destroy(opts.signal?.reason instanceof Error ? opts.signal.reason : new Error('aborted'))
    }
    req.on('response', (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d: string) => { body += d })
      res.on('end', () => {
        const status = res.statusCode ?? 0
        const outcome: Outcome = { client: 'http', ok: status >= 200 && status < 300, target, elapsedMs: since(started), status, body: body.slice(0, 2000) }
        const family = familyOf(target.host)
        if (family) outcome.family = family
        finish(outcome)
      })
      res.on('error', (err) => finish(fail('http', target, started, err)))
    })
    req.on('error', (err) => finish(fail('http', target, started, err)))
  })
}
