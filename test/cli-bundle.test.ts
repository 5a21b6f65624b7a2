/**
 * The bin as users run it: the esbuild bundle in dist/cli/ (tools/build/bundle.mjs), not tsc's dist/src/cli/main.js
 * that the other CLI tests drive. What bundling can break, each checked on the real thing: a chunk that does not
 * parse (the `require` banner against a bundled name), a lesson's real errors, the child programs found beside the
 * chunk that starts them (both mechanisms: process/child.ts and measure/child-command.ts), the version read from
 * package.json, a bad line's exit code.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { DoneEvent, LabEvent } from '../src/core/events.js'
import { exec, ROOT, tempDir } from './package-helpers.js'

const BIN = join(ROOT, 'dist', 'cli', 'main.js')

interface Ran { code: number | null, stdout: string, stderr: string, events: LabEvent[] }

function bundled (args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
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
  t.equal(pkg.bin['localhost-lab'], 'dist/cli/main.js')
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

t.test("the lessons' child programs run from the bundle too (dist/cli/children, dist/cli/*-child.js)", async (t) => {
  // Every node process of a run (the bin and each child it starts) appends its script to a file of ours.
  const dir = await tempDir(t, 'bundle')
  const log = join(dir, 'scripts.txt')
  const hook = join(dir, 'who.mjs')
  writeFileSync(hook, `import { appendFileSync } from 'node:fs'\nappendFileSync(${JSON.stringify(log)}, process.argv[1] + '\\n')\n`)
  const children: string[] = []
  // crash starts a service program (process/child.ts); loopback-speed its pipelined HTTP client (measure/child-command.ts).
  for (const id of ['crash', 'loopback-speed']) {
    writeFileSync(log, '')
    const r = await bundled(['demo', id, '--json'], { NODE_OPTIONS: `--import=${pathToFileURL(hook).href}` })
    t.equal(r.code, 0, `${id}: ${r.stderr}`)
    t.match(r.events.at(-1), { type: 'done', ok: true }, `${id} reproduced`)
    const scripts = readFileSync(log, 'utf8').trim().split('\n')
    t.equal(scripts[0], BIN, `${id}: the bin is the bundle`)
    children.push(...scripts.slice(1))
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
