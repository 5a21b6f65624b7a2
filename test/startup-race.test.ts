import t from 'tap'
import startupRace, { plan } from '../demos/startup-race.js'
import type { Outcome } from '../src/core/events.js'
import { ms } from '../src/render/format.js'
import { attemptsInStep, isLinux, liveNetHandles, ofKind, ourSockets, reproduce } from './helpers.js'
import { runTaking } from './port-holder.js'

const at = (o: Outcome): string => `+${o.timings!.startedAtMs!.toFixed(1)} ms`

t.test('startup-race: refused until the service listens; backoff, readiness and a deadline, all measured', async (t) => {
  const run = await reproduce(t, startupRace)
  const attempts = ofKind(run, 'attempt')
  const listening = ofKind(run, 'listening')
  const facts = ofKind(run, 'fact')
  const finders = listening.filter((l) => l.name === 'port finder').map((l) => l.port)
  t.equal(finders.length, 3, 'three borrowed ports')
  const [port, port2, port3] = finders as [number, number, number]
  const on = (p: number) => attempts.filter((a) => a.outcome.target.port === p)

  // 1. Before the service listens, every kind of client is refused by connect().
  const early = on(port).slice(0, 3).map((a) => a.outcome)
  t.same(early.map((o) => o.client), ['tcp', 'http', 'ws'])
  for (const o of early) t.match(o, { ok: false, code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port, family: 'IPv4' }, o.client)
  t.equal(early[2]!.closeCode, 1006)

  // 2. The naive loop: fixed pauses, refused until the service listens, then connected.
  const service = listening.find((l) => l.name === 'HTTP service (slow to start)')!
  t.equal(service.port, port)
  const naive = on(port).slice(3)
  const refused = naive.filter((a) => !a.outcome.ok)
  const connected = naive.at(-1)!
  t.ok(refused.length >= 1, 'refused at least once')
  t.equal(connected.outcome.ok, true)
  for (const a of refused) {
    t.match(a.outcome, { code: 'ECONNREFUSED', syscall: 'connect', family: 'IPv4' })
    t.ok(a.outcome.timings!.startedAtMs! < service.t, 'refused attempts started before the service was listening')
  }
  t.ok(connected.t > service.t, 'the connection came after the listen')
  for (const a of naive.slice(1)) t.equal(a.outcome.timings!.pauseMs, 25, 'a fixed pause')
  t.match(run.narration, `Attempt 1 refused at ${at(naive[0]!.outcome)}`)
  if (refused.length > 1) t.match(run.narration, `attempt ${refused.length} refused at ${at(refused.at(-1)!.outcome)}`)
  t.match(run.narration, `the service was listening at +${service.t.toFixed(1)} ms; attempt ${naive.length} connected at ${at(connected.outcome)}`)

  // 3. Backoff with jitter: each pause within [d/2, d] for d = 10, 20, 40, 80, 80 ...
  const app = listening.find((l) => l.name === 'HTTP service (listens early, ready late)')!
  t.equal(app.port, port2)
  // waitForPort's attempts are the TCP ones with a start time; they end with the first that connects.
  const byPort = on(port2).filter((a) => a.outcome.client === 'tcp' && a.outcome.timings?.startedAtMs !== undefined)
  const firstOpen = byPort.at(-1)!
  t.equal(firstOpen.outcome.ok, true)
  t.ok(byPort.slice(0, -1).every((a) => a.outcome.code === 'ECONNREFUSED'), 'refused until then')
  const byPortPauses = byPort.slice(1).map((a) => a.outcome.timings!.pauseMs!)
  byPortPauses.forEach((p, i) => {
    const d = Math.min(80, 10 * 2 ** i)
    t.ok(p >= d / 2 && p <= d, `pause ${i + 1}: ${p} ms within [${d / 2}, ${d}]`)
  })
  t.ok(firstOpen.t > app.t, 'the port answered after the listen')
  t.match(run.narration, `pausing ${byPortPauses.map((p) => p.toFixed(1)).join(', ')} ms between them`)
  t.match(run.narration, `The service was listening at +${app.t.toFixed(1)} ms; the port answered at ${at(firstOpen.outcome)}`)

  // ... but the port being open is not readiness: /health says 503 until the ready fact, 200 after it.
  const ready = facts.find((f) => f.key === 'service-ready')!
  t.ok(ready.t > app.t, 'ready after listening')
  const health = on(port2).filter((a) => a.outcome.request?.endsWith('/health'))
  const notYet = health.filter((a) => a.outcome.status === 503)
  t.ok(notYet.length >= 1, 'the early /health checks got 503 before the service was ready')
  t.ok(firstOpen.t < notYet[0]!.t, 'waitForPort said ready before the service was')
  for (const a of notYet) t.ok(a.outcome.timings?.startedAtMs === undefined || a.outcome.timings.startedAtMs < ready.t, '503s were asked before the service was ready')
  const healthy = health.at(-1)!
  t.match(healthy.outcome, { status: 200, ok: true })
  t.ok(healthy.t > ready.t, 'the 200 came after the service became ready')
  t.match(run.narration, `${notYet.length - 1} × HTTP 503, then HTTP 200 at ${at(healthy.outcome)}. The service had become ready at +${ready.t.toFixed(1)} ms`)

  // After readiness all three kinds of client get through.
  const after = on(port2).filter((a) => a.t > healthy.t).map((a) => a.outcome)
  t.same(after.map((o) => [o.client, o.ok]), [['tcp', true], ['http', true], ['ws', true]])
  t.match(after[2], { body: 'ready?', closeCode: 1000 })

  // 4. The deadline: nothing ever listens, the wait gives up on time with a clear result.
  const never = on(port3).map((a) => a.outcome)
  t.ok(never.length >= 2)
  for (const o of never) t.match(o, { ok: false, code: 'ECONNREFUSED', syscall: 'connect', family: 'IPv4' })
  const gaveUp = facts.find((f) => f.key === 'waited' && (f.value as { target: string }).target === `127.0.0.1:${port3} (port open)`)!.value as { ready: boolean, attempts: number, elapsedMs: number, deadlineMs: number, reason: string }
  t.match(gaveUp, { ready: false, attempts: never.length, deadlineMs: plan.giveUpMs, reason: 'deadline' })
  t.ok(gaveUp.elapsedMs >= plan.giveUpMs - 1 && gaveUp.elapsedMs < plan.giveUpMs + 1000, `gave up at the deadline (${gaveUp.elapsedMs} ms)`)
  t.ok(never.at(-1)!.timings!.startedAtMs! - never[0]!.timings!.startedAtMs! <= plan.giveUpMs + 50, 'no attempt started long after the deadline')
  t.match(run.narration, `not ready within the ${plan.giveUpMs} ms deadline (gave up after ${gaveUp.elapsedMs.toFixed(1)} ms, ${gaveUp.attempts} attempts); the last said: connect ECONNREFUSED 127.0.0.1:${port3}`)
  t.match(run.narration, `within ${ms(Math.max(...early.map((o) => o.elapsedMs)))}`)

  t.same(await liveNetHandles(), [], 'no server or socket handle is left')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})

