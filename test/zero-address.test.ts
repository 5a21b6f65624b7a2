import t from 'tap'
import { readFile } from 'node:fs/promises'
import zeroAddress from '../demos/zero-address.js'
import type { Outcome } from '../src/core/events.js'
import { namespacesUnavailable } from '../src/netns/detect.js'
import { canListenOn } from '../src/net/resolver.js'
import { attemptsInStep, isLinux, liveNetHandles, ourSockets, reproduce } from './helpers.js'
import { ourChildren, ourNamespaces } from './netns-helpers.js'

const unavailable = isLinux ? await namespacesUnavailable() : 'not Linux'
const hasIpv6 = (await canListenOn('::1')).ok

/** Mounts of our namespaces (`ip netns add` mounts /run/netns/<name>); none may outlive the lesson. */
async function ourNetnsMounts (): Promise<string[]> {
  const names = new Set(await ourNamespaces())
  const lines = (await readFile('/proc/self/mountinfo', 'utf8')).split('\n')
  return lines.filter((l) => new RegExp(`/run/netns/llab-${process.pid}-`).test(l) || [...names].some((n) => l.includes(n)))
}

const facts = (run: Awaited<ReturnType<typeof reproduce>>, key: string): unknown[] =>
  run.observations.flatMap((o) => o.kind === 'fact' && o.key === key ? [o.value] : [])

t.test('zero-address: 0.0.0.0 as a destination is loopback here; the printed URL is refused on the next machine', { skip: !isLinux && 'measures what Linux does' }, async (t) => {
  const run = await reproduce(t, zeroAddress)

  // Step 1, in the machine's own namespace: the kernel connects 0.0.0.0 to 127.0.0.1 (and :: to ::1).
  const step1 = attemptsInStep(run, 1)
  const [tcp, http] = step1 as [Outcome, Outcome]
  t.match(tcp, { client: 'tcp', ok: true, target: { host: '0.0.0.0' }, remoteAddress: '127.0.0.1', localAddress: '127.0.0.1' }, 'connected to 127.0.0.1')
  t.match(http, { client: 'http', ok: true, status: 200, target: { host: '0.0.0.0' } })
  t.equal((JSON.parse(http.body!) as { client: { address: string } }).client.address, '127.0.0.1', 'the service saw its client come from 127.0.0.1')
  const [v4, v6] = facts(run, 'zero-destination') as Array<Record<string, unknown>>
  t.match(v4, { family: 'IPv4', connectedTo: `127.0.0.1:${tcp.remotePort}`, serverSawClient: '127.0.0.1' })
  t.match(run.narration, `The socket connected to 127.0.0.1:${tcp.remotePort} from 127.0.0.1:${tcp.localPort}, in ${tcp.elapsedMs.toFixed(2)} ms.`)
  if (hasIpv6) {
    t.match(step1[2], { client: 'tcp', ok: true, target: { host: '::' }, remoteAddress: '::1' }, ':: connected to ::1')
    t.match(v6, { family: 'IPv6', connectedTo: /^\[::1\]:\d+$/ })
  }

  if (unavailable !== undefined) {
    t.match(run.done.skipped, /What you would see/, `skipped the namespace part: ${unavailable}`)
  } else {
    t.equal(run.done.skipped, undefined, 'the namespace part ran')
    t.same(run.done.observed, ['ECONNREFUSED'], 'the one failure of that kind: refused')
    const [own, across] = attemptsInStep(run, 2)
    t.match(own, { netns: 'server', ok: true, status: 200, target: { host: '0.0.0.0' } })
    t.equal((JSON.parse(own!.body!) as { client: { address: string } }).client.address, '127.0.0.1', 'on the server, 0.0.0.0 arrived from 127.0.0.1')
    t.match(across, { netns: 'neighbour', ok: true, status: 200, target: { host: '198.18.0.1' } })
    t.equal((JSON.parse(across!.body!) as { client: { address: string } }).client.address, '198.18.0.2', 'the 0.0.0.0 listener answered the neighbour')
    const [typed] = attemptsInStep(run, 3)
    t.match(typed, { netns: 'neighbour', ok: false, code: 'ECONNREFUSED', syscall: 'connect', address: '0.0.0.0', port: own!.target.port })
    const [zero, direct] = attemptsInStep(run, 4)
    t.match(zero, { netns: 'server', ok: false, code: 'ECONNREFUSED', syscall: 'connect', address: '0.0.0.0' }, 'a listener on the network address alone is not reached at 0.0.0.0')
    t.match(direct, { netns: 'server', ok: true, status: 200, target: { host: '198.18.0.1' } })
    t.match(run.narration, `after ${typed!.elapsedMs.toFixed(2)} ms: there, 0.0.0.0 means the neighbour itself`)
    const windows = facts(run, 'windows-connect-to-any') as Array<{ measured: boolean }>
    t.equal(windows.length, 3, 'Windows behaviour: three documented sources')
    for (const w of windows) t.equal(w.measured, false, 'marked as not measured')
    t.ok(run.observations.every((o) => o.kind !== 'fact' || o.key !== 'windows-connect-to-any' || /https?:\/\/|#\d+/.test(o.source ?? '')), 'each with its source')
  }

  t.same(await ourNamespaces(), [], 'no network namespace of ours is left (ip netns list)')
  t.same(await ourNetnsMounts(), [], 'no namespace mount of ours is left')
  t.same(await ourChildren(), [], 'no child process of ours is running')
  t.same(await liveNetHandles(), [], 'no server or socket handle is left')
  t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})
