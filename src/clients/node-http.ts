/**
 * An HTTP request with node:http (node:https for an https: URL), the client underneath axios, got and most older code. It words failures differently
 * from fetch: a connection that ends before the response is `socket hang up` with code ECONNRESET, whether the peer
 * sent a FIN or an RST. And it sends the headers it is given, `Host` included (fetch forbids setting `Host`), so it
 * can send what a browser sends after a DNS rebinding: a request to 127.0.0.1:P that says `Host: attacker.example:P`.
 * Never throws.
 */
import type { ClientRequest, IncomingMessage } from 'node:http'
import type { Outcome } from '../core/events.js'
import { familyOf } from '../net/address.js'
import { since } from '../core/clock.js'
import { bodyLimitOf, requestSettling, settle, targetOf } from './settle.js'

export interface NodeHttpOptions {
  /** Keep at most this many characters of the response body in the Outcome. Default 2000. */
  bodyLimit?: number
  /** Default `GET`. */
  method?: string
  /** Sent as given, any header: `Host` and `Origin` included. */
  headers?: Record<string, string>
  body?: string
  /**
   * For an https: URL: the certificates to trust (PEM), e.g. a self-signed one of ours. Default: Node's own CA list,
   * so a self-signed certificate fails with DEPTH_ZERO_SELF_SIGNED_CERT.
   */
  ca?: string
  /** Give up after this many ms with our own `ETIMEDOUT`. Default 5000. */
  timeoutMs?: number
  signal?: AbortSignal
}

/** One request through node:http or node:https (`via` says which). `request` names the Host header when it differs from the URL's. */
export function nodeHttpRequest (url: string, opts: NodeHttpOptions = {}): Promise<Outcome> {
  const target = targetOf(url)
  const method = opts.method ?? 'GET'
  const headers = opts.headers ?? {}
  const hostHeader = Object.entries(headers).find(([k]) => k.toLowerCase() === 'host')?.[1]
  const via = /^https:/i.test(url) ? 'node:https' : 'node:http'
  const request = `${method} ${url} (${via}${hostHeader !== undefined && hostHeader !== hostOf(url) ? `, Host: ${hostHeader}` : ''})`
  let req: ClientRequest | undefined
  return settle<Outcome>(requestSettling(target, request, `${method} ${url}`, () => req?.socket ?? undefined, opts, function nodeHttpRelease (outcome) {
    outcome.via = via
    req?.destroy()
  }), async function nodeHttpBody (attempt) {
    // Loaded on first use, like ws: commands that never send such a request do not pay for node:http.
    const { request: send } = via === 'node:https' ? await import('node:https') : await import('node:http')
    const parsed = new URL(url)
    if (attempt.settled) return
    const r = req = send({
      host: target.host, port: target.port, path: `${parsed.pathname}${parsed.search}`, method, headers, agent: false,
      ...(opts.ca !== undefined && { ca: opts.ca }),
    })

    function reqOnResponse (res: IncomingMessage): void {
      const s = res.socket
      const outcome: Outcome = {
        client: 'http', ok: res.statusCode! >= 200 && res.statusCode! < 300, target, request, elapsedMs: 0, status: res.statusCode!,
        localAddress: s.localAddress!, localPort: s.localPort!, remoteAddress: s.remoteAddress!, remotePort: s.remotePort!,
      }
      if (!outcome.ok) outcome.message = `HTTP ${res.statusCode} ${res.statusMessage}`
      const family = familyOf(s.remoteAddress)
      if (family) outcome.family = family
      let body = ''
      res.setEncoding('utf8')
      const limit = bodyLimitOf(opts.bodyLimit)
      res.on('data', function resOnData (chunk: string) { if (body.length < limit) body += chunk })
      res.on('end', function resOnEnd () {
        outcome.body = body.slice(0, limit)
        outcome.elapsedMs = since(attempt.started)
        attempt.done(outcome)
      })
      res.on('error', reqOnError)
    }
    function reqOnError (err: Error): void {
      attempt.fail(err)
    }
    r.on('response', reqOnResponse)
    r.on('error', reqOnError)
    r.end(opts.body)
  })
}

/** The URL's `host:port` as it would go out in `Host`, or undefined when the URL does not parse. */
function hostOf (url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}
