/**
 * hung — the service is there, but it never answers.
 *
 * A refusal comes back in microseconds. A hung service gives no answer at all, so the only thing that ends the wait
 * is a timeout, and each client has its own: fetch's AbortSignal, ws's handshakeTimeout, a connect timeout, and
 * Node's Happy-Eyeballs timeout per address. We freeze a real service process (SIGSTOP, what Ctrl-Z does in a
 * terminal) and meet each one, then let it go on (SIGCONT).
 */
import {
  defineScenario, freePort, hostPort, hostsLookup, ms, nodeNetDefaults, portRetakes, refused, startChildService, synRetries, takenBy,
} from './kit.js'

export const plan = {
  /**
   * How long each of our clients waits for an answer here. Real code uses seconds; a fraction of one keeps the lesson
   * quick and is still far longer than a refusal takes. Nothing that should succeed waits on it: the connects
   * the kernel accepts for the frozen process are answered at once.
   */
  patienceMs: 50,
  /** The frozen service's listen backlog: small, so a few connections fill its accept queue. */
  backlog: 3,
  /** How many free ports a run lets other programs take (the knock made on a fresh one) before it gives up. */
  portRetakes: 5,
}
const { patienceMs: PATIENCE_MS, backlog: BACKLOG } = plan

export default defineScenario({
  id: 'hung',
  title: 'The service accepts but never answers',
  symptom: 'The request just hangs, then: TimeoutError: The operation was aborted due to timeout (or connect ETIMEDOUT)',
  codes: ['ECONNREFUSED', 'TimeoutError', '1006', 'ETIMEDOUT'],

  async run (lab) {
    if (process.platform === 'win32') lab.skip('freezing the service needs SIGSTOP, which Windows does not have')
    lab.step('What this Node waits for')
    const node = nodeNetDefaults()
    lab.fact('auto-select-family', 'net.getDefaultAutoSelectFamily()', node.autoSelectFamily)
    lab.fact('auto-select-family-attempt-timeout', 'net.getDefaultAutoSelectFamilyAttemptTimeout()', node.attemptTimeoutMs)
    const syn = await synRetries()
    if (syn) lab.fact('tcp-syn-retries', 'tcp_syn_retries', syn.retries, syn.source)
    lab.say(`This Node (${process.version}) gives each address of a name ${node.attemptTimeoutMs} ms before it tries the next (Happy Eyeballs${node.autoSelectFamily ? ', on by default here' : ', off by default here'}).`)
    lab.say(`None of fetch, ws or net.connect gives up quickly on a service that never answers. Our clients here give up after ${PATIENCE_MS} ms.`)

    lab.step('For contrast: a refusal is instant')
    const retakes = portRetakes(lab, { limit: plan.portRetakes })
    let nobody = await freePort()
    let refusal = await lab.connect('127.0.0.1', nobody)
    while (!refused(refusal)) {
      const fresh = await freePort()
      retakes.taken({ port: nobody, address: '127.0.0.1', what: takenBy(refusal), was: 'free a moment ago' }, `We borrowed port ${fresh} and knock there instead.`)
      nobody = fresh
      refusal = await lab.connect('127.0.0.1', nobody)
    }
    lab.say(`Nothing listens on ${hostPort('127.0.0.1', nobody)}: ${refusal.code} in ${ms(refusal.elapsedMs)}. The kernel answers a connect to a closed port with a reset at once.`)

    lab.step('Freeze a service that works')
    const svc = await startChildService(lab, { http: { respond: 'ok', websocket: true }, backlog: BACKLOG })
    const web = svc.listener('http')
    const before = await lab.request(`${web.url}/health`)
    lab.check(before.ok, `the service did not answer before we froze it: ${before.code ?? before.status}`)
    await svc.pause()
    lab.say(`Process ${svc.pid} answered HTTP ${before.status} in ${ms(before.elapsedMs)}. Then we sent it SIGSTOP, which freezes it the way Ctrl-Z freezes a program in a terminal (a debugger at a breakpoint, or a blocked event loop, look the same from outside).`)
    lab.say(`Its port ${web.port} stays open: listening is the kernel's job, and the kernel is not frozen.`)

    lab.step('HTTP: the request goes out, the answer never comes')
    const fetched = await lab.fetch(`${web.url}/health`, { timeoutMs: PATIENCE_MS })
    lab.check(fetched.code === 'TimeoutError', `expected fetch to time out, got ${fetched.code ?? fetched.status}`)
    lab.say(`fetch waited ${ms(fetched.elapsedMs)}, then its AbortSignal.timeout(${PATIENCE_MS}) fired: ${fetched.errorName}, "${fetched.message}". No cause, no socket error: nothing failed, the answer just never came.`)

    lab.step('WebSocket: the opening handshake never completes')
    const opened = await lab.wsOpen(web.wsUrl!, { timeoutMs: PATIENCE_MS })
    lab.check(!opened.ok && opened.status === undefined, `expected the WebSocket handshake to time out, got ${opened.status ?? opened.code}`)
    lab.say(`ws waited ${ms(opened.elapsedMs)} for the 101 Switching Protocols reply, then its handshakeTimeout fired: "${opened.message}", close ${opened.closeCode}. ws gives this error no code.`)

    lab.step('TCP: when the accept queue is full, even connect hangs')
    const waiting = await svc.queued('http')
    if (waiting !== undefined) {
      lab.fact('accept-queue', `connections waiting for process ${svc.pid} to accept them`, waiting, '/proc/net/tcp rx_queue of the listening socket')
      lab.say(`The two attempts above did connect: the kernel completed each handshake for the frozen process and queued the connection. ${waiting} wait in its accept queue now${waiting > 2 ? ' (one more than our two attempts: right after an abort, Node\'s fetch opens a fresh connection for the next request)' : ''}.`)
    }
    // Connect again and again, holding each connection: the kernel accepts for the frozen program until its queue is full.
    let accepted = 0
    let connected = await lab.connect(web.address, web.port, { timeoutMs: PATIENCE_MS, keepOpen: true })
    while (connected.ok && accepted < BACKLOG * 2 + 2) {
      accepted += 1
      connected = await lab.connect(web.address, web.port, { timeoutMs: PATIENCE_MS, keepOpen: true })
    }
    lab.check(connected.code === 'ETIMEDOUT', `expected connect to time out, got ${connected.code ?? 'a connection'}`)
    const full = await svc.queued('http')
    if (full !== undefined) lab.fact('accept-queue', `connections waiting for process ${svc.pid} to accept them`, full, '/proc/net/tcp rx_queue of the listening socket')
    lab.say(`${accepted === 0 ? 'The queue was already full.' : `${accepted} more connect${accepted === 1 ? '' : 's'} succeeded at once${full === undefined ? '' : `, until the queue held ${full} (the service listened with a backlog of ${BACKLOG}; Linux queues one more than that)`}.`} The next connect got no answer at all: the kernel drops a SYN for a full queue without a word. It gave up after ${ms(connected.elapsedMs)}: ${connected.code}.`)
    if (syn) lab.say(`Without our timeout, Linux would resend the SYN ${syn.retries} times, doubling the wait each time from 1 s: about ${2 ** (syn.retries + 1) - 1} s before connect fails on its own.`)

    lab.step("Happy Eyeballs: Node's own timeout per address")
    const other = await lab.tryListen((l) => l.tcp({ name: 'TCP service on ::1, same port', host: '::1', port: web.port }))
    if (other === undefined) {
      lab.say(`We could not listen on [::1]:${web.port} (see above), so this machine cannot show Node moving on to a second address.`)
    } else {
      // A name with two addresses, in the order many hosts files give localhost: 127.0.0.1, then ::1.
      const lookup = hostsLookup({ localhost: ['127.0.0.1', '::1'] })
      const eyeballs = await lab.connect('localhost', web.port, { lookup, autoSelectFamily: true, timeoutMs: node.attemptTimeoutMs * 4 })
      lab.check(eyeballs.ok && eyeballs.family === 'IPv6', `expected Happy Eyeballs to reach ::1, got ${eyeballs.code ?? eyeballs.remoteAddress}`)
      lab.say(`We resolved localhost to 127.0.0.1 and ::1 and connected with autoSelectFamily. Node tried ${eyeballs.attempted?.join(', then ')}: 127.0.0.1 got no answer for ${node.attemptTimeoutMs} ms, so Node moved on, and ::1 answered. Connected after ${ms(eyeballs.elapsedMs)}.`)
      lab.say('That timeout only chooses between addresses. On the last address Node waits as long as the kernel does.')
      await lab.close(other)
    }

    lab.step('Let it go on')
    await svc.resume()
    // Not one of the lesson's timeouts: the thawed service first works through its queue, slowly on a busy machine.
    const after = await lab.fetch(`${web.url}/health`, { timeoutMs: 5000 })
    lab.check(after.ok, `the service did not answer after SIGCONT: ${after.code ?? after.status}`)
    lab.say(`After SIGCONT, process ${svc.pid} answered HTTP ${after.status} in ${ms(after.elapsedMs)}. It also accepted the queued connections at last, long after their clients had given up.`)

    lab.explain(`Refused and hung are opposite failures. Refused came back in ${ms(refusal.elapsedMs)}: nothing listens, so start the service or fix the port. A hung service never answers, so the only symptom is time: ${ms(fetched.elapsedMs)}, ${ms(opened.elapsedMs)} and ${ms(connected.elapsedMs)} here, exactly as long as each client was willing to wait.`)
    lab.explain('A connect that succeeds proves little: the kernel accepts connections for a listening program even while the program is frozen, until its accept queue is full. Only an answer proves the service works.')
    lab.explain('Each timeout guards a different wait: connect (the kernel answers), the WebSocket handshake (the program answers the upgrade), the HTTP response (the program answers the request), and Happy Eyeballs (which address of a name to use).')
    lab.fix('Give every client a deadline: fetch(url, { signal: AbortSignal.timeout(ms) }), new WebSocket(url, { handshakeTimeout }), and a connect timer (socket.setTimeout) for raw TCP. Without one, fetch waits minutes and a ws handshake waits forever.')
    lab.fix('Make health checks ask for an answer (GET /health with a deadline), not just an open port.')
    lab.fix('Find what holds the service: `ps -o pid,stat,cmd -p <pid>` shows T for a stopped process (`fg` or `kill -CONT <pid>`), a busy loop in the event loop shows as 100% CPU, a debugger as a paused inspector.')
  },
})
