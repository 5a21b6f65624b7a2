// Shared by every capture family. A family script runs INSIDE a private network namespace that run.mjs
// creates (only `lo`, a resolv.conf naming 127.0.0.1, a Debian-style /etc/hosts), so every socket it opens
// and every packet a program sends stays on that namespace's loopback. Nothing here picks a port number:
// each listener is opened on port 0 and its port read back; a "closed" port is one that was open a moment ago.
import net from 'node:net'
import http from 'node:http'
import tls from 'node:tls'
import dgram from 'node:dgram'
import { createHash } from 'node:crypto'
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { dedupeKey } from './dedupe-key.mjs'
export { dedupeKey }

/** glibc ships libc.mo for each of these (libc-l10n); locales-all provides the locale data. */
export const LOCALES = [
  'de_DE.UTF-8', 'fr_FR.UTF-8', 'es_ES.UTF-8', 'pt_BR.UTF-8', 'ru_RU.UTF-8', 'ja_JP.UTF-8', 'zh_CN.UTF-8',
  'zh_TW.UTF-8', 'ko_KR.UTF-8', 'it_IT.UTF-8', 'pl_PL.UTF-8', 'tr_TR.UTF-8', 'nl_NL.UTF-8', 'sv_SE.UTF-8',
  'cs_CZ.UTF-8', 'uk_UA.UTF-8',
]

/** Why a capture of this family is trusted: it runs only inside the namespace run.mjs made. */
export function assertInsidePrivateNamespace () {
  if (process.env.CAPTURE_NS !== '1') {
    console.error('capture scripts run only through tools/capture/run.mjs (inside a private network namespace)')
    process.exit(2)
  }
  const links = execFileSync('ip', ['-o', 'link', 'show']).toString().trim().split('\n')
  if (links.length !== 1 || !/: lo:/.test(links[0])) {
    console.error('refusing to capture: this namespace has interfaces other than lo')
    process.exit(2)
  }
}

const cleanups = []
/** Registered the moment a resource exists; run last in, first out. */
export function onCleanup (fn) { cleanups.push(fn) }
export async function cleanupAll () { await cleanupTo(0) }
/** Cleans up only what was registered after `mark` (cleanups.length when a scenario started). */
export const cleanupMark = () => cleanups.length
export async function cleanupTo (mark) {
  while (cleanups.length > mark) {
    const fn = cleanups.pop()
    try { await fn() } catch (err) { console.error('cleanup failed:', err.message) }
  }
}

export function tempDir (prefix = 'cz-') {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  onCleanup(() => rmSync(dir, { recursive: true, force: true }))
  return dir
}

/** A temp dir holding `files` (relative path -> text): a project or a config made for one run, removed with it. */
export function tempFiles (prefix, files) {
  const dir = tempDir(prefix)
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true })
    writeFileSync(join(dir, name), text)
  }
  return dir
}

/** Listens on port 0; its cleanup destroys every connection it accepted, then closes the listener. */
function listen (server, host, backlog) {
  const sockets = new Set()
  server.on('connection', sock => { sockets.add(sock); sock.on('error', () => {}); sock.on('close', () => sockets.delete(sock)) })
  server.on('secureConnection', sock => { sockets.add(sock); sock.on('error', () => {}); sock.on('close', () => sockets.delete(sock)) })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host, port: 0, backlog }, () => {
      server.off('error', reject)
      onCleanup(() => new Promise(r => { for (const x of sockets) x.destroy(); server.close(() => r()) }))
      resolve(server.address().port)
    })
  })
}

/** A port on `host` that was listening a moment ago and is closed now: a connect there is refused. */
export async function closedPort (host = '127.0.0.1') {
  const s = net.createServer()
  const port = await new Promise((resolve, reject) => {
    s.once('error', reject)
    s.listen({ host, port: 0 }, () => resolve(s.address().port))
  })
  await new Promise(r => s.close(() => r()))
  return port
}

/** A listener that holds a port (for "address in use"); accepts and ignores connections. */
export async function holdPort (host = '127.0.0.1') {
  const s = net.createServer(sock => { sock.on('error', () => {}) })
  return listen(s, host)
}

