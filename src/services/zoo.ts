/**
 * The zoo: small services that misbehave on purpose, one behaviour each, so you can point your own client at them and
 * compare what it prints. The behaviours are the named handlers of behaviours/misbehave.ts, each usable on its own;
 * `startZoo` puts one of each on its own ephemeral loopback port and reports every connection.
 *
 * Only loopback: 127.0.0.1 (or another 127.x address) and ::1. These services are broken by design and must not be
 * reachable from the network.
 */
import http from 'node:http'
import net from 'node:net'
import type { Socket } from 'node:net'
import type { ConnectionObservation, Family, ServiceKind } from '../core/events.js'
import { familyOf, hostPort, isLoopback } from '../net/address.js'
import { now, since } from '../core/clock.js'
import { freePort } from '../net/free-port.js'
import {
  acceptNeverAnswer, closeBeforeReply, dripResponse, dropWebSocket, flakyHandler, helloHandler, malformedHttp,
  rejectHandshake, resetBeforeReply, truncatedBody,
} from './behaviours/misbehave.js'
import { silent, type Tell, type TellFor } from './behaviours/request.js'
import type { Service } from './types.js'

export type ZooBehaviour =
  | 'refused' | 'hang' | 'close-early' | 'reset' | 'drip' | 'malformed' | 'truncated' | 'flaky' | 'ipv6-only'
  | 'ws-drop' | 'ws-reject'

/** What a zoo service reports about a connection (a `connection` observation without its `kind`). */
export type ZooConnection = Omit<ConnectionObservation, 'kind'>

export interface ZooEntry {
  behaviour: ZooBehaviour
  /** What the service does. */
  does: string
  /** What a client sees: curl's exit code and message, fetch's cause code, a WebSocket close code. */
  symptom: string
  /** The catalogue scenario that explains it (`localhost-lab demo <id>`), or null when none does. */
  scenario: string | null
  /** The `localhost-lab explain` kind of the symptom. */
  kind: string
  address: string
  port: number
  family: Family
  /** Where to point a client. */
  url: string
  /** A command that shows the symptom. */
  try: string
  /** How long the service took to start listening (0 for `refused`). */
  elapsedMs: number
  /** The running service; absent for `refused`, where nothing listens. */
  service?: Service
}

export interface Zoo {
  entries: ZooEntry[]
  /** Behaviours that could not start here, with the reason (e.g. no IPv6 loopback). */
  unavailable: Array<{ behaviour: ZooBehaviour, reason: string }>
  /** Stop reporting, close every service and every connection. Safe to call twice. */
  close (): Promise<void>
}

export interface ZooOptions {
  /** The IPv4 loopback address to bind. Default `127.0.0.1`. Must be loopback (127.0.0.0/8). */
  host?: string
  /** Called for every connection that arrives, every request, every connection that ends. */
  onConnection?: (c: ZooConnection) => void
  /** The drip interval. Default 1000 ms. */
  dripIntervalMs?: number
  /** How long ws-drop keeps a silent client before dropping it. Default 1000 ms. */
  wsDropAfterMs?: number
}

function listen (server: net.Server, host: string, port = 0): Promise<net.AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host, port }, () => {
      server.removeListener('error', reject)
      resolve(server.address() as net.AddressInfo)
    })
  })
}

/** Track one server's connections: report arrival and end, count bytes, close them all on demand. */
function watch (server: net.Server, kind: ServiceKind, name: string, report: (c: ZooConnection) => void): { tellFor: (socket: Socket) => Tell, sockets: Set<Socket> } {
  const sockets = new Set<Socket>()
  const tells = new WeakMap<Socket, Tell>()
  server.on('connection', function zooOnConnection (socket: Socket) {
    const started = now()
    const base = {
      service: kind, name,
      address: socket.localAddress ?? '?', port: socket.localPort ?? 0,
      remoteAddress: socket.remoteAddress ?? '?', remotePort: socket.remotePort ?? 0,
      family: familyOf(socket.localAddress) ?? 'IPv4',
    }
    let closedBy: 'client' | 'server' | undefined
    let code: string | undefined
    sockets.add(socket)
    socket.on('error', (err: NodeJS.ErrnoException) => {
      code ??= err.code
      closedBy ??= 'client'
    })
    // Node has no event that says which side closed first, so wrap the calls that close the socket: if the client's
    // FIN had already arrived when we end or destroy, the client closed first.
    socket.prependOnceListener('end', () => { closedBy ??= 'client' })
    const origEnd = socket.end.bind(socket)
    const origReset = socket.resetAndDestroy.bind(socket)
    const origDestroy = socket.destroy.bind(socket)
    const mark = (): void => { closedBy ??= socket.readableEnded ? 'client' : 'server' }
    socket.end = ((...args: Parameters<Socket['end']>) => { mark(); return origEnd(...args) }) as Socket['end']
    socket.resetAndDestroy = () => { mark(); return origReset() }
    // destroy(err) comes from a socket error (the 'error' listener tells who); a bare destroy() is a decision.
    socket.destroy = ((err?: Error) => { if (err === undefined) mark(); return origDestroy(err) }) as Socket['destroy']
    tells.set(socket, (action, request) => {
      const c: ZooConnection = { ...base, phase: 'request', action }
      if (request !== undefined) c.request = request
      report(c)
    })
    report({ ...base, phase: 'arrived' })
    socket.once('close', () => {
      sockets.delete(socket)
      const c: ZooConnection = { ...base, phase: 'ended', durationMs: since(started), bytesIn: socket.bytesRead, bytesOut: socket.bytesWritten }
      if (closedBy !== undefined) c.closedBy = closedBy
      if (code !== undefined) c.code = code
      report(c)
    })
  })
  return { sockets, tellFor: (socket) => tells.get(socket) ?? (() => {}) }
}

