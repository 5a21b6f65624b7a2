/**
 * container-localhost — "the container is running, the port is published, and nothing answers".
 *
 * With a container engine (podman or docker, `--engine` to choose), real containers on a network of the run's own:
 * an app that listens on 127.0.0.1 inside its container cannot be reached through its published port, and what the
 * host's client sees depends on how the engine forwards (rootful podman: DNAT, refused; Docker's userland proxy and
 * rootless engines: accepted, then reset). Listening on 0.0.0.0 inside fixes it. Then the mirror image: the host's
 * service on 127.0.0.1, called from the container as host.containers.internal, and fixed by binding the bridge's
 * address.
 *
 * Without an engine: two network namespaces play host and container, joined by a virtual cable, the way Docker joins
 * a container to its bridge, and a forwarder plays docker-proxy.
 */
import { curlSays, defineScenario, freePort, hostPort, ms, type Lab, cabledNamespaces, curlIn, namespacesUnavailable, startAgent } from './kit.js'
import { LabError } from '../src/core/errors.js'
import {
  APP, BUILD_BASE, ENGINE_CHOICES, FETCH, FORWARDING, baseImage, createLabNetwork, findBaseImage, findEngine, runContainer,
  type Container, type Engine, type FetchLine, type LabNetwork,
} from '../src/containers/index.js'
import { run, which } from '../src/process/tool.js'

/** The port the app listens on inside its container (the right side of `-p`). */
const APP_PORT = 3000

export default defineScenario({
  id: 'container-localhost',
  title: "The container's localhost is not the host's",
  symptom: 'curl: (7) Failed to connect (podman) or curl: (56) Recv failure: Connection reset by peer (Docker) on a published port',
  codes: ['ECONNREFUSED'],
  options: {
    engine: {
      choices: ENGINE_CHOICES,
      default: 'auto',
      description: 'docker or podman: real containers; netns: the namespace version; auto: an engine that works, else netns',
    },
  },

  async run (lab) {
    const choice = lab.option('engine') as typeof ENGINE_CHOICES[number]
    let instead: string | undefined
    let image: string | undefined
    if (choice !== 'netns') {
      const found = await findEngine(choice)
      if ('why' in found) {
        instead = `no container engine to use (${found.why})`
      } else if ((image = await findBaseImage(found.engine)) === undefined) {
        instead = `${found.engine.name} is here, but the lab's base image ${baseImage()} is not (build it once: \`${BUILD_BASE}\`)`
      } else {
        const failed = await engineStory(lab, found.engine, image)
        if (failed === undefined) return
        instead = `${found.engine.name} could not run the lesson's containers (${failed})`
      }
    }
    await namespacesStory(lab, instead)
  },
})

/**
 * The story with real containers. Returns why it could not start (the engine failed to make the network or the first
 * container), for the caller to fall back; once the first container runs, it tells the whole story.
 */
