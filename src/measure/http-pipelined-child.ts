/**
 * The pipelined HTTP client's own process (./http-pipelined.ts starts it). It keeps `connections` kept-alive
 * connections with `pipelining` GETs in flight on each, so the server always has work waiting, and reads every
 * response whole (./http1-responses.ts: status line, headers, framing, body). Told what to do in argv (JSON), it
 * answers once over IPC and exits; it also exits when its parent goes away.
 *
 * Why not undici's Pool: measured side by side on the 2-core development machine, the Pool (8×4, through dispatch)
 * spent 25–31 µs of CPU per request, about what the fastify server needs of its own thread per request (wrk's
 * 40,048 req/s is 25 µs), so the client set the pace as much as the server did: 0.63–0.75× wrk on the same server.
 * This client writes each request as ready-made bytes, the bytes wrk sends, and does only what a GET needs: 12–16 µs
 * of CPU per request there, most of it the kernel's write and read. `client: 'undici'` still measures the Pool.
 *
 * Usage: node http-pipelined-child.js '<PipelinedSpec as JSON>'   (with an IPC channel)
 *        node http-pipelined-child.js --peer   (./http-pipelined.ts `startLoopbackPeer`): a TCP echo on 127.0.0.1,
 *        port 0, announced over IPC; then one answer per PipelinedSpec it is sent, until its parent goes away. One
 *        process started once serves a lesson as "the second process" for raw TCP and as the pipelined client.
 */
import net from 'node:net'
import { performance } from 'node:perf_hooks'
import { Http1ResponseReader, type Http1Response } from './http1-responses.js'
import type { LoopbackPeerHello, PipelinedAnswer, PipelinedSpec } from './http-pipelined.js'
import { echoNoDelay } from './tcp.js'

/** What each client does per run: `total` requests spread over the connections; resolves when all are answered. */
type Runner = (total: number) => Promise<void>

interface Tally {
  ports: Set<number>
  failed: number
}

/** The lab's HTTP service names the client's port in each answer: how the connections are counted, not assumed. */
function count (tally: Tally, status: number, body: string): void {
  if (status < 200 || status > 299) tally.failed++
  const port = /"client":\{[^}]*"port":(\d+)/.exec(body)?.[1]
  if (port !== undefined) tally.ports.add(Number(port))
}

