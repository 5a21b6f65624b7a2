/**
 * zero-address — "the server printed http://0.0.0.0:3000, and that URL works here but not there".
 *
 * 0.0.0.0 is not a place. To listen() it means "every address this machine has"; a dev server that prints it is
 * listening on every interface, reachable from the network. As the destination of a connect() it means nothing by the
 * standard, and each system decides: Linux quietly sends it to 127.0.0.1 (measured here: the peer address the server
 * sees), so the URL "works", but only on the machine itself, and only for a listener that has 127.0.0.1; Windows
 * refuses it outright (documented, quoted with its sources, not measured here). The fix: connect to a real address.
 */
import { canListenOn, cabledNamespaces, defineScenario, hostPort, namespacesUnavailable, startAgent } from './kit.js'

/** What Windows does with 0.0.0.0 as a destination: documented behaviour, each entry with where it is written. */
const windowsConnectToAny = [
  {
    says: 'if the address field of the name structure is all zeroes, connect() will return the error WSAEADDRNOTAVAIL',
    source: 'Windows Sockets 1.1 specification, connect(): https://komh.github.io/os2books/os2tk45/winsoc11/050_L3_connect.html',
  },
  {
    says: 'Subsequent connection attempts to INADDR_ANY:someport will fail with winsock',
    source: 'GLib merge request "socket test: Use loopback for connecting, not 0.0.0.0": https://gitlab.gnome.org/GNOME/glib/-/merge_requests/664',
  },
  {
    says: 'OSError: [WinError 10049] The requested address is not valid in its context',
    source: 'ammaraskar/pyCraft#64 (a client connecting to the 0.0.0.0 its server was bound to, on Windows)',
  },
] as const

