// TLS libraries' own error tables, as their programs print them: OpenSSL 3's reason codes of the SSL and BIO
// libraries (`error:0A00010B:SSL routines::wrong version number`; Python's `[SSL: WRONG_VERSION_NUMBER]`; Node's
// `ERR_SSL_WRONG_VERSION_NUMBER`), its SSL_get_error() results (curl's `SSL_ERROR_SYSCALL`), how 3.0 and 1.1 pack a
// code (`0A00010B` in 3.0, `1408F10B` in 1.1: the same reason 267), and GnuTLS's codes (`GNUTLS_E_PREMATURE_TERMINATION`,
// -110), and Mbed TLS's SSL and NET codes (`-0x7280`, `SSL - The connection indicated an EOF`). Names and numbers from
// the installed headers; the English texts from the installed libraries' own tables
// (ERR_reason_error_string, gnutls_strerror, checked against gnutls_strerror_name, mbedtls_strerror), read through python3's ctypes as
// gen-mozilla.mjs reads NSS's. GnuTLS's translations are already in program-messages.ts (its gnutls30 catalogue).
// The kind of a code is a judgement, written below (LABELS) with the reason; most codes get none: certificate, key and
// configuration errors are not a failure of a loopback connection.
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { readInstalled, readSource, source, typeImports, writeModule } from './lib.mjs'
import { sourcesDir } from './sources.mjs'

const GENERATOR = 'tools/knowledge/gen-tls.mjs'
/** The documents the Schannel labels' reasons come from, and curl's list of the codes it names (sources.mjs DOCUMENTS). */
const SCHANNEL_DOCS = ['ms-schannel-alerts', 'ms-sspi-status-codes', 'ms-schannel-shutdown', 'curl-sspi-strerror']
const OLD_PACKING = 'documents/openssl-1.1-error-packing.json'

/**
 * explain's reading of the codes that say what happened to a connection: [kind, weight, why].
 * protocol-mismatch: the peer does not speak TLS (plain bytes read as a record), or speaks another version of it.
 * hang-up: the peer closed the connection before or during the handshake. reset / timeout / refused: what the
 * socket under the library reported, where the library names it.
 */
