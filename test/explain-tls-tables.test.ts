/**
 * The TLS libraries' own error tables (issue 11, knowledge/tls-errors.ts): OpenSSL 3's reason codes and GnuTLS's
 * codes against the installed libraries, and explain against what real programs print when a TLS client meets a
 * plain server of the test's own on 127.0.0.1 (one that answers in HTTP, one that closes, one that resets) and when
 * a plain client meets a TLS server of the test's own (a certificate made by `openssl req -x509` in a temp dir):
 * openssl s_client, curl, python3's ssl, Node's tls, gnutls-cli and git (libcurl-gnutls).
 */
import t, { type Test } from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import tls from 'node:tls'
import { tmpdir } from 'node:os'
import { inspect } from 'node:util'
import { join } from 'node:path'
import { explain } from '../src/diagnose/explain/explain.js'
import { KINDS } from '../src/diagnose/explain/signatures.js'
import { opensslLibs, opensslPackings, tlsErrors } from '../src/diagnose/explain/knowledge/tls-errors.js'

const has = (cmd: string, ...args: string[]): boolean => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0
const byName = new Map(tlsErrors.map((e) => [e.name, e]))

/** What explain read from `text`: the first candidate's kind, and every code's `means` (any candidate's). */
function reading (text: string): { kind: string, codes: string[] } {
  const r = explain(text)
  return { kind: r.candidates[0]!.kind, codes: r.candidates.flatMap((c) => c.because.filter((e) => e.type === 'code').map((e) => `${c.kind}: ${e.means}`)) }
}

t.test('the table holds what the headers say', async (t) => {
  const wrong = byName.get('SSL_R_WRONG_VERSION_NUMBER')!
  t.match(wrong, { library: 'openssl', lib: 20, code: 267, packed: '0A00010B', text: 'wrong version number', kind: 'protocol-mismatch' })
  t.match(byName.get('SSL_R_UNEXPECTED_EOF_WHILE_READING'), { packed: '0A000126', kind: 'hang-up' })
  t.match(byName.get('GNUTLS_E_PREMATURE_TERMINATION'), { library: 'gnutls', code: -110, text: 'The TLS connection was non-properly terminated.', kind: 'hang-up' })
  t.match(byName.get('SSL_ERROR_SYSCALL'), { code: 5, text: null })
  t.match(byName.get('MBEDTLS_ERR_SSL_CONN_EOF'), { library: 'mbedtls', code: -0x7280, packed: '-0x7280', text: 'SSL - The connection indicated an EOF', kind: 'hang-up' })
  t.equal(opensslLibs.SSL, 20)
  // OpenSSL 1.1 printed the same reason with the function's code in the middle: SSL_F_SSL3_GET_RECORD is 143 in 1.1's
  // sslerr.h, and `error:1408F10B:SSL routines:ssl3_get_record:wrong version number` is what it printed.
  const v11 = opensslPackings.find((p) => p.version === '1.1')!
  t.equal(((20 * 2 ** v11.libShift) + (143 * 2 ** v11.funcShift!) + 267).toString(16).toUpperCase(), '1408F10B')
  for (const e of tlsErrors.filter((x) => x.kind !== undefined)) {
    t.ok((KINDS as readonly string[]).includes(e.kind!) && e.weight! > 0 && e.weight! <= 1 && (e.why?.length ?? 0) > 10, `${e.name} has a kind, a weight and a why`)
  }
  t.ok(tlsErrors.filter((e) => e.kind !== undefined).length < tlsErrors.length / 10, 'most codes have no kind')
})

