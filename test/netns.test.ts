import t, { type Test } from 'tap'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import containerLocalhost from '../demos/container-localhost.js'
import portExhaustion from '../demos/port-exhaustion.js'
import privilegedPort from '../demos/privileged-port.js'
import wrongInterface from '../demos/wrong-interface.js'
import type { LabEvent, ListenErrorObservation, ListeningObservation, Outcome } from '../src/core/events.js'
import { namespacesUnavailable } from '../src/netns/detect.js'
import type { Scenario } from '../src/core/lab.js'
import { runScenario } from '../src/core/run.js'
import { collect, isLinux, liveNetHandles, ourSockets, summarize, type Run } from './helpers.js'
import { ourChildren, ourNamespaces, unreadableFor } from './netns-helpers.js'

const unavailable = isLinux ? await namespacesUnavailable(['setpriv']) : 'not Linux'
const skip = unavailable === undefined ? false : `network namespaces unavailable: ${unavailable}`
// privileged-port runs an agent as uid 65534, from these sources: that user must be able to read them.
const agentFiles = [fileURLToPath(new URL('../src/process/children/agent.ts', import.meta.url)), fileURLToPath(import.meta.resolve('tsx'))]
const unreadable = skip === false ? await unreadableFor(65534, agentFiles) : undefined

/** Run a scenario and prove it left nothing behind: no namespace, no child process, no listener, no handle. */
async function runClean (t: Test, scenario: Scenario): Promise<Run> {
  // container-localhost would take a real engine where there is one; this file is about the namespace version.
  const run = await collect(scenario, { options: { engine: 'netns' } })
  t.equal(run.done.ok, true, run.done.error?.message ?? `missing ${run.done.missing.join(', ')}`)
  t.equal(run.done.skipped, undefined, 'it ran, it did not skip')
  t.same(await ourNamespaces(), [], 'no network namespace of ours is left (ip netns list)')
  t.same(await ourChildren(), [], 'no child process of ours is running')
  t.same(await ourSockets('LISTEN'), [], 'nothing of ours listens in the machine\'s namespace')
  t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
  return run
}

const attemptsFrom = (run: Run, netns: string): Outcome[] => run.attempts.filter((a) => a.netns === netns)
const listening = (run: Run): ListeningObservation[] => run.observations.flatMap((o) => o.kind === 'listening' ? [o] : [])

t.test('container-localhost: refused from the host, hung up through the published port, fixed by 0.0.0.0', { skip }, async (t) => {
  const run = await runClean(t, containerLocalhost)
  t.ok(run.done.observed.includes('ECONNREFUSED') && run.done.observed.includes('EOF'))

  const app = listening(run).find((l) => l.netns === 'container' && l.address === '127.0.0.1')!
  t.ok(app, 'the app listened on the container\'s 127.0.0.1')
  const [inside] = attemptsFrom(run, 'container')
  t.equal(inside!.status, 200, 'inside the container, the app answers')

  const host = attemptsFrom(run, 'host')
  const direct = host[0]!
  t.match(direct, { code: 'ECONNREFUSED', syscall: 'connect', address: '198.18.0.2', port: app.port, family: 'IPv4' }, 'from the host, the container address refuses')

  const published = listening(run).find((l) => l.netns === 'host' && l.address === '0.0.0.0' && l.port !== 5432)!
  t.ok(published, 'the forwarder listened on the host namespace (0.0.0.0 there, never in the machine\'s)')
  const viaFetch = host[1]!
  t.equal(viaFetch.client, 'http')
  t.equal(viaFetch.port, published.port)
  t.ok(viaFetch.code === 'ECONNRESET' || viaFetch.code === 'UND_ERR_SOCKET', `fetch through the published port: reset or closed (got ${viaFetch.code})`)
  const viaSilent = host[2]!
  t.match(viaSilent, { client: 'tcp', code: 'EOF', syscall: 'read' }, 'a client that sends nothing sees EOF')
  t.equal(viaSilent.remotePort, published.port, 'the connection itself was accepted by the forwarder')
  const fixed = host[3]!
  t.equal(fixed.status, 200, 'after binding 0.0.0.0 in the container, the published port answers')

  const container = attemptsFrom(run, 'container')
  t.match(container[1], { target: { host: 'localhost', port: 5432 }, code: 'ECONNREFUSED' }, 'localhost:5432 in the container is refused')
  t.match(container[2], { ok: true, remoteAddress: '198.18.0.1', remotePort: 5432 }, 'the host address on the cable reaches the database')
})

