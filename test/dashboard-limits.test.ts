/**
 * The dashboard's limits and its request-line rules, on raw TCP (node:net): what a flood of connections, a slow
 * client, a duplicate Host or an absolute-form target gets, byte for byte, and that its own requests still work.
 */
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { connect, type Socket } from 'node:net'
import WebSocket from 'ws'
import { startDashboard, type Dashboard, type DashboardOptions } from '../src/dashboard/server.js'
import { catalogue } from '../demos/index.js'
import { CLI, isLinux, liveNetHandles, ourSockets } from './helpers.js'

type Tap = Pick<typeof t, 'teardown'>

async function dashboard (t: Tap, opts: Partial<DashboardOptions> = {}): Promise<Dashboard> {
  const d = await startDashboard({ catalogue, ...opts })
  t.teardown(() => d.close())
  return d
}

/** A raw connection to the dashboard that records every byte it is sent and when the server closed it. */
interface Raw {
  socket: Socket
  received (): string
  closed: Promise<void>
}

async function open (t: Tap, port: number): Promise<Raw> {
  const socket = connect({ host: '127.0.0.1', port })
  t.teardown(() => { socket.destroy() })
  const chunks: Buffer[] = []
  socket.on('data', (c: Buffer) => chunks.push(c))
  // A connection closed before it was read is reset: that is one of the answers under test, not a failure.
  socket.on('error', () => {})
  const closed = once(socket, 'close').then(() => {})
  await once(socket, 'connect')
  return { socket, received: () => Buffer.concat(chunks).toString('latin1'), closed }
}

/** Resolves when `raw` has received one whole response (headers and Content-Length bytes of body); its status. */
async function response (raw: Raw, after = 0): Promise<number> {
  for (;;) {
    const text = raw.received().slice(after)
    const end = text.indexOf('\r\n\r\n')
    if (end !== -1) {
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(text.slice(0, end))?.[1] ?? 0)
      if (text.length >= end + 4 + length) return Number(text.slice(9, 12))
    }
    // Closed before a whole response: 0, the way a client would see nothing usable.
    if (raw.socket.destroyed) return 0
    await Promise.race([once(raw.socket, 'data').catch(() => {}), raw.closed])
  }
}

/** One request on a fresh connection: the status line of its answer (empty if the server closed without one). */
async function statusLine (t: Tap, port: number, request: string): Promise<string> {
  const raw = await open(t, port)
  raw.socket.write(request)
  await response(raw)
  raw.socket.destroy()
  return raw.received().split('\r\n')[0]!
}

/** Resolves true if `p` settles within `ms`, false if not: a generous bound, never a wait for readiness. */
async function within (ms: number, p: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), ms) })
  const r = await Promise.race([p.then(() => true), late])
  clearTimeout(timer)
  return r
}

t.test('a connection limit: the extra connections are closed unread, those within it are served', async (t) => {
  const d = await dashboard(t, { limits: { maxConnections: 20 } })
  const host = `Host: 127.0.0.1:${d.port}\r\n`
  // 19 clients that send half a request and wait (a half-open flood), and a 20th with a keep-alive page.
  const held: Raw[] = []
  for (let i = 0; i < 19; i++) {
    const raw = await open(t, d.port)
    raw.socket.write(`GET / HTTP/1.1\r\n${host}`)
    held.push(raw)
  }
  const page = await open(t, d.port)
  page.socket.write(`GET / HTTP/1.1\r\n${host}\r\n`)
  t.equal(await response(page), 200, 'the 20th client, within the limit, gets its page')

  // The server accepts in the order connections arrive: everything after the 20th is over the limit.
  const extra: Raw[] = []
  for (let i = 0; i < 5; i++) extra.push(await open(t, d.port))
  const allClosed = await within(5000, Promise.all(extra.map((r) => r.closed)))
  t.ok(allClosed, 'the 5 connections over the limit were closed by the server')
  t.same(extra.map((r) => r.received()), ['', '', '', '', ''], 'unanswered: not a byte was sent to them')
  t.notOk(held.some((r) => r.socket.destroyed) || page.socket.destroyed, 'the 20 within the limit are still open')

  const before = page.received().length
  page.socket.write(`GET /api/scenarios HTTP/1.1\r\n${host}\r\n`)
  t.equal(await response(page, before), 200, 'a client within the limit is still served on its connection')
  held[0]!.socket.write('\r\n')
  t.equal(await response(held[0]!), 200, 'and a held client that finishes its request gets its page')

  for (const r of [...held, page]) r.socket.destroy()
  await d.close()
  t.same(await liveNetHandles(), [], 'no server or socket left in this process')
  if (isLinux) t.same(await ourSockets(), [], 'and none in the kernel')
})

