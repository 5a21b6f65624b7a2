/**
 * The bin as users run it: the esbuild bundle in dist/cli/ (tools/build/bundle.mjs), not tsc's dist/src/cli/main.js
 * that the other CLI tests drive. What bundling can break, each checked on the real thing: a chunk that does not
 * parse (the `require` banner against a bundled name), a lesson's real errors, the child programs found beside the
 * chunk that starts them (both mechanisms: process/child.ts and measure/child-command.ts), the version read from
 * package.json, a bad line's exit code.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import net from 'node:net'
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { networkInterfaces } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { DoneEvent, LabEvent } from '../src/core/events.js'
import { exec, ROOT, tempDir } from './package-helpers.js'

const BIN = join(ROOT, 'dist', 'cli', 'main.js')
/** The CommonJS bin (src/cli/bin.cts): the quick commands from their own CommonJS files, the rest through BIN. */
const BIN_CJS = join(ROOT, 'dist', 'cli', 'bin.cjs')

interface Ran { code: number | null, stdout: string, stderr: string, events: LabEvent[] }

function bundled (args: string[], env: NodeJS.ProcessEnv = {}, bin = BIN): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('error', reject)
    child.on('close', (code) => {
      const events = stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LabEvent)
      resolve({ code, stdout, stderr, events })
    })
  })
}

t.test('package.json names the bundle as the bin, and every file of it parses', async (t) => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string>, version: string }
  t.equal(pkg.bin['localhost-lab'], 'dist/cli/bin.cjs')
  const files = [...readdirSync(join(ROOT, 'dist', 'cli')).map((f) => join('dist', 'cli', f)), ...readdirSync(join(ROOT, 'dist', 'cli', 'children')).map((f) => join('dist', 'cli', 'children', f))]
    .filter((f) => f.endsWith('.js'))
  t.ok(files.length > 10, `${files.length} files`)
  // One process parses them all as modules (vm.SourceTextModule reports early errors such as a name declared twice).
  const parse = `const vm = require('node:vm'); const fs = require('node:fs'); const bad = [];
    for (const f of ${JSON.stringify(files)}) { try { new vm.SourceTextModule(fs.readFileSync(f, 'utf8'), { identifier: f }) } catch (e) { bad.push(f + ': ' + e.message) } }
    console.log(JSON.stringify(bad))`
  const r = await exec(process.execPath, ['--experimental-vm-modules', '--no-warnings', '-e', parse], { cwd: ROOT })
  t.equal(r.code, 0, r.stderr)
  const bad = JSON.parse(r.stdout) as string[]
  t.same(bad, [], 'every chunk parses as an ES module')
  const v = await bundled(['--version'])
  t.equal(v.code, 0, v.stderr)
  t.equal(v.stdout.trim(), pkg.version, 'the version comes from package.json, found from dist/cli')
})

t.test('demo ephemeral through the bundle: the real EADDRINUSE and ECONNREFUSED', async (t) => {
  const r = await bundled(['demo', 'ephemeral', '--json'])
  t.equal(r.code, 0, r.stderr)
  const done = r.events.at(-1) as DoneEvent
  t.match(done, { type: 'done', ok: true })
  t.ok(done.observed.includes('EADDRINUSE') && done.observed.includes('ECONNREFUSED'), `observed ${done.observed.join(', ')}`)
})

