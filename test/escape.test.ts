/**
 * Text from outside never reaches the terminal raw: explain's input, other processes' names and command lines, what
 * a server or client said. Control characters and escape sequences are shown escaped; our own colors still work.
 */
import t from 'tap'
import fc from 'fast-check'
import { spawn, type ChildProcess } from 'node:child_process'
import type { LabEvent } from '../src/core/events.js'
import { consoleRenderer } from '../src/render/console.js'
import { escapeControls, escapeStrings } from '../src/render/escape.js'
import { renderTranscript } from '../src/render/transcript.js'
import { CLI, cli } from './helpers.js'
import { noNamespaces, testNamespace } from './output-helpers.js'

/** Clear the screen, set the window title, return to column 0 and forge a line; then the C1 and Unicode forms. */
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\rlocalhost-lab: all good\u2028forged\u009b2J'
const ESCAPED = '\\u001b]0;pwned\\u0007\\u001b[2J\\rlocalhost-lab: all good\\u2028forged\\u009b2J'
/** Bytes a terminal acts on. With NO_COLOR none of them may be printed at all. */
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/u
/** Our own colors: SGR sequences, nothing else. Whatever ESC is left after removing them came from outside. */
const OUR_COLORS = /\u001b\[\d+m/g

function rawIn (text: string): string | undefined {
  const m = RAW.exec(text)
  return m ? `U+${m[0].codePointAt(0)!.toString(16).padStart(4, '0')} at ${m.index}: ${JSON.stringify(text.slice(Math.max(0, m.index - 20), m.index + 20))}` : undefined
}

t.test('escapeControls: every control shown, JSON text stays JSON with the same meaning', async (t) => {
  t.equal(escapeControls(HOSTILE), ESCAPED)
  t.equal(escapeControls('plain text: 127.0.0.1:3000 ✔ café'), 'plain text: 127.0.0.1:3000 ✔ café', 'printable text unchanged')
  t.equal(escapeControls('\u202eevil\u2066'), '\\u202eevil\\u2066', 'bidi overrides and isolates too')
  t.equal(escapeControls(ESCAPED), ESCAPED, 'escaping twice changes nothing')
  const json = escapeControls(JSON.stringify({ title: HOSTILE }))
  t.equal(rawIn(json), undefined, 'no raw control left in the JSON text')
  t.same(JSON.parse(json), { title: HOSTILE }, 'and it parses to the same value')
  t.same(escapeStrings({ a: [HOSTILE, 1, null], b: { c: HOSTILE } }), { a: [ESCAPED, 1, null], b: { c: ESCAPED } })
})

t.test('escapeControls on any text: no raw control left, idempotent, JSON meaning kept (fast-check)', async (t) => {
  // Any UTF-16 text, with the characters a terminal acts on drawn often.
  const nasty = fc.constantFrom('\u001b', '\u0007', '\r', '\n', '\t', '\u0000', '\u007f', '\u009b', '\u0085', '\u2028', '\u2029', '\u202e', '[', '\\', '"')
  const text = fc.array(fc.oneof(fc.string({ unit: 'binary' }), nasty), { maxLength: 40 }).map((parts) => parts.join(''))
  let runs = 0
  fc.assert(fc.property(text, (s) => {
    runs++
    const e = escapeControls(s)
    const json = escapeControls(JSON.stringify(s))
    return rawIn(e) === undefined && !e.includes('\n') && escapeControls(e) === e && rawIn(json) === undefined && JSON.parse(json) === s
  }), { numRuns: 500 })
  t.equal(runs >= 500, true, `${runs} texts`)
})

for (const via of ['argument', 'stdin'] as const) {
  t.test(`explain with escape codes in its input (${via}): shown escaped, never raw`, async (t) => {
    const text = `connect ECONNREFUSED 127.0.0.1:3000 ${HOSTILE}`
    const run = (extra: string[], env: NodeJS.ProcessEnv = {}): ReturnType<typeof cli> =>
      via === 'argument' ? cli(['explain', ...extra, '--', text], { env }) : cli(['explain', ...extra], { input: `starting\n${text}\n`, env })
    const plain = await run([])
    t.equal(plain.code, 0, plain.stderr)
    t.equal(rawIn(plain.stdout), undefined, 'NO_COLOR: no control character at all')
    // Piped, the headline names the line it was found on (line 2, after `starting`).
    t.ok(plain.stdout.includes(`${via === 'argument' ? 'explain: ' : 'explain: line 2: '}connect ECONNREFUSED 127.0.0.1:3000 ${ESCAPED}`.slice(0, 100)), 'the echoed line, escaped')

    const colored = await run([], { NO_COLOR: undefined, FORCE_COLOR: '1' })
    t.match(colored.stdout, OUR_COLORS, 'our colors are there')
    t.equal(rawIn(colored.stdout.replace(OUR_COLORS, '')), undefined, 'and they are the only escape codes')

    const json = await run(['--json'])
    t.equal(rawIn(json.stdout.trimEnd()), undefined, '--json: no raw control either')
    t.ok(JSON.parse(json.stdout).recognised)
  })
}

/** A program of the test that names itself with escape codes (process.title sets /proc/<pid>/comm and cmdline). */
function hostileListener (prefix: string[] = []): Promise<{ child: ChildProcess, port: number }> {
  const source = `process.title = ${JSON.stringify(`\u001b[2J\u0007x ${HOSTILE}`)};
require('node:net').createServer((s) => s.destroy()).listen(0, '127.0.0.1', function () { process.stdout.write(this.address().port + '\\n') })`
  const [cmd, ...pre] = [...prefix, process.execPath]
  const child = spawn(cmd!, [...pre, '-e', source], { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, NODE_OPTIONS: '' } })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('exit', (code) => reject(new Error(`the listener exited (${code})`)))
    child.stdout!.once('data', (d) => resolve({ child, port: Number(String(d).trim()) }))
  })
}

