/**
 * ephemeral — where a number like 62893 comes from.
 *
 * Three real services ask the OS for "any free port" (port 0). The OS hands each one a number from its ephemeral
 * range, and every client that connects gets a number from the same range for its own end. Close the services and
 * those addresses answer ECONNREFUSED: the number meant "this program, right now", nothing more.
 */
import getPort from 'get-port'
import { defineScenario, ephemeralRange, hostPort, inRange } from './kit.js'

export default defineScenario({
  id: 'ephemeral',
  title: 'Where 127.0.0.1:62893 comes from',
  symptom: 'A log line says 127.0.0.1:62893 and the number is different every run',
  codes: ['ECONNREFUSED'],

  async run (lab) {
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
      lab.tcp({ name: 'TCP echo service (node:net)' }),
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

    const res = await lab.fetch(`${http.url}/`)
    lab.check(res.ok, `HTTP request to our own service failed: ${res.code ?? res.status}`)
    const seen = JSON.parse(res.body!) as { client: { address: string, port: number } }
    lab.say(`HTTP answered ${res.status} in ${res.elapsedMs.toFixed(2)} ms. The server saw the request come from ${hostPort(seen.client.address, seen.client.port)}: another temporary port.`)

    const echo = await lab.wsOpen(ws.url, { send: 'hello over loopback' })
    lab.check(echo.ok && echo.body === 'hello over loopback', `WebSocket echo failed: ${echo.code ?? echo.closeCode}`)
    lab.say(`WebSocket opened in ${echo.timings!.openMs!.toFixed(2)} ms from ${hostPort(echo.localAddress!, echo.localPort!)}; the echo came back in ${echo.timings!.roundTripMs!.toFixed(3)} ms.`)

    lab.step('Restart a service: the number changes')
    const oldPort = http.port
    await lab.close(http)
    const again = await lab.http({ name: 'HTTP service, restarted' })
    lab.say(again.port === oldPort
      ? `It got ${again.port} again, by chance this time; the OS makes no promise either way.`
      : `Before: ${oldPort}. After: ${again.port}. Same program, same code, a different number. That is normal.`)

    lab.step('Three ways to choose a port')
    const picked = await getPort({ host: '127.0.0.1' })
    lab.fact('get-port-picked', 'get-port picked', picked)
    const viaGetPort = await lab.tcp({ name: 'TCP on the port get-port picked', port: picked })
    lab.say(`get-port found ${picked} free and we then listened on it (${viaGetPort.port}). It checks first and listens second, so another program could grab the port in between. Port 0 has no such gap.`)
    const preferred = await getPort({ host: '127.0.0.1', port: [tcp.port] })
    lab.say(`Asked get-port for ${tcp.port} (ours, busy), it offered ${preferred} instead.`)
    lab.say(`A fixed port, say ${tcp.port}, works only while nobody else holds it. We hold it, so a second listen fails:`)
    const clash = await lab.tryListen((l) => l.tcp({ name: 'second TCP service on a fixed port', port: tcp.port }))
    lab.check(clash === undefined, `listening twice on ${tcp.port} unexpectedly worked`)

    lab.step('Close everything: the old addresses now refuse')
    const gone = [ws, tcp, again, viaGetPort]
    for (const s of gone) await lab.close(s)
    const waits: number[] = []
    for (const s of gone) {
      const after = await lab.connect(s.address, s.port)
      lab.check(after.code === 'ECONNREFUSED', `expected ECONNREFUSED on closed port ${s.port}, got ${after.code ?? 'a connection'}`)
      waits.push(after.elapsedMs)
    }
    lab.say(`Each closed port answered ECONNREFUSED within ${Math.max(...waits).toFixed(2)} ms: the kernel knows no program listens there any more, and says so at once.`)

    lab.explain(`A number like ${tcp.port} is not an address anyone chose. The OS took the next free one from its ephemeral range when a program asked for "any port".`)
    lab.explain('It changes between runs because the program asks again each time. It is large because the range sits high, away from the well-known ports (80, 443, 5432) that services reserve.')
    lab.explain('Seeing 127.0.0.1 with such a port in a log is normal: it is one program on this computer talking to another, and the traffic never left the machine.')
    lab.fix('If another program needs to find the service, do not hard-code the number. Print it, write it to a file, or pass it on: read server.address().port after listening on 0.')
    lab.fix('If you need a fixed port (a documented API, a browser bookmark), pick one outside the ephemeral range and handle EADDRINUSE with a clear message.')
  },
})
