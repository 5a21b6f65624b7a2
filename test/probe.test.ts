import net from 'node:net'
import t, { type Test } from 'tap'
import { explainProbe, probeTarget, type AddressProbe, type ProbeReport } from '../src/diagnose/probe/probe.js'
import { parseTarget, type Target } from '../src/diagnose/probe/target.js'
import { spawnSync } from 'node:child_process'
import { namespaceName } from '../src/netns/namespace.js'
import { CLI, cli, isLinux, liveNetHandles } from './helpers.js'
import { hold } from './net-helpers.js'
import { badUsage } from './usage.js'

const owned = isLinux ? { pid: process.pid } : {}

t.test('127.0.0.1 only: open on IPv4 (owner: this test process), refused on ::1', async (t) => {
  const h = await hold(['127.0.0.1'], ['::1'])
  t.teardown(() => h.close())
  const r = await probeTarget(`localhost:${h.port}`)
  t.equal(r.answered, true)
  t.same(r.results.map((x) => [x.address, x.family, x.state, x.code]), [
    ['127.0.0.1', 'IPv4', 'open', undefined],
    ['::1', 'IPv6', 'refused', 'ECONNREFUSED'],
  ])
  const v4 = r.results[0]!
  t.match(v4.listener, { address: '127.0.0.1', port: h.port, family: 'IPv4', exposure: 'loopback', ...owned }, 'the listener and its owner, read from the system')
  t.equal(v4.local, true)
  t.ok(v4.localPort! > 0, 'the probe\'s own ephemeral port')
  t.equal(r.results[1]!.listener, undefined)
  t.ok(r.results[1]!.elapsedMs < r.timeoutMs, 'a refusal comes back before any timeout')
})

t.test('::1 only: open on IPv6, refused on 127.0.0.1', async (t) => {
  const h = await hold(['::1'], ['127.0.0.1'])
  t.teardown(() => h.close())
  const r = await probeTarget(`localhost:${h.port}`)
  t.same(r.results.map((x) => [x.address, x.state]), [['127.0.0.1', 'refused'], ['::1', 'open']])
  t.match(r.results[1]!.listener, { address: '::1', family: 'IPv6', exposure: 'loopback', ...owned })
})

t.test('both loopbacks: open on both, the same owner', async (t) => {
  const h = await hold(['127.0.0.1', '::1'])
  t.teardown(() => h.close())
  const r = await probeTarget(`http://localhost:${h.port}/health`)
  t.same(r.results.map((x) => x.state), ['open', 'open'])
  t.same(r.results.map((x) => x.listener?.family), ['IPv4', 'IPv6'])
  if (isLinux) t.same(r.results.map((x) => x.listener?.pid), [process.pid, process.pid])
  t.same(r.listeners.map((l) => l.address).sort(), ['127.0.0.1', '::1'], 'every listener on the port, read-only')
})

t.test('nothing listening: refused on both, answered false', async (t) => {
  const h = await hold([], ['127.0.0.1', '::1'])
  const r = await probeTarget(String(h.port))
  t.equal(r.answered, false)
  t.same(r.results.map((x) => [x.state, x.code]), [['refused', 'ECONNREFUSED'], ['refused', 'ECONNREFUSED']])
  t.same(r.listeners, [])
})

t.test('the resolver order decides which address is tried as the first', async (t) => {
  const h = await hold(['127.0.0.1'], ['::1'])
  t.teardown(() => h.close())
  // Answer localhost as many /etc/hosts files do: ::1 first.
  const lookup = async (): Promise<Array<{ address: string, family: number }>> => [{ address: '::1', family: 6 }, { address: '127.0.0.1', family: 4 }]
  const r = await probeTarget(`localhost:${h.port}`, { lookup })
  t.same(r.resolver.addresses.map((a) => a.address), ['::1', '127.0.0.1'])
  t.same(r.results.map((x) => [x.address, x.via, x.state]), [['::1', 'resolver', 'refused'], ['127.0.0.1', 'resolver', 'open']])
})

t.test('a literal address is the only one tried', async (t) => {
  const h = await hold(['::1'])
  t.teardown(() => h.close())
  const r = await probeTarget(`[::1]:${h.port}`)
  t.same(r.results.map((x) => [x.address, x.via, x.state]), [['::1', 'literal', 'open']])
  t.same(r.resolver.addresses, [{ address: '::1', family: 'IPv6' }])
  t.same(await liveNetHandles(), ['TCPServerWrap'], 'the probe left no socket open (only our own listener)')
})