/**
 * Another program takes the borrowed port while the slow service is still "loading" (a second process listens on it
 * in the gate before step 2): the naive client gets through to it, and our listen gets EADDRINUSE. The lesson must
 * say so, record it, and start the service again on a fresh port.
 */
t.test('startup-race when another process takes the port before the slow service listens', async (t) => {
  const { run, held, after } = await runTaking(startupRace, (n) => n === 2, (events) => events.flatMap((e) => e.type === 'observe' && e.kind === 'closed' && e.name === 'port finder' ? [e.port] : []).at(-1))
  t.equal(run.done.ok, true, run.done.error?.message ?? `missing ${run.done.missing.join(', ')}`)
  t.same(ofKind(run, 'fact').filter((f) => f.key === 'port-taken').map((f) => f.value), [{ port: held, address: '127.0.0.1', what: 'our listen there failed with EADDRINUSE', retake: 1 }])
  t.match(ofKind(run, 'listen-error')[0], { code: 'EADDRINUSE', port: held, name: 'HTTP service (slow to start)' }, 'our listen really got EADDRINUSE')
  const service = ofKind(run, 'listening').find((l) => l.name === 'HTTP service (slow to start)')!
  t.not(service.port, held, 'the service listened on a fresh port')
  const line = `that door is someone else's. We borrowed port ${service.port} and start the service again.`
  t.match(run.narration, `Port ${held} was free a moment ago, but another program took it on 127.0.0.1 meanwhile (our listen there failed with EADDRINUSE): ${line}`)
  t.notMatch(after(line), new RegExp(`\\b${held}\\b`), 'after the retake, nothing is narrated on the taken port')
  const naive = attemptsInStep(run, 2).filter((o) => o.target.port === service.port)
  t.ok(naive.length >= 2 && naive.slice(0, -1).every((o) => o.code === 'ECONNREFUSED') && naive.at(-1)!.ok, 'on the fresh port the naive client was refused, then got through')
  t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
})
