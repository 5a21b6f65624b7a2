// Node 22 and 24 (the npm package `node` at the versions pinned below, as `npx -y -p node@22 node` runs them), to
// see whether their net, http, fetch and server texts differ from Node 20's (node.mjs), and Node's own WebSocket
// client (global since 22), which Node 20 does not have. `--prepare DIR` runs outside the namespace: npx's ordinary
// client finds (or installs into its cache) each pinned version and the script writes the binaries' paths to
// DIR/node-paths.json; the capture then runs those binaries inside the namespace. Node prints English only.
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

const VERSIONS = { 22: '22.23.3', 24: '24.21.0' }

if (process.argv[2] === '--prepare') {
  mkdirSync(process.argv[3], { recursive: true })
  const paths = {}
  for (const [major, v] of Object.entries(VERSIONS)) {
    paths[major] = execFileSync('npx', ['-y', '-p', `node@${v}`, 'node', '-p', 'process.execPath'], { stdio: ['ignore', 'pipe', 2] }).toString().trim()
  }
  writeFileSync(join(process.argv[3], 'node-paths.json'), JSON.stringify(paths))
  process.exit(0)
}

const { family, captureClient, captureServer, version, SCENARIOS, WS_SCENARIOS } = await import('./lib.mjs')
const paths = JSON.parse(readFileSync(join(process.env.CAPTURE_PREP, 'node-paths.json'), 'utf8'))
const J = JSON.stringify
const TCP = SCENARIOS.filter(s => !['tls-to-plain', 'plain-to-tls', 'ssh-banner'].includes(s.name))
const env = { NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' }

await family(async () => {
  for (const major of Object.keys(VERSIONS)) {
    const bin = paths[major]
    const v = `Node ${version(bin)} (npm package node@${VERSIONS[major]}, run as npx -p node@${VERSIONS[major]} node)`
    const node = code => [bin, ['-e', code], { env }]
    const p = `node${major}`
    await captureClient({ program: `${p}-net`, ecosystem: 'node', version: v, how: "net.connect({ host, port }) with no 'error' listener (the uncaught error)",
      cmd: t => node(`const s = require('net').connect({ host: ${J(t.host)}, port: ${t.port}, timeout: 3000 }); s.on('timeout', () => { s.destroy(new Error('connect timed out after 3000 ms')) }); s.write('GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n'); s.on('end', () => { throw new Error('socket hang up: the server closed the connection') })`) }, TCP)
    await captureClient({ program: `${p}-http`, ecosystem: 'node', version: v, how: "http(s).get(url, { timeout: 3000 }) with no 'error' listener",
      cmd: t => node(`const m = require(${J(t.scheme)}); const r = m.get(${J(t.url)}, { timeout: 3000 }, res => res.resume()); r.on('timeout', () => r.destroy(new Error('request timed out after 3000 ms')))`) })
    await captureClient({ program: `${p}-fetch`, ecosystem: 'node', version: v, how: 'await fetch(url, { signal: AbortSignal.timeout(3000) }) uncaught (the TypeError and its cause)',
      cmd: t => node(`fetch(${J(t.url)}, { signal: AbortSignal.timeout(3000) }).then(r => r.text())`) })
    // The global WebSocket never throws: it fires 'error' (an Event) and then 'close'; the snippet prints both, as
    // a script that logs them would. Its 3 s limit exits silently: a sentence of ours would make every text that
    // reached it read like a timeout.
    await captureClient({ program: `${p}-websocket`, ecosystem: 'node', version: v, how: "the global WebSocket (undici's): new WebSocket(url), console.error of its 'error' event and of the close code and reason, exit after 3 s",
      cmd: t => node(`const ws = new WebSocket(${J(t.url.replace(/^http/, 'ws'))}); const k = setTimeout(() => process.exit(1), 3000); ws.onerror = e => console.error(e); ws.onclose = e => { clearTimeout(k); console.error('WebSocket closed:', e.code, e.reason) }`) }, [...SCENARIOS, ...WS_SCENARIOS])
    await captureServer({ program: `${p}-net-server`, ecosystem: 'node', version: v, how: "net.createServer().listen(port, host) with no 'error' listener",
      cmd: t => [bin, ['-e', `require('net').createServer().listen(${t.port}, ${J(t.host)}); setTimeout(() => process.exit(0), 30000)`]] })
    await captureServer({ program: `${p}-http-server`, ecosystem: 'node', version: v, how: "http.createServer().listen(port, host, cb) with no 'error' listener",
      cmd: t => [bin, ['-e', `require('http').createServer().listen(${t.port}, ${J(t.host)}, () => console.log('listening on http://${t.hostPort}')); setTimeout(() => process.exit(0), 30000)`]] })
  }
})