const LABELS = {
  // OpenSSL, SSL library: the record layer reading plain text.
  SSL_R_WRONG_VERSION_NUMBER: ['protocol-mismatch', 1, 'a record header whose version bytes are not TLS: an HTTP reply (`HTTP/1.1`) or another protocol\'s greeting read as a TLS record'],
  SSL_R_HTTP_REQUEST: ['protocol-mismatch', 1, 'a TLS server read `GET `/`POST` where a ClientHello belongs: plain HTTP to a TLS port'],
  SSL_R_HTTPS_PROXY_REQUEST: ['protocol-mismatch', 0.9, 'a TLS server read `CONNECT`: a proxy request sent to a TLS port'],
  SSL_R_PACKET_LENGTH_TOO_LONG: ['protocol-mismatch', 0.9, 'plain bytes read as a record header give a length no TLS record has'],
  SSL_R_UNKNOWN_PROTOCOL: ['protocol-mismatch', 0.9, 'OpenSSL 1.0\'s words for a first record that is not SSL or TLS'],
  SSL_R_RECORD_LENGTH_MISMATCH: ['protocol-mismatch', 0.6, 'a record whose length does not match its content: not TLS, or broken on the way'],
  SSL_R_BAD_RECORD_TYPE: ['protocol-mismatch', 0.7, 'a record type TLS does not have: plain bytes read as a record'],
  SSL_R_WRONG_SSL_VERSION: ['protocol-mismatch', 0.8, 'the peer\'s record or hello carries a version this side does not speak'],
  SSL_R_UNKNOWN_SSL_VERSION: ['protocol-mismatch', 0.6, 'a version number OpenSSL does not know'],
  SSL_R_UNSUPPORTED_PROTOCOL: ['protocol-mismatch', 0.6, 'the two sides share no TLS version (an old server, or a minimum set too high)'],
  SSL_R_VERSION_TOO_LOW: ['protocol-mismatch', 0.6, 'the peer offered only versions below this side\'s minimum'],
  SSL_R_TLSV1_ALERT_PROTOCOL_VERSION: ['protocol-mismatch', 0.6, 'the peer\'s protocol_version alert: it does not speak the version offered'],
  SSL_R_UNEXPECTED_MESSAGE: ['protocol-mismatch', 0.5, 'a handshake message out of place: often a server that is not speaking TLS'],
  SSL_R_UNEXPECTED_RECORD: ['protocol-mismatch', 0.5, 'a record type out of place in the handshake'],
  // A TLS peer that refused the handshake: the connection reached TLS, but the two sides' versions or ciphers do not meet.
  SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE: ['protocol-mismatch', 0.5, 'the peer\'s handshake_failure alert: no version, cipher or group in common (or a missing SNI)'],
  SSL_R_NO_SHARED_CIPHER: ['protocol-mismatch', 0.5, 'the server found no cipher it shares with the client'],
  // OpenSSL 3: EOF from the socket before the peer's close_notify, in the handshake most often a server that closed.
  // Decisive, as ECONNRESET is: the library's own code is more specific than the client's code wrapped around it
  // (`curl: (56) OpenSSL SSL_read: error:0A000126:…`, where curl's 56 is any failed receive).
  SSL_R_UNEXPECTED_EOF_WHILE_READING: ['hang-up', 1, 'OpenSSL 3 raises it only when read() returned 0 (the peer closed) before its close_notify (ssl3_read_n); a plain server that drops the ClientHello gives it'],
  // OpenSSL, BIO library: the socket under TLS (the system library line before it carries the errno).
  BIO_R_CONNECT_ERROR: ['refused', 0.6, 'any failed connect() (BIO_connect): most often refused; the system library line before it carries the errno, which decides'],
  BIO_R_NBIO_CONNECT_ERROR: ['refused', 0.5, 'a non-blocking connect() that failed; the errno line decides'],
  BIO_R_CONNECT_TIMEOUT: ['timeout', 0.9, 'BIO_do_connect_retry() ran out of time'],
  BIO_R_TRANSFER_TIMEOUT: ['timeout', 0.7, 'a BIO read or write ran out of time'],
  BIO_R_LOOKUP_RETURNED_NOTHING: ['dns', 0.8, 'BIO_lookup(): getaddrinfo() returned no address'],
  BIO_R_UNABLE_TO_BIND_SOCKET: ['port-in-use', 0.5, 'a bind() that failed: most often the address is in use; the errno line decides'],
  // OpenSSL, SSL_get_error() results: the kind of failure a call ended in (curl prints them by name).
  SSL_ERROR_SYSCALL: ['hang-up', 0.5, 'the socket call under TLS failed or returned 0: curl prints it for a peer that closed in the handshake (a reset it prints as the errno\'s text instead)'],
  SSL_ERROR_ZERO_RETURN: ['hang-up', 0.6, 'the peer closed the TLS session (close_notify)'],
  // GnuTLS: the record layer reading plain text.
  GNUTLS_E_UNEXPECTED_PACKET: ['protocol-mismatch', 0.8, 'a record type out of place: plain text where a TLS record belongs (https:// to a plain-HTTP port)'],
  GNUTLS_E_UNEXPECTED_PACKET_LENGTH: ['protocol-mismatch', 0.7, 'plain bytes read as a TLS record header give an impossible length'],
  GNUTLS_E_RECORD_OVERFLOW: ['protocol-mismatch', 0.7, 'a record longer than TLS allows: plain text read as a record'],
  GNUTLS_E_UNSUPPORTED_VERSION_PACKET: ['protocol-mismatch', 0.6, 'a record or hello whose version GnuTLS does not speak: often plain text'],
  GNUTLS_E_UNEXPECTED_HANDSHAKE_PACKET: ['protocol-mismatch', 0.4, 'a handshake message out of place'],
  GNUTLS_E_FATAL_ALERT_RECEIVED: ['protocol-mismatch', 0.5, 'the peer speaks TLS and refused the handshake: versions or ciphers do not meet'],
  // GnuTLS: the connection under TLS.
  GNUTLS_E_PREMATURE_TERMINATION: ['hang-up', 1, 'only an EOF from the socket (recv() returned 0) before the peer\'s close_notify gives it: the peer closed (`curl: (56) GnuTLS recv error (-110)`: curl\'s 56 is any failed receive)'],
  GNUTLS_E_SESSION_EOF: ['hang-up', 0.5, 'the peer ended the session'],
  GNUTLS_E_PULL_ERROR: ['reset', 0.5, 'recv() under TLS failed, most often with ECONNRESET'],
  GNUTLS_E_PUSH_ERROR: ['reset', 0.4, 'send() under TLS failed (EPIPE or ECONNRESET)'],
  GNUTLS_E_TIMEDOUT: ['timeout', 0.7, 'the handshake or a read ran past its timeout'],
  // Mbed TLS: the record layer, and its own socket layer (net_sockets.c maps errno to these).
  MBEDTLS_ERR_SSL_INVALID_RECORD: ['protocol-mismatch', 0.9, 'a record header that is not TLS (ssl_parse_record_header): an HTTP reply read as a record'],
  MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION: ['protocol-mismatch', 0.6, 'the peer\'s hello carries a version this side does not speak'],
  MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE: ['protocol-mismatch', 0.6, 'a handshake message out of place: often a server that is not speaking TLS'],
  MBEDTLS_ERR_SSL_UNEXPECTED_RECORD: ['protocol-mismatch', 0.5, 'a record out of place'],
  MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE: ['protocol-mismatch', 0.5, 'the peer speaks TLS and refused the handshake with an alert'],
  MBEDTLS_ERR_SSL_CONN_EOF: ['hang-up', 0.9, 'the socket read returned 0 (the peer closed) in the middle of a record or the handshake'],
  MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY: ['hang-up', 0.6, 'the peer closed the TLS session (close_notify)'],
  MBEDTLS_ERR_SSL_TIMEOUT: ['timeout', 0.8, 'a read ran past mbedtls_ssl_conf_read_timeout'],
  MBEDTLS_ERR_NET_CONN_RESET: ['reset', 1, 'net_sockets.c returns it for ECONNRESET (and EPIPE on a send)'],
  MBEDTLS_ERR_NET_CONNECT_FAILED: ['refused', 0.7, 'any failed connect() of mbedtls_net_connect: most often refused'],
  MBEDTLS_ERR_NET_UNKNOWN_HOST: ['dns', 1, 'mbedtls_net_connect: getaddrinfo() failed'],
  MBEDTLS_ERR_NET_BIND_FAILED: ['port-in-use', 0.6, 'mbedtls_net_bind: bind() failed, most often the address is in use'],
  MBEDTLS_ERR_NET_RECV_FAILED: ['reset', 0.5, 'recv() failed with an errno other than ECONNRESET'],
  MBEDTLS_ERR_NET_SEND_FAILED: ['reset', 0.5, 'send() failed with an errno other than EPIPE or ECONNRESET'],
  // Schannel (Windows' TLS, through SSPI), by Microsoft's documentation of the codes: the alerts table
  // (https://learn.microsoft.com/en-us/windows/win32/secauthn/schannel-error-codes-for-tls-and-ssl-alerts), the SSPI
  // status codes (https://learn.microsoft.com/en-us/windows/win32/secauthn/sspi-status-codes) and the shutdown page
  // (https://learn.microsoft.com/en-us/windows/win32/secauthn/shutting-down-an-schannel-connection). SEC_E_INTERNAL_ERROR
  // (the peer's internal_error alert, or the Local Security Authority's own failure) says nothing of the connection and
  // has no kind, as OpenSSL's TLSV1_ALERT_INTERNAL_ERROR has none; certificate and credential codes have none either.
  SEC_E_ILLEGAL_MESSAGE: ['protocol-mismatch', 0.8, 'a record or handshake message Schannel cannot parse, and the code for the peer\'s unexpected_message, record_overflow, handshake_failure, illegal_parameter and decode_error alerts (Microsoft\'s alerts table): another protocol\'s bytes read as TLS, or a TLS peer that refused the handshake'],
  SEC_E_INVALID_TOKEN: ['protocol-mismatch', 0.6, 'the token handed to Schannel (the peer\'s handshake bytes) is not a valid one (SSPI status codes): bytes that are not a TLS handshake, often plain HTTP on the port'],
  SEC_E_ALGORITHM_MISMATCH: ['protocol-mismatch', 0.5, 'client and server do not possess a common algorithm (SSPI status codes), and the peer\'s insufficient_security alert (alerts table): the two sides\' versions or ciphers do not meet'],
  SEC_E_UNSUPPORTED_FUNCTION: ['protocol-mismatch', 0.4, 'the peer\'s protocol_version alert (alerts table): it does not speak the TLS version offered; elsewhere any function the package does not support'],
  SEC_E_APPLICATION_PROTOCOL_MISMATCH: ['protocol-mismatch', 0.5, 'application protocol negotiation (ALPN) found no protocol both sides speak (SSPI status codes)'],
  SEC_I_CONTEXT_EXPIRED: ['hang-up', 0.6, 'DecryptMessage returns it when the message sender has shut the connection down (Microsoft\'s shutdown page): the peer closed the TLS session, as SSL_ERROR_ZERO_RETURN'],
  SEC_E_CONTEXT_EXPIRED: ['hang-up', 0.4, 'the application used a context that was already closed (SSPI status codes): most often a send after the peer had ended the session'],
}

