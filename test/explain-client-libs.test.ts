/**
 * Client libraries' own errors (knowledge/client-errors.ts), made live: undici, Node's streams, Python's http.client,
 * requests, httpx and aiohttp, and Java's NIO and HttpClient each meet a service of this test's own on 127.0.0.1
 * (port 0) that closes without a reply, sends a body shorter than its Content-Length, or answers in another protocol;
 * explain must read the text the library really printed as the failure it was, and say which library name it read.
 * A client that is not installed here is skipped, never faked. The only address not opened here is Java's unresolved
 * name, which by construction is never looked up (InetSocketAddress.createUnresolved).
 */
import t from 'tap'
import net from 'node:net'
import http from 'node:http'
import http2 from 'node:http2'
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { inspect } from 'node:util'
import { request } from 'undici'
import { explain } from '../src/diagnose/explain/explain.js'
import { closeBeforeReply, truncatedBody, type Misbehaviour } from '../src/services/behaviours/misbehave.js'
import { whenRequested } from '../src/services/behaviours/request.js'

/** Another protocol on the port: an SSH server's banner where an HTTP status line should be. */
const sshBanner: Misbehaviour = (socket) => whenRequested(socket, () => socket.end('SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3\r\n'))

async function serve (t: { teardown (fn: () => unknown): void }, behaviour: Misbehaviour): Promise<string> {
  const server = net.createServer((socket) => behaviour(socket))
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}/`
}

/**
 * The kind explain puts first, and what its evidence from the client-errors table (for any candidate) says it read:
 * `aiohttp's ClientPayloadError`.
 */
function read (text: string, library: string): { kind: string | undefined, means: string[] } {
  const { candidates } = explain(text)
  return { kind: candidates[0]?.kind, means: candidates.flatMap((c) => c.because.map((b) => b.means)).filter((m) => m.startsWith(`${library}'s `)) }
}

t.test('undici (npm): the codes of its own errors, and llhttp\'s', async (t) => {
  const closing = await serve(t, closeBeforeReply)
  const banner = await serve(t, sshBanner)
  const closed = await request(closing).then(() => null, (e: Error) => e)
  t.equal((closed as NodeJS.ErrnoException | null)?.code, 'UND_ERR_SOCKET', 'the real error is a SocketError')
  t.match(read(inspect(closed), 'undici'), { kind: 'hang-up', means: ["undici's UND_ERR_SOCKET"] })
  // undici 7 sets no code on its parser's error (llhttp's HPE_* reaches Node's own http client only): its class and
  // message say it, and explain's own wording pattern for parse errors already reads the line.
  const garbage = await request(banner).then(() => null, (e: Error) => e)
  t.equal(garbage?.name, 'HTTPParserError', 'the real error is a parse error')
  t.equal(read(inspect(garbage), 'undici').kind, 'protocol-mismatch')
})

t.test('Node\'s http client: llhttp\'s code for an answer that is not HTTP', async (t) => {
  const url = await serve(t, sshBanner)
  const err = await new Promise<Error>((resolve) => http.get(url, { agent: false }, (res) => { res.resume(); resolve(new Error('answered')) }).on('error', resolve))
  t.equal((err as NodeJS.ErrnoException).code, 'HPE_INVALID_CONSTANT', `the real error: ${err.message}`)
  t.match(read(inspect(err), 'llhttp'), { kind: 'protocol-mismatch', means: ["llhttp's HPE_INVALID_CONSTANT"] })
})

