/**
 * The ways a web page in the user's browser reaches a local HTTP service, each tested with one request to the loopback
 * address: DNS rebinding (a foreign `Host`), CORS that lets any origin read (a foreign `Origin`), and a WebSocket that
 * any origin may open. The evidence says what was sent and what came back.
 */
import { httpGet, type HttpAnswer } from './http.js'
import { upgrade } from './websocket.js'

/** A name that can never resolve (RFC 6761 §6.4): what a rebound page's requests would carry instead of ours. */
export const FOREIGN_HOST = 'rebind-check.invalid'
/** A site that is not this machine's, as a cross-site page's requests carry it. */
export const FOREIGN_ORIGIN = 'https://evil.example'

export interface WebFacts {
  foreignHostAnswered: boolean
  corsAnyOrigin: boolean
  websocketAnyOrigin: boolean
  evidence: string[]
}

/** Close enough to be the same page: equal, or lengths within 20% (a page may print the Host or a timestamp). */
function similar (a: string, b: string): boolean {
  if (a === b) return true
  const longer = Math.max(a.length, b.length)
  return longer > 0 && Math.abs(a.length - b.length) / longer <= 0.2
}

export async function webChecks (opts: { host: string, port: number, tls: boolean, root: HttpAnswer, timeoutMs: () => number, signal?: AbortSignal | undefined }): Promise<WebFacts> {
  const { host, port, tls, root, signal } = opts
  const facts: WebFacts = { foreignHostAnswered: false, corsAnyOrigin: false, websocketAnyOrigin: false, evidence: [] }

  const foreign = await httpGet({ host, port, tls, headers: { Host: FOREIGN_HOST }, timeoutMs: opts.timeoutMs(), signal })
  if (foreign.ok) {
    // Only a page that answers is worth rebinding to: an error page for every Host gives nothing away.
    facts.foreignHostAnswered = root.status !== undefined && root.status < 400 && foreign.status === root.status && similar(foreign.body, root.body)
    facts.evidence.push(`GET / with Host: ${FOREIGN_HOST} -> ${foreign.status}${facts.foreignHostAnswered ? ', the same page as with its own Host' : ` (with its own Host: ${root.status})`}`)
  }

  const cors = await httpGet({ host, port, tls, headers: { Origin: FOREIGN_ORIGIN }, timeoutMs: opts.timeoutMs(), signal })
  const allow = cors.headers['access-control-allow-origin']
  if (allow !== undefined) {
    const credentials = /^true$/i.test(cors.headers['access-control-allow-credentials'] ?? '')
    // `*` lets any page read the answer; a reflected origin does too, and with credentials it reads as the user.
    facts.corsAnyOrigin = allow.trim() === '*' || allow.trim() === FOREIGN_ORIGIN
    if (facts.corsAnyOrigin) facts.evidence.push(`GET / with Origin: ${FOREIGN_ORIGIN} -> Access-Control-Allow-Origin: ${allow.trim() === '*' ? '*' : FOREIGN_ORIGIN}${credentials ? ', Access-Control-Allow-Credentials: true' : ''}`)
  }

  const ws = await upgrade({ host, port, tls, origin: FOREIGN_ORIGIN, timeoutMs: opts.timeoutMs(), signal })
  facts.websocketAnyOrigin = ws.accepted
  if (ws.status !== undefined) facts.evidence.push(`WebSocket upgrade with Origin: ${FOREIGN_ORIGIN} -> ${ws.status}${ws.accepted ? ' (accepted)' : ''}`)
  return facts
}
