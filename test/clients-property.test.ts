/**
 * "Attempts and waiters never throw", on any options: fractional, zero, negative, huge and NaN timeouts, deadlines,
 * delays, factors, jitters and body limits, against a real port that refuses (found free a moment ago), a listener
 * that accepts and never answers, and one that answers (HTTP 200 and a WebSocket echo on one port). Every run is
 * bounded by an AbortSignal (or one aborted before the start), so a huge timeout ends too.
 */
import t from 'tap'
import fc from 'fast-check'
import http from 'node:http'
import { WebSocketServer } from 'ws'
import { httpRequest, tcpConnect, wsOpen } from '../src/clients/attempt.js'
import { tcpExchange } from '../src/clients/exchange.js'
import { nodeHttpRequest } from '../src/clients/node-http.js'
import { delayMs, MAX_DELAY_MS, pause, settle } from '../src/clients/settle.js'
import { waitForHttp, waitForPort, type WaitResult } from '../src/clients/wait-for.js'
import type { Outcome } from '../src/core/events.js'
import { hostPort } from '../src/net/address.js'
import { acceptNeverAnswer } from '../src/services/behaviours/misbehave.js'
import { startTcp, type TcpService } from '../src/services/tcp.js'
import { liveNetHandles, ourSockets } from './helpers.js'

const HOST = '127.0.0.1'
/** Every run ends by then: its signal aborts at 120 ms at the latest; the rest is slack for a loaded machine. */
const BOUND_MS = 4000

/** Times as a caller might pass them: missing, zero, NaN, ±Infinity, past Node's timer range, negative, fractional. */
const time = fc.oneof(
  fc.constantFrom(undefined, 0, -0, Number.NaN, Infinity, -Infinity, 2 ** 31, 1e12, Number.MAX_VALUE, 468.769),
  fc.double({ min: -1e6, max: -Number.MIN_VALUE, noNaN: true }),
  fc.double({ min: 0, max: 60, noNaN: true }),
  fc.integer({ min: 1, max: 80 }),
)
/** Factors, jitters and body limits: any number at all. */
const anyNumber = fc.oneof(
  fc.constantFrom(undefined, 0, -1, 1, 2, Number.NaN, Infinity, -Infinity, Number.MAX_VALUE),
  fc.double({ min: -10, max: 10, noNaN: true }),
)
/** How the run is stopped: soon (a whole number of ms, so the test's own timer is not what is fuzzed), or before it starts. */
const stop = fc.oneof(fc.integer({ min: 5, max: 120 }), fc.constant('aborted' as const))
const where = fc.constantFrom('refused', 'silent', 'answers')
type Where = 'refused' | 'silent' | 'answers'

function signalOf (s: number | 'aborted'): AbortSignal {
  return s === 'aborted' ? AbortSignal.abort(new Error('stopped before the start')) : AbortSignal.timeout(s)
}

let refusedPort = 0
let silent: TcpService
let answers: http.Server
let wss: WebSocketServer
let answersPort = 0

function portOf (w: Where): number {
  return w === 'refused' ? refusedPort : w === 'silent' ? silent.port : answersPort
}
function urlOf (w: Where, scheme = 'http'): string {
  return `${scheme}://${hostPort(HOST, portOf(w))}`
}

/** What is wrong with an Outcome's shape (nothing: an empty list). */
function misshapen (o: Outcome, client: Outcome['client']): string[] {
  const wrong: string[] = []
  if (o.client !== client) wrong.push(`client ${String(o.client)}`)
  if (typeof o.ok !== 'boolean') wrong.push('ok is not a boolean')
  if (!Number.isFinite(o.elapsedMs) || o.elapsedMs < 0) wrong.push(`elapsedMs ${o.elapsedMs}`)
  if (typeof o.target?.host !== 'string' || typeof o.target?.port !== 'number') wrong.push('target')
  if (!o.ok && typeof o.message !== 'string' && o.status === undefined && o.closeCode === undefined) wrong.push('a failure that says nothing')
  if (o.code !== undefined && typeof o.code !== 'string') wrong.push(`code ${String(o.code)}`)
  try {
    JSON.stringify(o)
  } catch {
    wrong.push('not serialisable')
  }
  return wrong
}

