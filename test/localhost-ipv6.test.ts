import t from 'tap'
import dns from 'node:dns'
import localhostIpv6 from '../demos/localhost-ipv6.js'
import { canListenOn } from '../src/net/resolver.js'
import { ms } from '../src/render/format.js'
import { attemptsInStep, collect, factValue, isLinux, liveNetHandles, ourSockets } from './helpers.js'

t.test('localhost-ipv6: each family refused on purpose, ::1 first, AggregateError, fixes', async (t) => {
  const orderBefore = dns.getDefaultResultOrder()
  const run = await collect(localhostIpv6)
  t.equal(run.done.ok, true, run.done.error?.message ?? `missing ${run.done.missing.join(', ')}`)
  t.equal(dns.getDefaultResultOrder(), orderBefore, 'the result order is put back after the run')

  const resolved = (await dns.promises.lookup('localhost', { all: true })).map((a) => a.address).join(', ')
  t.equal(factValue(run, 'localhost-lookup'), resolved, 'the narration reads this machine\'s resolver')
  t.equal(factValue(run, 'result-order'), orderBefore)

  if (!(await canListenOn('::1')).ok) {
    t.ok(run.done.skipped, 'no IPv6 loopback: skipped, with the reason')
    return
  }
  t.equal(run.done.skipped, undefined)
  t.ok(run.done.observed.includes('ECONNREFUSED'))

  const v4 = attemptsInStep(run, 2)
  t.same(v4.slice(0, 3).map((o) => [o.client, o.code, o.syscall, o.address, o.family]), [
    ['tcp', 'ECONNREFUSED', 'connect', '127.0.0.1', 'IPv4'],
    ['http', 'ECONNREFUSED', 'connect', '127.0.0.1', 'IPv4'],
    ['ws', 'ECONNREFUSED', 'connect', '127.0.0.1', 'IPv4'],
  ], 'server on ::1 only: every client refused on 127.0.0.1')
  const port = v4[0]!.port!
  const v6 = attemptsInStep(run, 3)
  t.same(v6.map((o) => [o.client, o.code, o.syscall, o.address, o.family, o.port]), [
    ['tcp', 'ECONNREFUSED', 'connect', '::1', 'IPv6', port],
    ['http', 'ECONNREFUSED', 'connect', '::1', 'IPv6', port],
    ['ws', 'ECONNREFUSED', 'connect', '::1', 'IPv6', port],
  ], 'server on 127.0.0.1 only: every client refused on ::1, same port')

  const [single, singleWs, eyeballs, eyeballsWs] = attemptsInStep(run, 4)
  t.match(single, { client: 'tcp', code: 'ECONNREFUSED', address: '::1', family: 'IPv6', message: `connect ECONNREFUSED ::1:${port}` })
  t.equal(single!.causes, undefined, 'autoSelectFamily off: one address, one plain error')
  t.match(singleWs, { client: 'ws', code: 'ECONNREFUSED', address: '::1', family: 'IPv6' })
  t.match(eyeballs, { ok: true, remoteAddress: '127.0.0.1', family: 'IPv4' })
  t.same(eyeballs!.attempted, [`::1:${port}`, `127.0.0.1:${port}`])
  t.match(eyeballsWs, { ok: true, body: 'hello', family: 'IPv4' })

  const [neither] = attemptsInStep(run, 5)
  t.match(neither, { client: 'tcp', ok: false, errorName: 'AggregateError', message: '', code: 'ECONNREFUSED' })
  t.same(neither!.causes?.map((c) => [c.code, c.syscall, c.address, c.family]), [
    ['ECONNREFUSED', 'connect', '::1', 'IPv6'], ['ECONNREFUSED', 'connect', '127.0.0.1', 'IPv4'],
  ], 'an error per address inside the AggregateError')

  const [listenBoth, explicit, ordered] = attemptsInStep(run, 6)
  t.match(listenBoth, { ok: true, remoteAddress: '::1' })
  t.match(explicit, { ok: true, status: 200 })
  t.match(ordered, { ok: true, remoteAddress: '127.0.0.1' }, 'ipv4first sorted the ::1-first answer')

  t.match(run.narration, `"connect ECONNREFUSED 127.0.0.1:${port}"`)
  t.match(run.narration, `"connect ECONNREFUSED ::1:${port}" (TCP, fetch and ws alike)`)
  t.match(run.narration, `connected to 127.0.0.1:${port} in ${ms(eyeballs!.elapsedMs)}`)
  t.match(run.narration, `"connect ECONNREFUSED ::1:${port}" and "connect ECONNREFUSED 127.0.0.1:${port}"`)
  t.match(run.narration, `answered HTTP 200 in ${ms(explicit!.elapsedMs)}`)

  t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})
