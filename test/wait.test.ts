/**
 * `localhost-lab wait`: real listeners of this test's own on loopback, and ports found free a moment ago (nothing
 * listens there, so a connect is refused). Exit 0 when every target answered, 1 with one line per target that did
 * not (and why), 2 for bad usage.
 */
import t, { type Test } from 'tap'
import http from 'node:http'
import net from 'node:net'
import { waitForHttp } from '../src/clients/wait-for.js'
import { freePort } from '../src/net/free-port.js'
import { cli } from './helpers.js'
import { hold } from './net-helpers.js'
import { badUsage } from './usage.js'

/** An HTTP server on 127.0.0.1, port 0, answering each request with `statusFor(n)` (n from 1); `arrivals` in ms. */
async function httpServer (t: Test, statusFor: (n: number) => number): Promise<{ port: number, paths: string[], arrivals: number[] }> {
  const paths: string[] = []
  const arrivals: number[] = []
  const server = http.createServer(function statusOnRequest (req, res) {
    paths.push(req.url ?? '')
    arrivals.push(performance.now())
    res.statusCode = statusFor(paths.length)
    res.end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()) }))
  return { port: (server.address() as net.AddressInfo).port, paths, arrivals }
}

const stderrLines = (text: string): string[] => text.split('\n').filter((l) => l !== '')

t.test('one listener of ours: exit 0 and one line naming it', async (t) => {
  const h = await hold(['127.0.0.1'])
  t.teardown(() => h.close())
  const r = await cli(['wait', `127.0.0.1:${h.port}`])
  t.equal(r.code, 0, r.stderr)
  t.equal(r.stderr, '')
  t.match(r.stdout, new RegExp(`^127\\.0\\.0\\.1:${h.port} \\(port open\\): ready after [\\d.]+ ms, 1 attempt\\n$`))
})

t.test('several targets: all answer (IPv4, IPv6, a name with tcp:), exit 0, one line each', async (t) => {
  const a = await hold(['127.0.0.1'])
  const b = await hold(['::1'])
  const c = await hold(['127.0.0.1', '::1'])
  t.teardown(() => Promise.all([a.close(), b.close(), c.close()]))
  const r = await cli(['wait', `127.0.0.1:${a.port}`, `[::1]:${b.port}`, `tcp:localhost:${c.port}`, '--timeout', '5000'])
  t.equal(r.code, 0, r.stderr)
  t.same(r.stdout.split('\n').filter(Boolean).map((l) => l.split(' ')[0]), [`127.0.0.1:${a.port}`, `[::1]:${b.port}`, `localhost:${c.port}`], "one line each; wait-on's tcp: prefix is taken")
})

t.test('several targets, one not listening: exit 1, one line for it alone, refused', async (t) => {
  const a = await hold(['127.0.0.1'])
  t.teardown(() => a.close())
  const free = await freePort()
  const r = await cli(['wait', `127.0.0.1:${a.port}`, `127.0.0.1:${free}`, '--timeout', '300'])
  t.equal(r.code, 1)
  t.equal(r.stdout, '', 'nothing on stdout when a target did not answer')
  const lines = stderrLines(r.stderr)
  t.equal(lines.length, 1, 'one line, for the target that did not answer')
  t.match(lines[0], new RegExp(`^localhost-lab: 127\\.0\\.0\\.1:${free} did not answer within 300 ms \\(\\d+ attempts\\): refused \\(ECONNREFUSED\\), nothing listens there yet$`))
  t.notMatch(r.stderr, /\n\s+at /, 'no stack trace')
})

t.test('two targets not listening: one line each, in the order given', async (t) => {
  const [x, y] = [await freePort(), await freePort({ host: '::1' })]
  const r = await cli(['wait', `127.0.0.1:${x}`, `[::1]:${y}`, '--timeout', '200'])
  t.equal(r.code, 1)
  const lines = stderrLines(r.stderr)
  t.equal(lines.length, 2)
  t.match(lines[0], `127.0.0.1:${x} did not answer within 200 ms`)
  t.match(lines[1], `[::1]:${y} did not answer within 200 ms`)
  t.ok(lines.every((l) => l.includes('refused (ECONNREFUSED)')), 'both refused')
})

t.test('a listener that starts later: the wait keeps trying and succeeds', async (t) => {
  // The sentinel is ours and listening: its first connection tells us the wait is running, with no sleep.
  const sentinel = net.createServer((s) => s.destroy())
  await new Promise<void>((resolve) => sentinel.listen(0, '127.0.0.1', resolve))
  const late = net.createServer((s) => s.destroy())
  t.teardown(() => { sentinel.close(); late.close() })
  const port = await freePort()
  let connections = 0
  late.on('connection', () => { connections++ })
  sentinel.once('connection', function startLateListener () {
    late.listen(port, '127.0.0.1')
  })
  const sentinelPort = (sentinel.address() as net.AddressInfo).port
  const r = await cli(['wait', `127.0.0.1:${sentinelPort}`, `127.0.0.1:${port}`, '--timeout', '20000'])
  t.equal(r.code, 0, r.stderr)
  t.ok(late.listening, 'the late listener was started once the wait ran')
  t.ok(connections >= 1, 'and the wait connected to it')
  t.match(r.stdout, new RegExp(`127\\.0\\.0\\.1:${port} \\(port open\\): ready after`))
})