/** Run `run`, which must resolve (never reject, never throw) within BOUND_MS, to a result `check` finds nothing wrong with. */
async function keeps<T> (what: string, run: () => Promise<T>, check: (result: T) => string[]): Promise<T> {
  const started = performance.now()
  let result: T
  try {
    result = await run()
  } catch (err) {
    throw new Error(`the ${what} threw: ${(err as Error)?.stack ?? String(err)}`)
  }
  const took = performance.now() - started
  if (took > BOUND_MS) throw new Error(`the ${what} took ${took.toFixed(0)} ms`)
  const wrong = check(result)
  if (wrong.length > 0) throw new Error(`misshapen ${what} result (${wrong.join(', ')}): ${JSON.stringify(result)}`)
  return result
}

/** An attempt: a well-formed Outcome of `client`. */
function holds (client: Outcome['client'], attempt: () => Promise<Outcome>): Promise<Outcome> {
  return keeps('attempt', attempt, (o) => misshapen(o, client))
}

t.before(async () => {
  const probe = await startTcp({ host: HOST })
  await probe.close()
  refusedPort = probe.port
  silent = await startTcp({ host: HOST, onConnection: acceptNeverAnswer })
  answers = http.createServer(function answersOnRequest (req, res) {
    req.resume()
    res.end('ok')
  })
  wss = new WebSocketServer({ server: answers })
  wss.on('connection', function wssOnConnection (ws) {
    ws.on('error', () => {})
    ws.on('message', (data) => ws.send(data))
  })
  await new Promise<void>((resolve) => answers.listen(0, HOST, resolve))
  answersPort = (answers.address() as import('node:net').AddressInfo).port
})

let closing: Promise<void> | undefined
function closeServers (): Promise<void> {
  return closing ??= (async () => {
    for (const c of wss.clients) c.terminate()
    await new Promise<void>((resolve) => wss.close(() => resolve()))
    answers.closeAllConnections()
    await new Promise<void>((resolve) => answers.close(() => resolve()))
    await silent.close()
  })()
}
t.teardown(closeServers)

t.test('delayMs: whole ms in Node timer range, whatever it is given', async (t) => {
  const cases: Array<[number | undefined, number]> = [
    [undefined, 7], [Number.NaN, 7], [468.769, 469], [0.2, 1], [0, 0], [-0, 0], [-5, 0], [-Infinity, 0],
    [Infinity, MAX_DELAY_MS], [2 ** 31, MAX_DELAY_MS], [1e300, MAX_DELAY_MS], [MAX_DELAY_MS, MAX_DELAY_MS],
  ]
  for (const [given, expected] of cases) t.equal(delayMs(given, 7), expected, `delayMs(${given}) = ${expected}`)
  t.equal(delayMs(0, 7, 1), 1, 'a timeout of 0 gives up at the first chance, not never')
  t.equal(delayMs(Number.NaN, Number.NaN), 0, 'even a NaN fallback gives a number')
  fc.assert(fc.property(fc.oneof(fc.double(), fc.constant(undefined)), fc.double(), (v, fb) => {
    const d = delayMs(v, fb)
    return Number.isInteger(d) && d >= 0 && d <= MAX_DELAY_MS
  }), { numRuns: 500 })
  t.pass('any double, any fallback: an integer in [0, 2^31-1]')
})

t.test('pause: true when the time passed, false on abort, never a throw', async (t) => {
  t.equal(await pause(1.5), true)
  t.equal(await pause(-3), true)
  t.equal(await pause(Number.NaN), true)
  t.equal(await pause(MAX_DELAY_MS * 10, AbortSignal.timeout(5)), false, 'a huge pause ends with its signal')
  t.equal(await pause(10, AbortSignal.abort()), false, 'an aborted signal ends it before it starts')
})