t.test("demo from quick-demo.cjs: fastify's paths the lab never takes are neither bundled nor loaded", async (t) => {
  // tools/build/bundle.mjs FROM_FASTIFY: its default schema compilers, inject() and plugin version checks, required
  // from fastify's folder only if a lesson ever takes one of those paths.
  const text = readFileSync(join(ROOT, 'dist', 'cli', 'quick-demo.cjs'), 'utf8')
  for (const pkg of ['ajv', '@fastify/ajv-compiler', '@fastify/fast-json-stringify-compiler', 'light-my-request', 'semver']) {
    t.notOk(text.includes(`node_modules/${pkg}/`), `${pkg} is not in quick-demo.cjs`)
  }
  t.ok(text.includes('node_modules/fastify/'), 'fastify itself is')
  // bundle.mjs writes it through escapeNonAscii: one non-ASCII character made the whole file a two-byte string.
  t.notMatch(text, /[^\x00-\x7f]/, 'quick-demo.cjs is ASCII only')
  const dir = await tempDir(t, 'demo-loaded')
  const hook = join(dir, 'loaded.cjs')
  writeFileSync(hook, "process.on('exit', () => { process.stderr.write('LOADED ' + JSON.stringify([...process.moduleLoadList, ...Object.keys(require.cache)]) + '\\n') })\n")
  const r = await bundled(['demo', 'ephemeral', '--json'], { NODE_OPTIONS: `--require=${hook}` }, BIN_CJS)
  t.equal(r.code, 0, r.stderr)
  const done = r.events.at(-1) as DoneEvent
  t.match(done, { type: 'done', ok: true })
  t.ok(done.observed.includes('EADDRINUSE') && done.observed.includes('ECONNREFUSED'), `the lesson still reproduces both: ${done.observed.join(', ')}`)
  const loaded = JSON.parse(/^LOADED (.*)$/m.exec(r.stderr)?.[1] ?? '[]') as string[]
  t.ok(loaded.includes(join(ROOT, 'dist', 'cli', 'quick-demo.cjs')), 'it ran from quick-demo.cjs')
  t.same(loaded.filter((f) => /node_modules\/(ajv|semver|light-my-request|@fastify\/(ajv|fast-json))/.test(f)), [], 'none of them from node_modules either')
})

