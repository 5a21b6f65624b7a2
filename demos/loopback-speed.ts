/**
 * loopback-speed — "the data leaves and returns almost instantly". How instant, and where does the time go?
 *
 * Round trips and throughput on 127.0.0.1, layer by layer: raw TCP in one process, raw TCP to a second process,
 * HTTP through fastify (over kept-alive connections), WebSocket messages through ws. The differences between
 * the layers show where the time goes: the kernel's loopback path, the event loop, or the protocol on top.
 * HTTP is measured three ways against one fastify server: a pipelined client in its own process (the lab's own, lean
 * enough that it never makes the server wait), which shows what the loopback and the server do; then node:http with a keep-alive
 * Agent and fetch from the lab's own thread, whose extra time per request is what each client library costs.
 * `npm run bench` puts the pipelined figure next to wrk's on the same server with the same load (as many connections, as
 * many requests in flight on each: bench/wrk-pipeline.lua), and next to wrk one request at a time per connection.
 */
import {
  defineScenario, echoNoDelay, eventLoopTurns, httpRoundTrips, httpThroughput, loopbackInterface, ms,
  mebibytes, megabytesPerSecond, now, ratio, since, startLoopbackPeer,
  tcpRoundTrips, tcpThroughput, wsRoundTrips, wsThroughput, type LatencySummary,
} from './kit.js'