t.test('wrong-interface: 127.0.0.1, the cable address and 0.0.0.0 each decide who can connect', { skip }, async (t) => {
  const run = await runClean(t, wrongInterface)
  const binds = listening(run).map((l) => l.address)
  t.same(binds, ['127.0.0.1', '198.18.0.1', '0.0.0.0'], 'bound three times, in that order')
  const ports = new Set(listening(run).map((l) => l.port))
  t.equal(ports.size, 1, 'the same port each time: only the address changes')
  const result = (a: Outcome): string => a.ok ? String(a.status) : a.code!
  t.same(attemptsFrom(run, 'server').map(result), ['200', 'ECONNREFUSED', '200'], 'from the server itself, via 127.0.0.1')
  t.same(attemptsFrom(run, 'neighbour').map(result), ['ECONNREFUSED', '200', '200'], 'from the neighbour, via the cable')
  for (const a of run.attempts.filter((x) => x.code === 'ECONNREFUSED')) t.match(a, { syscall: 'connect', family: 'IPv4' })
  const seen = JSON.parse(attemptsFrom(run, 'neighbour')[2]!.body!) as { client: { address: string } }
  t.equal(seen.client.address, '198.18.0.2', 'on 0.0.0.0 the server saw the neighbour\'s address')
  const foreign = run.observations.find((o): o is typeof o & ListenErrorObservation => o.kind === 'listen-error')!
  t.match(foreign, { code: 'EADDRNOTAVAIL', syscall: 'listen', address: '198.18.0.2', netns: 'server' }, 'the neighbour\'s address cannot be bound on the server')
  t.ok(run.done.observed.includes('EADDRNOTAVAIL'))
})

t.test('privileged-port: EACCES for uid 65534 on port 80, then three fixes, the machine untouched', { skip: skip || (unreadable ?? false) }, async (t) => {
  const before = await readFile('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8')
  const run = await runClean(t, privilegedPort)
  const denied = run.observations.find((o): o is typeof o & ListenErrorObservation => o.kind === 'listen-error')!
  t.match(denied, { code: 'EACCES', syscall: 'listen', address: '127.0.0.1', port: 80, netns: 'box' })
  t.equal(denied.message, 'listen EACCES: permission denied 127.0.0.1:80', 'exactly what Node prints')
  const on80 = listening(run).filter((l) => l.port === 80)
  t.equal(on80.length, 3, 'port 80 was then taken by the proxy, by the capable app and after the sysctl')
  const facts = run.observations.flatMap((o) => o.kind === 'fact' && o.key === 'unprivileged-port-start' ? [o.value] : [])
  t.same(facts, [1024, 80], 'the namespace started at the kernel default and was lowered to 80')
  t.equal(await readFile('/proc/sys/net/ipv4/ip_unprivileged_port_start', 'utf8'), before, 'the machine\'s own setting is unchanged')
})

t.test('port-exhaustion: EADDRNOTAVAIL after exactly the narrowed range, TIME_WAIT holds the ports', { skip }, async (t) => {
  const before = await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8')
  const run = await runClean(t, portExhaustion)
  const ranges = run.observations.flatMap((o) => o.kind === 'fact' && o.key === 'ephemeral-range' ? [o.value as { first: number, last: number }] : [])
  const narrow = ranges[1]!
  const size = narrow.last - narrow.first + 1
  const attempts = attemptsFrom(run, 'box').filter((a) => a.client === 'tcp')
  const firstFailure = attempts.findIndex((a) => !a.ok)
  t.equal(firstFailure, size, `the first ${size} connections worked`)
  for (const a of attempts.slice(0, size)) t.ok(a.localPort! >= narrow.first && a.localPort! <= narrow.last, `client port ${a.localPort} is from the narrowed range`)
  t.match(attempts[firstFailure], { code: 'EADDRNOTAVAIL', syscall: 'connect', address: '127.0.0.1', family: 'IPv4' })
  const timeWait = run.observations.find((o) => o.kind === 'fact' && o.key === 'time-wait')
  t.ok(timeWait && timeWait.kind === 'fact' && Array.isArray(timeWait.value) && timeWait.value.length > 0, 'closed connections were found in TIME_WAIT')
  const keepAlive = attemptsFrom(run, 'box').filter((a) => a.client === 'http')
  t.ok(keepAlive.length > size && keepAlive.every((a) => a.ok), 'more requests than ports, all answered')
  t.equal(new Set(keepAlive.map((a) => (JSON.parse(a.body!) as { client: { port: number } }).client.port)).size, 1, 'over one connection')
  t.equal(await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'), before, 'the machine\'s own range is unchanged')
})

t.test('an interrupt in the middle removes the namespaces and the agents', { skip }, async (t) => {
  const controller = new AbortController()
  const events: LabEvent[] = []
  await runScenario(containerLocalhost, (e) => {
    events.push(structuredClone(e))
    // Stop as soon as the app listens in the container: namespaces, the cable and two agents exist by then.
    if (e.type === 'observe' && e.kind === 'listening') controller.abort('Ctrl-C')
  }, { signal: controller.signal, options: { engine: 'netns' } })
  const run = summarize(events)
  t.equal(run.done.interrupted, 'Ctrl-C')
  t.equal(run.done.ok, false)
  t.same(await ourNamespaces(), [], 'no namespace left')
  t.same(await ourChildren(), [], 'no agent left')
})