/** Accepts, then answers every connection with a TCP RST (SO_LINGER 0 close). */
export async function resetServer (host = '127.0.0.1', { afterData = true } = {}) {
  const s = net.createServer(sock => {
    sock.on('error', () => {})
    if (afterData) sock.once('data', () => sock.resetAndDestroy())
    else sock.resetAndDestroy()
  })
  return listen(s, host)
}

/** Accepts, reads what the client sends, then closes without a byte of answer (FIN): empty reply / hang-up. */
export async function hangupServer (host = '127.0.0.1', { afterData = true } = {}) {
  const s = net.createServer(sock => {
    sock.on('error', () => {})
    if (afterData) sock.once('data', () => sock.end())
    else sock.end()
  })
  return listen(s, host)
}

/**
 * An accept queue that is full: a listener with backlog 0 that never accepts (a Python helper, because Node
 * always accepts), with one connection parked in the queue; later SYNs are dropped, so connects time out.
 */
export async function fullQueueServer (host = '127.0.0.1') {
  const code = [
    'import socket, sys',
    `fam = socket.AF_INET6 if ':' in ${JSON.stringify(host)} else socket.AF_INET`,
    's = socket.socket(fam)',
    `s.bind((${JSON.stringify(host)}, 0))`,
    's.listen(0)',
    'p = s.getsockname()[1]',
    'parked = []',
    'for i in range(2):',
    '    c = socket.socket(fam); c.setblocking(False)',
    `    try: c.connect((${JSON.stringify(host)}, p))`,
    '    except BlockingIOError: pass',
    '    parked.append(c)',
    'print(p, flush=True)',
    'sys.stdin.read()',
  ].join('\n')
  const child = spawn('/usr/bin/python3', ['-c', code], { stdio: ['pipe', 'pipe', 'inherit'] })
  onCleanup(() => new Promise(r => { if (child.exitCode !== null) return r(); child.once('close', () => r()); child.kill('SIGKILL') }))
  const port = await new Promise((resolve, reject) => {
    let buf = ''
    child.stdout.on('data', d => { buf += d; if (buf.includes('\n')) resolve(Number(buf.trim())) })
    child.once('close', () => reject(new Error('full-queue helper exited')))
  })
  await new Promise(r => setTimeout(r, 300))
  return port
}

/** A plain HTTP server answering 200 (for a TLS client: the protocol mismatch is on the client's side). */
export async function httpServer (host = '127.0.0.1', handler) {
  const s = http.createServer(handler ?? ((req, res) => { res.end('ok\n') }))
  return listen(s, host)
}

let certCache
/** A self-signed certificate made with `openssl req -x509` in a temp dir. */
export function selfSignedCert () {
  if (certCache) return certCache
  const dir = tempDir('cz-tls-')
  onCleanup(() => { certCache = undefined })
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'),
    '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=localhost'], { stdio: 'ignore' })
  certCache = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')), dir }
  return certCache
}

/** A TLS server (self-signed): a plain-text client talking to it is the protocol mismatch. */
export async function tlsServer (host = '127.0.0.1') {
  const { key, cert } = selfSignedCert()
  const s = tls.createServer({ key, cert }, sock => { sock.on('error', () => {}); sock.end('HTTP/1.1 200 OK\r\ncontent-length: 3\r\n\r\nok\n') })
  s.on('tlsClientError', () => {})
  return listen(s, host)
}

/** A server that answers with a fixed banner then waits (e.g. an SSH or SMTP greeting on an HTTP client's port). */
export async function bannerServer (banner, host = '127.0.0.1') {
  const s = net.createServer(sock => { sock.on('error', () => {}); sock.write(banner) })
  return listen(s, host)
}

export const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups']

/**
 * Runs a program with stdout and stderr merged in order (one pipe, as a terminal would show them).
 * locale: 'C' or e.g. 'de_DE.UTF-8' (LANG and LC_ALL; LANGUAGE removed so it cannot override).
 */
