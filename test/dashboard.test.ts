import t from 'tap'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import getPort from 'get-port'
import WebSocket from 'ws'
import { nodeHttpRequest } from '../src/clients/node-http.js'
import { startDashboard, type Dashboard, type DashboardMessage, type DashboardOptions } from '../src/dashboard/server.js'
import { storyTime } from '../src/core/clock.js'
import type { DoneEvent } from '../src/core/events.js'
import { defineScenario } from '../src/core/lab.js'
import { ms } from '../src/render/format.js'
import { catalogue } from '../demos/index.js'
import { startTcp } from '../src/services/tcp.js'
import { CLI, cli, isLinux, liveNetHandles, ourSockets } from './helpers.js'

type Tap = Pick<typeof t, 'teardown' | 'comment'>

async function dashboard (t: Tap, opts: Partial<DashboardOptions> = {}): Promise<Dashboard> {
  const d = await startDashboard({ catalogue, ...opts })
  t.teardown(() => d.close())
  return d
}

function origin (d: Dashboard): string {
  return `http://127.0.0.1:${d.port}`
}

/** POST JSON the way the page does (its own Origin), unless told otherwise. */
function post (d: Dashboard, path: string, body: unknown, headers: Record<string, string> = { origin: origin(d) }) {
  return nodeHttpRequest(`${d.url}${path.slice(1)}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), bodyLimit: 1e6 })
}

interface Opened {
  status: number
  ws?: WebSocket
  messages: DashboardMessage[]
  /** Resolves with the first message (already received or still to come) that matches. */
  until (match: (m: DashboardMessage) => boolean): Promise<DashboardMessage>
}

/** Try to open the dashboard's WebSocket with these headers; report the HTTP status of the answer (101 if opened). */
function openWs (t: Tap, d: Dashboard, headers: { origin?: string, host?: string }, path = '/ws'): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const opts: WebSocket.ClientOptions = {}
    if (headers.origin !== undefined) opts.origin = headers.origin
    if (headers.host !== undefined) opts.headers = { host: headers.host }
    const ws = new WebSocket(`ws://127.0.0.1:${d.port}${path}`, opts)
    const messages: DashboardMessage[] = []
    const waiters: Array<{ match: (m: DashboardMessage) => boolean, resolve: (m: DashboardMessage) => void }> = []
    const until = (match: (m: DashboardMessage) => boolean): Promise<DashboardMessage> => {
      const seen = messages.find(match)
      return seen ? Promise.resolve(seen) : new Promise((res) => waiters.push({ match, resolve: res }))
    }
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as DashboardMessage
      messages.push(m)
      for (const w of waiters.filter((x) => x.match(m))) {
        waiters.splice(waiters.indexOf(w), 1)
        w.resolve(m)
      }
    })
    ws.on('open', () => {
      t.teardown(() => ws.terminate())
      resolve({ status: 101, ws, messages, until })
    })
    ws.on('unexpected-response', (req, res) => {
      req.destroy()
      resolve({ status: res.statusCode!, messages, until })
    })
    ws.on('error', reject)
  })
}

t.test('it listens on 127.0.0.1 only, and serves the page from there', async (t) => {
  const d = await dashboard(t)
  t.equal(d.address, '127.0.0.1')
  t.equal(d.url, `http://127.0.0.1:${d.port}/`)
  if (isLinux) t.same(await ourSockets('LISTEN'), [`LISTEN 127.0.0.1:${d.port}`], 'the kernel lists exactly one listener of ours: 127.0.0.1')

  const page = await nodeHttpRequest(d.url)
  t.equal(page.status, 200)
  t.match(page.body, /<title>localhost-lab dashboard<\/title>/)
  const app = await nodeHttpRequest(`${d.url}app.js`)
  t.equal(app.status, 200)
  t.match(app.body, /textContent only, never as HTML/)
  t.equal((await nodeHttpRequest(`${d.url}nope`)).status, 404)

  const list = await nodeHttpRequest(`${d.url}api/scenarios`, { bodyLimit: 1e6 })
  const scenarios = JSON.parse(list.body!) as Array<{ id: string, command: string }>
  t.ok(scenarios.some((s) => s.id === 'ephemeral' && s.command === 'npm run demo:ephemeral'))
  t.ok(scenarios.some((s) => s.id === 'dns-rebinding'))
})

