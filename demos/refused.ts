/**
 * refused — nothing listens on that port.
 *
 * The most common localhost error. A client asks for 127.0.0.1:P, the kernel finds no program listening on P and
 * answers at once with a reset. Each kind of client reports it in its own words: net.connect says ECONNREFUSED, fetch
 * says only "fetch failed" and keeps the reason in `err.cause`, ws emits an error and then closes with 1006. Start
 * the service on that port, and the very same clients connect.
 *
 * The port is borrowed, so a busy machine may hand it to another program before we knock: a client that is not
 * refused met someone else's door. That is said and recorded (fact `port-taken`), and the part redone on a fresh
 * port, at most `plan.portRetakes` times a run.
 */
import { defineScenario, freePort, knockRefused, LISTEN_TAKEN, ms, portRetakes, type Outcome } from './kit.js'

/** How many borrowed ports a run lets other programs take (that part redone on a fresh one) before it gives up. Tests read it. */
export const plan = { portRetakes: 5 }

export default defineScenario({
  id: 'refused',
  title: 'Nothing listens on that port: connection refused',
  symptom: 'Error: connect ECONNREFUSED 127.0.0.1:3000 (from fetch: TypeError: fetch failed)',
  codes: ['ECONNREFUSED'],

  async run (lab) {
    lab.step('Borrow a port from the OS, then give it back')
    let port = await freePort({ lab })
    lab.say(`We listened on port 0, the OS gave us ${port}, and we closed it again. Nothing listens on 127.0.0.1:${port} now.`)
    const retakes = portRetakes(lab, { limit: plan.portRetakes })
    /** TCP, fetch and ws on the borrowed port; on a fresh one if another program took it meanwhile. */
    const clients = (p: number) => [() => lab.connect('127.0.0.1', p), () => lab.fetch(`http://127.0.0.1:${p}/`), () => lab.wsOpen(`ws://127.0.0.1:${p}/`)]
    const knock = async (): Promise<Outcome[]> => {
      const knocked = await knockRefused(retakes, { port, address: '127.0.0.1', borrow: () => freePort({ lab }), attempts: clients })
      port = knocked.port
      return knocked.outcomes
    }

    lab.step('Connect three kinds of client to it')
    const [tcp, http, ws] = await knock() as [Outcome, Outcome, Outcome]
    const cause = http.causes?.find((c) => c.code === 'ECONNREFUSED')
    lab.check(cause !== undefined, 'fetch failed without the socket error in its cause')
    lab.say(`net.connect's error carries everything: err.code ${tcp.code}, err.syscall ${tcp.syscall}, err.address ${tcp.address}, err.port ${tcp.port}.`)
    lab.say(`fetch says only "${http.message}". The reason is one level down, in err.cause: "${cause!.message}". Log err.cause, or you never see it.`)
    lab.say(`ws emits 'error' with "${ws.message}", then 'close' with code ${ws.closeCode}: the connection ended without a close frame, because it never began.`)

    lab.step('Once more, now that the clients are warmed up')
    const warm = await knock()
    const [tcp2, http2, ws2] = warm as [typeof tcp, typeof http, typeof ws]
    lab.say(`The first tries took ${ms(tcp.elapsedMs)} (TCP), ${ms(http.elapsedMs)} (fetch) and ${ms(ws.elapsedMs)} (ws), mostly each client loading its own code. Warm: ${ms(tcp2.elapsedMs)}, ${ms(http2.elapsedMs)} and ${ms(ws2.elapsedMs)}.`)
    lab.explain(`Nothing waited. No program listens on ${port}, so the kernel answers the connection request (SYN) with a reset (RST) at once, and the client reports ECONNREFUSED.`)
    lab.explain(`A timeout is the opposite: no answer at all, and the client waits as long as it was told to (\`localhost-lab demo hung\`). Refused within ${ms(tcp2.elapsedMs)} means "nobody is there"; a long wait means "something is there, or in the way, and not answering".`)

    lab.step('Start the service on that same port, and connect again')
    let service = await lab.tryListen((l) => l.http({ port, websocket: true, name: 'HTTP + WebSocket service' }))
    if (service === undefined) {
      retakes.taken({ port, address: '127.0.0.1', what: LISTEN_TAKEN, was: 'free a moment ago' }, 'A port is not reserved for anyone. We asked the OS for a fresh one instead.')
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
