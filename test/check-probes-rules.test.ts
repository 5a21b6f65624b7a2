/**
 * The probes' knowledge as data (every entry with its source), the risk rules on hand-made Services, and the
 * fingerprint's contract (never throws, bounded in time, escapes what servers send, leaves nothing open) against real
 * sockets of our own that answer anything at all.
 */
import t from 'tap'
import fc from 'fast-check'
import net from 'node:net'
import { GREETINGS, matchGreeting } from '../src/diagnose/check/probes/greeting.js'
import { DEVTOOLS_ANSWERS, matchDevtools } from '../src/diagnose/check/probes/inspector.js'
import { REDIS_REPLIES } from '../src/diagnose/check/probes/redis.js'
import { POSTGRES_PROTOCOL } from '../src/diagnose/check/probes/postgres.js'
import { MONGO_PROTOCOL } from '../src/diagnose/check/probes/mongodb.js'
import { DOCKER_API } from '../src/diagnose/check/probes/docker.js'
import { HTTP_APPS } from '../src/diagnose/check/probes/http-apps.js'
import { productOf, titleOf, type HttpAnswer } from '../src/diagnose/check/probes/http.js'
import { fingerprint, USUAL_PORTS } from '../src/diagnose/check/fingerprint.js'
import { RISK_RULES, serviceRisks } from '../src/diagnose/check/risks.js'
import type { Service } from '../src/diagnose/check/types.js'
import { isLinux, liveNetHandles, ourSockets } from './helpers.js'

/** The forms a source may take: a URL, `owner/repo path @ commit`, or an installed Debian package with its version. */
const SOURCE = /^(?:https:\/\/\S+|[\w.-]+\/[\w.-]+ \S+ @ [0-9a-f]{40}\b.*|[\w.-]+ \d\S* \(Debian\) \/\S+: ".+")$/

t.test('every fact of the probes names its source', async (t) => {
  const sources: Array<[string, string]> = [
    ...GREETINGS.map((g) => [`greeting ${g.protocol}`, g.source] as [string, string]),
    ...DEVTOOLS_ANSWERS.map((d) => [`devtools ${d.protocol}`, d.source] as [string, string]),
    ...REDIS_REPLIES.map((r) => [`redis ${String(r.reply)}`, r.source] as [string, string]),
    ['postgres protocol', POSTGRES_PROTOCOL.source],
    ['mongodb protocol', MONGO_PROTOCOL.source],
    ['mongodb errors', MONGO_PROTOCOL.errors],
    ['docker api', DOCKER_API.source],
    ['usual ports', USUAL_PORTS.source],
    ...HTTP_APPS.map((a) => [`http app ${a.product}`, a.source] as [string, string]),
    ...RISK_RULES.map((r) => [`risk ${r.id}`, r.source] as [string, string]),
  ]
  for (const [what, source] of sources) t.match(source, SOURCE, `${what}: ${source}`)
  t.equal(new Set(HTTP_APPS.map((a) => a.product)).size, HTTP_APPS.length, 'one entry per program')
})

t.test('greetings: the examples the specifications give', async (t) => {
  // RFC 4253 §4.2 writes the identification string's example as "SSH-2.0-billsSSH_3.6.3q3<CR><LF>".
  t.same(matchGreeting(Buffer.from('SSH-2.0-billsSSH_3.6.3q3\r\n')), { protocol: 'ssh', product: 'billsSSH', version: '3.6.3q3', evidence: 'greeting: SSH-2.0-billsSSH_3.6.3q3' })
  // RFC 6143 §7.1.1: "RFB 003.008\n" (hex 52 46 42 20 30 30 33 2e 30 30 38 0a).
  t.same(matchGreeting(Buffer.from('52464220303033 2e3030380a'.replace(' ', ''), 'hex')), { protocol: 'vnc', product: 'VNC (RFB)', version: '3.8', evidence: 'greeting: RFB 003.008' })
  t.equal(matchGreeting(Buffer.from('HTTP/1.1 400 Bad Request\r\n\r\n')), undefined, 'an HTTP answer is no greeting')
  t.equal(matchGreeting(Buffer.alloc(0)), undefined)
  // A 220 that names neither SMTP nor FTP is not claimed for either.
  t.equal(matchGreeting(Buffer.from('220 ready\r\n')), undefined)
})

t.test('/json/version: Node\'s inspector and a Chromium, as their own sources write it', async (t) => {
  const answer = (body: string): HttpAnswer => ({ ok: true, status: 200, headers: {}, body, raw: Buffer.from(body), timedOut: false })
  // nodejs/node src/inspector_socket_server.cc SendVersionResponse, with NODE_VERSION filled in.
  const node = matchDevtools(answer(`{\n  "Browser": "node.js/v${process.versions.node}",\n  "Protocol-Version": "1.1"\n}\n`))
  t.equal(node?.protocol, 'node-inspector')
  t.equal(node?.version, process.versions.node)
  t.equal(matchDevtools(answer('{"version": "1.2.3"}')), undefined, 'a JSON answer without Browser is not a debugger')
  t.equal(matchDevtools(answer('not json')), undefined)
  t.equal(matchDevtools({ ...answer('{"Browser":"node.js/v20.0.0","Protocol-Version":"1.1"}'), status: 404 }), undefined, 'only a 200 counts')
})