t.test('per-client limits: headers, request and keep-alive timeouts, header size, body size', async (t) => {
  const d = await dashboard(t, { limits: { headersTimeout: 200, requestTimeout: 400, keepAliveTimeout: 200, maxHeaderSize: 4096, bodyLimit: 1024 } })
  const host = `Host: 127.0.0.1:${d.port}\r\n`
  const ws = new WebSocket(`ws://127.0.0.1:${d.port}/ws`, { origin: `http://127.0.0.1:${d.port}` })
  t.teardown(() => ws.terminate())
  await once(ws, 'open')

  const partial = await open(t, d.port)
  partial.socket.write(`GET / HTTP/1.1\r\n${host}X-Slow: 1`)
  t.ok(await within(5000, partial.closed), 'a partial header is closed by the headers timeout')
  t.match(partial.received(), /^HTTP\/1\.1 408 /, 'with 408 Request Timeout')

  const slowBody = await open(t, d.port)
  slowBody.socket.write(`POST /api/explain HTTP/1.1\r\n${host}Origin: http://127.0.0.1:${d.port}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"text":`)
  t.ok(await within(5000, slowBody.closed), 'a body that never ends is closed by the request timeout')
  t.match(slowBody.received(), /^HTTP\/1\.1 408 /)

  const idle = await open(t, d.port)
  idle.socket.write(`GET / HTTP/1.1\r\n${host}\r\n`)
  t.equal(await response(idle), 200)
  t.ok(await within(5000, idle.closed), 'an idle keep-alive connection is closed by the keep-alive timeout')

  t.match(await statusLine(t, d.port, `GET / HTTP/1.1\r\n${host}X-Big: ${'a'.repeat(5000)}\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 431 /, 'headers over maxHeaderSize: 431')
  const big = JSON.stringify({ text: 'x'.repeat(2000) })
  t.match(await statusLine(t, d.port, `POST /api/explain HTTP/1.1\r\n${host}Origin: http://127.0.0.1:${d.port}\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\nConnection: close\r\n\r\n${big}`), /^HTTP\/1\.1 413 /, 'a body over bodyLimit: 413')

  // Three timeouts have come and gone since the page opened its WebSocket: a page stays connected.
  t.equal(ws.readyState, WebSocket.OPEN, 'the WebSocket is not a request: no timeout closes it')
})

t.test('20 stalled 64 KB POSTs do not hold up a GET, and the request timeout ends them', async (t) => {
  const d = await dashboard(t, { limits: { requestTimeout: 1000, headersTimeout: 1000 } })
  const host = `Host: 127.0.0.1:${d.port}\r\n`
  // Bodies the explain box takes at its limit: newlines and separators (what made explain backtrack), padded to 64 KB.
  let body = JSON.stringify({ text: '\n'.repeat(13000) + '-1'.repeat(3500) })
  body += ' '.repeat(64 * 1024 - body.length)
  const head = `POST /api/explain HTTP/1.1\r\n${host}Origin: http://127.0.0.1:${d.port}\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`
  const posts: Raw[] = []
  for (let i = 0; i < 20; i++) {
    const raw = await open(t, d.port)
    // Half of them send the whole body and are explained; the other half stop 1 byte short and hold on.
    raw.socket.write(head + (i % 2 === 0 ? body : body.slice(0, -1)))
    posts.push(raw)
  }
  const started = performance.now()
  const page = await open(t, d.port)
  page.socket.write(`GET / HTTP/1.1\r\n${host}Connection: close\r\n\r\n`)
  t.equal(await response(page), 200)
  const took = performance.now() - started
  t.comment(`GET answered in ${took.toFixed(1)} ms with 20 POSTs of 64 KB in flight`)
  t.ok(took < 1000, `a GET answers promptly (${took.toFixed(0)} ms, bound 1000 ms)`)

  const complete = posts.filter((_, i) => i % 2 === 0)
  const stalled = posts.filter((_, i) => i % 2 === 1)
  t.same(await Promise.all(complete.map((r) => response(r))), complete.map(() => 200), 'the whole POSTs were explained')
  t.ok(await within(10_000, Promise.all(stalled.map((r) => r.closed))), 'the stalled POSTs were ended by the request timeout')
  t.ok(stalled.every((r) => /^HTTP\/1\.1 408 /.test(r.received())), 'each with 408')
})

t.test('RFC 9112 §3.2: several Host lines get 400; one Host of its own is served', async (t) => {
  const d = await dashboard(t)
  const own = `127.0.0.1:${d.port}`
  t.match(await statusLine(t, d.port, `GET / HTTP/1.1\r\nHost: ${own}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 400 /, 'its own Host, then a foreign one: 400')
  t.match(await statusLine(t, d.port, `GET /api/scenarios HTTP/1.1\r\nHost: ${own}\r\nHost: ${own}\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 400 /, 'its own Host twice: 400 too')
  t.match(await statusLine(t, d.port, `GET / HTTP/1.1\r\nHost: ${own}\r\nConnection: close\r\n\r\n`), /^HTTP\/1\.1 200 /, 'the same request with one Host: 200')

  const raw = await open(t, d.port)
  raw.socket.write(`GET / HTTP/1.1\r\nHost: ${own}\r\nHost: evil.example\r\nConnection: close\r\n\r\n`)
  await raw.closed
  t.match(JSON.parse(raw.received().split('\r\n\r\n')[1]!), { error: 'LAB_ERR_BAD_REQUEST', message: /2 Host header lines/ })

  const upgrade = (target: string, hosts: string[]): string =>
    `GET ${target} HTTP/1.1\r\n${hosts.map((h) => `Host: ${h}\r\n`).join('')}Origin: http://${own}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`
  t.match(await statusLine(t, d.port, upgrade('/ws', [own, 'evil.example'])), /^HTTP\/1\.1 400 /, 'a WebSocket upgrade with two Host lines: 400')
  const ws = await open(t, d.port)
  ws.socket.write(upgrade('/ws', [own]))
  t.equal(await response(ws), 101, 'with one: 101')
})

t.test('RFC 9112 §3.2.2: an absolute-form target that names another authority gets 400; its own is served', async (t) => {
  const d = await dashboard(t)
  const own = `127.0.0.1:${d.port}`
  const request = (target: string, host = own): string => `GET ${target} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`
  for (const target of ['http://evil/', 'http://evil.example/api/scenarios', `http://127.0.0.1:${d.port + 1}/`, `https://${own}/`, 'http:///', '*']) {
    t.match(await statusLine(t, d.port, request(target)), /^HTTP\/1\.1 400 /, `GET ${target} (Host: ${own}): 400`)
  }
  for (const target of [`http://${own}/`, `http://localhost:${d.port}/api/scenarios`, `HTTP://[::1]:${d.port}/app.js`]) {
    t.match(await statusLine(t, d.port, request(target)), /^HTTP\/1\.1 200 /, `GET ${target}: 200`)
  }
  t.match(await statusLine(t, d.port, request('/')), /^HTTP\/1\.1 200 /, 'origin-form: 200')
  t.match(await statusLine(t, d.port, request('http://evil/ws').replace('Connection: close', `Origin: http://${own}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==`)), /^HTTP\/1\.1 400 /, 'nor can it open the WebSocket')
})

const netnsUsable = isLinux && spawnSync('unshare', ['--net', 'true']).status === 0
t.test('dashboard with no port left for the OS to pick: the message does not say "leave --port out"', { skip: netnsUsable ? false : 'needs Linux and unshare --net (root or user namespaces)' }, async (t) => {
  // In a namespace of its own, the ephemeral range is narrowed to two ports that this script holds: port 0 has no
  // free port to give, which the kernel says as EADDRINUSE.
  const script = `
    const net = require('node:net'); const { spawnSync } = require('node:child_process')
    const hold = (port) => new Promise((resolve) => net.createServer().listen(port, '127.0.0.1', resolve))
    Promise.all([hold(50000), hold(50001)]).then(() => {
      const out = []
      for (const args of [['dashboard'], ['dashboard', '--port', '0']]) {
        const r = spawnSync(process.execPath, [${JSON.stringify(CLI)}, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
        out.push({ code: r.status, stderr: r.stderr })
      }
      console.log(JSON.stringify(out)); process.exit(0)
    })`
  const r = spawnSync('unshare', ['--net', 'sh', '-c', `ip link set lo up && echo "50000 50001" > /proc/sys/net/ipv4/ip_local_port_range && exec "${process.execPath}" -e "$0"`, script], { encoding: 'utf8' })
  t.equal(r.status, 0, r.stderr)
  const runs = JSON.parse(r.stdout) as Array<{ code: number, stderr: string }>
  for (const run of runs) {
    t.equal(run.code, 1)
    t.equal(run.stderr.trim().split('\n').length, 1, 'one line')
    t.match(run.stderr, /^localhost-lab: cannot listen on 127\.0\.0\.1:0: EADDRINUSE\. The OS had no free port left to pick/)
    t.notMatch(run.stderr, /leave --port out|Another program holds that port/)
    t.match(run.stderr, /choose one with --port\./)
  }
})