export function run (cmd, args = [], { locale = 'C', timeout = 8000, env = {}, cwd, input, asNobody = false } = {}) {
  const baseEnv = { PATH: process.env.PATH, HOME: process.env.HOME ?? '/root', TERM: 'dumb' }
  const fullEnv = { ...baseEnv, LANG: locale, LC_ALL: locale, ...env }
  const argv = asNobody ? [...NOBODY, cmd, ...args] : [cmd, ...args]
  return new Promise(resolve => {
    const child = spawn('sh', ['-c', 'exec "$@" 2>&1', 'sh', ...argv], {
      env: fullEnv, cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'inherit'], detached: true,
    })
    // Buffers, decoded once at the end: a multi-byte character split across two reads must not become U+FFFD.
    const chunks = []
    let timedOut = false
    child.stdout.on('data', d => { chunks.push(d) })
    if (input !== undefined) { child.stdin.on('error', () => {}); child.stdin.end(input) }
    const timer = setTimeout(() => { timedOut = true; try { process.kill(-child.pid, 'SIGKILL') } catch {} }, timeout)
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      try { process.kill(-child.pid, 'SIGKILL') } catch {}
      resolve({ out: Buffer.concat(chunks).toString('utf8'), code, signal, timedOut })
    })
    child.on('error', err => { clearTimeout(timer); resolve({ out: String(err), code: -1, timedOut, spawnError: true }) })
  })
}

/** Starts a long-running program (a server holding a port); stop() kills its process group. */
export function start (cmd, args = [], { locale = 'C', env = {}, cwd } = {}) {
  const child = spawn(cmd, args, { env: { PATH: process.env.PATH, HOME: '/root', LANG: locale, LC_ALL: locale, ...env }, cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  const chunks = []
  child.stdout.on('data', d => { chunks.push(d) })
  child.stderr.on('data', d => { chunks.push(d) })
  const stop = () => new Promise(r => {
    if (child.exitCode !== null || child.signalCode !== null) return r()
    child.once('close', () => r())
    try { process.kill(-child.pid, 'SIGKILL') } catch { r() }
  })
  onCleanup(stop)
  return { child, stop, output: () => Buffer.concat(chunks).toString('utf8') }
}

/** `PACKAGE VERSION` of an installed Debian package: what an entry's source names as the program that ran. */
export const debianPackage = p => `${p} ${version('dpkg-query', ['-W', '-f=${Version}', p])}`

export function version (cmd, args = ['--version'], pick = s => s.split('\n')[0]) {
  try { return pick(execFileSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] }).toString() + '').trim() } catch (err) {
    const s = (err.stdout?.toString() ?? '') + (err.stderr?.toString() ?? '')
    return pick(s).trim() || 'unknown'
  }
}

const records = []
/**
 * One captured text with its label. The label comes from what the capture did (it closed the port, it took the
 * port first, it reset the connection), never from running explain.
 */
export function record ({ program, ecosystem, version: v, scenario, kind, accept = [], address = null, port = null, locale = 'C', text, what }) {
  const t = (text ?? '').replace(/\r/g, '').replace(/[ \t]+$/gm, '').replace(/\n+$/, '').replace(/^\n+/, '')
  if (t.trim() === '') { console.error(`  (empty) ${program} ${scenario} ${locale}`); return }
  records.push({ program, ecosystem, version: v, scenario, kind, accept, address, port, locale, text: t, what })
}

/** Family main: guards, runs the body, always cleans up, prints the records as JSON on stdout. */
export async function family (body) {
  assertInsidePrivateNamespace()
  // Stopped by the driver's time limit: clean up and still hand over what was captured.
  const stop = async () => { await cleanupAll(); process.stdout.write(JSON.stringify(records), () => process.exit(0)) }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
  try {
    await body()
  } catch (err) {
    console.error('family failed:', err.stack)
  } finally {
    await cleanupAll()
  }
  process.stdout.write(JSON.stringify(records))
}

/** A JVM start costs seconds here, so translated Java programs run in C and these 8 locales only. */
export const JAVA_LOCALES = ['C', 'de_DE.UTF-8', 'fr_FR.UTF-8', 'es_ES.UTF-8', 'pt_BR.UTF-8', 'ru_RU.UTF-8', 'ja_JP.UTF-8', 'zh_CN.UTF-8', 'ko_KR.UTF-8']

/** The locales to repeat a translated program in: C first, then every one in LOCALES. */
export const ALL_LOCALES = ['C', ...LOCALES]

const DNS_NAME = 'api.nosuchhost.invalid'

/**
 * The namespace's resolver (127.0.0.1:53, named by the resolv.conf run.mjs mounts): answers every query with
 * NXDOMAIN, as a real resolver answers for a name under .invalid. Without it glibc gets "connection refused"
 * from 127.0.0.1:53 and reports a temporary failure instead (the dns-no-resolver scenario).
 */