async function engineStory (lab: Lab, engine: Engine, image: string): Promise<string | undefined> {
  const mode = FORWARDING[engine.mode]
  const hostName = engine.name === 'podman' ? 'host.containers.internal' : 'host.docker.internal'
  // Made before the first step says anything: an engine that cannot start containers must not have claimed the run.
  let net: LabNetwork
  let app: Container
  let port: number
  try {
    net = await createLabNetwork(lab, engine)
    port = await freePort({ host: '127.0.0.1' })
    app = await runContainer(lab, engine, {
      role: 'app', network: net, publish: { host: '127.0.0.1', port, containerPort: APP_PORT },
      env: { HOST: '127.0.0.1', PORT: String(APP_PORT) }, command: ['node', '-e', APP], image,
    })
  } catch (err) {
    if (err instanceof LabError && err.code === 'LAB_ERR_TOOL_FAILED') return err.message
    throw err
  }
  lab.step(`A real container: ${engine.name} ${engine.version}, ${engine.rootless ? 'rootless' : 'rootful'}, on a network of its own`)
  lab.fact('container-engine', 'the container engine that ran', { engine: engine.name, version: engine.version, rootless: engine.rootless, mode: engine.mode }, `${engine.command} info`)
  lab.fact('forwarding-mode', 'how a published port reaches the container', { mode: mode.mode, symptom: mode.symptom, curl: mode.curl, node: mode.node }, mode.source)
  lab.fact('container-network', 'the network of this run', { name: net.name, subnet: net.subnet, gateway: net.gateway, bridge: net.bridge ?? null }, `${engine.name} network inspect`)
  lab.say(`${engine.name} made the network ${net.name} on ${net.subnet} in ${ms(net.createMs)}${net.bridge ? `: a bridge ${net.bridge} on the host with ${net.gateway}` : ''}, never its default subnet.`)
  if (!engine.rootless) {
    lab.say(`A rootful engine changes the host for this: the bridge${net.bridge ? ` ${net.bridge}` : ''}, firewall rules for the published port, forwarding. The lab removes the network at the end, and with it all of that.`)
  }

  lab.step(`The app in the container listens on 127.0.0.1:${APP_PORT}, published as -p 127.0.0.1:${port}:${APP_PORT}`)
  const readyMs = await app.waitForOutput('listening on')
  lab.say(`The container ${app.name} started in ${ms(app.startMs)} at ${app.address}; its app said "listening on 127.0.0.1:${APP_PORT}" ${ms(readyMs)} later.`)
  const inside = await app.exec(['curl', '-sS', '--max-time', '3', `http://127.0.0.1:${APP_PORT}/health`])
  lab.check(inside.exitCode === 0, `the app did not answer inside its own container: ${inside.stderr.trim()}`)
  lab.say(`Inside the container, curl http://127.0.0.1:${APP_PORT}/health answers. A healthcheck runs in there, so it says "healthy".`)

  lab.step('From the host, the published port')
  const url = `http://127.0.0.1:${port}/`
  const viaFetch = await lab.fetch(url)
  const curl = await curlSays(url)
  if (curl) lab.fact('curl-published-port', 'curl through the published port', { exitCode: curl.exitCode, said: curl.said }, curl.source)
  lab.check(!viaFetch.ok && mode.node.includes(viaFetch.code ?? ''), `expected ${mode.node.join(' or ')} through the published port (${engine.mode}), got ${viaFetch.code ?? viaFetch.status}`)
  lab.say(`fetch ${url}: "${viaFetch.message}", cause ${viaFetch.code}, after ${ms(viaFetch.elapsedMs)}.${curl ? ` curl says "${curl.said}" (exit ${curl.exitCode}).` : ''}`)
  lab.say(`That is ${mode.symptom}: ${engine.name} forwards with ${mode.forwarder}. ${mode.why}`)
  if (engine.mode === 'dnat') {
    const rule = await dnatRule(port)
    if (rule !== undefined) lab.fact('published-port-rule', `the firewall rule for port ${port}`, rule, 'iptables -t nat -S')
    if (rule !== undefined) lab.say(`The rule is in the host's firewall: ${rule}.`)
  }
  const direct = await lab.fetch(`http://${hostPort(app.address, APP_PORT)}/`)
  lab.check(direct.code === 'ECONNREFUSED', `expected ECONNREFUSED from ${app.address}:${APP_PORT}, got ${direct.code ?? direct.status}`)
  lab.say(`The container's own address refuses too: ${hostPort(app.address, APP_PORT)} → ${direct.code} after ${ms(direct.elapsedMs)}. The app is on the container's 127.0.0.1, which only the container can reach.`)

  lab.step('Fix: listen on 0.0.0.0 inside the container')
  await app.remove()
  const fixed = await runContainer(lab, engine, {
    role: 'fixed', network: net, publish: { host: '127.0.0.1', port, containerPort: APP_PORT },
    env: { HOST: '0.0.0.0', PORT: String(APP_PORT) }, command: ['node', '-e', APP], image,
  })
  await fixed.waitForOutput('listening on')
  const through = await lab.fetch(url)
  lab.check(through.ok, `the published port still fails: ${through.code ?? through.status}`)
  const seen = JSON.parse(through.body!) as { client: { address: string, port: number } }
  lab.say(`Same -p 127.0.0.1:${port}:${APP_PORT}, the app now on 0.0.0.0: HTTP ${through.status} in ${ms(through.elapsedMs)}. The app saw the connection come from ${hostPort(seen.client.address, seen.client.port)}.`)
  lab.say(`0.0.0.0 means every address the container has: its 127.0.0.1 and ${fixed.address}. Only the container's interfaces, not the host's; publishing on 127.0.0.1 keeps the port local to this machine.`)

  lab.step(`The mirror image: the host's service on 127.0.0.1, called from the container as ${hostName}`)
  const onLoopback = await lab.http({ host: '127.0.0.1', name: 'host service on 127.0.0.1' })
  const target = `http://${hostName}:${onLoopback.port}/`
  const wrong = await fromContainer(lab, fixed, image, target)
  lab.check(!wrong.node.ok && wrong.node.code === 'ECONNREFUSED', `expected ECONNREFUSED for ${target} from the container, got ${wrong.node.code ?? wrong.node.status}`)
  lab.say(`${hostName} is ${net.gateway}, the host's address on the bridge. From the container, fetch ${target} → ${wrong.node.code} after ${ms(wrong.node.elapsedMs)}; curl says "${wrong.curl.said}" (exit ${wrong.curl.exitCode}).`)
  lab.say(`The host's kernel answered: nothing listens on ${net.gateway}:${onLoopback.port}. The service is on the host's 127.0.0.1, and the container's packets arrive on the bridge.`)

  lab.step(`Fix: bind the host's service to the bridge's address ${net.gateway}`)
  const onBridge = await lab.http({ host: net.gateway, name: 'host service on the bridge' })
  const right = await fromContainer(lab, fixed, image, `http://${hostName}:${onBridge.port}/`)
  lab.check(right.node.ok && right.curl.exitCode === 0, `the bridge address did not reach the host service: ${right.node.code ?? right.node.status}, curl ${right.curl.exitCode}`)
  lab.say(`Bound to ${net.gateway}:${onBridge.port}, the same call answers: fetch HTTP ${right.node.status} in ${ms(right.node.elapsedMs)}, curl exit 0. 0.0.0.0 would work too, and would also open the service to every network this machine is on.`)

  lab.explain('Every container has its own network namespace: its own interfaces, its own ports, and its own 127.0.0.1. "localhost" always means "this namespace".')
  lab.explain(`A published port carries your connection to the container's address, not to its 127.0.0.1. How you are turned away depends on the forwarding: ${FORWARDING.dnat.symptom} where the kernel rewrites the address (rootful podman); ${FORWARDING['userland-proxy'].symptom} where a proxy accepts first (Docker's docker-proxy, rootless engines).`)
  lab.explain(`${hostName} is the host's address on the container network. A host service on 127.0.0.1 is not on that address.`)
  lab.fix(`In a container, listen on 0.0.0.0 (or ::): the container's namespace is the boundary. Publish only on the host's loopback when the port is for this machine: \`-p 127.0.0.1:${port}:${APP_PORT}\` (a bare \`-p ${APP_PORT}:${APP_PORT}\` publishes on every interface of the host; lesson wrong-interface shows what that means).`)
  lab.fix(`To reach the host from a container, use ${hostName} (Docker on Linux: \`--add-host=host.docker.internal:host-gateway\`) and bind the host service to the bridge's address (${net.gateway} here), not 127.0.0.1.`)
  return undefined
}

