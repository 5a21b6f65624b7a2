import t from 'tap'
import { readFileSync } from 'node:fs'
import { classify, exposureOf, portClassOf } from '../src/diagnose/ports/listeners.js'
import { parseLsof } from '../src/diagnose/ports/platform/lsof.js'
import { parseProcListeners } from '../src/diagnose/ports/platform/linux-proc.js'
import { parseNetstat, parseTasklist } from '../src/diagnose/ports/platform/netstat-windows.js'
import { parseSs } from '../src/diagnose/ports/platform/ss.js'
import type { RawListener } from '../src/diagnose/ports/platform/types.js'
import { parseHostPort } from '../src/net/address.js'

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/listeners/${name}`, import.meta.url), 'utf8')
const holder = JSON.parse(fixture('holder.json')) as { pid: number, child: number, ports: Array<{ address: string, port: number, family: string }> }

/** `address port family pids` per row, sorted: what every Linux source must agree on. */
function shape (rows: RawListener[]): string[] {
  return rows.map((r) => `${r.family} ${r.address} ${r.port} ${r.owners.map((o) => o.pid).sort().join(',')}`).sort()
}

/** The recorded listeners, as hold-listeners.cjs opened them (port 3000 shared with its child). */
const expected = holder.ports.map((p) => `${p.family} ${p.address} ${p.port} ${p.port === 3000 ? [holder.pid, holder.child].sort().join(',') : holder.pid}`).sort()

t.test('ss -ltnp (recorded): every listener, its family, and every process holding it', async (t) => {
  const rows = parseSs(fixture('ss-ltnp.txt'))
  t.same(shape(rows), expected)
  t.same(rows.find((r) => r.port === 8080), { address: '::', port: 8080, family: 'IPv6', dualStack: true, owners: [{ pid: holder.pid, command: 'node' }] }, '`*:8080` is a :: socket that also takes IPv4')
  t.equal(rows.find((r) => r.port === 8443)!.dualStack, false, '`[::]:8443` is IPV6_V6ONLY')
  t.same(rows.find((r) => r.port === 3000)!.owners.map((o) => o.pid).sort(), [holder.pid, holder.child].sort(), 'a socket shared by two processes has two owners')
})

t.test('ss -ltn without the process column: listeners without owners', async (t) => {
  const rows = parseSs(fixture('ss-ltn-no-process.txt'))
  t.equal(rows.length, holder.ports.length)
  t.ok(rows.every((r) => r.owners.length === 0))
})

t.test('lsof on Linux (recorded): one row per fd merged into one socket', async (t) => {
  const rows = parseLsof(fixture('lsof-linux.txt'))
  t.same(shape(rows), expected)
  t.same(rows.find((r) => r.port === 5432), { address: '0.0.0.0', port: 5432, family: 'IPv4', owners: [{ pid: holder.pid, command: 'node', user: 'root' }] }, '`*` with TYPE IPv4 is 0.0.0.0')
})

t.test('/proc/net/tcp{,6} (recorded): the same listeners, owners joined by inode', async (t) => {
  const rows = parseProcListeners(fixture('proc-net-tcp.txt'), fixture('proc-net-tcp6.txt'))
  t.same(rows.map((r) => `${r.family} ${r.address} ${r.port}`).sort(), holder.ports.map((p) => `${p.family} ${p.address} ${p.port}`).sort())
  const owners = new Map([[38279, [{ pid: 7, command: 'node', commandLine: 'node x.js' }]]])
  const withOwner = parseProcListeners(fixture('proc-net-tcp.txt'), '', owners).find((r) => r.port === 3000)
  t.same(withOwner?.owners, [{ pid: 7, command: 'node', commandLine: 'node x.js' }])
})

t.test('lsof on macOS (shape of the real tool)', async (t) => {
  const rows = parseLsof(fixture('lsof-macos.txt'))
  const by = (port: number, family: string): RawListener | undefined => rows.find((r) => r.port === port && r.family === family)
  t.equal(rows.length, 14, 'launchd\'s socket on two fds counts once per family')
  t.same(by(22, 'IPv6')?.owners, [{ pid: 1, command: 'launchd', user: 'root' }])
  t.equal(by(22, 'IPv6')?.address, '::')
  t.equal(by(22, 'IPv4')?.address, '0.0.0.0')
  t.equal(by(49152, 'IPv6')?.address, 'fe80:5::aede:48ff:fe00:1122', 'a link-local address, brackets removed')
  t.same(by(62893, 'IPv4'), { address: '127.0.0.1', port: 62893, family: 'IPv4', owners: [{ pid: 4410, command: 'Code H', user: 'alice' }] }, '\\x20 is a space')
  t.equal(by(5173, 'IPv6')?.address, '::1')
  t.equal(by(3000, 'IPv4')?.address, '192.168.1.23')
})

t.test('netstat -ano on Windows: listeners by shape, names from tasklist', async (t) => {
  const names = parseTasklist(fixture('tasklist-windows.csv'))
  t.equal(names.get(9916), 'node.exe')
  t.equal(names.get(23456), 'My "quoted" app.exe', 'CSV doubled quotes')
  const rows = parseNetstat(fixture('netstat-ano-windows.txt'), names)
  t.same(rows.map((r) => `${r.family} ${r.address} ${r.port} ${r.owners.map((o) => `${o.pid}/${o.command}`).join(',')}`), [
    'IPv4 0.0.0.0 135 1044/svchost.exe',
    'IPv4 0.0.0.0 445 4/System',
    'IPv4 0.0.0.0 5040 6812/svchost.exe',
    'IPv4 0.0.0.0 49664 892/wininit.exe',
    'IPv4 127.0.0.1 3000 14820/node.exe',
    'IPv4 192.168.1.40 139 4/System',
    'IPv6 :: 135 1044/svchost.exe',
    'IPv6 :: 445 4/System',
    'IPv6 :: 49664 892/wininit.exe',
    'IPv6 ::1 5173 9916/node.exe',
    'IPv6 fe80::8d2c:1f3a:6b2e:4c10%12 2869 4/System',
  ], 'ESTABLISHED, TIME_WAIT and UDP rows are not listeners')
  const german = parseNetstat(fixture('netstat-ano-windows-de.txt'))
  t.same(german.map((r) => `${r.address}:${r.port}/${r.owners[0]?.pid}`), ['0.0.0.0:135/1044', '127.0.0.1:8080/7720', '::1:8080/7720'], 'a translated state word (ABHÖREN) and CRLF change nothing')
})

t.test('classification: exposure, port class, ephemeral range', async (t) => {
  t.equal(exposureOf('127.0.0.1'), 'loopback')
  t.equal(exposureOf('127.0.0.53%lo'), 'loopback')
  t.equal(exposureOf('::1'), 'loopback')
  t.equal(exposureOf('::ffff:127.0.0.1'), 'loopback')
  t.equal(exposureOf('0.0.0.0'), 'all-interfaces')
  t.equal(exposureOf('::'), 'all-interfaces')
  t.equal(exposureOf('198.18.0.1'), 'interface')
  t.equal(exposureOf('fe80::1%lo0'), 'interface')
  t.same([80, 1023, 1024, 49151, 49152, 65535].map(portClassOf), ['well-known', 'well-known', 'registered', 'registered', 'dynamic', 'dynamic'])
  const range = { known: true as const, first: 32768, last: 60999, source: 'test' }
  const listeners = classify(parseSs(fixture('ss-ltnp.txt')), range)
  t.same(listeners.map((l) => [l.port, l.exposure, l.ephemeral, l.portClass]), [
    [80, 'interface', false, 'well-known'],
    [3000, 'loopback', false, 'registered'],
    [5432, 'all-interfaces', false, 'registered'],
    [8080, 'all-interfaces', false, 'registered'],
    [8443, 'all-interfaces', false, 'registered'],
    ...holder.ports.filter((p) => p.port > 30000).sort((a, b) => a.port - b.port).map((p) => [p.port, 'loopback', true, 'registered']),
  ], 'sorted by port; the port-0 listeners are in the ephemeral range')
  const unknown = classify(parseSs(fixture('ss-ltnp.txt')), { known: false, reason: 'test' })
  t.ok(unknown.every((l) => l.ephemeral === null), 'no range, no claim')
})

t.test('parseHostPort', async (t) => {
  t.same(parseHostPort('[::1]:80'), { host: '::1', port: 80 })
  t.same(parseHostPort('127.0.0.53%lo:53'), { host: '127.0.0.53%lo', port: 53 })
  t.same(parseHostPort('*:22'), { host: '*', port: 22 })
  t.equal(parseHostPort('nonsense'), null)
  t.equal(parseHostPort('1.2.3.4:'), null)
  t.equal(parseHostPort('1.2.3.4:99999'), null)
})

t.test('parsers never throw on junk', async (t) => {
  const junk = ['', '\n\n', 'LISTEN', 'LISTEN 0 0 x y', 'TCP [::', 'node 1 root 1u IPv4 1 0t0 TCP :x (LISTEN)', '\u0000\u0001binary', 'LISTEN 0 1 999.1.1.1:80 0.0.0.0:*']
  for (const j of junk) {
    t.same(parseSs(j), [])
    t.same(parseLsof(j), [])
    t.same(parseNetstat(j), [])
  }
  t.same(parseNetstat('  TCP  1.2.3.4:5  0.0.0.0:0  LISTENING  abc'), [{ address: '1.2.3.4', port: 5, family: 'IPv4', owners: [] }], 'a PID that is not a number: the listener, without an owner')
})