function asService (kind: ServiceKind, name: string, a: net.AddressInfo, scheme: string, stop: () => Promise<void>): Service {
  return { kind, name, address: a.address, port: a.port, family: familyOf(a.address) ?? 'IPv4', url: `${scheme}://${hostPort(a.address, a.port)}`, close: stop }
}

function closer (server: net.Server, sockets: Set<Socket>, extra?: () => void): () => Promise<void> {
  let closing: Promise<void> | undefined
  return () => closing ??= new Promise<void>((resolve) => {
    extra?.()
    for (const s of sockets) s.destroy()
    server.close(() => resolve())
  })
}

/** Start one service per behaviour on ephemeral loopback ports. */
export async function startZoo (opts: ZooOptions = {}): Promise<Zoo> {
  const host = opts.host ?? '127.0.0.1'
  if (!isLoopback(host, 'IPv4')) throw new Error(`the zoo binds loopback only (127.0.0.0/8), not ${host}`)
  let stopped = false
  const report = (c: ZooConnection): void => { if (!stopped) opts.onConnection?.(c) }
  const entries: ZooEntry[] = []
  const unavailable: Zoo['unavailable'] = []
  const closers: Array<() => Promise<void> | void> = []

  async function raw (behaviour: ZooBehaviour, handle: (socket: Socket, tell: Tell) => void): Promise<Service> {
    const server = net.createServer()
    const { sockets, tellFor } = watch(server, 'tcp', behaviour, report)
    server.on('connection', (socket: Socket) => handle(socket, tellFor(socket)))
    const a = await listen(server, host)
    const stop = closer(server, sockets)
    closers.push(stop)
    return asService('tcp', behaviour, a, 'http', stop)
  }

  async function httpService (behaviour: ZooBehaviour, kind: ServiceKind, bindHost: string, setup: (server: http.Server, tellFor: (s: Socket) => Tell) => (() => void) | void, port = 0): Promise<Service> {
    const server = http.createServer()
    const { sockets, tellFor } = watch(server, kind, behaviour, report)
    const extra = setup(server, tellFor) ?? undefined
    const a = await listen(server, bindHost, port)
    const stop = closer(server, sockets, extra)
    closers.push(stop)
    return asService(kind, behaviour, a, kind === 'ws' ? 'ws' : 'http', stop)
  }

  let t0 = now()
  function add (e: Omit<ZooEntry, 'address' | 'port' | 'family' | 'url' | 'elapsedMs'> & { url?: string }, s: { address: string, port: number, family: Family }): void {
    entries.push({ ...e, address: s.address, port: s.port, family: s.family, url: e.url ?? `http://${hostPort(s.address, s.port)}/`, elapsedMs: e.service ? since(t0) : 0 })
    t0 = now()
  }

  try {
    const refusedPort = await freePort({ host })
    const refusedAt = { address: host, port: refusedPort, family: 'IPv4' as const }
    add({ behaviour: 'refused', does: 'nothing listens (a port found free a moment ago)', symptom: 'curl (7) Couldn\'t connect; fetch cause ECONNREFUSED, at once', scenario: 'refused', kind: 'refused', try: `curl -sS http://${hostPort(host, refusedPort)}/` }, refusedAt)

    const hang = await raw('hang', (s, tell) => acceptNeverAnswer(s, tell))
    add({ behaviour: 'hang', does: 'accepts the connection, never answers', symptom: 'curl --max-time (28) 0 bytes received; fetch waits for your timeout (TimeoutError)', scenario: 'hung', kind: 'timeout', try: `curl -sS --max-time 2 ${hang.url}/`, service: hang }, hang)

    const early = await raw('close-early', (s, tell) => closeBeforeReply(s, tell))
    add({ behaviour: 'close-early', does: 'reads the request, closes (FIN) without a reply', symptom: 'curl (52) Empty reply from server; fetch cause UND_ERR_SOCKET "other side closed"; Node http "socket hang up"', scenario: 'crash', kind: 'hang-up', try: `curl -sS ${early.url}/`, service: early }, early)

    const reset = await raw('reset', (s, tell) => resetBeforeReply(s, tell))
    add({ behaviour: 'reset', does: 'reads the request, answers with a TCP reset (RST)', symptom: 'curl (56) Connection reset by peer; fetch cause ECONNRESET', scenario: 'crash', kind: 'reset', try: `curl -sS ${reset.url}/`, service: reset }, reset)

    const dripMs = opts.dripIntervalMs ?? 1000
    const drip = await raw('drip', (s, tell) => dripResponse(s, tell, dripMs))
    add({ behaviour: 'drip', does: `200 and headers at once, then the body one byte every ${dripMs} ms`, symptom: 'curl --max-time (28) with some bytes received; fetch resolves, then res.text() waits for your timeout', scenario: 'hung', kind: 'timeout', try: `curl -sS --max-time 3 ${drip.url}/`, service: drip }, drip)

    const bad = await raw('malformed', (s, tell) => malformedHttp(s, tell))
    add({ behaviour: 'malformed', does: 'answers HTTP with a header line that has no colon', symptom: 'curl (8) Header without colon; fetch cause HPE_INVALID_HEADER_TOKEN', scenario: null, kind: 'protocol-mismatch', try: `curl -sS ${bad.url}/`, service: bad }, bad)

    const cut = await raw('truncated', (s, tell) => truncatedBody(s, tell))
    add({ behaviour: 'truncated', does: 'promises Content-Length 100, sends 10 bytes, closes', symptom: 'curl (18) transfer closed with 90 bytes remaining; fetch: 200, then res.text() throws "terminated"', scenario: 'crash', kind: 'hang-up', try: `curl -sS ${cut.url}/`, service: cut }, cut)

    const flaky = await httpService('flaky', 'http', host, (server, tellFor) => {
      server.on('request', flakyHandler(2, tellFor))
    })
    add({ behaviour: 'flaky', does: '503 twice, then 200, per client address (Retry-After: 1)', symptom: 'curl -f (22) twice, then 200; fetch res.status 503, 503, 200', scenario: 'startup-race', kind: 'not-ready', try: `for i in 1 2 3; do curl -s -o /dev/null -w '%{http_code}\\n' ${flaky.url}/; done`, service: flaky }, flaky)

    try {
      const v6 = await ipv6Only(host, (port) => httpService('ipv6-only', 'http', '::1', (server, tellFor) => {
        server.on('request', helloHandler(tellFor))
      }, port))
      add({ behaviour: 'ipv6-only', does: `a healthy HTTP service on ::1 only (${hostPort(host, v6.port)} was free a moment ago)`, symptom: `http://[::1]:${v6.port} answers 200; ${hostPort(host, v6.port)} is refused (curl 7, ECONNREFUSED)`, scenario: 'localhost-ipv6', kind: 'localhost-ipv6', try: `curl -sS http://${hostPort(host, v6.port)}/; curl -sS ${v6.url}/`, service: v6 }, v6)
    } catch (err) {
      unavailable.push({ behaviour: 'ipv6-only', reason: `::1 is not available here (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})` })
    }

    const dropAfter = opts.wsDropAfterMs ?? 1000
    let wsTellFor: TellFor = silent
    const drop = await dropWebSocket((socket) => wsTellFor(socket), dropAfter)
    const wsDrop = await httpService('ws-drop', 'ws', host, (server, tellFor) => {
      wsTellFor = tellFor
      server.on('request', drop.request)
      server.on('upgrade', drop.upgrade)
      return drop.close
    })
    add({ behaviour: 'ws-drop', does: `WebSocket: accepts, greets, drops without a close frame (first message or ${dropAfter} ms)`, symptom: 'ws / browser: close code 1006; plain HTTP: 426', scenario: 'crash', kind: 'websocket-abnormal-close', url: `${wsDrop.url}/`, try: `node -e "const w=new WebSocket('${wsDrop.url}/');w.onclose=e=>console.log('close',e.code)"  (Node 22+)`, service: wsDrop }, wsDrop)

    const wsReject = await httpService('ws-reject', 'ws', host, (server, tellFor) => {
      const h = rejectHandshake(tellFor)
      server.on('request', h.request)
      server.on('upgrade', h.upgrade)
    })
    add({ behaviour: 'ws-reject', does: 'WebSocket handshake answered 404 (any path) or 400 (/ws)', symptom: 'ws: Unexpected server response: 404 / 400; browser: WebSocket connection failed', scenario: null, kind: 'websocket-handshake', url: `${wsReject.url}/ws`, try: `curl -si -H 'Connection: Upgrade' -H 'Upgrade: websocket' -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' http://${hostPort(wsReject.address, wsReject.port)}/ws`, service: wsReject }, wsReject)
  } catch (err) {
    stopped = true
    await Promise.all(closers.map((c) => c()))
    throw err
  }

  return {
    entries,
    unavailable,
    async close () {
      stopped = true
      await Promise.all(closers.map((c) => c()))
    },
  }
}

/** Listen on ::1 at a port that is also free on the IPv4 host, so the IPv4 side refuses rather than reaching someone. */
async function ipv6Only (host: string, start: (port: number) => Promise<Service>): Promise<Service> {
  let lastErr: unknown
  for (let i = 0; i < 10; i++) {
    const port = await freePort({ host: ['::1', host] })
    try {
      return await start(port)
    } catch (err) {
      lastErr = err
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err
    }
  }
  throw lastErr
}
