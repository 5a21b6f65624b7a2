/**
 * The pipelined client's response reader: responses written as RFC 9112 frames them (Content-Length or chunked),
 * several on one stream, cut at arbitrary points as a socket delivers them, come back whole and in order; bytes
 * that are not a response are an error, never a guess. And against a real server: node:http's own framing.
 */
import t from 'tap'
import fc from 'fast-check'
import http from 'node:http'
import net from 'node:net'
import { Http1ResponseError, Http1ResponseReader } from '../src/measure/http1-responses.js'

interface Spec { status: number, body: Buffer, chunked: number[] | undefined, extra: Array<[string, string]>, upper: boolean }

function wire (s: Spec): Buffer {
  const name = (n: string): string => s.upper ? n.toUpperCase() : n
  const lines = [`HTTP/1.1 ${s.status} Whatever`, ...s.extra.map(([k, v]) => `${k}: ${v}`)]
  if (s.chunked === undefined) {
    lines.push(`${name('Content-Length')}: ${s.body.length}`)
    return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), s.body])
  }
  lines.push(`${name('Transfer-Encoding')}: chunked`)
  const parts: Buffer[] = [Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1')]
  let at = 0
  for (const size of s.chunked) {
    const piece = s.body.subarray(at, at + size)
    if (piece.length === 0) continue
    at += piece.length
    parts.push(Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n'))
  }
  if (at < s.body.length) parts.push(Buffer.from(`${(s.body.length - at).toString(16)};ext=1\r\n`), s.body.subarray(at), Buffer.from('\r\n'))
  parts.push(Buffer.from('0\r\n\r\n'))
  return Buffer.concat(parts)
}

const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,11}$/).filter((n) => !['content-length', 'transfer-encoding', 'connection'].includes(n))
const spec: fc.Arbitrary<Spec> = fc.record({
  status: fc.constantFrom(200, 201, 202, 206, 301, 400, 404, 500, 503),
  body: fc.uint8Array({ maxLength: 300 }).map((a) => Buffer.from(a)),
  chunked: fc.option(fc.array(fc.integer({ min: 1, max: 64 }), { maxLength: 8 }), { nil: undefined }),
  extra: fc.array(fc.tuple(token, fc.stringMatching(/^[ -~]{0,20}$/).map((v) => v.trim())), { maxLength: 5 }),
  upper: fc.boolean(),
})

t.test('every response comes back whole and in order, however the stream is cut', async (t) => {
  fc.assert(fc.property(fc.array(spec, { minLength: 1, maxLength: 6 }), fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 30 }), (specs, cuts) => {
    const stream = Buffer.concat(specs.map(wire))
    const reader = new Http1ResponseReader()
    const got = []
    let at = 0
    for (let i = 0; at < stream.length; i++) {
      const n = cuts[i % cuts.length]!
      got.push(...reader.push(stream.subarray(at, at + n)))
      at += n
    }
    return reader.buffered === 0 && got.length === specs.length &&
      got.every((r, i) => r.status === specs[i]!.status && r.body.equals(specs[i]!.body) && !r.close)
  }), { numRuns: 300 })
  t.pass('all generated streams read back')
})

t.test('a partial response waits for the rest; Connection: close ends the connection', async (t) => {
  const reader = new Http1ResponseReader()
  const whole = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello')
  t.same(reader.push(whole.subarray(0, 30)), [], 'no response from half the headers')
  t.same(reader.push(whole.subarray(30, whole.length - 1)), [], 'nor from all but the last body byte')
  const [r] = reader.push(whole.subarray(whole.length - 1))
  t.match(r, { status: 200, close: true })
  t.equal(r!.body.toString(), 'hello')
  const empty = new Http1ResponseReader().push(Buffer.from('HTTP/1.1 204 No Content\r\nContent-Length: 99\r\n\r\n'))
  t.equal(empty[0]!.body.length, 0, '204 has no body, whatever Content-Length says')
})

t.test('bytes that are not a response are an error, not a guess', async (t) => {
  const bad = [
    ['HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nhello', /without Content-Length or chunked/],
    ['SSH-2.0-OpenSSH_9.2\r\n', /not an HTTP response/],
    ['HTTP/1.0 200 OK\r\nContent-Length: 0\r\n\r\n', /not an HTTP\/1\.1 status line/],
    ['HTTP/1.1 100 Continue\r\n\r\n', /not a final response/],
    ['HTTP/1.1 200 OK\r\nContent-Length: 1, 2\r\n\r\nab', /Content-Length/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n', /bad chunk size/],
    ['HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nabX\r\n0\r\n\r\n', /not followed by CRLF/],
  ] as const
  for (const [text, message] of bad) {
    t.throws(() => new Http1ResponseReader().push(Buffer.from(text, 'latin1')), { name: 'Http1ResponseError', message }, JSON.stringify(text.slice(0, 24)))
  }
  t.ok(new Http1ResponseError('x') instanceof Error)
})

t.test('a real node:http server: Content-Length and chunked answers, pipelined on one connection', async (t) => {
  const server = http.createServer((req, res) => {
    if (req.url === '/chunked') {
      res.write('part one, ')
      setImmediate(() => res.end('part two'))
    } else {
      res.end(JSON.stringify({ url: req.url }))
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { server.close() })
  const { port } = server.address() as net.AddressInfo
  const socket = net.connect(port, '127.0.0.1')
  t.teardown(() => { socket.destroy() })
  const reader = new Http1ResponseReader()
  const got = new Promise<Array<{ status: number, body: string }>>((resolve, reject) => {
    const all: Array<{ status: number, body: string }> = []
    socket.on('data', (chunk) => {
      try {
        for (const r of reader.push(chunk)) all.push({ status: r.status, body: r.body.toString() })
      } catch (err) {
        reject(err)
      }
      if (all.length === 3) resolve(all)
    })
  })
  socket.write(`GET /a HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\nGET /chunked HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\nGET /b HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`)
  t.same(await got, [
    { status: 200, body: '{"url":"/a"}' },
    { status: 200, body: 'part one, part two' },
    { status: 200, body: '{"url":"/b"}' },
  ], 'three answers in order, the chunked one de-chunked')
})
