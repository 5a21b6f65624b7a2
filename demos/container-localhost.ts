/**
 * container-localhost — "the container is running, the port is published, and nothing answers".
 *
 * Two network namespaces play host and container, joined by a virtual cable, the way Docker joins a container to its
 * bridge. An app that listens on 127.0.0.1 inside the container listens on the container's own loopback: the host
 * is refused, and a published port (forwarded like docker-proxy does) hangs up on the client. Listening on 0.0.0.0
 * inside the container fixes it. Then the mirror image: code in the container calling localhost:5432 for a database
 * that runs on the host.
 */
import { cabledNamespaces, curlIn, defineScenario, hostPort, namespacesUnavailable, startAgent } from './kit.js'

export default defineScenario({
  id: 'container-localhost',
  title: "The container's localhost is not the host's",
  symptom: 'curl: (56) Recv failure: Connection reset by peer (or (52) Empty reply from server) on a published port',
  codes: ['ECONNREFUSED', 'EOF'],

  async run (lab) {
    const why = await namespacesUnavailable()
    if (why) {
      lab.skip(`${why}. What you would see: the host's connection to the container's address refused (ECONNREFUSED), ` +
        'and through the published port a reset or an empty reply (curl: (56) / (52), fetch failed) while the container says it is healthy')
    }

    lab.step('A host and a container: two network namespaces and a cable between them')
    const [host, container] = await cabledNamespaces(lab, 'host', 'container')
    const hostIp = host.address
    const containerIp = container.address
    lab.say(`Each namespace has its own loopback and its own 127.0.0.1. The cable gives the host ${hostIp} and the container ${containerIp}, as Docker's bridge gives each container an address of its own.`)
    const inContainer = await startAgent(lab, container)
    const onHost = await startAgent(lab, host)

    lab.step('The app in the container listens on 127.0.0.1, and works in there')
    const app = await inContainer.listen('http', { host: '127.0.0.1', name: 'app bound to 127.0.0.1' })
    const inside = await inContainer.fetch(`${app.url}/health`)
    lab.check(inside.ok, `the app did not answer inside its own container: ${inside.code}`)
    lab.say(`Inside the container, ${app.url}/health answers ${inside.status} in ${inside.elapsedMs.toFixed(2)} ms. A healthcheck run in there says "healthy".`)

    lab.step("From the host, the container's address refuses")
    const direct = await onHost.fetch(`http://${hostPort(containerIp, app.port)}/`)
    lab.check(direct.code === 'ECONNREFUSED', `expected ECONNREFUSED from ${containerIp}, got ${direct.code ?? direct.status}`)
    lab.say(`fetch says "${direct.message}", cause ${direct.code} ${hostPort(direct.address!, direct.port!)}, after ${direct.elapsedMs.toFixed(2)} ms.`)
    lab.say(`The container's kernel answered at once: nothing listens on ${containerIp}:${app.port}. The app listens on the container's 127.0.0.1, which only the container can reach.`)

    lab.step('Publish the port, the way docker-proxy does')
    const dockerProxy = await startAgent(lab, host)
    const published = await dockerProxy.forward({ host: '0.0.0.0', target: { host: containerIp, port: app.port }, name: 'published port (docker-proxy style)' })
    const port = published.port
    lab.say(`A forwarder (pid ${dockerProxy.pid}) listens on the host's port ${port} and passes each connection on to ${containerIp}:${app.port}, like \`docker run -p ${port}:${app.port}\`.`)
    const viaFetch = await onHost.fetch(`http://127.0.0.1:${port}/`)
    const viaSilent = await onHost.exchange('127.0.0.1', port)
    const curl = await curlIn(host, `http://127.0.0.1:${port}/`)
    const proxyLog = await dockerProxy.failures(published)
    lab.check(viaFetch.code === 'ECONNRESET' || viaFetch.code === 'UND_ERR_SOCKET', `expected a reset or a close through the published port, got ${viaFetch.code ?? viaFetch.status}`)
    lab.check(viaSilent.code === 'EOF', `expected the silent client to see the connection closed (EOF), got ${viaSilent.code ?? 'a reply'}`)
    lab.say(`The connection to port ${port} is accepted: ${hostPort(viaSilent.localAddress!, viaSilent.localPort!)} → ${hostPort(viaSilent.remoteAddress!, viaSilent.remotePort!)}. Then it is dropped.`)
    lab.say(viaFetch.code === 'ECONNRESET'
      ? `fetch: "${viaFetch.message}", cause ${viaFetch.code} after ${viaFetch.elapsedMs.toFixed(2)} ms: the request had arrived, so closing it unread made the kernel send a reset.`
      : `fetch: "${viaFetch.message}", cause "${viaFetch.causes?.at(-1)?.message ?? viaFetch.code}" after ${viaFetch.elapsedMs.toFixed(2)} ms: the forwarder closed before the request arrived, so the close was clean and empty.`)
    lab.say(`A client that waits for the server to speak first (MySQL, SSH, SMTP do) sees ${viaSilent.code} after ${viaSilent.elapsedMs.toFixed(2)} ms: closed, not a byte.`)
    if (curl) lab.fact('curl-published-port', 'curl through the published port', { exitCode: curl.exitCode, said: curl.said }, 'curl -sS, run in the host namespace')
    if (proxyLog.length > 0) lab.say(`The forwarder's own log has the real reason, ${proxyLog.length} time${proxyLog.length === 1 ? '' : 's'}: "${proxyLog[0]!.message}". The client never sees it.`)

    lab.step('Fix: listen on 0.0.0.0 inside the container')
    await inContainer.close(app)
    const fixed = await inContainer.listen('http', { host: '0.0.0.0', port: app.port, name: 'app bound to 0.0.0.0' })
    const through = await onHost.fetch(`http://127.0.0.1:${port}/`)
    lab.check(through.ok, `the published port still fails: ${through.code ?? through.status}`)
    const seen = JSON.parse(through.body!) as { client: { address: string, port: number } }
    lab.say(`Same port ${port}, same forwarder: now HTTP ${through.status} in ${through.elapsedMs.toFixed(2)} ms. The app saw the forwarder come in from ${hostPort(seen.client.address, seen.client.port)}, over the cable.`)
    lab.say(`0.0.0.0 means every address the container has: its 127.0.0.1 and ${containerIp}. Only the container's interfaces, not the host's.`)

    lab.step('The mirror image: the container calls localhost:5432 for a database on the host')
    const db = await onHost.listen('tcp', { host: '0.0.0.0', port: 5432, name: 'database on the host' })
    const wrong = await inContainer.connect('localhost', db.port)
    lab.check(wrong.code === 'ECONNREFUSED', `expected localhost:${db.port} to be refused inside the container, got ${wrong.code ?? 'a connection'}`)
    lab.say(`From the container, localhost:${db.port} is refused (${wrong.code} after ${wrong.elapsedMs.toFixed(2)} ms): that localhost is the container's own, and no database runs in the container.`)
    const right = await inContainer.connect(hostIp, db.port)
    lab.check(right.ok, `the host's address did not reach the database: ${right.code}`)
    lab.say(`The host's address on the cable works: ${hostPort(right.localAddress!, right.localPort!)} → ${hostPort(right.remoteAddress!, right.remotePort!)} in ${right.elapsedMs.toFixed(2)} ms.`)

    lab.explain('Every container has its own network namespace: its own interfaces, its own ports, and its own 127.0.0.1. "localhost" always means "this namespace".')
    lab.explain('A published port is a forwarder on the host that connects to the container\'s address. An app bound to 127.0.0.1 in the container is not on that address, so the forwarder is refused and drops your connection: a reset if your request had arrived, an empty reply if not.')
    lab.explain('The healthcheck passes because it runs inside the container, where 127.0.0.1 is the app.')
    lab.fix(`In a container, listen on 0.0.0.0 (or ::). The container's namespace is the boundary; publish only the ports you mean to, e.g. \`-p 127.0.0.1:${port}:${app.port}\` to keep it local to the host.`)
    lab.fix('To reach the host from a container, use the host\'s address on the container network: host.docker.internal (Docker Desktop; on Linux add `--add-host=host.docker.internal:host-gateway`), and make the host service listen on that interface. Between containers, use the service name.')
  },
})