t.test('HTTP details: Server product tokens and <title>', async (t) => {
  t.same(productOf('nginx/1.22.1'), { product: 'nginx', version: '1.22.1' })
  t.same(productOf('SimpleHTTP/0.6 Python/3.11.7'), { product: 'SimpleHTTP/0.6 Python/3.11.7', version: '0.6' })
  t.same(productOf('Caddy'), { product: 'Caddy' })
  t.equal(titleOf('<html><head><TITLE lang="en">  Directory\n listing </TITLE>'), 'Directory listing')
  t.equal(titleOf('<title>\u001b]0;owned\u0007</title>'), '\\u001b]0;owned\\u0007', 'a title is outside text: escaped')
  t.equal(titleOf('<p>no title</p>'), undefined)
})

const base = (over: Partial<Service>): Service => ({ protocol: 'unknown', evidence: [], notes: [], ...over })

t.test('serviceRisks: one risk per id, from the service\'s own facts, worst first', async (t) => {
  const ids = (s: Service): string[] => serviceRisks(s).map((r) => r.id)
  t.same(ids(base({ protocol: 'node-inspector' })), ['code-execution'])
  t.same(ids(base({ protocol: 'chrome-devtools' })), ['code-execution'])
  t.same(ids(base({ protocol: 'http', product: 'Jupyter Server', auth: 'none' })), ['code-execution'])
  t.same(ids(base({ protocol: 'http', product: 'Jupyter Server', auth: 'required' })), [])
  for (const protocol of ['redis', 'postgres', 'mongodb', 'docker-api'] as const) {
    t.same(ids(base({ protocol, auth: 'none' })), ['no-auth'], `${protocol} without credentials`)
    t.same(ids(base({ protocol, auth: 'required' })), [], `${protocol} with credentials`)
    t.same(ids(base({ protocol, auth: 'unknown' })), [], `${protocol} unknown: no claim`)
  }
  t.same(ids(base({ protocol: 'ssh', auth: 'none' })), [], 'no-auth is for databases and admin APIs only')
  const web = base({ protocol: 'http', product: 'Ollama', auth: 'none', web: { foreignHostAnswered: true, corsAnyOrigin: true, websocketAnyOrigin: true } })
  t.same(ids(web).sort(), ['cors-any-origin', 'dns-rebinding', 'no-auth', 'websocket-any-origin'])
  t.same(ids(base({ protocol: 'http', web: { foreignHostAnswered: false, corsAnyOrigin: false, websocketAnyOrigin: false } })), [])
  const mixed = serviceRisks(base({ protocol: 'node-inspector', web: { foreignHostAnswered: true } }))
  t.same(mixed.map((r) => r.severity), ['high', 'medium'], 'worst first')
  for (const r of mixed) {
    t.ok(r.evidence.length > 0 && r.fix.length > 0, `${r.id}: evidence and fix`)
    t.notOk(r.id === 'network-exposure', 'exposure is the command\'s')
  }
  const quoted = serviceRisks(base({ protocol: 'redis', auth: 'none', evidence: ['PING -> +PONG'] }))[0]!
  t.match(quoted.evidence, /\(PING -> \+PONG\)/, 'the evidence quotes what was seen')
})

/** A real listener of ours that answers with `reply`: first thing (a greeting), or after the client's first bytes. */
async function answering (reply: Uint8Array, first: boolean): Promise<{ port: number, close (): Promise<void> }> {
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    socket.on('close', () => sockets.delete(socket))
    if (first) socket.end(reply)
    else socket.once('data', () => socket.end(reply))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()) }),
  }
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/

t.test('fingerprint never throws, keeps its deadline and escapes whatever a server sends', async (t) => {
  await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), fc.boolean(), async (reply, first) => {
    const server = await answering(reply, first)
    try {
      const t0 = Date.now()
      const s = await fingerprint('127.0.0.1', server.port, { deadlineMs: 400 })
      const took = Date.now() - t0
      if (took > 2000) throw new Error(`took ${took} ms with a 400 ms deadline`)
      if (!Array.isArray(s.evidence) || !Array.isArray(s.notes) || typeof s.protocol !== 'string') throw new Error('not a Service')
      for (const line of [...s.evidence, ...s.notes, s.product ?? '', s.version ?? '']) {
        if (CONTROL.test(line)) throw new Error(`raw control character in ${JSON.stringify(line)}`)
      }
    } finally {
      await server.close()
    }
  }), { numRuns: 25 })
  t.pass('25 servers answering arbitrary bytes')
})

t.test('a server that never stops talking: the probe reads a few KB and goes', async (t) => {
  let written = 0
  const sockets = new Set<net.Socket>()
  const server = net.createServer((socket) => {
    sockets.add(socket)
    socket.on('error', () => {})
    const chunk = Buffer.alloc(64 * 1024, 'A')
    const pump = (): void => { while (!socket.destroyed && written < 64 * 1024 * 1024 && socket.write(chunk)) written += chunk.length }
    socket.on('drain', pump)
    pump()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as net.AddressInfo).port
  const t0 = Date.now()
  const s = await fingerprint('127.0.0.1', port)
  t.ok(Date.now() - t0 < 3000, 'done within its deadline (generous bound)')
  t.equal(s.protocol, 'unknown')
  t.match(s.evidence[0], /^greeting: A+…$/, 'its first words quoted, cut short')
  for (const socket of sockets) socket.destroy()
  await new Promise<void>((resolve) => server.close(() => resolve()))
  t.ok(written < 64 * 1024 * 1024, 'it did not read all the server would send')
})

t.test('nothing of ours left open', async (t) => {
  t.same(await liveNetHandles(), [])
  if (isLinux) t.same(await ourSockets(), [])
})
