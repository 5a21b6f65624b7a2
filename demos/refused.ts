/**
 * refused — nothing listens on that port.
 *
 * The most common localhost error. A client asks for 127.0.0.1:P, the kernel finds no program listening on P and
 * answers at once with a reset. Each kind of client reports it in its own words: net.connect says ECONNREFUSED, fetch
 * says only "fetch failed" and keeps the reason in `err.cause`, ws emits an error and then closes with 1006. Start
 * the service on that port, and the very same clients connect.
 */
import { defineScenario, ms, freePort } from './kit.js'

export default defineScenario({
  id: 'refused',
  title: 'Nothing listens on that port: connection refused',
  symptom: 'Error: connect ECONNREFUSED 127.0.0.1:3000 (from fetch: TypeError: fetch failed)',
  codes: ['ECONNREFUSED'],

  async run (lab) {
    lab.step('Borrow a port from the OS, then give it back')
    const port = await freePort({ lab })
    lab.say(`We listened on port 0, the OS gave us ${port}, and we closed it again. Nothing listens on 127.0.0.1:${port} now.`)

    lab.step('Connect three kinds of client to it')
    const tcp = await lab.connect('127.0.0.1', port)
    const http = await lab.fetch(`http://127.0.0.1:${port}/`)
    const ws = await lab.wsOpen(`ws://127.0.0.1:${port}/`)
    for (const o of [tcp, http, ws]) lab.check(o.code === 'ECONNREFUSED', `${o.client}: expected ECONNREFUSED, got ${o.code ?? 'a connection'}`)
    const cause = http.causes?.find((c) => c.code === 'ECONNREFUSED')
    lab.check(cause !== undefined, 'fetch failed without the socket error in its cause')
    lab.say(`net.connect's error carries everything: err.code ${tcp.code}, err.syscall ${tcp.syscall}, err.address ${tcp.address}, err.port ${tcp.port}.`)
    lab.say(`fetch says only "${http.message}". The reason is one level down, in err.cause: "${cause!.message}". Log err.cause, or you never see it.`)
    lab.say(`ws emits 'error' with "${ws.message}", then 'close' with code ${ws.closeCode}: the connection ended without a close frame, because it never began.`)

    lab.step('Once more, now that the clients are warmed up')
    const warm = [
      await lab.connect('127.0.0.1', port),
      await lab.fetch(`http://127.0.0.1:${port}/`),
      await lab.wsOpen(`ws://127.0.0.1:${port}/`),
    ]
    for (const o of warm) lab.check(o.code === 'ECONNREFUSED', `${o.client}: expected ECONNREFUSED again, got ${o.code ?? 'a connection'}`)
    const [tcp2, http2, ws2] = warm as [typeof tcp, typeof http, typeof ws]
    lab.say(`The first tries took ${ms(tcp.elapsedMs)} (TCP), ${ms(http.elapsedMs)} (fetch) and ${ms(ws.elapsedMs)} (ws), mostly each client loading its own code. Warm: ${ms(tcp2.elapsedMs)}, ${ms(http2.elapsedMs)} and ${ms(ws2.elapsedMs)}.`)
    lab.explain(`Nothing waited. No program listens on ${port}, so the kernel answers the connection request (SYN) with a reset (RST) at once, and the client reports ECONNREFUSED.`)
    lab.explain(`A timeout is the opposite: no answer at all, and the client waits as long as it was told to (\`localhost-lab demo hung\`). Refused within ${ms(tcp2.elapsedMs)} means "nobody is there"; a long wait means "something is there, or in the way, and not answering".`)

    lab.step('Start the service on that same port, and connect again')
    let service = await lab.tryListen((l) => l.http({ port, websocket: true, name: 'HTTP + WebSocket service' }))
    if (service === undefined) {
      lab.say(`Port ${port} was taken by another program in the moment since we checked (a port is not reserved for anyone). Asking the OS for a fresh one instead.`)
      service = await lab.http({ websocket: true, name: 'HTTP + WebSocket service' })
    }
    const p = service.port
    const tcpOk = await lab.connect(service.address, p)
    const httpOk = await lab.fetch(`${service.url}/`)
    const wsOk = await lab.wsOpen(`${service.url.replace(/^http/, 'ws')}/`, { send: 'hello' })
    lab.check(tcpOk.ok && httpOk.status === 200 && wsOk.ok && wsOk.body === 'hello', 'a client still failed with the service running')
    lab.say(`Same clients, same code, and now: TCP connected in ${ms(tcpOk.elapsedMs)}, fetch got HTTP ${httpOk.status} in ${ms(httpOk.elapsedMs)}, the WebSocket opened and echoed in ${ms(wsOk.elapsedMs)}.`)
    await lab.close(service)

    lab.fix(`Is the service running? Look for a listener on the port: \`ss -ltnp 'sport = :${p}'\` (Linux), \`lsof -nP -iTCP:${p} -sTCP:LISTEN\` (macOS), \`netstat -ano | findstr :${p}\` (Windows).`)
    lab.fix('Do the client and the service agree on the port? Check the config, the PORT variable, or the port the service printed when it started.')
    lab.fix('Do they agree on the address? A service on ::1 only refuses 127.0.0.1, and the other way round (`localhost-lab demo localhost-ipv6`).')
    lab.fix('Still starting? Wait for it with backoff and a deadline instead of failing on the first refusal (`localhost-lab demo startup-race`).')
  },
})
