/**
 * localhost-ipv6 — `localhost` is a name, and it may mean ::1.
 *
 * A machine has two loopback addresses: 127.0.0.1 (IPv4) and ::1 (IPv6). A server listening on one of them is not
 * reachable on the other, on the same port. Which one a client uses for `localhost` depends on the hosts file and on
 * Node's settings. We read both, refuse each family on purpose, reproduce `connect ECONNREFUSED ::1:P` with a resolver
 * that answers ::1 first, show what Happy Eyeballs changes, then try each fix.
 *
 * The port is borrowed (free on both addresses a moment ago), so another program may take it meanwhile: a busy machine
 * hands port-0 listeners the same numbers. When a connect that must be refused is accepted, or our listen on the
 * other address fails with EADDRINUSE, that door is someone else's: we close ours, say so, borrow a fresh port and
 * redo that part (at most `plan.portRetakes` times a run), rather than narrate another program's answer as ours.
 */
import {
  canListenOn, defineScenario, freePort, hostPort, hostsFilePath, hostsLines, hostsLookup, LISTEN_TAKEN, lookupAll, ms,
  nodeNetDefaults, portRetakes, setResultOrder, takenBy, whileRefused, type Outcome,
} from './kit.js'

/** How many times a run borrows a fresh port because another program took ours meanwhile. Tests read it. */
export const plan = { portRetakes: 5 }

/** "ECONNREFUSED (IPv4 127.0.0.1:P)" for a failure, "connected to [::1]:P" for a success. */
function result (o: Outcome): string {
  if (o.ok) return `connected to ${hostPort(o.remoteAddress ?? o.target.host, o.remotePort ?? o.target.port)}`
  return `${o.code} (${o.family ?? 'address'} ${hostPort(o.address ?? o.target.host, o.port ?? o.target.port)})`
}

