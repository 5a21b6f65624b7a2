import t from 'tap'
import net from 'node:net'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { spawn } from 'node:child_process'
import type { LabEvent } from '../src/core/events.js'
import { readListeningSync, tcpSocketsOf } from '../src/diagnose/ports/proc-net.js'
import { freePort } from '../src/net/free-port.js'
import { CLI, alive } from './helpers.js'
import { hold } from './net-helpers.js'
import { cliWithLeavingReader, noNamespaces, testNamespace, type PipeResult } from './output-helpers.js'

// `localhost-lab demo crash | head -1`: the reader goes away mid-run. We stop as for Ctrl-C, clean up, and say nothing.
t.test('the reader of our output goes away: exit 141, no stack, nothing left behind', async (t) => {
  const child = spawn(process.execPath, [CLI, 'demo', 'crash'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', NODE_OPTIONS: '' } })
  let stderr = ''
  child.stderr.on('data', (d) => { stderr += d })
  // Like `head -1`: read the first chunk, then close our end of the pipe.
  child.stdout.once('data', () => child.stdout.destroy())
  const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)))
  t.equal(code, 141)
  t.notMatch(stderr, /\n\s+at |EPIPE/, 'no stack trace, no EPIPE shown')
  t.notOk(alive(child.pid!), 'the CLI is gone')
  t.same(await tcpSocketsOf(child.pid!), [], 'and holds no socket')
})

/** Exit 141 as a shell reports SIGPIPE, and not a word on stderr (no `Error: write EPIPE`, no trace). */
function closedPipe (t: { equal (a: unknown, b: unknown, msg: string): unknown }, r: PipeResult, what: string): void {
  t.equal(r.code, 141, `${what}: exit 141`)
  t.equal(r.signal, null, `${what}: exited, not killed`)
  t.equal(r.stderr, '', `${what}: nothing on stderr`)
}

/** The ports of `listening` events in our own namespace (those in a namespace of the run's are gone with it). */
function announcedPorts (events: LabEvent[]): number[] {
  return events.flatMap((e) => e.type === 'observe' && e.kind === 'listening' && e.netns === undefined ? [e.port] : [])
}

function ndjson (text: string): LabEvent[] {
  return text.split('\n').flatMap((l) => { try { return [JSON.parse(l) as LabEvent] } catch { return [] } })
}

function stillListening (ports: number[]): string[] {
  return ports.flatMap((p) => readListeningSync(p).map((s) => `${s.localAddress}:${s.localPort}`))
}

// Commands that print everything in one burst: the reader is gone before the first byte, so every write fails.
for (const args of [['list'], ['list', '--json'], ['--help'], ['demo', '--help'], ['--version'], ['explain', 'connect ECONNREFUSED 127.0.0.1:3000'], ['explain', '--json', 'ECONNRESET']]) {
  t.test(`${args.join(' ')} | (reader gone): exit 141, no trace`, async (t) => {
    closedPipe(t, await cliWithLeavingReader(args, { leave: 'before-output' }), args.join(' '))
  })
}

t.test('probe <our port> | (reader gone): exit 141, no trace', async (t) => {
  const h = await hold(['127.0.0.1', '::1'])
  t.teardown(() => h.close())
  for (const json of [[], ['--json']]) closedPipe(t, await cliWithLeavingReader(['probe', String(h.port), ...json], { leave: 'before-output' }), `probe ${json.join('')}`)
})

t.test('wait <our port> | (reader gone): exit 141, no trace', async (t) => {
  const h = await hold(['127.0.0.1'])
  t.teardown(() => h.close())
  closedPipe(t, await cliWithLeavingReader(['wait', `127.0.0.1:${h.port}`], { leave: 'before-output' }), 'wait')
})

t.test('ports | (reader gone), in a namespace of the test: exit 141, no trace', { skip: noNamespaces }, async (t) => {
  const ns = await testNamespace(t, 'epipe')
  for (const json of [[], ['--json']]) closedPipe(t, await cliWithLeavingReader(['ports', ...json], { leave: 'before-output', prefix: ns.prefix }), `ports ${json.join('')}`)
})

t.test('dashboard | (reader gone): exit 141, its listener closed', async (t) => {
  const port = await freePort({ host: '127.0.0.1' })
  const r = await cliWithLeavingReader(['dashboard', '--port', String(port)], { leave: 'before-output' })
  closedPipe(t, r, 'dashboard')
  t.same(stillListening([port]), [], 'nothing listens on its port any more')
})

t.test('demo hung | head -c 1: exit 141, no trace, nothing of the run left listening', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-epipe-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const handout = join(dir, 'hung.md')
  // Leave once the story has a listener up (the first bytes may come before: its facts about Node).
  const r = await cliWithLeavingReader(['demo', 'hung', '--transcript', handout], { leave: (got) => got.includes(' listening on ') })
  closedPipe(t, r, 'demo hung')
  // The handout is written from the same events when the run ends, interrupted or not: it names every listener.
  const md = readFileSync(handout, 'utf8')
  t.match(md, /Interrupted \(the reader of our output went away\)/, 'the run was stopped, not finished')
  const ports = [...md.matchAll(/listening on (?:\[[^\]]+\]|[\d.]+):(\d+)(?! in )/g)].map((m) => Number(m[1]))
  t.ok(ports.length > 0, `the run announced listeners: ${ports.join(', ')}`)
  t.same(stillListening(ports), [], 'none of them listens any more')
})

t.test('demo --all --json | head -1: stops at once (exit 141), not after the catalogue', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-epipe-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const handout = join(dir, 'all.md')
  // Read until the run has announced a listener, then leave.
  const r = await cliWithLeavingReader(['demo', '--all', '--json', '--transcript', handout], { leave: (got) => announcedPorts(ndjson(got)).length > 0 })
  closedPipe(t, r, 'demo --all --json')
  const runs = readFileSync(handout, 'utf8').split('\n---\n')
  t.equal(runs.length, 1, 'one scenario ran, of the whole catalogue')
  t.match(runs[0], /Interrupted \(the reader of our output went away\)/)
  const ports = announcedPorts(ndjson(r.received))
  t.same(stillListening(ports), [], `nothing listens on ${ports.join(', ')} any more`)
})

t.test('serve --json | head: the next event after the reader left ends it (exit 141), every service closed', async (t) => {
  let port: number | undefined
  const r = await cliWithLeavingReader(['serve', '--json', '--for', '60000'], {
    leave: (got) => {
      // Once the zoo's table is out, every service of it has announced its listener.
      const events = ndjson(got)
      if (!events.some((e) => e.type === 'observe' && e.kind === 'fact' && e.key === 'zoo')) return false
      port ??= announcedPorts(events)[0]
      if (port === undefined) return false
      // A client of the zoo: its arrival is the next line serve writes, to a reader that is gone.
      setImmediate(() => { const s = net.connect(port!, '127.0.0.1'); s.on('error', () => {}).on('connect', () => s.destroy()) })
      return true
    },
  })
  closedPipe(t, r, 'serve --json')
  t.ok(r.elapsedMs < 30_000, `ended by the closed pipe, long before --for (${Math.round(r.elapsedMs)} ms)`)
  const ports = announcedPorts(ndjson(r.received))
  t.ok(ports.length > 1, `the zoo announced ${ports.length} listeners`)
  t.same(stillListening(ports), [], 'no service of the zoo listens any more')
})
