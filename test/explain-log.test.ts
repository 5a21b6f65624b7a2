/**
 * `my-app 2>&1 | localhost-lab explain`: a whole log, streamed. The reader on its own (any split of the bytes, CRLF,
 * invalid UTF-8, cut lines, bounded failures), then the built CLI in a child process on a real pipe: the line found
 * 720 lines before the end, two failures and their causal order, updates while the writer keeps the pipe open,
 * Ctrl-C, memory on a long input, the `-` rule, escaping.
 */
import t from 'tap'
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { CLI, cli } from './helpers.js'
import { LogReader, MAX_FAILURES, MAX_LINE, causalSentences, type Finding } from '../src/diagnose/explain/log.js'

const IN_USE = 'Error: listen EADDRINUSE: address already in use :::3000'
const IN_USE_STACK = [IN_USE, '    at Server.setupListenHandle [as _listen2] (node:net:1908:16)', '    at listenInCluster (node:net:1965:12) {', "  code: 'EADDRINUSE',", "  errno: -98,", "  syscall: 'listen',", "  address: '::',", '  port: 3000', '}']
const REFUSED = (port: number): string => `Error: connect ECONNREFUSED 127.0.0.1:${port}`
/** Every line of a real log has a timestamp: an old reader took each one for an error line. */
const stamp = (i: number): string => `2026-12-01T13:${String(Math.floor(i / 60) % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}.${String(i % 1000).padStart(3, '0')}Z`
const ordinary = (i: number): string => `${stamp(i)} info  GET /assets/app.js 200 1.2 ms - 5120 bytes served to the browser tab`

interface Final {
  type: string
  line: number | null
  text: string | null
  lines: number
  recognised: boolean
  candidates: Array<{ kind: string, evidence: string[] }>
  failures: Array<{ kind: string, line: number, count: number, firstLine: number, lastLine: number, text: string }>
  causes: string[]
  interrupted?: boolean
}

function ndjson (stdout: string): Final[] {
  return stdout.trim().split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Final)
}

function readAll (log: string | Uint8Array, split: (bytes: Uint8Array) => Uint8Array[] = (b) => [b]): { failures: Finding[], lines: number, notKept: number } {
  const reader = new LogReader()
  const bytes = typeof log === 'string' ? Buffer.from(log) : log
  for (const chunk of split(bytes)) reader.push(chunk)
  const s = reader.end()
  return { failures: s.failures, lines: s.lines, notKept: s.notKept }
}

t.test('the reader: the same failures, line numbers and counts whatever the split of the bytes (CRLF, UTF-8 cut mid-character)', async (t) => {
  const log = ['démarrage… 🚀', ...IN_USE_STACK, '', ordinary(1), REFUSED(3000), ordinary(2), REFUSED(3000)].join('\r\n') + '\r\n'
  const whole = readAll(log)
  t.same(whole.failures.map((f) => [f.kind, f.line, f.count, f.lastLine]), [['port-in-use', 2, 1, 2], ['refused', 13, 2, 15]])
  t.equal(whole.lines, 15)
  t.notMatch(whole.failures[0]!.text, /\r/, 'CR of CRLF is not part of the line')
  const byByte = readAll(log, (b) => [...b].map((x) => Uint8Array.of(x)))
  t.same(byByte.failures.map((f) => [f.kind, f.line, f.count, f.text]), whole.failures.map((f) => [f.kind, f.line, f.count, f.text]), 'one byte at a time')
  const byThree = readAll(log, (b) => Array.from({ length: Math.ceil(b.length / 3) }, (_, i) => b.subarray(i * 3, i * 3 + 3)))
  t.same(byThree.failures.map((f) => [f.line, f.count]), whole.failures.map((f) => [f.line, f.count]), 'three bytes at a time')
})

