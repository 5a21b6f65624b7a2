import t from 'tap'
import lesson, { plan } from '../demos/websocket-handshake.js'
import { which } from '../src/process/tool.js'
import { ms } from '../src/render/format.js'
import { alive, attemptsInStep, isLinux, liveNetHandles, ofKind, ourSockets, reproduce } from './helpers.js'

t.test('websocket-handshake: 404, 403, 200 and 426 instead of 101, a proxy that drops the upgrade, and each fix', async (t) => {
  const nginx = await which('nginx')
  const run = await reproduce(t, lesson)
  t.same(run.done.observed, ['1006', '404', '403', '200', '426'], 'the statuses that refused the handshake, and ws closing 1006')

  const listening = ofKind(run, 'listening')
  const backend = listening.find((l) => l.name === 'backend with a WebSocket on /ws')!
  const frontend = listening.find((l) => l.name === 'frontend dev server (no WebSocket)')!
  const [ok] = attemptsInStep(run, 1)
  t.match(ok, { client: 'ws', ok: true, status: 101, body: 'hello', closeCode: 1000, remotePort: backend.port }, 'the right path from the right Origin opens')

  const refusedWith = (step: number, status: number, port: number): void => {
    const [o] = attemptsInStep(run, step)
    t.match(o, { client: 'ws', ok: false, message: `Unexpected server response: ${status}`, closeCode: 1006, port }, `ws: Unexpected server response: ${status}, close 1006`)
    t.notOk(o!.code, 'ws gives such an error no code: the status is in the message')
    t.ok(o!.elapsedMs < 1000, `refused at once, no timeout (${o!.elapsedMs} ms)`)
    t.match(run.narration, `ws says "Unexpected server response: ${status}", then close 1006, in ${ms(o!.elapsedMs)}`)
  }
  refusedWith(2, 404, backend.port)
  // What a page's script gets: measured where Node builds the browser's WebSocket in (22+), told on Node 20.
  const pageSees = typeof (globalThis as { WebSocket?: unknown }).WebSocket === 'function'
  t.match(run.narration, pageSees ? /As a web page sees it: the WebSocket a page's script gets[^\n]*fired error after [\d.]+ [µm]?s/ : /As a web page sees it: Node v\S+ has no browser-style WebSocket/, 'the page never sees the 404')
  refusedWith(3, 403, backend.port)
  refusedWith(4, 200, frontend.port)
  t.match(run.narration, `Origin: http://127.0.0.1:${frontend.port}`, 'the 403 came for the 127.0.0.1 spelling of the page')

  const [asHttp] = attemptsInStep(run, 5)
  t.match(asHttp, { client: 'http', status: 426, body: 'Upgrade Required' }, 'plain HTTP to ws\'s own server: 426')

  const step6 = attemptsInStep(run, 6)
  const [stuck, through] = step6
  t.match(stuck, { client: 'ws', ok: false, message: 'Opening handshake has timed out', closeCode: 1006 }, 'through a proxy without ws: true the 101 never comes back')
  t.ok(stuck!.elapsedMs >= plan.handshakeTimeoutMs - 10, `only ws's ${plan.handshakeTimeoutMs} ms handshake timeout ended it (${stuck!.elapsedMs} ms)`)
  t.match(through, { ok: true, status: 101, body: 'hello' }, 'the same proxy with ws: true passes the upgrade')
  if (nginx) {
    const [, , dropped, passed] = step6
    t.match(dropped, { ok: false, message: 'Unexpected server response: 426', closeCode: 1006 }, 'nginx without the Upgrade lines: the server saw a plain GET')
    t.match(passed, { ok: true, status: 101, body: 'hello' }, 'nginx with them: 101')
    const ng = listening.find((l) => l.name.startsWith('nginx (pid'))!
    t.notOk(alive(ng.pid!), 'nginx is gone')
  } else {
    t.equal(step6.length, 2, 'without nginx, only the dev proxy')
  }

  t.same(await liveNetHandles(), [], 'no server or socket handle is left')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})
