import t from 'tap'
import { readFile } from 'node:fs/promises'
import ephemeral, { plan } from '../demos/ephemeral.js'
import { parseProcNetDev } from '../src/measure/interface-counters.js'
import { parseLinuxRange } from '../src/net/ephemeral-range.js'
import type { LabEvent } from '../src/core/events.js'
import { collect, isLinux, liveNetHandles, ofKind, ourSockets } from './helpers.js'
import { runTaking } from './port-holder.js'

t.test('ephemeral: ports come from the OS range, clients get their own, closed ports refuse', async (t) => {
  const run = await collect(ephemeral)
  t.equal(run.done.type, 'done')
  t.equal(run.done.ok, true, 'the scenario reproduced what it promised')
  t.ok(run.done.observed.includes('ECONNREFUSED'))

  const listening = run.observations.flatMap((o) => o.kind === 'listening' ? [o] : [])
  t.ok(listening.length >= 4, 'http, ws, tcp and a restart were all listening')
  for (const l of listening) {
    t.equal(l.address, '127.0.0.1', `${l.name} bound loopback only`)
    t.equal(l.family, 'IPv4')
    t.ok(l.port > 0 && l.port < 65536)
  }

  if (isLinux) {
    const range = parseLinuxRange(await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'))!
    const fact = run.observations.find((o) => o.kind === 'fact' && o.key === 'ephemeral-range')
    t.same(fact && fact.kind === 'fact' && fact.value, { first: range.first, last: range.last }, 'the range in the events is the one the OS reports')
    // Port-0 listeners (everything but the get-port one, which get-port chose the same way) lie in that range.
    for (const l of listening) t.ok(l.port >= range.first && l.port <= range.last, `${l.name} port ${l.port} in ${range.first}-${range.last}`)
  }

  const tcpConn = run.attempts.find((a) => a.client === 'tcp' && a.ok)!
  t.ok(tcpConn, 'a TCP connection was made')
  t.not(tcpConn.localPort, tcpConn.remotePort, 'the client port differs from the server port')
  t.equal(tcpConn.localAddress, '127.0.0.1')
  t.match(run.narration, `127.0.0.1:${tcpConn.localPort} → 127.0.0.1:${tcpConn.remotePort}`, 'the narration quotes the measured 4-tuple')

  const http = run.attempts.find((a) => a.client === 'http')!
  t.equal(http.status, 200, 'the HTTP round trip happened')
  const served = JSON.parse(http.body!) as { client: { port: number }, server: { port: number } }
  t.not(served.client.port, served.server.port)
  t.match(run.narration, `127.0.0.1:${served.client.port}`)

  const ws = run.attempts.find((a) => a.client === 'ws')!
  t.equal(ws.ok, true)
  t.equal(ws.body, 'hello over loopback', 'the WebSocket echo came back')
  t.equal(ws.closeCode, 1000)
  t.type(ws.timings?.roundTripMs, 'number')

  const clash = run.observations.find((o) => o.kind === 'listen-error')
  t.equal(clash?.kind === 'listen-error' && clash.code, 'EADDRINUSE', 'a fixed, busy port fails with EADDRINUSE')

  const refused = run.attempts.filter((a) => a.code === 'ECONNREFUSED')
  t.equal(refused.length, 4, 'every closed port refused')
  for (const r of refused) {
    t.equal(r.syscall, 'connect')
    t.equal(r.family, 'IPv4')
    t.equal(r.address, '127.0.0.1')
  }
  const closed = run.observations.flatMap((o) => o.kind === 'closed' ? [o.port] : [])
  for (const r of refused) t.ok(closed.includes(r.port!), `refused port ${r.port} is one we had closed`)

  t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})

t.test('the events are in story order: start, steps, done last', async (t) => {
  const run = await collect(ephemeral)
  t.equal(run.events[0]!.type, 'start')
  t.equal(run.events.at(-1)!.type, 'done')
  const steps = run.events.flatMap((e) => e.type === 'step' ? [e.n] : [])
  t.same(steps, steps.map((_, i) => i + 1), 'steps are numbered 1..n')
  const times = run.events.map((e) => e.t)
  t.same(times, [...times].sort((a, b) => a - b), 'timestamps never go backwards')
  for (const e of run.events) t.equal(e.scenario, 'ephemeral')
})

t.test('ephemeral counts the bytes: lo carried the echoed data both ways, no other interface did', { skip: !isLinux && '/proc/net/dev is Linux' }, async (t) => {
  // Our own reading of the kernel's counters around the whole run, independent of the lesson's.
  const interfacesNow = async () => parseProcNetDev(await readFile('/proc/net/dev', 'utf8'))
  const loNow = async (): Promise<{ rxBytes: number, txBytes: number }> => (await interfacesNow()).find((i) => i.name === 'lo')!
  const namesBefore = (await interfacesNow()).map((i) => i.name)
  const before = await loNow()
  const run = await collect(ephemeral)
  const after = await loNow()
  const namesAfter = (await interfacesNow()).map((i) => i.name)
  t.equal(run.done.ok, true, run.done.error?.message ?? 'reproduced')
  t.ok(after.txBytes - before.txBytes >= 2 * plan.counterBytes, `lo sent ${after.txBytes - before.txBytes} bytes during the run: at least the ${plan.counterBytes} echoed there and back`)
  t.ok(after.rxBytes - before.rxBytes >= 2 * plan.counterBytes, 'and received as many')

  const fact = run.observations.find((o) => o.kind === 'fact' && o.key === 'interface-counters')
  if (fact?.kind !== 'fact') return t.fail('the lesson reported no interface counters')
  const value = fact.value as { echoedBytes: number, windowMs: number, interfaces: Array<{ name: string, loopback: boolean, rxBytes: number, txBytes: number }> }
  t.equal(fact.source, '/proc/net/dev', 'with their source')
  t.equal(value.echoedBytes, plan.counterBytes, 'the whole 10 MiB came back')
  t.ok(value.windowMs > 0)
  const lo = value.interfaces.find((i) => i.loopback)!
  t.equal(lo.name, 'lo')
  t.ok(lo.txBytes >= 2 * plan.counterBytes && lo.rxBytes >= 2 * plan.counterBytes, 'the lesson saw lo move at least the bytes, both counters')
  t.ok(lo.txBytes <= after.txBytes - before.txBytes, 'no more than lo moved in the whole run')
  // Other tests make and remove interfaces meanwhile (a container's bridge and veth): those there all along must be in it.
  const stable = namesBefore.filter((n) => namesAfter.includes(n)).sort()
  const inFact = value.interfaces.map((i) => i.name)
  t.same(stable.filter((n) => !inFact.includes(n)), [], `every interface of this namespace that was there throughout is in the fact (${stable.join(', ')})`)
  for (const o of value.interfaces.filter((i) => !i.loopback)) t.ok(o.txBytes < plan.counterBytes && o.rxBytes < plan.counterBytes, `${o.name} did not carry our bytes`)
})

/**
 * A busy machine hands a port we just closed to another program before we knock on it: a second Node process listens
 * on the WebSocket service's old port in the gate before the knocking step. The lesson must say so, record it, knock
 * on a port it opens and closes itself instead, and never narrate the other program's door as a refusal.
 */
t.test('ephemeral when another process takes a closed port before the knock', async (t) => {
  const closedWs = (events: readonly LabEvent[]): number | undefined => events.flatMap((e) => e.type === 'observe' && e.kind === 'closed' && e.name === 'WebSocket service (ws)' ? [e.port] : []).at(-1)
  const { run, held: wsPort, after } = await runTaking(ephemeral, (_, title) => title.startsWith('Knock on the closed ports'), closedWs)
  const done = run.done
  t.equal(done.ok, true, done.error?.message ?? `missing ${done.missing.join(', ')}`)
  const taken = ofKind(run, 'fact').filter((f) => f.key === 'port-taken')
  t.same(taken.map((f) => f.value), [{ port: wsPort, address: '127.0.0.1', what: 'our tcp connect was accepted there', retake: 1 }], 'one port taken, named with what happened there')
  const knockStep = run.events.find((e) => e.type === 'step' && e.title.startsWith('Knock on the closed ports'))!
  const knocks = run.events.slice(run.events.indexOf(knockStep)).flatMap((e) => e.type === 'observe' && e.kind === 'attempt' ? [e.outcome] : [])
  t.match(knocks[0], { client: 'tcp', ok: true, target: { port: wsPort } }, 'the first knock really reached the other process')
  const stand = run.events.slice(run.events.indexOf(knockStep)).flatMap((e) => e.type === 'observe' && e.kind === 'closed' && e.name === 'TCP service, opened to be closed' ? [e.port] : [])
  t.equal(stand.length, 1, 'one port opened and closed to knock on instead')
  t.match(knocks[1], { client: 'tcp', code: 'ECONNREFUSED', syscall: 'connect', target: { port: stand[0] } }, 'and that knock was really refused')
  t.equal(knocks.filter((o) => o.code === 'ECONNREFUSED').length, 4, 'four refusals, none of them on the taken port')
  t.notOk(knocks.some((o) => o.code === 'ECONNREFUSED' && o.target.port === wsPort))
  const line = `Port ${wsPort} was ours until a moment ago, but another program took it on 127.0.0.1 meanwhile (our tcp connect was accepted there): that door is someone else's. We opened port ${stand[0]}, closed it, and knocked there instead.`
  t.match(run.narration, line)
  t.notMatch(after(line), new RegExp(`\\b${wsPort}\\b`), 'after the retake, nothing is narrated on the taken port')
  t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})