t.test('a foreign Host header gets 403; its own names get in', async (t) => {
  const d = await dashboard(t)
  for (const host of [`attacker.example:${d.port}`, `127.0.0.1:${d.port + 1}`, `localhost`, `192.168.0.10:${d.port}`]) {
    for (const path of ['', 'app.js', 'api/scenarios', 'api/ports', 'nope']) {
      const r = await nodeHttpRequest(`${d.url}${path}`, { headers: { host } })
      t.equal(r.status, 403, `Host ${host}, /${path}`)
      if (path === 'api/ports') t.equal(JSON.parse(r.body!).error, 'LAB_ERR_FOREIGN_HOST')
    }
  }
  const post = await nodeHttpRequest(`${d.url}api/run`, {
    method: 'POST', headers: { host: `attacker.example:${d.port}`, origin: `http://attacker.example:${d.port}`, 'content-type': 'application/json' }, body: '{"id":"ephemeral"}',
  })
  t.equal(post.status, 403, 'a rebound POST cannot start a run')
  t.equal(d.running(), undefined)
  for (const host of [`127.0.0.1:${d.port}`, `localhost:${d.port}`, `[::1]:${d.port}`]) {
    t.equal((await nodeHttpRequest(d.url, { headers: { host } })).status, 200, `Host ${host}`)
  }
})

t.test('a foreign Origin cannot open the WebSocket, nor POST', async (t) => {
  const d = await dashboard(t)
  const foreign = await openWs(t, d, { origin: `http://attacker.example:${d.port}` })
  t.equal(foreign.status, 403, 'foreign Origin: 403, no WebSocket')
  t.equal((await openWs(t, d, {})).status, 403, 'no Origin at all: 403 (a browser always sends one)')
  t.equal((await openWs(t, d, { origin: `http://attacker.example:${d.port}`, host: `attacker.example:${d.port}` })).status, 403, 'rebound Host and Origin: 403')
  t.equal((await openWs(t, d, { origin: origin(d), host: `attacker.example:${d.port}` })).status, 403, 'own Origin with a foreign Host: 403')
  t.equal((await openWs(t, d, { origin: origin(d) }, '/elsewhere')).status, 404, 'only /ws upgrades')

  const own = await openWs(t, d, { origin: `http://localhost:${d.port}` })
  t.equal(own.status, 101, 'its own page opens it')
  t.match(await own.until((m) => m.type === 'hello'), { type: 'hello', running: null })

  const forged = await post(d, '/api/run', { id: 'ephemeral' }, { origin: 'https://evil.example' })
  t.equal(forged.status, 403, 'a cross-site POST cannot start a run')
  t.equal(JSON.parse(forged.body!).error, 'LAB_ERR_FOREIGN_ORIGIN')
  t.equal((await post(d, '/api/run', { id: 'ephemeral' }, {})).status, 403, 'nor a POST without Origin')
  t.equal(d.running(), undefined)
})

t.test('scenario ids are checked against the catalogue', async (t) => {
  const d = await dashboard(t)
  for (const body of [{ id: 'refuse' }, { id: '../../etc/passwd' }, { id: 'constructor' }, { id: 42 }, {}, { id: 'x'.repeat(100) }]) {
    const r = await post(d, '/api/run', body)
    t.equal(r.status, 400, JSON.stringify(body).slice(0, 40))
    t.match(JSON.parse(r.body!).error, /^LAB_ERR_(UNKNOWN_SCENARIO|BAD_ARGUMENT)$/)
  }
  const typo = await post(d, '/api/run', { id: 'ephemeal' })
  t.match(JSON.parse(typo.body!).message, /Did you mean 'ephemeral'\?/)
  t.equal(d.running(), undefined, 'nothing was started')
})

