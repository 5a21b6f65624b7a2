/**
 * The agent: a small Node program the lab starts inside one of its namespaces (`startProgram(lab, 'agent', { netns })`,
 * i.e. `ip netns exec <ns> node …/children/agent.js`), because the lab's own process never leaves the machine's
 * namespace. It listens, connects and reads /proc/net/tcp where it stands, and answers over IPC (../../netns/protocol.ts).
 * It exits when the lab goes away (the IPC channel closes).
 */
import dns from 'node:dns'
import { readFileSync } from 'node:fs'
import type { Socket } from 'node:net'
import { httpRequest, tcpConnect } from '../../clients/attempt.js'
import { tcpExchange } from '../../clients/exchange.js'
import { readProcNetTcp } from '../../diagnose/ports/proc-net.js'
import type { Outcome } from '../../core/events.js'
import { startForwarder, type ForwarderService } from '../../services/forwarder.js'
import { startHttp } from '../../services/http.js'
import { startTcp } from '../../services/tcp.js'
import type { Service } from '../../services/types.js'
import { unwrapError } from '../../net/unwrap-error.js'
import { familyOf } from '../../net/address.js'
import { now, since } from '../../core/clock.js'
import { curlHere } from '../../netns/curl.js'
import { startDnsServer, type DnsServer } from '../../services/dns.js'
import type { ListenReply, Ops, OpName, Reply, Request } from '../../netns/protocol.js'
import { leaveWithParent, programSpec, sayHello } from './protocol.js'

const services = new Map<number, Service>()
const held = new Set<Socket>()
let dnsServer: DnsServer | undefined
let nextId = 0

function listenFailed (err: unknown, host: string, port: number): ListenReply {
  const e = unwrapError(err)
  const reply: ListenReply = { ok: false, address: e.address ?? host, port: e.port ?? port, message: e.message }
  if (e.code !== undefined) reply.code = e.code
  if (e.syscall !== undefined) reply.syscall = e.syscall
  return reply
}

function keep (service: Service): ListenReply {
  nextId += 1
  services.set(nextId, service)
  return { ok: true, id: nextId, address: service.address, port: service.port, family: service.family }
}

function strip (outcome: Outcome & { socket?: Socket }): Outcome {
  // The socket is a non-enumerable live object: spreading leaves it behind.
  return { ...outcome }
}

const ops: { [K in OpName]: (args: Ops[K]['args']) => Promise<Ops[K]['reply']> } = {
  async listen ({ kind, host, port, name }) {
    try {
      return keep(kind === 'http' ? await startHttp({ host, port, name }) : await startTcp({ host, port, name }))
    } catch (err) {
      return listenFailed(err, host, port)
    }
  },
  async forward ({ host, port, target, name }) {
    try {
      return keep(await startForwarder({ host, port, target, name }))
    } catch (err) {
      return listenFailed(err, host, port)
    }
  },
  async close ({ id }) {
    await services.get(id)?.close()
    services.delete(id)
    return null
  },
  async failures ({ id }) {
    return (services.get(id) as ForwarderService | undefined)?.failures ?? []
  },
  async connect ({ host, port, keepOpen, timeoutMs, family }) {
    const outcome = await tcpConnect({ host, port, keepOpen: keepOpen ?? false, timeoutMs: timeoutMs ?? 2000, ...(family !== undefined && { family }) })
    if (outcome.socket) hold(outcome.socket)
    return strip(outcome)
  },
  async fetch ({ url, timeoutMs }) {
    return httpRequest(url, { timeoutMs: timeoutMs ?? 3000 })
  },
  async exchange (args) {
    return tcpExchange(args)
  },
  async exhaust ({ host, port, max }) {
    const outcomes: Outcome[] = []
    for (let i = 0; i < max; i++) {
      const outcome = await tcpConnect({ host, port, keepOpen: true })
      if (outcome.socket) hold(outcome.socket)
      outcomes.push(strip(outcome))
      if (!outcome.ok) break
    }
    return outcomes
  },
  async release () {
    // end(), not destroy(): a polite close (FIN first), so this side is the one that goes through TIME_WAIT.
    const closing = [...held].map((s) => new Promise<void>((resolve) => {
      s.once('close', () => resolve())
      s.end()
    }))
    await Promise.all(closing)
    return { closed: closing.length }
  },
  async sockets () {
    return readProcNetTcp()
  },
  async lookup ({ name, family }) {
    const t0 = now()
    try {
      const all = await dns.promises.lookup(name, { all: true, ...(family !== undefined && { family }) })
      return { ok: true, addresses: all.map((a) => ({ address: a.address, family: familyOf(a.address) ?? (a.family === 6 ? 'IPv6' : 'IPv4') })), elapsedMs: since(t0) }
    } catch (err) {
      const e = unwrapError(err)
      return { ok: false, message: e.message, elapsedMs: since(t0), ...(e.code !== undefined && { code: e.code }), ...(e.syscall !== undefined && { syscall: e.syscall }) }
    }
  },
  async dnsServe ({ names }) {
    await dnsServer?.close()
    dnsServer = undefined
    try {
      dnsServer = await startDnsServer({ names })
      return { ok: true, address: dnsServer.address, port: dnsServer.port }
    } catch (err) {
      const e = unwrapError(err)
      return { ok: false, message: e.message, ...(e.code !== undefined && { code: e.code }) }
    }
  },
  async dnsStop () {
    await dnsServer?.close()
    dnsServer = undefined
    return null
  },
  async dnsQuestions () {
    return dnsServer?.takeQuestions() ?? []
  },
  async curl ({ url }) {
    return await curlHere(url) ?? null
  },
}

function hold (socket: Socket): void {
  held.add(socket)
  socket.on('error', () => {})
  socket.once('close', () => held.delete(socket))
}

function capEff (): string {
  try {
    return /^CapEff:\s*([0-9a-f]+)/m.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? ''
  } catch {
    return ''
  }
}

function send (message: Reply): void {
  process.send?.(message)
}

programSpec('agent', undefined)
process.on('message', function agentOnMessage (req: Request) {
  const op = ops[req.op] as (args: unknown) => Promise<unknown>
  Promise.resolve()
    .then(() => op(req.args))
    .then((value) => send({ id: req.id, ok: true, value }), (err: unknown) => send({ id: req.id, ok: false, error: err instanceof Error ? err.message : String(err) }))
})
leaveWithParent()
sayHello('agent', { type: 'hello', pid: process.pid, listeners: [], uid: process.getuid?.() ?? -1, capEff: capEff() })
