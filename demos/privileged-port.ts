/**
 * privileged-port — `Error: listen EACCES: permission denied 127.0.0.1:80`.
 *
 * Ports below a threshold (1024 by default) are reserved for privileged programs. An ordinary user (uid 65534,
 * "nobody") asks for port 80 and is refused. Then three ways out: a port above the threshold behind a reverse proxy,
 * the CAP_NET_BIND_SERVICE capability, and the sysctl that moves the threshold. All of it happens in a fresh network
 * namespace of our own, which has its own port 80 and its own copy of the sysctl; the machine's are never touched.
 */
import { readFile } from 'node:fs/promises'
import { createNamespace, defineScenario, namespacesUnavailable, readSysctl, startAgent, sysctlSource, writeSysctl } from './kit.js'

const NOBODY = 65534
const SETTING = 'net.ipv4.ip_unprivileged_port_start'

export default defineScenario({
  id: 'privileged-port',
  title: 'Port 80 needs privilege',
  symptom: 'Error: listen EACCES: permission denied 127.0.0.1:80',
  codes: ['EACCES'],

  async run (lab) {
    const why = await namespacesUnavailable(['setpriv'])
    if (why) {
      lab.skip(`${why}. What you would see: an ordinary user's listen on port 80 fails with "listen EACCES: permission denied 127.0.0.1:80", ` +
        `because ports below ${SETTING} need privilege`)
    }

    lab.step('A fresh network namespace, with its own ports and its own settings')
    const box = await createNamespace(lab, 'box')
    const threshold = Number(await readSysctl(box, SETTING))
    lab.fact('unprivileged-port-start', SETTING, threshold, sysctlSource(box, SETTING))
    const machine = (await readFile(`/proc/sys/${SETTING.replaceAll('.', '/')}`, 'utf8')).trim()
    lab.fact('unprivileged-port-start-machine', `${SETTING} of the machine`, Number(machine), `/proc/sys/${SETTING.replaceAll('.', '/')} (read only)`)
    lab.say(`In ${box.name}, ports below ${threshold} are privileged. The machine's own threshold is ${machine}; we only ever change the namespace's.`)

    lab.step('An ordinary user asks for port 80')
    const nobody = await startAgent(lab, box, { user: NOBODY })
    lab.say(`The app runs as uid ${nobody.uid} (pid ${nobody.pid}), effective capabilities ${nobody.capEff}: ${nobody.canBindLowPorts ? 'CAP_NET_BIND_SERVICE among them' : 'no CAP_NET_BIND_SERVICE'}.`)
    const denied = await nobody.tryListen('http', { host: '127.0.0.1', port: 80, name: `app as uid ${nobody.uid}` })
    lab.check(denied === undefined, `uid ${nobody.uid} was allowed to listen on port 80`)
    lab.say(`Port 80 is below ${threshold}, and the app is not privileged: the kernel refuses the bind with EACCES. Nobody else is on port 80 in this namespace; it is not "in use", it is forbidden.`)

    lab.step('Fix 1: a port above the threshold, behind a reverse proxy')
    const app = await nobody.listen('http', { host: '127.0.0.1', port: 8080, name: `app as uid ${nobody.uid}` })
    const root = await startAgent(lab, box)
    const proxy = await root.forward({ host: '127.0.0.1', port: 80, target: { host: app.address, port: app.port }, name: `reverse proxy as uid ${root.uid}` })
    const viaProxy = await root.fetch(`http://127.0.0.1:${proxy.port}/`)
    lab.check(viaProxy.ok, `the reverse proxy did not pass the request on: ${viaProxy.code ?? viaProxy.status}`)
    lab.say(`The app listens on ${app.port} as uid ${nobody.uid}; a proxy started with privilege (uid ${root.uid}) holds port ${proxy.port} and passes requests on: HTTP ${viaProxy.status} in ${viaProxy.elapsedMs.toFixed(2)} ms. This is nginx, Caddy or a load balancer in front of a Node app.`)
    await root.close(proxy)
    await nobody.close(app)

    lab.step('Fix 2: give the program one capability, CAP_NET_BIND_SERVICE')
    const capable = await startAgent(lab, box, { user: NOBODY, caps: ['net_bind_service'] })
    lab.check(capable.canBindLowPorts, `setpriv did not grant CAP_NET_BIND_SERVICE (CapEff ${capable.capEff})`)
    const withCap = await capable.listen('http', { host: '127.0.0.1', port: 80, name: `app as uid ${capable.uid} with CAP_NET_BIND_SERVICE` })
    lab.say(`Still uid ${capable.uid}, but holding that single capability (CapEff ${capable.capEff}), the same listen on port ${withCap.port} works. It grants nothing else root could do.`)
    await capable.close(withCap)

    lab.step(`Fix 3: lower ${SETTING} (here, in this namespace only)`)
    await writeSysctl(box, SETTING, '80')
    const lowered = Number(await readSysctl(box, SETTING))
    lab.fact('unprivileged-port-start', SETTING, lowered, sysctlSource(box, SETTING))
    const allowed = await nobody.listen('http', { host: '127.0.0.1', port: 80, name: `app as uid ${nobody.uid}` })
    const answer = await root.fetch(`${allowed.url}/health`)
    lab.check(answer.ok, `port 80 did not answer after lowering the threshold: ${answer.code ?? answer.status}`)
    const after = (await readFile(`/proc/sys/${SETTING.replaceAll('.', '/')}`, 'utf8')).trim()
    lab.check(after === machine, `the machine's ${SETTING} changed from ${machine} to ${after}`)
    lab.say(`With the threshold at ${lowered}, the very same process (pid ${nobody.pid}, uid ${nobody.uid}) that was refused now listens on port ${allowed.port}, and it answers ${answer.status}. The machine's threshold is still ${after}.`)

    lab.explain(`On Linux, binding a port below ${SETTING} (${threshold} unless changed, as the fresh namespace showed) takes CAP_NET_BIND_SERVICE; root has it, ordinary users do not. Without it, listen() fails with EACCES: a permission problem, not a busy port (that would be EADDRINUSE).`)
    lab.explain('Each network namespace has its own copy of the setting. A container may therefore allow port 80 to everyone inside it (Docker sets it to 0) while the host still protects its own.')
    lab.explain('Windows has no privileged ports, but it reserves "excluded port ranges" (Hyper-V, WSL, Docker Desktop take blocks of them, often high ports). Listening there fails with EACCES in Node, "An attempt was made to access a socket in a way forbidden by its access permissions" elsewhere. `netsh interface ipv4 show excludedportrange protocol=tcp` lists them.')
    lab.fix(`Listen on a port of ${threshold} or more (the app used ${app.port}) and put a reverse proxy on 80/443, or publish it as 80 with Docker (\`-p 80:${app.port}\`).`)
    lab.fix('Or grant just the capability: `setcap cap_net_bind_service=+ep $(readlink -f $(which node))` (every script run by that node), or `AmbientCapabilities=CAP_NET_BIND_SERVICE` in a systemd unit.')
    lab.fix(`Or move the threshold: \`sysctl -w ${SETTING}=${lowered}\` (for the whole machine, so every user can take port 80; think twice). Never run the whole app as root just for the port.`)
  },
})