t.test('--http: 503 until it is ready, then 200; the wait retries with backoff and succeeds', async (t) => {
  const s = await httpServer(t, (n) => n <= 3 ? 503 : 200)
  const r = await cli(['wait', `127.0.0.1:${s.port}`, '--http', '/health', '--timeout', '20000'])
  t.equal(r.code, 0, r.stderr)
  t.same(s.paths, ['/health', '/health', '/health', '/health'], 'three 503s, then the 200: four requests, then it stopped')
  t.match(r.stdout, `GET http://127.0.0.1:${s.port}/health (answers 2xx): ready after`)
})

t.test('a wrong status: exit 1 and the line says what it answered', async (t) => {
  const s = await httpServer(t, () => 503)
  const r = await cli(['wait', `http://127.0.0.1:${s.port}/ready`, '--timeout', '300'])
  t.equal(r.code, 1)
  const lines = stderrLines(r.stderr)
  t.equal(lines.length, 1)
  t.match(lines[0], new RegExp(`^localhost-lab: GET http://127\\.0\\.0\\.1:${s.port}/ready did not answer within 300 ms \\(\\d+ attempts\\): it answered HTTP 503, not 2xx$`))
  t.ok(s.paths.length >= 2 && s.paths.every((p) => p === '/ready'), `the URL's own path, asked ${s.paths.length} times`)
})

t.test('--status: any 2xx by default; with --status only that one', async (t) => {
  const s = await httpServer(t, () => 204)
  const ok = await cli(['wait', `127.0.0.1:${s.port}`, '--http', 'ping'])
  t.equal(ok.code, 0, `204 is a 2xx ${ok.stderr}`)
  t.equal(s.paths[0], '/ping', 'a path without its slash gets one')
  const strict = await cli(['wait', `127.0.0.1:${s.port}`, '--http', '/ping', '--status', '200', '--timeout', '200'])
  t.equal(strict.code, 1)
  t.match(strict.stderr, /it answered HTTP 204, not 200\n$/)
  const exact = await cli(['wait', `127.0.0.1:${s.port}`, '--http', '/ping', '--status', '204'])
  t.equal(exact.code, 0, exact.stderr)
})

t.test('--interval: a fixed pause instead of backoff', async (t) => {
  const s = await httpServer(t, (n) => n <= 4 ? 503 : 200)
  const r = await cli(['wait', `127.0.0.1:${s.port}`, '--http', '/', '--interval', '150', '--timeout', '20000'])
  t.equal(r.code, 0, r.stderr)
  const gaps = s.arrivals.slice(1).map((at, i) => at - s.arrivals[i]!)
  t.equal(gaps.length, 4)
  // Backoff would start at 12-25 ms; a fixed 150 ms interval never pauses less (a timer never fires early).
  t.ok(gaps.every((g) => g >= 140), `every pause at least the interval: ${gaps.map((g) => g.toFixed(0)).join(', ')} ms`)
})

t.test("waitForHttp's status '2xx' takes any success", async (t) => {
  const s = await httpServer(t, () => 204)
  const r = await waitForHttp(`http://127.0.0.1:${s.port}`, { path: '/', status: '2xx', deadlineMs: 2000 })
  t.equal(r.ok, true, r.message)
  t.match(r.target, '(answers 2xx)')
})

badUsage([
  [['wait'], /^localhost-lab: what should I wait for\? Give one or more targets\./],
  [['wait', 'localhost:70000'], /bad target 'localhost:70000': port 70000 is out of range/],
  [['wait', '127.0.0.1:5432', '--status', '200'], /--status 200 is an HTTP status: add --http <path>, or give an http:\/\/ target/],
  [['wait', ':3000', '--http', '/', '--status', '99'], /--status takes a whole number from 100 to 599 \(got '99'\)/],
  [['wait', ':3000', '--timeout', '0'], /--timeout wants milliseconds \(a whole number from 1\), not '0'/],
  [['wait', ':3000', '--interval', 'soon'], /--interval wants milliseconds/],
  [['wait', 'http://app:hunter2@127.0.0.1:3000/'], /^localhost-lab: bad target 'http:\/\/app:\*\*\*@127\.0\.0\.1:3000\/': fetch refuses a URL with user:password@/],
  [['wait', ':3000', '--tmeout', '5'], /unknown option '--tmeout' for 'wait'\. Did you mean '--timeout'\?/],
])
