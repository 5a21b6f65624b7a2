/**
 * One request with node:http2. To an http: URL it speaks HTTP/2 "with prior knowledge" (h2c): it opens the connection
 * with the HTTP/2 preface (`PRI * HTTP/2.0`) and a SETTINGS frame, without asking first whether the server speaks
 * HTTP/2. An HTTP/1.1 server reads that preface as a request it cannot parse; whatever it answers is not an HTTP/2
 * frame, and the session fails with ERR_HTTP2_ERROR ("Protocol error"). Never throws.
 */
import type { ClientHttp2Session } from 'node:http2'
import type { Outcome } from '../core/events.js'
import { since } from '../core/clock.js'
import type { NodeHttpOptions } from './node-http.js'
import { bodyLimitOf, endsOf, requestSettling, settle, targetOf } from './settle.js'

/** As node:http's: the body limit, the CA to trust for an https: URL, the timeout (our own ETIMEDOUT) and the signal. */
export type Http2Options = Pick<NodeHttpOptions, 'bodyLimit' | 'ca' | 'timeoutMs' | 'signal'>

/** `GET url` over HTTP/2 (`via: 'node:http2'`): the status and body, or the session's or stream's error. */
export function http2Request (url: string, opts: Http2Options = {}): Promise<Outcome> {
  const target = targetOf(url)
  const request = `GET ${url} (node:http2${/^http:/i.test(url) ? ', prior knowledge' : ''})`
  let session: ClientHttp2Session | undefined
  return settle<Outcome>(requestSettling(target, request, `GET ${url} (HTTP/2)`, () => session?.socket, opts, function http2Release (outcome) {
    outcome.via = 'node:http2'
    session?.destroy()
  }), async function http2Body (attempt) {
    const { connect } = await import('node:http2')
    if (attempt.settled) return
    const parsed = new URL(url)
    const s = session = connect(parsed.origin, opts.ca !== undefined ? { ca: opts.ca } : {})
    s.on('error', onError)
    const stream = s.request({ ':method': 'GET', ':path': `${parsed.pathname}${parsed.search}` })
    stream.on('error', onError)
    stream.on('response', function http2OnResponse (headers) {
      const status = Number(headers[':status'])
      const outcome: Outcome = { client: 'http', ok: status >= 200 && status < 300, target, request, elapsedMs: 0, status, ...endsOf(s.socket) }
      if (!outcome.ok) outcome.message = `HTTP ${status}`
      let body = ''
      const limit = bodyLimitOf(opts.bodyLimit)
      stream.setEncoding('utf8')
      stream.on('data', (chunk: string) => { if (body.length < limit) body += chunk })
      stream.on('end', () => {
        outcome.body = body.slice(0, limit)
        outcome.elapsedMs = since(attempt.started)
        attempt.done(outcome)
      })
    })
    stream.end()

    function onError (err: Error): void {
      attempt.fail(err)
    }
  })
}