t.test('one run at a time, streamed live to the page; a second request is told it is busy', async (t) => {
  let release!: () => void
  const held = new Promise<void>((resolve) => { release = resolve })
  const slow = defineScenario({
    id: 'slow', title: 'waits for the test', symptom: 's', codes: ['ECONNREFUSED'],
    async run (lab) {
      lab.step('listen, close, knock')
      const tcp = await lab.tcp()
      await lab.close(tcp)
      await lab.connect(tcp.address, tcp.port)
      lab.step('wait')
      await held
    },
  })
  const quick = defineScenario({ id: 'quick', title: 'says one thing', symptom: 's', codes: [], async run (lab) { lab.say('hello') } })
  const d = await dashboard(t, { catalogue: [slow, quick] })
  const page = await openWs(t, d, { origin: origin(d) })

  const started = await post(d, '/api/run', { id: 'slow' })
  t.equal(started.status, 202)
  t.same(JSON.parse(started.body!), { run: 1, id: 'slow' })

  const refusal = await page.until((m) => m.type === 'event' && m.event.type === 'observe' && m.event.kind === 'attempt')
  t.match(refusal, { type: 'event', run: 1, event: { outcome: { code: 'ECONNREFUSED', syscall: 'connect', family: 'IPv4' } }, line: { tone: 'bad' } })
  await page.until((m) => m.type === 'event' && m.event.type === 'step' && m.event.n === 2)
  t.notOk(page.messages.some((m) => m.type === 'event' && m.event.type === 'done'), 'the events arrived while the run was still going')

  const busy = await post(d, '/api/run', { id: 'quick' })
  t.equal(busy.status, 409)
  t.match(JSON.parse(busy.body!), { error: 'LAB_ERR_BUSY', running: { run: 1, id: 'slow' } })
  t.match(JSON.parse(busy.body!).message, /'slow' is still running/)

  // A page that opens now gets the run so far.
  const late = await openWs(t, d, { origin: `http://[::1]:${d.port}`, host: `[::1]:${d.port}` })
  const hello = await late.until((m) => m.type === 'hello')
  t.match(hello, { type: 'hello', running: { run: 1, id: 'slow' } })
  t.ok(hello.type === 'hello' && hello.replay.some((m) => m.type === 'event' && m.event.type === 'observe' && m.event.kind === 'attempt'), 'with the refusal in its replay')

  release()
  const finished = await page.until((m) => m.type === 'run-finished')
  t.match(finished, { run: 1, id: 'slow', ok: true })
  const done = page.messages.find((m) => m.type === 'event' && m.event.type === 'done')
  t.match(done, { event: { ok: true, observed: ['ECONNREFUSED'] }, line: { tone: 'good' } })
  t.equal(d.running(), undefined)

  const next = await post(d, '/api/run', { id: 'quick' })
  t.equal(next.status, 202, 'once it has finished, the next run may start')
  t.match(await page.until((m) => m.type === 'run-finished' && m.run === 2), { ok: true })
  if (isLinux) t.same(await ourSockets('LISTEN'), [`LISTEN 127.0.0.1:${d.port}`], 'the runs left nothing listening')
})

t.test('closing the dashboard stops the run in progress and leaves nothing behind', async (t) => {
  const stuck = defineScenario({
    id: 'stuck', title: 't', symptom: 's', codes: [],
    async run (lab) {
      lab.step('hold a listener forever')
      await lab.tcp()
      await new Promise(() => {})
    },
  })
  const d = await startDashboard({ catalogue: [stuck] })
  const page = await openWs(t, d, { origin: origin(d) })
  t.equal((await post(d, '/api/run', { id: 'stuck' })).status, 202)
  await page.until((m) => m.type === 'event' && m.event.type === 'observe' && m.event.kind === 'listening')
  await d.close()
  const done = page.messages.find((m) => m.type === 'event' && m.event.type === 'done')
  t.match(done, { event: { ok: false, interrupted: 'the dashboard is closing' } })
  t.same(await liveNetHandles(), [])
  if (isLinux) t.same(await ourSockets(), [], 'no listener, no connection')
})

t.test('explain and ports answer through the adapter', async (t) => {
  const d = await dashboard(t)
  const explained = await post(d, '/api/explain', { text: 'Error: connect ECONNREFUSED 127.0.0.1:3000' })
  t.equal(explained.status, 200)
  t.match(JSON.parse(explained.body!), { candidates: [{ kind: 'refused', scenario: 'refused' }], address: '127.0.0.1', port: 3000 }, 'the real explain answers')
  t.equal((await post(d, '/api/explain', { text: '' })).status, 400)
  t.equal((await post(d, '/api/explain', { nope: 1 })).status, 400)

  const answer = await (await fetch(`${d.url}api/ports`)).json() as { self: { port: number }, ports: Array<Record<string, unknown>> }
  t.equal(answer.self.port, d.port)
  if (isLinux) {
    const mine = answer.ports.find((p) => p.port === d.port)
    t.match(mine, { protocol: 'tcp', address: '127.0.0.1', family: 'IPv4', exposure: 'loopback', pid: process.pid })
  }

  const canned = await dashboard(t, {
    sources: { explainText: async () => ({ candidates: [{ kind: 'refused', scenario: 'refused', confidence: 0.9, why: 'w', fix: 'f', command: 'npm run demo:refused' }], address: '127.0.0.1', port: 3000 }) },
  })
  t.match(JSON.parse((await post(canned, '/api/explain', { text: 'x' })).body!), { candidates: [{ scenario: 'refused' }], port: 3000 }, 'the adapter can be swapped')
})

