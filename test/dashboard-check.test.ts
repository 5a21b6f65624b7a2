/**
 * The dashboard's Check route, `POST /api/check { address, port }`: check of one listener of this machine, guarded
 * like every other route. Each test checks only listeners it started itself (check with a target reads the kernel's
 * table for that one port and probes only it), so nothing here looks at every listener of the machine.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'
import { nodeHttpRequest } from '../src/clients/node-http.js'
import { startDashboard, type Dashboard, type DashboardOptions } from '../src/dashboard/server.js'
import type { CheckResult } from '../src/dashboard/sources.js'
import { startHttp } from '../src/services/http.js'
import { freePort } from '../src/net/free-port.js'
import { catalogue } from '../demos/index.js'
import { isLinux, liveNetHandles, ourSockets } from './helpers.js'

type Tap = Pick<typeof t, 'teardown'>

async function dashboard (t: Tap, opts: Partial<DashboardOptions> = {}): Promise<Dashboard> {
  const d = await startDashboard({ catalogue, ...opts })
  t.teardown(() => d.close())
  return d
}

/** POST /api/check the way the page does (its own Origin), unless told otherwise. */
function postCheck (d: Dashboard, body: unknown, headers: Record<string, string> = { origin: `http://127.0.0.1:${d.port}` }) {
  return nodeHttpRequest(`${d.url}api/check`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), bodyLimit: 1e6 })
}

function answerOf (r: { status?: number, body?: string }): CheckResult & { error?: string, message?: string } {
  return JSON.parse(r.body ?? '{}') as CheckResult & { error?: string, message?: string }
}

t.test('Check on the dashboard itself: ok, no risk, in plain words', async (t) => {
  const d = await dashboard(t)
  const r = await postCheck(d, { address: d.address, port: d.port })
  t.equal(r.status, 200, r.body ?? '')
  const a = answerOf(r)
  t.match(a.listener, { address: '127.0.0.1', port: d.port, exposure: 'loopback', verdict: 'ok', risks: [] })
  if (isLinux) t.equal(a.listener.pid, process.pid, 'its owner is this very process')
  t.equal(a.listener.service.protocol, 'http')
  t.ok(a.listener.service.evidence.some((e) => /Host: rebind-check\.invalid -> 403/.test(e)), 'a foreign Host got 403')
  t.ok(a.listener.service.evidence.some((e) => /WebSocket upgrade with Origin: https:\/\/evil\.example -> 403/.test(e)), 'a WebSocket from a foreign site got 403')
  t.match(a.plain, ['', 'Only programs on this computer can reach it.', 'Verdict: ok.'].map((x, i) => i === 0 ? /^This is / : x))
})

t.test('Check on an unguarded service of ours: review, with each web risk, its evidence and its fix', async (t) => {
  const d = await dashboard(t)
  const open = await startHttp({
    name: 'unguarded',
    websocket: true,
    routes: (app) => app.addHook('onSend', async (_req, reply, payload) => { reply.header('access-control-allow-origin', '*'); return payload }),
  })
  t.teardown(() => open.close())
  const a = answerOf(await postCheck(d, { address: open.address, port: open.port }))
  t.equal(a.listener.verdict, 'review')
  t.same(a.listener.risks.map((r) => r.id).sort(), ['cors-any-origin', 'dns-rebinding', 'websocket-any-origin'])
  for (const r of a.listener.risks) t.ok(r.evidence.length > 0 && r.fix.length > 0, `${r.id}: evidence and fix`)
  t.ok(a.plain.includes('Verdict: review: probably fine, but worth a look.'))
})

t.test('secrets on the owner\'s command line are redacted in the answer', { skip: isLinux ? false : 'the owner\'s command line is read from /proc' }, async (t) => {
  const d = await dashboard(t)
  const secret = `hunter2-${randomBytes(4).toString('hex')}`
  const child = spawn(process.execPath, ['-e', "const s = require('node:net').createServer((c) => c.destroy()).listen(0, '127.0.0.1', () => console.log('port', s.address().port)); process.stdin.resume()", '--', '--requirepass', secret, '<script>alert(1)</script>'],
    { stdio: ['pipe', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } })
  t.teardown(() => { child.kill('SIGKILL') })
  const [line] = await once(createInterface({ input: child.stdout! }), 'line') as [string]
  const port = Number(/^port (\d+)$/.exec(line)![1])
  const r = await postCheck(d, { address: '127.0.0.1', port })
  t.equal(r.status, 200, r.body ?? '')
  t.notMatch(r.body!, secret, 'the secret is nowhere in the answer')
  const a = answerOf(r)
  t.equal(a.listener.pid, child.pid)
  t.match(a.listener.commandLine, '--requirepass ***')
  t.match(a.listener.commandLine, '<script>alert(1)</script>', 'markup stays as the text it is (the page puts it in with textContent)')
})