/** curl and Node's fetch, run inside a container: what each client there says, and the codes counted as observed. */
async function fromContainer (lab: Lab, container: Container, image: string, url: string): Promise<{ curl: { exitCode: number, said: string }, node: FetchLine }> {
  const c = await container.exec(['curl', '-sS', '--max-time', '3', url])
  const curl = { exitCode: c.exitCode, said: (c.exitCode === 0 ? c.stdout : c.stderr).trim().split('\n')[0]!.slice(0, 300) }
  const n = await container.exec(['node', '-e', FETCH, url])
  const node = JSON.parse(n.stdout.trim().split('\n').at(-1) ?? '{}') as FetchLine
  if (node.code !== undefined) lab.record(node.code)
  lab.fact('container-client', `what the clients in the container said for ${url}`, { url, curl, node }, `curl and the image's node in ${container.name} (${image})`)
  return { curl, node }
}

/** The DNAT rule the engine wrote for a published port, as `iptables -t nat -S` prints it; undefined without iptables. */
async function dnatRule (port: number): Promise<string | undefined> {
  const iptables = await which('iptables')
  if (iptables === undefined) return undefined
  const r = await run(iptables, ['-t', 'nat', '-S'], { allowFail: true })
  return r.stdout.split('\n').find((l) => l.includes(`--dport ${port} `) && l.includes('DNAT'))?.trim()
}

/**
 * The namespace version: two namespaces the lab builds by hand, a forwarder in the role of docker-proxy. `instead`
 * says why no engine ran (undefined when `--engine netns` asked for this version).
 */
async function namespacesStory (lab: Lab, instead: string | undefined): Promise<void> {
  const why = await namespacesUnavailable()
  if (why) {
    // One line for both reasons: there is no version of the lesson to run here.
    lab.skip(`${instead === undefined ? '' : `${instead}, and `}${why}. What you would see: the host's connection to the container's address refused (ECONNREFUSED), ` +
      'and through the published port a reset or an empty reply (curl: (56) / (52), fetch failed) while the container says it is healthy')
  }

  if (instead !== undefined) lab.say(`${instead[0]!.toUpperCase()}${instead.slice(1)}: the network-namespace version follows.`)
  lab.fact('container-engine', 'the container engine that ran', { engine: 'netns', ...(instead !== undefined && { instead }) }, 'network namespaces made with ip netns')
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
}
