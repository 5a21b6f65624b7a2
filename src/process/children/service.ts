/**
 * A small service in a process of its own: HTTP (optionally with WebSocket upgrades on the same port) and raw TCP
 * listeners, on port 0 unless told otherwise, reported to the parent in its hello. Started by `startChildService()`
 * or `spawnHttpProcess()` (through `startProgram`, which the lab owns); a scenario can then kill it, stop it or resume
 * it like any real process. A listen that fails is reported (`listen-failed`, with Node's code and syscall), not thrown.
 *
 * Usage: LOCALHOST_LAB_SPEC='<ChildServiceSpec as JSON>' node service.js [label]   (with an IPC channel)
 */
import http from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { familyOf } from '../../net/address.js'
import { holdResponse, misbehaviours } from '../../services/behaviours/misbehave.js'
import { echoNoDelay } from '../../measure/tcp.js'
import { startTcp } from '../../services/tcp.js'
import { leaveWithParent, programSpec, sayHello, sayListenFailed, type ChildListener, type ChildMessage, type ChildServiceSpec } from './protocol.js'

function tell (message: ChildMessage): void {
  process.send?.(message)
}

function httpOnRequest (req: http.IncomingMessage, res: http.ServerResponse): void {
  req.resume()
  res.setHeader('content-type', 'application/json')
  res.end(JSON.stringify({ ok: true, pid: process.pid }))
}

async function serveHttp (spec: NonNullable<ChildServiceSpec['http']>, host: string, port: number, backlog: number | undefined): Promise<ChildListener> {
  const hold = spec.respond === 'hold'
  const server = http.createServer(hold
    ? holdResponse((req) => tell({ type: 'in-flight', listener: 'http', kind: 'http', remotePort: req.socket.remotePort! }))
    : httpOnRequest)
  if (spec.websocket) {
    const { WebSocketServer } = await import('ws')
    const wss = new WebSocketServer({ server })
    wss.on('error', () => {})
    wss.on('connection', function wssOnConnection (ws, req) {
      ws.on('error', () => {})
      if (hold) ws.once('message', () => tell({ type: 'in-flight', listener: 'http', kind: 'ws', remotePort: req.socket.remotePort! }))
      else ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))
    })
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host, port, backlog }, () => resolve())
  })
  const a = server.address() as AddressInfo
  return { name: 'http', kind: 'http', address: a.address, port: a.port, family: familyOf(a.address) ?? 'IPv4' }
}

async function serveTcp (entry: NonNullable<ChildServiceSpec['tcp']>[number], host: string, backlog: number | undefined): Promise<ChildListener> {
  const behave = entry.behaviour === 'echo' ? echoNoDelay : misbehaviours[entry.behaviour]
  const paused = entry.pauseOnConnect ?? false
  const service = await startTcp({
    host,
    name: entry.name,
    backlog,
    pauseOnConnect: paused,
    onConnection (socket: Socket) {
      // The behaviour first: what it writes on the first bytes (a drip's headers) is in the kernel before the parent
      // hears of them, so a parent that kills us on that report still leaves the client those bytes.
      behave(socket)
      // A paused socket must stay unread, so report the connection itself; otherwise report the bytes read.
      if (paused) tell({ type: 'in-flight', listener: entry.name, kind: 'tcp', remotePort: socket.remotePort! })
      else socket.once('data', (d: Buffer) => tell({ type: 'in-flight', listener: entry.name, kind: 'tcp', bytes: d.length, remotePort: socket.remotePort! }))
    },
  })
  return { name: entry.name, kind: 'tcp', address: service.address, port: service.port, family: service.family }
}

async function main (): Promise<void> {
  const spec = programSpec('service', {})
  leaveWithParent()
  const host = spec.host ?? '127.0.0.1'
  const listeners: ChildListener[] = []
  if (spec.http) {
    const port = spec.port ?? 0
    try {
      listeners.push(await serveHttp(spec.http, host, port, spec.backlog))
    } catch (err) {
      sayListenFailed(err as NodeJS.ErrnoException, { host, port })
      return
    }
  }
  for (const entry of spec.tcp ?? []) {
    try {
      listeners.push(await serveTcp(entry, host, spec.backlog))
    } catch (err) {
      sayListenFailed(err as NodeJS.ErrnoException, { host, port: 0 })
      return
    }
  }
  sayHello('service', { type: 'hello', pid: process.pid, listeners })
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`)
  process.exit(1)
})
