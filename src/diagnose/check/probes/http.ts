/**
 * One HTTP/1.1 request, written by hand on a bounded conversation, its answer parsed from at most MAX_BYTES. By hand
 * because a probe must send the headers a browser sends after a DNS rebinding (`Host: rebind-check.invalid`, which
 * fetch forbids), must read the response headers (Server, X-Powered-By, Access-Control-Allow-Origin: node-http.ts
 * keeps only status and body), and must stop after a few KB whatever the server streams.
 */
import { hostPort } from '../../../net/address.js'
import { MAX_BYTES, oneTurn } from './conversation.js'
import { quote } from './quote.js'

export interface HttpRequest {
  host: string
  port: number
  path?: string
  method?: 'GET' | 'HEAD'
  /** Headers to send; `Host` defaults to the address and port (what a browser sends for http://127.0.0.1:P/). */
  headers?: Record<string, string>
  tls?: boolean
  timeoutMs: number
  signal?: AbortSignal | undefined
}

export interface HttpAnswer {
  /** A status line arrived. */
  ok: boolean
  status?: number
  /** The status line as sent, quoted. */
  statusLine?: string
  /** Header names lower-cased; repeated headers joined with `, `. Values raw: quote them before showing. */
  headers: Record<string, string>
  /** The body (as far as it was read, chunked encoding removed), latin1. */
  body: string
  /** Bytes that came back, whatever they were (a Redis error, a MongoDB notice, a TLS alert). */
  raw: Buffer
  timedOut: boolean
  /** The connection failed: its error code. */
  code?: string
}

/** The response head, once all of it arrived; undefined before. */
function headOf (bytes: Buffer): { status: number, statusLine: string, headers: Record<string, string>, bodyAt: number } | undefined {
  const end = bytes.indexOf('\r\n\r\n')
  if (end < 0) return undefined
  const lines = bytes.subarray(0, end).toString('latin1').split('\r\n')
  const m = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(lines[0]!)
  if (!m) return undefined
  const headers: Record<string, string> = {}
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':')
    if (colon <= 0) continue
    const name = line.slice(0, colon).trim().toLowerCase()
    const value = line.slice(colon + 1).trim()
    headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`
  }
  return { status: Number(m[1]), statusLine: lines[0]!, headers, bodyAt: end + 4 }
}

/** Has the whole response (as far as we care to read) arrived? */
function complete (bytes: Buffer): boolean {
  const head = headOf(bytes)
  if (!head) return bytes.length >= MAX_BYTES
  const body = bytes.length - head.bodyAt
  if (head.status === 101 || head.status === 204 || head.status === 304 || (head.status >= 100 && head.status < 200)) return true
  const length = head.headers['content-length']
  if (length !== undefined && /^\d+$/.test(length)) return body >= Number(length)
  if (/chunked/i.test(head.headers['transfer-encoding'] ?? '')) return bytes.indexOf('\r\n0\r\n\r\n', head.bodyAt - 2) >= 0
  // No length: the body ends when the connection does (HTTP/1.0 style), or at our cap.
  return false
}

function dechunk (body: Buffer): Buffer {
  const parts: Buffer[] = []
  let at = 0
  for (;;) {
    const eol = body.indexOf('\r\n', at)
    if (eol < 0) break
    const size = Number.parseInt(body.subarray(at, eol).toString('latin1'), 16)
    if (!Number.isFinite(size) || size <= 0) break
    parts.push(body.subarray(eol + 2, eol + 2 + size))
    at = eol + 2 + size + 2
  }
  return Buffer.concat(parts)
}

/** Send one request and read its answer. Never throws. */
export async function httpGet (req: HttpRequest): Promise<HttpAnswer> {
  const headers: Record<string, string> = { Host: hostPort(req.host, req.port), 'User-Agent': 'localhost-lab-check', Accept: '*/*', Connection: 'close', ...req.headers }
  const lines = [`${req.method ?? 'GET'} ${req.path ?? '/'} HTTP/1.1`, ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)]
  const r = await oneTurn({ host: req.host, port: req.port, tls: req.tls ?? false, timeoutMs: req.timeoutMs, signal: req.signal, send: `${lines.join('\r\n')}\r\n\r\n`, enough: complete })
  const answer: HttpAnswer = { ok: false, headers: {}, body: '', raw: r.bytes, timedOut: r.timedOut }
  if (r.code !== undefined) answer.code = r.code
  const head = headOf(r.bytes)
  if (!head) return answer
  let body = r.bytes.subarray(head.bodyAt)
  if (/chunked/i.test(head.headers['transfer-encoding'] ?? '')) body = dechunk(body)
  return { ...answer, ok: true, status: head.status, statusLine: quote(head.statusLine), headers: head.headers, body: body.toString('latin1') }
}

/** The page's <title>, quoted, if it has one. */
export function titleOf (body: string): string | undefined {
  const m = /<title[^>]*>([^<]{0,200})<\/title>/i.exec(body)
  const t = m?.[1]?.replace(/\s+/g, ' ').trim()
  return t ? quote(t) : undefined
}

/**
 * The Server header (RFC 9110 §10.2.4: product tokens, `name/version`, the first one the most significant) as product
 * and version: `nginx/1.22.1` is nginx 1.22.1; a header of several tokens (`SimpleHTTP/0.6 Python/3.11.4`) stays whole
 * as the product, with the first token's version.
 */
export function productOf (server: string): { product: string, version?: string } {
  const tokens = server.trim().split(/\s+/)
  const m = /^([^/]+)(?:\/(.+))?$/.exec(tokens[0] ?? '')
  if (!m) return { product: quote(server) }
  const product = tokens.length > 1 ? quote(server.trim()) : quote(m[1]!)
  return { product, ...(m[2] !== undefined && { version: quote(m[2]) }) }
}
