// Round 9: Node development servers from npm failing to bind in their own words (Vite's dev server with
// --strictPort, http-server, json-server), put through the server scenarios. Like npm-clients, the pinned
// versions are installed by `--prepare DIR` outside the namespace (npm's ordinary client, into that temp dir).
import { execFileSync } from 'node:child_process'
import { chmodSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

// serve 14.2.7 is left out: with --no-port-switching it still moves to a random free port when its own is taken.
const PACKAGES = { vite: '8.4.0', 'http-server': '14.1.1', 'json-server': '0.17.4' }

if (process.argv[2] === '--prepare') {
  execFileSync('npm', ['install', '--prefix', process.argv[3], '--no-audit', '--no-fund', '--no-save', '--loglevel=error',
    ...Object.entries(PACKAGES).map(([name, v]) => `${name}@${v}`)], { stdio: ['ignore', 2, 2] })
  // The privileged scenario runs the server as nobody, who must be able to reach node_modules in root's temp dir.
  chmodSync(dirname(process.argv[3]), 0o711)
  process.exit(0)
}

const { family, captureServer } = await import('./lib.mjs')
const dir = process.env.CAPTURE_PREP
const nodeV = 'Node ' + process.version
const pkgV = name => `${name} ${JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')).version} (npm) on ${nodeV}`
const bin = (name, path) => join(dir, 'node_modules', name, path)
/** The site each server serves, in the scenario's temp dir (nobody's for the privileged scenario). */
function site (t, files) {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(t.dir, name), text)
  chmodSync(t.dir, 0o755)
  return t.dir
}

await family(async () => {
  await captureServer({ program: 'vite-dev-server', ecosystem: 'node', version: pkgV('vite'), timeout: 10000,
    how: 'vite --host HOST --port PORT --strictPort (in a dir holding one index.html)',
    cmd: t => [process.execPath, [bin('vite', 'bin/vite.js'), '--host', t.host, '--port', String(t.port), '--strictPort', '--clearScreen', 'false'],
      { cwd: site(t, { 'index.html': '<!doctype html><title>lab</title>\n' }), env: { CI: '1' } }] })
  await captureServer({ program: 'http-server', ecosystem: 'node', version: pkgV('http-server'),
    how: 'http-server DIR -a HOST -p PORT',
    cmd: t => [process.execPath, [bin('http-server', 'bin/http-server'), site(t, { 'index.html': 'lab\n' }), '-a', t.host, '-p', String(t.port)]] })
  await captureServer({ program: 'json-server', ecosystem: 'node', version: pkgV('json-server'),
    how: 'json-server --host HOST --port PORT db.json',
    cmd: t => [process.execPath, [bin('json-server', 'lib/cli/bin.js'), '--host', t.host, '--port', String(t.port), join(site(t, { 'db.json': '{"posts": []}\n' }), 'db.json')]] })
})