export default defineScenario({
  id: 'loopback-speed',
  title: 'How fast is "almost instantly"? Loopback, measured',
  symptom: 'Everyone says 127.0.0.1 is fast. How fast, and where does the time go?',
  codes: [],

  async run (lab) {
    const signal = lab.signal
    const measured = (key: string, name: string, s: LatencySummary, asked: number, extra: Record<string, unknown> = {}): void => {
      lab.fact(key, name, { ...s, asked, ...extra })
      lab.check(s.samples === asked, `${name}: measured ${s.samples} round trips, asked for ${asked}`)
      lab.check(s.p50Ms > 0 && s.p99Ms >= s.p50Ms, `${name}: p50 ${s.p50Ms} ms, p99 ${s.p99Ms} ms make no sense`)
    }

    lab.step('The floor: one turn of the event loop')
    const turn = await eventLoopTurns(plan.loopTurns)
    measured('event-loop-turn', 'event loop turn', turn, plan.loopTurns)
    lab.say(`A setImmediate hop, the least a callback can wait, took ${ms(turn.p50Ms)} (p50 of ${turn.samples}). Every network answer arrives through at least one such turn.`)
    const lo = await loopbackInterface()
    if (lo) lab.fact('loopback-interface', 'loopback interface', { name: lo.name, mtu: lo.mtu }, lo.source)

    lab.step('Raw TCP, both ends in this process')
    const tcp = await lab.tcp({ name: 'TCP echo (node:net)', onConnection: echoNoDelay })
    const tcpIn = await tcpRoundTrips(tcp.address, tcp.port, { rounds: plan.tcpRounds, size: plan.messageBytes, signal })
    measured('tcp-round-trip-one-process', 'tcp round trip, one process', tcpIn, plan.tcpRounds)
    const bulkIn = await tcpThroughput(tcp.address, tcp.port, { bytes: plan.tcpBytes, signal })
    lab.fact('tcp-throughput-one-process', 'tcp throughput, one process', { ...bulkIn, unit: 'bytes' })
    lab.say(`${tcpIn.samples} round trips of ${plan.messageBytes} bytes: p50 ${ms(tcpIn.p50Ms)}, p99 ${ms(tcpIn.p99Ms)}. ${mebibytes(bulkIn.count)} MiB echoed back in ${ms(bulkIn.elapsedMs)}: ${megabytesPerSecond(bulkIn.perSecond)} MB/s each way.`)

    lab.step('Raw TCP to a second process')
    // One second process serves as the echo here and as the pipelined HTTP client below: one start, not two.
    const t0 = now()
    const peer = await startLoopbackPeer(lab, signal)
    lab.announce({ service: 'tcp', name: `TCP echo process (pid ${peer.pid})`, state: 'listening', at: { ...peer.echo, family: 'IPv4' }, elapsedMs: since(t0), pid: peer.pid })
    const tcpOut = await tcpRoundTrips(peer.echo.address, peer.echo.port, { rounds: plan.tcpRounds, size: plan.messageBytes, signal })
    measured('tcp-round-trip-two-processes', 'tcp round trip, two processes', tcpOut, plan.tcpRounds, { pid: peer.pid })
    const bulkOut = await tcpThroughput(peer.echo.address, peer.echo.port, { bytes: plan.tcpBytes, signal })
    lab.fact('tcp-throughput-two-processes', 'tcp throughput, two processes', { ...bulkOut, unit: 'bytes' })
    lab.say(`The same echo in another Node process (pid ${peer.pid}, port ${peer.echo.port}): p50 ${ms(tcpOut.p50Ms)}, p99 ${ms(tcpOut.p99Ms)}; ${megabytesPerSecond(bulkOut.perSecond)} MB/s.`)

    lab.step('HTTP through fastify: what the server does, and what each client costs')
    const http = await lab.http({ name: 'HTTP service (fastify)' })
    const url = `${http.url}/`
    const httpRt = await httpRoundTrips(url, { rounds: plan.httpRounds, warmup: plan.httpWarmup, client: 'node:http', signal })
    measured('http-round-trip', 'http round trip, keep-alive', httpRt, plan.httpRounds, { client: 'node:http, Agent({ keepAlive: true })' })
    lab.check(httpRt.connections > 0 && httpRt.connections * 10 <= httpRt.samples, `the client used ${httpRt.connections} connections for ${httpRt.samples} requests: it did not keep them alive`)
    lab.say(`After ${plan.httpWarmup} uncounted warm-up requests, ${httpRt.samples} GET requests one after another: p50 ${ms(httpRt.p50Ms)}, p99 ${ms(httpRt.p99Ms)}. The server saw them come from ${httpRt.connections} client port${httpRt.connections === 1 ? '' : 's'}: the client's Agent kept ${httpRt.connections === 1 ? 'the connection' : 'its connections'} open and reused ${httpRt.connections === 1 ? 'it' : 'them'}.`)

    const { pipelined: p } = plan
    const server = await peer.pipelined({ url, requests: p.requests, warmup: p.warmup, connections: p.connections, pipelining: p.pipelining })
    lab.fact('http-throughput-pipelined', 'http throughput, pipelined client in its own process', { ...server, unit: 'requests', pipelining: p.pipelining, client: 'the lab\'s pipelining HTTP/1.1 client (raw sockets, every response parsed)' })
    lab.check(server.count === p.requests && server.failed === 0, `the pipelined client got ${server.count - server.failed} good answers of ${p.requests}`)
    lab.check(server.connections === p.connections, `the server saw the pipelined client on ${server.connections} connections, not ${p.connections}`)
    lab.say(`A lean client in that second process (pid ${server.pid}: raw sockets, each request ready-made bytes, every response parsed) kept ${p.pipelining} requests in flight on each of ${p.connections} kept-alive connections, so the server never waited for it: ${Math.round(server.perSecond)} requests per second, ${us(1000 / server.perSecond)} of the server's one thread per request. The client itself used ${server.cpuMicrosPerRequest.toFixed(0)} µs of CPU per request: ${server.cpuMicrosPerRequest < 1e6 / server.perSecond ? 'less than each took, so it was waiting for the server, not the other way round' : 'as much as each took: on this busy machine it competed with the server for a core'}.`)

    const nodeHttp = await httpThroughput(url, { requests: plan.httpRequests, warmup: plan.httpWarmup, concurrency: plan.httpConcurrency, client: 'node:http', signal })
    lab.fact('http-throughput', 'http throughput, keep-alive', { ...nodeHttp, unit: 'requests', concurrency: plan.httpConcurrency, client: 'node:http, Agent({ keepAlive: true })' })
    const viaFetch = await httpThroughput(url, { requests: plan.httpRequests, warmup: plan.httpWarmup, concurrency: plan.httpConcurrency, client: 'fetch', signal })
    lab.fact('http-throughput-fetch', 'http throughput, fetch', { ...viaFetch, unit: 'requests', concurrency: plan.httpConcurrency, client: 'fetch (undici, built into Node)' })
    lab.say(`The same server, with ${plan.httpConcurrency} requests in flight from this process: node:http with a keep-alive Agent ${Math.round(nodeHttp.perSecond)} requests per second, fetch ${Math.round(viaFetch.perSecond)}.`)
    // This process runs the server and these clients on one thread: each request here costs the server's share plus
    // the client's, so the client's share is the difference in time per request.
    const cost = {
      serverMicros: round3(1e6 / server.perSecond),
      nodeHttpMicros: round3(1e6 / nodeHttp.perSecond - 1e6 / server.perSecond),
      fetchMicros: round3(1e6 / viaFetch.perSecond - 1e6 / server.perSecond),
    }
    lab.fact('http-client-cost', 'time per request: the server, and what each client adds', { ...cost, unit: 'µs' })

    lab.step('WebSocket messages through ws')
    const ws = await lab.ws({ name: 'WebSocket echo (ws)' })
    const wsRt = await wsRoundTrips(ws.url, { rounds: plan.wsRounds, size: plan.messageBytes, signal })
    measured('ws-round-trip', 'ws round trip', wsRt, plan.wsRounds)
    const wsTp = await wsThroughput(ws.url, { messages: plan.wsMessages, size: plan.messageBytes, signal })
    lab.fact('ws-throughput', 'ws throughput', { ...wsTp, unit: 'messages' })
    lab.say(`${wsRt.samples} echoed messages: p50 ${ms(wsRt.p50Ms)}, p99 ${ms(wsRt.p99Ms)}. ${wsTp.count} messages sent back to back came back at ${Math.round(wsTp.perSecond)} per second.`)
    for (const [name, n] of [['tcp', bulkIn.perSecond], ['tcp, two processes', bulkOut.perSecond], ['http', nodeHttp.perSecond], ['ws', wsTp.perSecond]] as const) {
      lab.check(n > 0, `${name} throughput is ${n}`)
    }

    lab.step('Where the time goes')
    lab.explain(`A raw TCP round trip in one process took ${ms(tcpIn.p50Ms)}: two write() system calls, two passes through the kernel's TCP/IP code and the loopback device, and at least two turns of the event loop (${ms(turn.p50Ms)} each here). The kernel's part is inside those ${ms(tcpIn.p50Ms)}: at most ${ms(tcpIn.p50Ms / 2)} each way.`)
    lab.explain(otherProcess(tcpIn.p50Ms, tcpOut.p50Ms))
    lab.explain(`HTTP took ${ms(httpRt.p50Ms)}, ${ratio(httpRt.p50Ms, tcpIn.p50Ms)} the raw TCP round trip, on a connection that was already open. The extra ${ms(httpRt.p50Ms - tcpIn.p50Ms)} is software: writing the request and its headers, Node's HTTP parser on both ends, fastify's routing, the handler and its JSON.`)
    lab.explain(clientCost(server.perSecond, nodeHttp.perSecond, viaFetch.perSecond, cost))
    lab.explain(wsRt.p50Ms > tcpIn.p50Ms
      ? `A WebSocket message took ${ms(wsRt.p50Ms)}: framing and masking add ${ms(wsRt.p50Ms - tcpIn.p50Ms)} to raw TCP, much less than HTTP's ${ms(httpRt.p50Ms - tcpIn.p50Ms)}, because a message carries a few bytes of frame header instead of a request and a response.`
      : `A WebSocket message took ${ms(wsRt.p50Ms)}, no more than raw TCP: a frame header is a few bytes, nothing like HTTP's request and response (${ms(httpRt.p50Ms - tcpIn.p50Ms)} extra).`)
    lab.explain(`"Almost instantly", because nothing here touched a network card or a wire. The ${lo ? `${lo.name} interface (MTU ${lo.mtu} bytes)` : 'loopback interface'} hands each packet straight back to the receiving side of the same kernel, so the time is spent in software, not in transit, and ${megabytesPerSecond(bulkIn.perSecond)} MB/s fit through a single connection.`)
    lab.fix('If a call to 127.0.0.1 takes milliseconds, the network is not the reason: look at the program (a slow handler, a blocked event loop, a new connection for every request). Keep connections alive: fetch does by default, node:http with an Agent({ keepAlive: true }).')
    lab.fix('To measure a server, load it from another process with a client that keeps requests in flight and costs less per request than the server (wrk, autocannon); a loop of fetch calls in the same process measures fetch. Check the client\'s own CPU: a client as busy as the server measures itself.')
    lab.fix('Benchmark on loopback to measure your own code: loopback takes the network out of the picture, and the p99 shows what the event loop does under load.')
  },
})

