/**
 * port-in-use — two programs, one port.
 *
 * An old copy of a service, a real second process, still holds 127.0.0.1:P. Starting the new one on P fails with
 * EADDRINUSE, whichever server library asks. The kernel says who holds the port, and clients meanwhile get answers:
 * from the old program. Three fixes, then the fine print: which addresses count as "the same port", and why a port
 * in TIME_WAIT does not stop Node.
 */
import getPort from 'get-port'
import {
  bindConflictsInNewNetns, closeAfterServerHangsUp, defineScenario, hasLocalAddress, hostPort,
  listListeners, rejection, spawnHttpProcess, timeWaitOn,
} from './kit.js'

export default defineScenario({
  id: 'port-in-use',
  title: 'Two programs, one port: address already in use',
  symptom: 'Error: listen EADDRINUSE: address already in use 127.0.0.1:3000',
  codes: ['EADDRINUSE'],

  async run (lab) {
    const linux = process.platform === 'linux'

    lab.step('An old copy of the service is still running')
    const old = await spawnHttpProcess(lab, { name: 'old-server' })
    const port = old.port
    lab.say(`A separate Node process, pid ${old.pid}, listens on ${hostPort(old.address, port)}: think of yesterday's dev server, still running in another terminal. This lab is pid ${process.pid}.`)

    lab.step('Start the new service on the same port')
    const clashes = [
      await rejection(lab.tcp({ port, name: 'new TCP service (node:net)' })),
      await rejection(lab.http({ port, name: 'new HTTP service (fastify)' })),
      await rejection(lab.ws({ port, name: 'new WebSocket service (ws)' })),
    ]
    lab.check(clashes.every((e) => e?.code === 'EADDRINUSE'), `a second listener on ${port} did not fail with EADDRINUSE`)
    const clash = clashes[0]!
    lab.say(`node:net, fastify and ws fail alike: "${clash.message}". err.code ${clash.code}, err.syscall ${clash.syscall}: the kernel refused the listen, before any client was involved.`)

    lab.step('Who holds the port? Ask the kernel')
    if (linux) {
      const { listeners } = await listListeners({ port, source: 'proc' })
      lab.fact('listeners-on-port', `listeners on port ${port}`, listeners.flatMap((l) => l.owners.map((o) => ({ address: hostPort(l.address, l.port), inode: l.inode, pid: o.pid, command: o.commandLine ?? o.command }))), '/proc/net/tcp, /proc/<pid>/fd')
      const holder = listeners.flatMap((l) => l.owners).find((o) => o.pid === old.pid)
      lab.check(holder !== undefined, `the kernel does not name pid ${old.pid} as the holder of port ${port}`)
      lab.check(listeners.every((l) => l.owners.every((o) => o.pid !== process.pid)), 'the lab itself holds the port')
      const socket = listeners.find((l) => l.owners.includes(holder!))!
      lab.say(`The kernel's table: ${hostPort(socket.address, socket.port)} is held by pid ${holder!.pid} (socket inode ${socket.inode}), whose command line is \`${holder!.commandLine ?? holder!.command}\`. Not us: the old process.`)
      lab.say(`From a shell: \`ss -ltnp 'sport = :${port}'\` or \`lsof -nP -iTCP:${port} -sTCP:LISTEN\` read the same table.`)
    } else {
      lab.say(`On ${process.platform} this lab does not read the table itself. Ask: \`lsof -nP -iTCP:${port} -sTCP:LISTEN\` (macOS), \`netstat -ano | findstr :${port}\` (Windows).`)
    }

    lab.step('Meanwhile, clients get answers: from the old program')
    const tcp = await lab.connect('127.0.0.1', port)
    const http = await lab.fetch(`${old.url}/`)
    const ws = await lab.wsOpen(`ws://${hostPort(old.address, port)}/`)
    const servedBy = http.status === 200 ? (JSON.parse(http.body!) as { pid: number }).pid : undefined
    lab.check(tcp.ok && servedBy === old.pid && !ws.ok, 'the clients did not reach the old process')
    lab.say(`TCP connected, and fetch got HTTP ${http.status} from pid ${servedBy}. No error at all: the old code answers, and "my change did nothing" is the only symptom.`)
    lab.say(`The WebSocket client reached it too and was turned away ("${ws.message}", close ${ws.closeCode}): the old program does not speak WebSocket.`)

    lab.step('Fix 1: let the OS choose (port 0)')
    const anyPort = await lab.http({ name: 'new HTTP service on port 0' })
    lab.say(`Port 0 cannot clash: the OS gave us ${anyPort.port}, free by construction. Tell clients the number (print it, write it to a file) rather than fixing it in advance.`)
    await lab.close(anyPort)

    lab.step('Fix 2: prefer the port, accept another (get-port)')
    const offered = await getPort({ host: '127.0.0.1', port: [port] })
    lab.check(offered !== port, `get-port offered the busy port ${port}`)
    const second = await lab.tryListen((l) => l.http({ port: offered, name: 'new HTTP service on the port get-port offered' }))
    lab.say(second
      ? `get-port tried ${port}, found it busy, and offered ${offered}; we listened there. It checks, closes, and we listen a moment later, so another program could take the port in between. Port 0 has no such gap.`
      : `get-port offered ${offered}, and another program took it before we could listen: the gap between checking and listening that port 0 does not have.`)
    if (second) await lab.close(second)

    lab.step('Fix 3: stop the old process')
    const exit = await old.stop('SIGTERM')
    const left = linux ? (await listListeners({ port, source: 'proc' })).listeners : []
    const fresh = await lab.http({ port, name: 'new HTTP service on the port it wanted' })
    const check = await lab.fetch(`${fresh.url}/`)
    lab.check(check.status === 200 && (JSON.parse(check.body!) as { service: string }).service === 'http', `port ${port} does not answer with the new service`)
    lab.say(`We sent SIGTERM (\`kill ${old.pid}\` in a shell) and the old process ended (${exit.signal ?? `exit code ${exit.code}`}).${linux ? ` The kernel then listed ${left.length === 0 ? 'no listener' : `${left.length} listeners`} on ${port}.` : ''} The new service got port ${fresh.port}, and answers there.`)

    lab.step('Same port, another address: 127.0.0.1 and ::1')
    if (!hasLocalAddress('::1')) {
      lab.say('This machine has no ::1 (IPv6 is off), so this part is skipped.')
    } else {
      const v6 = await lab.tryListen((l) => l.tcp({ host: '::1', port, name: 'TCP service on ::1' }))
      if (v6 === undefined) {
        lab.say(`[::1]:${port} was taken by another program, so the two loopbacks cannot be shown side by side this time.`)
      } else {
        const both = linux ? (await listListeners({ port, source: 'proc' })).listeners.map((l) => hostPort(l.address, l.port)) : [`127.0.0.1:${port}`, `[::1]:${port}`]
        lab.say(`127.0.0.1:${port} and [::1]:${port} are both listening${linux ? ` (the kernel lists ${both.join(' and ')})` : ''}. Two addresses, two doors: they do not clash, and a client going to "localhost" may reach either one (\`localhost-lab demo localhost-ipv6\`).`)
        await lab.close(v6)
      }
    }
    await lab.close(fresh)

    lab.step('0.0.0.0 includes 127.0.0.1 (tried in a network namespace of our own)')
    const ns = await bindConflictsInNewNetns(lab, [['0.0.0.0', '127.0.0.1'], ['::', '127.0.0.1'], ['127.0.0.1', '0.0.0.0']])
    if (!ns.ran) {
      lab.say(`Skipped: ${ns.reason}. (This lab never listens on 0.0.0.0 in the machine's own network.)`)
    } else {
      const [any4, any6, reverse] = ns.results as [typeof ns.results[0], typeof ns.results[0], typeof ns.results[0]]
      lab.check(ns.results.every((r) => r.code === 'EADDRINUSE'), 'a bind that overlaps an existing listener worked in the namespace')
      lab.say(`In a fresh network namespace (${ns.netns}; this machine's is ${ns.ours}), a listener on 0.0.0.0:${any4.port} made the listen on 127.0.0.1:${any4.port} fail: "${any4.message}". 0.0.0.0 means every address of the machine, 127.0.0.1 included.`)
      lab.say(`The same with :: (what listen(port) binds when you give no host): 127.0.0.1:${any6.port} failed with ${any6.code}. And the other way round, 0.0.0.0:${reverse.port} failed with ${reverse.code} next to a listener on 127.0.0.1:${reverse.port}.`)
    }

    lab.step('A port in TIME_WAIT does not stop Node')
    if (!linux) {
      lab.say(`Skipped: this lab reads TIME_WAIT from /proc/net/tcp, which ${process.platform} does not have.`)
    } else {
      const hangsUp = await lab.tcp({ port, name: 'TCP service that hangs up first', onConnection: (socket) => socket.end() })
      const conn = await lab.connect('127.0.0.1', port, { keepOpen: true })
      await closeAfterServerHangsUp(conn.socket!)
      const waiting = await timeWaitOn(port)
      lab.fact('time-wait', `TIME_WAIT on port ${port}`, waiting.map((s) => `${hostPort(s.localAddress, s.localPort)} → ${hostPort(s.remoteAddress, s.remotePort)}`), '/proc/net/tcp')
      await lab.close(hangsUp)
      const restarted = await lab.tryListen((l) => l.tcp({ port, name: 'TCP service, restarted at once' }))
      lab.check(restarted !== undefined, `listening again on ${port} next to a TIME_WAIT entry failed`)
      await lab.close(restarted!)
      const tw = waiting.find((s) => s.remotePort === conn.localPort)
      const earlier = waiting.length - (tw ? 1 : 0)
      if (tw === undefined) {
        lab.say(`The kernel showed no TIME_WAIT entry for our connection this time, so there was nothing to step over; listening again on ${port} worked.`)
      } else {
        lab.say(`The service hung up first, so the kernel keeps ${hostPort(tw.localAddress, tw.localPort)} → ${hostPort(tw.remoteAddress, tw.remotePort)} in TIME_WAIT after the close. We closed the listener and listened on ${port} again at once: it worked.`)
      }
      if (earlier > 0) lab.say(`${earlier} more TIME_WAIT ${earlier === 1 ? 'entry' : 'entries'} on port ${port} are left from earlier steps, where the server side closed first; they did not block this listen either.`)
      lab.say('Node (libuv) sets SO_REUSEADDR on every listening socket on Linux and macOS, so leftover TIME_WAIT entries never block a restart. A program that does not set it (a bare C or Python socket, for one) gets EADDRINUSE there for a while; in Node, EADDRINUSE means a listener really is there.')
    }

    lab.explain(`One address and port, one listener. The second listen() asks the kernel for 127.0.0.1:${port}, finds it taken, and gets EADDRINUSE.`)
    lab.explain('The holder is usually an earlier copy of the same program: a dev server in another terminal, a test run that left a child behind, a container publishing the port.')
    lab.fix('Find the holder (`ss -ltnp`, `lsof -i`, `netstat -ano`) and stop it, if it is yours.')
    lab.fix('In tests and tools, listen on port 0 and pass the port on: no clash is possible.')
    lab.fix('For a preferred port that may be busy, try it and fall back (get-port with `host` set), and print the port you got.')
    lab.fix('Catch EADDRINUSE on err.code at startup and say which port and what to do, instead of a stack trace.')
  },
})