t.test("the bench's bundled libraries' floor (dist/bench/startup-floor.cjs) listens with fastify and ws for real, from the bundle", async (t) => {
  // bench/startup.ts compares demo ephemeral with it: a floor that listened on nothing would make any ratio look good.
  const dir = await tempDir(t, 'floor')
  const hook = join(dir, 'listens.cjs')
  writeFileSync(hook, `const net = require('node:net'); const listen = net.Server.prototype.listen; const seen = []
    net.Server.prototype.listen = function (...a) { this.once('listening', () => seen.push(this.address())); return listen.apply(this, a) }
    process.on('exit', () => process.stderr.write('SEEN ' + JSON.stringify({ seen, files: Object.keys(require.cache) }) + '\\n'))\n`)
  const floor = join(ROOT, 'dist', 'bench', 'startup-floor.cjs')
  const code = `require(${JSON.stringify(join(ROOT, 'dist', 'src', 'cli', 'code-cache.cjs'))}).requireWithCodeCache(${JSON.stringify(floor)})`
  const r = await exec(process.execPath, ['--require', hook, '-e', code], { cwd: ROOT })
  t.equal(r.code, 0, r.stderr)
  const { seen, files } = JSON.parse(/^SEEN (.*)$/m.exec(r.stderr)?.[1] ?? '{}') as { seen: net.AddressInfo[], files: string[] }
  t.equal(seen.length, 2, 'two servers listened: fastify\'s and ws\'s')
  for (const a of seen) t.ok(a.address === '127.0.0.1' && a.port > 0, `on 127.0.0.1, a port the OS gave: ${a.address}:${a.port}`)
  t.ok(files.includes(floor), 'from the bundle')
  // (tap's own hooks come through NODE_OPTIONS: the libraries are what must not.)
  t.same(files.filter((f) => /\/node_modules\/(fastify|ws|avvio|find-my-way|pino|@fastify\/[^/]+)\//.test(f)), [], 'fastify and ws not from node_modules')
})

t.test("the lessons' child programs run from the bundle too (dist/cli/children, dist/cli/*-child.js)", async (t) => {
  // Every node process of a run (the bin and each child it starts) appends its script to a file of ours.
  const dir = await tempDir(t, 'bundle')
  const log = join(dir, 'scripts.txt')
  const hook = join(dir, 'who.mjs')
  writeFileSync(hook, `import { appendFileSync } from 'node:fs'\nappendFileSync(${JSON.stringify(log)}, process.argv[1] + '\\n')\n`)
  const children: string[] = []
  // crash starts a service program (process/child.ts); loopback-speed its pipelined HTTP client (measure/child-command.ts).
  // Both bins: main.js runs demo from its chunks, bin.cjs from dist/cli/quick-demo.cjs.
  for (const bin of [BIN, BIN_CJS]) {
    for (const id of ['crash', 'loopback-speed']) {
      writeFileSync(log, '')
      const r = await bundled(['demo', id, '--json'], { NODE_OPTIONS: `--import=${pathToFileURL(hook).href}` }, bin)
      t.equal(r.code, 0, `${id}: ${r.stderr}`)
      t.match(r.events.at(-1), { type: 'done', ok: true }, `${id} reproduced`)
      const scripts = readFileSync(log, 'utf8').trim().split('\n')
      t.equal(scripts[0], bin, `${id}: the bin is ${bin}`)
      children.push(...scripts.slice(1))
    }
  }
  t.same(children.filter((s) => !s.startsWith(join(ROOT, 'dist', 'cli') + '/')), [], `each of ${children.length} child programs from dist/cli`)
  t.ok(children.some((s) => s.startsWith(join(ROOT, 'dist', 'cli', 'children') + '/')), 'a service program from dist/cli/children')
  t.ok(children.some((s) => /^[^/]*-child\.js$/.test(s.slice(join(ROOT, 'dist', 'cli').length + 1))), 'a measuring child from dist/cli/*-child.js')
})

t.test('bad usage through the bundle: one line, exit 2', async (t) => {
  const r = await bundled(['demo', 'no-such-lesson'])
  t.equal(r.code, 2)
  t.equal(r.stderr.trim().split('\n').length, 1, r.stderr)
  t.match(r.stderr, /^localhost-lab: /)
})

t.test('the CommonJS bin: ports, probe, check and explain from their CommonJS files find our own listener; the rest goes to the ES module bin', async (t) => {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => { server.close() })
  const port = (server.address() as net.AddressInfo).port
  // What the process loaded by its end, as it lists it: Node's own modules, and the CommonJS files it required.
  // (Not whether an ES module ran: tap's process-info hook gives every child it spawns ES module loaders.)
  const dir = await tempDir(t, 'bin-cjs')
  const hook = join(dir, 'loaded.cjs')
  writeFileSync(hook, "process.on('exit', () => { process.stderr.write('LOADED ' + JSON.stringify([...process.moduleLoadList, ...Object.keys(require.cache)]) + '\\n') })\n")
  const env = { NODE_OPTIONS: `--require=${hook}` }
  const loaded = (r: Ran): string[] => JSON.parse(/^LOADED (.*)$/m.exec(r.stderr)?.[1] ?? '[]') as string[]
  const why = (r: Ran): string => r.stderr.replace(/^LOADED .*$/m, '').trim() || 'exit code'
  const fromQuick = (r: Ran, name: string): boolean => loaded(r).includes(join(ROOT, 'dist', 'cli', `quick-${name}.cjs`))

  const ports = await bundled(['ports', String(port), '--json'], env, BIN_CJS)
  t.equal(ports.code, 0, why(ports))
  const report = JSON.parse(ports.stdout) as { listeners: Array<{ port: number, pid: number | null }> }
  t.match(report.listeners, [{ port, pid: process.pid }], 'ports: our listener, owned by this process')
  t.ok(fromQuick(ports, 'ports'), 'ports ran from dist/cli/quick-ports.cjs')

  const probe = await bundled(['probe', `127.0.0.1:${port}`, '--json'], env, BIN_CJS)
  t.equal(probe.code, 0, why(probe))
  t.match(JSON.parse(probe.stdout), { answered: true, results: [{ state: 'open', listener: { pid: process.pid } }] }, 'probe: open, and ours')
  t.ok(fromQuick(probe, 'probe'), 'probe ran from dist/cli/quick-probe.cjs')
  // Each cost about 1 ms of their start on Node 20 (core/clock.ts, ports/proc-net.ts, net/ephemeral-range.ts).
  for (const [name, r] of [['ports', ports], ['probe', probe]] as const) {
    for (const m of ['perf_hooks', 'fs/promises']) t.notOk(loaded(r).includes(`NativeModule ${m}`), `${name} loads no node:${m}`)
  }

  const check = await bundled(['check', '--no-probe', `127.0.0.1:${port}`, '--json'], env, BIN_CJS)
  t.equal(check.code, 0, why(check))
  t.match(check.stdout, new RegExp(`"pid":${process.pid}\\b`), 'check: the owner is this process')
  t.ok(fromQuick(check, 'check'), 'check ran from dist/cli/quick-check.cjs')
  t.notOk(loaded(check).includes('NativeModule tls'), 'check --no-probe loads no TLS: the probes stay unloaded')
  // About 1.1 ms of its start on Node 20 (check/check.ts reads /etc/services synchronously, client-ports.ts through
  // proc-net's reader, which loads it only when nothing listens on the port).
  t.notOk(loaded(check).includes('NativeModule fs/promises'), 'check --no-probe loads no node:fs/promises')
  // node:os and networkInterfaces() (~0.7 ms of a Node 20 start) only for an address that is not loopback
  // (bundle.mjs, osAtFirstUse): this machine's own interface address is still accepted as this machine's, a
  // documentation address (RFC 5737) still refused; --no-probe connects to neither.
  for (const [name, r] of [['probe', probe], ['check --no-probe', check]] as const) t.notOk(loaded(r).includes('NativeModule os'), `${name} of 127.0.0.1 loads no node:os`)
  const iface = Object.values(networkInterfaces()).flat().find((i) => i !== undefined && !i.internal && i.family === 'IPv4')?.address
  if (iface !== undefined) {
    const own = await bundled(['check', '--no-probe', `${iface}:${port}`, '--json'], env, BIN_CJS)
    t.equal(own.code, 1, `check --no-probe ${iface}: this machine's, nothing listens there (${why(own)})`)
    t.match(JSON.parse(own.stdout), { listeners: [], notes: [/^Nothing listens on /] })
    t.ok(loaded(own).includes('NativeModule os'), 'node:os loaded for it')
  }
  const mine = new Set(Object.values(networkInterfaces()).flat().map((i) => i?.address))
  const other = ['192.0.2.1', '198.51.100.1', '203.0.113.1'].find((a) => !mine.has(a))!
  const foreign = await bundled(['check', '--no-probe', `${other}:${port}`], env, BIN_CJS)
  t.equal(foreign.code, 2, `check --no-probe ${other}: not this machine, bad usage`)
  t.match(foreign.stderr, /not an address of this machine/)

  // explain from its CommonJS file answers as from the chunks: the same whole report, its lexicon found beside it.
  const line = 'Error: connect ECONNREFUSED ::1:5173'
  const [quick, chunks] = await Promise.all([bundled(['explain', '--json', line], env, BIN_CJS), bundled(['explain', '--json', line])])
  t.equal(quick.code, chunks.code, why(quick))
  t.ok(fromQuick(quick, 'explain'), 'explain ran from dist/cli/quick-explain.cjs')
  t.match(JSON.parse(quick.stdout), { candidates: [{ kind: 'localhost-ipv6' }] })
  t.same(JSON.parse(quick.stdout), JSON.parse(chunks.stdout), 'the same report as main.js gives')
  // The lexicon's strings come from dist/cli/lexicon-index.utf16 in the quick file (tools/build/bundle.mjs), inline in
  // the chunks: a message found only through the lexicon, in another language, says both read the same text.
  const french = 'curl: (7) Failed to connect to 127.0.0.1 port 5173 after 0 ms: Connexion refusée'
  const [quickFr, chunksFr] = await Promise.all([bundled(['explain', '--json', french], env, BIN_CJS), bundled(['explain', '--json', french])])
  t.equal(quickFr.code, chunksFr.code, why(quickFr))
  t.match(JSON.parse(quickFr.stdout), { candidates: [{ kind: 'refused', evidence: ['Connexion refusée'] }] }, 'the French refusal, from the lexicon')
  t.same(JSON.parse(quickFr.stdout), JSON.parse(chunksFr.stdout), 'the same report as main.js gives')
  // The quick file reads the lexicon in parts (bundle.mjs, LEXICON_ASIDE): a key of the character pairs' groups (the
  // Chinese Windows text), and the mojibake reader, which walks every key and bucket (its bulk read past 64 buckets).
  for (const [text, means] of [['[WinError 10061] 由于目标计算机积极拒绝，无法连接。', /zh-Hans text/], ['connect: Connexion refus\ufffde', /accented letters lost/]] as const) {
    const [q, c] = await Promise.all([bundled(['explain', '--json', text], env, BIN_CJS), bundled(['explain', '--json', text])])
    t.equal(q.code, c.code, why(q))
    const because = (JSON.parse(q.stdout) as { candidates: Array<{ because: Array<{ means: string }> }> }).candidates[0]!.because.map((b) => b.means)
    t.ok(because.some((m) => means.test(m)), `${text}: ${because.join('; ')}`)
    t.same(JSON.parse(q.stdout), JSON.parse(c.stdout), `${text}: the same report as main.js gives`)
  }
  // explain's other long tables are read from beside it too (bundle.mjs, ASIDE_STRINGS), each when first asked for:
  // the needles on every text, libgpg-error's texts on a GnuPG program's reason, the learned words when no rule matched.
  for (const [text, type] of [['gpg: keyserver receive failed: No name', 'code'], ['something odd happened with the socket thing', 'learned']] as const) {
    const [q, c] = await Promise.all([bundled(['explain', '--json', text], env, BIN_CJS), bundled(['explain', '--json', text])])
    t.equal(q.code, c.code, why(q))
    const report = JSON.parse(q.stdout) as { candidates: Array<{ because: Array<{ type: string }> }> }
    t.ok(report.candidates.some((c) => c.because.some((b) => b.type === type)), `${text}: read through ${type} evidence`)
    t.same(report, JSON.parse(c.stdout), `${text}: the same report as main.js gives`)
  }
  const quickSource = readFileSync(join(ROOT, 'dist', 'cli', 'quick-explain.cjs'), 'utf8')
  t.notOk(quickSource.includes('lexiconIndexJson'), 'the index is not compiled into quick-explain.cjs')
  const aside = readFileSync(join(ROOT, 'dist', 'cli', 'lexicon-index.utf16')).toString('utf16le')
  const tables = {
    patternNeedlesJson: (await import('../src/diagnose/explain/knowledge/pattern-needles.js')).patternNeedlesJson,
    learnedWordsJson: (await import('../src/diagnose/explain/knowledge/learned-words.js')).learnedWordsJson,
    gpgErrorsJson: (await import('../src/diagnose/explain/knowledge/gpg-errors.js')).gpgErrorsJson,
  }
  for (const [name, value] of Object.entries(tables)) {
    t.ok(aside.includes(value), `${name} is in lexicon-index.utf16`)
    t.notOk(quickSource.includes(value.slice(0, 64)) || quickSource.includes(JSON.stringify(value).slice(1, 65)), `${name} is not compiled into quick-explain.cjs`)
  }
  // Its patterns' non-ASCII characters written as \u escapes (bundle.mjs, escapeNonAscii): the Chinese text above was
  // recognised through them. A file with one non-ASCII character reaches V8 as a two-byte string.
  t.notMatch(quickSource, /[^\x00-\x7f]/, 'quick-explain.cjs is ASCII only')
  t.match(quickSource, /\\u79ef\\u6781\\u62d2\\u7edd/, 'the Chinese refusal pattern is in it, escaped')

  // Anything else goes to the ES module bin: --version reads package.json from there.
  const version = await bundled(['--version'], env, BIN_CJS)
  t.equal(version.code, 0, why(version))
  t.notOk(['ports', 'probe', 'check', 'explain'].some((name) => fromQuick(version, name)), '--version: no quick file')
  t.match(version.stdout.trim(), /^\d+\.\d+\.\d+/)
  const bad = await bundled(['ports', 'nope'], {}, BIN_CJS)
  t.equal(bad.code, 2)
  t.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr)
})