const python = spawnSync('python3', ['-c', 'import ctypes; ctypes.CDLL("libssl.so.3"); ctypes.CDLL("libgnutls.so.30")'])
t.test('the texts and names are the installed libraries\' own', { skip: python.status === 0 ? false : 'python3 with libssl3 and libgnutls30 is needed' }, async (t) => {
  const py = `import ctypes, json, sys
c = ctypes.CDLL("libcrypto.so.3"); s = ctypes.CDLL("libssl.so.3"); g = ctypes.CDLL("libgnutls.so.30")
s.OPENSSL_init_ssl.argtypes = [ctypes.c_uint64, ctypes.c_void_p]; s.OPENSSL_init_ssl(0x00200000, None)
c.ERR_reason_error_string.restype = ctypes.c_char_p; c.ERR_reason_error_string.argtypes = [ctypes.c_ulong]
g.gnutls_strerror_name.restype = ctypes.c_char_p
q = json.load(sys.stdin)
print(json.dumps([[(c.ERR_reason_error_string(int(p, 16)) or b"").decode() for p in q[0]], [(g.gnutls_strerror_name(n) or b"").decode() for n in q[1]]]))`
  const openssl = tlsErrors.filter((e) => e.library === 'openssl' && e.packed !== undefined && e.text !== null)
  const gnutls = tlsErrors.filter((e) => e.library === 'gnutls' && e.text !== null)
  const run = spawnSync('python3', ['-c', py], { input: JSON.stringify([openssl.map((e) => e.packed), gnutls.map((e) => e.code)]), encoding: 'utf8' })
  t.equal(run.status, 0, run.stderr)
  const [texts, names] = JSON.parse(run.stdout) as [string[], string[]]
  t.same(texts, openssl.map((e) => e.text), `${openssl.length} OpenSSL texts`)
  t.same(names, gnutls.map((e) => e.name), `${gnutls.length} GnuTLS names`)
})

const mbedtls = spawnSync('python3', ['-c', 'import ctypes; ctypes.CDLL("libmbedcrypto.so.7")'])
t.test('Mbed TLS: the texts are mbedtls_strerror\'s, and explain reads them and the codes as its programs print them', { skip: mbedtls.status === 0 ? false : 'python3 with libmbedcrypto7 is needed' }, async (t) => {
  const codes = tlsErrors.filter((e) => e.library === 'mbedtls')
  const py = 'import ctypes, json, sys\nm = ctypes.CDLL("libmbedcrypto.so.7"); b = ctypes.create_string_buffer(256)\nout = []\nfor c in json.load(sys.stdin):\n  m.mbedtls_strerror(c, b, 256); out.append(b.value.decode())\nprint(json.dumps(out))'
  const run = spawnSync('python3', ['-c', py], { input: JSON.stringify(codes.map((e) => e.code)), encoding: 'utf8' })
  t.equal(run.status, 0, run.stderr)
  const texts = JSON.parse(run.stdout) as string[]
  t.same(texts, codes.map((e) => e.text), `${codes.length} texts`)
  // Mbed TLS's own sample clients print ` ! mbedtls_ssl_handshake returned -0x7280`; curl's backend the code, then the text.
  for (const [i, e] of codes.entries()) {
    if (e.kind === undefined) continue
    t.equal(reading(`  ! mbedtls_ssl_handshake returned ${e.packed!}`).kind, e.kind, `${e.packed!} (${e.name}): ${e.kind}`)
    t.equal(reading(texts[i]!).kind, e.kind, `"${texts[i]!}": ${e.kind}`)
  }
})

/** A plain server of the test's own on 127.0.0.1, port 0, doing `answer` with each connection's first bytes. */
async function plainServer (t: Test, answer: (s: net.Socket) => void): Promise<number> {
  const srv = net.createServer((s) => { s.on('error', () => {}); s.once('data', () => answer(s)) })
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => srv.close(() => resolve())))
  return (srv.address() as net.AddressInfo).port
}

/** A program's output (stdout and stderr), run without blocking the servers above. */
function run (cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, LC_ALL: 'C', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    child.stdout.on('data', (d: Buffer) => { out += d })
    child.stderr.on('data', (d: Buffer) => { out += d })
    const timer = setTimeout(() => child.kill(), 20000)
    child.on('error', reject)
    child.on('close', () => { clearTimeout(timer); resolve(out) })
  })
}

const PYTHON_CLIENT = 'import socket, ssl, sys\ntry:\n  ssl._create_unverified_context().wrap_socket(socket.create_connection(("127.0.0.1", int(sys.argv[1]))))\nexcept Exception as e:\n  print(f"{type(e).__name__}: {e}")'

/** Node's own TLS client, its error as a program would log it (`code: message`). */
function nodeClient (port: number): Promise<string> {
  return new Promise((resolve) => {
    const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false })
    s.on('error', (err: NodeJS.ErrnoException) => { s.destroy(); resolve(`${err.code}: ${err.message}`) })
    s.on('secureConnect', () => { s.destroy(); resolve('connected') })
  })
}

