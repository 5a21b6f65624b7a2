/**
 * explain on errors produced right now, by real clients against real loopback services this test starts (so the
 * signatures keep up with the Node version running the tests), and the --probe adapter against the same services.
 * Every service binds 127.0.0.1 on port 0; the only other port touched is one this test had and closed a moment ago.
 */
import t from 'tap'
import http from 'node:http'
import net from 'node:net'
import { execFile } from 'node:child_process'
import { inspect } from 'node:util'
import { explain } from '../src/diagnose/explain/explain.js'
import { probeFound } from '../src/diagnose/explain/explain-probe.js'
import { isLoopback } from '../src/net/address.js'
import { ourSockets } from './helpers.js'

type Server = net.Server | http.Server

async function listen<S extends Server> (t: { teardown (fn: () => unknown): void }, server: S): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  t.teardown(() => closeServer(server))
  return (server.address() as net.AddressInfo).port
}

function closeServer (server: Server): Promise<void> {
  if ('closeAllConnections' in server) server.closeAllConnections()
  return new Promise((resolve) => server.close(() => resolve()))
}

/** A port that was ours a moment ago and is closed now: connecting to it is refused. */
async function closedPort (): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as net.AddressInfo
  await closeServer(server)
  return port
}

/** What the error looks like printed by Node (uncaught or console.error): message, stack, own fields, [cause]. */
function printed (err: unknown): string {
  return inspect(err, { depth: 4 })
}

function netConnect (port: number): Promise<Error> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port })
    s.on('error', resolve)
    s.on('connect', () => { s.destroy(); resolve(new Error('connected')) })
  })
}

function httpGet (port: number): Promise<Error> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => { res.resume(); resolve(new Error(`HTTP ${res.statusCode}`)) })
    req.on('error', resolve)
  })
}

function run (cmd: string, args: string[]): Promise<{ code: number | null, stderr: string } | null> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 5000 }, (err, _stdout, stderr) => {
      if (err && (err as NodeJS.ErrnoException).code === 'ENOENT') return resolve(null)
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr: String(stderr) })
    })
  })
}

t.test('Node net, http and fetch against a closed port: refused, with the address and port', async (t) => {
  const port = await closedPort()
  for (const [client, err] of [['net', await netConnect(port)], ['http', await httpGet(port)], ['fetch', await fetch(`http://127.0.0.1:${port}/`).then(() => new Error('answered'), (e: unknown) => e as Error)]] as const) {
    t.equal((err as NodeJS.ErrnoException).code ?? (err.cause as NodeJS.ErrnoException | undefined)?.code, 'ECONNREFUSED', `${client}: the real error is ECONNREFUSED`)
    const r = explain(printed(err))
    t.equal(r.candidates[0]!.kind, 'refused', `${client}: top candidate`)
    t.match(r, { address: '127.0.0.1', port, family: 'IPv4' }, `${client}: address and port`)
    // fetch's message alone ("fetch failed") has lost its cause: a refusal is the likeliest reading, a name or a
    // timeout the next ones, and the answer says to print the cause.
    const alone = explain(err.message)
    t.equal(alone.candidates[0]!.kind, 'refused', `${client}: the message alone (${err.message})`)
    if (client === 'fetch') {
      t.ok(['dns', 'timeout'].every((k) => alone.candidates.slice(0, 4).some((c) => c.kind === k)), 'fetch failed: dns and timeout are candidates too')
      t.match(alone.candidates[0]!.why, /cause/, 'fetch failed: says the reason is in its cause')
    }
  }
})

t.test('a second listener on the same address and port: port-in-use', async (t) => {
  const port = await listen(t, net.createServer())
  const second = net.createServer()
  const err = await new Promise<Error>((resolve) => {
    second.once('error', resolve)
    second.listen(port, '127.0.0.1')
  })
  t.equal((err as NodeJS.ErrnoException).code, 'EADDRINUSE')
  const r = explain(printed(err))
  t.equal(r.candidates[0]!.kind, 'port-in-use')
  t.match(r, { address: '127.0.0.1', port })
  t.equal(r.candidates[0]!.command, 'npm run demo:port-in-use')
})

t.test('a service that resets, one that closes without answering, one that never answers', async (t) => {
  const resetting = net.createServer((socket) => socket.once('data', () => socket.resetAndDestroy()))
  const closing = net.createServer((socket) => socket.once('data', () => socket.end()))
  const hanging = net.createServer((socket) => { socket.on('data', () => {}) })
  const resetPort = await listen(t, resetting)
  const closePort = await listen(t, closing)
  const hangPort = await listen(t, hanging)

  const reset = await httpGet(resetPort)
  t.equal((reset as NodeJS.ErrnoException).code, 'ECONNRESET')
  t.equal(explain(printed(reset)).candidates[0]!.kind, 'reset', `reset: ${reset.message}`)

  const hangUp = await httpGet(closePort)
  t.equal(hangUp.message, 'socket hang up')
  t.equal(explain(printed(hangUp)).candidates[0]!.kind, 'hang-up', 'socket hang up')
  const fetchClosed = await fetch(`http://127.0.0.1:${closePort}/`).then(() => new Error('answered'), (e: unknown) => e as Error)
  t.equal(explain(printed(fetchClosed)).candidates[0]!.kind, 'hang-up', 'fetch: other side closed')

  const timedOut = await fetch(`http://127.0.0.1:${hangPort}/`, { signal: AbortSignal.timeout(150) }).then(() => new Error('answered'), (e: unknown) => e as Error)
  t.equal(timedOut.name, 'TimeoutError')
  t.equal(explain(printed(timedOut)).candidates[0]!.kind, 'timeout', 'fetch with AbortSignal.timeout')
})