t.test('the reader: invalid UTF-8 is decoded as U+FFFD, a line longer than 4096 characters is cut but keeps one number', async (t) => {
  const bad = Buffer.concat([Buffer.from('junk \xff\xfe then\n', 'latin1'), Buffer.from(`${'x'.repeat(MAX_LINE * 3 + 7)}\n${REFUSED(4000)}\n`)])
  const r = readAll(bad, (b) => [b.subarray(0, 5), b.subarray(5, 9000), b.subarray(9000)])
  t.equal(r.lines, 3, 'the long line counts once')
  t.match(r.failures[0], { kind: 'refused', line: 3, text: REFUSED(4000) })
  const reader = new LogReader()
  reader.push(Buffer.from('connect ECONNREFUSED 127.0.0.1:5000 \xff', 'latin1'))
  const s = reader.end()
  t.match(s.failures[0]!.text, /\ufffd$/, 'the broken byte shows as U+FFFD')
  t.equal(s.lines, 1, 'a last line without a newline is read')
})

t.test('the reader: a block is read whole (stack, { code }), a repeat is counted, the causal sentence comes from the rule table', async (t) => {
  // The code is only in the `{ … }` block under a line that says nothing explain recognises on its own.
  const r = readAll(['Unhandled error event', "Error: something went wrong {", "  code: 'EADDRINUSE',", "  syscall: 'listen',", '  port: 3000', '}', ordinary(1)].join('\n'))
  t.equal(r.failures[0]?.kind, 'port-in-use', 'the { code } block counts')
  t.equal(r.failures[0]?.line, 3, 'the line shown is the one with the evidence')
  const two = readAll([ordinary(0), IN_USE, ordinary(1), ...Array.from({ length: 17 }, (_, i) => `${stamp(i)} ${REFUSED(3000)}`)].join('\n'))
  t.same(two.failures.map((f) => [f.kind, f.firstLine, f.count]), [['port-in-use', 2, 1], ['refused', 4, 17]])
  t.same(causalSentences(two.failures), ['The server could not start (line 2), so the clients that came later were refused (line 4, 17 times).'])
  const otherPort = readAll([IN_USE, REFUSED(4000)].join('\n'))
  t.same(causalSentences(otherPort.failures), [], 'no causal order between different ports')
  const reversed = readAll([REFUSED(3000).replace('127.0.0.1', '[::]'), IN_USE].join('\n'))
  t.same(causalSentences(reversed.failures), [], 'a refusal before the failed start is not its effect')
})

t.test('the reader: at most MAX_FAILURES distinct failures kept, the rest counted', async (t) => {
  const lines = Array.from({ length: MAX_FAILURES + 36 }, (_, i) => REFUSED(10000 + i))
  const r = readAll(`${lines.join('\n')}\n${REFUSED(10000)}\n`)
  t.equal(r.failures.length, MAX_FAILURES)
  t.equal(r.notKept, 36)
  t.equal(r.failures[0]!.count, 2, 'a repeat of a kept failure is still counted')
})

t.test('CLI: an error 720 lines before the end of a timestamped log is found; the headline shows its line and number', async (t) => {
  const total = 5000
  const at = total - 720
  const lines = Array.from({ length: total }, (_, i) => i + 1 === at ? `${stamp(i)} error ${REFUSED(5432)}` : ordinary(i))
  const input = `${lines.join('\n')}\n`
  t.ok(lines.slice(at).join('\n').length > 64 * 1024, 'more than 64 KB of timestamped lines after the error')
  const j = await cli(['explain', '--json'], { input })
  t.equal(j.code, 0, j.stderr)
  const objects = ndjson(j.stdout)
  const final = objects.at(-1)!
  t.match(final, { type: 'final', line: at, lines: total, recognised: true, candidates: [{ kind: 'refused' }] })
  t.equal(final.text, lines[at - 1])
  const text = await cli(['explain'], { input })
  t.equal(text.code, 0)
  t.match(text.stdout, new RegExp(`^explain: line ${at}: ${stamp(at - 1)} error Error: connect ECONNREFUSED 127\\.0\\.0\\.1:5432$`, 'm'))
})

