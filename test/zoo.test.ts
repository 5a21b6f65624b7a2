import t from 'tap'
import { execFile, spawnSync } from 'node:child_process'
import http from 'node:http'
import { WebSocket } from 'ws'
import { httpRequest, tcpConnect, wsOpen } from '../src/clients/attempt.js'
import { startZoo, type Zoo, type ZooBehaviour, type ZooConnection, type ZooEntry } from '../src/services/zoo.js'
import { isLinux, liveNetHandles, ourSockets } from './helpers.js'

const hasCurl = spawnSync('sh', ['-c', 'command -v curl']).status === 0

interface CurlResult { code: number, stdout: string, stderr: string }
/** The real curl binary: its exit code is the symptom users quote ("curl: (52) Empty reply from server"). */
function curl (...args: string[]): Promise<CurlResult> {
  return new Promise((resolve) => {
    execFile('curl', ['-sS', ...args], { timeout: 10_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0, stdout, stderr })
    })
  })
}

/** Node's own http client: what "socket hang up" looks like. */
function nodeGet (url: string): Promise<{ status?: number, code?: string, message?: string }> {
  return new Promise((resolve) => {
    http.get(url, (res) => {
      res.resume()
      res.on('end', () => resolve({ status: res.statusCode! }))
    }).on('error', (err: NodeJS.ErrnoException) => resolve({ code: err.code!, message: err.message }))
  })
}

/** The ws client's view of a rejected handshake: the HTTP status it got instead of 101. */
function wsStatus (url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url)
    ws.on('unexpected-response', (req, res) => {
      resolve(res.statusCode!)
      req.destroy()
    })
    ws.on('error', () => {})
    ws.on('open', () => reject(new Error('the handshake unexpectedly succeeded')))
  })
}

const seen: ZooConnection[] = []
let zoo: Zoo
const entry = (b: ZooBehaviour): ZooEntry => zoo.entries.find((e) => e.behaviour === b)!
const url = (b: ZooBehaviour): string => entry(b).url

t.before(async () => {
  zoo = await startZoo({ dripIntervalMs: 200, onConnection: (c) => seen.push(c) })
})
t.teardown(async () => {
  await zoo.close()
})

t.test('the zoo: one entry per behaviour, loopback only, each with its scenario or kind', async (t) => {
  const behaviours = zoo.entries.map((e) => e.behaviour)
  t.same(behaviours, ['refused', 'hang', 'close-early', 'reset', 'drip', 'malformed', 'truncated', 'flaky', 'ipv6-only', 'ws-drop', 'ws-reject'])
  for (const e of zoo.entries) {
    t.ok(['127.0.0.1', '::1'].includes(e.address), `${e.behaviour} on loopback (${e.address})`)
    t.ok(e.scenario !== null || e.kind !== '', `${e.behaviour} names a scenario or a kind`)
    t.equal(e.service === undefined, e.behaviour === 'refused', 'everything listens, except refused')
  }
  t.equal(new Set(zoo.entries.map((e) => e.port)).size, zoo.entries.length, 'one port per behaviour')
  t.equal(entry('ipv6-only').family, 'IPv6')
})

t.test('refused: curl 7, fetch ECONNREFUSED', { skip: !hasCurl && 'curl not installed' }, async (t) => {
  const c = await curl(url('refused'))
  t.equal(c.code, 7)
  const f = await httpRequest(url('refused'))
  t.match(f, { ok: false, message: 'fetch failed', code: 'ECONNREFUSED', syscall: 'connect' })
})