/** A listener on 127.0.0.1 that counts the connections it accepts: the kernel's word on whether the probe connected. */
async function countingListener (t: Test): Promise<{ port: number, accepted: () => number }> {
  let accepted = 0
  const server = net.createServer(function countConnection (socket) {
    accepted++
    socket.destroy()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return { port: (server.address() as net.AddressInfo).port, accepted: () => accepted }
}

t.test('this machine only: a name resolving to a non-local address is not probed at all, on any of its addresses', async (t) => {
  const h = await countingListener(t)
  // 198.18.0.1 (RFC 2544 benchmarking, never routed): what DNS might answer for x.localhost. With 127.0.0.1 beside it,
  // the local address must not be tried either: every address or none.
  const lookups: string[] = []
  const lookup = async (host: string): Promise<Array<{ address: string, family: number }>> => {
    lookups.push(host)
    return [{ address: '127.0.0.1', family: 4 }, { address: '198.18.0.1', family: 4 }]
  }
  const r = await probeTarget(`x.localhost:${h.port}`, { lookup, timeoutMs: 200 })
  t.same(lookups, ['x.localhost'], 'resolved first, through the resolver given')
  t.same(r.results, [], 'no connect to any address')
  t.same(r.outside, [{ address: '198.18.0.1', family: 'IPv4' }])
  t.equal(h.accepted(), 0, 'the listener on 127.0.0.1 saw no connection')
  t.equal(r.answered, false)
  t.match(r.verdict, /^not probed: 'x\.localhost' resolves to 127\.0\.0\.1 and 198\.18\.0\.1, and 198\.18\.0\.1 is not this machine's/)
  t.same(await liveNetHandles(), ['TCPServerWrap'], 'no socket was opened')

  const literal = await probeTarget(`198.18.0.1:${h.port}`, { timeoutMs: 200 })
  t.same(literal.results, [])
  t.match(literal.verdict, /^not probed: 198\.18\.0\.1 is an address, and 198\.18\.0\.1 is not this machine's/)
})

t.test('this machine only: a name resolving to 127.0.0.1 is probed', async (t) => {
  const h = await countingListener(t)
  const lookup = async (): Promise<Array<{ address: string, family: number }>> => [{ address: '127.0.0.1', family: 4 }]
  const r = await probeTarget(`x.localhost:${h.port}`, { lookup })
  t.same(r.outside, [])
  t.same(r.results.map((x) => [x.address, x.via, x.state]), [['127.0.0.1', 'resolver', 'open'], ['::1', 'localhost', 'refused']])
  t.equal(h.accepted(), 1, 'one connection, on 127.0.0.1')
})

t.test('a bad target throws the LabError, before any connection', async (t) => {
  await t.rejects(probeTarget('70000'), { code: 'LAB_ERR_BAD_PORT' })
  await t.rejects(probeTarget('http://:80/'), { code: 'LAB_ERR_BAD_TARGET' })
})

t.test('the explanation of timeouts and unreachable addresses, from measured results', async (t) => {
  const target = parseTarget('localhost:4000') as Target
  const resolver: ProbeReport['resolver'] = { order: 'verbatim', autoSelectFamily: true, addresses: [{ address: '127.0.0.1', family: 'IPv4' }], elapsedMs: 0.2 }
  const base = { local: true, elapsedMs: 1000.4 }
  const results: AddressProbe[] = [
    { ...base, address: '127.0.0.1', family: 'IPv4', via: 'resolver', state: 'timed-out', code: 'ETIMEDOUT' },
    { ...base, address: '::1', family: 'IPv6', via: 'localhost', state: 'unreachable', code: 'EADDRNOTAVAIL', elapsedMs: 0.1 },
  ]
  const range = { known: true as const, first: 32768, last: 60999, source: 'test' }
  const { verdict, notes } = explainProbe(target, resolver, results, [], range, 1000)
  t.match(verdict, /no answer within 1000 ms from 127\.0\.0\.1/)
  t.match(verdict, /unreachable: ::1 \(EADDRNOTAVAIL\)/)
  t.ok(notes.some((n) => /firewall/.test(n)), 'a timeout points at something in the way')
  t.ok(notes.some((n) => /IPv6 may be disabled/.test(n)))
  t.notOk(notes.some((n) => /ephemeral/.test(n)), '4000 is not in the range')
  const refused: AddressProbe[] = [{ ...results[0]!, state: 'refused', code: 'ECONNREFUSED' }]
  const mac = { known: true as const, first: 49152, last: 65535, source: 'test' }
  const seed = explainProbe(parseTarget('62893') as Target, resolver, refused, [], mac, 1000)
  t.ok(seed.notes.some((n) => /62893 lies in this system's ephemeral range \(49152-65535\)/.test(n)), 'the seed\'s port, on macOS or Windows: probably assigned by the OS')
  const linux = explainProbe(parseTarget('62893') as Target, resolver, refused, [], range, 1000)
  t.ok(linux.notes.some((n) => /dynamic range.*this system picks from 32768-60999/.test(n)), 'on Linux 62893 lies above the ephemeral range')
})

t.test('CLI: exit 0 when something answered, 1 when nothing did, JSON on request', async (t) => {
  const h = await hold(['127.0.0.1'], ['::1'])
  t.teardown(() => h.close())
  const open = await cli(['probe', `127.0.0.1:${h.port}`, '--json'])
  t.equal(open.code, 0, open.stderr)
  const report = JSON.parse(open.stdout) as ProbeReport
  t.match(report.results, [{ address: '127.0.0.1', state: 'open', listener: { exposure: 'loopback', ...owned } }])
  const refused = await cli(['probe', `[::1]:${h.port}`, '--timeout', '500'])
  t.equal(refused.code, 1)
  t.equal(refused.stderr, '')
  t.match(refused.stdout, /ECONNREFUSED/)
})

const ipNetns = isLinux && spawnSync('ip', ['netns', 'list']).status === 0
t.test('a server on 0.0.0.0: the verdict says all interfaces and warns, in a network namespace of our own', { skip: ipNetns ? false : 'needs Linux, ip and root (ip netns)' }, async (t) => {
  // 0.0.0.0 exists only inside this namespace, never in the machine's own; the built CLI probes it from inside too.
  const ns = namespaceName('probe-any')
  t.equal(spawnSync('ip', ['netns', 'add', ns]).status, 0, 'namespace created')
  t.teardown(() => { spawnSync('ip', ['netns', 'del', ns]) })
  spawnSync('ip', ['netns', 'exec', ns, 'ip', 'link', 'set', 'lo', 'up'])
  const script = `
    const net = require('node:net'); const { spawnSync } = require('node:child_process')
    const server = net.createServer((s) => s.destroy()).listen(0, '0.0.0.0', () => {
      const port = server.address().port
      const run = (args) => spawnSync(process.execPath, [${JSON.stringify(CLI)}, 'probe', 'localhost:' + port, ...args], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
      const json = run(['--json'])
      const text = run([])
      process.stdout.write(JSON.stringify({ port, json: json.stdout, text: text.stdout, code: text.status, err: json.stderr + text.stderr }))
      server.close()
    })`
  const r = spawnSync('ip', ['netns', 'exec', ns, process.execPath, '-e', script], { encoding: 'utf8' })
  t.equal(r.status, 0, r.stderr)
  const res = JSON.parse(r.stdout) as { port: number, json: string, text: string, code: number, err: string }
  t.equal(res.err, '')
  const report = JSON.parse(res.json) as ProbeReport
  const v4 = report.results.find((x) => x.address === '127.0.0.1')
  t.match(v4, { state: 'open', listener: { address: '0.0.0.0', exposure: 'all-interfaces' } }, 'the listener, read from the system')
  t.match(report.verdict, new RegExp(`^listening on 0\\.0\\.0\\.0:${res.port} \\(node, pid \\d+\\), every IPv4 interface: other machines can reach it too`))
  t.notMatch(report.verdict, /127\.0\.0\.1 only/, 'not "127.0.0.1 only": it listens everywhere')
  t.ok(report.notes.some((n) => /other computers can connect too/.test(n)), 'the exposure warning')
  t.ok(report.notes.some((n) => /^Fix: for this machine only, listen on 127\.0\.0\.1 and ::1/.test(n)), 'the fix fits a server that listens everywhere')
  t.match(res.text, /listening on 0\.0\.0\.0:\d+ .*every IPv4 interface: other machines can reach it too/)
  t.match(res.text, /other computers can connect too/)
  t.equal(res.code, 0, 'something answered')
})

const bad: Array<[string[], RegExp]> = [
  [['probe', '0'], /^localhost-lab: bad target '0': port 0 cannot be connected to/],
  [['probe', '70000'], /^localhost-lab: bad target '70000': port 70000 is out of range/],
  [['probe', 'localhost:abc'], /'abc' is not a port number/],
  [['probe', 'abc'], /there is no port/],
  [['probe', 'http://:3000/'], /the host is empty/],
  [['probe', '::1'], /needs brackets/],
  [['probe', '%%garbage%%'], /bad target/],
  [['probe'], /^localhost-lab: what should I probe\? Give one target\. Accepted forms:/],
  [['probe', '1', '2'], /one target at a time/],
  [['probe', '3000', '--timeout', 'soon'], /--timeout wants milliseconds/],
  [['probe', '3000', '--timeout', '-1'], /^localhost-lab: --timeout wants milliseconds from 1 to 600000, not '-1'\./],
  [['probe', '3000', '--jsn'], /unknown option '--jsn' for 'probe'\. Did you mean '--json'\?/],
]
badUsage(bad)
