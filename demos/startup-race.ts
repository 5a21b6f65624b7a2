/**
 * startup-race — the client is faster than the service.
 *
 * A service takes a moment to start and its client does not wait: until the service listens, every connect is
 * refused, exactly as if it were not there at all. A naive retry loop gets through in the end, by hammering. The fix
 * is a wait with backoff, jitter and a deadline, where "ready" means the service answers its health route, not that
 * its port is open. And when the service never comes, the wait ends at its deadline with an error that says so.
 *
 * Every port is borrowed before anything listens there, so a busy machine may hand it to another program meanwhile:
 * a client not refused, our own listen refused (EADDRINUSE), or a client through before our service listened met
 * someone else's door. That is said and recorded (fact `port-taken`), and the part redone on a fresh port, at most
 * `plan.portRetakes` times a run.
 */
import {
  defineScenario, freePort, knockRefused, LISTEN_TAKEN, ms, portRetakes, refused, startSlowly, takenBy, type Lab, type Outcome,
  type PortRetakes,
} from './kit.js'

/**
 * The lesson's clocks: short, because only their order matters (a refusal takes well under a millisecond). Tests read
 * them from here.
 */
export const plan = {
  /** How long the service takes before it listens. */
  listenAfterMs: 60,
  /** And then before it is ready (the second part): long enough that a client asking at once still gets 503. */
  readyAfterMs: 100,
  /** The wait for a service that never comes gives up after this. */
  giveUpMs: 60,
  /** How many borrowed ports a run lets other programs take (that part redone on a fresh one) before it gives up. */
  portRetakes: 5,
}
const { listenAfterMs: LISTEN_AFTER_MS, readyAfterMs: READY_AFTER_MS } = plan
/** The naive client's fixed pause between tries. */
const NAIVE_PAUSE_MS = 25
/** The fix: pauses from 10 ms, doubling up to 80 ms, shortened at random by up to half. */
const BACKOFF = { initialDelayMs: 10, maxDelayMs: 80, factor: 2, jitter: 0.5 }

/**
 * Borrow a fresh port because another program took `port` (`what` happened there): said and recorded, bounded by
 * the run's retakes. Returns the fresh port.
 */
async function retake (lab: Lab, retakes: PortRetakes, port: number, what: string, then: (fresh: number) => string): Promise<number> {
  const fresh = await freePort({ lab })
  retakes.taken({ port, address: '127.0.0.1', what, was: 'free a moment ago' }, then(fresh))
  return fresh
}

/** A success that ended before our service listened reached another program's listener, not ours. */
const before = (o: Outcome, listenedAt: number): boolean => o.ok && o.timings!.startedAtMs! + o.elapsedMs < listenedAt

/** `+123.4 ms` on the scenario clock: when an attempt started. */
const at = (o: Outcome): string => `+${o.timings!.startedAtMs!.toFixed(1)} ms`