t.test('hang: curl 28 with 0 bytes, fetch TimeoutError; the zoo narrates the client', { skip: !hasCurl && 'curl not installed' }, async (t) => {
  const c = await curl('--max-time', '0.5', '-w', '%{size_download}', '-o', '/dev/null', url('hang'))
  t.equal(c.code, 28)
  t.equal(c.stdout, '0', 'not a byte came back')
  const f = await httpRequest(url('hang'), { timeoutMs: 300 })
  t.equal(f.code, 'TimeoutError')
  t.ok(f.elapsedMs >= 250, 'fetch waited for its own timeout')
  // A raw TCP client whose port we know: the zoo reports exactly that client.
  const held = await tcpConnect({ host: entry('hang').address, port: entry('hang').port, keepOpen: true })
  t.equal(held.ok, true)
  const arrived = await waitFor(() => seen.find((s) => s.name === 'hang' && s.phase === 'arrived' && s.remotePort === held.localPort))
  t.match(arrived, { family: 'IPv4', address: '127.0.0.1', port: entry('hang').port, remoteAddress: '127.0.0.1' })
  held.socket!.destroy()
  const ended = await waitFor(() => seen.find((s) => s.name === 'hang' && s.phase === 'ended' && s.remotePort === held.localPort))
  t.match(ended, { closedBy: 'client', bytesOut: 0 })
  const requests = seen.filter((s) => s.name === 'hang' && s.phase === 'request' && s.request !== undefined)
  t.ok(requests.some((r) => r.request === 'GET / HTTP/1.1'), 'the request line curl and fetch sent')
})

t.test('close-early: curl 52, fetch UND_ERR_SOCKET, Node http "socket hang up"', { skip: !hasCurl && 'curl not installed' }, async (t) => {
  t.equal((await curl(url('close-early'))).code, 52)
  t.match(await httpRequest(url('close-early')), { ok: false, code: 'UND_ERR_SOCKET' })
  t.match(await nodeGet(url('close-early')), { code: 'ECONNRESET', message: 'socket hang up' })
  const ended = await waitFor(() => seen.find((s) => s.name === 'close-early' && s.phase === 'ended'))
  t.equal(ended.closedBy, 'server')
})

t.test('reset: curl 56, fetch ECONNRESET', { skip: !hasCurl && 'curl not installed' }, async (t) => {
  t.equal((await curl(url('reset'))).code, 56)
  t.match(await httpRequest(url('reset')), { ok: false, code: 'ECONNRESET' })
})

t.test('drip: curl 28 with some bytes, fetch gets 200 then times out on the body', { skip: !hasCurl && 'curl not installed' }, async (t) => {
  const c = await curl('--max-time', '0.7', '-w', '%{http_code} %{size_download}', '-o', '/dev/null', url('drip'))
  t.equal(c.code, 28)
  const [status, bytes] = c.stdout.split(' ').map(Number)
  t.equal(status, 200, 'the headers came at once')
  t.ok(bytes! >= 1 && bytes! < 38, `some of the body, not all (${bytes} bytes)`)
  const f = await httpRequest(url('drip'), { timeoutMs: 500 })
  t.equal(f.code, 'TimeoutError')
})

t.test('malformed: curl 8, fetch HPE_INVALID_HEADER_TOKEN', { skip: !hasCurl && 'curl not installed' }, async (t) => {
  t.equal((await curl(url('malformed'))).code, 8)
  t.match(await httpRequest(url('malformed')), { ok: false, code: 'HPE_INVALID_HEADER_TOKEN' })
})