interface Client { name: string, skip: string | false, talk: (port: number) => Promise<string> }
const CLIENTS: Client[] = [
  { name: 'openssl s_client', skip: has('openssl', 'version') ? false : 'no openssl', talk: (p) => run('openssl', ['s_client', '-connect', `127.0.0.1:${p}`]) },
  { name: 'curl', skip: has('curl', '--version') ? false : 'no curl', talk: (p) => run('curl', ['-sS', '-k', `https://127.0.0.1:${p}/`]) },
  { name: 'python3 ssl', skip: python.status === 0 ? false : 'no python3', talk: (p) => run('python3', ['-c', PYTHON_CLIENT, String(p)]) },
  { name: 'node tls', skip: false, talk: nodeClient },
]

// What each client's TLS library says, by server: the code explain must read, and the kind.
const EXPECT: Record<string, Record<string, [string | null, string]>> = {
  http: { 'openssl s_client': ['SSL_R_WRONG_VERSION_NUMBER', 'protocol-mismatch'], curl: ['SSL_R_WRONG_VERSION_NUMBER', 'protocol-mismatch'], 'python3 ssl': ['SSL_R_WRONG_VERSION_NUMBER', 'protocol-mismatch'], 'node tls': ['SSL_R_WRONG_VERSION_NUMBER', 'protocol-mismatch'] },
  // curl prints SSL_get_error()'s SSL_ERROR_SYSCALL for an EOF in the handshake (its own code 35 says TLS failed, and ranks first).
  close: { 'openssl s_client': ['SSL_R_UNEXPECTED_EOF_WHILE_READING', 'hang-up'], curl: ['SSL_ERROR_SYSCALL', 'protocol-mismatch'], 'python3 ssl': ['SSL_R_UNEXPECTED_EOF_WHILE_READING', 'hang-up'], 'node tls': [null, 'reset'] },
}
const ANSWERS: Record<string, (s: net.Socket) => void> = {
  http: (s) => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'),
  close: (s) => s.end(),
}

for (const [server, expected] of Object.entries(EXPECT)) {
  t.test(`TLS clients against a plain server that ${server === 'http' ? 'answers in HTTP' : 'closes'}`, async (t) => {
    const port = await plainServer(t, ANSWERS[server]!)
    for (const client of CLIENTS) {
      if (client.skip) { t.pass(client.name, { skip: client.skip }); continue }
      const out = await client.talk(port)
      const [name, kind] = expected[client.name]!
      const r = reading(out)
      t.equal(r.kind, kind, `${client.name}: ${kind} (${out.trim().split('\n').slice(-2).join(' | ').slice(0, 200)})`)
      const entry = name === null ? undefined : byName.get(name)!
      if (entry) t.ok(r.codes.some((c) => c.startsWith(`${entry.kind!}: `) && c.includes(name!)), `${client.name}: explain reads ${name} as ${entry.kind!} (${r.codes.join('; ')})`)
    }
  })
}

const gnutlsCli = has('gnutls-cli', '--version') ? false : 'no gnutls-cli (apt-get install gnutls-bin)'
t.test('gnutls-cli prints the table\'s texts, which explain reads', { skip: gnutlsCli }, async (t) => {
  const cases: Array<[string, (s: net.Socket) => void, string, string]> = [
    ['answers in HTTP', ANSWERS.http!, 'GNUTLS_E_UNEXPECTED_PACKET', 'protocol-mismatch'],
    ['closes', ANSWERS.close!, 'GNUTLS_E_PREMATURE_TERMINATION', 'hang-up'],
    ['resets', (s) => s.resetAndDestroy(), 'GNUTLS_E_PULL_ERROR', 'reset'],
  ]
  for (const [what, answer, name, kind] of cases) {
    const port = await plainServer(t, answer)
    const out = await run('gnutls-cli', ['--insecure', '-p', String(port), '127.0.0.1'])
    t.ok(out.includes(`*** Fatal error: ${byName.get(name)!.text}`), `a server that ${what}: gnutls-cli prints ${name}'s text`)
    t.equal(reading(out).kind, kind, `a server that ${what}: ${kind}`)
  }
})

