/**
 * The platforms' own error tables (issue 11): Apple's NSURLErrorDomain (knowledge/nsurl-errors.ts), Mozilla's
 * NSPR, NSS and Necko codes (knowledge/mozilla-errors.ts), WinHTTP's and WinINet's (knowledge/winhttp-errors.ts),
 * Qt's socket texts in Qt's own translations (knowledge/qt-messages.ts). The tables against what their sources say; NSPR's and
 * NSS's against the installed libraries' own error tables; explain against texts those programs print: NSS itself
 * (through test/fixtures/nss-client.py) failing real handshakes on loopback, Qt's error enums from a real Qt client
 * and server (test/fixtures/qt-client.cpp), and Apple's and Gecko's errors in the print formats of their source
 * (CFError's description, NSError's fallback, Gecko's Exception::ToString).
 */
import t, { type Test } from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import net from 'node:net'
import { fileURLToPath } from 'node:url'
import { explain } from '../src/diagnose/explain/explain.js'
import { cfStreamErrorDomains, nsErrorFallbackFormat, nsErrorFormat, nsUrlErrors } from '../src/diagnose/explain/knowledge/nsurl-errors.js'
import { mozillaErrors } from '../src/diagnose/explain/knowledge/mozilla-errors.js'
import { winHttpErrors } from '../src/diagnose/explain/knowledge/winhttp-errors.js'
import { qtErrorCodes, qtMessages } from '../src/diagnose/explain/knowledge/qt-messages.js'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
// @ts-expect-error: a plain .mjs helper of the generators, without types
import { readQm } from '../tools/knowledge/qm.mjs'
import { mozillaNamesUsed, nsUrlNamesUsed } from '../src/diagnose/explain/lexicon.js'

const NSS_CLIENT = fileURLToPath(new URL('./fixtures/nss-client.py', import.meta.url))
const top = (text: string) => explain(text).candidates[0]!

/** The evidence that decided, as "which evidence counted" shows it. */
const codeEvidence = (text: string) => top(text).because.filter((e) => e.type === 'code' || e.type === 'number').map((e) => e.means)

t.test('the tables hold what their sources say', async (t) => {
  const byCode = new Map(nsUrlErrors.map((e) => [e.code, e]))
  t.match(byCode.get(-1004), { name: 'cannotConnectToHost', objcName: 'NSURLErrorCannotConnectToHost', fromCurl: [{ curl: null, errno: 'ECONNREFUSED' }] })
  t.match(byCode.get(-1001), { name: 'timedOut', fromCurl: [{ curl: 'CURLE_COULDNT_CONNECT', errno: 'ETIMEDOUT' }, { curl: 'CURLE_OPERATION_TIMEDOUT', errno: null }] })
  // corelibs' NSURLError.swift has the SSL block one off; the bridged URLError.Code (Apple's numbering) wins.
  t.match(byCode.get(-1200), { name: 'secureConnectionFailed', corelibsConstant: -1201 })
  t.equal(cfStreamErrorDomains.find((d) => d.name === 'kCFStreamErrorDomainPOSIX')?.code, 1)
  for (const name of nsUrlNamesUsed()) t.ok(nsUrlErrors.some((e) => e.name === name), `URLError.Code.${name} is in the table`)
  const moz = new Map(mozillaErrors.map((e) => [e.name, e]))
  for (const name of mozillaNamesUsed()) t.ok(moz.has(name), `${name} is in the table`)
  t.equal(moz.get('NS_ERROR_CONNECTION_REFUSED')?.code, 0x804B000D, 'Necko\'s nsresult arithmetic')
  t.equal(moz.get('PR_CONNECT_REFUSED_ERROR')?.code, -5981)
  t.equal(moz.get('SSL_ERROR_RX_RECORD_TOO_LONG')?.code, -12263)
  t.same(moz.get('NS_ERROR_NET_INTERRUPT')?.fromNspr, ['PR_END_OF_FILE_ERROR'])
})

const python = spawnSync('python3', ['-c', 'import ctypes; ctypes.CDLL("libssl3.so"); ctypes.CDLL("libnspr4.so")'])
const noNss = python.status === 0 ? false : 'python3 with libnspr4 and libnss3 is needed'

