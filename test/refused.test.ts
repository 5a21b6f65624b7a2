import t from 'tap'
import refused from '../demos/refused.js'
import type { Outcome } from '../src/core/events.js'
import { ms } from '../src/render/format.js'
import { attemptsInStep, isLinux, liveNetHandles, ofKind, ourSockets, reproduce } from './helpers.js'
import { runTaking } from './port-holder.js'

t.test('refused: each client kind gets ECONNREFUSED from connect(), then connects once the service listens', async (t) => {
  const run = await reproduce(t, refused)
  t.same(run.done.observed, ['ECONNREFUSED', '1006'], 'the codes observed are the real ones: refused, and ws closing 1006')

  const [finder, ...rest] = run.observations.flatMap((o) => o.kind === 'listening' ? [o] : [])
  t.equal(finder?.name, 'port finder')
  const port = finder!.port
  const firstAttempt = run.observations.find((o) => o.kind === 'attempt')!
  t.ok(run.observations.some((o) => o.kind === 'closed' && o.port === port && o.t < firstAttempt.t), 'the finder closed its port before anyone connected')
  const service = rest.at(-1)!
  const taken = run.observations.some((o) => o.kind === 'listen-error')
  if (!taken) t.equal(service.port, port, 'the service came back on the very port that refused')
  else t.comment(`port ${port} was taken in between; the scenario moved to ${service.port}`)

  const failed = run.attempts.filter((a) => !a.ok)
  t.equal(failed.length, 6, 'three kinds of client, cold and warm')
  for (const kind of ['tcp', 'http', 'ws'] as const) {
    const mine = failed.filter((a) => a.client === kind)
    t.equal(mine.length, 2, `${kind}: two refused attempts`)
    for (const a of mine) {
      t.match(a, { code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port, family: 'IPv4' }, `${kind}: the kernel's refusal`)
      t.ok(a.elapsedMs < 1000, `${kind}: refused without waiting (${a.elapsedMs} ms)`)
    }
  }
  const [tcp, tcp2] = failed.filter((a) => a.client === 'tcp') as [Outcome, Outcome]
  const [http, http2] = failed.filter((a) => a.client === 'http') as [Outcome, Outcome]
  const [ws, ws2] = failed.filter((a) => a.client === 'ws') as [Outcome, Outcome]
  t.equal(tcp.message, `connect ECONNREFUSED 127.0.0.1:${port}`, 'net.connect prints the code and address')
  t.equal(http.message, 'fetch failed', 'fetch prints only "fetch failed"')
  t.match(http.causes, [{ code: 'ECONNREFUSED', syscall: 'connect', message: `connect ECONNREFUSED 127.0.0.1:${port}` }], 'the reason is in fetch\'s cause')
  t.equal(ws.message, `connect ECONNREFUSED 127.0.0.1:${port}`)
  t.equal(ws.closeCode, 1006, 'ws closes with 1006: no close frame')

  const ok = run.attempts.filter((a) => a.ok)
  t.equal(ok.length, 3, 'all three connect once the service listens')
  t.match(ok.find((a) => a.client === 'tcp'), { remoteAddress: '127.0.0.1', remotePort: service.port })
  t.match(ok.find((a) => a.client === 'http'), { status: 200 })
  t.match(ok.find((a) => a.client === 'ws'), { body: 'hello', closeCode: 1000 })

  // Every number in the narration is one that was measured.
  const n = run.narration
  t.match(n, `err.code ECONNREFUSED, err.syscall connect, err.address 127.0.0.1, err.port ${port}`)
  t.match(n, `in err.cause: "connect ECONNREFUSED 127.0.0.1:${port}"`)
  t.match(n, `'close' with code ${ws.closeCode}`)
  t.match(n, `The first tries took ${ms(tcp.elapsedMs)} (TCP), ${ms(http.elapsedMs)} (fetch) and ${ms(ws.elapsedMs)} (ws)`)
  t.match(n, `Warm: ${ms(tcp2.elapsedMs)}, ${ms(http2.elapsedMs)} and ${ms(ws2.elapsedMs)}.`)
  const [okTcp, okHttp, okWs] = ok as [Outcome, Outcome, Outcome]
  t.match(n, `TCP connected in ${ms(okTcp.elapsedMs)}, fetch got HTTP 200 in ${ms(okHttp.elapsedMs)}, the WebSocket opened and echoed in ${ms(okWs.elapsedMs)}`)

  t.same(await liveNetHandles(), [], 'no server or socket handle is left')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})

/**
 * Another program takes the borrowed port before the clients knock (a second process listens on it in the gate
 * before step 2). The lesson must say so, record it, and knock on a fresh port: every refusal it tells is real.
 */
t.test('refused when another process takes the borrowed port before the knock', async (t) => {
  const { run, held, after } = await runTaking(refused, (n) => n === 2, (events) => events.flatMap((e) => e.type === 'observe' && e.kind === 'closed' && e.name === 'port finder' ? [e.port] : []).at(-1))
  t.equal(run.done.ok, true, run.done.error?.message ?? `missing ${run.done.missing.join(', ')}`)
  t.same(ofKind(run, 'fact').filter((f) => f.key === 'port-taken').map((f) => f.value), [{ port: held, address: '127.0.0.1', what: 'our tcp connect was accepted there', retake: 1 }])
  const knocks = attemptsInStep(run, 2)
  t.match(knocks[0], { client: 'tcp', ok: true, target: { port: held } }, 'the first connect really reached the other process')
  const fresh = knocks[1]!.target.port
  t.not(fresh, held)
  t.same(knocks.slice(1).map((o) => [o.client, o.code, o.syscall, o.target.port]), [
    ['tcp', 'ECONNREFUSED', 'connect', fresh], ['http', 'ECONNREFUSED', 'connect', fresh], ['ws', 'ECONNREFUSED', 'connect', fresh],
  ], 'then every client was really refused on the fresh port')
  const line = `Port ${held} was free a moment ago, but another program took it on 127.0.0.1 meanwhile (our tcp connect was accepted there): that door is someone else's. We borrowed port ${fresh} and knock there instead.`
  t.match(run.narration, line)
  t.notMatch(after(line), new RegExp(`\\b${held}\\b`), 'after the retake, nothing is narrated on the taken port')
  t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
})
