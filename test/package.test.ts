/**
 * The tarball: what it ships (LICENSE, the bundled bin, everything the two entries load, the dashboard's page) and what
 * it does not (the soak harness in dist/bench, source maps that point at src/*.ts it does not ship, tsc's unbundled
 * CLI and catalogue, which the bundle holds); then the tarball installed into a project of its own runs a demo. And no
 * production dependency in the lock refuses the Node this runs on (EBADENGINE).
 */
import t from 'tap'
import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join, relative } from 'node:path'
import { exec, installAsDependency, pack, packList, ROOT, tempDir } from './package-helpers.js'

function builtFiles (dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    return e.isDirectory() ? builtFiles(path) : [relative(ROOT, path)]
  })
}

t.test('npm pack: LICENSE, the runtime files, the page; no dist/bench, no source maps', async (t) => {
  const packed = await packList()
  const files = new Set(packed.files.map((f) => f.path))
  t.ok(files.has('LICENSE'), 'LICENSE')
  t.match(readFileSync(join(ROOT, 'LICENSE'), 'utf8'), /^MIT License\n\nCopyright \(c\) \d{4} localhost-lab contributors\n/, 'MIT, as package.json says')
  t.equal((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { license: string }).license, 'MIT')
  for (const f of ['package.json', 'README.md', 'CHANGELOG.md', 'dist/cli/bin.cjs', 'dist/cli/quick-explain.cjs', 'dist/cli/quick-demo.cjs', 'dist/cli/main.js', 'dist/cli/children/service.cjs', 'dist/src/index.js', 'dist/src/index.d.ts',
    'dist/src/testing.js', 'dist/src/testing.d.ts', 'dist/src/process/children/service.js', 'src/dashboard/public/index.html', 'src/dashboard/public/app.js',
    'src/dashboard/public/style.css', 'src/dashboard/public/favicon.svg']) t.ok(files.has(f), f)
  t.same([...files].filter((f) => f.startsWith('dist/bench/')), [], 'not the benchmarks and the soak harness')
  t.same([...files].filter((f) => f.endsWith('.map')), [], 'no source maps (the sources they map are not shipped)')
  t.same([...files].filter((f) => f.startsWith('src/') && !f.startsWith('src/dashboard/public/')), [], 'no TypeScript sources')
  // Everything the build writes for the library is there; the unbundled CLI and the lessons are not (the bin is the
  // bundle, and the entries import neither: nothing below src/cli imports demos/).
  const runtime = builtFiles(join(ROOT, 'dist', 'src')).filter((f) => (f.endsWith('.js') || f.endsWith('.d.ts')) && !f.startsWith('dist/src/cli/'))
  t.ok(runtime.length > 100, `${runtime.length} built modules and declarations`)
  t.same(runtime.filter((f) => !files.has(f)), [], 'every built module and declaration of dist/src but its cli/')
  t.same([...files].filter((f) => f.startsWith('dist/src/cli/') || f.startsWith('dist/demos/')), [], "not tsc's unbundled CLI and lessons")
  // The bin is the bundle (tools/build/bundle.mjs): every chunk of it, or a command fails when it loads its own.
  // .utf16: generated tables read as text by the quick files (tools/build/bundle.mjs, STRINGS_ASIDE).
  const bundle = builtFiles(join(ROOT, 'dist', 'cli')).filter((f) => f.endsWith('.js') || f.endsWith('.cjs') || f.endsWith('.utf16'))
  t.ok(bundle.length > 10, `${bundle.length} files in the bundle`)
  t.ok(bundle.includes('dist/cli/lexicon-index.utf16'), "explain's lexicon beside quick-explain.cjs")
  t.same(bundle.filter((f) => !files.has(f)), [], 'every file of the bundle in dist/cli')
  t.comment(`tarball ${packed.size} bytes, ${packed.unpackedSize} unpacked, ${packed.entryCount} files`)
})

t.test('installed into a project of its own, `localhost-lab demo ephemeral --json` runs (exit 0) and both entries load', async (t) => {
  const dir = await tempDir(t, 'pkg')
  const tarball = await pack(dir)
  const project = join(dir, 'project')
  await exec('mkdir', [project], { cwd: dir })
  const started = Date.now()
  const installed = await installAsDependency(project, tarball)
  t.equal(installed.code, 0, installed.stderr)
  t.comment(`installed in ${Date.now() - started} ms`)
  // A dependency's `overrides` do not reach the project that installs it: on Node 20 npm still names cookie@2 (fastify ->
  // light-my-request, loaded only by fastify's inject, which the lab never calls; the README says so). Nothing else.
  const refused = [...new Set([...installed.stderr.matchAll(/EBADENGINE\s+package: '(@?[^@']+)@/g)].map((m) => m[1]))]
  t.same(refused.filter((name) => name !== 'cookie'), [], 'no dependency but cookie refuses this Node')
  t.comment(`EBADENGINE names: ${refused.join(', ') || 'none'}`)
  const bin = join(project, 'node_modules', '.bin', 'localhost-lab')
  const r = await exec(bin, ['demo', 'ephemeral', '--json'], { cwd: project })
  t.equal(r.code, 0, r.stderr)
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string, ok?: boolean })
  t.match(events.at(-1), { type: 'done', ok: true }, 'the run ends with a done event')
  const entries = await exec(process.execPath, ['--input-type=module', '-e',
    "const lab = await import('localhost-lab'); const testing = await import('localhost-lab/testing'); console.log(typeof lab.explain, Object.keys(testing).length > 0)"], { cwd: project })
  t.equal(entries.code, 0, entries.stderr)
  t.equal(entries.stdout.trim(), 'function true', "'localhost-lab' and 'localhost-lab/testing' import from the installed package")
})

t.test('no production dependency in the lock refuses this Node (npm warns EBADENGINE for those)', async (t) => {
  const semver = createRequire(import.meta.url)('semver') as { satisfies (v: string, range: string): boolean }
  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean, engines?: { node?: string } | string[] }> }
  const prod = Object.entries(lock.packages).filter(([path, p]) => path !== '' && p.dev !== true)
  t.ok(prod.length > 20, `${prod.length} production packages in the lock`)
  const refusing = prod.filter(([, p]) => !Array.isArray(p.engines) && p.engines?.node !== undefined && !semver.satisfies(process.version, p.engines.node))
  t.same(refusing.map(([path, p]) => `${path} wants node ${(p.engines as { node: string }).node}`), [])
})
