import t from 'tap'
import dns from 'node:dns'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { httpRequest, tcpConnect, wsOpen } from '../src/clients/attempt.js'
import { tcpExchange } from '../src/clients/exchange.js'
import { hostsLookup } from '../src/clients/lookup.js'
import { nodeHttpRequest } from '../src/clients/node-http.js'
import { startHttp } from '../src/services/http.js'
import * as misbehave from '../src/services/behaviours/misbehave.js'
import { startTcp, type TcpServiceOptions } from '../src/services/tcp.js'
import { startWs } from '../src/services/ws.js'

async function serve (t: { teardown (fn: () => unknown): void }, opts: TcpServiceOptions) {
  const s = await startTcp(opts)
  t.teardown(() => s.close())
  return s
}

t.test('closeBeforeReply: a FIN mid-request. TCP reads EOF, fetch says other side closed, node:http socket hang up', async (t) => {
  const s = await serve(t, { onConnection: misbehave.closeBeforeReply })
  t.match(await tcpExchange({ host: s.address, port: s.port, send: 'hello' }), { ok: false, code: 'EOF', bytes: { sent: 5, received: 0 } })
  const f = await httpRequest(`${s.url.replace('tcp', 'http')}/`)
  t.match(f, { code: 'UND_ERR_SOCKET', message: 'fetch failed', via: 'fetch' })
  const g = await nodeHttpRequest(`${s.url.replace('tcp', 'http')}/`)
  t.match(g, { code: 'ECONNRESET', message: 'socket hang up', via: 'node:http' })
  t.equal(g.syscall, undefined, 'a FIN: no syscall failed, node:http still says ECONNRESET')
})

t.test('resetBeforeReply: an RST mid-request. ECONNRESET on read, and inside fetch\'s cause', async (t) => {
  const s = await serve(t, { onConnection: misbehave.resetBeforeReply })
  t.match(await tcpExchange({ host: s.address, port: s.port, send: 'hello' }), { ok: false, code: 'ECONNRESET', syscall: 'read' })
  const f = await httpRequest(`${s.url.replace('tcp', 'http')}/`)
  t.match(f, { code: 'ECONNRESET', syscall: 'read', message: 'fetch failed' })
  t.equal(f.causes?.[0]?.code, 'ECONNRESET')
  const g = await nodeHttpRequest(`${s.url.replace('tcp', 'http')}/`)
  t.match(g, { code: 'ECONNRESET', syscall: 'read', via: 'node:http' }, 'a real reset: syscall read, unlike socket hang up')
})

t.test('closeOnConnect and resetOnConnect: the connect succeeds, then EOF or ECONNRESET', async (t) => {
  const fin = await serve(t, { onConnection: misbehave.closeOnConnect })
  const rst = await serve(t, { onConnection: misbehave.resetOnConnect })
  t.match(await tcpConnect({ host: fin.address, port: fin.port }), { ok: true }, 'the kernel completed the handshake')
  t.match(await tcpExchange({ host: fin.address, port: fin.port }), { code: 'EOF', bytes: { received: 0 } })
  t.match(await tcpExchange({ host: rst.address, port: rst.port, send: 'x' }), { code: 'ECONNRESET' })
})

t.test('acceptNeverAnswer: connected, written, no reply: our read timeout', async (t) => {
  const s = await serve(t, { onConnection: misbehave.acceptNeverAnswer })
  const o = await tcpExchange({ host: s.address, port: s.port, send: 'hello', timeoutMs: 150 })
  t.match(o, { ok: false, code: 'ETIMEDOUT', syscall: 'read', bytes: { sent: 5, received: 0 } })
  t.ok(o.elapsedMs >= 140)
  t.type(o.timings?.connectMs, 'number', 'it did connect first')
})

t.test('hang with pauseOnConnect: bytes stay unread, and closing the socket then sends an RST', async (t) => {
  const s = await serve(t, { onConnection: misbehave.hang, pauseOnConnect: true })
  let sent!: () => void
  const written = new Promise<void>((resolve) => { sent = resolve })
  const pending = tcpExchange({ host: s.address, port: s.port, send: 'hello', onSent: sent })
  await written
  await s.close()
  t.match(await pending, { code: 'ECONNRESET' }, 'unread data turns the close into a reset')
})

t.test('tcpExchange until: ok once the reply is complete', async (t) => {
  const s = await serve(t, {})
  const o = await tcpExchange({ host: s.address, port: s.port, send: 'ping\n', until: (b) => b.includes('\n') })
  t.match(o, { ok: true, body: 'ping\n', bytes: { sent: 5, received: 5 } })
  t.equal(o.code, undefined)
})

t.test('holdResponse: fetch gives up with TimeoutError and no cause', async (t) => {
  let held = 0
  const server = http.createServer(misbehave.holdResponse(() => { held += 1 }))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }))
  const { port } = server.address() as AddressInfo
  const o = await httpRequest(`http://127.0.0.1:${port}/`, { timeoutMs: 150 })
  t.match(o, { ok: false, code: 'TimeoutError', errorName: 'TimeoutError' })
  t.equal(o.causes, undefined)
  t.equal(held, 1, 'the handler had the request')
})

t.test('wsOpen untilClose: 1000 from a clean close, 1006 when the socket just ends', async (t) => {
  let n = 0
  const svc = await startWs({
    onConnection (ws) {
      if (n++ === 0) ws.close(1000, 'bye')
      else ws.terminate()
    },
  })
  t.teardown(() => svc.close())
  t.match(await wsOpen(svc.url, { untilClose: true }), { ok: true, closeCode: 1000, closeReason: 'bye' })
  const dirty = await wsOpen(svc.url, { untilClose: true })
  t.match(dirty, { ok: false, closeCode: 1006 })
  t.type(dirty.timings?.openForMs, 'number')
})

t.test('startHttp websocket: HTTP and WebSocket on one port', async (t) => {
  const svc = await startHttp({ websocket: true })
  t.teardown(() => svc.close())
  t.equal(svc.wsUrl, svc.url.replace('http', 'ws'))
  t.match(await httpRequest(`${svc.url}/health`), { ok: true, status: 200 })
  t.match(await wsOpen(svc.wsUrl!, { send: 'hi' }), { ok: true, body: 'hi', closeCode: 1000 })
})

t.test('hostsLookup: table order, families, Node\'s result order, ENOTFOUND', async (t) => {
  const lookup = hostsLookup({ localhost: ['::1', '127.0.0.1'] })
  const all = (opts: object) => new Promise<unknown>((resolve) => lookup('localhost', { all: true, ...opts } as never, (err, a) => resolve(err ?? a)))
  t.same(await all({ order: 'verbatim' }), [{ address: '::1', family: 6 }, { address: '127.0.0.1', family: 4 }])
  t.same(await all({ order: 'ipv4first' }), [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }])
  t.same(await all({ verbatim: false }), [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }])
  t.same(await all({ family: 4, order: 'verbatim' }), [{ address: '127.0.0.1', family: 4 }])
  const restore = dns.getDefaultResultOrder()
  dns.setDefaultResultOrder('ipv4first')
  t.teardown(() => dns.setDefaultResultOrder(restore as 'verbatim'))
  t.same(await all({}), [{ address: '127.0.0.1', family: 4 }, { address: '::1', family: 6 }], 'follows dns.setDefaultResultOrder')
  const missing = await new Promise<NodeJS.ErrnoException | null>((resolve) => lookup('nowhere.test', {}, (err) => resolve(err)))
  t.match(missing, { code: 'ENOTFOUND', syscall: 'getaddrinfo' })
})