t.test('NSPR\'s and NSS\'s codes are the installed libraries\' own', { skip: noNss }, async (t) => {
  const codes = mozillaErrors.filter((e) => e.family !== 'necko')
  const py = 'import ctypes, json, sys\nn = ctypes.CDLL("libnspr4.so"); s = ctypes.CDLL("libssl3.so")\nn.PR_ErrorToName.restype = ctypes.c_char_p\nn.PR_Init(1, 1, 0); s.SSL_OptionSetDefault(1, 1)\nprint(json.dumps([(n.PR_ErrorToName(c) or b"").decode() for c in json.load(sys.stdin)]))'
  const run = spawnSync('python3', ['-c', py], { input: JSON.stringify(codes.map((e) => e.code)), encoding: 'utf8' })
  t.equal(run.status, 0, run.stderr)
  t.same(JSON.parse(run.stdout), codes.map((e) => e.name), `${codes.length} names`)
})

/** A server of the test's own on 127.0.0.1, port 0, answering each connection with `answer`. */
async function server (t: Test, answer: (s: net.Socket) => void): Promise<number> {
  const srv = net.createServer((s) => { s.on('error', () => {}); answer(s) })
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => srv.close(() => resolve())))
  return (srv.address() as net.AddressInfo).port
}

function nssClient (port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('python3', [NSS_CLIENT, String(port)])
    let out = ''
    child.stdout.on('data', (d: Buffer) => { out += d })
    child.stderr.on('data', (d: Buffer) => { out += d })
    child.on('error', reject)
    child.on('close', () => resolve(out))
  })
}

