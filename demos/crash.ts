/**
 * crash — the service dies in the middle of a conversation.
 *
 * A real child process serves HTTP, WebSocket and raw TCP. Every kind of client starts a conversation, the service
 * takes it and holds it, and we SIGKILL the process. The kernel closes every socket the process had: with a FIN where
 * the process had read all its input, with an RST where bytes were still unread. Each client words that differently.
 * Afterwards the address refuses: nothing listens there any more.
 *
 * Unless another program was handed the number meanwhile: a busy machine gives port-0 listeners the numbers just
 * freed. A knock that is not refused is said and recorded (fact `port-taken`), and made again on another port the
 * dead process had; only when every one of them is taken does the lesson give up.
 */
import {
  defineScenario, hostPort, ms, portRetakes, startChildService, takenBy, whileRefused,
  misbehave, type InFlight, type Lab, type Outcome,
} from './kit.js'

/** One request the service reports holding, in words. */
function held (h: InFlight, port: number): string {
  if (h.kind === 'http') return `HTTP request on ${port}`
  if (h.kind === 'ws') return `WebSocket message on ${port}`
  return h.bytes === undefined ? `TCP connection on ${port}, not read` : `${h.bytes} TCP bytes read on ${port}`
}

/** A TCP connect, a fetch and a WebSocket open on one port of the dead process, each while the one before was refused. */
function knocks (lab: Lab, at: { address: string, port: number }): Array<() => Promise<Outcome>> {
  const url = hostPort(at.address, at.port)
  return [() => lab.connect(at.address, at.port), () => lab.fetch(`http://${url}/report`), () => lab.wsOpen(`ws://${url}/`)]
}

/** What a client printed, with the inner cause when it has one. */
function said (o: Outcome): string {
  const cause = o.causes?.[0]
  return cause ? `"${o.message}", cause "${cause.message}" (${o.code})` : `"${o.message}" (${o.code})`
}

