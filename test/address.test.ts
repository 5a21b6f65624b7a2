import t from 'tap'
import {
  canonicalAddress, familyOf, formatIPv6, hasLocalAddress, hostPort, isAnyAddress, isLocalhostName, isLoopback,
  loopbackAddress, parseHostPort,
} from '../src/net/address.js'
import { freePort } from '../src/net/free-port.js'
import { tcpConnect } from '../src/clients/attempt.js'
import { LabError } from '../src/core/errors.js'
import { isLinux, liveNetHandles, ourSockets } from './helpers.js'

t.test('canonicalAddress: one spelling per address', async (t) => {
  t.equal(canonicalAddress('[::1]'), '::1', 'brackets removed')
  t.equal(canonicalAddress('0:0:0:0:0:0:0:1'), '::1', 'IPv6 compressed')
  t.equal(canonicalAddress('2001:0DB8:0:0:1:0:0:1'), '2001:db8::1:0:0:1', 'the first of two equal zero runs, lower case')
  t.equal(canonicalAddress('::FFFF:127.0.0.1'), '127.0.0.1', 'IPv4-mapped, dotted')
  t.equal(canonicalAddress('::ffff:7f00:1'), '127.0.0.1', 'IPv4-mapped, in hex')
  t.equal(canonicalAddress('FE80::1%lo0'), 'fe80::1%lo0', 'the zone is kept')
  t.equal(canonicalAddress('127.0.0.53%lo'), '127.0.0.53%lo')
  t.equal(canonicalAddress('LocalHost'), 'localhost', 'a name is only lower-cased')
  t.equal(formatIPv6(['0', '0', '0', '0', '0', '0', '0', '0']), '::')
  t.equal(formatIPv6(['1', '0', '0', '0', '0', '0', '0', '0']), '1::')
  t.equal(formatIPv6(['2001', 'db8', '0', '1', '0', '1', '0', '1']), '2001:db8:0:1:0:1:0:1', 'a single zero group is not compressed')
})

t.test('predicates: loopback, any-address, localhost names', async (t) => {
  for (const a of ['127.0.0.1', '127.1.2.3', '127.0.0.53%lo', '::1', '[::1]', '0:0:0:0:0:0:0:1', '::ffff:127.0.0.1']) t.ok(isLoopback(a), `${a} is loopback`)
  for (const a of ['0.0.0.0', '::', '192.168.1.2', 'fe80::1%lo0', '::ffff:10.0.0.1', 'localhost', '']) t.notOk(isLoopback(a), `${a} is not a loopback address`)
  t.ok(isLoopback('127.0.0.2', 'IPv4'))
  t.notOk(isLoopback('::1', 'IPv4'), '::1 is not an IPv4 loopback')
  t.notOk(isLoopback('::ffff:127.0.0.1', 'IPv4'), 'an IPv4-mapped address is an IPv6 literal')
  t.notOk(isLoopback('localhost', 'IPv4'))
  for (const a of ['0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0', '::ffff:0.0.0.0']) t.ok(isAnyAddress(a), `${a} is the any-address`)
  for (const a of ['127.0.0.1', '::1', '*', '0.0.0.1']) t.notOk(isAnyAddress(a), `${a} is not`)
  t.ok(isLocalhostName('LOCALHOST'))
  t.ok(isLocalhostName('app.localhost'))
  t.notOk(isLocalhostName('localhost.example'))
  t.equal(loopbackAddress('IPv4'), '127.0.0.1')
  t.equal(loopbackAddress('IPv6'), '::1')
  t.equal(familyOf('::1'), 'IPv6')
  t.equal(familyOf('127.0.0.1'), 'IPv4')
  t.equal(familyOf('localhost'), undefined)
  t.equal(hasLocalAddress('127.0.0.1'), true, 'every machine has 127.0.0.1')
  t.equal(hasLocalAddress('192.0.2.1'), false, 'TEST-NET-1 is nobody\'s')
})

t.test('hostPort and parseHostPort are each other\'s inverse', async (t) => {
  for (const [host, port] of [['127.0.0.1', 80], ['::1', 3000], ['fe80::1%eth0', 22], ['localhost', 65535]] as const) {
    t.same(parseHostPort(hostPort(host, port)), { host, port }, hostPort(host, port))
  }
  t.same(parseHostPort('[fe80::1]%eth0:22'), { host: 'fe80::1%eth0', port: 22 }, 'ss puts the zone after the bracket')
  t.equal(parseHostPort(':80'), null, 'no host')
})

t.test('freePort: free a moment ago on every address asked for, refused there now', async (t) => {
  const hosts = hasLocalAddress('::1') ? ['127.0.0.1', '::1'] : ['127.0.0.1']
  const port = await freePort({ host: hosts })
  t.ok(port > 0 && port < 65536)
  for (const host of hosts) t.match(await tcpConnect({ host, port }), { ok: false, code: 'ECONNREFUSED' }, `nothing listens on ${hostPort(host, port)}`)
  t.ok((await freePort()) > 0, 'default: 127.0.0.1')
  t.same(await liveNetHandles(), [], 'no server handle is left')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})

t.test('freePort: a number taken on another of the addresses is skipped, then it gives up with LAB_ERR_BUSY', async (t) => {
  // The same address twice: the second bind of every number the OS hands out is EADDRINUSE, so every try is skipped.
  await t.rejects(freePort({ host: ['127.0.0.1', '127.0.0.1'], tries: 3 }), { code: 'LAB_ERR_BUSY', message: 'no port was free on all of 127.0.0.1, 127.0.0.1 after 3 tries' })
  await t.rejects(freePort({ host: [] }), LabError)
  await t.rejects(freePort({ host: [] }), { code: 'LAB_ERR_BAD_ARGUMENT' })
})
