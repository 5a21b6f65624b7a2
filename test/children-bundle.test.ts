/**
 * The lab's child programs as the bin starts them (tools/build/bundle.mjs, src/process/children/launch.cts): each
 * one CommonJS file run with V8's code cache, the cache written once the child has said hello (its lab ends it with
 * SIGKILL, so it never sees 'exit'), accepted by the next run; and no child inherits NODE_EXTRA_CA_CERTS.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { LabEvent } from '../src/core/events.js'
import { ROOT, tempDir } from './package-helpers.js'

const BIN_CJS = join(ROOT, 'dist', 'cli', 'bin.cjs')

function lesson (id: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null, stderr: string, events: LabEvent[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN_CJS, 'demo', id, '--json'], { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d) => { stdout += d })
    child.stderr.on('data', (d) => { stderr += d })
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stderr, events: stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as LabEvent) }))
  })
}

interface Seen { pid: number, script: string, rejected: boolean | null, extraCerts: boolean }

t.test('crash from the bin: its service children from dist/cli/children/*.cjs, from the code cache on the second run, without NODE_EXTRA_CA_CERTS', async (t) => {
  const dir = await tempDir(t, 'children-cache')
  const log = join(dir, 'seen.ndjson')
  // Every vm.Script run in every process of the run (the bin's quick file, each child's program) appends a line at
  // once: a child is SIGKILLed, an 'exit' hook would never write.
  const hook = join(dir, 'seen.cjs')
  writeFileSync(hook, `const vm = require('node:vm'); const fs = require('node:fs'); const run = vm.Script.prototype.runInThisContext
vm.Script.prototype.runInThisContext = function (...a) {
  fs.appendFileSync(${JSON.stringify(log)}, JSON.stringify({ pid: process.pid, script: process.argv[1], rejected: this.cachedDataRejected ?? null, extraCerts: process.env.NODE_EXTRA_CA_CERTS !== undefined }) + '\\n')
  return run.apply(this, a)
}\n`)
  // A real certificate file, so that the bin itself starts as it would with one (Node reads it at start).
  const certs = join(dir, 'extra.pem')
  writeFileSync(certs, '')
  const cacheDir = join(dir, `localhost-lab-${process.getuid?.() ?? 'user'}`)
  const caches = (): string[] => existsSync(cacheDir) ? readdirSync(cacheDir).filter((f) => f.startsWith('service-program-')) : []
  const children = (): Seen[] => readFileSync(log, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Seen).filter((s) => s.script.startsWith(join(ROOT, 'dist', 'cli', 'children') + '/'))

  for (const round of ['first', 'second'] as const) {
    writeFileSync(log, '')
    const r = await lesson('crash', { TMPDIR: dir, NODE_OPTIONS: `--require=${hook}`, NODE_EXTRA_CA_CERTS: certs })
    t.equal(r.code, 0, r.stderr)
    t.match(r.events.at(-1), { type: 'done', ok: true }, `${round} run: crash reproduced`)
    const seen = children()
    t.ok(seen.length >= 2, `${round} run: ${seen.length} service children (the crashed one and its restart)`)
    t.same([...new Set(seen.map((s) => s.script))], [join(ROOT, 'dist', 'cli', 'children', 'service.cjs')], 'each started as children/service.cjs')
    t.same(seen.filter((s) => s.extraCerts), [], 'no child has NODE_EXTRA_CA_CERTS')
    if (round === 'first') {
      t.equal(seen[0]!.rejected, null, 'the first child had no cache to take')
    } else {
      t.same(seen.map((s) => s.rejected), seen.map(() => false), 'every child took the cache the first run wrote')
    }
    t.equal(caches().length, 1, `one cache for the service program: ${caches().join(', ')}`)
    t.match(caches()[0], new RegExp(`^service-program-[0-9a-f]{8}-${process.version.replace(/\./g, '\\.')}-${process.arch}-\\d+-\\d+\\.v8$`))
  }
})