t.test('settle: the attempt\'s signal aborts once it settled, whether the body asked for it before or after', async (t) => {
  const base = { defaultTimeoutMs: 1000, failure: () => 'failed' }
  let early: AbortSignal | undefined
  t.equal(await settle<string>(base, (a) => { early = a.signal; t.notOk(a.signal.aborted, 'not aborted while running'); a.done('ok') }), 'ok')
  t.ok(early!.aborted, 'asked for while running: aborted at the settle')
  let attempt: { signal: AbortSignal } | undefined
  t.equal(await settle<string>(base, (a) => { attempt = a; a.done('ok') }), 'ok')
  t.ok(attempt!.signal.aborted, 'asked for only after it settled: already aborted')
})

t.test('tcpConnect never throws and settles once, on any timeout', async (t) => {
  await fc.assert(fc.asyncProperty(where, time, stop, fc.boolean(), async (w, timeoutMs, s, keepOpen) => {
    const o = await holds('tcp', () => tcpConnect({ host: HOST, port: portOf(w), timeoutMs: timeoutMs as number, keepOpen, signal: signalOf(s) }))
    ;(o as { socket?: import('node:net').Socket }).socket?.destroy()
    if (o.ok && w === 'refused') throw new Error('a refusing port accepted')
  }), { numRuns: 14 })
  t.pass('14 runs: refused, silent and answering ports')
})

t.test('tcpExchange never throws, on any timeout', async (t) => {
  await fc.assert(fc.asyncProperty(where, time, stop, async (w, timeoutMs, s) => {
    await holds('tcp', () => tcpExchange({ host: HOST, port: portOf(w), send: 'hello', timeoutMs: timeoutMs as number, signal: signalOf(s) }))
  }), { numRuns: 14 })
  t.pass('14 runs')
})

t.test('httpRequest (fetch) never throws, on any timeout or body limit', async (t) => {
  await fc.assert(fc.asyncProperty(where, time, anyNumber, stop, async (w, timeoutMs, bodyLimit, s) => {
    const o = await holds('http', () => httpRequest(`${urlOf(w)}/`, { timeoutMs: timeoutMs as number, bodyLimit: bodyLimit as number, signal: signalOf(s) }))
    if (o.ok && o.body !== undefined && typeof o.body !== 'string') throw new Error('a body that is not text')
  }), { numRuns: 14 })
  t.pass('14 runs')
})

t.test('nodeHttpRequest never throws, on any timeout or body limit', async (t) => {
  await fc.assert(fc.asyncProperty(where, time, anyNumber, stop, async (w, timeoutMs, bodyLimit, s) => {
    const o = await holds('http', () => nodeHttpRequest(`${urlOf(w)}/`, { timeoutMs: timeoutMs as number, bodyLimit: bodyLimit as number, signal: signalOf(s) }))
    if (o.via !== 'node:http') throw new Error(`via ${String(o.via)}`)
  }), { numRuns: 14 })
  t.pass('14 runs')
})

t.test('wsOpen never throws, on any timeout', async (t) => {
  await fc.assert(fc.asyncProperty(where, time, stop, fc.boolean(), async (w, timeoutMs, s, send) => {
    await holds('ws', () => wsOpen(`${urlOf(w, 'ws')}/`, { timeoutMs: timeoutMs as number, signal: signalOf(s), ...(send && { send: 'x' }) }))
  }), { numRuns: 14 })
  t.pass('14 runs')
})

t.test('an unparsable URL or an impossible port is a failed Outcome, not a throw', async (t) => {
  for (const [client, attempt] of [
    ['http', () => httpRequest('not a url')],
    ['http', () => nodeHttpRequest('http://[::1')],
    ['ws', () => wsOpen('ws://')],
    ['tcp', () => tcpConnect({ host: HOST, port: Number.NaN })],
    ['tcp', () => tcpExchange({ host: HOST, port: 70000 })],
  ] as const) {
    const o = await holds(client, attempt)
    t.equal(o.ok, false, `${client}: ${o.message}`)
    t.type(o.code, 'string', `with the code Node gave (${o.code})`)
  }
})

