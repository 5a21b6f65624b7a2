import t from 'tap'
import loopbackSpeed, { plan } from '../demos/loopback-speed.js'
import type { FactObservation } from '../src/core/events.js'
import { ms } from '../src/render/format.js'
import { collect, isLinux, liveNetHandles, ourSockets } from './helpers.js'

interface Latency { samples: number, asked: number, p50Ms: number, p99Ms: number, minMs: number, maxMs: number }
interface Rate { count: number, perSecond: number, elapsedMs: number }

t.test('loopback-speed: every layer measured as asked, orderings hold, nothing left', async (t) => {
  const run = await collect(loopbackSpeed)
  t.equal(run.done.ok, true, run.done.error?.message ?? 'reproduced')
  const facts = new Map(run.observations.flatMap((o) => o.kind === 'fact' ? [[o.key, o] as const] : []))
  const value = <T>(name: string): T => {
    t.ok(facts.has(name), `fact '${name}' was observed`)
    return (facts.get(name) as FactObservation | undefined)?.value as T
  }

  const latencies: Array<[string, number]> = [
    ['event-loop-turn', plan.loopTurns],
    ['tcp-round-trip-one-process', plan.tcpRounds],
    ['tcp-round-trip-two-processes', plan.tcpRounds],
    ['http-round-trip', plan.httpRounds],
    ['ws-round-trip', plan.wsRounds],
  ]
  for (const [name, asked] of latencies) {
    const v = value<Latency>(name)
    t.equal(v.samples, asked, `${name}: ${asked} samples, as asked`)
    t.equal(v.asked, asked)
    t.ok(v.p50Ms > 0, `${name}: p50 > 0`)
    t.ok(v.p99Ms >= v.p50Ms, `${name}: p99 ≥ p50`)
    t.ok(v.minMs <= v.p50Ms && v.maxMs >= v.p99Ms, `${name}: min ≤ p50 ≤ p99 ≤ max`)
  }
  const rates: Array<[string, number]> = [
    ['tcp-throughput-one-process', plan.tcpBytes],
    ['tcp-throughput-two-processes', plan.tcpBytes],
    ['http-throughput', plan.httpRequests],
    ['http-throughput-pipelined', plan.pipelined.requests],
    ['ws-throughput', plan.wsMessages],
  ]
  for (const [name, count] of rates) {
    const v = value<Rate>(name)
    t.equal(v.count, count, `${name}: the whole ${count} made the trip`)
    t.ok(v.perSecond > 0 && v.elapsedMs > 0, `${name}: throughput > 0`)
  }

  const http = value<{ connections: number, client: string }>('http-round-trip')
  t.ok(http.connections >= 1 && http.connections * 10 <= plan.httpRounds, `keep-alive: ${plan.httpRounds} requests over ${http.connections} connection(s)`)
  t.match(http.client, /^node:http/, 'the facts say which client')

  const tcpIn = value<Latency>('tcp-round-trip-one-process')
  const httpRt = value<Latency>('http-round-trip')
  t.match(run.narration, `p50 ${ms(tcpIn.p50Ms)}`, 'the narration quotes the measured TCP p50')
  t.match(run.narration, `HTTP took ${ms(httpRt.p50Ms)}`, 'and the measured HTTP p50')

  // The pipelined client: its own process, every answer good, on as many connections as asked (the server's count).
  const pipelined = value<Rate & { connections: number, failed: number, pid: number, pipelining: number }>('http-throughput-pipelined')
  t.equal(pipelined.count, plan.pipelined.requests, 'the pipelined client made every request asked')
  t.equal(pipelined.failed, 0, 'and every answer was a 2xx')
  t.equal(pipelined.connections, plan.pipelined.connections, `the server saw it on ${plan.pipelined.connections} connections`)
  t.not(pipelined.pid, process.pid, 'from a process of its own')
  t.throws(() => process.kill(pipelined.pid, 0), { code: 'ESRCH' }, 'which is gone')
  const viaFetch = value<Rate>('http-throughput-fetch')
  t.equal(viaFetch.count, plan.httpRequests)
  t.ok(viaFetch.perSecond < pipelined.perSecond, `fetch in the server's own thread (${Math.round(viaFetch.perSecond)}/s) is slower than the pipelined client (${Math.round(pipelined.perSecond)}/s)`)
  const cost = value<{ serverMicros: number, nodeHttpMicros: number, fetchMicros: number }>('http-client-cost')
  const nodeHttp = value<Rate>('http-throughput')
  t.ok(Math.abs(cost.serverMicros - 1e6 / pipelined.perSecond) < 0.01, 'the server\'s time per request is the pipelined rate\'s inverse')
  t.ok(Math.abs(cost.fetchMicros - (1e6 / viaFetch.perSecond - 1e6 / pipelined.perSecond)) < 0.01, 'fetch\'s cost is its extra time per request')
  t.ok(Math.abs(cost.nodeHttpMicros - (1e6 / nodeHttp.perSecond - 1e6 / pipelined.perSecond)) < 0.01, 'and node:http\'s')
  t.match(run.narration, `The loopback and the server do ${Math.round(pipelined.perSecond)} requests a second`, 'the narration quotes the measured server rate')
  t.match(run.narration, `fetch got ${Math.round(viaFetch.perSecond)}`, 'and fetch\'s, next to it')

  const child = value<{ pid: number }>('tcp-round-trip-two-processes')
  t.throws(() => process.kill(child.pid, 0), { code: 'ESRCH' }, 'the echo process is gone')
  if (isLinux) {
    const lo = value<{ mtu: number }>('loopback-interface')
    t.ok(lo.mtu > 0)
    t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
  }
  t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
})

t.test('loopback-speed stops at once when interrupted, and cleans up', async (t) => {
  const controller = new AbortController()
  const started = Date.now()
  const running = collect(loopbackSpeed, { signal: controller.signal })
  setTimeout(() => controller.abort('Ctrl-C'), 150)
  const run = await running
  t.equal(run.done.interrupted, 'Ctrl-C')
  t.ok(Date.now() - started < 1500, 'it did not run to the end first')
  // The measuring loops check the signal: nothing keeps running (or emitting) after done.
  await new Promise((resolve) => setTimeout(resolve, 100))
  t.equal(run.events.at(-1)!.type, 'done', 'no event after done')
  t.same(await liveNetHandles(), [])
  if (isLinux) t.same(await ourSockets(), [])
})
