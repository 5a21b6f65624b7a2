import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { listListeners } from '../src/diagnose/ports/listeners.js'
import type { DoneEvent, LabEvent, ObserveEvent } from '../src/core/events.js'
import type { ZooRow } from '../src/services/zoo-scenario.js'
import { serveScenario } from '../src/services/zoo-scenario.js'
import { CLI, cli, collect, isLinux, liveNetHandles, ourSockets } from './helpers.js'
import { httpRequest, tcpConnect } from '../src/clients/attempt.js'
import { badUsage } from './usage.js'

const hasCurl = spawnSync('sh', ['-c', 'command -v curl']).status === 0

t.test('serve as a scenario: listening events, the zoo table, connections as observe events, everything closed', async (t) => {
  let rows: ZooRow[] = []
  const run = await collect(serveScenario({ forMs: 400 }), {})
  t.equal(run.done.ok, true, run.done.error?.message ?? 'ok')
  const zoo = run.observations.find((o) => o.kind === 'fact' && o.key === 'zoo')
  rows = (zoo && zoo.kind === 'fact' ? zoo.value : []) as ZooRow[]
  t.equal(rows.length, 11)
  const listening = run.observations.filter((o) => o.kind === 'listening')
  t.equal(listening.length, 10, 'everything but refused listens')
  t.equal(run.observations.filter((o) => o.kind === 'closed').length, 10, 'and everything is closed')
  t.same(await liveNetHandles(), [])
  if (isLinux) t.same(await ourSockets('LISTEN'), [])
})

t.test('serve narrates a connection while it runs, and a stop mid-connection closes it', async (t) => {
  const controller = new AbortController()
  const events: LabEvent[] = []
  const { runScenario } = await import('../src/core/run.js')
  let client: ReturnType<typeof tcpConnect> | undefined
  const done = await runScenario(serveScenario(), (e) => {
    events.push(structuredClone(e))
    if (e.type === 'observe' && e.kind === 'fact' && e.key === 'zoo') {
      const hang = (e.value as ZooRow[]).find((r) => r.behaviour === 'hang')!
      client = tcpConnect({ host: hang.address, port: hang.port, keepOpen: true })
    }
    if (e.type === 'observe' && e.kind === 'connection' && e.phase === 'arrived') controller.abort('Ctrl-C')
  }, { signal: controller.signal })
  t.equal(done.interrupted, 'Ctrl-C')
  const arrived = events.find((e): e is ObserveEvent => e.type === 'observe' && e.kind === 'connection')
  t.match(arrived, { kind: 'connection', phase: 'arrived', name: 'hang', family: 'IPv4', remoteAddress: '127.0.0.1' })
  t.equal(events.at(-1)!.type, 'done', 'no event after done')
  const held = await client!
  t.equal(held.ok, true)
  held.socket?.destroy()
  t.same(await liveNetHandles(), [])
})

t.test('CLI serve --json: the table, a real curl narrated, Ctrl-C closes everything (exit 130)', { skip: (!isLinux || !hasCurl) && 'needs Linux and curl' }, async (t) => {
  const child = spawn(process.execPath, [CLI, 'serve', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  const events: LabEvent[] = []
  let buffer = ''
  let waiter: (() => void) | undefined
  child.stdout.on('data', (d: Buffer) => {
    buffer += d
    let i: number
    while ((i = buffer.indexOf('\n')) >= 0) {
      events.push(JSON.parse(buffer.slice(0, i)) as LabEvent)
      buffer = buffer.slice(i + 1)
    }
    waiter?.()
  })
  const until = async <T>(find: () => T | undefined): Promise<T> => {
    for (;;) {
      const v = find()
      if (v !== undefined) return v
      await new Promise<void>((resolve) => { waiter = resolve })
    }
  }
  const zoo = await until(() => events.find((e) => e.type === 'observe' && e.kind === 'fact' && e.key === 'zoo'))
  const rows = (zoo as ObserveEvent & { value: ZooRow[] }).value
  const reset = rows.find((r) => r.behaviour === 'reset')!
  const curl = spawnSync('curl', ['-sS', reset.url], { encoding: 'utf8' })
  t.equal(curl.status, 56, 'curl: (56) Recv failure: Connection reset by peer')
  const ended = await until(() => events.find((e) => e.type === 'observe' && e.kind === 'connection' && e.name === 'reset' && e.phase === 'ended'))
  t.match(ended, { closedBy: 'server', remoteAddress: '127.0.0.1', port: reset.port })
  t.ok(events.some((e) => e.type === 'observe' && e.kind === 'connection' && e.phase === 'request' && e.request === 'GET / HTTP/1.1'))

  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  child.kill('SIGINT')
  t.equal(await exited, 130)
  const done = events.at(-1) as DoneEvent
  t.match(done, { type: 'done', interrupted: 'Ctrl-C' })
  for (const r of rows) t.same((await listListeners({ port: r.port })).listeners, [], `nothing listens on ${r.behaviour}'s port any more`)
})

t.test('CLI serve --for: stops by itself, exit 0', async (t) => {
  const r = await cli(['serve', '--for', '150', '--json'])
  t.equal(r.code, 0, r.stderr)
  t.match(r.events.at(-1), { type: 'done', ok: true })
  const rows = (r.events.find((e) => e.type === 'observe' && e.kind === 'fact') as ObserveEvent & { value: ZooRow[] }).value
  const gone = await httpRequest(rows.find((x) => x.behaviour === 'flaky')!.url, { timeoutMs: 1000 })
  t.equal(gone.code, 'ECONNREFUSED', 'its ports refuse after it stopped')
})

const bad: Array<[string[], RegExp]> = [
  [['serve', '--host', '0.0.0.0'], /^localhost-lab: --host must be an IPv4 loopback address .* not '0\.0\.0\.0'/],
  [['serve', '--host', '::1'], /--host must be an IPv4 loopback address/],
  [['serve', '--for', 'soon'], /--for wants milliseconds/],
  [['serve', '--for', '0'], /--for wants milliseconds/],
  [['serve', 'extra'], /takes no arguments/],
  [['serve', '--jsno'], /unknown option '--jsno' for 'serve'\. Did you mean '--json'\?/],
  [['serv'], /unknown command 'serv'\. Did you mean 'serve'\?/],
]
badUsage(bad)

t.test('--help for probe, ports and serve: usage, options, examples, exit codes', async (t) => {
  for (const name of ['probe', 'ports', 'serve']) {
    const r = await cli([name, '--help'])
    t.equal(r.code, 0)
    t.match(r.stdout, new RegExp(`^Usage: localhost-lab ${name}`))
    t.match(r.stdout, /Options:/)
    t.match(r.stdout, /Examples:/)
    t.match(r.stdout, /Exit codes:/)
  }
  const top = await cli(['--help'])
  for (const name of ['probe', 'ports', 'serve']) t.match(top.stdout, new RegExp(`\\n  ${name} `))
})
