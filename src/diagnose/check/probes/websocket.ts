/**
 * A WebSocket opening handshake (RFC 6455 §4.1) with the Origin we choose, and nothing after it: the answer's status
 * says whether the server would take a page from that origin. 101 is acceptance; the connection is closed at once,
 * before any frame, so no message ever reaches the application behind it.
 */
import { randomBytes } from 'node:crypto'
import { httpGet } from './http.js'
import { quote } from './quote.js'

export interface UpgradeAnswer {
  /** 101 (accepted), 403, 400, 426 … or undefined when no HTTP answer came. */
  status?: number
  statusLine?: string
  /** The server's Sec-WebSocket-Accept was present (a real WebSocket server, not a proxy echoing 101). */
  accepted: boolean
}

export async function upgrade (opts: { host: string, port: number, path?: string, origin?: string, tls?: boolean, timeoutMs: number, signal?: AbortSignal | undefined }): Promise<UpgradeAnswer> {
  const headers: Record<string, string> = {
    Connection: 'Upgrade',
    Upgrade: 'websocket',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
  }
  if (opts.origin !== undefined) headers.Origin = opts.origin
  const a = await httpGet({ host: opts.host, port: opts.port, path: opts.path ?? '/', headers, tls: opts.tls, timeoutMs: opts.timeoutMs, signal: opts.signal })
  const answer: UpgradeAnswer = { accepted: a.status === 101 && a.headers['sec-websocket-accept'] !== undefined }
  if (a.status !== undefined) answer.status = a.status
  if (a.statusLine !== undefined) answer.statusLine = quote(a.statusLine)
  return answer
}