t.test('localhost-lab dashboard: prints its URL, serves, and Ctrl-C closes everything', async (t) => {
  const child = spawn(process.execPath, [CLI, 'dashboard'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  let out = ''
  let err = ''
  child.stderr.on('data', (d) => { err += d })
  const exited = once(child, 'exit')
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d
      if (out.includes('\n')) resolve()
    })
    void exited.then(([code]) => reject(new Error(`the dashboard exited (${code}) before printing its URL: ${err}`)))
  })
  const url = /^localhost-lab dashboard: (http:\/\/127\.0\.0\.1:(\d+)\/)$/m.exec(out)
  t.ok(url, out)
  const page = await nodeHttpRequest(url![1]!)
  t.equal(page.status, 200)
  t.equal((await nodeHttpRequest(url![1]!, { headers: { host: `attacker.example:${url![2]}` } })).status, 403)
  child.kill('SIGINT')
  const [code] = await exited
  t.equal(code, 130, 'Ctrl-C: exit 130')
  t.match(out, new RegExp(`^localhost-lab dashboard: stopped \\(Ctrl-C\\); 127\\.0\\.0\\.1:${url![2]} no longer listens\\.$`, 'm'), 'it says that it stopped')
  const after = await nodeHttpRequest(url![1]!)
  t.equal(after.code, 'ECONNREFUSED', 'and the port refuses: nothing listens there any more')
})

t.test('dashboard --port: validated, honoured, and a busy port is one clear line', async (t) => {
  for (const bad of ['abc', '70000', '-1', '1.5', '']) {
    const r = await cli(['dashboard', `--port=${bad}`])
    t.equal(r.code, 2, `--port '${bad}'`)
    t.match(r.stderr, /^localhost-lab: --port must be a whole number from 0 to 65535/)
  }
  const holder = await startTcp()
  t.teardown(() => holder.close())
  const busy = await cli(['dashboard', '--port', String(holder.port)])
  t.equal(busy.code, 1)
  t.match(busy.stderr, new RegExp(`^localhost-lab: cannot listen on 127\\.0\\.0\\.1:${holder.port}: EADDRINUSE\\. Another program holds that port`))
  t.equal(busy.stderr.trim().split('\n').length, 1)

  const free = await getPort({ host: '127.0.0.1' })
  const d = await dashboard(t, { port: free })
  t.equal(d.port, free, 'the port asked for')
})

