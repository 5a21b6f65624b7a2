/**
 * ephemeral — where a number like 62893 comes from.
 *
 * Three real services ask the OS for "any free port" (port 0). The OS hands each one a number from its ephemeral
 * range, and every client that connects gets a number from the same range for its own end. Close the services and
 * those addresses answer ECONNREFUSED: the number meant "this program, right now", nothing more.
 *
 * A busy machine hands the numbers we close (or get-port finds free) to other programs at once: beside a churning
 * flood of port-0 listeners, 13 of 30 runs once met another program's listener on a port they had just closed. A
 * knock that should be refused and is accepted, or our listen on get-port's number that gets EADDRINUSE, is said
 * and recorded (fact `port-taken`), and that part is done again on a fresh port, at most `plan.portRetakes` times a
 * run: the lesson never narrates another program's door as its own.
 */
import getPort from 'get-port'
import {
  count, counterChanges, defineScenario, echoNoDelay, ephemeralRange, hostPort, inRange, knockRefused, LISTEN_TAKEN, mebibytes, ms, portRetakes,
  readInterfaceCounters, tcpThroughput, type Lab,
} from './kit.js'

export default defineScenario({
  id: 'ephemeral',
  title: 'Where 127.0.0.1:62893 comes from',
  symptom: 'A log line says 127.0.0.1:62893 and the number is different every run',
  codes: ['ECONNREFUSED'],

  async run (lab) {
    // The interface counters at the start: the window before the transfer, when nothing of ours leaves loopback.
    const atStart = await readInterfaceCounters()
    lab.step('Read the range the OS picks temporary ports from')
    const range = await ephemeralRange()
    if (range.known) {
      lab.fact('ephemeral-range', 'ephemeral port range', { first: range.first, last: range.last }, range.source)
      lab.say(`This machine hands out temporary ports between ${range.first} and ${range.last}: ${range.last - range.first + 1} numbers.`)
    } else {
      lab.fact('ephemeral-range', 'ephemeral port range', null)
      lab.say(`This system did not tell us its ephemeral range (${range.reason}). The ports below are still OS-assigned.`)
    }

    lab.step('Start three services on port 0 and let the OS choose')
    lab.say('Port 0 means "any free port, please". We bind 127.0.0.1 only, so nothing outside this machine can reach them.')
    const [http, ws, tcp] = await Promise.all([
      lab.http({ name: 'HTTP service (fastify)' }),
      lab.ws({ name: 'WebSocket service (ws)' }),
      // No Nagle delay on the echo: the counters step's last segment would otherwise wait ~40 ms for a delayed ACK.
      lab.tcp({ name: 'TCP echo service (node:net)', onConnection: echoNoDelay }),
    ])
    for (const s of [http, ws, tcp]) {
      const where = inRange(range, s.port)
      lab.say(`${s.name} got port ${s.port}${where === undefined ? '' : where ? ', inside the ephemeral range' : ', OUTSIDE the ephemeral range'}.`)
    }

    lab.step('Connect a client to each: the client gets a port too')
    const conn = await lab.connect(tcp.address, tcp.port)
    lab.check(conn.ok, `could not connect to our own TCP service: ${conn.code}`)
    lab.say(`The TCP connection is a pair of addresses: ${hostPort(conn.localAddress!, conn.localPort!)} → ${hostPort(conn.remoteAddress!, conn.remotePort!)}.`)
    lab.say(`The server's port ${tcp.port} is the office door; the client's port ${conn.localPort} is the return address the OS picked for this one call.`)

    const res = await lab.request(`${http.url}/`)
    lab.check(res.ok, `HTTP request to our own service failed: ${res.code ?? res.status}`)
    const seen = JSON.parse(res.body!) as { client: { address: string, port: number } }
    lab.say(`HTTP answered ${res.status} in ${res.elapsedMs.toFixed(2)} ms. The server saw the request come from ${hostPort(seen.client.address, seen.client.port)}: another temporary port.`)

    const echo = await lab.wsOpen(ws.url, { send: 'hello over loopback' })
    lab.check(echo.ok && echo.body === 'hello over loopback', `WebSocket echo failed: ${echo.code ?? echo.closeCode}`)
    lab.say(`WebSocket opened in ${echo.timings!.openMs!.toFixed(2)} ms from ${hostPort(echo.localAddress!, echo.localPort!)}; the echo came back in ${echo.timings!.roundTripMs!.toFixed(3)} ms.`)

    await countTheBytes(lab, tcp, atStart)

    lab.step('Restart a service: the number changes')
    const oldPort = http.port
    await lab.close(http)
    const again = await lab.http({ name: 'HTTP service, restarted' })
    lab.say(again.port === oldPort
      ? `It got ${again.port} again, by chance this time; the OS makes no promise either way.`
      : `Before: ${oldPort}. After: ${again.port}. Same program, same code, a different number. That is normal.`)

    lab.step('Three ways to choose a port')
    const retakes = portRetakes(lab, { limit: plan.portRetakes })
    let picked = await getPort({ host: '127.0.0.1' })
    lab.fact('get-port-picked', 'get-port picked', picked)
    let viaGetPort = await lab.tryListen((l) => l.tcp({ name: 'TCP on the port get-port picked', port: picked }))
    while (viaGetPort === undefined) {
      // The gap get-port leaves, met for real: the number was free when it checked, and taken when we listened.
      const next = await getPort({ host: '127.0.0.1' })
      retakes.taken({ port: picked, address: '127.0.0.1', what: LISTEN_TAKEN, was: 'free when get-port checked' }, `That is the gap get-port leaves, met for real. We asked it again, and it picked ${next}.`)
      picked = next
      lab.fact('get-port-picked', 'get-port picked', picked)
      viaGetPort = await lab.tryListen((l) => l.tcp({ name: 'TCP on the port get-port picked', port: picked }))
    }
    lab.say(`get-port found ${picked} free and we then listened on it (${viaGetPort.port}). It checks first and listens second, so another program could grab the port in between. Port 0 has no such gap.`)
    const preferred = await getPort({ host: '127.0.0.1', port: [tcp.port] })
    lab.say(`Asked get-port for ${tcp.port} (ours, busy), it offered ${preferred} instead.`)
    lab.say(`A fixed port, say ${tcp.port}, works only while nobody else holds it. We hold it, so a second listen fails:`)
    const clash = await lab.tryListen((l) => l.tcp({ name: 'second TCP service on a fixed port', port: tcp.port }))
    lab.check(clash === undefined, `listening twice on ${tcp.port} unexpectedly worked`)

    lab.step('Close everything')
    const gone = [ws, tcp, again, viaGetPort]
    for (const s of gone) await lab.close(s)
    lab.say(`The four services still open are closed: ports ${gone.map((s) => s.port).join(', ')} have no listener of ours any more.`)

    lab.step('Knock on the closed ports: each refuses')
    const waits: number[] = []
    for (const s of gone) {
      // If another program took the number meanwhile: knock instead on a port we open and close ourselves, at once.
      const knocked = await knockRefused(retakes, {
        port: s.port, address: s.address, was: 'ours until a moment ago',
        attempts: (p) => [() => lab.connect(s.address, p)],
        borrow: async () => { const fresh = await lab.tcp({ name: 'TCP service, opened to be closed', host: s.address }); await lab.close(fresh); return fresh.port },
        instead: (p) => `We opened port ${p}, closed it, and knocked there instead.`,
      })
      waits.push(knocked.outcomes[0]!.elapsedMs)
    }
    lab.say(`Each closed port answered ECONNREFUSED within ${Math.max(...waits).toFixed(2)} ms: the kernel knows no program listens there any more, and says so at once.`)

    lab.explain(`A number like ${tcp.port} is not an address anyone chose. The OS took the next free one from its ephemeral range when a program asked for "any port".`)
    lab.explain('It changes between runs because the program asks again each time. It is large because the range sits high, away from the well-known ports (80, 443, 5432) that services reserve.')
    lab.explain('Seeing 127.0.0.1 with such a port in a log is normal: it is one program on this computer talking to another, and the traffic never left the machine: the interface counters above say so.')
    lab.fix('If another program needs to find the service, do not hard-code the number. Print it, write it to a file, or pass it on: read server.address().port after listening on 0.')
    lab.fix('If you need a fixed port (a documented API, a browser bookmark), pick one outside the ephemeral range and handle EADDRINUSE with a clear message.')
  },
})