t.test('CLI: `echo … | explain` prints one answer; --json one object with the old fields at the top plus type, line, failures', async (t) => {
  const text = await cli(['explain'], { input: `${IN_USE}\n` })
  t.equal(text.code, 0)
  t.equal(text.stdout.match(/^explain:/gm)?.length, 1, 'one headline')
  const j = await cli(['explain', '--json'], { input: `${IN_USE}\n` })
  const objects = ndjson(j.stdout)
  t.equal(objects.length, 1, 'only the final object')
  t.match(objects[0], { type: 'final', line: 1, recognised: true, candidates: [{ kind: 'port-in-use' }], failures: [{ kind: 'port-in-use', line: 1, count: 1 }] })
  t.ok('address' in objects[0]! && 'port' in objects[0]! && 'tellApart' in objects[0]! && 'endpoints' in objects[0]!, 'the fields of the single object')
  const unknown = await cli(['explain', '--json'], { input: 'all good\nstill good\n' })
  t.equal(unknown.code, 1)
  t.match(ndjson(unknown.stdout), [{ type: 'final', line: null, recognised: false, lines: 2, failures: [], candidates: [{ kind: 'unknown' }] }])
})

t.test('CLI: EADDRINUSE at start-up, then refusals: both reported in order, with the causal sentence', async (t) => {
  const lines = ['> my-app@1.0.0 dev', ...IN_USE_STACK, '', ...Array.from({ length: 40 }, (_, i) => i % 3 === 0 ? `${stamp(i)} ${REFUSED(3000)}` : ordinary(i))]
  const input = `${lines.join('\n')}\n`
  const r = await cli(['explain'], { input })
  t.equal(r.code, 0, r.stderr)
  t.match(r.stdout, /^explain: line 2: Error: listen EADDRINUSE/m)
  t.match(r.stdout, /^explain: line 12: .*ECONNREFUSED 127\.0\.0\.1:3000$/m)
  t.match(r.stdout, /2 distinct failures in 51 lines, in order of first appearance:\n {2}line 2: port-in-use at \[::\]:3000\n {2}line 12: refused at 127\.0\.0\.1:3000 \(14 times, last on line 51\)/)
  // The sentence is wrapped to the terminal's width.
  t.match(r.stdout.replace(/\s+/g, ' '), /The server could not start \(line 2\), so the clients that came later were refused \(line 12, 14 times\)\./)
  t.ok(r.stdout.indexOf('line 2: Error') < r.stdout.indexOf('line 12: '), 'in order of first appearance')
  const j = ndjson((await cli(['explain', '--json'], { input })).stdout).at(-1)!
  t.match(j, { type: 'final', line: 2, candidates: [{ kind: 'port-in-use' }], failures: [{ kind: 'port-in-use', line: 2 }, { kind: 'refused', line: 12, count: 14, lastLine: 51 }] })
  t.same(j.causes, ['The server could not start (line 2), so the clients that came later were refused (line 12, 14 times).'])
})

/** The built CLI on a pipe this test keeps open; stdout and stderr collected, `waitFor` resolves once they match. */
function live (args: string[]): { child: ChildProcessWithoutNullStreams, out: () => string, waitFor: (re: RegExp) => Promise<void>, exit: Promise<number | null> } {
  const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined }, stdio: ['pipe', 'pipe', 'pipe'] })
  // The child may be gone before the last write (Ctrl-C, a closed pipe): our EPIPE on its stdin is expected then.
  child.stdin.on('error', () => {})
  let out = ''
  const waiters: Array<{ re: RegExp, resolve: () => void }> = []
  child.stdout.on('data', (d) => {
    out += d
    for (const w of waiters.filter((w) => w.re.test(out))) { waiters.splice(waiters.indexOf(w), 1); w.resolve() }
  })
  child.stderr.on('data', (d) => { out += d })
  const exit = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)))
  return {
    child,
    out: () => out,
    waitFor: (re) => re.test(out) ? Promise.resolve() : new Promise((resolve) => waiters.push({ re, resolve })),
    exit,
  }
}