const defines = (text, prefix) => [...text.matchAll(new RegExp(`^#\\s*define (${prefix}\\w+) (-?\\d+)\\b`, 'gm'))].map((m) => [m[1], Number(m[2])])
const number = (text, name) => {
  const m = new RegExp(`^#\\s*define ${name} +(\\S+)`, 'm').exec(text)
  if (!m) throw new Error(`no ${name}`)
  return Number(m[1].replace(/L$/, '').replace(/^0X/, '0x'))
}

// ---- OpenSSL: the packings ------------------------------------------------------------------------------------------
const errH = readInstalled('openssl-err-h')
if (!/# ?define ERR_PACK\(lib, func, reason\) \\\n\s+\(\(\(\(unsigned long\)\(lib\) & ERR_LIB_MASK\) << ERR_LIB_OFFSET\) \| \(\(\(unsigned long\)\(reason\) & ERR_REASON_MASK\)\)\)/.test(errH)) throw new Error('err.h: OpenSSL 3\'s ERR_PACK changed')
if (!/^#\s*define ERR_SYSTEM_FLAG \(\(unsigned int\)INT_MAX \+ 1\)$/m.test(errH)) throw new Error('err.h: ERR_SYSTEM_FLAG changed')
const LIB = { SYS: number(errH, 'ERR_LIB_SYS'), SSL: number(errH, 'ERR_LIB_SSL'), BIO: number(errH, 'ERR_LIB_BIO') }
const v3 = { version: '3', libShift: number(errH, 'ERR_LIB_OFFSET'), libMask: number(errH, 'ERR_LIB_MASK'), reasonMask: number(errH, 'ERR_REASON_MASK'), systemFlag: 2 ** 31, source: 'openssl-err-h' }
const old = JSON.parse(readFileSync(join(sourcesDir, OLD_PACKING), 'utf8'))
const v11 = { version: '1.1', libShift: old.libShift, libMask: old.libMask, funcShift: old.funcShift, reasonMask: old.reasonMask, source: old.source }
// The library numbers did not change (3.0 kept 1.1's ERR_LIB_* list): one numbering decodes both packings' libraries.
for (const [name, n] of Object.entries(LIB)) if (old.libs[name] !== n) throw new Error(`ERR_LIB_${name} differs between 1.1 and 3`)

// ---- OpenSSL: the codes -------------------------------------------------------------------------------------------
const entries = []
for (const [name, code] of defines(readInstalled('openssl-sslerr'), 'SSL_R_')) entries.push({ library: 'openssl', name, lib: LIB.SSL, code, source: 'openssl-sslerr' })
for (const [name, code] of defines(readInstalled('openssl-bioerr'), 'BIO_R_')) entries.push({ library: 'openssl', name, lib: LIB.BIO, code, source: 'openssl-bioerr' })
const sslH = readInstalled('openssl-ssl-h')
for (const [name, code] of defines(sslH, 'SSL_ERROR_')) entries.push({ library: 'openssl', name, code, text: null, source: 'openssl-ssl-h' })

// OPENSSL_init_ssl with the SSL strings loads the crypto library's too (BIO's among them).
const sslStrings = number(sslH, 'OPENSSL_INIT_LOAD_SSL_STRINGS')
const opensslPy = `
import ctypes, json, sys
ssl = ctypes.CDLL('libssl.so.3'); crypto = ctypes.CDLL('libcrypto.so.3')
ssl.OPENSSL_init_ssl.argtypes = [ctypes.c_uint64, ctypes.c_void_p]
crypto.ERR_reason_error_string.restype = ctypes.c_char_p; crypto.ERR_reason_error_string.argtypes = [ctypes.c_ulong]
ssl.OPENSSL_init_ssl(${sslStrings}, None)
out = {}
for packed in json.load(sys.stdin):
  s = crypto.ERR_reason_error_string(packed)
  out[packed] = s.decode() if s else None
print(json.dumps(out))`
const pack3 = (lib, reason) => ((lib & v3.libMask) * 2 ** v3.libShift) + (reason & v3.reasonMask)
const withLib = entries.filter((e) => e.lib !== undefined)
const ossl = spawnSync('python3', ['-c', opensslPy], { input: JSON.stringify(withLib.map((e) => pack3(e.lib, e.code))), encoding: 'utf8' })
if (ossl.status !== 0) throw new Error(`reading OpenSSL's error tables failed (python3, libssl3): ${ossl.stderr}`)
const osslText = JSON.parse(ossl.stdout)
for (const e of withLib) {
  const packed = pack3(e.lib, e.code)
  e.packed = packed.toString(16).toUpperCase().padStart(8, '0')
  e.text = osslText[packed]
  if (e.text) e.source = 'openssl-libcrypto'
}
// The library knows every reason the header names (a missing text would mean the packing above is wrong).
const untexted = withLib.filter((e) => !e.text).map((e) => e.name)
if (untexted.length > 5) throw new Error(`OpenSSL has no text for ${untexted.length} codes: ${untexted.slice(0, 5).join(', ')} …`)
if (entries.find((e) => e.name === 'SSL_R_WRONG_VERSION_NUMBER')?.packed !== '0A00010B') throw new Error('SSL_R_WRONG_VERSION_NUMBER is not 0A00010B')

// ---- GnuTLS -------------------------------------------------------------------------------------------------------
// gnutls.h defines some codes twice (an old name kept for a renamed one): the library's name (gnutls_strerror_name),
// which programs print, is the entry's; the header's others are `aliases`.
const gnutlsH = readInstalled('gnutls-h')
const gnutlsNumbered = defines(gnutlsH, 'GNUTLS_E_').filter(([, code]) => code < 0)
// `#define GNUTLS_E_SRP_PWD_ERROR GNUTLS_E_KEYFILE_ERROR`: another name for a numbered code.
const gnutlsRenamed = [...gnutlsH.matchAll(/^#\s*define (GNUTLS_E_\w+) (GNUTLS_E_\w+)$/gm)].map((m) => [m[1], gnutlsNumbered.find(([n]) => n === m[2])?.[1]]).filter(([, c]) => c !== undefined)
const gnutlsDefines = [...gnutlsNumbered, ...gnutlsRenamed]
const gnutlsPy = `
import ctypes, json, sys
g = ctypes.CDLL('libgnutls.so.30')
g.gnutls_strerror.restype = ctypes.c_char_p; g.gnutls_strerror_name.restype = ctypes.c_char_p
out = {}
for code in json.load(sys.stdin):
  n = g.gnutls_strerror_name(code); s = g.gnutls_strerror(code)
  out[code] = [n.decode() if n else None, s.decode() if s else None]
print(json.dumps(out))`
const codes = [...new Set(gnutlsDefines.map(([, c]) => c))]
const gt = spawnSync('python3', ['-c', gnutlsPy], { input: JSON.stringify(codes), encoding: 'utf8' })
if (gt.status !== 0) throw new Error(`reading GnuTLS's error table failed (python3, libgnutls30): ${gt.stderr}`)
const gnutlsTable = JSON.parse(gt.stdout)
for (const code of codes) {
  const names = gnutlsDefines.filter(([, c]) => c === code).map(([n]) => n)
  const [name, text] = gnutlsTable[code]
  // A header code the library does not know (defined for a feature this build lacks): the header's name, no text.
  if (name !== null && !names.includes(name)) throw new Error(`GnuTLS calls ${code} ${name}, the header ${names.join(', ')}`)
  const main = name ?? names[0]
  const aliases = names.filter((n) => n !== main)
  entries.push({ library: 'gnutls', name: main, ...(aliases.length ? { aliases } : {}), code, text: name === null ? null : text, source: name === null ? 'gnutls-h' : 'gnutls-lib' })
}

// ---- Mbed TLS -----------------------------------------------------------------------------------------------------
// `#define MBEDTLS_ERR_SSL_CONN_EOF -0x7280` in ssl.h and net_sockets.h; mbedtls_strerror (in libmbedcrypto, which
// carries every module's texts) gives `SSL - The connection indicated an EOF`, as programs print it after the code.
const mbedDefines = ['mbedtls-ssl-h', 'mbedtls-net-h'].flatMap((id) => [...readInstalled(id).matchAll(/^#define (MBEDTLS_ERR_\w+) +(-0x[0-9A-F]{4})$/gm)].map((m) => [m[1], m[2], id]))
const mbedPy = `
import ctypes, json, sys
m = ctypes.CDLL('libmbedcrypto.so.7')
buf = ctypes.create_string_buffer(256)
out = []
for code in json.load(sys.stdin):
  m.mbedtls_strerror(code, buf, 256); out.append(buf.value.decode())
print(json.dumps(out))`
const mb = spawnSync('python3', ['-c', mbedPy], { input: JSON.stringify(mbedDefines.map(([, hex]) => -parseInt(hex.slice(1), 16))), encoding: 'utf8' })
if (mb.status !== 0) throw new Error(`reading Mbed TLS's error texts failed (python3, libmbedcrypto7): ${mb.stderr}`)
JSON.parse(mb.stdout).forEach((text, i) => {
  const [name, hex, id] = mbedDefines[i]
  // A code this build does not know comes back as `UNKNOWN ERROR CODE (7080)`: the header's, without a text.
  const known = !text.startsWith('UNKNOWN ERROR CODE')
  entries.push({ library: 'mbedtls', name, code: -parseInt(hex.slice(1), 16), packed: hex, text: known ? text : null, source: known ? 'mbedtls-lib' : id })
})

// ---- Schannel ----------------------------------------------------------------------------------------------------
// Windows' TLS reports HRESULTs (`#define SEC_E_ILLEGAL_MESSAGE _HRESULT_TYPEDEF_(0x80090326)` in winerror.h), which
// programs print by name (curl's Curl_sspi_strerror: `SEC_E_ILLEGAL_MESSAGE (0x80090326)`), in hex (.NET's
// `Win32Exception (0x80090326)`) or as the signed 32-bit number (`HResult: -2146893018`). The CRYPT_E_ codes kept are
// the revocation results curl's Curl_sspi_strerror names, which InitializeSecurityContext returns as its failure.
// `#define SEC_E_NO_SPM SEC_E_INTERNAL_ERROR`: another name for a code, kept as an alias.
const winerror = readSource('mingw-winerror')
const schannel = []
for (const m of winerror.matchAll(/^#define ((?:SEC_[EI]|CRYPT_E)_\w+) (?:_HRESULT_TYPEDEF_\(|\(\(HRESULT\))(0x[0-9A-F]{8})\)+$/gm)) {
  const unsigned = Number(m[2])
  schannel.push({ library: 'schannel', name: m[1], code: unsigned | 0, packed: m[2], unsigned, text: null, source: 'mingw-winerror' })
}
for (const m of winerror.matchAll(/^#define (SEC_[EI]_\w+) (SEC_[EI]_\w+)$/gm)) {
  const e = schannel.find((x) => x.name === m[2])
  if (!e) throw new Error(`winerror.h: ${m[1]} names ${m[2]}, which it does not define`)
  e.aliases = [...(e.aliases ?? []), m[1]]
}
const schannelLines = winerror.split('\n').filter((l) => /^#define (SEC_[EI]_|CRYPT_E_)/.test(l)).length
if (schannel.length + schannel.reduce((n, e) => n + (e.aliases?.length ?? 0), 0) !== schannelLines) throw new Error('winerror.h: a SEC_/CRYPT_E_ line the generator does not read')
if (schannel.find((e) => e.name === 'SEC_E_ILLEGAL_MESSAGE')?.code !== -2146893018) throw new Error('SEC_E_ILLEGAL_MESSAGE is not -2146893018')
// Their English texts: the SDK's MessageText for each code, as winresult's generated doc comments carry it (one or more
// `///` lines before the code's constant). Only the text is taken; the code must be the one winerror.h gives.
const sdkTexts = new Map()
let doc = []
for (const line of readSource('winresult-sec').split('\n')) {
  if (line.startsWith('/// ')) { doc.push(line.slice(4).trim()); continue }
  const m = /from_constant\((0x[0-9A-F]{8})\); \/\/ (SEC_[EI]_\w+)$/.exec(line)
  if (m && doc.length > 0) sdkTexts.set(m[2], { packed: m[1], text: doc.join(' ') })
  doc = []
}
for (const e of schannel) {
  const t = sdkTexts.get(e.name)
  if (t === undefined) continue
  if (t.packed !== e.packed) throw new Error(`winresult gives ${e.name} as ${t.packed}, winerror.h as ${e.packed}`)
  if (t.text !== e.name) Object.assign(e, { text: t.text, textSource: 'winresult-sec' })
}
if (schannel.find((e) => e.name === 'SEC_E_ILLEGAL_MESSAGE')?.text !== 'The message received was unexpected or badly formatted.') throw new Error('SEC_E_ILLEGAL_MESSAGE\'s text is not the SDK\'s')
entries.push(...schannel)

// ---- labels -------------------------------------------------------------------------------------------------------
for (const [name, [kind, weight, why]] of Object.entries(LABELS)) {
  const e = entries.find((x) => x.name === name)
  if (!e) throw new Error(`LABELS names ${name}, which no header defines`)
  Object.assign(e, { kind, weight, why })
}
if (new Set(entries.map((e) => `${e.library}:${e.lib ?? ''}:${e.name}`)).size !== entries.length) throw new Error('duplicate name')

const ids = [...new Set([...entries.map((e) => e.source), ...entries.flatMap((e) => e.textSource ?? []), 'openssl-err-h', old.source, ...SCHANNEL_DOCS])]
const count = (f) => entries.filter(f).length
const out = writeModule('tls-errors', {
  generator: GENERATOR,
  summary: [`TLS libraries' error codes: OpenSSL ${count((e) => e.lib === LIB.SSL)} SSL and ${count((e) => e.lib === LIB.BIO)} BIO reasons, ${count((e) => e.library === 'openssl' && e.lib === undefined)} SSL_get_error() results; GnuTLS ${count((e) => e.library === 'gnutls')} codes; Mbed TLS ${count((e) => e.library === 'mbedtls')} SSL and NET codes; Schannel ${count((e) => e.library === 'schannel')} SEC_E_/SEC_I_/CRYPT_E_ codes; ${count((e) => e.kind)} with a kind.`],
  types: typeImports(['OpensslPacking', 'TlsError']),
  exports: [
    { name: 'tlsErrorSources', type: 'Record<string, KnowledgeSource>', value: Object.fromEntries(ids.map((id) => [id, source(id)])), doc: 'The sources the entries cite.' },
    { name: 'opensslLibs', type: 'Record<string, number>', value: LIB, doc: 'OpenSSL\'s library numbers (err.h ERR_LIB_*), the same in 1.1 and 3.' },
    { name: 'opensslPackings', type: 'readonly OpensslPacking[]', value: [v3, v11], doc: 'How OpenSSL 3 and 1.1 pack a library and reason into the code they print.' },
    { name: 'tlsErrors', type: 'readonly TlsError[]', value: entries, doc: 'OpenSSL (sslerr.h, bioerr.h, ssl.h order), GnuTLS (gnutls.h order), Mbed TLS (ssl.h, net_sockets.h order), Schannel (winerror.h order).' },
  ],
})
console.log(`${out}: ${entries.length} codes, ${count((e) => e.kind)} with a kind`)