t.test('stdout a pipe made non-blocking, full before its reader reads: every line arrives, in order (output.ts)', async (t) => {
  // explain --json of 1,500 refusals from stdin: ~240 KB, more than a pipe holds (64 KB on Linux).
  const lines = Array.from({ length: 1500 }, (_, i) => `Error: connect ECONNREFUSED 127.0.${Math.trunc(i / 250)}.${(i % 250) + 1}:${3001 + i}`).join('\n')
  const dir = await tempDir(t, 'nonblocking')
  const hook = join(dir, 'nonblocking.cjs')
  // Building process.stdout first makes libuv set O_NONBLOCK on fd 1; the hook counts the direct writes of fd 1 the
  // full pipe refused (EAGAIN) or took only part of, and says FULL at the first.
  writeFileSync(hook, `const fs = require('node:fs'); process.stdout; const writeSync = fs.writeSync; let short = 0
const full = () => { if (short++ === 0) writeSync(2, 'FULL\\n') }
fs.writeSync = function (fd, text, ...a) {
  try { const n = writeSync.call(this, fd, text, ...a); if (fd === 1 && n < Buffer.byteLength(text)) full(); return n } catch (e) { if (e.code === 'EAGAIN') full(); throw e }
}
process.on('exit', () => { process.stderr.write('SHORT ' + short + '\\n') })\n`)
  const fifo = join(dir, 'stdout.fifo')
  const made = await exec('mkfifo', [fifo], { cwd: dir })
  t.equal(made.code, 0, made.stderr)
  /**
   * The CLI writes into the FIFO; its reader opens it at once and reads at once, or, `late`, once told to go: when the
   * pipe is full (the hook's FULL) or the CLI has ended, whichever comes first, so that the pipe fills whatever the
   * machine's speed.
   */
  const run = (env: NodeJS.ProcessEnv, late: boolean): Promise<Ran> => {
    const reader = spawn('sh', ['-c', 'exec 3< "$0"; read go; exec cat <&3', fifo], { stdio: ['pipe', 'pipe', 'inherit'] })
    let stdout = ''
    reader.stdout.on('data', (d) => { stdout += d })
    const read = new Promise<void>((resolve) => reader.on('close', () => resolve()))
    const go = (): void => { if (reader.stdin.writable) reader.stdin.end('go\n') }
    if (!late) go()
    return new Promise((resolve, reject) => {
      const child = spawn('sh', ['-c', 'exec "$0" "$1" explain --json > "$2"', process.execPath, BIN_CJS, fifo], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['pipe', 'ignore', 'pipe'] })
      let stderr = ''
      child.stderr.on('data', (d) => { stderr += d; if (stderr.includes('FULL\n')) go() })
      child.on('error', reject)
      child.on('close', (code) => { go(); void read.then(() => resolve({ code, stdout, stderr, events: [] })) })
      child.stdin.end(lines)
    })
  }
  const reference = await run({}, false)
  t.equal(reference.code, 0, reference.stderr)
  const late = await run({ NODE_OPTIONS: `--require=${hook}` }, true)
  t.equal(late.code, 0, late.stderr)
  const short = Number(/^SHORT (\d+)$/m.exec(late.stderr)?.[1])
  t.equal(short, 1, 'the pipe was full: one direct write refused or cut short, the rest through the stream')
  const updates = (r: Ran): unknown[] => r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as unknown)
  t.ok(updates(reference).length > 0, `${reference.stdout.length} bytes`)
  t.same(updates(late), updates(reference), 'the same lines, in the same order')
})