export async function nxdomainResolver () {
  const sock = dgram.createSocket('udp4')
  sock.on('message', (msg, rinfo) => {
    if (msg.length < 12) return
    const answer = Buffer.from(msg)
    answer[2] = 0x81 | (msg[2] & 0x01) // QR=1, opcode 0, RD copied
    answer[3] = 0x83 // RA=1, RCODE=3 NXDOMAIN
    answer.writeUInt16BE(0, 6); answer.writeUInt16BE(0, 8); answer.writeUInt16BE(0, 10)
    // keep the question section only (drop EDNS additional records)
    let i = 12
    while (i < answer.length && answer[i] !== 0) i += answer[i] + 1
    sock.send(answer.subarray(0, Math.min(answer.length, i + 5)), rinfo.port, rinfo.address)
  })
  await new Promise((resolve, reject) => { sock.once('error', reject); sock.bind(53, '127.0.0.1', resolve) })
  onCleanup(() => new Promise(r => sock.close(() => r())))
}
const bracket = h => (h.includes(':') ? `[${h}]` : h)

/**
 * The failures every client is put through. setup() opens what the failure needs and returns where to point
 * the client; `host` is what the client is told (a literal or a name), `address` the label's address.
 */
export const SCENARIOS = [
  { name: 'refused-ipv4', kind: 'refused', accept: ['not-ready'], what: 'connect to a port on 127.0.0.1 that was closed a moment ago',
    setup: async () => ({ host: '127.0.0.1', port: await closedPort('127.0.0.1'), scheme: 'http' }) },
  { name: 'refused-ipv6', kind: 'refused', accept: ['localhost-ipv6'], what: 'connect to a port on [::1] that was closed a moment ago',
    setup: async () => ({ host: '::1', port: await closedPort('::1'), scheme: 'http' }) },
  { name: 'refused-localhost', kind: 'refused', accept: ['localhost-ipv6', 'not-ready'], what: 'connect to localhost (127.0.0.1 and ::1 in /etc/hosts), nothing listening on either',
    setup: async () => ({ host: 'localhost', port: await closedPort('127.0.0.1'), scheme: 'http' }) },
  { name: 'timeout', kind: 'timeout', accept: ['hang-up'], what: 'connect to a listener whose accept queue is full (backlog 0, never accepts), so the SYN is dropped',
    slow: true, setup: async () => ({ host: '127.0.0.1', port: await fullQueueServer('127.0.0.1'), scheme: 'http' }) },
  { name: 'reset', kind: 'reset', accept: ['hang-up'], what: 'server accepts, reads the request and answers with a TCP RST (SO_LINGER 0)',
    setup: async () => ({ host: '127.0.0.1', port: await resetServer('127.0.0.1'), scheme: 'http' }) },
  { name: 'hang-up', kind: 'hang-up', accept: ['reset'], what: 'server accepts, reads the request and closes without answering (FIN, empty reply)',
    setup: async () => ({ host: '127.0.0.1', port: await hangupServer('127.0.0.1'), scheme: 'http' }) },
  { name: 'tls-to-plain', kind: 'protocol-mismatch', accept: [], what: 'TLS client to a plain HTTP server',
    setup: async () => ({ host: '127.0.0.1', port: await httpServer('127.0.0.1'), scheme: 'https' }) },
  { name: 'plain-to-tls', kind: 'protocol-mismatch', accept: ['hang-up', 'reset'], what: 'plain-text client to a TLS server (self-signed, openssl req -x509)',
    setup: async () => ({ host: '127.0.0.1', port: await tlsServer('127.0.0.1'), scheme: 'http' }) },
  { name: 'ssh-banner', kind: 'protocol-mismatch', accept: [], what: 'HTTP client to a server that greets with an SSH banner',
    setup: async () => ({ host: '127.0.0.1', port: await bannerServer('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n'), scheme: 'http' }) },
  { name: 'dns', kind: 'dns', accept: [], what: `name under .invalid (${DNS_NAME}); the namespace's resolver (127.0.0.1) answers NXDOMAIN`,
    setup: async () => { await nxdomainResolver(); return { host: DNS_NAME, port: await closedPort('127.0.0.1'), scheme: 'http', address: DNS_NAME } } },
  { name: 'dns-no-resolver', kind: 'dns', accept: [], what: `name under .invalid (${DNS_NAME}); nothing answers on the resolver address 127.0.0.1:53`,
    setup: async () => ({ host: DNS_NAME, port: await closedPort('127.0.0.1'), scheme: 'http', address: DNS_NAME }) },
]