export default defineScenario({
  id: 'startup-race',
  title: 'The client starts before the service is listening',
  symptom: 'connect ECONNREFUSED 127.0.0.1:5432 right after startup, yet the same call works a moment later',
  codes: ['ECONNREFUSED'],

  async run (lab) {
    lab.step('The service is not listening yet: every client is refused')
    const retakes = portRetakes(lab, { limit: plan.portRetakes })
    let port = await freePort({ lab })
    const knocked = await knockRefused(retakes, {
      port, address: '127.0.0.1', borrow: () => freePort({ lab }),
      attempts: (p) => [() => lab.connect('127.0.0.1', p), () => lab.fetch(`http://127.0.0.1:${p}/`), () => lab.wsOpen(`ws://127.0.0.1:${p}/`)],
    })
    port = knocked.port
    const early = knocked.outcomes
    lab.say(`TCP, fetch and ws are all refused on 127.0.0.1:${port}, within ${ms(Math.max(...early.map((o) => o.elapsedMs)))}: to the kernel, a service that has not started yet looks exactly like one that is not there.`)

    lab.step(`A naive client: try, pause ${NAIVE_PAUSE_MS} ms, try again`)
    let naive, service
    for (;;) {
      const slow = startSlowly(lab, { port, listenAfterMs: LISTEN_AFTER_MS, name: 'HTTP service (slow to start)' })
      lab.say(`The service starts now and calls listen() on port ${port} ${LISTEN_AFTER_MS} ms later (it is loading its code, say). The client starts at the same moment.`)
      naive = await lab.waitForPort('127.0.0.1', port, { initialDelayMs: NAIVE_PAUSE_MS, factor: 1, jitter: 0, deadlineMs: 2000 })
      service = await lab.tryListen(() => slow.listening)
      const through = service !== undefined && before(naive.last, lab.listeningAt(service)!)
      if (service !== undefined && !through) break
      if (service !== undefined) await lab.close(service)
      port = await retake(lab, retakes, port, through ? 'our client got through before our service listened' : LISTEN_TAKEN, (fresh) => `We borrowed port ${fresh} and start the service again.`)
    }
    lab.check(naive.ok, naive.message)
    const refusals = naive.attempts.filter((o) => !o.ok)
    lab.check(refusals.length > 0 && refusals.every(refused), 'the naive client was not refused first')
    const firstTry = naive.attempts[0]!
    const lastNo = refusals.at(-1)!
    const listenedAt = lab.listeningAt(service)!
    lab.say(`Attempt 1 refused at ${at(firstTry)}${refusals.length > 1 ? `, … attempt ${refusals.length} refused at ${at(lastNo)}` : ''}; the service was listening at +${listenedAt.toFixed(1)} ms; attempt ${naive.attempts.length} connected at ${at(naive.last)}.`)
    lab.say(`It worked, after ${refusals.length} refusals in ${ms(naive.elapsedMs)}. The slower the service, the more it knocks, and with no deadline it would knock forever at a service that is down for good.`)

    lab.step('The fix, part 1: wait with backoff, jitter and a deadline')
    let port2 = await freePort({ lab })
    let app, byPort, app2
    for (;;) {
      app = startSlowly(lab, { port: port2, listenAfterMs: LISTEN_AFTER_MS, readyAfterMs: READY_AFTER_MS, websocket: true, name: 'HTTP service (listens early, ready late)' })
      lab.say(`A second service: it listens on port ${port2} ${LISTEN_AFTER_MS} ms from now, but needs ${READY_AFTER_MS} ms more before it can serve (a database to reach, a cache to fill); until then GET /health answers 503.`)
      byPort = await lab.waitForPort('127.0.0.1', port2, { ...BACKOFF, deadlineMs: 2000 })
      app2 = await lab.tryListen(() => app!.listening)
      const through = app2 !== undefined && before(byPort.last, lab.listeningAt(app2)!)
      if (app2 !== undefined && !through) break
      if (app2 !== undefined) await lab.close(app2)
      port2 = await retake(lab, retakes, port2, through ? 'our client got through before our service listened' : LISTEN_TAKEN, (fresh) => `We borrowed port ${fresh} and start the service again.`)
    }
    lab.check(byPort.ok, byPort.message)
    const pauses = byPort.attempts.slice(1).map((o) => o.timings!.pauseMs!.toFixed(1))
    lab.say(`waitForPort made ${byPort.attempts.length} attempts${pauses.length > 0 ? `, pausing ${pauses.join(', ')} ms between them: each pause about twice the last, shortened at random` : ''}. The service was listening at +${lab.listeningAt(app2)!.toFixed(1)} ms; the port answered at ${at(byPort.last)}.`)
    const tooEarly = await lab.fetch(`${app2.url}/health`)
    lab.check(tooEarly.status === 503, `expected the not-yet-ready service to answer 503, got ${tooEarly.status ?? tooEarly.code}`)
    lab.say(`"Ready", says waitForPort. But GET /health right then gets HTTP ${tooEarly.status}: the port is open, the service is not ready. A client that starts now fails anyway.`)

    lab.step('The fix, part 2: ready means "answers", not "port open"')
    const byHealth = await lab.waitForHttp(app2.url, { ...BACKOFF, path: '/health', deadlineMs: 2000 })
    const readyAt = await app.ready
    lab.check(byHealth.ok, byHealth.message)
    const notYet = byHealth.attempts.filter((o) => o.status === 503).length
    lab.say(`waitForHttp asked GET /health ${byHealth.attempts.length} times: ${notYet} × HTTP 503, then HTTP ${byHealth.last.status} at ${at(byHealth.last)}. The service had become ready at +${readyAt.toFixed(1)} ms; the ${ms(byHealth.last.timings!.startedAtMs! - readyAt)} in between is the price of pausing between tries.`)
    const wsUrl = `${app2.url.replace(/^http/, 'ws')}/`
    const now = [await lab.connect(app2.address, app2.port), await lab.fetch(`${app2.url}/`), await lab.wsOpen(wsUrl, { send: 'ready?' })]
    lab.check(now.every((o) => o.ok), 'a client still failed after the service was ready')
    lab.say(`Now all three clients get through: TCP in ${ms(now[0]!.elapsedMs)}, fetch HTTP ${now[1]!.status} in ${ms(now[1]!.elapsedMs)}, the WebSocket echo in ${ms(now[2]!.elapsedMs)}.`)

    lab.step('When the service never comes: give up at the deadline, and say so')
    let nobody = await freePort({ lab })
    let never = await lab.waitForPort('127.0.0.1', nobody, { ...BACKOFF, deadlineMs: plan.giveUpMs })
    // The wait must end refused at its deadline; anything else met another program there.
    while (never.ok || !refused(never.last)) {
      nobody = await retake(lab, retakes, nobody, takenBy(never.last), (fresh) => `We borrowed port ${fresh} and wait there instead.`)
      never = await lab.waitForPort('127.0.0.1', nobody, { ...BACKOFF, deadlineMs: plan.giveUpMs })
    }
    lab.check(!never.ok && never.reason === 'deadline' && never.last.code === 'ECONNREFUSED', `expected to give up at the deadline on ECONNREFUSED, got ${never.message}`)
    lab.say(`Nothing ever listens on ${nobody}. waitForPort gives up: "${never.message}".`)
    lab.say('That is the error to show: what was awaited, for how long, and the last real error. Not a hang, and not a bare ECONNREFUSED from the first try.')

    lab.explain(`Until a service calls listen(), its port is an empty port: the kernel refuses at once, just as in \`refused\`. The only difference is time: ${ms(naive.elapsedMs)} later the same connect worked.`)
    lab.explain('An open port means listen() has run, nothing more. Whether the database is reachable or the cache is warm, only the service knows; a health route lets it say so.')
    lab.fix(`Before the first real call, wait for readiness with backoff and a deadline: \`await waitForHttp('${app2.url}', { path: '/health', deadlineMs: ${byHealth.deadlineMs} })\` (exported by localhost-lab; wait-on and similar tools do the same).`)
    lab.fix('In Docker Compose, give the service a healthcheck and use `depends_on: { condition: service_healthy }`; in Kubernetes, a readiness probe.')
    lab.fix('On the service side: answer 503 on /health until ready (or listen only once ready), so that waiting clients can tell.')
  },
})