t.test("the quick files' V8 code cache: written after a first run, accepted by the next, and never a cause of failure", async (t) => {
  const line = 'Error: connect ECONNREFUSED ::1:5173'
  // Each vm.Script the bin runs says whether V8 took the cache it was given (undefined: none was given).
  const hookDir = await tempDir(t, 'code-cache-hook')
  const hook = join(hookDir, 'rejected.cjs')
  writeFileSync(hook, `const vm = require('node:vm'); const seen = []; const run = vm.Script.prototype.runInThisContext
vm.Script.prototype.runInThisContext = function (...a) { seen.push(this.cachedDataRejected ?? null); return run.apply(this, a) }
process.on('exit', () => { process.stderr.write('REJECTED ' + JSON.stringify(seen) + '\\n') })\n`)
  const rejected = (r: Ran): Array<boolean | null> => JSON.parse(/^REJECTED (.*)$/m.exec(r.stderr)?.[1] ?? '"no vm.Script ran"') as Array<boolean | null>
  const reference = await bundled(['explain', '--json', line])
  t.equal(reference.code, 0, reference.stderr)

  const tmp = await tempDir(t, 'code-cache')
  const dir = join(tmp, `localhost-lab-${process.getuid?.() ?? 'user'}`)
  const run = (env: NodeJS.ProcessEnv = {}): Promise<Ran> => bundled(['explain', '--json', line], { TMPDIR: tmp, NODE_OPTIONS: `--require=${hook}`, ...env }, BIN_CJS)
  const caches = (): string[] => existsSync(dir) ? readdirSync(dir).filter((f) => f.startsWith('quick-explain-')) : []

  // A help page or a usage error runs none of the command's functions: a cache written then would lack them all.
  const help = await bundled(['explain', '--help'], { TMPDIR: tmp, NODE_OPTIONS: `--require=${hook}` }, BIN_CJS)
  t.equal(help.code, 0, help.stderr)
  const usage = await bundled(['explain', '--top', 'x', line], { TMPDIR: tmp, NODE_OPTIONS: `--require=${hook}` }, BIN_CJS)
  t.equal(usage.code, 2, usage.stderr)
  t.same([rejected(help), rejected(usage)], [[null], [null]], 'both ran from quick-explain.cjs without a cache')
  t.same(caches(), [], 'neither wrote one')

  const first = await run()
  t.equal(first.code, 0, first.stderr)
  t.same(rejected(first), [null], 'the first run had no cache to give')
  t.same(JSON.parse(first.stdout), JSON.parse(reference.stdout), 'the same report as main.js gives')
  t.equal(caches().length, 1, `one cache written: ${caches().join(', ')}`)
  t.match(caches()[0], new RegExp(`^quick-explain-[0-9a-f]{8}-${process.version.replace(/\./g, '\\.')}-${process.arch}-\\d+-\\d+\\.v8$`), "named by the file's path, Node version, architecture, size and mtime")

  const second = await run()
  t.equal(second.code, 0, second.stderr)
  t.same(rejected(second), [false], 'the second run: V8 accepted the cache')
  t.same(JSON.parse(second.stdout), JSON.parse(reference.stdout))

  // A damaged cache: V8 rejects it, the file compiles as without one, and a good cache replaces it.
  writeFileSync(join(dir, caches()[0]!), Buffer.alloc(4096, 0x5a))
  const damaged = await run()
  t.equal(damaged.code, 0, damaged.stderr)
  t.same(rejected(damaged), [true], 'the damaged cache was rejected')
  t.same(JSON.parse(damaged.stdout), JSON.parse(reference.stdout), 'and the report is the same')
  t.same(rejected(await run()), [false], 'the cache written after it is accepted')

  // Two copies of the bundle (a global install and a project's) run in turn: each keeps its own cache, neither
  // removes the other's as an older build's.
  const copy = join(tmp, 'copy')
  await exec('cp', ['-r', join(ROOT, 'dist', 'cli'), copy], { cwd: ROOT })
  const fromCopy = (): Promise<Ran> => bundled(['explain', '--json', line], { TMPDIR: tmp, NODE_OPTIONS: `--require=${hook}` }, join(copy, 'bin.cjs'))
  t.same(rejected(await fromCopy()), [null], 'the copy: no cache of its own yet')
  t.same(rejected(await run()), [false], "the first copy's cache is still there")
  const copied = await fromCopy()
  t.same(rejected(copied), [false], "and so is the second copy's")
  // Its hints name the commands of where it lies (outside the repository: npx), so the answers are compared.
  const kinds = (r: Ran): string[] => (JSON.parse(r.stdout) as { candidates: Array<{ kind: string }> }).candidates.map((c) => c.kind)
  t.same(kinds(copied), kinds(reference), 'the copy gives the same answers')
  t.equal(caches().length, 2, `two caches: ${caches().join(', ')}`)

  // A copy that is gone leaves its cache behind: the next cache written removes what nobody rewrote for 30 days,
  // and keeps a recent one of another copy.
  const stale = join(dir, 'quick-explain-0badc0de-v0.0.0-x64-1-1.v8')
  const recent = join(dir, 'quick-ports-0badc0de-v0.0.0-x64-1-1.v8')
  writeFileSync(stale, 'old')
  writeFileSync(recent, 'new')
  const fortyDaysAgo = new Date(Date.now() - 40 * 24 * 3600 * 1000)
  utimesSync(stale, fortyDaysAgo, fortyDaysAgo)
  for (const f of caches()) if (join(dir, f) !== stale) writeFileSync(join(dir, f), Buffer.alloc(64, 0x5a))
  t.same(rejected(await run()), [true], 'a damaged cache, so this run writes one')
  t.notOk(existsSync(stale), 'the 40-day-old cache of a copy that is gone was removed')
  t.ok(existsSync(recent), "another copy's recent cache was kept")
  rmSync(recent)

  // A lesson whose code once used import() (http-proxy-3, node:http): from the cache too, its second run reproduces.
  for (const round of ['first', 'second']) {
    const lesson = await bundled(['demo', 'websocket-handshake', '--json'], { TMPDIR: tmp, NODE_OPTIONS: `--require=${hook}` }, BIN_CJS)
    t.equal(lesson.code, 0, lesson.stderr)
    t.same(rejected(lesson), [round === 'first' ? null : false], `websocket-handshake, ${round} run: ${round === 'first' ? 'no cache' : 'from the cache'}`)
    t.match(lesson.events.at(-1), { type: 'done', ok: true }, `websocket-handshake, ${round} run: reproduced`)
  }

  // A directory others may write to is not trusted: no cache read or written, the command as usual.
  const open = await tempDir(t, 'code-cache-open')
  const openDir = join(open, `localhost-lab-${process.getuid?.() ?? 'user'}`)
  mkdirSync(openDir)
  chmodSync(openDir, 0o777)
  const untrusted = await bundled(['explain', '--json', line], { TMPDIR: open, NODE_OPTIONS: `--require=${hook}` }, BIN_CJS)
  t.equal(untrusted.code, 0, untrusted.stderr)
  t.same(JSON.parse(untrusted.stdout), JSON.parse(reference.stdout))
  if (process.getuid !== undefined) t.same(readdirSync(openDir), [], 'nothing written into a world-writable directory')

  // NODE_DISABLE_COMPILE_CACHE=1 turns it off, as it turns off Node's own.
  const off = await tempDir(t, 'code-cache-off')
  const disabled = await bundled(['explain', '--json', line], { TMPDIR: off, NODE_DISABLE_COMPILE_CACHE: '1', NODE_OPTIONS: `--require=${hook}` }, BIN_CJS)
  t.equal(disabled.code, 0, disabled.stderr)
  t.same(rejected(disabled), [], 'no vm.Script: a plain require')
  t.same(readdirSync(off), [], 'and no cache directory')
})