t.test('dashboard --help and stray arguments', async (t) => {
  const help = await cli(['dashboard', '--help'])
  t.equal(help.code, 0)
  t.match(help.stdout, /^Usage: localhost-lab dashboard \[--port <n>\]/)
  t.match(help.stdout, /--port <n> +the port on 127\.0\.0\.1, 0-65535 \(default: 0/)
  t.match(help.stdout, /Examples:/)
  const stray = await cli(['dashboard', 'now'])
  t.equal(stray.code, 2)
  t.match(stray.stderr, /^localhost-lab: 'dashboard' takes no arguments \(got 'now'\)/)
  const demoHelp = await cli(['demo', '--help'])
  t.match(demoHelp.stdout, /--step .*\n(.*\n)+.*--transcript <file\.md>/)
})

/** The hello's client token: what a page sends to start a paced run that belongs to it. */
async function clientOf (page: Opened): Promise<string> {
  const hello = await page.until((m) => m.type === 'hello')
  return hello.type === 'hello' ? hello.client : ''
}

const isEventOf = (run: number, type: string) => (m: DashboardMessage): boolean => m.type === 'event' && m.run === run && m.event.type === type

t.test('a run held at Next belongs to the page that started it; when that page goes, the run stops and the lab is free', async (t) => {
  const d = await dashboard(t, { ownerGraceMs: 300 })
  const owner = await openWs(t, d, { origin: origin(d) })
  const other = await openWs(t, d, { origin: origin(d) })
  const [mine, theirs] = [await clientOf(owner), await clientOf(other)]
  t.match(mine, /^[\w-]{24}$/, 'each connection gets a token of its own')
  t.not(mine, theirs)

  for (const body of [{ id: 'refused', pace: 'step' }, { id: 'refused', pace: 'step', client: 'guessed' }, { id: 'refused', pace: 'fast', client: mine }]) {
    const r = await post(d, '/api/run', body)
    t.equal(r.status, 400, JSON.stringify(body).replace(mine, '<token>'))
    t.equal(JSON.parse(r.body!).error, 'LAB_ERR_BAD_ARGUMENT')
  }
  t.equal(d.running(), undefined, 'none of those started anything')

  const started = await post(d, '/api/run', { id: 'refused', pace: 'step', client: mine })
  t.equal(started.status, 202)
  const { run } = JSON.parse(started.body!) as { run: number }
  t.match(await owner.until((m) => m.type === 'run-started'), { run, id: 'refused', pace: 'step' })
  t.match(await other.until((m) => m.type === 'waiting'), { run, n: 1, title: 'Borrow a port from the OS, then give it back', pace: 'step' }, 'every page sees what comes next')
  t.notOk(JSON.stringify(other.messages).includes(mine), 'the owner\'s token never reaches another page')

  // The other page presses Next and Stop, and tries to take the run over with its own token.
  other.ws!.send(JSON.stringify({ type: 'next', run, n: 1 }))
  t.match(await other.until((m) => m.type === 'denied' && m.asked === 'next'), { run, error: 'LAB_ERR_NOT_OWNER', message: /belongs to the page that started it/ })
  other.ws!.send(JSON.stringify({ type: 'stop', run }))
  t.match(await other.until((m) => m.type === 'denied' && m.asked === 'stop'), { error: 'LAB_ERR_NOT_OWNER' })
  other.ws!.send(JSON.stringify({ type: 'resume', client: theirs }))
  t.match(await other.until((m) => m.type === 'denied' && m.asked === 'resume'), { error: 'LAB_ERR_NOT_OWNER' })
  other.ws!.send('not json')
  // The owner's own round trip: when its denial comes back, the other page's messages have all been handled before it.
  owner.ws!.send(JSON.stringify({ type: 'next', run: run + 1, n: 1 }))
  t.match(await owner.until((m) => m.type === 'denied' && m.asked === 'next'), { error: 'LAB_ERR_BAD_ARGUMENT' }, 'a run that does not exist is a bad argument, not another page\'s')
  const events = owner.messages.filter((m) => m.type === 'event' && m.run === run).map((m) => m.type === 'event' ? m.event.type : '')
  t.same(events, ['start'], 'still held before step 1: no step, no observation')
  if (isLinux) t.same(await ourSockets('LISTEN'), [`LISTEN 127.0.0.1:${d.port}`], 'the kernel lists no listener but the dashboard: step 1\'s port 0 listen has not happened')

  const busy = await post(d, '/api/run', { id: 'refused' })
  t.equal(busy.status, 409, 'a held run still takes the one slot')

  owner.ws!.send(JSON.stringify({ type: 'next', run, n: 1 }))
  await owner.until((m) => m.type === 'waiting' && m.n === 2)
  const step1 = owner.messages.filter((m) => m.type === 'event' && m.run === run).map((m) => m.type === 'event' ? m.event.type : '')
  t.equal(step1[1], 'step', 'Next from the owner opened step 1')
  t.ok(step1.includes('say'), 'and its narration came')
  t.notOk(owner.messages.some((m) => m.type === 'event' && m.event.type === 'step' && m.event.n === 2), 'step 2 waits for the next Next')

  // The owner goes away (a closed tab): the other pages are told, and after the grace the run is stopped.
  owner.ws!.terminate()
  t.match(await other.until((m) => m.type === 'owner'), { run, present: false, graceMs: 300 })
  const finished = await other.until((m) => m.type === 'run-finished')
  t.match(finished, { run, ok: false })
  const done = other.messages.find(isEventOf(run, 'done'))
  t.match(done, { event: { ok: false, interrupted: 'the page that started it went away' } })
  t.notOk(other.messages.some((m) => m.type === 'event' && m.event.type === 'observe' && m.event.kind === 'attempt'), 'step 2\'s connects never happened')
  t.equal(d.running(), undefined, 'the slot is free')
  if (isLinux) t.same(await ourSockets('LISTEN'), [`LISTEN 127.0.0.1:${d.port}`], 'nothing of the run is left listening')

  const next = await post(d, '/api/run', { id: 'refused' })
  t.equal(next.status, 202, 'the next run may start')
  t.match(await other.until((m) => m.type === 'run-finished' && m.run === run + 1), { ok: true })
})

t.test('the token is the page: a reload takes its run back, and so does a reconnect within the grace; Stop ends the run', async (t) => {
  const d = await dashboard(t, { ownerGraceMs: 10_000 })
  const first = await openWs(t, d, { origin: origin(d) })
  const token = await clientOf(first)
  const { run } = JSON.parse((await post(d, '/api/run', { id: 'refused', pace: 'step', client: token })).body!) as { run: number }
  await first.until((m) => m.type === 'waiting')

  // A reload: the new page's connection says the token while the old one is still open.
  const reloaded = await openWs(t, d, { origin: origin(d) })
  t.match(await reloaded.until((m) => m.type === 'hello'), { running: { run, id: 'refused' } })
  reloaded.ws!.send(JSON.stringify({ type: 'resume', client: token }))
  // A round trip on the same connection: once its answer is back, the resume before it has been handled.
  reloaded.ws!.send(JSON.stringify({ type: 'next', run: run + 1, n: 1 }))
  await reloaded.until((m) => m.type === 'denied' && m.asked === 'next')
  first.ws!.send(JSON.stringify({ type: 'next', run, n: 1 }))
  t.match(await first.until((m) => m.type === 'denied'), { asked: 'next' }, 'the old connection has lost the run to the one that said the token last')
  reloaded.ws!.send(JSON.stringify({ type: 'next', run, n: 1 }))
  t.match(await reloaded.until(isEventOf(run, 'step')), { event: { n: 1 } }, 'the reloaded page moves it on')
  await reloaded.until((m) => m.type === 'waiting' && m.n === 2)
  first.ws!.terminate()

  // A dropped connection: the run waits out the grace for the page to come back.
  const back = await openWs(t, d, { origin: origin(d) })
  await back.until((m) => m.type === 'hello')
  reloaded.ws!.terminate()
  t.match(await back.until((m) => m.type === 'owner'), { run, present: false, graceMs: 10_000 }, 'its owner gone, the run is given 10 s')
  back.ws!.send(JSON.stringify({ type: 'resume', client: token }))
  t.match(await back.until((m) => m.type === 'owner' && m.present), { run, present: true })
  back.ws!.send(JSON.stringify({ type: 'next', run, n: 2 }))
  t.match(await back.until((m) => isEventOf(run, 'step')(m) && m.type === 'event' && m.event.type === 'step' && m.event.n === 2), { event: { n: 2 } })
  await back.until((m) => m.type === 'waiting' && m.n === 3)
  back.ws!.send(JSON.stringify({ type: 'stop', run }))
  t.match(await back.until(isEventOf(run, 'done')), { event: { ok: false, interrupted: 'stopped from the page' } })
  t.match(await back.until((m) => m.type === 'run-finished'), { run, ok: false })
  t.notOk(back.messages.some((m) => m.type === 'event' && m.event.type === 'step' && m.event.n === 3), 'step 3 never ran')
  if (isLinux) t.same(await ourSockets('LISTEN'), [`LISTEN 127.0.0.1:${d.port}`])
})

t.test('slow pace: every step waits a fixed time by itself; the reported times leave the waits out', async (t) => {
  const d = await dashboard(t, { slowStepMs: 150 })
  const page = await openWs(t, d, { origin: origin(d) })
  t.match(await page.until((m) => m.type === 'hello'), { slowStepMs: 150 })
  const { run } = JSON.parse((await post(d, '/api/run', { id: 'refused', pace: 'slow', client: await clientOf(page) })).body!) as { run: number }
  await page.until((m) => m.type === 'run-finished')
  const waits = page.messages.filter((m) => m.type === 'waiting' && m.run === run)
  t.same(waits.map((m) => m.type === 'waiting' ? [m.n, m.autoMs] : []), [[1, 150], [2, 150], [3, 150], [4, 150]], 'before each of the four steps, without a Next')
  const message = page.messages.find(isEventOf(run, 'done'))
  const done = (message as { event: DoneEvent }).event
  t.equal(done.ok, true)
  // A timer may fire a fraction of a millisecond before its time by performance.now() (CI saw 599.995 ms for 4 × 150).
    t.ok(done.pausedMs! >= 4 * 149, `paused ${done.pausedMs} ms`)
  t.ok(Math.abs(done.durationMs - (done.t - done.pausedMs!)) < 2, 'durationMs is the wall time less the pauses')
  t.equal((message as { at: string }).at, ms(storyTime(done)), 'the page is shown the story\'s time, not the wall time')
})