export default defineScenario({
  id: 'localhost-ipv6',
  title: 'localhost means ::1 to one program and 127.0.0.1 to another',
  symptom: 'Error: connect ECONNREFUSED ::1:3000, while the server is up on 127.0.0.1:3000',
  codes: ['ECONNREFUSED'],

  async run (lab) {
    lab.step('How this machine resolves localhost')
    const resolved = await lookupAll('localhost')
    lab.fact('localhost-lookup', "dns.lookup('localhost', { all: true })", resolved.map((a) => a.address).join(', '))
    const hostsPath = hostsFilePath()
    const lines = await hostsLines('localhost', hostsPath)
    if (lines !== undefined) lab.fact('hosts-file-localhost', `lines of ${hostsPath} that name localhost`, lines.join(' | '), hostsPath)
    const node = nodeNetDefaults()
    lab.fact('result-order', 'dns.getDefaultResultOrder()', node.resultOrder)
    lab.fact('auto-select-family', 'net.getDefaultAutoSelectFamily()', node.autoSelectFamily)
    const hasV6 = resolved.some((a) => a.family === 'IPv6')
    lab.say(`Here, localhost resolves to ${resolved.map((a) => `${a.address} (${a.family})`).join(', then ')}. ${hasV6 ? 'Other machines list only 127.0.0.1, or ::1 last' : 'Other machines list ::1 too, often first'}: never assume, look.`)
    lab.say(`This Node (${process.version}) hands the addresses to a client in '${node.resultOrder}' order${node.resultOrder === 'verbatim' ? ', as the resolver gave them' : ''}, and with autoSelectFamily ${node.autoSelectFamily ? 'on it tries every address of a name (Happy Eyeballs)' : 'off it tries only the first address of a name'}.`)
    if (node.resultOrder === 'ipv4first') {
      lab.say("This Node already puts IPv4 first (as --dns-result-order=ipv4first does), which is one of the fixes below. To show the failure first, this run sorts 'verbatim' until then.")
      lab.defer(setResultOrder('verbatim'))
    }
    const v6 = await canListenOn('::1')
    if (!v6.ok) lab.skip(`this machine has no IPv6 loopback: listening on ::1 failed (${v6.code ?? v6.message}), so localhost can only mean 127.0.0.1 here`)
    lab.say('This machine has both loopback addresses: we could listen on ::1 as well as on 127.0.0.1.')
    // The OS picks the number on 127.0.0.1, the address other programs crowd: it hands ::1 port-0 listeners the
    // numbers a flood of 127.0.0.1 listeners holds, so picking on ::1 first failed 21 of 30 runs beside one.
    const borrow = async (): Promise<number> => {
      const p = await freePort({ host: ['127.0.0.1', '::1'] })
      lab.fact('borrowed-port', 'a port free on 127.0.0.1 and ::1 a moment ago', p, 'listened on port 0 on 127.0.0.1, the same number on ::1, closed both')
      return p
    }
    let port = await borrow()
    const retakes = portRetakes(lab, { limit: plan.portRetakes })
    /** Another program took `port` on `address` meanwhile: say so, and borrow a fresh one. */
    const retake = async (address: string, what: string): Promise<void> => {
      const fresh = await borrow()
      retakes.taken({ port, address, what, was: 'free a moment ago' }, `We closed ours and borrowed port ${fresh} to do this part again.`)
      port = fresh
    }

    lab.step('A server on ::1 only; clients go to 127.0.0.1')
    let onV6: Awaited<ReturnType<typeof lab.http>>
    let round: Awaited<ReturnType<typeof whileRefused>>
    for (;;) {
      const listening = await lab.tryListen((l) => l.http({ name: 'HTTP + WebSocket service on ::1 only', host: '::1', port, websocket: true }))
      if (listening === undefined) { await retake('::1', LISTEN_TAKEN); continue }
      onV6 = listening
      round = await whileRefused([() => lab.connect('127.0.0.1', port), () => lab.fetch(`http://127.0.0.1:${port}/`), () => lab.wsOpen(`ws://127.0.0.1:${port}/`)])
      if (round.other === undefined) break
      await lab.close(onV6)
      await retake('127.0.0.1', takenBy(round.other))
    }
    const [tcp4, http4, ws4] = round.outcomes as [Outcome, Outcome, Outcome]
    lab.check([tcp4, http4, ws4].every((o) => o.code === 'ECONNREFUSED' && o.family === 'IPv4'), 'expected every client to be refused on 127.0.0.1')
    lab.say(`Port ${port} is open on ::1, yet TCP, fetch and ws were all refused on 127.0.0.1: "${tcp4.message}". Each address is its own door; the same number on the other address is a different, closed door.`)
    const byName = await lab.fetch(`http://localhost:${port}/`)
    lab.say(byName.ok
      ? `fetch('http://localhost:${port}/') still worked here: the resolver offered ::1 and Node reached it.`
      : `fetch('http://localhost:${port}/') failed too, with ${result(byName)}: on this machine localhost is ${resolved.map((a) => a.address).join(' and ')}, and the server is on ::1 only.`)

    lab.step('The reverse: a server on 127.0.0.1 only; clients go to ::1')
    await lab.close(onV6)
    const listenV4 = async (): Promise<typeof onV6> => {
      for (;;) {
        const listening = await lab.tryListen((l) => l.http({ name: 'HTTP + WebSocket service on 127.0.0.1 only', host: '127.0.0.1', port, websocket: true }))
        if (listening !== undefined) return listening
        await retake('127.0.0.1', LISTEN_TAKEN)
      }
    }
    let onV4 = await listenV4()
    for (;;) {
      round = await whileRefused([() => lab.connect('::1', port), () => lab.fetch(`http://[::1]:${port}/`), () => lab.wsOpen(`ws://[::1]:${port}/`)])
      if (round.other === undefined) break
      await lab.close(onV4)
      await retake('::1', takenBy(round.other))
      onV4 = await listenV4()
    }
    const [tcp6, http6, ws6] = round.outcomes as [Outcome, Outcome, Outcome]
    lab.check([tcp6, http6, ws6].every((o) => o.code === 'ECONNREFUSED' && o.family === 'IPv6'), 'expected every client to be refused on ::1')
    lab.say(`Now the server is on 127.0.0.1:${port}, and ::1 refuses: "${tcp6.message}" (TCP, fetch and ws alike). The brackets in http://[::1]:${port}/ are how a URL writes an IPv6 address with a port.`)

    lab.step('A resolver that says ::1 first')
    // Answer localhost the way a hosts file with `::1 localhost` above `127.0.0.1 localhost` does.
    const lookup = hostsLookup({ localhost: ['::1', '127.0.0.1'] })
    lab.say("Many hosts files list `::1 localhost` first. We hand the TCP and WebSocket clients a resolver that answers that way (fetch has no lookup option; undici's Agent has one, but only the undici package exposes it).")
    for (;;) {
      round = await whileRefused([() => lab.connect('localhost', port, { lookup, autoSelectFamily: false }), () => lab.wsOpen(`ws://localhost:${port}/`, { lookup, autoSelectFamily: false })])
      if (round.other === undefined) break
      await lab.close(onV4)
      await retake('::1', takenBy(round.other))
      onV4 = await listenV4()
    }
    const [single, singleWs] = round.outcomes as [Outcome, Outcome]
    lab.check(single.code === 'ECONNREFUSED' && single.address === '::1', `expected ECONNREFUSED on ::1, got ${single.code ?? 'a connection'}`)
    lab.say(`With autoSelectFamily off, Node tries only the first address: "${single.message}" (ws: "${singleWs.message}"). The server is up, on 127.0.0.1:${port}. That is the classic symptom.`)
    const eyeballs = await lab.connect('localhost', port, { lookup, autoSelectFamily: true })
    const eyeballsWs = await lab.wsOpen(`ws://localhost:${port}/`, { lookup, autoSelectFamily: true, send: 'hello' })
    lab.check(eyeballs.ok && eyeballs.family === 'IPv4', `expected Happy Eyeballs to fall back to 127.0.0.1, got ${eyeballs.code}`)
    lab.say(`With autoSelectFamily on, Node tried ${eyeballs.attempted?.join(', then ') ?? 'both addresses'}: ::1 refused at once, so it moved on and ${result(eyeballs)} in ${ms(eyeballs.elapsedMs)}. The WebSocket did the same and echoed in ${ms(eyeballsWs.timings?.roundTripMs ?? 0)}.`)

    lab.step('When neither address answers')
    await lab.close(onV4)
    let neither = await lab.connect('localhost', port, { lookup, autoSelectFamily: true })
    while (neither.ok) {
      await retake(neither.remoteAddress ?? 'localhost', takenBy(neither))
      neither = await lab.connect('localhost', port, { lookup, autoSelectFamily: true })
    }
    lab.check(neither.errorName === 'AggregateError' && (neither.causes?.length ?? 0) >= 2, `expected an AggregateError with an error per address, got ${neither.errorName ?? neither.code}`)
    lab.say(`Node tried both and threw ${neither.errorName} [${neither.code}] with an empty message. The addresses are inside, in err.errors: ${neither.causes!.map((c) => `"${c.message}"`).join(' and ')}.`)
    lab.explain('Code that prints only err.message shows an empty line here. Match on err.code (set on the AggregateError too) and read err.errors for the addresses tried.')

    lab.step('The fixes, each tried')
    let both6: typeof onV6 | undefined, both4: typeof onV6 | undefined
    for (;;) {
      both6 = await lab.tryListen((l) => l.http({ name: 'the service on ::1', host: '::1', port, websocket: true }))
      if (both6 !== undefined) both4 = await lab.tryListen((l) => l.http({ name: 'the service on 127.0.0.1', host: '127.0.0.1', port, websocket: true }))
      if (both4 !== undefined) break
      if (both6 !== undefined) await lab.close(both6)
      await retake(both6 === undefined ? '::1' : '127.0.0.1', LISTEN_TAKEN)
    }
    const listenBoth = await lab.connect('localhost', port, { lookup, autoSelectFamily: false })
    lab.check(listenBoth.ok, `listening on both did not help: ${listenBoth.code}`)
    lab.say(`Listen on both loopback addresses: a client with the ::1-first resolver and autoSelectFamily off ${result(listenBoth)}.`)
    await lab.close(both6!)
    const explicit = await lab.fetch(`http://127.0.0.1:${port}/`)
    lab.check(explicit.ok, `connecting to 127.0.0.1 explicitly failed: ${explicit.code}`)
    lab.say(`Use the address, not the name: with the server on 127.0.0.1 only again, fetch('http://127.0.0.1:${port}/') answered HTTP ${explicit.status} in ${ms(explicit.elapsedMs)}.`)
    lab.defer(setResultOrder('ipv4first'))
    const ordered = await lab.connect('localhost', port, { lookup, autoSelectFamily: false })
    lab.check(ordered.ok, `ipv4first did not help: ${ordered.code}`)
    lab.say(`Put IPv4 first: with the result order set to ipv4first (what node --dns-result-order=ipv4first does), the same ::1-first answer is sorted 127.0.0.1 first, and the client ${result(ordered)}.`)
    await lab.close(both4)

    lab.explain('127.0.0.1 and ::1 are two addresses of the same machine. A server bound to one is not listening on the other, and the kernel refuses at once.')
    lab.explain('`localhost` is only a name. The hosts file decides which addresses it has and in what order; Node decides how many of them to try (autoSelectFamily) and in what order (the result order).')
    lab.fix('Listen on both: one listener on 127.0.0.1 and one on ::1, same port. Or listen on the exact address your clients use.')
    lab.fix('Connect to the address, not the name: http://127.0.0.1:PORT (or http://[::1]:PORT) when you know where the server listens.')
    lab.fix('Start Node with --dns-result-order=ipv4first (or call dns.setDefaultResultOrder(\'ipv4first\')) so IPv4 comes first for names with both.')
    lab.fix(node.autoSelectFamily
      ? 'Keep autoSelectFamily on (the default in this Node), so a refused first address is not the end.'
      : 'Turn autoSelectFamily on (net.setDefaultAutoSelectFamily(true), or autoSelectFamily: true per connection), so a refused first address is not the end.')
  },
})