export default defineScenario({
  id: 'crash',
  title: 'The service died in the middle of a request',
  symptom: 'TypeError: fetch failed (cause: SocketError: other side closed), Error: socket hang up, read ECONNRESET, WebSocket closed 1006',
  codes: ['UND_ERR_SOCKET', 'ECONNRESET', '1006', 'EOF', 'ECONNREFUSED'],

  async run (lab) {
    lab.step('Start the service as a process of its own')
    const svc = await startChildService(lab, {
      http: { respond: 'hold', websocket: true },
      tcp: [
        { name: 'tcp', behaviour: 'accept-never-answer' },
        { name: 'tcp (not reading)', behaviour: 'hang', pauseOnConnect: true },
      ],
    })
    const web = svc.listener('http')
    const tcp = svc.listener('tcp')
    const unread = svc.listener('tcp (not reading)')
    lab.say(`Process ${svc.pid} serves HTTP and WebSocket on ${hostPort(web.address, web.port)} and raw TCP on ports ${tcp.port} and ${unread.port}. It asked the OS for port 0 and told us over IPC which ports it got.`)
    lab.say(`It takes every request and holds it without answering, like a handler waiting on a slow database. On port ${unread.port} it does not even read what arrives.`)

    lab.step('Start a conversation on every client')
    const fetching = lab.fetch(`${web.url}/report`)
    const getting = lab.request(`${web.url}/report`)
    const streaming = lab.wsOpen(web.wsUrl!, { send: 'subscribe', untilClose: true })
    const talking = lab.exchange(tcp.address, tcp.port, { send: 'hello' })
    const ignored = lab.exchange(unread.address, unread.port, { send: 'hello' })
    const holding = await svc.inFlight(5)
    const waiting = await svc.unread(unread.name, 'hello'.length)
    lab.fact('in-flight', 'the service holds', holding.map((h) => held(h, svc.listener(h.listener).port)).join('; '))
    if (waiting !== undefined) lab.fact('unread-bytes', `bytes waiting unread for process ${svc.pid} on port ${unread.port}`, waiting, '/proc/net/tcp rx_queue')
    lab.say(`The service now holds ${holding.length} conversations: two HTTP requests (fetch and node:http), a WebSocket message, and TCP bytes on both TCP ports.`)
    if (waiting !== undefined) lab.say(`On port ${unread.port} the kernel still holds ${waiting} bytes the process never read.`)

    lab.step('SIGKILL the service mid-request')
    const killed = await svc.kill('SIGKILL')
    const [f, g, w, t1, t2] = await Promise.all([fetching, getting, streaming, talking, ignored])
    const heard = Math.round((lab.elapsed() - killed.at) * 1000) / 1000
    lab.fact('errors-after-kill', 'ms from the SIGKILL until every client had its error', heard)
    lab.say(`Process ${svc.pid} died of ${killed.signal}. Within ${ms(heard)} every client had its error; none waited for a timeout.`)
    lab.say(`fetch: ${said(f)}.`)
    lab.say(`node:http: ${said(g)}.`)
    lab.say(`WebSocket (ws): closed with ${w.closeCode}${w.code ? ` after ${said(w)}` : ', no error'}; the service never sent a close frame.`)
    lab.say(`TCP port ${tcp.port}: ${t1.code === 'EOF' ? `EOF, the 'end' event, no error, ${t1.bytes?.received ?? 0} bytes of reply` : said(t1)}.`)
    lab.say(`TCP port ${unread.port}: ${t2.code === 'EOF' ? 'EOF, the \'end\' event, no error' : said(t2)}.`)
    lab.explain('When a process dies, the kernel closes every socket it had. A socket whose input was all read ends with a FIN, the same polite "I am done" a program sends with socket.end(). A socket with unread bytes ends with an RST instead: data would be lost, so the kernel resets the connection.')
    lab.explain(`That is why one crash looks like two failures: ${t1.code} on port ${tcp.port}, where the service had read our ${t1.bytes?.sent ?? 0} bytes, and ${t2.code} on port ${unread.port}, where ${waiting ?? 'our'} bytes were still unread.`)
    lab.explain(`The HTTP clients got a FIN too (the service had read the requests). fetch calls it ${f.code}, "${f.causes?.[0]?.message ?? f.message}". node:http calls it "${g.message}" and gives it the code ${g.code}, although nothing was reset.`)
    lab.explain(`${w.closeCode} is not a code anyone sends: ws reports it when the connection ended without a WebSocket close frame.`)

    lab.step('FIN or RST, on purpose')
    const fin = await lab.tcp({ name: 'TCP service that reads, then calls socket.end()', onConnection: misbehave.closeBeforeReply })
    const rst = await lab.tcp({ name: 'TCP service that reads, then calls socket.resetAndDestroy()', onConnection: misbehave.resetBeforeReply })
    const eof = await lab.exchange(fin.address, fin.port, { send: 'hello' })
    const reset = await lab.exchange(rst.address, rst.port, { send: 'hello' })
    const fetchFin = await lab.fetch(`http://${hostPort(fin.address, fin.port)}/`)
    const fetchRst = await lab.fetch(`http://${hostPort(rst.address, rst.port)}/`)
    const getFin = await lab.request(`http://${hostPort(fin.address, fin.port)}/`)
    const getRst = await lab.request(`http://${hostPort(rst.address, rst.port)}/`)
    lab.check(eof.code === 'EOF' && reset.code === 'ECONNRESET', `expected EOF and ECONNRESET, got ${eof.code} and ${reset.code}`)
    lab.say(`socket.end() sends a FIN: the TCP client got ${eof.code} (${eof.bytes?.received ?? 0} bytes, no error), fetch ${fetchFin.code} and node:http "${getFin.message}" (${getFin.code}).`)
    lab.say(`socket.resetAndDestroy() sends an RST: the TCP client got "${reset.message}" (${reset.code}), fetch ${fetchRst.code} and node:http "${getRst.message}" (${getRst.code}).`)
    lab.explain(`So with node:http the code alone does not tell them apart: both are ${getFin.code}. The syscall does: ${getRst.syscall ?? 'none'} for the RST, ${getFin.syscall ?? 'none'} for the FIN ("${getFin.message}").`)
    lab.explain('A FIN means "the other side closed": often a crash, sometimes a server that closes idle or unwanted connections on purpose. An RST means the connection was torn down: a crash with unread data, a process that reset it, or a firewall or proxy in between.')
    await lab.close(fin)
    await lab.close(rst)

    lab.step('Nothing listens any more')
    // Every port the dead process had, in the order we knock: the plain TCP one first, as a client reconnecting would.
    const dead = [tcp, web, unread]
    const retakes = portRetakes(lab, { limit: dead.length - 1 })
    let knocked = dead[0]!
    let round = await whileRefused(knocks(lab, knocked))
    for (const next of dead.slice(1)) {
      if (round.other === undefined) break
      retakes.taken({ port: knocked.port, address: knocked.address, what: takenBy(round.other), was: `process ${svc.pid}'s until it died` }, `We knock on port ${next.port}, which it had too, instead.`)
      knocked = next
      round = await whileRefused(knocks(lab, knocked))
    }
    // Every port it had is someone else's now: past the bound, so this ends the run with the check's message.
    if (round.other !== undefined) retakes.taken({ port: knocked.port, address: knocked.address, what: takenBy(round.other), was: `process ${svc.pid}'s until it died` }, '')
    const [tcpAfter, fetchAfter, wsAfter] = round.outcomes as [Outcome, Outcome, Outcome]
    lab.check(tcpAfter.code === 'ECONNREFUSED', `expected ECONNREFUSED from the dead service, got ${tcpAfter.code ?? 'a connection'}`)
    lab.say(`The next connect to ${hostPort(knocked.address, knocked.port)} was refused in ${ms(tcpAfter.elapsedMs)}: ${tcpAfter.code}. fetch got ${fetchAfter.code}, the WebSocket ${wsAfter.code} and close ${wsAfter.closeCode}.`)
    lab.explain('A crash shows twice: first as a connection that ends mid-request (EOF, ECONNRESET, socket hang up, 1006), then as ECONNREFUSED for every new attempt, until something listens on that port again.')

    lab.step('The fix: restart the service, and let clients retry')
    const again = await startChildService(lab, { http: { respond: 'ok', websocket: true } }, 'restarted service process')
    const fresh = again.listener('http')
    const retry = await lab.fetch(`${fresh.url}/report`)
    const wsRetry = await lab.wsOpen(fresh.wsUrl!, { send: 'subscribe' })
    lab.check(retry.ok && wsRetry.ok, `the restarted service did not answer: ${retry.code ?? retry.status}, ${wsRetry.code ?? wsRetry.closeCode}`)
    lab.say(`The restarted process ${again.pid} listens on port ${fresh.port}${fresh.port === web.port ? ', the same number by chance' : `, not ${web.port}`}. A retry answered HTTP ${retry.status} in ${ms(retry.elapsedMs)}, and the WebSocket echoed in ${ms(wsRetry.timings?.roundTripMs ?? 0)}.`)
    lab.fix('Run the service under a supervisor that restarts it (systemd Restart=on-failure, a container restart policy, pm2), and find out why it died: the exit signal, the OOM killer in the kernel log, the last lines it wrote.')
    lab.fix('In clients, treat ECONNRESET, UND_ERR_SOCKET, "socket hang up" and close 1006 as "the connection died": retry idempotent requests (GET) with backoff, reconnect WebSockets with backoff, and do not blindly resend a POST that may already have been processed.')
    lab.fix('On a planned stop (SIGTERM), stop accepting, finish the requests in flight and close WebSockets with 1001 (going away): clients then see a clean end instead of a crash.')
    lab.fix('If the service listens on port 0, a restart brings a new port: publish it again (a file, an environment variable, a registry) instead of expecting the old number.')
  },
})
