/**
 * port-exhaustion — `connect EADDRNOTAVAIL 127.0.0.1:8080 - Local (0.0.0.0:0)`.
 *
 * Every outgoing connection takes a port from the ephemeral range for its own end (the 62893 of 127.0.0.1:62893).
 * The range is large, but finite, and a closed connection keeps its port for a while (TIME_WAIT). In a fresh network
 * namespace, which has its own copy of the range, we narrow it to a handful of ports, run out, watch the closed
 * connections hold on to them, and then fix it twice: a wider range, and reusing one connection.
 */
import { createNamespace, defineScenario, hostPort, namespacesUnavailable, readPortRange, startAgent, sysctlSource, writePortRange } from './kit.js'

const RANGE = 'net.ipv4.ip_local_port_range'
/** How many ports the narrowed range holds: a handful, and even (Linux scans an even count of ports per connect). */
const HANDFUL = 6
/** Stop opening connections here even if none fails. */
const MAX_CONNECTIONS = 64

export default defineScenario({
  id: 'port-exhaustion',
  title: 'Running out of ephemeral ports',
  symptom: 'connect EADDRNOTAVAIL 127.0.0.1:8080 - Local (0.0.0.0:0)',
  codes: ['EADDRNOTAVAIL'],

  async run (lab) {
    const why = await namespacesUnavailable()
    if (why) {
      lab.skip(`${why}. What you would see: once every port of the ephemeral range is held by an open or recently closed connection, ` +
        'new connections fail with "connect EADDRNOTAVAIL ... - Local (0.0.0.0:0)"')
    }

    lab.step('A fresh network namespace with a server in it')
    const box = await createNamespace(lab, 'box')
    const agent = await startAgent(lab, box)
    const server = await agent.listen('http', { host: '127.0.0.1', name: 'HTTP server' })
    const wide = await readPortRange(box)
    lab.fact('ephemeral-range', RANGE, wide, sysctlSource(box, RANGE))
    lab.say(`Clients in ${box.name} take their own port from ${wide.first}-${wide.last}: ${wide.last - wide.first + 1} ports. The server got ${server.port} from the same range.`)

    lab.step(`Narrow the range to ${HANDFUL} ports (in this namespace only)`)
    // Right next to the server's port, so the range cannot include it.
    const first = server.port + 2 * HANDFUL <= 65535 ? server.port + 1 : server.port - 2 * HANDFUL
    const narrow = await writePortRange(box, first, first + HANDFUL - 1)
    lab.fact('ephemeral-range', RANGE, narrow, sysctlSource(box, RANGE))
    const size = narrow.last - narrow.first + 1
    lab.say(`Now every client connection in this namespace must use a port between ${narrow.first} and ${narrow.last}.`)

    lab.step('Open one connection per request, and keep them open')
    const attempts = await agent.exhaust(server.address, server.port, MAX_CONNECTIONS)
    const opened = attempts.filter((a) => a.ok)
    const failed = attempts.at(-1)!
    lab.check(failed.code === 'EADDRNOTAVAIL', `expected EADDRNOTAVAIL after ${opened.length} connections, got ${failed.code ?? 'none'}`)
    lab.say(`${opened.length} connections opened, from ports ${opened.map((a) => a.localPort).join(', ')}. Connection ${opened.length + 1} failed after ${failed.elapsedMs.toFixed(2)} ms: "${failed.message}".`)
    lab.say(`EADDRNOTAVAIL: no local address (port) was available for this connection. "Local (0.0.0.0:0)" is Node saying it had asked for any port. The server is fine; the client ran out.`)

    lab.step('Close them all: the ports are still taken')
    const closed = await agent.release()
    const held = (await agent.sockets()).filter((s) => s.state === 'TIME_WAIT' && s.localPort >= narrow.first && s.localPort <= narrow.last)
    lab.check(held.length > 0, 'no closed connection was found in TIME_WAIT')
    lab.fact('time-wait', 'sockets in TIME_WAIT on the narrowed range', held.map((s) => `${hostPort(s.localAddress, s.localPort)} → ${hostPort(s.remoteAddress, s.remotePort)}`), `/proc/net/tcp in ${box.name}`)
    const again = await agent.connect(server.address, server.port)
    const left = Math.max(...held.map((s) => s.timerSeconds ?? 0))
    lab.say(`We closed ${closed} connections. The kernel still lists ${held.length} of their ports in TIME_WAIT, for another ${left.toFixed(1)} s: the side that closes first keeps the pair a while, so late packets of the old connection cannot land in a new one.`)
    lab.say(again.ok
      ? `A new connection got through this time (from port ${again.localPort}): Linux may hand a TIME_WAIT port to a new connection on loopback once it is old enough (tcp_tw_reuse).`
      : `A new connection right after closing: ${again.code} again, after ${again.elapsedMs.toFixed(2)} ms. Closed is not free.`)

    lab.step('Fix 1: a wider range')
    const widened = await writePortRange(box, wide.first, wide.last)
    lab.fact('ephemeral-range', RANGE, widened, sysctlSource(box, RANGE))
    const next = await agent.connect(server.address, server.port)
    lab.check(next.ok, `still no port after widening the range: ${next.code}`)
    lab.say(`Back to the default ${widened.first}-${widened.last}: the next connection gets port ${next.localPort} in ${next.elapsedMs.toFixed(2)} ms.`)

    lab.step(`Fix 2: reuse connections (keep-alive), in a range of ${size} fresh ports`)
    const reuseFirst = first > server.port ? narrow.last + 1 : first - HANDFUL
    lab.fact('ephemeral-range', RANGE, await writePortRange(box, reuseFirst, reuseFirst + HANDFUL - 1), sysctlSource(box, RANGE))
    const requests = HANDFUL * 2
    const ports = new Set<number>()
    let answered = 0
    for (let i = 0; i < requests; i++) {
      const res = await agent.fetch(`${server.url}/`)
      if (!res.ok) continue
      answered += 1
      ports.add((JSON.parse(res.body!) as { client: { port: number } }).client.port)
    }
    lab.check(answered === requests, `only ${answered} of ${requests} keep-alive requests were answered`)
    lab.say(`${requests} requests with fetch (keep-alive is its default): all ${answered} answered, and the server saw them come from ${ports.size} port${ports.size === 1 ? '' : 's'} (${[...ports].join(', ')}). One connection per request would have stopped at ${opened.length}.`)

    lab.explain(`A TCP connection is identified by four numbers: both addresses and both ports. To the same server address and port, each connection needs a port of its own from the ephemeral range; here that was ${size} ports, with the default range ${wide.last - wide.first + 1}.`)
    lab.explain(`A closed connection keeps its port in TIME_WAIT (the kernel said ${left.toFixed(0)} s to go) on the side that closed first. A program that opens and closes a connection per request, fast, fills the range with TIME_WAIT and then gets EADDRNOTAVAIL, often under load, in production, and never on a laptop.`)
    lab.fix('Reuse connections: HTTP keep-alive (fetch and undici do it by default; give http.request an Agent with keepAlive: true), a database connection pool, one long-lived WebSocket instead of polling.')
    lab.fix(`Widen the range if you really need many connections: \`sysctl -w ${RANGE}="${wide.first} ${wide.last}"\` is the default here; lower the first number to get more. Count them with \`ss -tan state time-wait | wc -l\`.`)
  },
})