t.test('only this machine\'s listeners: an address or port the kernel lists no listener on gets 404', async (t) => {
  const d = await dashboard(t)
  const port = await freePort({ host: '127.0.0.1' })
  for (const [address, p] of [['127.0.0.1', port], ['192.0.2.1', d.port], ['93.184.216.34', 80], ['::1', d.port]] as const) {
    const r = await postCheck(d, { address, port: p })
    t.equal(r.status, 404, `${address} port ${p}`)
    t.equal(answerOf(r).error, 'LAB_ERR_BAD_TARGET')
    t.match(answerOf(r).message, 'the dashboard checks only the listeners /api/ports lists')
  }
})

t.test('bad bodies get 400; a foreign Host or Origin, or no Origin, gets 403', async (t) => {
  const d = await dashboard(t)
  for (const body of [{}, { address: '127.0.0.1' }, { address: '127.0.0.1', port: '80' }, { address: '127.0.0.1', port: 0 }, { address: '127.0.0.1', port: 70000 },
    { address: '127.0.0.1', port: 1.5 }, { address: 7, port: 80 }, { address: '', port: 80 }, { address: 'x'.repeat(65), port: 80 }, null, [1, 2]]) {
    const r = await postCheck(d, body)
    t.equal(r.status, 400, JSON.stringify(body))
    t.equal(answerOf(r).error, 'LAB_ERR_BAD_ARGUMENT')
  }
  const at = { address: d.address, port: d.port }
  t.equal((await postCheck(d, at, { origin: 'https://evil.example' })).status, 403, 'a foreign Origin')
  t.equal((await postCheck(d, at, {})).status, 403, 'no Origin')
  const rebound = await postCheck(d, at, { host: `attacker.example:${d.port}`, origin: `http://attacker.example:${d.port}` })
  t.equal(rebound.status, 403, 'a rebound page')
  t.equal(answerOf(rebound).error, 'LAB_ERR_FOREIGN_HOST')
  t.equal((await nodeHttpRequest(`${d.url}api/check`)).status, 404, 'GET is not a route: a page cannot check by loading a URL')
  const big = await postCheck(d, { address: '127.0.0.1', port: d.port, pad: 'x'.repeat(70_000) })
  t.equal(big.status, 413, 'the body limit holds')
})

t.test('one check at a time: a second one while the first runs is told it is busy', async (t) => {
  let release!: () => void
  const held = new Promise<void>((resolve) => { release = resolve })
  let calls = 0
  const d = await dashboard(t, {
    sources: {
      async checkListener (address, port) {
        calls++
        await held
        return { listener: { address, port, family: 'IPv4', exposure: 'loopback', pid: null, user: null, command: null, commandLine: null, program: null, service: { protocol: 'unknown', evidence: [] }, risks: [], verdict: 'ok' }, plain: ['Verdict: ok.'], notes: [] }
      },
    },
  })
  const first = postCheck(d, { address: '127.0.0.1', port: d.port })
  while (calls === 0) await new Promise((resolve) => setImmediate(resolve))
  const second = await postCheck(d, { address: '127.0.0.1', port: 4000 })
  t.equal(second.status, 409)
  t.match(answerOf(second), { error: 'LAB_ERR_BUSY', message: `a check of 127.0.0.1:${d.port} is still running; one check at a time. Try again in a moment.` })
  release()
  t.equal((await first).status, 200)
  t.equal((await postCheck(d, { address: '127.0.0.1', port: 4000 })).status, 200, 'free again once it has finished')
  t.equal(calls, 2)
})

t.test('nothing is left open', async (t) => {
  t.same(await liveNetHandles(), [])
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'no listener of ours')
})
