import t from 'tap'
import dns from 'node:dns'
import localhostIpv6 from '../demos/localhost-ipv6.js'
import { canListenOn } from '../src/net/resolver.js'
import { ms } from '../src/render/format.js'
import type { LabEvent } from '../src/core/events.js'
import { attemptsInStep, collect, factValue, isLinux, liveNetHandles, ofKind, ourSockets } from './helpers.js'
import { runTaking } from './port-holder.js'

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

/**
 * Another program takes our borrowed port at the moment that hurts: a second Node process listens on it, on one
 * address, in the gate before a step (the step waits for it). The lesson must notice (a connect accepted, or its own
 * listen refused with EADDRINUSE), say so, and redo that part on a fresh port: never narrate the other program's door.
 */
const takers = [
  { step: 2, address: '127.0.0.1', what: 'our tcp connect was accepted there', title: 'before the server on ::1 only: 127.0.0.1 is taken, the connect that must be refused is accepted' },
  { step: 3, address: '127.0.0.1', what: 'our listen there failed with EADDRINUSE', title: 'before the reverse: 127.0.0.1 is taken, our listen there gets EADDRINUSE' },
  { step: 5, address: '::1', what: 'our tcp connect was accepted there', title: 'before "neither answers": ::1 is taken, Happy Eyeballs reaches it' },
] as const

for (const taker of takers) {
  t.test(`localhost-ipv6 when another process takes the port ${taker.title}`, async (t) => {
    if (!(await canListenOn('::1')).ok) { t.pass('no IPv6 loopback: nothing to take'); return }
    const borrowedNow = (events: readonly LabEvent[]): number | undefined => events.flatMap((e) => e.type === 'observe' && e.kind === 'fact' && e.key === 'borrowed-port' ? [e.value as number] : []).at(-1)
    const { run, held: taken, after } = await runTaking(localhostIpv6, (n) => n === taker.step, borrowedNow, taker.address)
    const done = run.done
    t.equal(done.ok, true, done.error?.message ?? `missing ${done.missing.join(', ')}`)
    const borrowed = ofKind(run, 'fact').filter((f) => f.key === 'borrowed-port').map((f) => f.value as number)
    t.equal(borrowed.length, 2, 'a fresh port borrowed once')
    const [held, fresh] = borrowed as [number, number]
    t.equal(held, taken, 'the port the second process took is the one borrowed first')
    t.not(fresh, held, 'the fresh port is another number')
    t.same(ofKind(run, 'fact').filter((f) => f.key === 'port-taken').map((f) => f.value), [{ port: held, address: taker.address, what: taker.what, retake: 1 }], 'one retake, naming the address and what happened there')
    const steps = attemptsInStep(run, taker.step)
    if (taker.what.includes('accepted')) {
      t.match(steps[0], { client: 'tcp', ok: true, target: { port: held } }, 'the first connect really reached the other process')
    } else {
      t.match(ofKind(run, 'listen-error').at(-1), { code: 'EADDRINUSE', address: taker.address, port: held }, 'our listen really got EADDRINUSE')
    }
    // The step's story is then told on the fresh port, and every refusal it narrates is a real one there.
    const redone = steps.filter((o) => o.target.port === fresh)
    t.ok(redone.length > 0 && redone.every((o) => o.code === 'ECONNREFUSED'), `the redone part was refused on ${fresh}`)
    const line = `Port ${held} was free a moment ago, but another program took it on ${taker.address} meanwhile (${taker.what})`
    t.match(run.narration, line)
    t.notMatch(after(line), new RegExp(`\\b${held}\\b`), 'after the retake, nothing is narrated on the taken port')
    t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
  })
}