function stop (child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve()
    child.removeAllListeners('exit')
    child.once('exit', () => resolve())
    child.kill('SIGKILL')
  })
}

function runIn (prefix: string[], args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null, stdout: string, stderr: string }> {
  const [cmd, ...pre] = [...prefix, process.execPath]
  const child = spawn(cmd!, [...pre, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NODE_OPTIONS: '', ...env } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => { stdout += d })
  child.stderr.on('data', (d) => { stderr += d })
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })
}

t.test('ports: a process named with escape codes, in a namespace of the test', { skip: noNamespaces }, async (t) => {
  const ns = await testNamespace(t, 'escape')
  const { child, port } = await hostileListener(ns.prefix)
  t.teardown(() => stop(child))
  const plain = await runIn(ns.prefix, ['ports'], { NO_COLOR: '1', FORCE_COLOR: undefined })
  t.equal(plain.code, 0, plain.stderr)
  t.match(plain.stdout, new RegExp(`127\\.0\\.0\\.1\\s+${port}\\s`), 'the table has its listener')
  t.equal(rawIn(plain.stdout), undefined, 'NO_COLOR: no control character at all')
  t.ok(plain.stdout.includes('\\u001b[2J\\u0007x'), 'its name, escaped')
  const colored = await runIn(ns.prefix, ['ports'], { NO_COLOR: undefined, FORCE_COLOR: '1' })
  t.match(colored.stdout, OUR_COLORS, 'our colors are there')
  t.equal(rawIn(colored.stdout.replace(OUR_COLORS, '')), undefined, 'and they are the only escape codes')
  const json = await runIn(ns.prefix, ['ports', '--json'], {})
  t.equal(rawIn(json.stdout.trimEnd()), undefined, '--json: no raw control either')
  const listener = (JSON.parse(json.stdout) as { listeners: Array<{ port: number, command: string }> }).listeners.find((l) => l.port === port)
  t.match(listener?.command, /^\u001b\[2J\u0007x/, 'the JSON keeps the real name (escaped only as JSON)')
})

t.test('probe: the owner named with escape codes', { skip: process.platform !== 'linux' && 'reads /proc' }, async (t) => {
  const { child, port } = await hostileListener()
  t.teardown(() => stop(child))
  const plain = await cli(['probe', `127.0.0.1:${port}`])
  t.equal(plain.code, 0, plain.stderr)
  t.equal(rawIn(plain.stdout), undefined, 'NO_COLOR: no control character at all')
  t.ok(plain.stdout.includes('\\u001b[2J\\u0007x'), 'the owner, escaped')
  t.ok(plain.stdout.includes(`(pid ${child.pid})`))
  const colored = await cli(['probe', `127.0.0.1:${port}`], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })
  t.equal(rawIn(colored.stdout.replace(OUR_COLORS, '')), undefined, 'with colors: ours only')
  const json = await cli(['probe', `127.0.0.1:${port}`, '--json'])
  t.equal(rawIn(json.stdout.trimEnd()), undefined, '--json: no raw control either')
})

t.test('console and transcript: what a server or client said is shown escaped', async (t) => {
  const events: LabEvent[] = [
    { scenario: 's', t: 0, type: 'start', title: 'T', symptom: 'S', codes: [], node: 'v20', platform: 'linux' },
    { scenario: 's', t: 1, type: 'step', n: 1, title: 'one' },
    {
      scenario: 's', t: 2, type: 'observe', kind: 'attempt',
      outcome: { client: 'http', ok: false, target: { host: '127.0.0.1', port: 9 }, code: 'ECONNRESET', elapsedMs: 1, message: `banner ${HOSTILE}`, causes: [{ message: HOSTILE }] },
    },
    { scenario: 's', t: 3, type: 'observe', kind: 'connection', phase: 'request', name: 'zoo', service: 'tcp', family: 'IPv4', address: '127.0.0.1', port: 9, remoteAddress: '127.0.0.1', remotePort: 5, request: HOSTILE },
    { scenario: 's', t: 4, type: 'done', ok: false, observed: [], missing: [], durationMs: 4, error: { code: 'LAB_ERR_CHECK_FAILED', message: HOSTILE } },
  ]
  let printed = ''
  const sink = consoleRenderer({ stream: { write: (s: string) => { printed += s } }, color: true })
  for (const e of events) sink(e)
  t.match(printed, OUR_COLORS, 'colored')
  t.equal(rawIn(printed.replace(OUR_COLORS, '')), undefined, 'console: our colors are the only escape codes')
  t.ok(printed.includes(`the client says: banner ${ESCAPED}`))
  t.ok(printed.includes(ESCAPED.slice(0, 30)))
  const md = renderTranscript(events)
  t.equal(rawIn(md), undefined, 'transcript: no control character')
  t.ok(md.includes(`banner ${ESCAPED}`), 'the verbatim block holds the escaped form')
})