/** What is wrong with a WaitResult's shape. */
function misshapenWait (r: WaitResult): string[] {
  const wrong: string[] = []
  if (typeof r.ok !== 'boolean') wrong.push('ok')
  if (r.attempts.length < 1) wrong.push('no attempt')
  if (r.last !== r.attempts.at(-1)) wrong.push('last is not the last attempt')
  if (!Number.isInteger(r.deadlineMs) || r.deadlineMs < 0 || r.deadlineMs > MAX_DELAY_MS) wrong.push(`deadlineMs ${r.deadlineMs}`)
  if (!Number.isFinite(r.elapsedMs)) wrong.push(`elapsedMs ${r.elapsedMs}`)
  if (typeof r.message !== 'string' || r.message.includes('NaN')) wrong.push(`message ${r.message}`)
  if (!r.ok && r.reason !== 'deadline' && r.reason !== 'aborted') wrong.push(`reason ${String(r.reason)}`)
  for (const a of r.attempts) {
    const p = a.timings?.pauseMs
    if (p === undefined || !Number.isInteger(p) || p < 0) wrong.push(`pauseMs ${p}`)
    if (!Number.isFinite(a.timings?.startedAtMs)) wrong.push('startedAtMs')
  }
  return wrong
}

/** A waiter: a well-formed WaitResult. */
function waits (wait: () => Promise<WaitResult>): Promise<WaitResult> {
  return keeps('waiter', wait, misshapenWait)
}

const waitOptions = fc.record({
  deadlineMs: time, initialDelayMs: time, maxDelayMs: time, attemptTimeoutMs: time, factor: anyNumber, jitter: anyNumber,
}, { requiredKeys: [] })

t.test('waitForPort never throws and always has a last attempt, on any options', async (t) => {
  await fc.assert(fc.asyncProperty(fc.constantFrom<Where>('refused', 'answers'), waitOptions, stop, async (w, opts, s) => {
    const r = await waits(() => waitForPort({ ...(opts as object), host: HOST, port: portOf(w), signal: signalOf(s) }))
    if (r.ok && !r.last.ok) throw new Error('ready, but the last attempt failed')
  }), { numRuns: 16 })
  t.pass('16 runs')
})

t.test('waitForHttp never throws and always has a last attempt, on any options', async (t) => {
  await fc.assert(fc.asyncProperty(where, waitOptions, stop, async (w, opts, s) => {
    const r = await waits(() => waitForHttp(urlOf(w), { ...(opts as object), signal: signalOf(s) }))
    if (r.ok && r.last.status !== 200) throw new Error('ready without a 200')
  }), { numRuns: 16 })
  t.pass('16 runs')
})

t.test('issue 14: waitForHttp with a fractional remaining time gives up at its deadline instead of throwing RangeError', async (t) => {
  const r = await waits(() => waitForHttp(urlOf('refused'), { deadlineMs: 250.5, attemptTimeoutMs: 33.3, initialDelayMs: 12.7 }))
  t.match(r, { ok: false, reason: 'deadline', deadlineMs: 251 })
  // The last attempt may have only the deadline's last millisecond: then fetch's own timeout is its answer.
  t.ok(r.attempts.every((a) => a.code === 'ECONNREFUSED' || a.code === 'TimeoutError'), `every attempt refused or timed out, none threw (${r.attempts.map((a) => a.code).join(', ')})`)
})

t.test('nothing is left connected once the servers are gone', async (t) => {
  await closeServers()
  // fetch (undici) keeps a connection that completed after its request was aborted idle, unref'd, in its pool: it
  // ends when the server side closes. Give the kernel a bounded number of loop turns to say so.
  let [left, handles] = [await ourSockets(), await liveNetHandles()]
  for (let i = 0; i < 500 && left.length + handles.length > 0; i++) [left, handles] = [await ourSockets(), await liveNetHandles()]
  t.same(left, [], 'the kernel lists no socket of ours')
  t.same(handles, [], 'and Node holds no TCP handle')
})
