import t from 'tap'
import { readFileSync } from 'node:fs'
import { counterChanges, parseNetstatIb, parseProcNetDev, readInterfaceCounters } from '../src/measure/interface-counters.js'
import { isLinux } from './helpers.js'

const fixture = (name: string): string => readFileSync(new URL(`./fixtures/interfaces/${name}`, import.meta.url), 'utf8')

t.test('/proc/net/dev (recorded here): every interface, receive and transmit bytes and packets', async (t) => {
  const rows = parseProcNetDev(fixture('proc-net-dev.txt'))
  t.same(rows.map((r) => r.name), ['lo', 'ifb0', 'ifb1', 'eth0'], 'the header lines are not interfaces')
  t.same(rows[0], { name: 'lo', loopback: true, rxBytes: 12214079191, rxPackets: 5500602, txBytes: 12214079191, txPackets: 5500602 }, 'lo: what it sends it receives')
  t.same(rows[3], { name: 'eth0', loopback: false, rxBytes: 1844749261, rxPackets: 60929, txBytes: 8262663, txPackets: 51740 })
  t.same(parseProcNetDev(''), [])
})

t.test('netstat -ib (a real Mac\'s, recorded in DataDog/dd-agent): one row per interface, counted from the line\'s end', async (t) => {
  const rows = parseNetstatIb(fixture('netstat-ib-macos.txt'))
  t.same(rows.map((r) => r.name), ['lo0', 'gif0', 'stf0', 'en0', 'p2p0', 'ham0'], 'address rows repeat their interface: taken once; `*` (down) is not part of the name')
  t.same(rows[0], { name: 'lo0', loopback: true, rxPackets: 318258, rxBytes: 428252203, txPackets: 318258, txBytes: 428252203 }, 'lo0, whose link row has no Address')
  t.same(rows[3], { name: 'en0', loopback: false, rxPackets: 20801309, rxBytes: 13835457425, txPackets: 15149389, txBytes: 11508790198 })
  t.same(parseNetstatIb('no header\nlo0 1 2 3'), [], 'a header without the counter columns: nothing, not garbage')
})

t.test('counterChanges: what each interface moved between two readings', async (t) => {
  const [a, b] = [fixture('netstat-ib-macos.txt'), fixture('netstat-ib-macos.txt').replace('428252203', '428262203')]
  const changes = counterChanges({ source: 'x', at: 0, interfaces: parseNetstatIb(a) }, { source: 'x', at: 1, interfaces: parseNetstatIb(b) })
  t.match(changes.find((c) => c.name === 'lo0'), { rxBytes: 10000, txBytes: 0 })
  t.ok(changes.filter((c) => c.name !== 'lo0').every((c) => c.rxBytes === 0 && c.txBytes === 0))
})

t.test('readInterfaceCounters on this machine: lo is there and loopback', { skip: !isLinux && 'Linux here' }, async (t) => {
  const reading = await readInterfaceCounters()
  t.equal(reading?.source, '/proc/net/dev')
  t.ok(reading!.interfaces.some((i) => i.name === 'lo' && i.loopback && i.txBytes >= 0))
  t.equal(await readInterfaceCounters('win32'), undefined, 'Windows: no counters this way, said as undefined')
})
