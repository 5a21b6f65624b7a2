/**
 * HTTP/1.1 responses read off one connection's bytes, one after another, as a pipelining client receives them: the
 * status line, the headers, and a body framed by Content-Length or chunked transfer coding (RFC 9112 sections 4, 6
 * and 7.1). Small on purpose: the pipelined client (./http-pipelined-child.ts) uses it to do as little per response
 * as a load generator does, and still reads every response whole: status, framing and body, never a byte count.
 *
 * Beware: it reads what a server sends a GET on a kept-alive connection. A response framed by closing the connection
 * (neither Content-Length nor chunked), a 1xx interim response, trailers with content, or an HTTP/1.0 peer are
 * errors here, not guesses.
 */

export interface Http1Response {
  status: number
  /** The header section as sent, without the status line: `name: value` lines joined by CRLF. */
  headers: string
  /** The body, de-chunked. */
  body: Buffer
  /** The server said `Connection: close`: no further response follows on this connection. */
  close: boolean
}

const CRLF = Buffer.from('\r\n')
const HEADERS_END = Buffer.from('\r\n\r\n')
/** An answer's header section larger than this is a broken peer, not a response to wait for. */
const MAX_HEADER_BYTES = 64 * 1024

/** A response that does not follow the grammar: the connection cannot be read further. */
export class Http1ResponseError extends Error {
  constructor (message: string) {
    super(message)
    this.name = 'Http1ResponseError'
  }
}

/**
 * Feed it a connection's bytes as they arrive (`push`); it returns every response completed by them, in order, and
 * keeps a partial one for the next push. Throws Http1ResponseError on bytes that are not a response.
 */
export class Http1ResponseReader {
  private pending: Buffer = Buffer.alloc(0)

  push (chunk: Buffer): Http1Response[] {
    let data = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk])
    const out: Http1Response[] = []
    for (;;) {
      const got = readOne(data)
      if (got === undefined) break
      out.push(got.response)
      data = data.subarray(got.length)
      if (got.response.close) break
    }
    // A copy: a subarray would keep the socket's whole chunk alive for the sake of its last few bytes.
    this.pending = data.length === 0 ? Buffer.alloc(0) : Buffer.from(data)
    return out
  }

  /** Bytes received that are not a whole response yet. */
  get buffered (): number {
    return this.pending.length
  }
}

/** The response at the start of `data` and its length in bytes, or undefined when it has not all arrived. */
function readOne (data: Buffer): { response: Http1Response, length: number } | undefined {
  const headEnd = data.indexOf(HEADERS_END)
  if (headEnd < 0) {
    if (data.length > MAX_HEADER_BYTES) throw new Http1ResponseError(`no end of headers in ${data.length} bytes`)
    if (data.length >= 5 && data.toString('latin1', 0, 5) !== 'HTTP/') throw new Http1ResponseError(`not an HTTP response: ${JSON.stringify(data.toString('latin1', 0, 16))}`)
    return undefined
  }
  const head = data.toString('latin1', 0, headEnd)
  // status-line = HTTP-version SP status-code SP [ reason-phrase ]
  if (!head.startsWith('HTTP/1.1 ') || !/^\d{3}(?: |\r|$)/.test(head.slice(9, 13))) {
    throw new Http1ResponseError(`not an HTTP/1.1 status line: ${JSON.stringify(head.slice(0, 40))}`)
  }
  const status = Number(head.slice(9, 12))
  if (!Number.isInteger(status) || status < 200 || status > 599) throw new Http1ResponseError(`status ${JSON.stringify(head.slice(9, 12))}: not a final response`)
  const lineEnd = head.indexOf('\r\n')
  const headers = lineEnd < 0 ? '' : head.slice(lineEnd + 2)
  const framing = framingOf(headers)
  const bodyStart = headEnd + 4
  const close = framing.close
  if (framing.chunked) {
    const chunked = readChunked(data, bodyStart)
    return chunked === undefined ? undefined : { response: { status, headers, body: chunked.body, close }, length: chunked.end }
  }
  // 204 and 304 have no body whatever the headers say (RFC 9112 section 6.3).
  const length = status === 204 || status === 304 ? 0 : framing.contentLength
  if (length === undefined) throw new Http1ResponseError(`status ${status} without Content-Length or chunked coding: its end would be the connection's`)
  if (data.length < bodyStart + length) return undefined
  return { response: { status, headers, body: data.subarray(bodyStart, bodyStart + length), close }, length: bodyStart + length }
}

/**
 * The three fields that frame a message and end a connection. Line by line, and only the lines whose name starts
 * like one of them is lowered: the pipelined client reads tens of thousands of these a second.
 */
function framingOf (headers: string): { contentLength?: number, chunked: boolean, close: boolean } {
  const out: { contentLength?: number, chunked: boolean, close: boolean } = { chunked: false, close: false }
  let at = 0
  while (at < headers.length) {
    let end = headers.indexOf('\r\n', at)
    if (end < 0) end = headers.length
    const first = headers.charCodeAt(at) | 32 // lower case
    const colon = first === 99 || first === 116 ? headers.indexOf(':', at) : -1 // c(ontent-length, onnection), t(ransfer-encoding)
    if (colon > at && colon < end) {
      const name = headers.slice(at, colon).toLowerCase()
      const value = headers.slice(colon + 1, end).trim()
      if (name === 'content-length') {
        if (!/^\d+$/.test(value) || (out.contentLength !== undefined && out.contentLength !== Number(value))) throw new Http1ResponseError(`Content-Length ${JSON.stringify(value)}`)
        out.contentLength = Number(value)
      } else if (name === 'transfer-encoding') {
        out.chunked = /(?:^|,)[ \t]*chunked[ \t]*$/i.test(value)
      } else if (name === 'connection') {
        out.close = /(?:^|,)[ \t]*close[ \t]*(?:,|$)/i.test(value)
      }
    }
    at = end + 2
  }
  return out
}

/** A chunked body starting at `from`: its bytes and where the message ends, or undefined when it is incomplete. */
function readChunked (data: Buffer, from: number): { body: Buffer, end: number } | undefined {
  const parts: Buffer[] = []
  let at = from
  for (;;) {
    const sizeEnd = data.indexOf(CRLF, at)
    if (sizeEnd < 0) return undefined
    // chunk-size [ chunk-ext ] CRLF
    const sizeText = data.toString('latin1', at, sizeEnd).split(';')[0]!.trim()
    if (!/^[0-9a-fA-F]{1,8}$/.test(sizeText)) throw new Http1ResponseError(`bad chunk size ${JSON.stringify(sizeText)}`)
    const size = Number.parseInt(sizeText, 16)
    if (size === 0) {
      // last-chunk, then trailer fields (none expected) and the final CRLF.
      if (data.length < sizeEnd + 4) return undefined
      if (data[sizeEnd + 2] !== 13 || data[sizeEnd + 3] !== 10) throw new Http1ResponseError('trailer fields after the last chunk')
      return { body: parts.length === 1 ? parts[0]! : Buffer.concat(parts), end: sizeEnd + 4 }
    }
    const chunkStart = sizeEnd + 2
    if (data.length < chunkStart + size + 2) return undefined
    if (data[chunkStart + size] !== 13 || data[chunkStart + size + 1] !== 10) throw new Http1ResponseError('a chunk not followed by CRLF')
    parts.push(data.subarray(chunkStart, chunkStart + size))
    at = chunkStart + size + 2
  }
}