/** Our own client: raw sockets, the request as ready-made bytes, every response parsed. */
async function ownClient (spec: PipelinedSpec, tally: Tally): Promise<{ run: Runner, close: () => void }> {
  const url = new URL(spec.url)
  if (url.protocol !== 'http:') throw new Error(`only http: URLs, not ${url.protocol}`)
  // What wrk sends: the request line and Host, nothing else.
  const request = Buffer.from(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n\r\n`, 'latin1')
  const batches = new Map<number, Buffer>()
  const requests = (n: number): Buffer => {
    let b = batches.get(n)
    if (b === undefined) batches.set(n, b = Buffer.concat(Array.from({ length: n }, () => request)))
    return b
  }
  const sockets = await Promise.all(Array.from({ length: spec.connections }, () => new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect({ host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port || 80), noDelay: true })
    socket.once('connect', () => { socket.off('error', reject); resolve(socket) })
    socket.once('error', reject)
  })))
  const run: Runner = (total) => new Promise((resolve, reject) => {
    let unsent = total
    let unanswered = total
    if (total === 0) { resolve(); return }
    const send = (socket: net.Socket, want: number): number => {
      const n = Math.min(want, unsent)
      if (n > 0) {
        unsent -= n
        socket.write(requests(n))
      }
      return n
    }
    for (const socket of sockets) {
      const reader = new Http1ResponseReader()
      let inFlight = send(socket, spec.pipelining)
      const onData = (chunk: Buffer): void => {
        let got: Http1Response[]
        try {
          got = reader.push(chunk)
        } catch (err) {
          fail(err as Error)
          return
        }
        for (const r of got) {
          count(tally, r.status, r.body.toString('latin1'))
          if (r.close) { fail(new Error('the server closed a kept-alive connection (Connection: close)')); return }
        }
        inFlight -= got.length
        unanswered -= got.length
        // Refill once half the window is answered, in one write: fewer system calls than a write per answer, and
        // the server still has requests waiting on this connection meanwhile.
        if (inFlight * 2 <= spec.pipelining) inFlight += send(socket, spec.pipelining - inFlight)
        if (unanswered === 0) done()
      }
      const onEnd = (): void => { fail(new Error('the server closed the connection')) }
      socket.on('data', onData)
      socket.on('end', onEnd)
      socket.on('error', fail)
      listeners.push(() => { socket.off('data', onData); socket.off('end', onEnd); socket.off('error', fail) })
    }
    function done (): void {
      for (const off of listeners.splice(0)) off()
      resolve()
    }
    function fail (err: Error): void {
      for (const off of listeners.splice(0)) off()
      reject(err)
    }
  })
  const listeners: Array<() => void> = []
  return { run, close: () => { for (const s of sockets) s.destroy() } }
}

/** undici's Pool through `dispatch`, the layer under `pool.request()`: no body stream, no promise per chunk. */
async function undiciClient (spec: PipelinedSpec, tally: Tally): Promise<{ run: Runner, close: () => void }> {
  const { Pool } = await import('undici')
  const url = new URL(spec.url)
  const pool = new Pool(url.origin, { connections: spec.connections, pipelining: spec.pipelining })
  function one (): Promise<void> {
    return new Promise((resolve, reject) => {
      let status = 0
      let body = ''
      pool.dispatch({ origin: url.origin, path: url.pathname, method: 'GET' }, {
        onRequestStart () {},
        onResponseStart (_controller, statusCode) { status = statusCode },
        onResponseData (_controller, chunk) { body += chunk.toString('latin1') },
        onResponseEnd () { count(tally, status, body); resolve() },
        onResponseError (_controller, err) { reject(err) },
      })
    })
  }
  const run: Runner = async (total) => {
    let left = total
    await Promise.all(Array.from({ length: spec.connections * spec.pipelining }, async () => {
      while (left > 0) {
        left--
        await one()
      }
    }))
  }
  return { run, close: () => { void pool.close() } }
}

async function measure (spec: PipelinedSpec): Promise<PipelinedAnswer> {
  const tally: Tally = { ports: new Set(), failed: 0 }
  const client = await (spec.client === 'undici' ? undiciClient : ownClient)(spec, tally)
  await client.run(spec.warmup)
  tally.ports.clear()
  tally.failed = 0
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  await client.run(spec.requests)
  const elapsedMs = performance.now() - t0
  const cpu = process.cpuUsage(cpu0)
  client.close()
  return {
    count: spec.requests, elapsedMs, perSecond: spec.requests / (elapsedMs / 1000), connections: tally.ports.size, failed: tally.failed, pid: process.pid,
    cpuMicrosPerRequest: (cpu.user + cpu.system) / spec.requests,
  }
}

function failure (err: NodeJS.ErrnoException): { error: string } {
  return { error: err.code ?? err.message }
}

async function servePeer (): Promise<void> {
  const echo = net.createServer(echoNoDelay)
  await new Promise<void>((resolve, reject) => echo.once('error', reject).listen({ host: '127.0.0.1', port: 0 }, resolve))
  const { address, port } = echo.address() as net.AddressInfo
  // One measurement at a time, in the order asked: two at once would each measure the other.
  let queue = Promise.resolve()
  process.on('message', function peerOnMessage (spec: PipelinedSpec) {
    queue = queue.then(() => measure(spec).then((answer) => { process.send!(answer) }, (err: NodeJS.ErrnoException) => { process.send!(failure(err)) }))
  })
  const hello: LoopbackPeerHello = { pid: process.pid, echo: { address, port } }
  process.send!(hello)
}

async function main (): Promise<void> {
  if (process.argv[2] === '--peer') return servePeer()
  const answer = await measure(JSON.parse(process.argv[2] ?? '{}') as PipelinedSpec)
  process.send!(answer, () => process.exit(0))
}

process.on('disconnect', () => process.exit(0))
main().catch((err: NodeJS.ErrnoException) => {
  process.send?.(failure(err), () => process.exit(1))
})