export default defineScenario({
  id: 'zero-address',
  title: '0.0.0.0 is not a destination: what connecting to it does here, and elsewhere',
  symptom: 'Local: http://0.0.0.0:3000 works on the server, ECONNREFUSED from another machine, connect EADDRNOTAVAIL 0.0.0.0:3000 on Windows',
  codes: ['ECONNREFUSED'],

  async run (lab) {
    if (process.platform === 'win32') lab.skip('Windows refuses 0.0.0.0 as a destination (WSAEADDRNOTAVAIL, Node: connect EADDRNOTAVAIL); this lesson measures what Linux does with it')
    lab.step('A service on 127.0.0.1, called at 0.0.0.0')
    const local = await lab.http({ name: 'service on 127.0.0.1' })
    const tcp = await lab.connect('0.0.0.0', local.port)
    const http = await lab.fetch(`http://0.0.0.0:${local.port}/`)
    lab.check(tcp.ok && http.status === 200, `0.0.0.0:${local.port} did not reach the 127.0.0.1 service: ${tcp.code ?? ''} ${http.code ?? http.status}`)
    const seen = JSON.parse(http.body!) as { server: { address: string, port: number }, client: { address: string, port: number } }
    lab.fact('zero-destination', 'where a connect to 0.0.0.0 went', { family: 'IPv4',  asked: hostPort('0.0.0.0', local.port), connectedTo: hostPort(tcp.remoteAddress!, tcp.remotePort!), from: hostPort(tcp.localAddress!, tcp.localPort!), serverSawClient: seen.client.address }, 'our socket\'s remote address, and the client address the service saw')
    lab.say(`We asked for 0.0.0.0:${local.port}. The socket connected to ${hostPort(tcp.remoteAddress!, tcp.remotePort!)} from ${hostPort(tcp.localAddress!, tcp.localPort!)}, in ${tcp.elapsedMs.toFixed(2)} ms.`)
    lab.say(`fetch http://0.0.0.0:${local.port}/ got HTTP ${http.status}. The service saw its client come from ${seen.client.address}: ${process.platform === 'linux' ? 'the kernel' : 'this system'} rewrote the destination to loopback.`)

    const v6 = await canListenOn('::1')
    if (v6.ok) {
      const local6 = await lab.http({ host: '::1', name: 'service on ::1' })
      const tcp6 = await lab.connect('::', local6.port)
      lab.check(tcp6.ok, `[::]:${local6.port} did not reach the ::1 service: ${tcp6.code}`)
      lab.fact('zero-destination', 'where a connect to :: went', { family: 'IPv6',  asked: hostPort('::', local6.port), connectedTo: hostPort(tcp6.remoteAddress!, tcp6.remotePort!) }, 'getpeername()')
      lab.say(`The IPv6 "any" address does the same: [::]:${local6.port} connected to ${hostPort(tcp6.remoteAddress!, tcp6.remotePort!)}.`)
      await lab.close(local6)
    } else {
      lab.say(`No IPv6 loopback here (${v6.code ?? v6.message}), so [::] as a destination is not measured.`)
    }
    await lab.close(local)

    const why = await namespacesUnavailable()
    if (why) {
      lab.skip(`${why}. The rest needs a second machine and a listener on 0.0.0.0, which this lab only opens inside a namespace of its own. ` +
        'What you would see: a service on 0.0.0.0 reached at 0.0.0.0 from its own machine and at its network address from the next one; 0.0.0.0 typed on the next machine refused (ECONNREFUSED); and a service on the network address alone refused at 0.0.0.0')
    }

    lab.step('A dev server on 0.0.0.0, and the machine next to it')
    const [server, neighbour] = await cabledNamespaces(lab, 'server', 'neighbour')
    // One agent per machine, both at once: each is a Node process, and two start in about the time of one.
    const [onServer, onNeighbour] = await Promise.all([startAgent(lab, server), startAgent(lab, neighbour)])
    const dev = await onServer.listen('http', { host: '0.0.0.0', name: 'dev server on 0.0.0.0' })
    const port = dev.port
    lab.say(`It listens on ${hostPort('0.0.0.0', port)} and would print "Local: http://0.0.0.0:${port}". The server machine has 127.0.0.1 and ${server.address}; the neighbour is ${neighbour.address}.`)
    const own = await onServer.fetch(`http://0.0.0.0:${port}/`)
    const across = await onNeighbour.fetch(`http://${hostPort(server.address, port)}/`)
    lab.check(own.ok && across.ok, `the 0.0.0.0 service should answer both: ${own.code ?? own.status}, ${across.code ?? across.status}`)
    const ownSeen = (JSON.parse(own.body!) as { client: { address: string } }).client.address
    const acrossSeen = (JSON.parse(across.body!) as { client: { address: string } }).client.address
    lab.say(`On the server, http://0.0.0.0:${port}/ answers ${own.status}; the service saw the client come from ${ownSeen}.`)
    lab.say(`From the neighbour, http://${hostPort(server.address, port)}/ answers ${across.status}; the service saw ${acrossSeen}. Listening on 0.0.0.0 answered a machine we never named.`)

    lab.step('The printed URL, typed on the neighbour')
    const typed = await onNeighbour.fetch(`http://0.0.0.0:${port}/`)
    lab.check(typed.code === 'ECONNREFUSED', `expected 0.0.0.0:${port} to be refused on the neighbour, got ${typed.code ?? typed.status}`)
    lab.say(`On the neighbour, http://0.0.0.0:${port}/ is ${typed.code} (${hostPort(typed.address!, typed.port!)}) after ${typed.elapsedMs.toFixed(2)} ms: there, 0.0.0.0 means the neighbour itself, and nothing listens on its loopback.`)
    await onServer.close(dev)

    lab.step('A service on the network address only, called at 0.0.0.0')
    const wired = await onServer.listen('http', { host: server.address, port, name: `service on ${server.address} only` })
    const zero = await onServer.fetch(`http://0.0.0.0:${port}/`)
    const direct = await onServer.fetch(`${wired.url}/`)
    lab.check(zero.code === 'ECONNREFUSED' && direct.ok, `expected 0.0.0.0 refused and ${wired.url} answering: ${zero.code ?? zero.status}, ${direct.code ?? direct.status}`)
    lab.say(`Same machine, same port: ${wired.url}/ answers ${direct.status}, http://0.0.0.0:${port}/ is ${zero.code}. As a destination, 0.0.0.0 is 127.0.0.1, not "any of my addresses".`)

    lab.step('Windows: documented, not measured here')
    for (const w of windowsConnectToAny) lab.fact('windows-connect-to-any', 'Windows and 0.0.0.0 as a destination', { says: w.says, measured: false }, w.source)
    lab.say(`On Windows the same http://0.0.0.0:${port} fails at once: Winsock refuses an all-zero destination with WSAEADDRNOTAVAIL (10049, "The requested address is not valid in its context"), which Node reports as EADDRNOTAVAIL. Documented in:`)
    for (const w of windowsConnectToAny) lab.say(`"${w.says}" (${w.source})`)

    lab.explain('To listen(), 0.0.0.0 means "every address I have, now and later": the dev server that prints it is reachable by every machine that can reach this one.')
    lab.explain('To connect(), 0.0.0.0 is not an address of anyone. Linux treats it as "this machine" and sends it to 127.0.0.1, which is why the printed URL seems to work; Windows refuses it. Either way it never means the server machine when typed anywhere else.')
    lab.fix(`Connect to a real address: http://127.0.0.1:${port} or http://localhost:${port} on the machine itself, http://${hostPort(server.address, port)} (its network address) from other machines.`)
    lab.fix('A server that prints 0.0.0.0 tells you what it bound, not where to go: open localhost on that machine, and its network address (`ip addr`, `ipconfig`) from others.')
    lab.fix('Bind 0.0.0.0 only when other machines must connect (inside a container, a phone on the Wi-Fi); otherwise bind 127.0.0.1.')
  },
})