t.test('NSS failing real handshakes on loopback: explain reads the codes it prints', { skip: noNss }, async (t) => {
  const cases: Array<{ what: string, answer: (s: net.Socket) => void, name: string, kind: string }> = [
    // HTTPS to a plain-HTTP port: the HTTP answer read as a TLS record.
    { what: 'an HTTP server', answer: (s) => s.once('data', () => s.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n')), name: 'SSL_ERROR_RX_RECORD_TOO_LONG', kind: 'protocol-mismatch' },
    { what: 'a server that closes', answer: (s) => s.once('data', () => s.end()), name: 'PR_END_OF_FILE_ERROR', kind: 'hang-up' },
    { what: 'a server that resets', answer: (s) => s.once('data', () => s.resetAndDestroy()), name: 'PR_CONNECT_RESET_ERROR', kind: 'reset' },
  ]
  for (const c of cases) {
    const out = await nssClient(await server(t, c.answer))
    const first = out.split('\n')[0]!
    t.match(first, new RegExp(`^\\* NSS error -\\d+ \\(${c.name}\\)$`), `${c.what}: NSS says ${c.name}`)
    t.equal(top(first).kind, c.kind, `${first} -> ${c.kind}`)
    t.ok(codeEvidence(first).some((m) => m.startsWith(c.name)), `the evidence that counted names ${c.name}`)
    t.equal(top(out).kind, c.kind, 'with NSS\'s text after it too')
  }
})

/** CFError's description (CFError.c: `Error Domain=%@ Code=%ld` then ` "%@"`), "(null)" with no description. */
const nsError = (domain: string, code: number, userInfo = ''): string =>
  nsErrorFormat.replace('%@', domain).replace('%ld', String(code)).replace('%@', '(null)') + userInfo

t.test('Apple\'s NSURLErrorDomain in the formats Foundation prints', async (t) => {
  const expected: Array<[number, string]> = [[-1004, 'refused'], [-1001, 'timeout'], [-1003, 'dns'], [-1005, 'reset'], [-1200, 'protocol-mismatch'], [-1017, 'protocol-mismatch']]
  for (const [code, kind] of expected) {
    const text = nsError('NSURLErrorDomain', code)
    t.equal(top(text).kind, kind, `${text} -> ${kind}`)
    t.ok(codeEvidence(text).some((m) => m.startsWith(`NSURLErrorDomain ${code} = `)), 'the evidence names the code')
  }
  const fallback = nsErrorFallbackFormat.replace('%@', 'NSURLErrorDomain').replace('%ld', '-1003')
  t.equal(top(fallback).kind, 'dns', fallback)
  t.equal(top('NSURLErrorCannotConnectToHost').kind, 'refused', 'the Objective-C name')
  t.equal(top(nsError('NSURLErrorDomain', -1009)).kind, 'unknown', 'notConnectedToInternet is no kind of explain\'s')
  // The stream error beside it, as NSError.swift prints userInfo (`key=value`, joined by ", "): domain 1 is POSIX, so
  // 61 is macOS's ECONNREFUSED; in domain 2 (OSStatus) the same number is not an errno.
  const posix = nsError('kCFErrorDomainCFNetwork', -1004, ' UserInfo={_kCFStreamErrorCodeKey=61, _kCFStreamErrorDomainKey=1}')
  t.ok(codeEvidence(posix).some((m) => /^61 is ECONNREFUSED on macOS/.test(m)), `${posix}: errno 61 on macOS`)
  const status = nsError('kCFErrorDomainCFNetwork', -1, ' UserInfo={_kCFStreamErrorCodeKey=61, _kCFStreamErrorDomainKey=2}')
  t.same(codeEvidence(status), [], `${status}: no errno`)
})

/** Gecko's Exception::ToString: `[Exception... "%s"  nsresult: "0x%x (%s)"  location: "%s"  data: %s]`. */
const geckoException = (code: number, name: string): string =>
  `[Exception... "<no message>"  nsresult: "0x${code.toString(16)} (${name})"  location: "<unknown>"  data: no]`

t.test('Necko\'s nsresults as Gecko prints an exception', async (t) => {
  const code = (name: string): number => mozillaErrors.find((e) => e.name === name)!.code
  for (const [name, kind] of [['NS_ERROR_CONNECTION_REFUSED', 'refused'], ['NS_ERROR_NET_RESET', 'reset'], ['NS_ERROR_NET_TIMEOUT', 'timeout'], ['NS_ERROR_UNKNOWN_HOST', 'dns'], ['NS_ERROR_NET_INTERRUPT', 'hang-up']] as const) {
    const text = geckoException(code(name), name)
    t.equal(top(text).kind, kind, `${text} -> ${kind}`)
  }
  // The number alone (0x804b000e) is NS_ERROR_NET_TIMEOUT.
  t.equal(top(`failed with status 0x${code('NS_ERROR_NET_TIMEOUT').toString(16)}`).kind, 'timeout')
})

t.test('WinHTTP and WinINet codes as Windows programs print them', async (t) => {
  const byCode = new Map(winHttpErrors.map((e) => [e.code, e]))
  t.match(byCode.get(12029), { winhttp: 'ERROR_WINHTTP_CANNOT_CONNECT', wininet: 'ERROR_INTERNET_CANNOT_CONNECT', hresult: '0x80072EFD', hresultSigned: -2147012867 })
  t.match(byCode.get(12031), { winhttp: null, wininet: 'ERROR_INTERNET_CONNECTION_RESET' })
  // The number forms evidence.ts reads for Windows: Python's `[WinError N]`, `error N`, an HRESULT in hex (any case)
  // or signed, as .NET and winget's logs print them (microsoft/winget-pkgs#259435: 0x80072efd, -2147012867), and the names.
  for (const [code, kind] of [[12029, 'refused'], [12002, 'timeout'], [12007, 'dns'], [12030, 'reset'], [12152, 'protocol-mismatch']] as const) {
    const e = byCode.get(code)!
    for (const text of [`[WinError ${code}]`, `error ${code}`, e.hresult, e.hresult.toLowerCase(), String(e.hresultSigned), e.winhttp!, e.wininet!]) {
      t.equal(top(text).kind, kind, `${text} -> ${kind}`)
    }
    t.ok(codeEvidence(e.hresult).some((m) => m.includes(String(code))), 'the evidence names the code')
  }
  t.equal(top('error 12001').kind, 'unknown', 'ERROR_WINHTTP_OUT_OF_HANDLES is no kind of explain\'s')
})

const QT_DE = '/usr/share/qt5/translations/qtbase_de.qm'

t.test('Qt\'s socket texts in Qt\'s own translations', async (t) => {
  if (existsSync(QT_DE)) {
    // The .qm reader against the installed German catalogue: context, English source and translation of one message.
    const de = (readQm(QT_DE) as Array<{ context: string, source: string, translations: string[] }>).find((m) => m.context === 'QNativeSocketEngine' && m.source === 'The remote host closed the connection')
    t.equal(de?.translations[0], qtMessages.find((q) => q.context === 'QNativeSocketEngine' && q.en === 'The remote host closed the connection')?.translations.de, 'the table holds the catalogue\'s text')
  }
  let texts = 0
  let first = 0
  for (const q of qtMessages) {
    for (const [lang, text] of Object.entries(q.translations)) {
      texts++
      const kinds: string[] = explain(text).candidates.slice(0, 3).map((c) => c.kind)
      if (kinds[0] === q.kind) first++
      else t.ok(kinds.includes(q.kind), `${lang} "${text}" (${q.en}): ${q.kind} in the top 3 (${kinds.join(', ')})`)
    }
  }
  // A refusal or timeout of the proxy's connection is read as the plain refusal or timeout in a few languages
  // (14 of 746 when written): the proxy comes second there.
  t.ok(first / texts > 0.95, `${first} of ${texts} translated texts give their kind first`)
})

t.test('Qt\'s error enums: each value explain counts, by name and by number, as Qt, PyQt and PySide print it', async (t) => {
  const byName = new Map(qtErrorCodes.map((q) => [`${q.enum}::${q.name}`, q]))
  // The numbers as the compiler gives them (Qt's reference lists the same).
  t.equal(byName.get('QNetworkReply::NetworkError::ConnectionRefusedError')?.code, 1)
  t.equal(byName.get('QNetworkReply::NetworkError::ProxyConnectionRefusedError')?.code, 101)
  t.equal(byName.get('QAbstractSocket::SocketError::ConnectionRefusedError')?.code, 0)
  t.equal(byName.get('QAbstractSocket::SocketError::SocketTimeoutError')?.code, 5)
  t.equal(byName.get('QAbstractSocket::SocketError::AddressInUseError')?.code, 8)
  for (const q of qtErrorCodes) {
    const [cls, type] = q.enum.split('::') as [string, string]
    for (const text of [`${cls}::${q.name}`, `${q.enum}(${q.name})`, `${cls}.${type}.${q.name}`, `${q.enum}(${q.code})`, `${cls} error ${q.code}`]) {
      t.equal(top(text).kind, q.kind, `${text} -> ${q.kind}`)
    }
    t.ok(codeEvidence(`${cls}::${q.name}`).some((m) => m.startsWith(`${q.enum}::${q.name} (${q.code})`)), `the evidence names ${q.name}`)
  }
  t.equal(top('QNetworkReply error 5').kind, 'unknown', 'OperationCanceledError is no kind of explain\'s')
})

/** test/fixtures/qt-client.cpp compiled against the installed Qt 5, or why it cannot be. */
function buildQtClient (): { bin: string, dir: string } | string {
  const flags = spawnSync('pkg-config', ['--cflags', '--libs', 'Qt5Network'], { encoding: 'utf8' })
  if (flags.status !== 0) return 'Qt 5 (qtbase5-dev) and pkg-config are needed'
  const dir = mkdtempSync(join(tmpdir(), 'qt-client-'))
  const bin = join(dir, 'qt-client')
  const cc = spawnSync('g++', ['-fPIC', '-o', bin, fileURLToPath(new URL('./fixtures/qt-client.cpp', import.meta.url)), ...flags.stdout.trim().split(/\s+/)], { encoding: 'utf8', timeout: 120_000 })
  if (cc.status !== 0) { rmSync(dir, { recursive: true, force: true }); return `g++ could not build the Qt client: ${(cc.stderr ?? String(cc.error)).split('\n')[0]}` }
  return { bin, dir }
}

const qtClient = process.platform === 'linux' ? buildQtClient() : 'Linux only'

t.test('a real Qt client and server: explain reads the enum a Qt program prints, and its number', { skip: typeof qtClient === 'string' && qtClient }, async (t) => {
  const { bin, dir } = qtClient as { bin: string, dir: string }
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const run = (args: string[]): { status: number | null, lines: string[] } => {
    // No proxy from the environment: the requests go to this test's own ports on loopback, nowhere else.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(?:https?|all|no)_proxy$/i.test(k)))
    const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 20_000, env: { ...env, QT_QPA_PLATFORM: 'offscreen' } })
    return { status: r.status, lines: r.stderr.trim().split('\n') }
  }
  const held = await server(t, (s) => s.end())
  // A port that was ours a moment ago and is closed now.
  const closed = await new Promise<number>((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)) })
  })
  const cases = [
    { args: ['tcp', '127.0.0.1', String(held)], ok: true },
    { args: ['tcp', '127.0.0.1', String(closed)], name: 'QAbstractSocket::ConnectionRefusedError', kind: 'refused' },
    { args: ['http', `http://127.0.0.1:${closed}/`], name: 'QNetworkReply::ConnectionRefusedError', kind: 'refused' },
    { args: ['listen', '127.0.0.1', String(held)], name: 'QAbstractSocket::AddressInUseError', kind: 'port-in-use' },
    // TEST-NET-1 is on no interface here: the bind fails before any packet.
    { args: ['listen', '192.0.2.1', '0'], name: 'QAbstractSocket::SocketAddressNotAvailableError', kind: 'address-not-available' },
  ]
  for (const c of cases) {
    const got = run(c.args)
    if (c.ok === true) { t.equal(got.status, 0, `${c.args.join(' ')}: connected to the test's own listener`); continue }
    t.equal(got.status, 1, `${c.args.join(' ')} failed`)
    t.equal(got.lines[0], c.name, `Qt printed ${c.name}`)
    t.match(got.lines[1], /^Q\w+ error \d+$/, 'and the number')
    for (const line of got.lines) t.equal(top(line).kind, c.kind, `${line} -> ${c.kind}`)
  }
})