t.test('Node\'s http2 client: a stream the server resets', async (t) => {
  const server = http2.createServer()
  // RST_STREAM with an error code; the server's own stream then reports that code as its error too.
  server.on('stream', (stream) => {
    stream.on('error', () => {})
    stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const session = http2.connect(`http://127.0.0.1:${(server.address() as net.AddressInfo).port}`)
  // The session reports the stream's error too; the request's is the one users print.
  session.on('error', () => {})
  t.teardown(() => session.destroy())
  const err = await new Promise<Error>((resolve) => {
    const req = session.request({ ':path': '/' })
    req.on('error', resolve)
    req.on('response', () => resolve(new Error('answered')))
    req.end()
  })
  t.equal((err as NodeJS.ErrnoException).code, 'ERR_HTTP2_STREAM_ERROR', `the real error: ${err.message}`)
  t.match(read(inspect(err), 'node'), { kind: 'reset', means: ["node's ERR_HTTP2_STREAM_ERROR"] })
})

const PYTHON = '/usr/bin/python3'

/** Runs a Python snippet with the URL as argv[1]; its uncaught exception's traceback, as a user pastes it. */
function python (code: string, url: string): Promise<string> {
  return new Promise((resolve) => {
    execFile(PYTHON, ['-I', '-c', code, url], { timeout: 20_000 }, (_err, stdout, stderr) => resolve(stdout + stderr))
  })
}

const importable = (module: string): Promise<boolean> =>
  new Promise((resolve) => execFile(PYTHON, ['-I', '-c', `import ${module}`], (err) => resolve(err === null)))

const PY = {
  'http.client': 'import sys, urllib.parse, http.client\nu = urllib.parse.urlsplit(sys.argv[1])\nc = http.client.HTTPConnection(u.hostname, u.port, timeout=10)\nc.request("GET", "/")\nc.getresponse().read()',
  requests: 'import sys, requests\nrequests.get(sys.argv[1], timeout=10, proxies={"http": None})',
  httpx: 'import sys, httpx\nhttpx.get(sys.argv[1], timeout=10, trust_env=False)',
  aiohttp: 'import sys, asyncio, aiohttp\nasync def main():\n    async with aiohttp.ClientSession(trust_env=False) as s:\n        async with s.get(sys.argv[1]) as r:\n            await r.read()\nasyncio.run(main())',
} as const

/** [library, module to import, its snippet, the service, the exception it must raise, the kind, the evidence's library]. */
const PYTHON_CASES: Array<[string, string, string, Misbehaviour, RegExp, string, string]> = [
  ['http.client', 'http.client', PY['http.client'], closeBeforeReply, /http\.client\.RemoteDisconnected: Remote end closed connection without response/, 'hang-up', 'http.client'],
  ['http.client', 'http.client', PY['http.client'], sshBanner, /http\.client\.BadStatusLine: SSH-2\.0/, 'protocol-mismatch', 'http.client'],
  ['http.client', 'http.client', PY['http.client'], truncatedBody, /http\.client\.IncompleteRead: IncompleteRead\(10 bytes read, 90 more expected\)/, 'hang-up', 'http.client'],
  // requests wraps http.client's exception in its own (urllib3 1.26 does not enforce Content-Length: a short body is no error).
  ['requests', 'requests', PY.requests, closeBeforeReply, /requests\.exceptions\.ConnectionError: \('Connection aborted\.', RemoteDisconnected/, 'hang-up', 'http.client'],
  ['aiohttp', 'aiohttp', PY.aiohttp, closeBeforeReply, /aiohttp\.client_exceptions\.ServerDisconnectedError/, 'hang-up', 'aiohttp'],
  ['aiohttp', 'aiohttp', PY.aiohttp, truncatedBody, /aiohttp\.client_exceptions\.ClientPayloadError/, 'hang-up', 'aiohttp'],
  // h11 reads a banner and then the close as a disconnect: httpx says the same words for both, and its class is a candidate.
  ['httpx', 'httpx', PY.httpx, closeBeforeReply, /httpx\.RemoteProtocolError: Server disconnected without sending a response/, 'hang-up', 'httpx'],
]

t.test('Python\'s HTTP clients, when installed: their exception classes', async (t) => {
  if (!existsSync(PYTHON)) return t.pass('no /usr/bin/python3 here', { skip: true })
  for (const [library, module, code, behaviour, raised, kind, evidence] of PYTHON_CASES) {
    if (!(await importable(module))) {
      t.pass(`${library}`, { skip: `${module} is not installed (apt-get install -y python3-${module})` })
      continue
    }
    const text = await python(code, await serve(t, behaviour))
    t.match(text, raised, `${library} raised it for real`)
    t.match(read(text, evidence), { kind, means: [new RegExp(`^${evidence.replace('.', '\\.')}'s `)] }, `${library}: ${raised.source}`)
  }
})

const JAVA_SOURCE = `
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.SocketChannel;

public class Clients {
  public static void main(String[] args) throws Exception {
    if (args[0].equals("nio-unresolved")) {
      // An address whose name is never resolved: connect() throws before any lookup or packet.
      SocketChannel.open().connect(InetSocketAddress.createUnresolved("db.invalid", 5432));
    } else {
      HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(args[1])).build(), HttpResponse.BodyHandlers.ofString());
    }
  }
}
`

function java (dir: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    execFile('java', [join(dir, 'Clients.java'), ...args], { timeout: 60_000 }, (_err, stdout, stderr) => resolve(stdout + stderr))
  })
}

t.test('Java, when installed: java.nio.channels and java.net.http exceptions', async (t) => {
  const version = await new Promise<string | null>((resolve) => execFile('java', ['-version'], (err, _o, stderr) => resolve(err ? null : stderr)))
  if (version === null) return t.pass('no java here', { skip: true })
  const dir = mkdtempSync(join(tmpdir(), 'client-libs-java-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'Clients.java'), JAVA_SOURCE)
  const unresolved = await java(dir, ['nio-unresolved'])
  t.match(unresolved, /java\.nio\.channels\.UnresolvedAddressException/, 'NIO raised it for real')
  t.match(read(unresolved, 'java'), { kind: 'dns', means: ["java's UnresolvedAddressException"] })
  const banner = await java(dir, ['http', await serve(t, sshBanner)])
  t.match(banner, /java\.net\.ProtocolException/, 'HttpClient raised it for real')
  t.match(read(banner, 'java'), { kind: 'protocol-mismatch' })
})