/**
 * How much is measured: bounded, so the whole lesson stays near 1 s. Tests check the counts against this. On the busy
 * 2-core machine the figures moved 2x between runs of one plan (other work on the cores), more than between this plan
 * and one with twice the requests: more requests would not make a figure steadier, only the lesson longer.
 */
export const plan = {
  loopTurns: 500,
  messageBytes: 64,
  tcpRounds: 500,
  tcpBytes: 8 * 1024 * 1024,
  httpRounds: 200,
  /** HTTP needs the longest warm-up: the HTTP client and fastify run a lot of JavaScript that V8 first optimizes. */
  httpWarmup: 100,
  httpRequests: 300,
  httpConcurrency: 8,
  /**
   * The pipelined client (the lab's own, in its own process): connections × pipelining requests always in flight, so
   * the server's thread is the limit. Its warm-up is longer: the figure is the server at full speed.
   */
  pipelined: { requests: 1500, warmup: 500, connections: 8, pipelining: 4 },
  wsRounds: 500,
  wsMessages: 2000,
}

function us (msValue: number): string {
  return `${(msValue * 1000).toFixed(0)} µs`
}

function round3 (x: number): number {
  return Math.round(x * 1000) / 1000
}

function clientCost (server: number, nodeHttp: number, viaFetch: number, cost: { serverMicros: number, nodeHttpMicros: number, fetchMicros: number }): string {
  const line = `The loopback and the server do ${Math.round(server)} requests a second: ${cost.serverMicros.toFixed(0)} µs of the server's thread each, measured by a client that never made it wait.`
  if (cost.nodeHttpMicros <= 0) {
    return `${line} node:http from this process got ${Math.round(nodeHttp)}: as fast, so here the client cost nothing measurable; fetch ${Math.round(viaFetch)}.`
  }
  return `${line} From this process, where the server and the client share one thread, node:http got ${Math.round(nodeHttp)}: its client code adds ${cost.nodeHttpMicros.toFixed(0)} µs to every request. fetch got ${Math.round(viaFetch)}: it adds ${cost.fetchMicros.toFixed(0)} µs to each. That is what your client library costs, not the loopback.`
}

function otherProcess (inProcess: number, twoProcesses: number): string {
  return twoProcesses > inProcess
    ? `To another process it took ${ms(twoProcesses)}, ${ms(twoProcesses - inProcess)} more: the kernel has to wake the other process and the scheduler has to run it, where in one process the same thread simply carries on.`
    : `To another process it took ${ms(twoProcesses)}, no slower than in one process (${ms(inProcess)}): each end has its own thread and core, so one side's JavaScript runs while the other's does.`
}
