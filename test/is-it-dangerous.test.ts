import t from 'tap'
import { existsSync } from 'node:fs'
import isItDangerous from '../demos/is-it-dangerous.js'
import type { FactObservation, ObserveEvent } from '../src/core/events.js'
import { listListeners } from '../src/diagnose/ports/listeners.js'
import { collect, isLinux, liveNetHandles, ourSockets } from './helpers.js'

type Checked = { verdict: string, protocol: string, product: string | null, risks: Array<{ id: string, severity: string }>, evidence: string[] }

t.test('is-it-dangerous: check finds the guarded service ok, the unguarded one review, the Node debugger danger', async (t) => {
  const run = await collect(isItDangerous)
  t.equal(run.done.ok, true, run.done.error?.message ?? '')

  const facts = new Map(run.observations.flatMap((o: ObserveEvent) => o.kind === 'fact' ? [[o.key, o] as const] : []))
  const fact = <T>(key: string): T => (facts.get(key) as FactObservation | undefined)?.value as T
  const listening = run.observations.flatMap((o) => o.kind === 'listening' ? [o] : [])
  t.same(listening.map((l) => l.address), ['127.0.0.1', '127.0.0.1', '127.0.0.1'], 'all three bound loopback only')
  const [safe, open, inspector] = listening
  t.ok(inspector!.pid !== undefined && inspector!.pid !== process.pid, 'the inspector is a process of its own')

  const guarded = fact<Checked>('guarded-check')
  t.equal(guarded.verdict, 'ok')
  t.same(guarded.risks, [])
  t.ok(guarded.evidence.includes('GET / with Host: rebind-check.invalid -> 403 (with its own Host: 200)'), 'the foreign Host got 403')

  const unguarded = fact<Checked>('unguarded-check')
  t.equal(unguarded.verdict, 'review')
  t.same(unguarded.risks.map((r) => r.id).sort(), ['cors-any-origin', 'dns-rebinding', 'websocket-any-origin'])
  t.ok(unguarded.evidence.includes('GET / with Origin: https://evil.example -> Access-Control-Allow-Origin: *'))
  t.ok(unguarded.evidence.includes('WebSocket upgrade with Origin: https://evil.example -> 101 (accepted)'))

  const debuggerCheck = fact<Checked>('inspector-check')
  t.equal(debuggerCheck.verdict, 'danger')
  t.equal(debuggerCheck.protocol, 'node-inspector')
  t.same(debuggerCheck.risks.map((r) => r.id), ['code-execution'])
  t.same(fact('inspector-version'), { Browser: `node.js/${process.version}`, 'Protocol-Version': '1.1' }, 'the inspector named this very Node')
  t.equal(fact('inspector-foreign-host-status'), 400, 'current Node refuses a foreign Host on its inspector')
  t.equal(fact('inspector-evaluated-pid'), inspector!.pid, 'code ran inside the debugged process: it answered its own pid')
  t.match(fact('stopped-inspector-check'), { listening: false, note: `Nothing listens on 127.0.0.1:${inspector!.port} now.` })

  const [foreign, rebound] = [
    run.attempts.find((a) => a.remotePort === safe!.port && a.status !== undefined),
    run.attempts.find((a) => a.remotePort === inspector!.port && a.request?.includes('Host: rebind-check.invalid')),
  ]
  t.equal(foreign?.status, 403)
  t.equal(rebound?.status, 400)
  const hijack = run.attempts.find((a) => a.client === 'ws' && a.remotePort === open!.port)
  t.match(hijack, { ok: true, status: 101, body: 'hello from another site' }, 'a WebSocket from a foreign Origin opened and echoed')

  // The narration quotes what was measured.
  const n = run.narration
  t.match(n, `Debugger listening on ws://127.0.0.1:${inspector!.port}/`)
  t.match(n, 'Verdict: ok.')
  t.match(n, 'Verdict: review.')
  t.match(n, 'Verdict: danger.')
  t.match(n, `Host: rebind-check.invalid, it answered 400`)
  t.match(n, `Runtime.evaluate of process.pid answered ${inspector!.pid}`)
  t.ok(run.events.filter((e) => e.type === 'fix').length >= 2, 'a fix for each')

  t.notOk(existsSync(`/proc/${inspector!.pid}`) && isLinux, 'the inspector child is gone')
  const left = await listListeners()
  t.same(left.listeners.filter((l) => listening.some((x) => x.port === l.port)), [], 'nothing listens on the lesson\'s ports')
  t.same(await liveNetHandles(), [], 'no server or socket handle is left')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})
