/**
 * loopback-only — "no external network required", shown with nothing else there at all.
 *
 * A network namespace of our own starts with one interface, `lo`, and nothing else: no network card, no cable, no
 * route anywhere. The same transfer `ephemeral` counts (data echoed over 127.0.0.1) runs inside it, and works. Its
 * interface counters move by our bytes alone, because no other program shares this namespace.
 * Its own scenario rather than a step of `ephemeral`: a namespace and a process inside it take a few hundred ms, and
 * `ephemeral` is the first lesson and must stay quick.
 */
import { count, counterChanges, createNamespace, defineScenario, mebibytes, ms, namespacesUnavailable, transferInNamespace } from './kit.js'

export default defineScenario({
  id: 'loopback-only',
  title: 'No network at all, and 127.0.0.1 still works',
  symptom: '"The request never leaves the machine." With no network interface but loopback, does it still work?',
  codes: [],

  async run (lab) {
    const why = await namespacesUnavailable()
    if (why) lab.skip(`${why}. What you would see: in a namespace whose only interface is lo, data echoed over 127.0.0.1 arrives, and lo's counters move by exactly that traffic`)

    lab.step('A network namespace with nothing in it but lo')
    const ns = await createNamespace(lab, 'lo-only')
    lab.say(`A new network namespace (${ns.name}) has its own interfaces, routes and ports. We created it and brought its loopback up; nothing else is in it.`)

    lab.step(`Echo ${mebibytes(plan.bytes)} MiB over 127.0.0.1 inside it`)
    const got = await transferInNamespace(lab, ns, plan.bytes)
    const names = got.after.interfaces.map((i) => i.name)
    lab.fact('namespace-interfaces', 'interfaces inside the namespace', names, got.after.source)
    lab.check(names.length === 1 && got.after.interfaces[0]!.loopback, `the namespace has interfaces other than loopback: ${names.join(', ')}`)
    const lo = counterChanges(got.before, got.after).find((c) => c.loopback)!
    lab.fact('namespace-lo-counters', 'lo counters around the transfer, inside the namespace', { echoedBytes: got.echoed.count, pid: got.pid, ...lo }, got.after.source)
    lab.check(got.echoed.count === plan.bytes, `only ${got.echoed.count} of ${plan.bytes} bytes came back`)
    lab.check(lo.txBytes >= 2 * got.echoed.count && lo.rxBytes >= 2 * got.echoed.count, `lo moved ${lo.txBytes} bytes out and ${lo.rxBytes} in for ${2 * got.echoed.count} bytes of echoed data`)
    lab.say(`A process inside it (pid ${got.pid}) listened on 127.0.0.1:${got.port}, sent itself ${mebibytes(got.echoed.count)} MiB and read them back in ${ms(got.echoed.elapsedMs)}. The only interface there is ${names[0]}.`)
    const overhead = lo.txBytes - 2 * got.echoed.count
    lab.say(`${got.after.source} inside the namespace: lo sent ${count(lo.txBytes)} bytes in ${count(lo.txPackets)} packets and received the same. Our data was ${count(2 * got.echoed.count)} bytes; the other ${count(overhead)} are the packets' TCP/IP headers and the acknowledgements, ${(overhead / lo.txPackets).toFixed(0)} bytes per packet. Nothing else moved them: no other program lives here.`)

    lab.explain('127.0.0.1 needs no network: not a card, not a cable, not a route to anywhere. The kernel\'s loopback interface takes each packet a program sends to it and hands it straight to the receiving socket on the same machine.')
    lab.explain('That is why a service bound to 127.0.0.1 works on a laptop in airplane mode, and why it cannot be reached from any other machine: there is no wire for a packet to arrive on.')
    lab.fix('If something on 127.0.0.1 fails, the network is not the suspect: look for the program (is it running, on this port, in this namespace or container?). `localhost-lab ports` lists who listens where.')
  },
})

/** How much is echoed: 10 MiB over lo in all (there and back). */
export const plan = { bytes: 5 * 1024 * 1024 }