t.test('ws against an HTTP server that refuses the upgrade: websocket-handshake', async (t) => {
  const server = http.createServer((_req, res) => { res.statusCode = 404; res.end('no') })
  const port = await listen(t, server)
  const { default: WebSocket } = await import('ws')
  const err = await new Promise<Error>((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/socket`)
    ws.on('error', resolve)
  })
  t.match(err.message, /Unexpected server response: 404/)
  const r = explain(printed(err))
  t.equal(r.candidates[0]!.kind, 'websocket-handshake')
})

t.test('curl and python3, when installed, against the same kinds of services', async (t) => {
  const port = await closedPort()
  const closing = net.createServer((socket) => socket.once('data', () => socket.end()))
  const closePort = await listen(t, closing)
  const resetting = net.createServer((socket) => socket.once('data', () => socket.resetAndDestroy()))
  const resetPort = await listen(t, resetting)

  const refused = await run('curl', ['-sS', `http://127.0.0.1:${port}/`])
  if (refused === null) {
    t.comment('curl not installed: skipped')
  } else {
    t.equal(refused.code, 7, refused.stderr)
    t.match(explain(refused.stderr), { address: '127.0.0.1', port, candidates: [{ kind: 'refused' }] })
    const empty = await run('curl', ['-sS', `http://127.0.0.1:${closePort}/`])
    t.equal(empty!.code, 52, empty!.stderr)
    t.equal(explain(empty!.stderr).candidates[0]!.kind, 'hang-up')
    const reset = await run('curl', ['-sS', `http://127.0.0.1:${resetPort}/`])
    t.equal(reset!.code, 56, reset!.stderr)
    t.equal(explain(reset!.stderr).candidates[0]!.kind, 'reset')
  }

  const py = await run('python3', ['-c', `import socket; socket.create_connection(('127.0.0.1', ${port}))`])
  if (py === null) {
    t.comment('python3 not installed: skipped')
  } else {
    t.not(py.code, 0)
    t.match(py.stderr, /ConnectionRefusedError: \[Errno 111\]/)
    t.equal(explain(py.stderr).candidates[0]!.kind, 'refused')
  }
})

t.test('probeFound: open and refused on loopback; never connects elsewhere', async (t) => {
  const port = await listen(t, net.createServer((s) => s.end()))
  const open = await probeFound('127.0.0.1', port)
  t.equal(open.report?.results.length, 1)
  t.match(open.report?.results[0], { state: 'open', address: '127.0.0.1', family: 'IPv4' })
  t.equal(open.report?.answered, true)

  const closed = await closedPort()
  const refused = await probeFound('127.0.0.1', closed)
  t.match(refused.report?.results[0], { state: 'refused', code: 'ECONNREFUSED' })

  const named = await probeFound('localhost', closed)
  t.ok((named.report?.results.length ?? 0) >= 1, 'localhost resolved to at least one loopback address')
  for (const r of named.report?.results ?? []) t.ok(isLoopback(r.address), `${r.address} is loopback`)

  for (const [address, why] of [['192.0.2.1', /not a loopback address/], ['db.example.com', /not this machine/], ['0.0.0.0', /every interface/]] as const) {
    const r = await probeFound(address, 5432)
    t.equal(r.report, undefined, `${address}: no connection attempted`)
    t.match(r.notProbed.join('\n'), why)
  }
  t.match((await probeFound('127.0.0.1', null)).notProbed[0], /no port/)
})

t.test('probeFound: x.localhost is probed only when every address it resolves to is this machine\'s', async (t) => {
  let accepted = 0
  const port = await listen(t, net.createServer(function countConnection (s) { accepted++; s.end() }))
  // glibc asks DNS about x.localhost; DNS may answer an address elsewhere (198.18.0.1: benchmarking, never routed).
  const far = await probeFound('x.localhost', port, { lookup: async () => [{ address: '198.18.0.1', family: 4 }], timeoutMs: 200 })
  t.equal(far.report, undefined, 'no report: nothing was tried')
  t.match(far.notProbed.join('\n'), /x\.localhost resolves to 198\.18\.0\.1, and 198\.18\.0\.1 is not this machine's: --probe tried none of them/)
  t.equal(accepted, 0)
  const near = await probeFound('x.localhost', port, { lookup: async () => [{ address: '127.0.0.1', family: 4 }] })
  t.match(near.report?.results[0], { address: '127.0.0.1', state: 'open' })
  t.equal(accepted, 1, 'the loopback answer was probed: one connection')
})

t.test('nothing of ours is left listening', async (t) => {
  t.same(await ourSockets('LISTEN'), [])
})