/** For WebSocket clients only: an HTTP server that does not upgrade. */
/** Completes the WebSocket handshake (101 with the right Sec-WebSocket-Accept), then drops the TCP connection without a close frame. */
export async function wsDropServer (host = '127.0.0.1') {
  const s = http.createServer((req, res) => { res.statusCode = 426; res.end() })
  s.on('upgrade', (req, sock) => {
    sock.on('error', () => {})
    const accept = createHash('sha1').update(req.headers['sec-websocket-key'] + '258EAFA5-E914-47DA-95CA-C5AB0DC85B11').digest('base64')
    sock.write(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`)
    setTimeout(() => sock.destroy(), 200)
  })
  return listen(s, host)
}

export const WS_SCENARIOS = [
  { name: 'ws-dropped', kind: 'websocket-abnormal-close', accept: ['hang-up', 'reset'], what: 'WebSocket server completes the handshake, then drops the TCP connection with no close frame (1006)',
    setup: async () => ({ host: '127.0.0.1', port: await wsDropServer('127.0.0.1'), scheme: 'http' }) },
  { name: 'ws-to-http-404', kind: 'websocket-handshake', accept: [], what: 'WebSocket client to a plain HTTP server that answers the upgrade request with 404',
    setup: async () => ({ host: '127.0.0.1', port: await httpServer('127.0.0.1', (req, res) => { res.statusCode = 404; res.end('Not Found') }), scheme: 'http' }) },
  { name: 'ws-to-http-200', kind: 'websocket-handshake', accept: [], what: 'WebSocket client to a plain HTTP server that answers the upgrade request with 200 and a page',
    setup: async () => ({ host: '127.0.0.1', port: await httpServer('127.0.0.1', (req, res) => { res.setHeader('content-type', 'text/html'); res.end('<!doctype html><p>app</p>') }), scheme: 'http' }) },
]
/**
 * For protocols where the server speaks first (FTP, MySQL): the client sends nothing before the greeting, so the
 * reset and the hang-up come right after accept instead of after the request.
 */
export const GREETED_SCENARIOS = [
  { name: 'reset-before-greeting', kind: 'reset', accept: ['hang-up'], what: 'server accepts and at once answers with a TCP RST (SO_LINGER 0), before any greeting',
    setup: async () => ({ host: '127.0.0.1', port: await resetServer('127.0.0.1', { afterData: false }), scheme: 'http' }) },
  { name: 'hang-up-before-greeting', kind: 'hang-up', accept: ['reset'], what: 'server accepts and at once closes (FIN), before any greeting',
    setup: async () => ({ host: '127.0.0.1', port: await hangupServer('127.0.0.1', { afterData: false }), scheme: 'http' }) },
]
export const scenario = name => SCENARIOS.find(s => s.name === name)
/** The client scenarios with these names, in this order. */
export const scenariosNamed = names => names.map(scenario)
/**
 * For clients of protocols whose server speaks first (SMTP, POP3, IMAP, FTP): the connect failures, the reset and the
 * hang-up before any greeting, and another protocol's greeting (an SSH banner) as the mismatch. `what` names the client.
 */
export const serverFirstScenarios = what => [
  ...scenariosNamed(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'dns', 'dns-no-resolver']), ...GREETED_SCENARIOS,
  { ...scenario('ssh-banner'), what: `${what} to a server that greets with an SSH banner` },
]

/** For proxies (nginx, Apache, HAProxy, stunnel, tinyproxy): the upstream behind the proxy fails; the label is the proxy error, the upstream's failure accepted. */
export const UPSTREAM_SCENARIOS = [
  { name: 'upstream-refused', kind: 'proxy', accept: ['refused'], what: 'upstream is a port on 127.0.0.1 closed a moment ago',
    setup: async () => ({ host: '127.0.0.1', port: await closedPort('127.0.0.1') }) },
  { name: 'upstream-timeout', kind: 'proxy', accept: ['timeout'], what: 'upstream accept queue full (backlog 0, never accepts)',
    setup: async () => ({ host: '127.0.0.1', port: await fullQueueServer('127.0.0.1') }) },
  { name: 'upstream-reset', kind: 'proxy', accept: ['reset'], what: 'upstream reads the request and answers with a TCP RST',
    setup: async () => ({ host: '127.0.0.1', port: await resetServer('127.0.0.1') }) },
  { name: 'upstream-hang-up', kind: 'proxy', accept: ['hang-up'], what: 'upstream reads the request and closes without a reply',
    setup: async () => ({ host: '127.0.0.1', port: await hangupServer('127.0.0.1') }) },
  { name: 'upstream-refused-ipv6', kind: 'proxy', accept: ['refused'], what: 'upstream is a port on [::1] closed a moment ago',
    setup: async () => ({ host: '::1', port: await closedPort('::1') }) },
]

/**
 * Puts one client through the scenarios. def.cmd(target) returns [cmd, args, opts] or null (not applicable);
 * target = { scheme, host, port, url, hostPort, scenario }. Translated programs run in every locale; a program
 * is tried in C and de_DE on the first scenario and, if both texts are equal, is English-only from then on.
 */
export async function captureClient (def, scenarios = SCENARIOS) {
  let locales = def.locales ?? null
  for (const sc of scenarios) {
    if (def.skip?.includes(sc.name)) continue
    const tryLocales = locales ?? ['C', 'de_DE.UTF-8']
    const texts = []
    for (const locale of (sc.slow && !locales ? ['C'] : tryLocales)) {
      const mark = cleanupMark()
      const t = await sc.setup()
      const target = { ...t, locale, url: `${t.scheme}://${bracket(t.host)}:${t.port}/`, hostPort: `${bracket(t.host)}:${t.port}`, scenario: sc.name }
      const c = def.cmd(target)
      if (!c) { await cleanupTo(mark); break }
      const [cmd, args, opts = {}] = c
      const r = await run(cmd, args, { timeout: sc.slow ? 15000 : 8000, ...opts, locale })
      texts.push(r.out)
      const text = def.pick ? def.pick(r.out, target) : r.out
      record({ program: def.program, ecosystem: def.ecosystem, version: def.version, scenario: sc.name, kind: def.kind?.[sc.name] ?? sc.kind,
        accept: def.accept?.[sc.name] ?? sc.accept, address: t.address ?? t.host, port: t.port, locale, text,
        what: `${def.how ?? ''}${def.how ? '; ' : ''}${sc.what}${r.timedOut ? ' (killed after the capture timeout)' : ''}` })
      await cleanupTo(mark)
    }
    if (!locales && texts.length === 2) {
      locales = dedupeKey(texts[0]) === dedupeKey(texts[1]) ? ['C'] : (def.localeSet ?? ALL_LOCALES)
      console.error(`  ${def.program}: ${locales.length === 1 ? 'English only' : 'translated, every locale'}`)
    }
  }
}

/**
 * The failures every server is put through: the port is taken (a Node listener holds it first), a port below
 * 1024 as nobody (setpriv), an address on no interface of the namespace. def.cmd(target) returns
 * [cmd, args, opts] or null; target = { host, port, hostPort, scenario, dir }. A server that does start
 * anyway is killed after `timeout` and its output kept only if def.keepStarted.
 */
export const SERVER_SCENARIOS = [
  { name: 'in-use', kind: 'port-in-use', accept: [], what: 'bind 127.0.0.1:PORT while another listener holds it',
    setup: async () => ({ host: '127.0.0.1', port: await holdPort('127.0.0.1') }) },
  { name: 'in-use-ipv6', kind: 'port-in-use', accept: ['localhost-ipv6'], what: 'bind [::1]:PORT while another listener holds it',
    setup: async () => ({ host: '::1', port: await holdPort('::1') }) },
  { name: 'privileged', kind: 'permission-denied', accept: [], what: 'bind 127.0.0.1:80 as nobody (setpriv --reuid=65534), ip_unprivileged_port_start=1024',
    nobody: true, setup: async () => ({ host: '127.0.0.1', port: 80 }) },
  { name: 'not-here', kind: 'address-not-available', accept: [], what: 'bind 192.0.2.1:PORT, an address on no interface of the namespace',
    setup: async () => ({ host: '192.0.2.1', port: await closedPort('127.0.0.1') }) },
]

export async function captureServer (def, scenarios = SERVER_SCENARIOS) {
  let locales = def.locales ?? null
  for (const sc of scenarios) {
    if (def.skip?.includes(sc.name)) continue
    const texts = []
    for (const locale of (locales ?? ['C', 'de_DE.UTF-8'])) {
      const mark = cleanupMark()
      const t = await sc.setup()
      const dir = tempDir('cz-srv-')
      const target = { ...t, locale, hostPort: `${bracket(t.host)}:${t.port}`, scenario: sc.name, dir, nobody: !!sc.nobody }
      const c = def.cmd(target)
      if (!c) { await cleanupTo(mark); break }
      const [cmd, args, opts = {}] = c
      const r = await run(cmd, args, { timeout: def.timeout ?? 6000, asNobody: !!sc.nobody, ...opts, locale })
      texts.push(r.out)
      if (!r.timedOut || def.keepStarted) {
        const text = def.pick ? def.pick(r.out, target) : r.out
        record({ program: def.program, ecosystem: def.ecosystem, version: def.version, scenario: sc.name, kind: sc.kind,
          accept: sc.accept, address: t.host, port: t.port, locale, text,
          what: `${def.how ?? ''}${def.how ? '; ' : ''}${sc.what.replace('PORT', String(t.port))}` })
      } else console.error(`  ${def.program} ${sc.name}: started anyway (killed), not kept`)
      await cleanupTo(mark)
    }
    if (!locales && texts.length === 2) {
      locales = dedupeKey(texts[0]) === dedupeKey(texts[1]) ? ['C'] : (def.localeSet ?? ALL_LOCALES)
      console.error(`  ${def.program}: ${locales.length === 1 ? 'English only' : 'translated, every locale'}`)
    }
  }
}

/**
 * Puts a proxy through UPSTREAM_SCENARIOS: it starts on a port found free a moment ago with the failing upstream
 * behind it, curl sends one request, and both what the proxy logged (`<upstream>-log`) and what curl got
 * (`<upstream>-response`) are kept. def.startArgs(dir, port, upstream) -> [cmd, args]; def.curlArgs(port, upstream);
 * def.log(output, dir) and def.page(curlOutput) choose the text kept (all of it by default; an empty log is not kept);
 * def.pageProgram names the response's program (the proxy's by default).
 */
export async function captureProxy (def, upstreams = UPSTREAM_SCENARIOS) {
  for (const up of upstreams) {
    const mark = cleanupMark()
    const u = await up.setup()
    const dir = tempDir('cz-proxy-')
    const port = await closedPort('127.0.0.1')
    const [cmd, args] = def.startArgs(dir, port, u)
    const p = start(cmd, args)
    if (await waitListening('127.0.0.1', port)) {
      const r = await run('curl', ['-sS', ...def.curlArgs(port, u)], { timeout: def.curlTimeout ?? 8000 })
      await new Promise(res => setTimeout(res, 300))
      const base = { ecosystem: def.ecosystem, version: def.version, kind: up.kind, accept: up.accept }
      const what = `${def.how}; ${up.what}; one request with curl`
      const log = (def.log ?? (s => s))(p.output(), dir)
      if (log) record({ ...base, program: def.program, scenario: up.name + '-log', address: u.host, port: u.port, text: log, what: what + ' (the proxy\'s error log)' })
      record({ ...base, program: def.pageProgram ?? def.program, scenario: up.name + '-response', address: '127.0.0.1', port,
        text: (def.page ?? (s => s))(r.out), what: what + ` (the response the client got: ${r.out.split('\n')[0].trim()})` })
    } else console.error(`  ${def.program} ${up.name}: proxy did not start: ${p.output().slice(0, 300)}`)
    await p.stop()
    await cleanupTo(mark)
  }
}

/** Resolves when something accepts on host:port (a server we started finished binding), or after `ms`. */
export async function waitListening (host, port, ms = 6000) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    const ok = await new Promise(resolve => {
      const c = net.connect({ host, port })
      c.once('connect', () => { c.destroy(); resolve(true) })
      c.once('error', () => resolve(false))
    })
    if (ok) return true
    await new Promise(r => setTimeout(r, 100))
  }
  return false
}