t.test('plain clients against a TLS server, and a TLS server that closes without close_notify', { skip: has('openssl', 'version') ? false : 'no openssl' }, async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'tls-tables-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' })
  t.equal(made.status, 0, 'openssl req made a certificate')
  const serverErrors: string[] = []
  // After the handshake, the first request is answered by dropping the TCP connection: no close_notify.
  const srv = tls.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, (s) => { s.on('error', () => {}); s.once('data', () => s.destroy()) })
  srv.on('tlsClientError', (err: NodeJS.ErrnoException) => serverErrors.push(`${err.code}: ${err.message}`))
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => srv.close(() => resolve())))
  const port = (srv.address() as net.AddressInfo).port

  // Plain HTTP to the TLS port: the server's OpenSSL reads `GET ` where a ClientHello belongs.
  if (has('curl', '--version')) {
    await run('curl', ['-sS', `http://127.0.0.1:${port}/`])
    const logged = serverErrors.join('\n')
    t.match(logged, /ERR_SSL_HTTP_REQUEST/, 'the server\'s error is OpenSSL\'s http request')
    const r = reading(logged)
    t.equal(r.kind, 'protocol-mismatch')
    t.ok(r.codes.some((c) => c.startsWith('protocol-mismatch: ') && c.includes('0A00009C is SSL_R_HTTP_REQUEST')), `explain reads error:0A00009C (${r.codes.join('; ')})`)
  }
  // git's libcurl-gnutls: the response's read meets EOF without close_notify.
  if (has('git', '--version')) {
    const out = await run('git', ['ls-remote', `https://127.0.0.1:${port}/repo`], { GIT_SSL_NO_VERIFY: '1', GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', HOME: dir })
    if (!out.includes('GnuTLS')) t.pass('git', { skip: `git is not built on GnuTLS here: ${out.trim().slice(0, 120)}` })
    else {
      t.match(out, /GnuTLS recv error \(-110\)/, 'git prints GnuTLS\'s -110')
      const r = reading(out)
      t.equal(r.kind, 'hang-up')
      t.ok(r.codes.some((c) => c.startsWith('hang-up: ') && c.includes('GNUTLS_E_PREMATURE_TERMINATION')), `explain reads -110 as GNUTLS_E_PREMATURE_TERMINATION (${r.codes.join('; ')})`)
    }
  }
})

// ---- Schannel (Windows' TLS): the table against the committed winerror.h extract, and explain's reading ----------
const WINERROR = 'tools/knowledge/sources/mingw-w64+mingw-w64/mingw-w64-headers/include/winerror.h'