/**
 * The counters step echoes `counterBytes`: 10 MiB cross loopback in all (there and back), enough to stand out from
 * any background traffic; echoed rather than sent one way so the client knows every byte arrived. Tests read both.
 */
export const plan = {
  counterBytes: 5 * 1024 * 1024,
  /** How many of its ports a run lets other programs take (each part redone on a fresh one) before it gives up. */
  portRetakes: 5,
}

/**
 * The claim "the traffic never left the machine", measured: every interface's counters before and after echoing
 * `plan.counterBytes` through our TCP service on 127.0.0.1. The loopback interface carries them both ways; every
 * other interface moves what it moved anyway, compared with the window before (since the lesson began), when
 * nothing of ours left loopback either.
 */
async function countTheBytes (lab: Lab, tcp: { address: string, port: number }, atStart: Awaited<ReturnType<typeof readInterfaceCounters>>): Promise<void> {
  lab.step('Count the bytes on every interface: did anything leave the machine?')
  const before = await readInterfaceCounters()
  if (atStart === undefined || before === undefined) {
    lab.say('This system shows no interface counters (no /proc/net/dev, no netstat -ib): this step is skipped.')
    return
  }
  const echoed = await tcpThroughput(tcp.address, tcp.port, { bytes: plan.counterBytes, chunk: 256 * 1024, signal: lab.signal })
  const after = (await readInterfaceCounters())!
  const moved = counterChanges(before, after)
  const earlier = new Map(counterChanges(atStart, before).map((c) => [c.name, c]))
  const quietMs = before.at - atStart.at
  const windowMs = after.at - before.at
  const interfaces = moved.map((c) => ({
    name: c.name, loopback: c.loopback, rxBytes: c.rxBytes, txBytes: c.txBytes,
    quietRxBytes: earlier.get(c.name)?.rxBytes ?? 0, quietTxBytes: earlier.get(c.name)?.txBytes ?? 0,
  }))
  lab.fact('interface-counters', 'interface counters around the transfer', { echoedBytes: echoed.count, windowMs, quietMs, interfaces }, after.source)
  const lo = interfaces.find((i) => i.loopback)
  // Each byte crossed loopback twice (to the echo service and back), and a packet on lo is counted as sent and received.
  lab.check(lo !== undefined && lo.txBytes >= 2 * echoed.count && lo.rxBytes >= 2 * echoed.count,
    `the loopback interface moved ${lo?.txBytes ?? 'no'} bytes out and ${lo?.rxBytes ?? 'no'} in while we echoed ${echoed.count} bytes over 127.0.0.1`)
  lab.say(`We sent ${mebibytes(echoed.count)} MiB to the TCP echo service on ${hostPort(tcp.address, tcp.port)} and got them back: ${mebibytes(2 * echoed.count)} MiB over 127.0.0.1 in ${ms(echoed.elapsedMs)}. ${after.source} before and after:`)
  lab.say(`${lo!.name}: ${count(lo!.txBytes)} bytes sent, ${count(lo!.rxBytes)} received: at least the ${count(2 * echoed.count)} bytes of our data (${count(echoed.count)} each way), plus TCP/IP headers, acknowledgements, and whatever else on this machine used loopback meanwhile.`)
  const others = interfaces.filter((i) => !i.loopback)
  const still = others.filter((o) => o.txBytes + o.rxBytes + o.quietTxBytes + o.quietRxBytes === 0)
  for (const o of others.filter((o) => !still.includes(o))) {
    lab.say(`${o.name}: ${count(o.txBytes)} bytes sent, ${count(o.rxBytes)} received in those ${ms(windowMs)}; in the ${ms(quietMs)} before, while this lesson sent nothing anywhere but loopback, ${count(o.quietTxBytes)} and ${count(o.quietRxBytes)}.`)
  }
  if (still.length > 0) lab.say(`${still.map((o) => o.name).join(', ')}: nothing at all, in either window.`)
  lab.check(others.every((o) => o.txBytes < echoed.count && o.rxBytes < echoed.count), `an interface other than loopback moved as much as our ${echoed.count} bytes: ${others.map((o) => `${o.name} ${o.txBytes}/${o.rxBytes}`).join(', ')}`)
  if (others.length > still.length) lab.say(`None of the other interfaces moved anything like ${mebibytes(2 * echoed.count)} MiB: what they carried is this machine's background traffic, not ours.`)
}
