// Node 20 (this machine's node) with what the repository already has in node_modules (ws, undici; nothing
// installed for the capture): net, http, https, fetch, undici.request, ws; servers net/http listen.
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { family, captureClient, captureServer, version, SCENARIOS, WS_SCENARIOS } from './lib.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const nm = p => join(root, 'node_modules', p)
const J = JSON.stringify
const TCP = SCENARIOS.filter(s => !['tls-to-plain', 'plain-to-tls', 'ssh-banner'].includes(s.name))
const nodeV = 'Node ' + process.version
const pkgV = p => version('node', ['-p', `require(${J(nm(p) + '/package.json')}).version`])

await family(async () => {
  const nodeCmd = (code, t) => ['node', ['-e', code], { env: { NODE_TLS_REJECT_UNAUTHORIZED: '0', NODE_NO_WARNINGS: '1' } }]
  await captureClient({ program: 'node-net', ecosystem: 'node', version: nodeV, how: "net.connect({ host, port }) with no 'error' listener (the uncaught error)",
    cmd: t => nodeCmd(`const s = require('net').connect({ host: ${J(t.host)}, port: ${t.port}, timeout: 3000 }); s.on('timeout', () => { s.destroy(new Error('connect timed out after 3000 ms')) }); s.write('GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n'); s.on('end', () => { throw new Error('socket hang up: the server closed the connection') })`, t) }, TCP)
  await captureClient({ program: 'node-http', ecosystem: 'node', version: nodeV, how: "http(s).get(url, { timeout: 3000 }) with no 'error' listener",
    cmd: t => nodeCmd(`const m = require(${J(t.scheme)}); const r = m.get(${J(t.url)}, { timeout: 3000 }, res => res.resume()); r.on('timeout', () => r.destroy(new Error('request timed out after 3000 ms')))`, t) })
  await captureClient({ program: 'node-fetch', ecosystem: 'node', version: nodeV, how: 'await fetch(url, { signal: AbortSignal.timeout(3000) }) uncaught (the TypeError and its cause)',
    cmd: t => nodeCmd(`fetch(${J(t.url)}, { signal: AbortSignal.timeout(3000) }).then(r => r.text())`, t) })
  await captureClient({ program: 'node-undici', ecosystem: 'node', version: `undici ${pkgV('undici')} on ${nodeV}`, how: 'undici.request(url, { headersTimeout: 3000, connect: { timeout: 3000 } }) uncaught',
    cmd: t => nodeCmd(`require(${J(nm('undici'))}).request(${J(t.url)}, { headersTimeout: 3000, bodyTimeout: 3000, connect: { timeout: 3000, rejectUnauthorized: false } }).then(r => r.body.text())`, t) })
  await captureClient({ program: 'node-ws', ecosystem: 'ws', version: `ws ${pkgV('ws')} on ${nodeV}`, how: "new WebSocket('ws://HOST:PORT/', { handshakeTimeout: 3000 }) with no 'error' listener",
    cmd: t => nodeCmd(`const WebSocket = require(${J(nm('ws'))}); new WebSocket(${J(t.url.replace(/^http/, 'ws'))}, { handshakeTimeout: 3000, rejectUnauthorized: false })`, t) }, [...SCENARIOS, ...WS_SCENARIOS])
  await captureServer({ program: 'node-net-server', ecosystem: 'node', version: nodeV, how: "net.createServer().listen(port, host) with no 'error' listener",
    cmd: t => ['node', ['-e', `require('net').createServer().listen(${t.port}, ${J(t.host)}); setTimeout(() => process.exit(0), 30000)`]] })
  await captureServer({ program: 'node-http-server', ecosystem: 'node', version: nodeV, how: "http.createServer().listen(port, host, cb) with no 'error' listener",
    cmd: t => ['node', ['-e', `require('http').createServer().listen(${t.port}, ${J(t.host)}, () => console.log('listening on http://${t.hostPort}')); setTimeout(() => process.exit(0), 30000)`]] })
})