t.test('truncated: curl 18, fetch body read fails', { skip: !hasCurl && 'curl not installed' }, async (t) => {
  t.equal((await curl(url('truncated'))).code, 18)
  t.match(await httpRequest(url('truncated')), { ok: false, code: 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH' })
})

t.test('flaky: 503, 503, 200 per client address, for curl and fetch alike', { skip: !hasCurl && 'curl not installed' }, async (t) => {
  const codes: string[] = []
  for (let i = 0; i < 3; i++) codes.push((await curl('-o', '/dev/null', '-w', '%{http_code}', url('flaky'))).stdout)
  t.same(codes, ['503', '503', '200'])
  t.equal((await curl('-f', '-o', '/dev/null', url('flaky'))).code, 22, 'curl -f fails on the 503')
  // That 503 was the first of a new round: one more 503, then 200.
  t.same([(await httpRequest(url('flaky'))).status, (await httpRequest(url('flaky'))).status], [503, 200])
  const round: Array<number | undefined> = []
  for (let i = 0; i < 3; i++) round.push((await httpRequest(url('flaky'))).status)
  t.same(round, [503, 503, 200])
})

t.test('ipv6-only: [::1] answers, the same port on 127.0.0.1 refuses', { skip: !hasCurl && 'curl not installed' }, async (t) => {
  const e = entry('ipv6-only')
  const v6 = await curl(`http://[::1]:${e.port}/`)
  t.equal(v6.code, 0)
  t.match(v6.stdout, /you came from \[::1\]:\d+/)
  t.equal((await curl(`http://127.0.0.1:${e.port}/`)).code, 7)
  t.match(await httpRequest(`http://127.0.0.1:${e.port}/`), { code: 'ECONNREFUSED', family: 'IPv4' })
  t.match(await httpRequest(`http://[::1]:${e.port}/`), { ok: true, status: 200 })
  const arrived = await waitFor(() => seen.find((s) => s.name === 'ipv6-only' && s.phase === 'arrived'))
  t.equal(arrived.family, 'IPv6')
})

t.test('ws-drop: the WebSocket closes 1006; plain HTTP gets 426', { skip: !hasCurl && 'curl not installed' }, async (t) => {
  const ws = await wsOpen(url('ws-drop'), { send: 'hello?' })
  t.equal(ws.closeCode, 1006, 'no close frame: abnormal closure')
  t.match(ws.body, /will drop without a close frame/, 'the greeting arrived first; our message made it drop')
  const plain = url('ws-drop').replace(/^ws:/, 'http:')
  t.equal((await httpRequest(plain)).status, 426)
  t.equal((await curl('-o', '/dev/null', '-w', '%{http_code}', plain)).stdout, '426')
})

t.test('ws-reject: the handshake gets 400 on /ws and 404 elsewhere', { skip: !hasCurl && 'curl not installed' }, async (t) => {
  const e = entry('ws-reject')
  const base = `${e.address}:${e.port}`
  t.equal(await wsStatus(`ws://${base}/ws`), 400)
  t.equal(await wsStatus(`ws://${base}/`), 404)
  const failed = await wsOpen(`ws://${base}/ws`)
  t.match(failed, { ok: false, closeCode: 1006 })
  const upgrade = ['-o', '/dev/null', '-w', '%{http_code}', '-H', 'Connection: Upgrade', '-H', 'Upgrade: websocket', '-H', 'Sec-WebSocket-Version: 13', '-H', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']
  t.equal((await curl(...upgrade, `http://${base}/ws`)).stdout, '400')
  t.equal((await curl(...upgrade, `http://${base}/chat`)).stdout, '404')
  t.equal((await httpRequest(`http://${base}/ws`)).status, 400)
  t.ok(seen.some((s) => s.name === 'ws-reject' && s.phase === 'request' && /refused the WebSocket handshake: 404/.test(s.action ?? '')))
})

t.test('close: nothing of the zoo is left listening or connected, and no more reports', async (t) => {
  const ports = zoo.entries.map((e) => e.port)
  await zoo.close()
  await zoo.close()
  const count = seen.length
  t.same(await liveNetHandles(), [])
  if (isLinux) t.same(await ourSockets(), [], 'the kernel lists no socket of ours')
  for (const p of ports) t.match(await tcpConnect({ host: '127.0.0.1', port: p, timeoutMs: 500 }), { code: 'ECONNREFUSED' }, `port ${p} refuses now`)
  t.equal(seen.length, count, 'no report after close')
})

t.test('the zoo refuses a non-loopback host', async (t) => {
  await t.rejects(startZoo({ host: '0.0.0.0' }), /loopback only/)
  await t.rejects(startZoo({ host: '192.0.2.2' }), /loopback only/)
})

async function waitFor<T> (find: () => T | undefined, ms = 2000): Promise<T> {
  const until = Date.now() + ms
  for (;;) {
    const v = find()
    if (v !== undefined) return v
    if (Date.now() > until) throw new Error('the zoo did not report it')
    await new Promise((resolve) => setImmediate(resolve))
  }
}