t.test('CLI: updates arrive while the writer keeps the pipe open, each new failure once; the final comes at EOF', async (t) => {
  const p = live(['explain', '--json'])
  p.child.stdin.write(`${ordinary(1)}\n${IN_USE_STACK.join('\n')}\n${ordinary(2)}\n`)
  await p.waitFor(/"type":"update"/)
  // The pipe is still open (end() comes later): the update is printed by a child that is still reading.
  t.equal(p.child.exitCode, null, 'the update came while the pipe was still open and the child still reading')
  t.match(ndjson(p.out())[0], { type: 'update', kind: 'port-in-use', line: 2, count: 1, candidates: [{ kind: 'port-in-use' }] })
  p.child.stdin.write(`${REFUSED(3000)}\n${REFUSED(3000)}\n${ordinary(3)}\n`)
  await p.waitFor(/"type":"update".*\n.*"type":"update"/)
  t.equal(p.child.exitCode, null, 'the second update too')
  p.child.stdin.end(`${REFUSED(3000)}\n`)
  t.equal(await p.exit, 0)
  const objects = ndjson(p.out())
  t.same(objects.map((o) => o.type), ['update', 'update', 'final'], 'one update per new failure, then the final')
  t.match(objects[2], { type: 'final', failures: [{ kind: 'port-in-use', count: 1 }, { kind: 'refused', count: 3 }] })

  const text = live(['explain'])
  text.child.stdin.write(`${REFUSED(3000)}\n${ordinary(1)}\n`)
  await text.waitFor(/^explain: line 1: Error: connect ECONNREFUSED/m)
  t.equal(text.child.exitCode, null, 'text mode prints the answer block while the log flows')
  text.child.stdin.end(`${ordinary(2)}\n`)
  t.equal(await text.exit, 0)
  t.equal(text.out().match(/^explain:/gm)?.length, 1, 'nothing new at EOF: the one update said it all')
})

t.test('CLI: Ctrl-C (a real SIGINT) while reading prints what it has and exits 130', async (t) => {
  const p = live(['explain'])
  p.child.stdin.write(`${IN_USE}\n${ordinary(1)}\n`)
  await p.waitFor(/^explain: line 1:/m)
  p.child.stdin.write(`${REFUSED(3000)}\n`)
  p.child.kill('SIGINT')
  t.equal(await p.exit, 130)
  t.match(p.out(), /port-in-use/)

  const j = live(['explain', '--json'])
  j.child.stdin.write(`${ordinary(1)}\n${REFUSED(3000)}\n${ordinary(2)}\n`)
  await j.waitFor(/"type":"update"/)
  j.child.kill('SIGINT')
  t.equal(await j.exit, 130)
  t.match(ndjson(j.out()).at(-1), { type: 'final', interrupted: true, line: 2, candidates: [{ kind: 'refused' }] })

  // Nothing recognised yet: a write larger than the pipe's buffer completes only once the reader has taken most of it.
  const quiet = live(['explain'])
  const noise = `${'GET /assets/app.js 200 1.2 ms - 5120\n'.repeat(30000)}`
  await new Promise<void>((resolve) => quiet.child.stdin.write(noise, () => resolve()))
  quiet.child.kill('SIGINT')
  t.equal(await quiet.exit, 130)
  t.match(quiet.out(), /^explain: nothing recognised yet in [\d,]+ lines$/m)
})

t.test('CLI: memory stays bounded on a long input (20 MB of lines: peak RSS grows by less than 100 MB)', async (t) => {
  const report = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss="+process.resourceUsage().maxRSS+"\\n"))'
  const maxRss = async (feed: (w: NodeJS.WritableStream) => Promise<void>): Promise<number> => {
    const child = spawn(process.execPath, ['--import', report, CLI, 'explain', '--json'], { stdio: ['pipe', 'ignore', 'pipe'] })
    let err = ''
    child.stderr.on('data', (d) => { err += d })
    const closed = new Promise<void>((resolve) => child.on('close', () => resolve()))
    await feed(child.stdin)
    child.stdin.end()
    await closed
    const kb = /maxrss=(\d+)/.exec(err)
    if (!kb) throw new Error(`no maxrss in: ${err.slice(0, 200)}`)
    return Number(kb[1]) * 1024
  }
  const small = await maxRss(async (w) => { w.write(`${REFUSED(3000)}\n`) })
  // Mostly lines that matter to nobody, a timestamped one every tenth line, distinct failures throughout.
  const block = Array.from({ length: 1000 }, (_, i) => i % 10 === 0 ? ordinary(i) : `GET /assets/chunk-${i}.js 200 1.2 ms - 5120 ${'.'.repeat(40)}`).join('\n') + '\n'
  let written = 0
  const big = await maxRss(async (w) => {
    for (let i = 0; written < 20 * 1024 * 1024; i++) {
      const chunk = `${block}${REFUSED(20000 + (i % 500))}\n`
      written += chunk.length
      if (!w.write(chunk)) await new Promise((resolve) => w.once('drain', resolve))
    }
  })
  t.ok(written >= 20 * 1024 * 1024)
  t.ok(big - small < 100 * 1024 * 1024, `peak RSS ${(small / 1048576).toFixed(0)} MB on one line, ${(big / 1048576).toFixed(0)} MB on 20 MB`)
})

