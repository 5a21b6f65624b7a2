import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import t from 'tap'
import proxy, { plan } from '../demos/proxy.js'
import { which } from '../src/process/tool.js'
import { ms } from '../src/render/format.js'
import { alive, attemptsInStep, factValue, isLinux, liveNetHandles, ofKind, ourSockets, reproduce } from './helpers.js'

const nginxDirs = async (): Promise<string[]> => (await readdir(tmpdir())).filter((d) => d.startsWith('localhost-lab-nginx-'))

t.test('proxy: 502 from the dev proxy and nginx, 504 from nginx, a cut answer, next to the backend\'s real cause', async (t) => {
  const before = await nginxDirs()
  const nginx = await which('nginx')
  const run = await reproduce(t, proxy)
  const expected = ['502', 'ECONNREFUSED', 'ECONNRESET', 'TimeoutError', ...(nginx ? ['504', 'UND_ERR_SOCKET'] : [])]
  t.same(run.done.observed, expected, 'the codes observed: the proxies\' statuses and the real causes behind them')

  const finder = ofKind(run, 'listening').find((l) => l.name === 'port finder')!
  const missing = finder.port
  const [viaProxy, direct] = attemptsInStep(run, 2)
  t.match(viaProxy, { client: 'http', status: 502, body: '' }, 'the dev server answers 502 with an empty body, as Vite does')
  t.match(direct, { code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port: missing }, 'the backend\'s port refuses: the real cause')
  t.match(run.narration, `"http proxy error: /api/hello Error: connect ECONNREFUSED 127.0.0.1:${missing}"`, 'the proxy\'s own log line, with the refused port')

  const [timedOut, patient] = attemptsInStep(run, 3)
  t.match(timedOut, { status: 502 }, 'the proxy\'s own timeout is a 502 too')
  t.ok(timedOut!.elapsedMs >= plan.proxyTimeoutMs - 10 && timedOut!.elapsedMs < plan.slowMs, `the 502 came at the proxy's ${plan.proxyTimeoutMs} ms timeout (${timedOut!.elapsedMs} ms), before the backend's answer`)
  t.match(patient, { status: 200 }, 'asked directly, the slow backend answers')
  t.ok(patient!.elapsedMs >= plan.slowMs - 10, `it answers late, after its ${plan.slowMs} ms (${patient!.elapsedMs} ms)`)
  t.match(run.narration, 'logged "http proxy error: /slow/report Error: socket hang up" (ECONNRESET)', 'http-proxy-3 words its timeout as a hang-up')

  const [hung] = attemptsInStep(run, 4)
  t.match(hung, { errorName: 'TimeoutError', code: 'TimeoutError' }, 'the cut response never ends: only the client\'s own timeout ends the wait')
  t.ok(hung!.elapsedMs >= plan.clientTimeoutMs - 10, `it waited its whole ${plan.clientTimeoutMs} ms timeout (${hung!.elapsedMs} ms)`)
  const killed = ofKind(run, 'closed').find((c) => c.name.startsWith('streaming backend process'))
  t.ok(killed?.pid !== undefined && !alive(killed.pid), 'the streaming backend process was killed and is gone')

  let fixStep = 5
  if (nginx) {
    fixStep = 6
    const [ng502, ng504, ngCut] = attemptsInStep(run, 5)
    t.match(ng502, { status: 502 }, 'nginx: 502 for the refusal')
    t.match(ng504, { status: 504 }, 'nginx: 504 for its own timeout')
    t.ok(ng504!.elapsedMs >= plan.proxyTimeoutMs - 10 && ng504!.elapsedMs < plan.slowMs, `the 504 came at proxy_read_timeout, ${plan.proxyTimeoutMs} ms (${ng504!.elapsedMs} ms)`)
    t.match(ngCut, { code: 'UND_ERR_SOCKET', message: 'terminated' }, 'nginx closes a cut response: fetch says terminated')
    const lines = factValue(run, 'nginx-error-log') as string[]
    t.match(lines, [
      /^connect\(\) failed \(111: Connection refused\) while connecting to upstream$/,
      /^upstream timed out \(110: Connection timed out\) while reading response header from upstream$/,
      /^upstream prematurely closed connection while reading upstream$/,
    ], 'nginx\'s error log names each cause')
    const source = run.observations.find((o) => o.kind === 'fact' && o.key === 'nginx')
    t.match(source, { source: /^nginx\/[\d.]+, \/.*nginx/ }, 'the nginx fact says which nginx it was')
    t.match(run.narration, `HTTP 504 after ${ms(ng504!.elapsedMs)}`)
    const ng = ofKind(run, 'listening').find((l) => l.name.startsWith('nginx (pid'))!
    t.notOk(alive(ng.pid!), 'nginx is gone')
  }

  const [fixed] = attemptsInStep(run, fixStep)
  t.match(fixed, { status: 200, body: '{"hello":"from the backend"}' }, 'with the backend started, the same proxy answers 200')
  const backend = ofKind(run, 'listening').find((l) => l.name === 'backend, started')!
  t.equal(backend.port, missing, 'the backend came up on the port the proxy points at')

  t.match(run.narration, `The browser gets HTTP 502 with an empty body, after ${ms(viaProxy!.elapsedMs)}.`)
  t.match(run.narration, `After ${ms(timedOut!.elapsedMs)} the dev server answered HTTP 502`)
  t.match(run.narration, `Asked directly at the same moment, the backend answered 200 after ${ms(patient!.elapsedMs)}`)
  t.match(run.narration, `HTTP 200 in ${ms(fixed!.elapsedMs)}`)

  t.same(await liveNetHandles(), [], 'no server or socket handle is left')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
  t.same(await nginxDirs(), before, 'nginx\'s temporary directory is removed')
})
