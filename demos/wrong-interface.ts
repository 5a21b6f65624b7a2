/**
 * wrong-interface — "it works on the server itself, and is refused from everywhere else" (or the other way round).
 *
 * A server machine and its neighbour are two network namespaces joined by a cable. The same service is bound three
 * times to the same port: on 127.0.0.1 (only the server itself reaches it), on the cable's address (only the neighbour
 * does) and on 0.0.0.0 (everyone does). The address you bind decides who can knock, which is why 0.0.0.0 deserves a
 * second look. An address the server does not have cannot be bound at all: EADDRNOTAVAIL.
 */
import { cabledNamespaces, defineScenario, hostPort, namespacesUnavailable, startAgent } from './kit.js'

export default defineScenario({
  id: 'wrong-interface',
  title: 'Listening on the wrong interface',
  symptom: 'curl localhost works on the server, but connect ECONNREFUSED from the next machine (or the reverse)',
  codes: ['ECONNREFUSED', 'EADDRNOTAVAIL'],

  async run (lab) {
    const why = await namespacesUnavailable()
    if (why) {
      lab.skip(`${why}. What you would see: a server bound to 127.0.0.1 answers on the server and is refused (ECONNREFUSED) from the next machine; ` +
        'bound to the network address, the reverse; bound to 0.0.0.0, it answers everyone')
    }

    lab.step('A server and its neighbour: two network namespaces and a cable')
    const [server, neighbour] = await cabledNamespaces(lab, 'server', 'neighbour')
    const serverIp = server.address
    lab.say(`The server has two addresses: 127.0.0.1 on its loopback and ${serverIp} on the cable. The neighbour is ${neighbour.address}.`)
    // One agent per machine, both at once: each is a Node process, and two start in about the time of one.
    const [onServer, onNeighbour] = await Promise.all([startAgent(lab, server), startAgent(lab, neighbour)])

    lab.step('Bound to 127.0.0.1: the server reaches it, the neighbour is refused')
    const loopback = await onServer.listen('http', { host: '127.0.0.1', name: 'service bound to 127.0.0.1' })
    const port = loopback.port
    const a1 = await onServer.fetch(`http://127.0.0.1:${port}/`)
    const b1 = await onNeighbour.fetch(`http://${hostPort(serverIp, port)}/`)
    lab.check(a1.ok, `the server could not reach its own loopback service: ${a1.code}`)
    lab.check(b1.code === 'ECONNREFUSED', `expected the neighbour to be refused, got ${b1.code ?? b1.status}`)
    lab.say(`On the server, 127.0.0.1:${port} answers ${a1.status}. From the neighbour, ${serverIp}:${port} is ${b1.code} after ${b1.elapsedMs.toFixed(2)} ms.`)
    await onServer.close(loopback)

    lab.step(`Bound to ${serverIp}: the neighbour reaches it, 127.0.0.1 is refused`)
    const wire = await onServer.listen('http', { host: serverIp, port, name: `service bound to ${serverIp}` })
    const a2 = await onServer.fetch(`http://127.0.0.1:${port}/`)
    const b2 = await onNeighbour.fetch(`${wire.url}/`)
    lab.check(a2.code === 'ECONNREFUSED', `expected 127.0.0.1:${port} to be refused, got ${a2.code ?? a2.status}`)
    lab.check(b2.ok, `the neighbour could not reach ${wire.url}: ${b2.code}`)
    lab.say(`From the neighbour, ${serverIp}:${port} answers ${b2.status}. On the server itself, 127.0.0.1:${port} is now ${a2.code}: same machine, same port, other address.`)
    await onServer.close(wire)

    lab.step(`Bound to ${neighbour.address}: an address the server does not have`)
    const foreign = await onServer.tryListen('http', { host: neighbour.address, port, name: `service bound to ${neighbour.address}` })
    lab.check(foreign === undefined, `binding ${neighbour.address} on the server should fail: it is the neighbour's address`)
    lab.say(`The kernel refuses that bind at once (EADDRNOTAVAIL): ${neighbour.address} belongs to the neighbour, and no interface of the server has it. A stale address in a config file (an old Wi-Fi or VPN address, a container's) fails the same way.`)

    lab.step('Bound to 0.0.0.0: everyone reaches it')
    const everywhere = await onServer.listen('http', { host: '0.0.0.0', port, name: 'service bound to 0.0.0.0' })
    const a3 = await onServer.fetch(`http://127.0.0.1:${port}/`)
    const b3 = await onNeighbour.fetch(`http://${hostPort(serverIp, port)}/`)
    lab.check(a3.ok && b3.ok, `0.0.0.0 should answer both: ${a3.code ?? a3.status}, ${b3.code ?? b3.status}`)
    const stranger = (JSON.parse(b3.body!) as { client: { address: string, port: number } }).client
    lab.say(`Both answer ${a3.status}. The service bound ${hostPort(everywhere.address, everywhere.port)} and saw the neighbour arrive from ${hostPort(stranger.address, stranger.port)}.`)

    lab.step('Is 0.0.0.0 dangerous?')
    lab.say(`127.0.0.1 is not: only programs on the server itself reached 127.0.0.1:${port}. 0.0.0.0 is not an address you connect to; it tells the kernel "every interface I have, now and later".`)
    lab.say(`So the service on 0.0.0.0:${port} took requests from ${stranger.address}, a machine we never named. On a laptop in a café, that is everyone on the Wi-Fi.`)

    lab.explain('A listening socket is bound to one address (or to all of them). A connection is accepted only if it is addressed to that address. Only the machine itself can send to its own 127.0.0.1; other machines can only reach its network addresses.')
    lab.explain('ECONNREFUSED here does not mean the service is down: it runs, it is just not listening on the address you called.')
    lab.fix('Bind 127.0.0.1 for anything only this machine should use (dev servers, databases, admin UIs). Bind a specific network address, or 0.0.0.0, only when other machines must connect, and then add authentication or a firewall.')
    lab.fix(`To see what is bound where: \`ss -ltnp\` (Linux), \`lsof -iTCP -sTCP:LISTEN\` (macOS), \`netstat -ano\` (Windows). 0.0.0.0:${port} or *:${port} means every interface.`)
  },
})
