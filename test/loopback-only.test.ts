import t from 'tap'
import loopbackOnly, { plan } from '../demos/loopback-only.js'
import { namespacesUnavailable } from '../src/netns/detect.js'
import { collect, isLinux } from './helpers.js'
import { ourChildren, ourNamespaces } from './netns-helpers.js'

const unavailable = isLinux ? await namespacesUnavailable() : 'not Linux'
const skip = unavailable === undefined ? false : `network namespaces unavailable: ${unavailable}`

t.test('loopback-only: data echoed over 127.0.0.1 in a namespace whose only interface is lo; lo counts it', { skip }, async (t) => {
  const run = await collect(loopbackOnly)
  t.equal(run.done.ok, true, run.done.error?.message ?? 'reproduced')
  t.equal(run.done.skipped, undefined, 'it ran, it did not skip')
  const fact = (key: string): { value: unknown, source?: string } => {
    const o = run.observations.find((x) => x.kind === 'fact' && x.key === key)
    t.ok(o, `fact '${key}' observed`)
    return o?.kind === 'fact' ? o : { value: undefined }
  }
  const interfaces = fact('namespace-interfaces')
  t.same(interfaces.value, ['lo'], 'the namespace has lo and nothing else')
  t.equal(interfaces.source, '/proc/net/dev')
  const lo = fact('namespace-lo-counters').value as { echoedBytes: number, txBytes: number, rxBytes: number, txPackets: number, pid: number }
  t.equal(lo.echoedBytes, plan.bytes, 'every byte came back')
  t.ok(lo.txBytes >= 2 * plan.bytes && lo.rxBytes >= 2 * plan.bytes, `lo moved ${lo.txBytes} bytes: at least the ${2 * plan.bytes} echoed`)
  // Alone in the namespace, lo carries the transfer and nothing else: headers and ACKs add little, not megabytes.
  t.ok(lo.txBytes < 2 * plan.bytes * 1.1, `and not much more (${lo.txBytes}): no other traffic shares this lo`)
  t.not(lo.pid, process.pid, 'measured by a process inside the namespace')
  t.throws(() => process.kill(lo.pid, 0), { code: 'ESRCH' }, 'which is gone')
  t.same(await ourNamespaces(), [], 'the namespace is removed')
  t.same(await ourChildren(), [], 'no child of ours is left')
})