t.test('CLI: the `-` rule: a positional that cannot be an option is text; a real unknown option stays a usage error', async (t) => {
  const dash = await cli(['explain', '--json', '- error: connect ECONNREFUSED ::1:3000'])
  t.equal(dash.code, 0, dash.stderr)
  t.match(JSON.parse(dash.stdout), { address: '::1', port: 3000, recognised: true })
  const digit = await cli(['explain', '-1'])
  t.equal(digit.code, 1, '`-1` is a text (not recognised), not an unknown option')
  t.equal(digit.stderr, '')
  const word = await cli(['explain', '-error: connect ECONNREFUSED 127.0.0.1:80'])
  t.equal(word.code, 0, 'whitespace: text even after a dash and a letter')
  const after = await cli(['explain', '--', '-x'])
  t.equal(after.code, 1, '`--` still works')
  const nope = await cli(['explain', '--nope', 'x'])
  t.equal(nope.code, 2)
  t.match(nope.stderr, /unknown option '--nope' for 'explain'\. Did you mean/)
  const value = await cli(['explain', '--top', '-1', 'x'])
  t.equal(value.code, 2, 'the value of an option is the option\'s')
  t.match(value.stderr, /--top/)
  // Every command: probe's positional is a target, so the text reaches probe's own check, not the option parser.
  const probe = await cli(['probe', '- not a target'])
  t.equal(probe.code, 2)
  t.notMatch(probe.stderr, /unknown option/)
  const stdin = await cli(['explain', '-', '--json'], { input: `${REFUSED(3000)}\n` })
  t.match(ndjson(stdin.stdout).at(-1), { type: 'final', candidates: [{ kind: 'refused' }] }, '`-` alone is stdin')
})

t.test('CLI: control characters and escape sequences in a piped log never reach the terminal', async (t) => {
  const input = `${ordinary(1)}\n\u001b[31m${REFUSED(3000)} \u001b]0;owned\u0007\u001b[0m\n${ordinary(2)}\n`
  const r = await cli(['explain'], { input })
  t.equal(r.code, 0, r.stderr)
  t.notMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/, 'no raw control character in the output')
  t.match(r.stdout, /^explain: line 2: \\u001b\[31mError: connect ECONNREFUSED 127\.0\.0\.1:3000 \\u001b\]0;owned\\u0007\\u001b\[0m$/m, 'the headline shows them escaped')
  t.match(r.stdout, /evidence: "[^\u001b\n]*ECONNREFUSED/, 'the evidence is printed, without raw ESC')
  const j = await cli(['explain', '--json'], { input })
  const final = ndjson(j.stdout).at(-1)!
  t.equal(final.text, `\u001b[31m${REFUSED(3000)} \u001b]0;owned\u0007\u001b[0m`, 'JSON keeps the text, escaped by JSON')
  t.notMatch(j.stdout, /[\u0000-\u0009\u000b-\u001f]/)
})

t.test('CLI: the reader of the answers goes away while the log flows: exit 141, through the one output path', async (t) => {
  const p = live(['explain', '--json'])
  p.child.stdin.write(`${REFUSED(3001)}\n${ordinary(1)}\n`)
  await p.waitFor(/"type":"update"/)
  p.child.stdout.destroy()
  // Each new failure is an update to write; the first write into the closed pipe fails with EPIPE.
  for (let i = 0; i < 20 && p.child.exitCode === null; i++) {
    p.child.stdin.write(`${REFUSED(3100 + i)}\n${ordinary(i)}\n`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  t.equal(await p.exit, 141)
})
