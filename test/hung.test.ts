import t from 'tap'
import net from 'node:net'
import hung, { plan } from '../demos/hung.js'
import { ms } from '../src/render/format.js'
import { alive, attemptsInStep, collect, factValue, isLinux, liveNetHandles, ourSockets } from './helpers.js'

t.test('hung: refused is instant, each hung client waits for its own timeout', async (t) => {
  const run = await collect(hung)
  t.equal(run.done.ok, true, run.done.error?.message ?? `missing ${run.done.missing.join(', ')}`)
  t.same(run.done.observed, ['ECONNREFUSED', 'TimeoutError', '1006', 'ETIMEDOUT'])

  const attemptTimeout = net.getDefaultAutoSelectFamilyAttemptTimeout()
  t.equal(factValue(run, 'auto-select-family-attempt-timeout'), attemptTimeout, 'read from this Node, not assumed')

  const [refused] = attemptsInStep(run, 2)
  t.match(refused, { client: 'tcp', code: 'ECONNREFUSED', syscall: 'connect', family: 'IPv4' })

  const web = run.observations.find((o) => o.kind === 'listening' && o.service === 'http')!
  t.ok(web.kind === 'listening')
  const pid = web.kind === 'listening' ? web.pid! : NaN
  if (isLinux) t.match(factValue(run, 'process-stopped'), { pid, state: /^T / }, '/proc says the process was stopped')

  const [fetched] = attemptsInStep(run, 4)
  t.match(fetched, { client: 'http', via: 'fetch', code: 'TimeoutError', errorName: 'TimeoutError' })
  t.equal(fetched!.causes, undefined, 'a timeout has no socket error inside')
  const [ws] = attemptsInStep(run, 5)
  t.match(ws, { client: 'ws', ok: false, closeCode: 1006 })
  t.equal(ws!.code, undefined, 'ws gives its handshake timeout no code')
  t.equal(ws!.status, undefined, 'no 101 reply ever came')
  const connects = attemptsInStep(run, 6)
  const timedOut = connects.at(-1)!
  t.match(timedOut, { client: 'tcp', code: 'ETIMEDOUT', syscall: 'connect', family: 'IPv4' })
  t.ok(connects.slice(0, -1).every((o) => o.ok), 'the connects before it were accepted by the kernel at once')

  // The three timeouts are ours (plan.patienceMs); a refusal takes a fraction of that.
  for (const o of [fetched!, ws!, timedOut]) {
    t.ok(o.elapsedMs >= plan.patienceMs - 10 && o.elapsedMs < 5000, `${o.client} waited about its ${plan.patienceMs} ms timeout (${o.elapsedMs} ms)`)
    t.ok(refused!.elapsedMs < o.elapsedMs, `the refusal (${refused!.elapsedMs} ms) came before the ${o.client} timeout`)
  }
  if (isLinux) {
    t.ok((factValue(run, 'accept-queue') as number) >= 2, 'the kernel queued the two hung attempts')
    const queues = run.observations.flatMap((o) => o.kind === 'fact' && o.key === 'accept-queue' ? [o.value] : [])
    t.equal(queues.at(-1), 4, 'backlog 3: Linux queues 4, then drops SYNs')
  }

  const [eyeballs] = attemptsInStep(run, 7)
  t.match(eyeballs, { client: 'tcp', ok: true, family: 'IPv6', remoteAddress: '::1' })
  t.same(eyeballs!.attempted, [`127.0.0.1:${timedOut.port}`, `::1:${timedOut.port}`], 'Happy Eyeballs tried 127.0.0.1, then ::1')
  t.ok(eyeballs!.elapsedMs >= attemptTimeout - 5 && eyeballs!.elapsedMs < attemptTimeout * 4, `moved on after about ${attemptTimeout} ms (${eyeballs!.elapsedMs})`)

  const [after] = attemptsInStep(run, 8)
  t.match(after, { ok: true, status: 200 }, 'SIGCONT: the service answers again')

  t.match(run.narration, `${refused!.code} in ${ms(refused!.elapsedMs)}`)
  t.match(run.narration, `fetch waited ${ms(fetched!.elapsedMs)}`)
  t.match(run.narration, `ws waited ${ms(ws!.elapsedMs)}`)
  t.match(run.narration, `It gave up after ${ms(timedOut.elapsedMs)}: ETIMEDOUT`)
  t.match(run.narration, `gives each address of a name ${attemptTimeout} ms`)
  t.match(run.narration, `Connected after ${ms(eyeballs!.elapsedMs)}`)

  t.equal(alive(pid), false, 'the frozen child was killed at the end')
  t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})