t.test('Schannel: every SEC_E_/SEC_I_/CRYPT_E_ define of the extract is in the table, with its three numbers', async (t) => {
  const lines = readFileSync(WINERROR, 'utf8').split('\n')
  const numbered = lines.flatMap((l) => { const m = /^#define ((?:SEC_[EI]|CRYPT_E)_\w+) \S*?(0x[0-9A-F]{8})\)+$/.exec(l); return m ? [[m[1]!, m[2]!] as const] : [] })
  const aliased = lines.flatMap((l) => { const m = /^#define (SEC_[EI]_\w+) (SEC_[EI]_\w+)$/.exec(l); return m ? [[m[1]!, m[2]!] as const] : [] })
  const schannel = tlsErrors.filter((e) => e.library === 'schannel')
  t.same(schannel.map((e) => [e.name, e.packed]), numbered, `${numbered.length} codes, in the header's order`)
  for (const e of schannel) t.ok(e.unsigned === parseInt(e.packed!, 16) && e.code === (e.unsigned! | 0), `${e.name}: ${e.packed} = ${e.unsigned} = ${e.code}`)
  for (const [alias, name] of aliased) t.ok(byName.get(name)!.aliases?.includes(alias), `${alias} is an alias of ${name}`)
  t.match(byName.get('SEC_E_ILLEGAL_MESSAGE'), { packed: '0x80090326', code: -2146893018, unsigned: 2148074278, kind: 'protocol-mismatch' })
  t.match(byName.get('SEC_I_CONTEXT_EXPIRED'), { packed: '0x00090317', code: 590615, kind: 'hang-up' })
})

t.test('Schannel: a labelled code is read by name, in parentheses, after HRESULT, signed and next to a TLS word; an unlabelled one is not', async (t) => {
  const labelled = tlsErrors.filter((e) => e.library === 'schannel' && e.kind !== undefined)
  t.ok(labelled.length >= 5 && labelled.length < 15, `${labelled.length} labelled`)
  for (const e of labelled) {
    const forms = [
      `schannel: next InitializeSecurityContext failed: ${e.name} (${e.packed!.toLowerCase()})`,
      `System.ComponentModel.Win32Exception (${e.packed!}): …`,
      `HRESULT: ${e.packed!}`,
      `The SSL connection could not be established: ${e.packed!}`,
      // The signed decimal only for the failures (0x8009…): a SEC_I_ code's is a small positive number, not read alone.
      ...(e.code < 0 ? [`at System.Net.Security.SslStream … HResult=${e.code}`, `NativeErrorCode: ${e.code}`] : []),
    ]
    for (const text of forms) {
      const r = reading(text)
      t.ok(r.codes.some((c) => c.startsWith(`${e.kind!}: `) && c.includes(e.name)), `${JSON.stringify(text)}: ${e.name} read as ${e.kind!} (${r.codes.join('; ')})`)
    }
  }
  // The decisive one ranks first: .NET's message for https:// to a port that does not speak TLS.
  t.equal(reading('System.Security.Authentication.AuthenticationException: Authentication failed ---> System.ComponentModel.Win32Exception (0x80090326)').kind, 'protocol-mismatch')
  for (const name of ['SEC_E_UNTRUSTED_ROOT', 'CRYPT_E_REVOCATION_OFFLINE', 'SEC_E_INTERNAL_ERROR']) {
    const e = byName.get(name)!
    t.equal(e.kind, undefined, `${name} has no kind`)
    t.same(reading(`schannel: next InitializeSecurityContext failed: ${name} (${e.packed!.toLowerCase()}) HRESULT ${e.code}`).codes, [], `${name}: no code evidence`)
  }
})

t.test('one code printed twice (Node\'s ERR_SSL_ name and OpenSSL\'s error: code) counts once', async (t) => {
  const port = await plainServer(t, ANSWERS.http!)
  const err = await new Promise<NodeJS.ErrnoException>((resolve) => {
    const s = tls.connect({ host: '127.0.0.1', port, rejectUnauthorized: false })
    s.on('error', (e: NodeJS.ErrnoException) => { s.destroy(); resolve(e) })
  })
  t.equal(err.code, 'ERR_SSL_WRONG_VERSION_NUMBER', 'a real TLS client met a plain HTTP server')
  // What a program logs with console.error(err): the message carries `error:0A00010B:`, the properties the code's name.
  const logged = inspect(err)
  t.match(logged, /error:0A00010B:/)
  t.match(logged, /code: 'ERR_SSL_WRONG_VERSION_NUMBER'/)
  const top = explain(logged).candidates.find((c) => c.kind === 'protocol-mismatch')!
  const pieces = top.because.filter((e) => e.type === 'code' && e.means.includes('SSL_R_WRONG_VERSION_NUMBER'))
  t.equal(pieces.length, 1, `one piece for the code, not one per printed form (${pieces.map((e) => e.text).join('; ')})`)
})

t.test('an errno name and its number (a real refusal, as a log prints it) count once', async (t) => {
  const free = net.createServer().listen(0, '127.0.0.1')
  await new Promise((resolve) => free.once('listening', resolve))
  const port = (free.address() as net.AddressInfo).port
  await new Promise((resolve) => free.close(resolve))
  const err = await new Promise<NodeJS.ErrnoException>((resolve) => net.connect(port, '127.0.0.1').once('error', resolve))
  t.equal(err.code, 'ECONNREFUSED', 'a real connect to a port just closed was refused')
  for (const logged of [`connect ${err.code} (errno ${err.errno})`, `socket error WSA${err.code} (10061)`]) {
    const top = explain(logged).candidates.find((c) => c.kind === 'refused')!
    const pieces = top.because.filter((e) => e.type === 'code' || e.type === 'number')
    t.equal(pieces.length, 1, `${logged}: one piece for ECONNREFUSED (${pieces.map((e) => e.text).join('; ')})`)
  }
})
